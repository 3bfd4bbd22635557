"""`cleaner check`: writes nothing, one line per edit, JSON for tools, a unified diff."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from cleaner.cli import main

from conftest import GOLDEN, SEEDS

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"


@pytest.fixture
def dirty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    return tmp_path / "a.txt"


def test_text_format_one_line_per_edit_and_nothing_written(dirty, capsys):
    assert main(["check", "a.txt"]) == 1
    assert capsys.readouterr().out == "a.txt:2: PC001 back-to-top: زر الذهاب إلى الأعلى\n"
    assert dirty.read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize("content,code", [(DIRTY, 1), (BODY, 0)])
def test_exit_code_says_whether_anything_would_change(tmp_path, content, code, capsys):
    (tmp_path / "a.txt").write_text(content, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == code
    assert (capsys.readouterr().out == "") == (code == 0)


def test_long_and_multi_line_removals_are_shortened(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEEDS[2], "s.txt")
    assert main(["check", "s.txt"]) == 1
    lines = capsys.readouterr().out.splitlines()
    ra = next(line for line in lines if " RA001 " in line)
    assert ra.startswith("s.txt:") and "(+" in ra and ra.endswith(" lines)")
    assert all(len(line.split(": ", 2)[2]) <= 60 + len(" (+999 lines)") for line in lines)


def test_layout_only_change_names_the_first_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(BODY + "x  \n", encoding="utf-8")
    assert main(["check", "a.txt"]) == 1
    out = capsys.readouterr().out
    assert out == ("a.txt:2: layout: white space at line ends, blank lines or the final newline "
                   "would change\n")


def test_json_format_one_object_per_edit(dirty, capsys):
    assert main(["check", "--format", "json", "a.txt"]) == 1
    objs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    start = len(BODY)
    assert objs == [{"path": "a.txt", "line": 2, "end_line": 2, "code": "PC001", "name": "back-to-top",
                     "start": start, "end": len(DIRTY), "text": "زر الذهاب إلى الأعلى\n"}]
    assert DIRTY[objs[0]["start"]:objs[0]["end"]] == objs[0]["text"]


def test_diff_is_a_patch_that_fix_would_make(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    monkeypatch.chdir(corpus)
    for seed in SEEDS:
        shutil.copy(seed, seed.name)
    assert main(["check", "--diff", "."]) == 1
    patch = capsys.readouterr().out
    assert patch.startswith(f"--- a/{SEEDS[0].name}\n+++ b/{SEEDS[0].name}\n@@ ")
    (tmp_path / "p.diff").write_text(patch + "\n", encoding="utf-8")
    subprocess.run(["git", "apply", "--unsafe-paths", str(tmp_path / "p.diff")], check=True)
    for seed in SEEDS:
        assert (corpus / seed.name).read_bytes() == (GOLDEN / seed.name).read_bytes()
    assert main(["check", "--diff", "."]) == 0
    assert capsys.readouterr().out == ""


def test_diff_marks_a_missing_final_newline(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(BODY.rstrip("\n"), encoding="utf-8")
    assert main(["check", "--diff", "a.txt"]) == 1
    assert capsys.readouterr().out.splitlines()[-3:] == [
        "-" + BODY.rstrip("\n"), "\\ No newline at end of file", "+" + BODY.rstrip("\n")]


def test_diff_and_json_together_is_a_usage_error(dirty, capsys):
    assert main(["check", "--diff", "--format", "json", "a.txt"]) == 2
    assert "choose one" in capsys.readouterr().err
