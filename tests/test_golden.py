"""The five seeds come out exactly as tests/golden says, byte for byte.

The golden files are ../shared/seeds/expected copied as they are; they were read
against CLEANING-POLICY.md, not produced by this program.
"""

from __future__ import annotations

import subprocess

import pytest

from cleaner import apply_edits, clean

from conftest import GOLDEN, SEEDS

IDS = [p.stem[:3] for p in SEEDS]


def test_there_are_five_seeds_with_golden_files():
    assert len(SEEDS) == 5
    assert sorted(p.name for p in GOLDEN.glob("*.txt")) == [p.name for p in SEEDS]


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_installed_command_matches_golden(seed, cleaner_exe, tmp_path, request):
    # Run from an unrelated folder: the installed command must find its built-in rules.
    out = subprocess.run([cleaner_exe, "clean"], stdin=seed.open("rb"), capture_output=True,
                         cwd=tmp_path, check=True).stdout
    golden = GOLDEN / seed.name
    if request.config.getoption("--update-golden"):
        golden.write_bytes(out)
    assert out == golden.read_bytes()


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_cleaning_twice_changes_nothing(seed, rules):
    once = clean(seed.read_text(encoding="utf-8"), rules).text
    again = clean(once, rules)
    assert again.text == once
    assert again.edits == []


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_replaying_the_edits_reproduces_the_output(seed, rules):
    text = seed.read_text(encoding="utf-8")
    result = clean(text, rules)
    assert apply_edits(text, result.edits) == result.text
    for e in result.edits:  # every edit is an exact span of the original
        assert text[e.start:e.end] == e.text
        assert text.count("\n", 0, e.start) + 1 == e.line


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_every_kept_line_is_an_original_line(seed, rules):
    text = seed.read_text(encoding="utf-8")
    originals = {line.rstrip() for line in text.split("\n")}
    for line in clean(text, rules).text.splitlines():
        assert line == "" or line in originals


def test_crlf_seed_keeps_crlf(rules):
    text = SEEDS[4].read_text(encoding="utf-8").replace("\n", "\r\n")
    out = clean(text, rules).text
    assert out == (GOLDEN / SEEDS[4].name).read_text(encoding="utf-8").replace("\n", "\r\n")
    assert "\n" not in out.replace("\r\n", "")
