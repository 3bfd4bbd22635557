"""Engine behaviour: layout, the over-deletion guard, positions, plans."""

from __future__ import annotations

import pytest

from cleaner import apply_edits, clean, layout

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"


@pytest.mark.parametrize("raw,expected", [
    ("a\nb", "a\nb\n"),  # a final newline is added
    ("a\n\n\n\nb\n\n", "a\n\nb\n"),  # blank runs fold; none at the end
    ("\n\n a  \n", " a\n"),  # none at the start; leading space kept, trailing stripped
    ("a\n\u00a0\n \t\nb\n", "a\n\nb\n"),  # NBSP/space-only lines are blank
    ("a\r\nb\r\n", "a\r\nb\r\n"),  # CRLF kept
    ("a\r\n\r\n\r\nb", "a\r\n\r\nb\r\n"),  # CRLF kept, last line gets CRLF
    ("a\r\r\nb\r\n", "a\r\nb\r\n"),  # a CR-only line is blank
    ("text\x00", "text\n"),  # trailing control characters are junk
    ("", ""),
    ("  \n\n", ""),
])
def test_layout(raw, expected):
    assert layout(raw) == expected


def test_layout_is_idempotent():
    for raw in ("a\r\n\r\nb", "x  \n\n\ny", "\u00a0\n a"):
        assert layout(layout(raw)) == layout(raw)


def test_nothing_to_remove_only_normalises_layout(rules):
    result = clean(BODY + "\n\n\n" + BODY.rstrip(), rules)
    assert result.edits == [] and result.text == BODY + "\n" + BODY


def test_guard_holds_back_a_document_that_would_nearly_vanish(rules):
    text = "اترك تعليقاً\nزر الذهاب إلى الأعلى\n" + "نعم.\n"
    result = clean(text, rules)
    assert result.held_back and result.edits == [] and result.text == text
    assert {e.code for e in result.refused} == {"CF001", "PC001"}
    assert result.removed_share > 0.85


def test_guard_limit_is_configurable(rules):
    text = "اترك تعليقاً\nزر الذهاب إلى الأعلى\nنعم.\n"
    assert clean(text, rules, max_removed=1.0).text == "نعم.\n"


def test_read_also_mid_article_keeps_the_article_going(rules):
    text = BODY + "اقرأ أيضا:\nعنوان مقال آخر عن المفاوضات\n" + BODY
    assert clean(text, rules).text == BODY + BODY


def test_read_also_after_source_line_takes_the_rest(rules):
    pasted = "عنوان مقال آخر\n" + BODY * 3
    text = BODY + "المصدر: صدى البلد\nإقرأ أيضاً:\n" + pasted
    result = clean(text, rules)
    assert result.text == BODY
    assert [e.code for e in result.edits] == ["MD001", "RA001"]
    assert result.edits[1].end == len(text)


def test_edit_records_rule_span_and_lines(rules):
    text = BODY + "زر الذهاب إلى الأعلى\n"
    [edit] = clean(text, rules).edits
    assert (edit.code, edit.name, edit.line, edit.end_line) == ("PC001", "back-to-top", 2, 2)
    assert text[edit.start:edit.end] == edit.text == "زر الذهاب إلى الأعلى\n"
    assert apply_edits(text, [edit]) == BODY


def test_section_label_only_at_the_top(rules):
    text = "أخبار العالم\nعنوان الخبر\n" + BODY + "أخبار العالم\n" + BODY
    out = clean(text, rules).text
    assert out == "عنوان الخبر\n" + BODY + "أخبار العالم\n" + BODY


def test_section_label_found_once_a_notice_above_it_is_gone(rules):
    notice = ("Jannah Theme License is not validated, Go to the theme options page to validate "
              "the license, You need a single license for each domain name.\n")
    out = clean(notice + "أخبار العالم\nعنوان الخبر\n" + BODY, rules).text
    assert out == "عنوان الخبر\n" + BODY


def test_kept_lines_and_zones_follow_each_removal(rules):
    """Doc keeps its kept-line list and zones up to date as lines go, rather than
    recomputing them after every edit: after each rule's removals they must be what a
    recomputation from scratch gives. (Checked from outside, rule by rule: the engine
    may be compiled, and then its methods cannot be wrapped.)"""
    from conftest import GOLDEN, SEEDS

    from cleaner.engine import Doc
    from cleaner.literals import index_for

    index = index_for(rules)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + [
        p.read_text(encoding="utf-8") for p in sorted((GOLDEN.parent / "corpus").rglob("*.txt"))[:40]]
    checked = 0
    for text in texts:
        doc = Doc(text, None, index)
        for rule in index.ordered:
            doc._zone_info()  # both memoised before the rule runs: its removals update them
            before = len(doc.edits)
            rule.impl.apply(doc, rule)
            if len(doc.edits) == before:
                continue
            kept, zones = doc._kept, doc._zones
            doc._kept = doc._zones = None
            assert kept == doc.kept()
            if zones is not None:
                assert zones == doc._zone_info()
            checked += 1
    assert checked > 50
