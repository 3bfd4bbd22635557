"""The review page in a real browser: headless Chromium runs its script, we read the DOM.

Needs Debian's ``chromium`` (``.ci/run`` installs it). Without it the tests are
skipped, unless ``CI`` is set: then a missing browser is a failure. The
screenshot is kept in ``artifacts/review.png`` (ignored by git) for a person to
look at: Arabic must read right to left.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections import Counter

import pytest

from cleaner import clean
from cleaner.cli import main

from conftest import ROOT, SEEDS
from review_page import Page, corpus

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("CI is set but Chromium is not installed: .ci/run installs it with apt-get install chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium); set CI=true to make this a failure")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    base = tmp_path_factory.mktemp("review")
    src = corpus(base / "corpus")
    out = base / "review.html"
    assert main(["report", str(src), "-o", str(out)]) == 0
    return src, out


def browse(chromium, tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    profile.mkdir()
    # the timeout only stops a hung browser; nothing here asserts on time
    done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done


def test_highlights_per_rule_equal_the_edits(chromium, page, tmp_path, rules):
    src, out = page
    dom = browse(chromium, tmp_path, "--dump-dom", out.as_uri()).stdout.decode("utf-8")
    assert 'data-ready="yes"' in dom, "the page's script did not run"
    seen = Page(dom)
    expected = Counter(e.code for f in sorted(src.iterdir())
                       for e in clean(f.read_text(encoding="utf-8"), rules).edits)
    assert seen.edit_marks() == expected and len(expected) >= 10
    assert len(seen.sections) == len(list(src.iterdir()))
    assert not any("hidden" in s for s in seen.sections)
    assert {s["dir"] for s in seen.sections} == {"rtl", "ltr"}


def test_filter_by_rule_runs_in_the_browser(chromium, page, tmp_path):
    _, out = page
    dom = browse(chromium, tmp_path, "--dump-dom", out.as_uri() + "#only=RA001").stdout.decode("utf-8")
    sections = Page(dom).sections
    shown = [s for s in sections if "hidden" not in s]
    assert len(shown) == 2 and all("RA001" in s["data-codes"].split() for s in shown)
    for s in sections:
        for m in s["marks"]:
            assert ("off" in m["class"].split()) == (m["data-code"] != "RA001"), m
    assert '<span id="shown">2</span>' in dom


def test_screenshot_is_saved_as_a_test_artefact(chromium, tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    for seed in SEEDS:
        if seed.name[:3] in ("002", "004"):
            shutil.copy(seed, tmp_path / "seeds" / seed.name)
    monkeypatch.chdir(tmp_path)  # so that the page names the files seeds/...
    html = tmp_path / "shot.html"
    assert main(["report", "seeds", "-o", str(html)]) == 0
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / "review.png"
    png.unlink(missing_ok=True)
    browse(chromium, tmp_path, f"--screenshot={png}", "--window-size=1280,2000", html.as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 50_000, "a page of text and highlights is not a near-empty image"
