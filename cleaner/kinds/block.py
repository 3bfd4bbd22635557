"""Kind ``block``: a header line and what belongs to it.

Read-also teasers, related-article lists and pasted next articles all start
with a header (``إقرأ أيضاً:``, ``مقالات مشابهة``); the rule says how far the
block reaches after it.

Keys:

``trigger`` (required)
    the header pattern(s), matched from the start of a line.
``inline`` = true
    text may follow the header on the same line (a same-line teaser title);
    the whole line goes (unless, with no punctuation after the header, that
    text is a sentence: long or ending in a full stop). With false, the
    header must be the whole line. A
    header line that ends in a colon (``طالع أيضاً أهم الأخبار:``) still takes
    the items under it.
``items`` = ``"teaser"``
    what follows a header that stands on its own line: ``teaser``, up to
    ``max_items`` title-like lines (the first one may follow a blank line,
    the next ones must follow directly, as rendered list items do);
    ``list``, a run of list items (``•``, ``-``, ``*``, ``◄``, ``1.``, ``1)``
    or bare title-like lines, blank lines allowed between); ``none``.
``max_items`` = 3, ``max_words`` = 20
    at most this many item lines, each of at most this many words. A line
    ending in a full stop or a colon is prose, never an item.
``after_end`` = ``"items"``
    with ``rest``, a header that follows the end of the article (right after
    a line removed by a rule with ``mark = "end"``, such as ``المصدر:`` or tags) takes
    everything to the end of the document: the pasted next article.
``continuation`` = []
    patterns for the start of a paragraph that continues an article (``و``,
    ``كما``, ``من جهته`` …). With them, a header on its own line right after
    an article paragraph, with one teaser title under it and then an article
    paragraph that does *not* start that way (a new lead), is read as a
    pasted next article at the very end of this one: everything to the end
    goes (needs ``after_end = "rest"``). Empty: never guessed.
``zone`` = ``"any"``, ``within`` = 0
    as for ``line``.

Examples (REMOVE, then KEEP):

>>> from cleaner.kinds.testing import run
>>> run("block", {"trigger": "مقالات مشابهة", "items": "list"},
...     "نص المقال هنا.\\nمقالات مشابهة\\n  • عنوان أول\\n  • عنوان ثان\\n")
'نص المقال هنا.\\n'
>>> run("block", {"trigger": "اقرأ أيضا", "inline": False},
...     "يمكن للقراء أن يقرأوا أيضا هذا.\\n")
'يمكن للقراء أن يقرأوا أيضا هذا.\\n'
"""

from __future__ import annotations

import regex

from ..patterns import LazyPattern
from .base import WITHIN, ZONE, Key, Kind, text_or_list

_H = r"[^\S\n]*"
_BULLET = LazyPattern(r"^[^\S\n]*(?:[•·●○◦▪▫■□◆◇►◄▶◀➤➢✓✔*+>»\-]|\d{1,2}[.)\-])", 0)
_PROSE_END = LazyPattern(r"(?<!\.)[.:][\"')\]]*[^\S\n]*$", 0)


class BlockKind(Kind):
    NAME = "block"
    PHASE = 2
    contextual = True  # "after the end" depends on what other rules removed
    KEYS = {
        "trigger": text_or_list("the header pattern, or a list of them"),
        "inline": Key((bool,), True, "teaser text may follow the header on its line"),
        "items": Key((str,), "teaser", "teaser, list or none", ("teaser", "list", "none")),
        "max_items": Key((int,), 3, "at most this many item lines"),
        "max_words": Key((int,), 20, "an item line has at most this many words"),
        "after_end": Key((str,), "items", "items or rest", ("items", "rest")),
        "continuation": Key((list,), [], "how a paragraph that continues the article starts"),
        "zone": ZONE,
        "within": WITHIN,
    }

    def setup(self) -> None:
        tail = r"(?:" + _H + r"$|(?=[\s:.\-]))" if self.conf["inline"] else _H + "$"
        self.rx = self.pattern("trigger", "^" + _H + "(?:{})" + tail)
        self.continues = (self.pattern("continuation", "^" + _H + "(?:{})", prefilter=False)
                          if self.conf["continuation"] else None)

    def _title_like(self, text: str) -> bool:
        """Short, and not ending like a sentence or a lead-in."""
        return len(text.split()) <= self.conf["max_words"] and not _PROSE_END.search(text)

    def _item(self, doc, i: int) -> bool:
        return self._title_like(doc.flines[i])

    def apply(self, doc, rule) -> None:
        conf = self.conf
        # a header line holds the header and at most a title-like teaser
        bound = conf["max_words"] + 8 if conf["inline"] else 12
        for h in doc.candidates(conf["zone"], self.literals, bound):
            if not doc.alive(h) or not doc.in_zone(h, conf["zone"], conf["within"]):
                continue
            m = doc.match(self.rx, h)
            if not m:
                continue
            if conf["after_end"] == "rest" and doc.after_mark(h, "end"):
                doc.remove_lines(h, doc.n, rule, mark="end")
                continue
            end = h + 1
            rest = doc.flines[h][m.end():].strip()
            labelled = rest.endswith(":")  # "طالع أيضاً أهم الأخبار:": a list follows below
            if rest and rest[0] not in ":.-…" and not labelled and not self._title_like(rest):
                continue  # "اقرأ أيضا كيف وصفت الصحف …، وستجد أن …." is a sentence
            if (not rest.strip(":.-… ") or labelled) and conf["items"] != "none":
                end = self._extent(doc, h)
                if conf["after_end"] == "rest" and self._pasted(doc, h, end):
                    end = doc.n
            doc.remove_lines(h, end, rule, mark="end" if end == doc.n else "")

    def _pasted(self, doc, h: int, end: int) -> bool:
        """Header after the last paragraph, one title, then a new lead: a pasted article."""
        if self.continues is None:
            return False
        above, below = doc.prev_nonblank(h), doc.next_nonblank(end - 1)
        titles = [i for i in range(h + 1, end) if not doc.blank[i]]
        if above is None or below is None or len(titles) != 1:
            return False
        if not (doc.alive(above) and doc.is_para(above) and doc.alive(below) and doc.is_para(below)):
            return False
        return not doc.match(self.continues, below)

    def _extent(self, doc, h: int) -> int:
        """One past the last line that belongs to the header at line *h*."""
        conf = self.conf
        taken, end, i, gap = 0, h + 1, h + 1, False
        while i < doc.n and taken < conf["max_items"]:
            if doc.blank[i] or doc.gone[i] is not None:
                gap = gap or doc.blank[i]  # lines other rules removed are no gap
                i += 1
                continue
            listed = bool(_BULLET.match(doc.flines[i]))
            if conf["items"] == "teaser" and taken and gap and not listed:
                break  # a later teaser line must follow the previous one directly
            if not self._item(doc, i):
                break
            taken += 1
            i += 1
            end, gap = i, False
        return end
