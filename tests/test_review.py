"""``cleaner report``: the HTML review page, read back without a browser."""

from __future__ import annotations

import doctest
import re
from collections import Counter

import cleaner.review
from cleaner import clean
from cleaner.cli import main

from review_page import ENGLISH, HELD, SPAN, Page, corpus


def build(base, *args):
    base.mkdir(exist_ok=True)
    src = corpus(base / "corpus")
    out = base / "review.html"
    assert main(["report", str(src), "-o", str(out), *args]) == 0
    return src, out.read_text(encoding="utf-8")


def test_docstring_example_runs():
    result = doctest.testmod(cleaner.review)
    assert result.attempted > 0 and result.failed == 0


def test_every_document_is_its_exact_text_with_one_mark_per_edit(tmp_path, rules):
    src, markup = build(tmp_path)
    page = Page(markup)
    files = sorted(src.iterdir())
    assert len(page.sections) == len(files)
    expected = Counter()
    for f, section in zip(files, page.sections):
        text = f.read_text(encoding="utf-8")
        result = clean(text, rules)
        assert section["text"] == text, f"{f.name}: the page must show the original text exactly"
        edits = result.refused if result.held_back else result.edits
        assert [(m["data-code"], m["text"]) for m in section["marks"]] == [(e.code, e.text) for e in edits]
        suffix = " (refused: held back)" if result.held_back else ""
        assert [m["title"] for m in section["marks"]] == [f"{e.code} {e.name}{suffix}" for e in edits]
        expected.update(e.code for e in result.edits)
    assert page.edit_marks() == expected and sum(expected.values()) > 20


def test_direction_per_document(tmp_path):
    _, markup = build(tmp_path)
    dirs = {s["id"]: s["dir"] for s in Page(markup).sections}
    names = [m.group(1) for m in re.finditer(r'<a href="#d\d+">([^<]+)</a>', markup)]
    by_name = dict(zip((n.rsplit("/", 1)[-1] for n in names), dirs.values()))
    assert by_name["en.txt"] == "ltr"
    assert {by_name[n] for n in by_name if n != "en.txt"} == {"rtl"}


def test_held_back_document_shows_the_refused_plan_not_edits(tmp_path):
    _, markup = build(tmp_path)
    held = next(s for s in Page(markup).sections if s["text"] == HELD)
    assert [m["data-code"] for m in held["marks"]] == ["CF001", "PC001"]
    assert all(m["class"].split() == ["refused"] for m in held["marks"])
    assert "Held back: the rules would remove 88%" in markup


def test_text_is_escaped_and_the_page_is_self_contained(tmp_path):
    _, markup = build(tmp_path)
    page = Page(markup)
    assert page.tags["script"] == 1, "the document's <script> is text, not markup"
    assert any(s["text"] == SPAN for s in page.sections)
    assert page.tags["link"] == 0 and page.tags["img"] == 0 and page.tags["iframe"] == 0
    assert all(u.startswith("#") for u in page.urls), page.urls
    head = markup.split("<main>")[0] + markup.split("</main>")[1]
    assert "http" not in head and "url(" not in head and "@import" not in head


def test_totals_table_and_filter_controls(tmp_path, rules):
    src, markup = build(tmp_path)
    rows = re.findall(r'<tr data-code="(\w+)">.*?<td class="n">(\d+)</td><td class="n">(\d+)</td>'
                      r'<td class="n">(\d+)</td><td class="n">(\d+)</td></tr>', markup, re.S)
    per_rule = {code: tuple(map(int, nums)) for code, *nums in rows}
    results = [clean(f.read_text(encoding="utf-8"), rules) for f in sorted(src.iterdir())]
    assert per_rule["RA001"] == (2, 2, sum(len(e.text) for r in results for e in r.edits if e.code == "RA001"), 0)
    assert per_rule["PC001"][3] == 1, "the held-back page's refused PC001 edit is counted apart"
    assert per_rule["EN005"][:2] == (1, 1)
    boxes = re.findall(r'<input type="checkbox" class="rule" id="r-(\w+)" value="\1" checked>', markup)
    assert sorted(boxes) == sorted(per_rule)


def test_changed_only_and_max_docs(tmp_path):
    _, markup = build(tmp_path / "a", "--changed-only", "--max-docs", "3")
    assert len(Page(markup).sections) == 3
    assert "4 more documents not shown" in markup  # 8 files, 7 with edits or a refused plan
    _, markup = build(tmp_path / "b", "--changed-only")
    sections = Page(markup).sections
    assert len(sections) == 7 and all(s["marks"] for s in sections)


def test_unreadable_input_is_named_and_left_out(tmp_path, capsys):
    src = tmp_path / "c"
    src.mkdir()
    (src / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\xff\xfe not utf-8\n")
    out = tmp_path / "r.html"
    assert main(["report", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt: not valid UTF-8" in err and "skipped" in err and "wrote" in err
    assert len(Page(out.read_text(encoding="utf-8")).sections) == 1
