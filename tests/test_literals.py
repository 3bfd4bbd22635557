"""The literal index's shortcuts give what the plain way gives.

* lower-casing only ASCII letters (``bytes.lower``) finds every literal that
  ``str.lower`` finds, for literal sets without cased non-ASCII letters;
* the rules the index lets run on a document are those with a line holding one of their
  literals (``Doc.literal_lines``), or with none to need;
* the lines holding single characters are the same looked up in UTF-8 or in ``str``;
* ``regex`` takes the timeout by position, as the engine assumes when the probe says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from cleaner.engine import Doc, timeout_by_position
from cleaner.fold import fold
from cleaner.literals import _FROM_LOWERING, _TO_ASCII, LiteralIndex, ascii_case_enough, index_for

from conftest import ROOT, SEEDS

PAGES = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))[:4]
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS] + [
    "Tags: Economy, POLITICS\nREAD ALSO: the Story\nاقرأ أيضاً: خبر\n© 2024 — 12:30",
    "Copyright \u212a\u0130 KELVIN\u212a\nالوسوم: اقتصاد",  # the two characters that lower to ASCII
    "",
]


def test_only_two_characters_outside_ascii_lower_case_to_ascii():
    """What ``ascii_case_enough`` relies on, checked against this Python's Unicode tables."""
    to_ascii = [c for c in map(chr, range(0x80, sys.maxunicode + 1))
                if c.lower() != c and any(x.isascii() for x in c.lower())]
    assert tuple(to_ascii) == _TO_ASCII
    produced_uncased = {x for c in map(chr, range(0x80, sys.maxunicode + 1)) if c.lower() != c
                        for x in c.lower() if not x.isascii() and x.lower() == x == x.upper()}
    assert produced_uncased == set(_FROM_LOWERING)


def test_ascii_case_enough_only_without_cased_letters_beyond_ascii():
    assert ascii_case_enough(["ايضا", "tags", "©", "12:30"])
    assert not ascii_case_enough(["également"])  # é has case: É must be lowered to match
    assert not ascii_case_enough(["\u0307"])


@pytest.mark.parametrize("text", TEXTS)
def test_encoded_text_holds_every_literal_str_lower_finds(rules, text):
    index = index_for(rules)
    assert index.ascii_case  # the default packs take the fast path
    folded = fold(text)
    data, full = index.encode(folded), folded.lower().encode("utf-8")
    for lit in index._literals:
        assert (lit.encode("utf-8") in data) == (lit.encode("utf-8") in full), lit
    if "\u212a" in text:
        assert data == full  # lowered in full: K -> k


def test_a_literal_with_case_beyond_ascii_lowers_the_text_in_full():
    index = LiteralIndex([frozenset({"également"})])
    assert not index.ascii_case
    assert index.encode("ÉGALEMENT") == "également".encode("utf-8")


@pytest.mark.parametrize("text", TEXTS + [pytest.param(p, id=p.name) for p in PAGES])
def test_runnable_rules_are_those_with_a_line_holding_a_literal(rules, text):
    if isinstance(text, Path):  # a page: the text trafilatura gives
        from cleaner.html import html_to_text

        text = html_to_text(text.read_bytes())
    index = index_for(rules)
    doc = Doc(text, None, index)
    run = index.runnable(doc.data(), doc.hits())
    assert run == {k for k, r in enumerate(index.ordered)
                   if r.impl.literals is None or doc.literal_lines(r.impl.literals)}
    if text:
        assert 0 < len(run) < len(index.ordered)


@pytest.mark.parametrize("chars", [("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), (":",), ("©",),
                                   ("(", "-", "/", ":", "_", "|"), ("x", "©")])
def test_char_lines_in_utf8_match_the_str_lines(rules, chars):
    index = index_for(rules)
    for text in TEXTS:
        with_index, plain = Doc(text, None, index), Doc(text, None, None)
        want = [i for i, line in enumerate(plain.lower_lines()) if any(c in line for c in chars)]
        assert with_index.char_lines(chars) == plain.char_lines(chars) == want


def test_regex_takes_the_timeout_by_position():
    """The installed regex is one whose signature the engine passes the timeout to by
    position (else every match would pay for keyword parsing)."""
    assert timeout_by_position()
    slow = regex.compile(r"(?:\w+\s?)+\d$")
    with pytest.raises(TimeoutError):
        slow.search("word " * 5000 + "x", 0, None, None, False, 0.01)
