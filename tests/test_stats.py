"""`cleaner stats`: per rule documents, edits and characters; documents held back."""

from __future__ import annotations

import json

import pytest

from cleaner.cli import main

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
TOP = "زر الذهاب إلى الأعلى\n"  # PC001: 21 characters with its newline
SOURCE = "المصدر: وكالات\n"  # MD001: 15 characters with its newline
HELD = "اترك تعليقاً\n" + TOP + "نعم.\n"  # nearly all boilerplate: the guard holds it back


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in {"a.txt": BODY + TOP, "b.txt": BODY + SOURCE + TOP, "c.txt": BODY,
                       "held.txt": HELD}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    records = [{"text": BODY + TOP}, {"text": BODY}]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return tmp_path


def test_json_counts_documents_edits_and_characters_per_rule(corpus, capsys):
    assert main(["stats", "--format", "json", "."]) == 0
    captured = capsys.readouterr()
    stats = json.loads(captured.out)
    rows = {r["code"]: r for r in stats["rules"]}
    assert (stats["documents"], stats["changed"], stats["held_back"]) == (6, 3, 1)  # 4 files + 2 records
    assert rows["PC001"] == {"code": "PC001", "name": "back-to-top", "documents": 3, "edits": 3, "chars": 63}
    assert rows["MD001"] == {"code": "MD001", "name": "source-line", "documents": 1, "edits": 1, "chars": 15}
    assert rows["RA001"]["documents"] == rows["RA001"]["edits"] == 0  # every rule is listed
    assert "held.txt: held back" in captured.err  # the held-back document is named
    assert (corpus / "a.txt").read_text(encoding="utf-8") == BODY + TOP  # nothing written


def test_text_table(corpus, capsys):
    assert main(["stats", "."]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "name", "documents", "edits", "chars"]
    assert next(line for line in lines if line.startswith("PC001")).split() == ["PC001", "back-to-top", "3", "3", "63"]
    assert lines[-1] == "documents: 6, changed: 3, held back by the over-deletion guard: 1"


def test_select_limits_the_rows(corpus, capsys):
    assert main(["stats", "--select", "MD001", "--format", "json", "."]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in stats["rules"]] == ["MD001"] and stats["changed"] == 1


def test_a_clean_corpus_has_zero_counts(tmp_path, capsys):
    (tmp_path / "c.txt").write_text(BODY, encoding="utf-8")
    assert main(["stats", "--format", "json", str(tmp_path)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["documents"], stats["changed"], stats["held_back"]) == (1, 0, 0)
    assert sum(r["edits"] for r in stats["rules"]) == 0
