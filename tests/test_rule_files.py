"""The built-in rule files themselves: they parse, and they are documented."""

from __future__ import annotations

import re
import tomllib

from cleaner.rules import CODE_RE, NAME_RE, builtin_rules_dir

from conftest import ROOT


def test_rule_files_parse_and_codes_are_unique(rules):
    codes = [c for r in rules for c in (r.code, *r.aliases)]
    assert len(codes) == len(set(codes))
    for r in rules:
        assert CODE_RE.match(r.code) and NAME_RE.match(r.name), r
        assert r.description


def test_every_code_and_kind_is_documented_in_rules_readme(rules):
    readme = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    for r in rules:
        assert re.search(rf"\b{r.code}\b", readme), f"{r.code} is missing from rules/README.md"
    from cleaner.kinds import KINDS
    for kind in KINDS:
        assert f"`{kind}`" in readme


def test_installed_rules_are_the_checkout_rules():
    shipped = {p.name: p.read_bytes() for p in builtin_rules_dir().glob("*.toml")}
    checkout = {p.name: p.read_bytes() for p in (ROOT / "rules").glob("*.toml")}
    assert shipped == checkout, "the installed rule packs are stale: reinstall with pip install ."


def test_rule_files_are_plain_toml():
    for p in (ROOT / "rules").glob("*.toml"):
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        assert set(data) == {"rule"}, p
