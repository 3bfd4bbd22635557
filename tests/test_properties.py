"""Properties that hold for any input: generated Arabic/English text mixed with boilerplate.

The fast profile runs on every `pytest`; the 10,000-case run is marked `slow`
(`pytest -m slow` runs only it, `pytest -m "not slow"` skips it).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import apply_edits, clean, layout, load_rules

RULES = load_rules()

WORDS = ("وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف بحضور الوسطاء "
         "المصدر اترك شارك تابعوا واتساب طالع اقرأ أيضا ذات صلة التعليقات الوسوم جميع الحقوق "
         "رويترز متابعة خاص the minister said talks will resume next week read also share").split()
BOILERPLATE = [
    "إقرأ أيضاً:", "اقرأ أيضا: عنوان مقال آخر", "مقالات مشابهة", "  • عنوان في قائمة", "1. عنوان",
    "المصدر: صدى البلد", "كلمات دلالية: بوتين روسيا", "تاريخ النشر: 13th, September 2023 GMT",
    "المناطق_ متابعات", "اترك تعليقاً", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    "زر الذهاب إلى الأعلى", "أخبار العالم", "الزعيم يزور المصنع - رويترز", "الزعيم يزور المصنع – رويترز",
    "[covid19-ultimate-card region=”EG” rtl=”true”]", "[vc_row][vc_column_text]", "[/vc_column_text][/vc_row]",
    "[caption id=\"a\"]صورة", "[/caption]", "Jannah Theme License is not validated, Go to the theme options page",
    "شارك غرّد أرسل", "// انتهى //", "https://example.com/x", "AHDATH.INFO - متابعة", "\"السفير\"",
    "Read also:", "Related posts", "Leave a Reply", "Share this:", "", " ", "\u00a0", ":",
]
NOISE = ["\u064b", "\u064c", "\u0651", "\u0640", "\u200f", "\u00a0", "\u202b", "\t", "\x00", "«", "»", "–"]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join).map(lambda s: s + ".")
noisy = st.tuples(sentence, st.lists(st.tuples(st.integers(0, 200), st.sampled_from(NOISE)), max_size=3)).map(
    lambda t: _sprinkle(*t))
line = st.one_of(sentence, noisy, st.sampled_from(BOILERPLATE), st.text(max_size=40))
document = st.tuples(st.lists(line, max_size=25), st.sampled_from(["\n", "\r\n"]), st.booleans()).map(
    lambda t: t[1].join(t[0]) + (t[1] if t[2] else ""))


def _sprinkle(text: str, marks: list[tuple[int, str]]) -> str:
    for pos, ch in marks:
        pos = min(pos, len(text))
        text = text[:pos] + ch + text[pos:]
    return text


def check(text: str) -> None:
    result = clean(text, RULES)  # never raises
    out = result.text
    assert apply_edits(text, result.edits) == out
    again = clean(out, RULES)
    assert again.text == out, "cleaning twice changed the text"
    pieces = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    for kept in out.replace("\r\n", "\n").split("\n"):
        assert kept == "" or any(kept in p for p in pieces), f"invented line {kept!r}"
    if result.held_back:
        assert out == layout(text) and result.removed_share > 0.85 and result.refused
    else:
        assert result.removed_share <= 0.85


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_properties_fast(text):
    check(text)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_properties_10k(text):
    check(text)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \n\t\x00\x0b\x0c\x1c\u00a0\u2028\u3000ab\u0627.", max_size=40))
def test_layout_of_lf_text_is_the_line_by_line_layout(text):
    """layout() takes a shortcut (C loops) for text without CR; it must give what the
    line-by-line version gives."""
    from cleaner.engine import _layout_lines

    assert layout(text) == _layout_lines(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="\u064b\u064e\u0651\u0640\u200f\u00a0\u2013\u201c\u00ab\u0623\u0649\u0629\u06cc\u06a9\u060c"
                        "\u0661\u06f2\ufefb\r\t\x00abc\u0627\u064a \u2026\u00e9`\n", max_size=40))
def test_fold_is_the_translation_table(text):
    """fold() replaces characters one str.replace at a time; it must equal the table."""
    from cleaner.fold import _TABLE, fold

    assert fold(text) == text.translate(_TABLE)


CAPTION = next(r for r in RULES if r.impl.NAME == "caption")
CAPTION_BITS = ["رويترز", "أ ف ب", "أ.ف.ب", "واس", " ", " - ", " – ", "(", ")", "\"", "'", "/", "|", "[", "]", ".",
                "تصوير: ", "محمد", "الرئيس يزور المصنع", "Getty Images", "AFP", "a" * 60]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(CAPTION_BITS), max_size=12).map("".join))
def test_caption_tries_only_where_a_match_can_start(line):
    """The caption kind matches at dashes, brackets, quotes and the line start instead of
    searching every position: it must find what the search finds."""
    from cleaner.engine import Doc
    from cleaner.fold import fold

    doc = Doc(line)
    folded = fold(line)
    expected = CAPTION.impl.rx.compiled().search(folded, max(0, len(folded) - 100))
    found = CAPTION.impl._find(doc, 0, doc.flines[0])
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(max_size=80), st.text(alphabet=" \t\n\r\x00\x08\x1c\x7f\x85\u00a0\u2028\u3000a\u0627\u200f",
                                                max_size=80)))
def test_guard_count_of_short_spans_is_the_general_count(text):
    """The guard counts short edit texts a quicker way; it must count what the general way
    (every white space and control character removed) counts."""
    from cleaner.engine import _TRAILING, _nonspace

    assert _nonspace(text) == len(text) - sum(text.count(c) for c in _TRAILING)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet=" \t\n\r\x00\x1c\x85\u00a0\u2028\u3000a\u0627\u200f.",
                                                max_size=60)),
       st.integers(min_value=0, max_value=12))
def test_quick_counts_are_the_general_counts(text, copies):
    """Word counts without splitting (a line's, and a document's lines' at once) give
    what splitting gives; the guard counts a document by spaces and line breaks exactly
    when no other white space is in it, and a long text by one count per kind present."""
    from cleaner.engine import _TRAILING, Doc, _nonspace, word_count

    assert word_count(text) == len(text.split())
    doc = Doc(text)
    assert doc.word_counts() == [len(line.split()) for line in doc.flines]
    # the guard counts by spaces and line breaks alone exactly when no other white space
    # or control character is in the text
    assert doc.plain_space == all(c in " \n" or c not in _TRAILING for c in text)
    long = (text + "\n") * (copies * 40)  # over 500 characters: the document path
    assert _nonspace(long) == len(long) - sum(long.count(c) for c in _TRAILING)
