"""Kind ``caption``: a photo caption that ends in an agency credit.

``… - رويترز``, ``… – أ ف ب``, ``… (الأناضول)``: a short line, not a sentence
(no full stop, colon, question or exclamation mark before the credit), that
ends in a credit after a dash or inside brackets or quotes. Sites often print
it twice with different dashes; each copy matches on its own.

Keys:

``credits`` (required)
    a list of credit patterns (folded like every pattern: ``أ ف ب`` matches
    ``أ.ف.ب`` only if the pattern allows the dots: ``أ\\.? ?ف\\.? ?ب``).
``max_words`` = 30
    the caption text before the credit has at most this many words.
A photographer may precede the credit inside the brackets: ``(John Smith/Getty Images)``.

``bare`` = true
    a line holding only the credit (``(أ ف ب)``, ``و م ع``) goes too.

Examples (REMOVE, then KEEP):

>>> from cleaner.kinds.testing import run
>>> run("caption", {"credits": ["رويترز"]},
...     "نص المقال الطويل.\\nالرئيس يزور المصنع - رويترز\\nالرئيس يزور المصنع – رويترز\\n")
'نص المقال الطويل.\\n'
>>> run("caption", {"credits": ["رويترز"]}, "وقال المتحدث إن الاجتماع انتهى. (رويترز)\\n")
'وقال المتحدث إن الاجتماع انتهى. (رويترز)\\n'
"""

from __future__ import annotations

import re

import regex

from ..patterns import FLAGS, LazyPattern, final_chars, max_width, minimal, required_literals, translate
from .base import Key, Kind

_H = r"[^\S\n]*"
_MARKS = "-|/([\"'"
_MARKS_RX = re.compile("[" + re.escape(_MARKS) + "]")
# What may follow the credit on its line: spaces, a closing bracket or quote, a full stop.
_AFTER = " \t\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\x85\x1c\x1d\x1e\x1f.)]\"'"


class CaptionKind(Kind):
    NAME = "caption"
    PHASE = 3
    KEYS = {
        "credits": Key((list,), None, "credit patterns", required=True),
        "max_words": Key((int,), 30, "words in the caption before the credit"),
        "bare": Key((bool,), True, "a line holding only the credit goes too"),
    }

    def setup(self) -> None:
        credit = "(?:{})"
        end = _H + r"\.?" + _H + "$"
        # Search from the credit backwards, not from the line start forwards: a lazy
        # caption prefix would try every split point against every credit.
        after_dash = r"[-|/]" + _H + credit + end
        in_brackets = (r"[(\[\"']" + _H + r"(?:[^()\[\]\"\n/]{2,40}/" + _H + ")?" + credit
                       + _H + r"[)\]\"']" + end)
        alone = "^" + _H + r"[(\[\"']?" + _H + credit + _H + r"[)\]\"']?" + end
        alts = [after_dash, in_brackets] + ([alone] if self.conf["bare"] else [])
        self.rx = self.pattern("credits", "|".join(f"(?:{a})" for a in alts), prefilter=False)
        self._screen()

    def _screen(self) -> None:
        """A cheap exact test a line must pass before the caption regex runs (which
        costs tens of microseconds a line: it tries every credit at every position).
        A credit with a literal of two characters or more needs that literal in the
        line (the document's literal scan says which lines hold one); the others
        (``أ ف ب``, ``و م ع``) are matched backwards from the end of the line, alone,
        followed only by what may follow a credit."""
        lits: set[str] = set()
        short: list[str] = []
        widths: list[int | None] = []
        for credit in map(translate, self.conf["credits"]):
            found = required_literals(credit)
            if found is None:
                short.append(credit)
            else:
                lits |= found
                # width with each run of spaces counted as one: the line is measured so
                widths.append(max_width(regex.sub(r" [+*]", " ", credit)))
        self.credit_literals = minimal(lits) or None
        # a credit ends the line but for what may follow it: its literal is within this
        # many characters of that tail (None: anywhere in the line)
        self.credit_width = None if None in widths else max(widths, default=0)
        # ... and end with one of these characters, once what may follow them is stripped
        # (None: not known, or one of them may itself be stripped)
        ends = [final_chars(c) for c in short]
        self.short_finals = None if None in ends or set().union(*ends) & set(_AFTER) else frozenset().union(*ends)
        self._ends: dict[str, bool] = {}
        self.short_rx = LazyPattern("(?:" + "|".join(f"(?:{c})" for c in short) + ")[" + regex.escape(_AFTER) + "]*$",
                                    FLAGS | regex.REVERSE) if short else None

    def literal_sets(self):
        return (self.credit_literals,) if self.credit_literals else ()

    def _credit_lines(self, doc) -> set[int]:
        return set(doc.literal_lines(self.credit_literals)) if self.credit_literals else set()

    def _credit_near_end(self, doc, i: int) -> bool:
        """Does line *i* hold a credit literal where a credit that ends the line can be?"""
        if self.credit_width is None:
            return True
        low = " ".join(doc.flines[i].lower().split())  # runs of spaces as one
        tail = low[-(self.credit_width + len(low) - len(low.rstrip(_AFTER))):]
        return any(lit in tail for lit in self.credit_literals)

    def _short_credit(self, doc, i: int) -> bool:
        """Does line *i* end in one of the credits without a literal (``أ ف ب``)?"""
        if self.short_rx is None:
            return False
        if self.short_finals is not None and not self._may_end(doc.flines[i].rstrip(_AFTER)[-1:]):
            return False
        return bool(doc.match(self.short_rx, i))

    def _may_end(self, last: str) -> bool:
        """Can a short credit end with the character *last* (in either case)? Memoised
        per character: it is asked of every candidate line."""
        ok = self._ends.get(last)
        if ok is None:
            finals = self.short_finals
            ok = self._ends[last] = bool(last) and (last.lower() in finals or last.upper().lower() in finals)
        return ok

    def _find(self, doc, i: int, line: str):
        """What ``search`` from 100 characters before the end would find (the credit ends
        the line), tried only where a match can start: at a dash or an opening bracket or
        quote, or at the line start (a bare credit), leftmost first. (A search tries every
        position: tens of microseconds a line.)"""
        lo = max(0, len(line) - 100)
        starts = [0] if lo == 0 else []
        starts += [m.start() for m in _MARKS_RX.finditer(line, lo) if m.start() or lo]
        for pos in starts:
            m = doc.match(self.rx, i, pos)
            if m:
                return m
        return None

    def apply(self, doc, rule) -> None:
        max_words, bare = self.conf["max_words"], self.conf["bare"]
        flines = doc.flines
        # a credit is at most a few words (longer lines cannot be captions), and it
        # follows a dash or a bracket/quote near the end, or stands alone
        lines = [i for i in doc.candidates(max_words=max_words + 6)
                 if len(flines[i]) <= 60 or _MARKS_RX.search(flines[i], len(flines[i]) - 80)]
        if not lines:
            return
        credited = self._credit_lines(doc)
        for i in lines:
            if not (i in credited and self._credit_near_end(doc, i)) and not self._short_credit(doc, i):
                continue
            line = flines[i]
            m = self._find(doc, i, line)
            if not m:
                continue
            caption = line[:m.start()].rstrip()
            if not caption and not bare:
                continue
            if caption and (caption[-1] in ".:!?" or len(caption.split()) > max_words):
                continue  # "… انتهى. (رويترز)" is a paragraph crediting its agency
            doc.remove_lines(i, i + 1, rule)
