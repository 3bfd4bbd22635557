"""HTML input: recognise a page, decode its bytes, and extract the article text.

The text then goes through the same rule engine as any text: trafilatura finds
the article in the page, and the rules remove what it keeps of the site's
boilerplate (shortcodes, read-also teasers and pasted articles, source/tags lines).

**Recognising a page** (:func:`looks_like_html`): a file named ``*.html`` or
``*.htm``, or bytes that start (after a BOM, white space, ``<?xml …?>`` and
comments such as a browser's ``<!-- saved from url=… -->``) with ``<!doctype html``
or ``<html``.

**Decoding** (:func:`decode_html`), first that applies:

1. a byte-order mark (UTF-8, UTF-16);
2. bytes that are valid UTF-8: UTF-8, whatever the page declares, because legacy
   Arabic text is never valid multi-byte UTF-8 by chance, while a page re-encoded
   to UTF-8 that kept its old ``windows-1256`` declaration is common;
3. the declared charset, ``<meta charset>`` or ``<meta http-equiv="Content-Type">``
   (or ``<?xml encoding?>``) in the first 4 KiB, when the bytes decode with it;
   labels map as browsers map them (``iso-8859-1`` and ``ascii`` are windows-1252);
4. detection by ``charset_normalizer`` (a dependency of trafilatura);
5. the declared charset, else UTF-8, with undecodable bytes replaced.

**Extraction** (:func:`page_to_text`) calls ``trafilatura.extract`` with options
pinned here rather than left to the installed version's defaults (measured on
the fixture pages in ``tests/fixtures/html``, trafilatura 2.3):

* ``output_format="txt"``, ``include_formatting=False``: plain text, one paragraph
  per line. Markdown would prefix headings with ``#``, mark bold text and escape
  ``[`` as ``\\[`` — bytes the page does not hold, and an escaped shortcode no
  longer looks like one to the rules.
* ``include_comments=False``: readers' comments are not the article.
* ``include_tables=True``: tables in news articles are content (results, figures).
* ``include_images=False``, ``include_links=False``: no markup in the text.
* ``favor_precision=False``, ``favor_recall=False`` (balanced): with precision the
  ``<h1>`` title is dropped even where the theme puts it inside the article (the
  Jannah fixtures lose their title line), and the policy keeps titles; recall
  changed nothing on the fixtures.
* ``fast=False``: keep trafilatura's fallback extractors (readability, jusText),
  which rescue pages its own heuristics get wrong; same output on the fixtures,
  at about twice the extraction time.
* ``deduplicate=False``: trafilatura's deduplication counts segments in a
  process-wide cache, so a paragraph would survive or not depending on the pages
  processed before it; the output must depend on the page alone.
* ``with_metadata=False``: no metadata header in the text.

trafilatura is imported inside :func:`page_to_text` only: importing it costs
several times the rest of the start-up, and a plain-text run never needs it.

**Many pages** (:func:`clean_pages`, and JSONL blocks, :mod:`cleaner.jsonl`) go in
two stages: the pages of a group (about :data:`GROUP_BYTES`, one JSONL block) are
all extracted, then their texts are all cleaned. Page by page, each extraction
pushes the rule engine's code and data (compiled patterns, the literal automaton)
out of the processor's caches and the next cleaning brings them back. Measured on
the fixture pages (this project's 2-core machine, one run): the rules took 1.01 ms
a page cleaned right after its extraction, 0.79 ms in groups of 6 pages, 0.74 in
groups of 16, 0.64 in groups of 48 and 0.63 on texts alone. The output is the
same either way.

>>> looks_like_html(b"\\xef\\xbb\\xbf<!DOCTYPE html><html>", None)
True
>>> looks_like_html(b"<p>a fragment</p>", "article.txt")
False
>>> decode_html('<meta charset="windows-1256"><p>سلام</p>'.encode("cp1256"))
'<meta charset="windows-1256"><p>سلام</p>'
"""

from __future__ import annotations

import codecs
import itertools
import re
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Cleaned

HTML_SUFFIXES = (".html", ".htm")
_SNIFF = 4096
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LEADING = re.compile(rb"(?:\s+|<!--.*?-->|<\?xml[^>]*>)*", re.S)
# compiled on first use (re's cache): only a page's charset needs it, not a text run
_DECLARED = rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)"""
# Labels that browsers decode otherwise than Python's codec of the same name (WHATWG Encoding).
_AS_BROWSERS_DO = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
                   "tis-620": "cp874", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}

EXTRACT_OPTIONS = dict(
    output_format="txt", include_formatting=False, include_comments=False, include_tables=True,
    include_images=False, include_links=False, favor_precision=False, favor_recall=False,
    fast=False, deduplicate=False, with_metadata=False,
)


def looks_like_html(data: bytes, name: str | None = None) -> bool:
    """True for a ``.html``/``.htm`` file, or bytes that open with a doctype or ``<html``."""
    if name and name.lower().endswith(HTML_SUFFIXES):
        return True
    head = data[:_SNIFF]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, "ignore").encode("ascii", "ignore")
            break
    head = head[_LEADING.match(head).end():].lower()
    return head.startswith((b"<!doctype html", b"<html"))


def declared_charset(data: bytes) -> str | None:
    """The Python codec name of the charset the page declares, if any is known."""
    m = re.search(_DECLARED, data[:_SNIFF], re.I)
    if not m:
        return None
    try:
        name = codecs.lookup((m.group(1) or m.group(2)).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _AS_BROWSERS_DO.get(name, name)


def decode_html(data: bytes) -> str:
    """Decode a page's bytes: BOM, valid UTF-8, declared charset, detection (module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # only needed for undeclared legacy pages

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode(declared or "utf-8", "replace")


def page_to_text(page: str) -> str:
    """The article text of an HTML page already decoded to ``str`` ('' if none was found).

    This is the entry point for a page held in a JSONL field.
    """
    import trafilatura  # heavy: imported on the HTML path only

    return trafilatura.extract(page, **EXTRACT_OPTIONS) or ""


def html_to_text(data: bytes) -> str:
    """The article text of an HTML page given as bytes (decoded with :func:`decode_html`)."""
    return page_to_text(decode_html(data))


GROUP_BYTES = 1 << 20  # pages extracted before their texts are cleaned: as a JSONL block of pages


def to_text(page: "bytes | str") -> str:
    """The article text of a page: bytes are decoded first, a ``str`` is taken as decoded."""
    return html_to_text(page) if isinstance(page, bytes) else page_to_text(page)


def clean_pages(pages: "Iterable[bytes | str]", rules, **options) -> "Iterator[tuple[str, Cleaned]]":
    """``(article text, clean result)`` for each page, in order: the same as
    ``clean(to_text(page), rules, **options)`` page by page, done in two stages over
    groups of about :data:`GROUP_BYTES` (module docstring), so faster on many pages.
    *options* are :func:`cleaner.engine.clean`'s."""
    from .engine import clean

    group: list[bytes | str] = []
    size = 0
    for page in itertools.chain(pages, [None]):
        if page is not None:
            group.append(page)
            size += len(page)
        if group and (page is None or size >= GROUP_BYTES):
            texts = [to_text(p) for p in group]
            for text in texts:
                yield text, clean(text, rules, **options)
            group, size = [], 0
