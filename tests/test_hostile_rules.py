"""Rules someone else wrote: a runaway pattern never hangs a run, and is named."""

from __future__ import annotations

import subprocess
import sys

from cleaner import clean, load_rules
from cleaner.cli import main
from cleaner.patterns import nested_quantifier

RUNAWAY = r'''
[[rule]]
code = "ZZ001"
name = "runaway"
kind = "line"
description = "Overlapping alternatives under a repetition: exponential on a near-miss."
pattern = '(\w|\w\w)+'
'''

NESTED = r'''
[[rule]]
code = "ZZ002"
name = "nested"
kind = "line"
description = "A repetition of a repetition."
pattern = '^(\w+\s?)+$'
'''

TEXT = "وقال الوزير إن المفاوضات ستستأنف الأسبوع المقبل في جنيف.\n" + "ab" * 30 + "?\nزر الذهاب إلى الأعلى\n"


def test_runaway_rule_times_out_and_leaves_the_document_alone(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(RUNAWAY, encoding="utf-8")
    rules = load_rules([path])
    result = clean(TEXT, rules, regex_timeout=0.2)
    assert result.timed_out is not None and result.timed_out.code == "ZZ001"
    assert result.edits == [] and result.text == TEXT  # PC001 would have removed a line


def test_without_the_runaway_rule_the_same_text_is_cleaned(tmp_path):
    result = clean(TEXT, load_rules(), regex_timeout=0.2)
    assert result.timed_out is None and [e.code for e in result.edits] == ["PC001"]


def test_cli_names_the_rule_and_finishes(tmp_path):
    rules = tmp_path / "bad.toml"
    rules.write_text(RUNAWAY, encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    # A bound on the whole run: a hang fails the test instead of stalling the suite.
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--rules", str(rules),
                           "--regex-timeout", "0.2", str(src)], capture_output=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.decode() == TEXT
    err = proc.stderr.decode()
    assert "ZZ001 runaway" in err and "bad.toml:2" in err and "ran out of matching time" in err


def test_nested_quantifier_is_warned_at_load_time_with_file_and_line(tmp_path, capsys):
    path = tmp_path / "nested.toml"
    path.write_text(NESTED, encoding="utf-8")
    [rule] = load_rules([path], builtin=False)
    assert rule.warnings and "nested.toml:7: ZZ002 nested: warning:" in rule.warnings[0]
    assert main(["rules", "--rules", str(path)]) == 0
    assert "repeats a repetition ((\\w+\\s?)+)" in capsys.readouterr().err


def test_builtin_rules_have_no_nested_quantifiers():
    assert [w for r in load_rules() for w in r.warnings] == []


def test_nested_quantifier_check_pairs():
    for bad in [r"(a+)+", r"(?:x*y)*z", r"((ab)+c){2,}", r"(?:[-_][a-z0-9]+)*"]:
        assert nested_quantifier(bad), bad
    for good in [r"(a+){0,3}", r"(?: \S{1,40}){0,15}", r"[(+)]+", r"\(a+\)+", r"(ab)+c*"]:
        assert nested_quantifier(good) is None, good
