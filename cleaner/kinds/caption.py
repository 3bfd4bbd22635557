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

import regex

from ..patterns import FLAGS, LazyPattern, required_literals, translate
from .base import Key, Kind

_H = r"[^\S\n]*"
_MARKS = "-|/([\"'"
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
        for credit in self.conf["credits"]:
            found = required_literals(translate(credit))
            if found is None:
                short.append(translate(credit))
            else:
                lits |= found
        self.credit_literals = frozenset(lits) or None
        self.short_rx = LazyPattern("(?:" + "|".join(f"(?:{c})" for c in short) + ")[" + regex.escape(_AFTER) + "]*$",
                                    FLAGS | regex.REVERSE) if short else None

    def literal_sets(self):
        return (self.credit_literals,) if self.credit_literals else ()

    def _credit_lines(self, doc) -> set[int]:
        return set(doc.literal_lines(self.credit_literals)) if self.credit_literals else set()

    def apply(self, doc, rule) -> None:
        max_words, bare = self.conf["max_words"], self.conf["bare"]
        # a credit is at most a few words: longer lines cannot be captions
        credited = None
        for i in doc.candidates(max_words=max_words + 6):
            line = doc.flines[i]
            # a credit follows a dash or a bracket/quote near the end, or stands alone
            if len(line) > 60 and not any(c in line[-80:] for c in _MARKS):
                continue
            if credited is None:
                credited = self._credit_lines(doc)
            if i not in credited and not (self.short_rx is not None and doc.match(self.short_rx, i)):
                continue
            # the credit ends the line: only its last characters need searching
            m = doc.search(self.rx, i, max(0, len(line) - 100))
            if not m:
                continue
            caption = doc.flines[i][:m.start()].rstrip()
            if not caption and not bare:
                continue
            if caption and (caption[-1] in ".:!?" or len(caption.split()) > max_words):
                continue  # "… انتهى. (رويترز)" is a paragraph crediting its agency
            doc.remove_lines(i, i + 1, rule)
