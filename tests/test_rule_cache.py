"""The cache of checked rule files: same rules warm as cold, never stale, optional."""

from __future__ import annotations

import pickle

import pytest

from cleaner import clean, load_rules
from cleaner.rules import RuleError

from conftest import SITE_RULE

TEXT = "نص المقال كاملا هنا وهو طويل بما يكفي.\nجميع الحقوق محفوظة لموقعنا\nتابعونا على موقعنا\n"


def _rules(tmp_path, pattern):
    path = tmp_path / "site.toml"
    path.write_text(SITE_RULE.format(pattern=pattern), encoding="utf-8")
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


# --- compiled patterns in the cache ------------------------------------------------------
# A cached pattern carries regex's own pickle of its compiled form, so a warm run skips
# regex's (slow) parser. It must never change what matches, and must fall back to
# compiling the source whenever that compiled form cannot be used.

import regex  # noqa: E402

from cleaner import patterns  # noqa: E402
from cleaner.patterns import LazyPattern, compile_pattern  # noqa: E402

SAMPLE = "نص.\nاقرا ايضا : خبر اخر\n"


@pytest.fixture
def compiles(monkeypatch):
    """The patterns regex.compile is asked to compile from here on."""
    seen: list[str] = []
    real = regex.compile

    def counting(pattern, *args, **kw):
        seen.append(pattern)
        return real(pattern, *args, **kw)

    monkeypatch.setattr(regex, "compile", counting)
    return seen


def _roundtrip(lazy: LazyPattern) -> LazyPattern:
    return pickle.loads(pickle.dumps(lazy))


def test_a_compiled_pattern_unpickles_without_compiling(compiles):
    lazy = compile_pattern("(?P<x>إقرأ) أيضاً:")
    compiles.clear()
    warm = _roundtrip(lazy)
    assert warm.search(SAMPLE).span() == lazy.search(SAMPLE).span() == (4, 15)
    assert warm.groupindex == {"x": 1}
    assert compiles == []


def test_a_pattern_not_compiled_yet_is_compiled_to_be_pickled(compiles):
    lazy = LazyPattern("ايضا")
    warm = _roundtrip(lazy)
    assert compiles == ["ايضا"]  # once, for the pickle
    assert warm.search(SAMPLE).span() == (9, 13)
    assert compiles == ["ايضا"]


def test_a_pattern_that_does_not_compile_pickles_as_its_source(compiles):
    lazy = LazyPattern("(?:unclosed")
    assert lazy.__getstate__() == ("(?:unclosed", patterns.FLAGS)
    with pytest.raises(regex.error):  # where it is used, as before
        _roundtrip(lazy).search(SAMPLE)


@pytest.mark.parametrize("code", [
    lambda good: ("0.0-another-regex", good[1]),  # made by another regex version: not even tried
    lambda good: (regex.__version__, b"not a pickle"),
    lambda good: (regex.__version__, good[1][:-5]),  # cut short
    lambda good: (regex.__version__, pickle.dumps("a string")),
    lambda good: "not a pair",
], ids=["other-version", "not-a-pickle", "truncated", "not-a-pattern", "malformed"])
def test_an_unusable_compiled_form_falls_back_to_compiling(compiles, code):
    lazy = compile_pattern("إقرأ أيضاً:")
    state = lazy.__getstate__()
    code = code(state[2])
    warm = LazyPattern.__new__(LazyPattern)
    warm.__setstate__((state[0], state[1], code))
    compiles.clear()
    assert warm.search(SAMPLE).span() == (4, 15)
    assert compiles == [state[0]]


def test_a_compiled_form_of_another_pattern_is_not_used(compiles):
    other = compile_pattern("خبر").__getstate__()[2]
    lazy = LazyPattern.__new__(LazyPattern)
    lazy.__setstate__((compile_pattern("ايضا").pattern, patterns.FLAGS, other))
    compiles.clear()
    assert lazy.search(SAMPLE).span() == (9, 13)
    assert len(compiles) == 1


def test_a_regex_that_cannot_pickle_its_patterns_pickles_the_source(monkeypatch, compiles):
    lazy = compile_pattern("ايضا")

    def refuse(*args, **kw):
        raise TypeError("cannot pickle")

    with monkeypatch.context() as m:
        m.setattr(pickle, "dumps", refuse)
        state = lazy.__getstate__()
    assert state == (lazy.pattern, patterns.FLAGS)


def test_warm_rules_clean_the_same_without_compiling(tmp_path, cache, compiles):
    text = "نص المقال كاملا هنا وهو طويل بما يكفي.\nاقرأ أيضاً: خبر آخر\nتابعونا على موقعنا\n"
    cold = load_rules(builtin=True)
    expected = clean(text, cold)
    warm = load_rules(builtin=True)
    compiles.clear()
    got = clean(text, warm)
    assert (got.text, got.edits) == (expected.text, expected.edits)
    assert got.edits  # the read-also line went: rule patterns did run
    assert compiles == []  # ... from their cached compiled form
