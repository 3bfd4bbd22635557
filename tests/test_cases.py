"""Overflow cases in tests/cases/*.toml, run with the whole built-in rule set.

A file named after a code or a code prefix (RA001.toml, MD.toml) holds cases for those
rules: a case that changes its input must be changed by a rule with that prefix.
hazards.toml holds text that must come out untouched, with no edit at all.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cleaner import clean, layout, load_rules

CASES_DIR = Path(__file__).parent / "cases"
RULES = load_rules()


def _cases():
    for path in sorted(CASES_DIR.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            yield path.stem, case


CASES = list(_cases())


@pytest.mark.parametrize("prefix,case", CASES, ids=[f"{p}-{c['name']}" for p, c in CASES])
def test_case(prefix, case):
    result = clean(case["input"], RULES, max_removed=1.0)
    assert result.text == case["output"]
    if prefix == "hazards":
        assert result.edits == [], [(e.code, e.text) for e in result.edits]
    elif layout(case["input"]) != layout(case["output"]):
        assert any(e.code.startswith(prefix) for e in result.edits)


# Every false-positive hazard named by the policy ("Kept") and the catalog (§10):
# hazards.toml must hold each one in prose, where the whole rule set leaves it alone.
HAZARDS = ["وقال المصدر إن", "يقرأوا أيضا", "[1]", "[تحديث]", "[...]", "آخر تحديث للإحصائية",
           "أنشطة ذات صلة", "اترك القدر على نار هادئة", "شارك في", "تطالعنا", "السباغيتي", "اقرأ",
           "اترك", "ذات صلة", "جميع الحقوق", "التعليقات", "الوسوم", "تابعوا", "واتساب", "طالع",
           "د ب أ", "جيتي", "غيتي", "تعليق : ", "«أحداث.أنفو »", "(موسكو) –", "  • وقال شويغو"]


def test_every_hazard_has_a_keep_case():
    kept = " ".join(c["input"] for p, c in CASES if p == "hazards")
    assert [h for h in HAZARDS if h not in kept] == []


def test_every_case_file_has_cases():
    assert len(CASES) >= 30
    assert {p for p, _ in CASES} >= {"RA001", "RL001", "hazards"}
