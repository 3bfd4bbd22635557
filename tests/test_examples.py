"""Every inline rule example runs as a test: ``pytest -k RA001``.

Examples run with the whole built-in rule set, as users run it, and without the
over-deletion guard (examples are short). An example is a REMOVE example for its rule
when the other rules alone do not produce its output: then this rule must fire. Otherwise
it is a near-miss (KEEP) example, and this rule must not touch it, even where another rule
removes something else in it (a date line under a short title, say).
"""

from __future__ import annotations

import pytest

from cleaner import clean, load_rules

RULES = load_rules()
CASES = [(r, k, ex) for r in RULES for k, ex in enumerate(r.examples)]


def is_remove_example(rule, example) -> bool:
    others = [r for r in RULES if r is not rule]
    return clean(example.input, others, max_removed=1.0).text != example.output


@pytest.mark.parametrize("rule,k,example", CASES, ids=[f"{r.code}-{k}" for r, k, _ in CASES])
def test_example(rule, k, example):
    result = clean(example.input, RULES, max_removed=1.0)
    assert result.text == example.output, f"{rule.path}:{example.line}"
    mine = [e for e in result.edits if e.code == rule.code]
    if is_remove_example(rule, example):
        assert mine, f"{rule.code} did not fire on its own example at {rule.path}:{example.line}"
    else:
        assert not mine, f"near-miss example at {rule.path}:{example.line} was touched by {rule.code}"


def test_every_rule_has_a_removing_and_a_keeping_example():
    for rule in RULES:
        kinds = {is_remove_example(rule, ex) for ex in rule.examples}
        assert kinds == {True, False}, f"{rule.code} needs a REMOVE and a KEEP (near-miss) example"
