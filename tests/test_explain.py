"""``cleaner explain``: every edit marked at line level, with its code, name and lines."""

from __future__ import annotations

import doctest
import re

import cleaner.explain
from cleaner import clean
from cleaner.cli import main
from cleaner.explain import line_views

from conftest import SEEDS

SEED_003 = next(p for p in SEEDS if p.name.startswith("003_"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_docstring_example_runs():
    result = doctest.testmod(cleaner.explain)
    assert result.attempted > 0 and result.failed == 0


def test_seed_003_every_edit_is_shown_with_its_code_and_lines(capsys, rules):
    text = SEED_003.read_text(encoding="utf-8")
    edits = clean(text, rules).edits
    assert main(["explain", str(SEED_003)]) == 0
    out = capsys.readouterr().out
    assert not ANSI.search(out), "no colour when standard output is not a terminal"
    rows = {int(m.group(1)): m for m in re.finditer(r"^ *(\d+) (.) (\S*) *(\S*) *│ (.*)$", out, re.M)}
    assert len(rows) == len(text.rstrip("\n").split("\n"))
    for e in edits:
        for n in range(e.line, e.end_line + 1):
            assert rows[n].group(2) == "-" and rows[n].group(3) == e.code and rows[n].group(4) == e.name
        assert f"{SEED_003}:{e.line}: {e.code} {e.name}: removed line" in out
    removed = {n for e in edits for n in range(e.line, e.end_line + 1)}
    kept = [n for n in rows if n not in removed]
    assert kept and all(rows[n].group(2) == " " for n in kept)
    lines = text.split("\n")
    assert all(rows[n].group(5) == lines[n - 1] for n in rows), "each line is shown exactly"


def test_partial_line_is_shown_whole_with_the_cut_piece_below(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text('وقال الوزير إن المشروع بدأ. [gallery ids="1,2"] وتابع أنه سينتهي قريبا.\n', encoding="utf-8")
    assert main(["explain", str(src)]) == 0
    out = capsys.readouterr().out.splitlines()
    line = next(i for i, s in enumerate(out) if s.startswith("1 ~ SC"))
    assert out[line].endswith('│ وقال الوزير إن المشروع بدأ. [gallery ids="1,2"] وتابع أنه سينتهي قريبا.')
    assert re.match(r' +\^ SC\d{3} cut +│ \[gallery ids="1,2"\]$', out[line + 1])
    assert re.search(r'a\.txt:1: SC\d{3} [\w-]+: removed 19 characters of line 1: \[gallery', out[-1])


def test_colour_wraps_gutters_and_whole_lines_never_part_of_an_arabic_run(capsys):
    assert main(["explain", "--color", str(SEED_003)]) == 0
    out = capsys.readouterr().out
    assert ANSI.search(out)
    for row in out.splitlines():
        if "│ " not in row:
            continue
        column = row.split("│ ", 1)[1]
        # escapes only at the very start and end of the text column
        assert re.fullmatch(r"(?:\x1b\[[0-9;]*m)*[^\x1b]*(?:\x1b\[0m)?", column), repr(row)
    assert main(["explain", "--no-color", str(SEED_003)]) == 0
    assert not ANSI.search(capsys.readouterr().out)


def test_held_back_document_is_shown_as_such(tmp_path, capsys):
    src = tmp_path / "tiny.txt"
    src.write_text("اترك تعليقاً\nزر الذهاب إلى الأعلى\nنعم.\n", encoding="utf-8")
    assert main(["explain", str(src)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{src}: HELD BACK:")
    assert re.search(r"^2 \? PC001 back-to-top +│ زر الذهاب إلى الأعلى$", out, re.M)
    assert f"{src}:2: PC001 back-to-top: would remove line 2" in out


def test_blank_lines_inside_a_removed_block_are_marked_and_the_last_line_counts():
    text = "عنوان\n\nإقرأ أيضاً:\n\nخبر آخر\nسطر بلا نهاية"
    views = line_views(text, [e for e in clean(text, []).edits])
    assert [v.state for v in views] == [" "] * 6 and views[-1].text == "سطر بلا نهاية"
    from cleaner import load_rules
    edits = clean("نص المقال الأول هنا كاملا.\n\nإقرأ أيضاً:\n\nخبر آخر\n", load_rules()).edits
    views = line_views("نص المقال الأول هنا كاملا.\n\nإقرأ أيضاً:\n\nخبر آخر\n", edits)
    assert [v.state for v in views] == [" ", " ", "-", "-", "-"]


def test_control_characters_are_made_visible(tmp_path, capsys):
    src = tmp_path / "c.txt"
    src.write_bytes("نص\x1b[31m أحمر.\n".encode())
    assert main(["explain", str(src)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "␛[31m" in out
