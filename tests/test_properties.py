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
