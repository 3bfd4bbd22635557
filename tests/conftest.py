"""Shared fixtures. Tests run against the *installed* package (see README)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from cleaner import load_rules

# The suite's rule cache lives in its own folder (subprocesses inherit it), not the user's.
os.environ.setdefault("CLEANER_CACHE_DIR", tempfile.mkdtemp(prefix="cleaner-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
# A one-rule site pack: fill in the pattern with SITE_RULE.format(pattern=...).
SITE_RULE = '''
[[rule]]
code = "ZZ001"
name = "site-footer"
kind = "line"
description = "This site's footer."
pattern = "{pattern}"
'''


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden from the program's output (review the diff by hand).")


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def cleaner_exe() -> str:
    """The installed console script: beside this interpreter, else on PATH."""
    for cand in (Path(sys.executable).parent / "cleaner", shutil.which("cleaner")):
        if cand and Path(cand).exists():
            return str(cand)
    pytest.fail("the `cleaner` console script is not installed; run: pip install '.[test]'")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A rule cache of the test's own, turned on (the suite's is shared by all tests)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    return folder
