"""``cleaner discover`` on a generated corpus: planted boilerplate found, article text not."""

from __future__ import annotations

import doctest
import tomllib

import pytest

import cleaner.discover
from cleaner import clean, load_rules
from cleaner.cli import main
from cleaner.fold import fold
from cleaner.kinds import KINDS

from synthetic import (BULLETIN, DISCLAIMER, JOIN, KNOWN, PER_DOC, WITNESS, article_lines, make_corpus,
                       sentence)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("discover") / "corpus")


def discover(capsys, *args) -> str:
    assert main(["discover", *map(str, args)]) == 0
    return capsys.readouterr().out


def matcher(rule: dict):
    rx = KINDS["line"]({"pattern": rule["pattern"]}).rx
    return lambda line: bool(rx.search(fold(line)))


def test_docstring_examples_run():
    result = doctest.testmod(cleaner.discover)
    assert result.attempted > 0 and result.failed == 0


def test_planted_lines_are_proposed_most_widespread_first_and_nothing_else(corpus, capsys):
    out = discover(capsys, corpus)
    stubs = tomllib.loads(out)["rule"]
    assert [r["code"] for r in stubs] == ["XX001", "XX002", "XX003"]
    assert "in 15 of 60" in out and "in 12 of 60" in out and "in 10 of 60" in out
    planted = [DISCLAIMER, JOIN, [BULLETIN.format(200 + d) for d in range(2, 60, 6)]]
    for rule, lines in zip(stubs, planted):
        matches = matcher(rule)
        assert all(matches(line) for line in lines), (rule["pattern"], lines)
        assert rule["kind"] == "line" and rule["name"] and rule["example"][0]["input"]
    body = article_lines(60) + [WITNESS]
    assert len(body) > 400
    for rule in stubs:
        matches = matcher(rule)
        assert not [line for line in body if matches(line)], rule["pattern"]


def test_stubs_paste_into_a_rule_pack_and_their_examples_pass(corpus, capsys, tmp_path):
    pack = tmp_path / "found.toml"
    pack.write_text(discover(capsys, corpus), encoding="utf-8")
    rules = load_rules([pack])
    mine = [r for r in rules if r.code.startswith("XX")]
    assert len(mine) == 3
    for rule in mine:
        (example,) = rule.examples
        result = clean(example.input, rules, max_removed=1.0)
        assert result.text == example.output and {e.code for e in result.edits} == {rule.code}
    for d, path in enumerate(sorted(corpus.iterdir())):
        cleaned = clean(path.read_text(encoding="utf-8"), rules).text
        assert not any(p in cleaned for p in (*DISCLAIMER, *JOIN, "نشرة الأفق")), path.name
        assert all(sentence(d * PER_DOC + k) in cleaned for k in range(PER_DOC)), path.name


def test_lines_the_rules_already_remove_are_left_out(corpus, capsys):
    assert fold(KNOWN) not in fold(discover(capsys, corpus))
    out = discover(capsys, corpus, "--ignore", "PC001")
    first = tomllib.loads(out)["rule"][0]
    assert "in 30 of 60" in out and matcher(first)(KNOWN)


@pytest.mark.parametrize("args,count", [
    (["--min-share", "0.2"], 2),  # 12 documents: the bulletin (10) drops out
    (["--min-docs", "11"], 2),
    (["--min-docs", "3"], 4),  # the witness line, in 3 documents, comes in
    (["--top", "1"], 1),
])
def test_thresholds(corpus, capsys, args, count):
    out = discover(capsys, corpus, *args)
    stubs = tomllib.loads(out)["rule"]
    assert len(stubs) == count
    if count == 4:
        assert matcher(stubs[3])(WITNESS)


def test_no_documents_is_an_input_error(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    assert main(["discover", str(tmp_path)]) == 1
    assert "no text documents found" in capsys.readouterr().err
