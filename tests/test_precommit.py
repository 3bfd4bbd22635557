"""The pre-commit hooks, run by the real `pre-commit` tool as a user's repository would.

`pre-commit try-repo` installs this checkout (its committed and staged state) into
a fresh environment from PyPI, so the test is slow (tens of seconds) and needs the
network; it is the only one that does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import GOLDEN, ROOT, SEEDS

SEED = SEEDS[4]


def pre_commit(*args: str, cwd, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture
def user_repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "corpus"
    repo.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    shutil.copy(SEED, repo / "article.txt")
    subprocess.run(["git", "add", "article.txt"], cwd=repo, check=True, env=env)
    return repo, env


def test_the_manifest_is_valid_for_pre_commit(tmp_path):
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path))
    result = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: cleaner\n" in text and "entry: cleaner fix\n" in text
    assert "- id: cleaner-check\n" in text and "entry: cleaner check\n" in text
    assert text.count("types: [text]") == 2


def test_hook_fails_and_fixes_then_passes(user_repo):
    repo, env = user_repo
    first = pre_commit("try-repo", str(ROOT), "cleaner", "--files", "article.txt", cwd=repo, env=env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "article.txt: 5 edits (CF001, CF002, PC001, PC002, TN001)" in first.stdout
    assert (repo / "article.txt").read_bytes() == (GOLDEN / SEED.name).read_bytes()

    second = pre_commit("try-repo", str(ROOT), "cleaner", "--files", "article.txt", cwd=repo, env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert (repo / "article.txt").read_bytes() == (GOLDEN / SEED.name).read_bytes()
