"""A tiny harness for the kinds' doctests: run one ad-hoc rule on a text."""

from __future__ import annotations

from ..engine import clean
from ..rules import Rule
from . import KINDS


def run(kind: str, conf: dict, text: str) -> str:
    impl = KINDS[kind](dict(conf))
    rule = Rule("XX999", "doctest-rule", kind, "doctest", "<doctest>", 1, impl)
    return clean(text, [rule], max_removed=1.0).text
