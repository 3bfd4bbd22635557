"""Kind ``line``: a line that is boilerplate, or a span glued to a line's start or end.

Keys:

``pattern`` (required)
    a pattern or a list of patterns (:mod:`cleaner.patterns`: ``regex`` syntax,
    literals folded, so ``اقرأ أيضاً`` matches every hamza/tanween variant).
``match`` = ``"line"``
    ``line``: the pattern must cover the whole line (leading and trailing
    white space aside) and the line goes; ``prefix``: the pattern matches at
    the start of the line and only that span goes; ``suffix``: it matches up
    to the end of the line and only that span goes. A group named ``cut``
    narrows the removed span to that group.
``zone`` = ``"any"``, ``within`` = 0
    ``head``/``body``/``tail``, the ``first``/``last`` kept line, the
    ``lead`` (the first article paragraph) or ``final`` (the last kept line
    after the last paragraph; see
    :mod:`cleaner.engine`); with ``within``, only among the first (head) or
    last (tail) N kept lines.
``max_words`` = 0
    if set, the line has at most this many words (guards short labels).
``mark`` = ""
    a name this rule gives the lines it removes. ``"end"`` says the article
    has ended (source, tags): a block header right after such a line takes
    the rest of the document (``after_end = "rest"``).
``after`` = ""
    match only a line that follows a line removed by a rule with this
    ``mark``, with only blank or removed lines between (a bare author name
    right after a date line).
``before`` = ""
    likewise for the nearest non-blank line below (a byline right above a
    date line).
``not_first`` = false
    never the first kept line (the title).
``last_resort`` = false
    run after every other rule in each round: for general sweeps, so that a
    line a specific rule knows (a source line, with its metadata) is removed,
    and explained, by that rule.
``field`` = ""
    the metadata this line carries (``source``, ``tags``, ``date``,
    ``byline``; any name): ``cleaner explain --meta`` and
    :func:`cleaner.meta.extract_meta` keep its value before the line goes. The
    value is the pattern's group named ``value`` if it has one, else the text
    after the first colon (a colon between digits, as in 17:35, is not one),
    else the whole line; ``tags`` values are split into a list. Matching is
    not affected.

Examples (REMOVE, then KEEP):

>>> from cleaner.kinds.testing import run
>>> run("line", {"pattern": "زر الذهاب إلى الأعلى"}, "نص المقال.\\nزر الذهاب الى الأعلى\\n")
'نص المقال.\\n'
>>> run("line", {"pattern": "المصدر: .+", "max_words": 8}, "وقال المصدر إن الاجتماع انتهى.\\n")
'وقال المصدر إن الاجتماع انتهى.\\n'
"""

from __future__ import annotations

from .base import WITHIN, ZONE, Key, Kind, SchemaError, text_or_list

_H = r"[^\S\n]*"  # horizontal white space (CR included)


class LineKind(Kind):
    NAME = "line"
    PHASE = 1
    KEYS = {
        "pattern": text_or_list("the line's pattern, or a list of them"),
        "match": Key((str,), "line", "line, prefix or suffix", ("line", "prefix", "suffix")),
        "zone": ZONE,
        "within": WITHIN,
        "max_words": Key((int,), 0, "the line has at most this many words (0: no limit)"),
        "mark": Key((str,), "", "a name given to the lines this rule removes"),
        "after": Key((str,), "", "only right after a line removed with this mark"),
        "before": Key((str,), "", "only right before a line removed with this mark"),
        "not_first": Key((bool,), False, "never the first kept line (the title)"),
        "last_resort": Key((bool,), False, "run after every other rule, in each round"),
        "field": Key((str,), "", "the metadata field the removed text's value goes to (source, tags ...)"),
    }

    def setup(self) -> None:
        match = self.conf["match"]
        template = {
            "line": "^" + _H + "(?P<_all>{})" + _H + "$",
            "prefix": "^" + _H + "(?P<_all>{})",
            "suffix": "(?P<_all>{})" + _H + "$",
        }[match]
        self.rx = self.pattern("pattern", template)
        if match != "line" and self.conf["mark"]:
            raise SchemaError("mark", "'mark' needs match = \"line\"")
        self.contextual = self.conf["zone"] != "any" or bool(self.conf["after"] or self.conf["before"])
        self.has_cut = "cut" in self.rx.groupindex
        if self.conf["last_resort"]:
            self.PHASE = 9  # a general sweep: the rules that know a line name it first

    def apply(self, doc, rule) -> None:
        conf = self.conf
        zone, within, after, before = conf["zone"], conf["within"], conf["after"], conf["before"]
        not_first, mark, whole = conf["not_first"], conf["mark"], conf["match"] == "line" and not self.has_cut
        find = doc.search if conf["match"] == "suffix" else doc.match
        rx = self.rx.compiled()
        gone = doc.gone
        for i in doc.candidates(zone, self.literals, conf["max_words"], after, before):
            if gone[i] is not None or i in doc.dead:  # removed by this rule's earlier matches
                continue
            if zone != "any" and not doc.in_zone(i, zone, within):
                continue
            if after and not doc.after_mark(i, after):
                continue
            if before and not doc.before_mark(i, before):
                continue
            if not_first and doc.in_zone(i, "first"):
                continue
            m = find(rx, i)
            if not m:
                continue
            if whole:
                doc.remove_lines(i, i + 1, rule, mark=mark)
                continue
            group = "cut" if self.has_cut and m.start("cut") >= 0 else "_all"
            start, end = doc.orig(i, m.start(group), m.end(group))
            doc.remove_span(start, end, rule)
