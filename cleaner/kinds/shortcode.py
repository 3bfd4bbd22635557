"""Kind ``shortcode``: WordPress shortcodes leaked into the text.

``[tag attr=”…”]``, ``[tag]…[/tag]`` and ``[/tag]``, with straight or curly
quotes, possibly spanning lines. Tag names are ASCII, so ``[1]``,
``[تحديث]`` and ``[...]`` in prose never match. Matching runs on the
original text (tags are ASCII; nothing to fold).

Keys:

``tags`` (required)
    a list of tag-name patterns (``regex`` syntax, case-insensitive, whole
    name), such as ``"covid19-[a-z0-9-]+"`` or ``"vc_[a-z_]+"``.
``mode`` = ``"remove"``
    ``remove``: the tag goes, and a ``[tag]…[/tag]`` pair goes with its inner
    text (widgets, media, captions); ``unwrap``: only the opening and closing
    tags go, the inner text stays (layout wrappers such as ``vc_column_text``).
``require_attributes`` = false
    match only tags that carry ``name=value`` attributes (for generic rules
    that must not touch a bare ``[word]``). Whatever the setting, text after
    the tag name that holds no ``=`` (``[column A]``) is prose, not a tag.
``max_content`` = 20000
    the farthest a closing tag is looked for, in characters.

Examples (REMOVE, then KEEP):

>>> from cleaner.kinds.testing import run
>>> run("shortcode", {"tags": ["vc_[a-z_]+"], "mode": "unwrap"},
...     "[vc_row][vc_column_text]نص المقال.[/vc_column_text][/vc_row]\\n")
'نص المقال.\\n'
>>> run("shortcode", {"tags": ["[a-z]+"], "require_attributes": True}, "قال [1] إن [تحديث] جاء.\\n")
'قال [1] إن [تحديث] جاء.\\n'
"""

from __future__ import annotations

import functools

import regex

from ..patterns import LazyPattern
from .base import Key, Kind, SchemaError

_ATTRS = r"(?P<attrs>(?:[\s/][^\[\]]{0,4000})?)"


@functools.lru_cache(maxsize=512)
def _closer(tag: str) -> regex.Pattern:
    """The pattern of ``[/tag]``, compiled once per tag name (regex.compile's own cache
    costs more than a match: it hashes its arguments on every call)."""
    return regex.compile(r"\[/" + regex.escape(tag) + r"[^\S\n]*\]", regex.IGNORECASE)


class ShortcodeKind(Kind):
    NAME = "shortcode"
    PHASE = 0
    KEYS = {
        "tags": Key((list,), None, "tag-name patterns", required=True),
        "mode": Key((str,), "remove", "remove or unwrap", ("remove", "unwrap")),
        "require_attributes": Key((bool,), False, "only tags with name=value attributes"),
        "max_content": Key((int,), 20000, "how far a closing tag is looked for"),
    }

    def setup(self) -> None:
        tags = self.conf["tags"]
        if not tags or not all(isinstance(t, str) and t for t in tags):
            raise SchemaError("tags", "'tags' must be a non-empty list of tag-name patterns")
        for t in tags:
            self.check_backtracking("tags", t)
        names = "|".join(f"(?:{t})" for t in tags)
        try:
            self.open = LazyPattern(r"\[(?P<tag>" + names + r")(?=[\s\]/])" + _ATTRS + r"\]",
                                    regex.IGNORECASE)
            self.close = LazyPattern(r"\[/(?P<tag>" + names + r")[^\S\n]*\]", regex.IGNORECASE)
            self.open.compiled(), self.close.compiled()
        except regex.error as exc:
            raise SchemaError("tags", f"'tags' is not a valid pattern: {exc}") from None

    def apply(self, doc, rule) -> None:
        text, conf = doc.text, self.conf
        if "[" not in text:
            return
        taken_to = 0
        for m in doc.finditer(self.open, text):
            if m.start() < taken_to:
                continue
            attrs = m.group("attrs").strip(" /\t\r\n")
            if (attrs or conf["require_attributes"]) and "=" not in attrs:
                continue  # "[column A]" is prose: attributes are name=value pairs
            end = m.end()
            if conf["mode"] == "remove":
                closer = _closer(m.group("tag"))
                c = next(iter(doc.finditer(closer, text, m.end(), min(len(text), m.end() + conf["max_content"]))), None)
                if c:
                    end = c.end()
            doc.remove_span(m.start(), end, rule)
            taken_to = end
        if conf["require_attributes"]:
            return
        for c in doc.finditer(self.close, text):
            doc.remove_span(c.start(), c.end(), rule)
