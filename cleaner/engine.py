"""The rule engine: ``clean(text, rules) -> Cleaned(text, edits)``.

Every rule looks at the original text (through a folded view for matching)
and records *edits*: spans of the original to delete. Edits are computed
against the original, merged (a span inside a larger one is dropped), and
applied once; the output is ``layout(original minus the edit spans)``, which
:func:`apply_edits` reproduces from the edit list alone.

Rules run in rounds until a round adds nothing (at most ``MAX_ROUNDS``):
the first round runs every rule; later rounds only the rules whose match
depends on what others removed (head/tail zones, block headers after the
end of the article). That is what makes, for instance, a section label the
first line once a theme notice above it is gone.

Zones: an *article paragraph* is a kept line of at least ``PARA_WORDS``
words that ends like a sentence, or of at least ``LONG_PARA_WORDS`` words. The head zone is the kept lines before the first one, the tail zone
the kept lines after the last one, the body everything between. ``first``
and ``last`` are the first and last kept lines, ``lead`` the first article
paragraph (for spans glued to the lead or to the last paragraph), ``final``
the last kept line when it comes after the last article paragraph.
"""

from __future__ import annotations

import bisect
import re

import regex
import dataclasses
from typing import TYPE_CHECKING, Iterable

from .fold import fold, fold_offsets
from .literals import LiteralIndex, index_for, line_starts
from .patterns import LazyPattern
from .plan import Cleaned, Edit

if TYPE_CHECKING:  # pragma: no cover
    from .rules import Rule

PARA_WORDS = 8  # ... ending like a sentence
LONG_PARA_WORDS = 25  # ... or this long whatever its ending
# Titles end in "?" or "!" as often as paragraphs do; a full stop is the paragraph's mark.
_SENTENCE_END = LazyPattern(r"(?:\.|…)[\"')\]]*\s*$", 0)
MAX_ROUNDS = 5
DEFAULT_MAX_REMOVED = 0.85
DEFAULT_REGEX_TIMEOUT = 1.0  # seconds of matching per rule, per MB of text (at least 1 s)
# What layout strips from line ends: Unicode white space (NBSP included) and control
# characters (a NUL after the text), in any order.
# (every c < 0x3001 with chr(c).isspace(), c < 32 or c == 0x7F; spelled out: computing it
# at import cost more than the rest of this module)
_TRAILING = '\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \x7f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000'


def timeout_by_position() -> bool:
    """Does the installed ``regex`` take ``(string, pos, endpos, concurrent, partial,
    timeout)`` by position in ``search``/``match`` (and ``(string, pos, endpos,
    overlapped, concurrent, partial, timeout)`` in ``finditer``), as its releases since
    2021 do? Tried, not assumed: a pattern given a timeout of a microsecond at the sixth
    place must run out of time. Any other outcome: the keyword is used."""
    probe, text = regex.compile("(?:a+)+$"), "a" * 20 + "b"

    def runs_out(call) -> bool:
        try:
            call()
        except TimeoutError:
            return True
        except Exception:  # noqa: BLE001 - another signature: the keyword is used
            return False
        return False

    return (runs_out(lambda: probe.search(text, 0, None, None, False, 1e-6))
            and runs_out(lambda: probe.match(text, 0, None, None, False, 1e-6))
            and runs_out(lambda: next(iter(probe.finditer(text, 0, None, False, None, False, 1e-6)), None)))


def build() -> str:
    """How this module runs: ``"compiled"`` when it is the C extension mypyc made of it
    when the wheel was built (``hatch_build.py``), else ``"pure Python"``."""
    from importlib.machinery import EXTENSION_SUFFIXES

    return "compiled" if __file__.endswith(tuple(EXTENSION_SUFFIXES)) else "pure Python"


_BY_POSITION = False  # set by Doc on first use: timeout_by_position()
_PROBED = False


class Doc:
    """The document as rules see it: original lines, folded lines, removal state.

    Rules match one folded line at a time, and only the lines a rule could
    match are offered to it (:meth:`candidates`): the lines of its zone, the
    lines next to a marked line, the lines holding one of the literals every
    match of its pattern needs (:mod:`cleaner.literals` finds them all in one
    pass), or the lines short enough for it. A rule none of whose literals
    occurs is not run at all.
    """

    def __init__(self, text: str, timeout: float | None = None, index: "LiteralIndex | None" = None):
        global _BY_POSITION, _PROBED
        if not _PROBED:
            _BY_POSITION, _PROBED = timeout_by_position(), True
        self.text = text
        self.timeout = timeout
        self.index = index  # finds the lines holding rule literals in one pass
        self._hits: dict[int, list[int]] | None = None
        self.raw = text.split("\n")
        folded: list[str] = []
        self.folded = fold(text, folded)
        # Only spaces and line breaks are white space or control characters in the text:
        # every other one is folded (so noted) but those of _ODD_SPACE, which stay.
        self.odd_space = any(c in self.folded for c in _ODD_SPACE)
        self.plain_space = not self.odd_space and not any(c in _TRAILING for c in folded)
        self.flines = self.folded.split("\n")
        self.starts = line_starts(self.raw)
        self.n = len(self.raw)
        self.blank = [not fl or fl.isspace() for fl in self.flines]
        self.gone: list[Edit | None] = [None] * self.n  # line removed whole, by this edit
        self.cut: dict[int, list[tuple[int, int]]] = {}  # partial cuts, line-relative
        self.dead: set[int] = set()  # lines with no text left after cuts
        self.marks: dict[int, set[str]] = {}  # removed lines -> marks their rules set ("end" …)
        self.edits: list[Edit] = []
        self._zones: tuple[list[int], int | None, int | None] | None = None
        self._kept: list[int] | None = None
        self._maps: dict[int, list[int]] = {}
        self._words: list[int] | None = None
        self._para: list[bool | None] = [None] * self.n
        self._lit: dict[str, list[int]] = {}
        self._lstarts: list[int] | None = None
        self._ll: dict[frozenset[str], list[int]] = {}
        self._chars: dict[tuple[str, ...], list[int]] = {}
        self._bounds: dict[int, tuple[int, int, int]] = {}
        self._left: dict[int, int] = {}  # non-space characters a partly cut line has left
        self._lower: list[str] | None = None
        self._low: str | None = None
        self._data: bytes | None = None
        self._blines: list[bytes] | None = None
        self._bstarts: list[int] | None = None

    # --- reading -----------------------------------------------------------
    # The timeout goes to ``regex`` by position where it takes it so: as a keyword it
    # costs about 3,000 instructions a call (keyword parsing), as much as a short match.
    def search(self, rx, i: int, pos: int = 0):
        """*rx* searched in folded line *i* (from *pos*), cut off by the regex timeout."""
        if type(rx) is LazyPattern:  # the compiled pattern itself: no wrapper call
            rx = rx.compiled()
        if _BY_POSITION:
            return rx.search(self.flines[i], pos, None, None, False, self.timeout)
        return rx.search(self.flines[i], pos, timeout=self.timeout)

    def match(self, rx, i: int, pos: int = 0):
        """*rx* matched at the start of folded line *i* (or at *pos*) only (line-anchored
        patterns: a search would try every position of a long line for its ``^``)."""
        if type(rx) is LazyPattern:  # the compiled pattern itself: no wrapper call
            rx = rx.compiled()
        if _BY_POSITION:
            return rx.match(self.flines[i], pos, None, None, False, self.timeout)
        return rx.match(self.flines[i], pos, timeout=self.timeout)

    def finditer(self, rx, text: str, pos: int = 0, endpos: int | None = None):
        """Matches of *rx* in *text* (the original, for shortcodes), cut off by the timeout."""
        endpos = len(text) if endpos is None else endpos
        if type(rx) is LazyPattern:
            rx = rx.compiled()
        if _BY_POSITION:
            return rx.finditer(text, pos, endpos, False, None, False, self.timeout)
        return rx.finditer(text, pos, endpos, timeout=self.timeout)

    def lines_with(self, literal: str) -> list[int]:
        """Lines whose folded, lower-cased text contains *literal* (memoised): one
        search per line at most (after a hit, the search goes on from the next line)."""
        found = self._lit.get(literal)
        if found is None:
            text, starts = self._lowered(), self._low_starts()
            found, pos = [], text.find(literal)
            while pos >= 0:
                k = bisect.bisect_right(starts, pos) - 1
                found.append(k)
                pos = text.find(literal, starts[k + 1]) if k + 1 < len(starts) else -1
            self._lit[literal] = found
        return found

    def _low_starts(self) -> list[int]:
        if self._lstarts is None:
            self._lstarts = line_starts(self.lower_lines())
        return self._lstarts

    def lower_lines(self) -> list[str]:
        """The folded lines, lower-cased (literal checks are case-insensitive)."""
        if self._lower is None:
            self._lower = self._lowered().split("\n")
        return self._lower

    def _lowered(self) -> str:
        """The folded text, lower-cased."""
        if self._low is None:
            self._low = self.folded.lower()
        return self._low

    def candidates(self, zone: str = "any", literals=None, max_words: int = 0,
                   after: str = "", before: str = "") -> list[int]:
        """The alive lines a rule with these constraints could match, in order."""
        if zone in ("any", "body") and not (after or before):  # the common case, first
            if literals:
                gone, blank, dead = self.gone, self.blank, self.dead
                lines = [i for i in self.literal_lines(literals) if gone[i] is None and not blank[i] and i not in dead]
            else:
                lines = self.kept()
            if max_words:
                words = self.word_counts()
                lines = [i for i in lines if words[i] <= max_words]
            return lines
        if zone in ("first", "last", "lead", "final"):
            kept, first, _ = self._zone_info()
            pick = None if not kept else kept[0] if zone == "first" else first if zone == "lead" else kept[-1]
            lines = [] if pick is None else [pick]
        elif after or before:
            mark = after or before
            kept = self.kept()
            near = set()
            for j in (j for j, m in self.marks.items() if mark in m):
                k = bisect.bisect_right(kept, j)  # kept[k] is the first kept line after j
                if after and k < len(kept):
                    near.add(kept[k])
                k = bisect.bisect_left(kept, j)  # kept[k - 1] is the last kept line before j
                if before and k:
                    near.add(kept[k - 1])
            lines = sorted(near)
        else:  # head, tail
            kept, first, last = self._zone_info()
            lines = [i for i in kept if (first is None or i < first)] if zone == "head" else \
                [i for i in kept if (last is None or i > last)]
        # all kept lines, so alive
        if max_words:
            words = self.word_counts()
            lines = [i for i in lines if words[i] <= max_words]
        if literals and lines:  # the lines chosen by position still need one of the rule's literals
            holding = self.literal_lines(literals)
            lines = [i for i in lines if i in holding] if len(holding) < 16 else sorted(set(lines).intersection(holding))
        return lines

    def literal_lines(self, literals: frozenset[str]) -> list[int]:
        """The lines, in order, holding one of *literals* (any line, alive or not; memoised)."""
        lines = self._ll.get(literals)
        if lines is not None:
            return lines
        parts = self.index.parts(literals) if self.index is not None else None
        if parts is None:
            found = [self.lines_with(lit) for lit in literals]
        else:
            found = LiteralIndex.lines(parts[0], self.hits())
            if parts[1]:
                found.append(self.char_lines(parts[1]))
        lines = self._ll[literals] = (found[0] if found else []) if len(found) <= 1 else sorted(set().union(*found))
        return lines

    def char_lines(self, chars: tuple[str, ...]) -> list[int]:
        """Lines whose folded, lower-cased text holds one of the characters *chars* (memoised)."""
        found = self._chars.get(chars)
        if found is None:
            if self.index is not None:  # the lines as the index sees them, in UTF-8
                found = self._byte_char_lines(chars)
            else:
                lines = self.lower_lines()
                found = [i for i, line in enumerate(lines) if any(c in line for c in chars)]
            self._chars[chars] = found
        return found

    def _byte_char_lines(self, chars: tuple[str, ...]) -> list[int]:
        """:meth:`char_lines` in the index's UTF-8 text: each character is looked for
        with ``bytes.find`` from line to line, one search per line that holds it at most.
        (Not ``in``: it first tries its operand as an int, at the cost of an exception.
        Nor one search for a set of characters made one with ``bytes.translate``: the
        translation of the whole text costs more than the searches it saves.)"""
        data = self.data()
        starts = self.byte_starts()
        n = len(starts)
        found: list[int] = []
        for ch in chars:
            c = ch.encode("utf-8", "surrogatepass")
            pos = data.find(c)
            while pos >= 0:
                k = bisect.bisect_right(starts, pos) - 1
                found.append(k)
                pos = data.find(c, starts[k + 1]) if k + 1 < n else -1
        return sorted(set(found)) if len(chars) > 1 else found

    def byte_starts(self) -> list[int]:
        """The offset of each line in :meth:`data`."""
        if self._bstarts is None:
            self._bstarts = line_starts(self.byte_lines())
        return self._bstarts

    def hits(self) -> dict[int, list[int]]:
        """The index's scan of this document: literal id -> lines holding it."""
        if self._hits is None:
            self._hits = self.index.scan(self.data(), self.byte_starts()) if self.index is not None else {}
        return self._hits

    def data(self) -> bytes:
        """The folded text, lower-cased, in UTF-8: what the index looks for literals in."""
        if self._data is None:
            index = self.index
            self._data = index.encode(self.folded) if index is not None else self.folded.lower().encode("utf-8", "surrogatepass")
        return self._data

    def byte_lines(self) -> list[bytes]:
        if self._blines is None:
            self._blines = self.data().split(b"\n")
        return self._blines

    def alive(self, i: int) -> bool:
        return not self.blank[i] and self.gone[i] is None and i not in self.dead

    def words(self, i: int) -> int:
        return self.word_counts()[i]

    def word_counts(self) -> list[int]:
        """The words of each folded line (all counted at once: every document has rules
        that look at the word counts of most of its lines). Folding leaves no white
        space but spaces, line breaks and :data:`_ODD_SPACE`; without those, a line with
        no doubled, leading or trailing space has its spaces plus one words."""
        if self._words is None:
            if self.odd_space:
                self._words = list(map(word_count, self.flines))
            else:
                self._words = [fl.count(" ") + 1 if fl and fl[0] != " " != fl[-1] and "  " not in fl
                               else len(fl.split()) for fl in self.flines]
        return self._words

    def is_para(self, i: int) -> bool:
        """An article paragraph: a sentence of some length (titles have no full stop)."""
        p = self._para[i]
        if p is None:
            words = self.words(i)
            p = self._para[i] = words >= LONG_PARA_WORDS or (
                words >= PARA_WORDS and bool(_SENTENCE_END.search(self.flines[i])))
        return p

    def orig(self, i: int, fa: int, fb: int) -> tuple[int, int]:
        """Original absolute span of the folded in-line span ``[fa, fb)`` of line *i*."""
        m = self._maps.get(i)
        if m is None:
            m = self._maps[i] = fold_offsets(self.raw[i])
        base = self.starts[i]
        return base + m[fa], base + m[fb]

    def kept(self) -> list[int]:
        """The alive lines, in order (memoised until the next edit)."""
        if self._kept is None:
            blank, gone, dead = self.blank, self.gone, self.dead
            self._kept = [i for i in range(self.n) if not blank[i] and gone[i] is None and i not in dead]
        return self._kept

    def _zone_info(self) -> tuple[list[int], int | None, int | None]:
        if self._zones is None:
            kept = self.kept()
            first = next((i for i in kept if self.is_para(i)), None)
            last = next((i for i in reversed(kept) if self.is_para(i)), None)
            self._zones = (kept, first, last)
        return self._zones

    def in_zone(self, i: int, zone: str, within: int = 0) -> bool:
        if zone == "any":
            return True
        kept, first, last = self._zone_info()
        if zone == "first":
            return bool(kept) and kept[0] == i
        if zone == "last":
            return bool(kept) and kept[-1] == i
        if zone == "lead":
            return first == i
        if zone == "final":
            return bool(kept) and kept[-1] == i and last is not None and i > last
        if zone == "body":
            return first is not None and last is not None and first <= i <= last
        rank = bisect.bisect_left(kept, i)
        if zone == "head":
            return (first is None or i < first) and (not within or rank < within)
        # tail
        from_end = len(kept) - rank - (1 if rank < len(kept) and kept[rank] == i else 0)
        return (last is None or i > last) and (not within or from_end < within)

    def prev_nonblank(self, i: int) -> int | None:
        for j in range(i - 1, -1, -1):
            if not self.blank[j]:
                return j
        return None

    def next_nonblank(self, i: int) -> int | None:
        for j in range(i + 1, self.n):
            if not self.blank[j]:
                return j
        return None

    def after_mark(self, i: int, mark: str) -> bool:
        """Is there a line removed with *mark* above *i*, with only blank or removed
        lines between? (The article has ended if all that stands between the end
        marker and this line is boilerplate.)"""
        j = self.prev_nonblank(i)
        while j is not None and mark not in self.marks.get(j, ()) and not self.alive(j):
            j = self.prev_nonblank(j)
        return j is not None and mark in self.marks.get(j, ())

    def before_mark(self, i: int, mark: str) -> bool:
        """Likewise below *i*."""
        j = self.next_nonblank(i)
        while j is not None and mark not in self.marks.get(j, ()) and not self.alive(j):
            j = self.next_nonblank(j)
        return j is not None and mark in self.marks.get(j, ())

    # --- removing ----------------------------------------------------------
    def _add(self, rule: "Rule", start: int, end: int) -> Edit | None:
        if end <= start:
            return None
        line = bisect.bisect_right(self.starts, start)
        end_line = bisect.bisect_right(self.starts, end - 1)
        edit = Edit(rule.code, rule.name, start, end, line, end_line, self.text[start:end])
        self.edits.append(edit)
        return edit

    def _forget(self, i: int, j: int) -> None:
        """Lines ``i .. j-1`` are no longer kept: the memoised kept list loses them (a new
        list: callers may be iterating over the old one), and the zones are recomputed
        only if the first or last article paragraph went."""
        kept = self._kept
        if kept is None:
            self._zones = None
            return
        a, b = bisect.bisect_left(kept, i), bisect.bisect_left(kept, j)
        if a == b:
            return
        self._kept = kept = kept[:a] + kept[b:]
        if self._zones is not None:
            _, first, last = self._zones
            if (first is not None and i <= first < j) or (last is not None and i <= last < j):
                self._zones = None
            else:
                self._zones = (kept, first, last)

    def remove_lines(self, i: int, j: int, rule: "Rule", *, mark: str = "") -> Edit | None:
        """Remove lines ``i .. j-1`` whole (with their line breaks)."""
        if all(self.gone[k] is not None or self.blank[k] for k in range(i, j)):
            return None
        end = self.starts[j] if j < self.n else len(self.text)
        edit = self._add(rule, self.starts[i], end)
        for k in range(i, j):
            if self.gone[k] is None:
                self.gone[k] = edit
            if mark:
                self.marks.setdefault(k, set()).add(mark)
        self._forget(i, j)
        return edit

    def _text_bounds(self, k: int) -> tuple[int, int, int]:
        """First and past-last non-space offsets of line *k*, and its non-space count."""
        b = self._bounds.get(k)
        if b is None:
            line = self.raw[k]
            stripped = line.lstrip()
            lo = len(line) - len(stripped)
            hi = len(line.rstrip())
            b = self._bounds[k] = (lo, hi, sum(map(len, line.split())))
        return b

    def remove_span(self, start: int, end: int, rule: "Rule") -> Edit | None:
        """Remove an original span that may start and end inside lines.

        Linear in the line's length over all the cuts made in it (a page scraped
        without line breaks is one line, with many shortcodes to cut)."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        for k in range(first, last + 1):
            if self.gone[k] is not None:
                return None
            cuts, ls = self.cut.get(k), self.starts[k]
            if cuts:  # sorted, disjoint: only the neighbours can overlap
                j = bisect.bisect_left(cuts, (start - ls,))
                if (j < len(cuts) and cuts[j][0] < end - ls) or (j and cuts[j - 1][1] > start - ls):
                    return None  # overlaps an earlier removal: first come, first served
        if (start - self.starts[first] <= self._text_bounds(first)[0]
                and end - self.starts[last] >= self._text_bounds(last)[1]):
            # the cut leaves its lines empty: remove them whole, as a line rule would,
            # rather than leave a blank line where a shortcode line stood
            return self.remove_lines(first, last + 1, rule)
        edit = self._add(rule, start, end)
        for k in range(first, last + 1):
            ls, line = self.starts[k], self.raw[k]
            a, b = max(start - ls, 0), min(end - ls, len(line))
            bisect.insort(self.cut.setdefault(k, []), (a, b))
            self._left[k] = self._left.get(k, self._text_bounds(k)[2]) - sum(map(len, line[a:b].split()))
            if self._left[k] <= 0 and k not in self.dead:
                self.dead.add(k)
                self._forget(k, k + 1)
        return edit


def merge(edits: Iterable[Edit], text: str) -> list[Edit]:
    """Sort edits and drop those inside a larger one; clip partial overlaps."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if out and e.start < out[-1].end:
            if e.end <= out[-1].end:
                continue
            start = out[-1].end
            e = dataclasses.replace(e, start=start, text=text[start:e.end],
                                    line=text.count("\n", 0, start) + 1)
        out.append(e)
    return out


_BLANK_RUNS = re.compile("\n\n\n+")


def layout(text: str) -> str:
    """The policy's layout: strip line ends, fold blank runs, one final newline.

    Each kept line keeps its own line ending (LF or CRLF); a last line that
    had none gets the ending of the line before it.

    >>> layout("a  \\r\\n\\r\\n\\u00a0\\r\\n\\r\\nb")
    'a\\r\\n\\r\\nb\\r\\n'
    >>> layout("\\n\\n  \\n")
    ''
    """
    if "\r" not in text:  # LF only: what _layout_lines does, with C loops
        joined = "\n".join([raw.rstrip(_TRAILING) for raw in text.split("\n")])
        joined = _BLANK_RUNS.sub("\n\n", joined).strip("\n")
        return joined + "\n" if joined else ""
    return _layout_lines(text)


def _layout_lines(text: str) -> str:
    """:func:`layout`, line by line (any line endings)."""
    out: list[str] = []
    raws = text.split("\n")
    last = len(raws) - 1
    eol = "\n"
    pending_blank = False
    for k, raw in enumerate(raws):
        line = raw.rstrip(_TRAILING)
        if not line:
            pending_blank = bool(out)
            continue
        if pending_blank:
            out.append(eol)  # the blank line takes the ending of the line before it
            pending_blank = False
        if k < last:
            eol = "\r\n" if raw.endswith("\r") else "\n"
        out.append(line + eol)
    return "".join(out)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Replay a plan: delete the edit spans from *text*, then normalise layout."""
    parts, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        parts.append(text[pos:e.start])
        pos = max(pos, e.end)
    parts.append(text[pos:])
    return layout("".join(parts))


# The white space folding keeps besides the space and the line break (every c with
# chr(c).isspace() and fold(chr(c)) == chr(c); tests/test_fold.py checks the list).
_ODD_SPACE = ("\x85", "\u1680", "\u2028", "\u2029")
_CONTROL_NOT_SPACE = re.compile("[\x00-\x08\x0e-\x1b\x7f]")


def word_count(line: str) -> int:
    """``len(line.split())`` without making the words: a printable line holds no white
    space but the ASCII space, so with no doubled, leading or trailing space its words
    are its spaces plus one."""
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line.count(" ") + 1 if line else 0
    return len(line.split())


def _nonspace(s: str) -> int:
    """Characters that layout keeps: white space and control characters don't count, so
    the guard decides the same on a text and on its layout-normalised output."""
    if len(s) > 500:  # a document: one C count per character kind present (a document
        # whose only white space is spaces and line breaks does not come here: clean()
        # counts those two itself, Doc.plain_space)
        return len(s) - sum(s.count(c) for c in _TRAILING if c in s)
    if s.isprintable():  # no white space but the ASCII space, no control character
        return len(s) - s.count(" ")
    return sum(map(len, s.split())) - len(_CONTROL_NOT_SPACE.findall(s))


def clean(text: str, rules: list["Rule"], *, max_removed: float = DEFAULT_MAX_REMOVED,
          regex_timeout: float | None = DEFAULT_REGEX_TIMEOUT) -> Cleaned:
    """Clean *text* with *rules*; see the module docstring.

    *max_removed* is the over-deletion guard: when the plan would remove more
    than this share of the document's non-space characters, nothing is
    removed (only layout is normalised) and ``held_back`` is set.
    *regex_timeout* bounds each rule's matching time on this document, in
    seconds per MB (at least one second; ``None``: no bound).
    """
    timeout = None if regex_timeout is None else regex_timeout * max(1.0, len(text) / 1e6)
    index = index_for(rules)
    doc = Doc(text, timeout, index)
    edits = doc.edits
    ordered = index.ordered
    # the rules that may match: those none of whose literals the text holds never run
    runnable = index.runnable(doc.data(), doc.hits())
    started: dict[int, int] = {}  # rule -> how many edits there were when it last started
    for round_ in range(MAX_ROUNDS):
        before = len(edits)
        for k in range(len(ordered)) if round_ == 0 else index.contextual:
            if k not in runnable or (round_ and started.get(k) == len(edits)):
                continue  # (nothing changed since it last looked: it would find nothing new)
            started[k] = len(edits)
            rule = ordered[k]
            try:
                rule.impl.apply(doc, rule)
            except TimeoutError:
                return Cleaned(layout(text), [], timed_out=rule)
        if len(edits) == before:
            break
    edits = merge(doc.edits, text)
    if not edits:  # a clean document: nothing to measure
        return Cleaned(layout(text), [], False, 0.0)
    if doc.plain_space:  # the same counts as _nonspace's, without its scan for other white space
        total = len(text) - text.count(" ") - text.count("\n")
        removed = sum(len(e.text) - e.text.count(" ") - e.text.count("\n") for e in edits)
    else:
        total, removed = _nonspace(text), sum(_nonspace(e.text) for e in edits)
    share = removed / total if total else 0.0
    if share > max_removed:
        return Cleaned(layout(text), [], True, share, edits)
    return Cleaned(apply_edits(text, edits), edits, False, share)
