"""Metadata kept before removal: the values of removed source, tags, date and byline lines.

Which rule yields which field is data: a ``line`` rule declares ``field =
"source"`` (or ``tags``, ``date``, ``byline``, any name) in its rule file.
:func:`extract_meta` reads the plan (the edits), looks each edit's rule up and
re-matches its pattern on the edit's original line to get the value:

* the pattern's group named ``value``, if it has one and it took part;
* else the text after the label's colon (the first ``:`` not between two
  digits, so ``17:35`` is not a label);
* else the whole removed text.

Values are the original text (spelling, diacritics and all), stripped of white
space, of dashes and colons at the ends and of enclosing quotes. ``tags`` is a
list: split on commas (``,`` ``،``), semicolons or ``|`` when there are any,
else on white space. Any other field keeps its first value in document order.
A held-back document removes nothing, so it yields ``{}``.

>>> from cleaner import clean, load_rules
>>> rules = load_rules()
>>> text = "وأكد الزعيمان أن المحادثات ستستمر.\\nالمصدر: صدى البلد\\nالوسوم: بوتين، كيم\\n"
>>> extract_meta(text, clean(text, rules), rules)
{'source': 'صدى البلد', 'tags': ['بوتين', 'كيم']}
"""

from __future__ import annotations

import re
from typing import Iterable

from .engine import Cleaned, Edit
from .fold import fold, fold_offsets
from .rules import Rule

_LIST_SEPARATORS = re.compile(r"[,،;؛|]")
_QUOTES = {'"': '"', "«": "»", "“": "”", "”": "“", "„": "“", "'": "'", "(": ")", "[": "]"}
_END_PUNCT = " \t\r\n\u00a0-–—_:|/"


def label_colon(s: str) -> int:
    """Index of the first colon that ends a label (not one between digits), or -1.

    >>> label_colon("تاريخ النشر: 17:35"), label_colon("الجمعة 29 يونيو 17:35")
    (11, -1)
    """
    for i, ch in enumerate(s):
        if ch in ":：" and not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()):
            return i
    return -1


def tidy(value: str) -> str:
    """Strip white space, end dashes and colons, and enclosing quotes or brackets."""
    value = value.strip(_END_PUNCT)
    while len(value) >= 2 and _QUOTES.get(value[0]) == value[-1]:
        value = value[1:-1].strip(_END_PUNCT)
    return value


def split_tags(value: str) -> list[str]:
    """``"بوتين، كيم"`` and ``"بوتين كيم"`` both give ``["بوتين", "كيم"]``."""
    parts = _LIST_SEPARATORS.split(value) if _LIST_SEPARATORS.search(value) else value.split()
    return [t for t in (tidy(p).lstrip("#") for p in parts) if t]


def edit_value(text: str, edit: Edit, rule: Rule) -> str:
    """The value an edit of a ``field`` rule carries (see the module docstring)."""
    line_start = text.rfind("\n", 0, edit.start) + 1
    line_end = text.find("\n", edit.start)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    rx = getattr(rule.impl, "rx", None)
    if rx is not None and "value" in rx.groupindex:
        m = rx.search(fold(line))
        if m and m.start("value") >= 0:
            offsets = fold_offsets(line)
            return tidy(line[offsets[m.start("value")]:offsets[m.end("value")]])
    removed = edit.text.split("\n")[0]  # a line rule removes one line, or a span of one
    colon = label_colon(removed)
    return tidy(removed[colon + 1:] if colon >= 0 else removed)


def extract_meta(text: str, result: Cleaned, rules: Iterable[Rule]) -> dict:
    """The ``meta`` object of one document: ``{"source": …, "tags": [...], "date": …}``.

    *text* is the original (the text ``result`` was computed from); only the
    fields found are present.
    """
    by_code = {r.code: r for r in rules}
    meta: dict = {}
    for edit in sorted(result.edits, key=lambda e: e.start):
        rule = by_code.get(edit.code)
        name = rule.impl.conf.get("field", "") if rule else ""
        if not name:
            continue
        value = edit_value(text, edit, rule)
        if name == "tags":
            tags = meta.setdefault("tags", [])
            for tag in split_tags(value):
                if tag not in tags:
                    tags.append(tag)
        elif value and name not in meta:
            meta[name] = value
    if meta.get("tags") == []:
        del meta["tags"]
    return meta
