"""Every inline rule example runs as a test: ``pytest -k RA001``.

An example whose output differs from its input must be changed by *that* rule;
one whose output equals its input (a near-miss) must not be touched by it.
Examples run with the whole built-in rule set, as users run it, and without the
over-deletion guard (examples are short).
"""

from __future__ import annotations

import pytest

from cleaner import clean, layout, load_rules

RULES = load_rules()
CASES = [(r, k, ex) for r in RULES for k, ex in enumerate(r.examples)]


@pytest.mark.parametrize("rule,k,example", CASES, ids=[f"{r.code}-{k}" for r, k, _ in CASES])
def test_example(rule, k, example):
    result = clean(example.input, RULES, max_removed=1.0)
    assert result.text == example.output, f"{rule.path}:{example.line}"
    mine = [e for e in result.edits if e.code == rule.code]
    if layout(example.input) == layout(example.output):
        assert not mine, f"near-miss example at {rule.path}:{example.line} was touched by {rule.code}"
    else:
        assert mine, f"{rule.code} did not fire on its own example at {rule.path}:{example.line}"
