"""A bad rule file is an error that names the file and line, and exits 2."""

from __future__ import annotations

import pytest

from cleaner.cli import main
from cleaner.rules import RuleError, load_rules

GOOD = '''
[[rule]]
code = "XX001"
name = "good-rule"
kind = "line"
description = "A valid rule."
pattern = "زر الذهاب إلى الأعلى"
'''

# (file text, expected line, fragment of the message)
BAD = {
    "unknown-kind": (GOOD.replace('kind = "line"', 'kind = "lines"'), 5, "unknown kind 'lines'"),
    "unknown-key": (GOOD + 'colour = "red"\n', 8, "unknown key 'colour'"),
    "bad-pattern": (GOOD.replace('pattern = "زر الذهاب إلى الأعلى"', 'pattern = "(?:unclosed"'), 7,
                    "XX001 good-rule: 'pattern' is not a valid pattern"),
    "wrong-type": (GOOD + "max_words = \"five\"\n", 8, "'max_words' must be a integer"),
    "bad-choice": (GOOD + 'zone = "footer"\n', 8, "'zone' must be one of any, head, body, tail"),
    "bad-code": (GOOD.replace('"XX001"', '"read1"'), 3, "code 'read1' must be"),
    "bad-name": (GOOD.replace('"good-rule"', '"Good Rule"'), 4, "must be kebab-case"),
    "missing-key": (GOOD.replace('pattern = "زر الذهاب إلى الأعلى"\n', ""), 2, "needs the key 'pattern'"),
    "duplicate-code": (GOOD + GOOD.replace("good-rule", "other-rule"), 9, "code XX001 is already used"),
    "malformed-toml": (GOOD.replace('kind = "line"', 'kind = "line'), 5, "not valid TOML"),
    "bad-example": (GOOD + '[[rule.example]]\ninput = "x"\n', 8, "needs exactly the string keys"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_rule_file_names_file_and_line(name, tmp_path):
    text, line, fragment = BAD[name]
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules([path], builtin=False)
    assert f"x.toml:{line}:" in str(info.value)
    assert fragment in str(info.value)


def test_good_rule_file_loads(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(GOOD, encoding="utf-8")
    [rule] = load_rules([path], builtin=False)
    assert (rule.code, rule.line, rule.kind) == ("XX001", 2, "line")


def test_cli_reports_rule_error_and_exits_2(tmp_path, capsys):
    path = tmp_path / "x.toml"
    path.write_text(BAD["unknown-key"][0], encoding="utf-8")
    assert main(["clean", "--rules", str(path), "-"]) == 2
    err = capsys.readouterr().err
    assert "x.toml:8: XX001 good-rule: unknown key 'colour'" in err
    assert "Traceback" not in err


def test_builtin_code_clash_is_reported(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD.replace("XX001", "RA001"), encoding="utf-8")
    assert main(["rules", "--rules", str(path)]) == 2
    assert "code RA001 is already used by RA001 read-also" in capsys.readouterr().err


def test_missing_rules_path_is_a_usage_error(tmp_path, capsys):
    assert main(["rules", "--rules", str(tmp_path / "nope.toml")]) == 2
    assert "no such rule file or folder" in capsys.readouterr().err
