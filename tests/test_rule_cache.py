"""The cache of checked rule files: same rules warm as cold, never stale, optional."""

from __future__ import annotations

import pickle

import pytest

from cleaner import clean, load_rules
from cleaner.rules import RuleError

RULE = '''
[[rule]]
code = "ZZ001"
name = "site-footer"
kind = "line"
description = "This site's footer."
pattern = "{pattern}"
'''
TEXT = "نص المقال كاملا هنا وهو طويل بما يكفي.\nجميع الحقوق محفوظة لموقعنا\nتابعونا على موقعنا\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    return folder


def _rules(tmp_path, pattern):
    path = tmp_path / "site.toml"
    path.write_text(RULE.format(pattern=pattern), encoding="utf-8")
    return path


def test_a_warm_load_gives_the_same_rules_and_results(tmp_path, cache):
    path = _rules(tmp_path, "جميع الحقوق محفوظة لموقعنا")
    cold = load_rules([path], builtin=False)
    assert len(list(cache.glob("rules-*.pickle"))) == 1
    warm = load_rules([path], builtin=False)
    assert [(r.code, r.line, r.where) for r in warm] == [(r.code, r.line, r.where) for r in cold]
    assert clean(TEXT, warm).text == clean(TEXT, cold).text == "نص المقال كاملا هنا وهو طويل بما يكفي.\nتابعونا على موقعنا\n"


def test_an_edited_rule_file_is_never_served_stale(tmp_path, cache):
    path = _rules(tmp_path, "جميع الحقوق محفوظة لموقعنا")
    load_rules([path], builtin=False)
    path = _rules(tmp_path, "تابعونا على موقعنا")
    assert clean(TEXT, load_rules([path], builtin=False)).text == \
        "نص المقال كاملا هنا وهو طويل بما يكفي.\nجميع الحقوق محفوظة لموقعنا\n"


def test_a_broken_rule_file_is_reported_every_time(tmp_path, cache):
    path = _rules(tmp_path, "(?:unclosed")
    for _ in range(2):
        with pytest.raises(RuleError):
            load_rules([path], builtin=False)
    assert not list(cache.glob("rules-*.pickle"))


def test_a_corrupt_cache_file_is_ignored(tmp_path, cache):
    path = _rules(tmp_path, "جميع الحقوق محفوظة لموقعنا")
    load_rules([path], builtin=False)
    [pickled] = cache.glob("rules-*.pickle")
    pickled.write_bytes(b"not a pickle")
    assert [r.code for r in load_rules([path], builtin=False)] == ["ZZ001"]
    assert pickle.loads(pickled.read_bytes())  # and it was written afresh


def test_no_cache_when_asked(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    load_rules([_rules(tmp_path, "جميع الحقوق محفوظة لموقعنا")], builtin=False)
    assert not cache.exists()
