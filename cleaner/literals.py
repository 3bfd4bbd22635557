"""Which lines hold which rule literals: one Aho-Corasick pass per document.

Most rules name strings one of which every line they match must contain (their
*required literals*, :func:`cleaner.patterns.required_literals`): ``ايضا`` for a
read-also header, ``الوسوم`` or ``tags`` for a tags line. A rule is offered only
the lines that hold one of its literals, so most rules never run their regex on a
document at all. Finding those lines with one substring search per literal costs
a pass over the document for each of the ~350 literals of the default packs; an
Aho-Corasick automaton (``ahocorasick_rs``, Rust) finds every occurrence of all
of them in one pass, and a hit becomes a line number with one bisection.

The automaton is built once per rule list (:func:`index_for`), on first use,
in each process: ``ahocorasick_rs`` objects do not pickle, so the rule cache and
worker processes carry the literals and build their own.

>>> from cleaner.literals import LiteralIndex
>>> index = LiteralIndex([frozenset({"ايضا", "اقرا"}), frozenset({"tags", ":"})])
>>> hits = index.scan(index.encode("نص\\nاقرا ايضا: عنوان\\nTAGS: a, b\\nاقرا"))
>>> ids, singles = index.parts(frozenset({"ايضا", "اقرا"}))
>>> sorted(index.lines(ids, hits))
[[1], [1, 3]]
>>> index.parts(frozenset({"tags", ":"}))[1]
(':',)

**Case.** Literals are lower-case and looked for in the lower-cased text. When no
literal holds a non-ASCII letter that has case (Arabic has none), lower-casing the
text's ASCII letters is enough, and ``bytes.lower()`` on its UTF-8 form does that
several times faster than ``str.lower()`` on Arabic text. Only two non-ASCII
characters lower-case to ASCII (U+0130 and the Kelvin sign, :data:`_TO_ASCII`); a
text holding one is lower-cased in full.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from typing import Iterable

from ahocorasick_rs import BytesAhoCorasick, Implementation

MIN_LEN = 2  # single characters are not indexed
SWITCH_TO_DFA = 20  # documents scanned before the faster automaton is built
# The only characters outside ASCII whose lower case holds ASCII letters (İ -> i̇,
# K -> k), and U+0307, the one character without case that lower-casing yields
# (tests/test_literals.py checks both against the running Python's Unicode tables).
_TO_ASCII = ("\u0130", "\u212a")
_FROM_LOWERING = "\u0307"


def ascii_case_enough(strings) -> bool:
    """Is lower-casing ASCII letters enough to find these lower-case *strings*
    wherever ``str.lower`` would (in a text without :data:`_TO_ASCII`)?"""
    return all(c.isascii() or (c.lower() == c == c.upper() and c not in _FROM_LOWERING)
               for s in strings for c in s)


def line_starts(lines) -> list[int]:
    """Offset of each line (str or bytes) in the text they were split from at line
    breaks: line k starts after k line breaks."""
    return list(map(operator.add, itertools.accumulate(map(len, lines), initial=0), range(len(lines))))


class LiteralIndex:
    """An automaton over the literals of a set of rules (each rule's literals a frozenset)."""

    def __init__(self, literal_sets: Iterable[frozenset[str]]):
        self.ordered: list = []  # set by plan(): the rules it was built for, in running order
        self.contextual: list[int] = []  # ... the positions of those that run again in later rounds
        self._always: set[int] = set()
        sets = [s for s in literal_sets if s]
        literals = sorted({lit for s in sets for lit in s if len(lit) >= MIN_LEN})
        self.ids = {lit: k for k, lit in enumerate(literals)}
        # each set: the ids of its literals of two characters or more, and its single
        # characters (which the document looks up itself: '.' or ':' would flood the scan)
        self._parts: dict[frozenset[str], tuple[frozenset[int], tuple[str, ...]]] = {
            s: (frozenset(self.ids[x] for x in s if len(x) >= MIN_LEN), tuple(sorted(x for x in s if len(x) < MIN_LEN)))
            for s in sets}
        # A DFA scans three times as fast as the (non-contiguous) NFA but takes eight times
        # as long to build (about 3 ms for the default packs, against 0.35 ms): a
        # one-document run (a pre-commit hook) starts with the NFA, a long run switches
        # after a few documents.
        self._literals = literals
        self._ac = self._build(Implementation.NoncontiguousNFA)
        self._scans = 0
        self.ascii_case = ascii_case_enough(x for s in sets for x in s)
        self._rules_of: dict[int, list[int]] = {}  # literal id -> the rules (positions) needing it
        self._by_chars: list[tuple[int, tuple[bytes, ...]]] = []

    def plan(self, ordered: list) -> None:
        """Set the rules, in running order, whose literals this index was built from."""
        self.ordered = ordered
        self.contextual = [k for k, r in enumerate(ordered) if r.impl.contextual]
        self._always, self._rules_of, self._by_chars = set(), {}, []
        for k, rule in enumerate(ordered):
            lits = rule.impl.literals
            if lits is None:
                self._always.add(k)
                continue
            ids, chars = self._parts[lits] if lits else (frozenset(), ())
            for pid in ids:
                self._rules_of.setdefault(pid, []).append(k)
            if chars:
                self._by_chars.append((k, tuple(c.encode("utf-8", "surrogatepass") for c in chars)))

    def encode(self, folded: str) -> bytes:
        """The folded text lower-cased, as UTF-8: the literals are looked for in this
        (module docstring: *Case*)."""
        if self.ascii_case and _TO_ASCII[0] not in folded and _TO_ASCII[1] not in folded:
            return folded.encode("utf-8", "surrogatepass").lower()
        return folded.lower().encode("utf-8", "surrogatepass")

    def runnable(self, data: bytes, hits: dict[int, list[int]]) -> set[int]:
        """The rules (positions in ``ordered``) that may match the document: those that
        need no literal, and those one of whose literals it holds."""
        run = set(self._always)
        rules_of = self._rules_of
        for pid in hits:
            found = rules_of.get(pid)
            if found:
                run.update(found)
        for k, chars in self._by_chars:
            if k not in run and any(data.find(c) >= 0 for c in chars):  # (``in`` costs an exception)
                run.add(k)
        return run

    def _build(self, implementation):
        return BytesAhoCorasick([lit.encode("utf-8") for lit in self._literals],
                                implementation=implementation) if self._literals else None

    def parts(self, literals: frozenset[str]) -> tuple[frozenset[int], tuple[str, ...]] | None:
        """The ids of the set's indexed literals and its single characters; None for a
        set the index was not built with."""
        return self._parts.get(literals)

    def scan(self, data: bytes, starts: list[int] | None = None) -> dict[int, list[int]]:
        """Literal id -> the lines (in order, once each) of *data* that hold it. *data*
        is the text as :meth:`encode` gives it, *starts* the offsets of its lines if known."""
        if self._ac is None:
            return {}
        self._scans += 1
        if self._scans == SWITCH_TO_DFA:
            self._ac = self._build(Implementation.DFA)
        # byte offset of each line start: line k starts after k line breaks
        if starts is None:
            starts = line_starts(data.split(b"\n"))
        hits: dict[int, list[int]] = {}
        for pid, start, _ in self._ac.find_matches_as_indexes(data, overlapping=True):
            line = bisect.bisect_right(starts, start) - 1
            found = hits.get(pid)
            if found is None:
                hits[pid] = [line]
            elif found[-1] != line:  # a literal's matches come in order
                found.append(line)
        return hits

    @staticmethod
    def lines(pids: frozenset[int], hits: dict[int, list[int]]) -> list[list[int]]:
        """The line lists of the literals *pids* that occur."""
        if len(hits) < len(pids):
            return [lines for p, lines in hits.items() if p in pids]
        return [hits[p] for p in pids if p in hits]


_INDEXES: dict[tuple[int, ...], tuple[list, LiteralIndex]] = {}


def index_for(rules: list) -> LiteralIndex:
    """The index of *rules*' literals, built on first use and kept for the same rules."""
    key = tuple(map(id, rules))
    entry = _INDEXES.get(key)
    if entry is None:
        if len(_INDEXES) >= 8:  # a long-lived process that loads many rule sets
            _INDEXES.clear()
        # the rules are kept with their index, so the ids in the key stay theirs
        index = LiteralIndex(s for r in rules for s in r.impl.literal_sets())
        # the order rules run in: by phase (line rules, blocks, captions ... sweeps)
        index.plan(sorted(rules, key=lambda r: r.impl.PHASE))
        entry = _INDEXES[key] = (list(rules), index)
    return entry[1]
