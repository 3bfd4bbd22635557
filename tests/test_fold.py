"""Arabic-aware matching: plain phrases match their variants; output bytes never change."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.fold import fold, fold_offsets
from cleaner.kinds import KINDS
from cleaner.patterns import compile_pattern
from cleaner.rules import Rule

# Each variant must match the plainly written phrase "اقرأ أيضا:" as a whole line.
VARIANTS = {
    "plain": "اقرأ أيضا:",
    "hamza-below": "إقرأ أيضاً:",
    "alef-hamza-typo": "أقرأ ايضًا:",
    "no-hamza": "اقرا أيضا:",
    "tanween-before-alef": "اقرأ أيضًا:",
    "damma-typo": "اقرأ أيضاُ:",
    "tatweel": "اقـــرأ أيـضـا:",
    "space-before-colon": "اقرأ أيضا :",
    "double-space": "اقرأ  أيضا:",
    "nbsp": "اقرأ\u00a0أيضا:",
    "rlm": "\u200fاقرأ أيضا:",
    "diacritics": "اِقْرَأْ أَيْضًا:",
}


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_matches_plain_phrase(name):
    rx = compile_pattern("اقرأ أيضا:", template="^[^\\S\\n]*(?:{})$")
    assert rx.search(fold(VARIANTS[name])), name


@pytest.mark.parametrize("text,pattern", [
    ("كلمات دلالية: الزعیم الکوری", "كلمات دلالية: الزعيم الكوري"),  # Persian ی ک
    ("“رويترز”", '"رويترز"'),  # curly quotes
    ("«السفير»", '"السفير"'),  # angle quotes
    ("صنعاء – الرياض", "صنعاء - الرياض"),  # en dash
    ("مواضيع ذات صله", "مواضيع ذات صلة"),  # ta marbuta written as ha
    ("مبنى الى", "مبني إلى"),  # alef maksura / ya
    ("٢٠٢٤", "2024"),  # Arabic-Indic digits
])
def test_folding_merges_spelling_variants(text, pattern):
    assert compile_pattern(pattern).fullmatch(fold(text))


@pytest.mark.parametrize("text,pattern", [
    ("اقرار أيضا", "اقرأ أيضا"),  # a different word
    ("قرأ أيضا", "اقرأ أيضا"),  # a different verb form
])
def test_folding_does_not_merge_different_words(text, pattern):
    assert not compile_pattern(pattern).fullmatch(fold(text))


def test_offsets_map_back_to_exact_original():
    s = "\u200fإقـرأ أيضاً : عنوان"
    m = fold_offsets(s)
    f = fold(s)
    a = f.index("اقرا")
    b = f.index(":") + 1
    assert s[m[a]:m[b]] == "إقـرأ أيضاً :"


def test_span_removal_keeps_the_rest_of_the_line_byte_for_byte():
    impl = KINDS["line"]({"pattern": "(?P<cut>اقرأ أيضا: .+)", "match": "suffix"})
    rule = Rule("XX001", "x", "line", "x", "<test>", 1, impl)
    text = "وقالَ الوزيرُ «نعم» –\u00a0انتهى. إقرأ أيضاً: عنوان آخر\n"
    result = clean(text, [rule], max_removed=1.0)
    assert result.text == "وقالَ الوزيرُ «نعم» –\u00a0انتهى.\n"
    assert result.edits[0].text == "إقرأ أيضاً: عنوان آخر"


def test_odd_space_lists_the_white_space_folding_keeps():
    """The word counts trust that folded text holds no white space but spaces, line
    breaks and ``engine._ODD_SPACE`` (checked here against this Python's Unicode tables)."""
    from cleaner.engine import _ODD_SPACE

    kept = {c for c in map(chr, range(0x110000)) if c.isspace() and fold(c) == c}
    assert kept == {" ", "\n", *_ODD_SPACE}
    assert all(fold(c) in ("", " ") for c in map(chr, range(0x110000)) if c.isspace() and c not in kept)
