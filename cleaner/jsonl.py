"""JSONL corpora: one JSON object per line, the document in one string field.

Records stream: the input is read in blocks of whole lines (:data:`CHUNK`
bytes), each cleaned as one task (over worker processes with ``-j``) and written
in order, so memory stays flat however large the file. A task goes to a worker
as one ``bytes`` object and comes back as one: the block's output, or ``None``
when no byte of it changed, with a few numbers and the records that need a word
in the report (:func:`process_chunk`); so the process that reads and writes the
file does a few steps per block, not per record.

Byte-exactness: a record whose text does not change is written as the
original line, byte for byte; in a record whose text changes only that field's
value is replaced (``--annotate`` adds or replaces an ``edits`` value), so the
other fields, their order, spacing and escapes stay as they were. The new value
is written with non-ASCII characters as they are, unless the old value was pure
ASCII (``\\u`` escapes), in which case it is escaped the same way.

>>> spans, close = locate('{"id": 1, "text": "a\\\\nb"}', ("text",))
>>> spans["text"], close
((18, 24, 'a\\nb'), 24)
"""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import json
import re
from json.decoder import scanstring
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from .engine import clean
from .fixer import DocResult, describe
from .html import looks_like_html, page_to_text
from .meta import extract_meta
from .parallel import Workers, current

CHUNK = 1 << 17  # bytes of input per task: a dozen records, hundreds of short ones (a
# longer line is a task of its own); large enough that the hand-over costs little, small
# enough that the window of tasks in flight stays a few MB and no worker waits long at the end
PAGE_CHUNK = 1 << 20  # ... when the records hold HTML pages: a block's pages are extracted
# before their texts are cleaned (cleaner.html), and the rules run about a third faster
# after 16 pages than after 2 (measured on the fixture pages); pages are large, so a
# block of 128 KB would hold only a few
_WS = re.compile(r"[ \t\n\r]*")
_scan = json.JSONDecoder().scan_once
BOM = b"\xef\xbb\xbf"
SAME = (None, None)  # a record with nothing to do or report


def is_jsonl(name: str) -> bool:
    return name.endswith((".jsonl", ".jsonl.gz"))


def is_gzip(name: str) -> bool:
    return name.endswith(".gz")


def locate(s: str, keys: Iterable[str]) -> tuple[dict[str, tuple[int, int, Any]], int]:
    """Spans ``(start, end, value)`` of the top-level *keys* in the JSON object *s*,
    and the offset of its closing brace. A repeated key counts as its last copy
    (as ``json.loads`` reads it). Raises ValueError when *s* is not one object."""
    keys, spans = set(keys), {}
    i = _WS.match(s).end()
    if s[i:i + 1] != "{":
        raise ValueError(_why(s))
    i = _WS.match(s, i + 1).end()
    if s[i:i + 1] == "}":
        close = i
    else:
        while True:
            if s[i:i + 1] != '"':
                raise ValueError(_why(s))
            try:
                key, i = scanstring(s, i + 1)
                i = _WS.match(s, i).end()
                if s[i:i + 1] != ":":
                    raise ValueError(_why(s))
                i = _WS.match(s, i + 1).end()
                value, end = _scan(s, i)
            except (StopIteration, json.JSONDecodeError):
                raise ValueError(_why(s)) from None
            if key in keys:
                spans[key] = (i, end, value)
            i = _WS.match(s, end).end()
            if s[i:i + 1] == "}":
                close = i
                break
            if s[i:i + 1] != ",":
                raise ValueError(_why(s))
            i = _WS.match(s, i + 1).end()
    if _WS.match(s, close + 1).end() != len(s):
        raise ValueError(_why(s))
    return spans, close


def _why(s: str) -> str:
    try:
        value = json.loads(s)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg}, column {exc.colno})"
    except RecursionError:
        return "not valid JSON (nested too deeply)"
    return "not a JSON object" if not isinstance(value, dict) else "not valid JSON"


@dataclasses.dataclass(slots=True)
class _Record:
    """A record parsed, its text not yet cleaned (:func:`_parse`)."""

    name: str
    n: int
    line: bytes  # as read, with its line break
    body: bytes  # without it
    s: str  # body, decoded
    spans: dict[str, tuple[int, int, Any]]  # from locate()
    close: int
    text: str  # the field's value
    page: bool  # an HTML page, to extract first


def process_record(name: str, n: int, line: bytes) -> tuple[bytes | None, DocResult | None] | None:
    """Clean one JSONL line: ``None`` for a blank line, :data:`SAME` for a record with
    nothing to do, else ``(new line or None to keep the old one, what happened)``."""
    rec = _parse(name, n, line)
    if not isinstance(rec, _Record):
        return rec
    return _finish(rec, page_to_text(rec.text) if rec.page else rec.text)


def _parse(name: str, n: int, line: bytes) -> "_Record | tuple[bytes | None, DocResult | None] | None":
    """The record on *line*, ready to clean, or what :func:`process_record` returns
    for a line with nothing to clean (blank, malformed, no such field)."""
    job, _ = current()
    body = line.rstrip(b"\r\n")
    if not body.strip():
        return None
    where = f"{name}:{n}"
    try:
        s = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, DocResult(name, n, error=f"{where}: not valid UTF-8 (byte {exc.start})")
    target = job.to_field or job.field
    try:
        spans, close = locate(s, (job.field, "edits", "meta", target))
    except ValueError as exc:
        return None, DocResult(name, n, error=f"{where}: {exc}")
    if job.field not in spans or not isinstance(spans[job.field][2], str):
        return None, DocResult(name, n, error=f"{where}: no string field '{job.field}' "
                                               f"(choose the field with --field)")
    text = spans[job.field][2]
    page = bool(job.html or (job.html is None and looks_like_html(text[:4096].encode("utf-8", "replace"))))
    if page and job.write and not job.to_field:
        return None, DocResult(name, n, error=f"{where}: '{job.field}' holds an HTML page; fix writes "
                                              f"its text into another field only (--to-field text)")
    return _Record(name, n, line, body, s, spans, close, text, page)


def _finish(rec: _Record, text: str) -> tuple[bytes | None, DocResult | None]:
    """Clean the record's *text* (its field, or the text of the page it holds) and
    make its new line."""
    job, rules = current()
    name, s, spans, close, n = rec.name, rec.s, rec.spans, rec.close, rec.n
    start, end, _ = spans[job.field]
    target = job.to_field or job.field
    result = clean(text, rules, max_removed=job.max_removed, regex_timeout=job.regex_timeout)
    doc = describe(name, text, result, job.diff, n)
    if target != job.field:  # the record changes when the target field is missing or differs
        old = spans.get(target)
        doc.changed = old is None or old[2] != result.text
    if not doc.changed and not job.annotate and not job.meta:
        return SAME if not (doc.edits or doc.held) else (None, doc)
    parts: list[tuple[int, int, str]] = []
    ascii_only = s[start:end].isascii()
    if doc.changed:
        value = json.dumps(result.text, ensure_ascii=ascii_only)
        if target in spans:
            parts.append((spans[target][0], spans[target][1], value))
        else:
            parts.append((close, close, f", {json.dumps(target)}: {value}"))
    if job.meta:
        value = json.dumps(extract_meta(text, result, rules), ensure_ascii=ascii_only)
        if "meta" in spans and job.field != "meta":
            parts.append((spans["meta"][0], spans["meta"][1], value))
        else:
            parts.append((close, close, f', "meta": {value}'))
    if job.annotate:
        value = json.dumps([{"code": e.code, "start": e.start, "end": e.end} for e in result.edits])
        if "edits" in spans and job.field != "edits":
            parts.append((spans["edits"][0], spans["edits"][1], value))
        else:
            parts.append((close, close, f', "edits": {value}'))
    for a, b, new in sorted(parts, reverse=True):
        s = s[:a] + new + s[b:]
    return s.encode("utf-8") + rec.line[len(rec.body):], doc


Chunk = tuple[bytes | None, bool, int, list[tuple[int, int, int, DocResult]]]  # see process_chunk


def process_chunk(task: tuple[str, int, bytes, bool, bool]) -> Chunk:
    """Clean the lines of one block: ``task`` is ``(name, number of its first line, the
    lines, details, output)``. Returns ``(out, changed, plain, notes)``:

    * *out*: the block as it is to be written (a malformed record as it was), or
      ``None`` when that is the block itself, or when *output* is false (nothing written);
    * *changed*: whether a byte of the block changes;
    * *plain*: how many records need only to be counted;
    * *notes*: ``(line number, start, end, DocResult)`` of the other records, in order:
      the malformed ones, and the ones the report must see (with *details* every one that
      :func:`process_record` describes; else those held back or timed out). *start* and
      *end* are the record's bytes in *out* (or in the block, when *out* is ``None``).
    """
    name, n, data, details, output = task
    pieces: list[bytes] = []
    notes: list[tuple[int, int, int, DocResult]] = []
    plain = at = pos = 0
    changed = False
    size = len(data)
    lines: list[bytes] = []
    while pos < size:
        nl = data.find(b"\n", pos)
        end = size if nl < 0 else nl + 1
        lines.append(data[pos:end])
        pos = end
    parsed = [_parse(name, n + k, line) for k, line in enumerate(lines)]
    # the block's pages are all extracted before any text is cleaned (cleaner.html: faster)
    texts = [page_to_text(r.text) if isinstance(r, _Record) and r.page else None for r in parsed]
    for line, rec, text in zip(lines, parsed, texts):
        res = _finish(rec, rec.text if text is None else text) if isinstance(rec, _Record) else rec
        new = line
        if res is None:  # a blank line
            pass
        elif res == SAME:
            plain += 1
        else:
            doc = res[1]
            if doc.error:
                notes.append((n, at, at + len(line), doc))
            else:
                if res[0] is not None and res[0] != line:
                    new = res[0]
                    changed = True
                if details or doc.held or doc.timed_out:
                    notes.append((n, at, at + len(new), doc))
                else:
                    plain += 1
        pieces.append(new)
        at += len(new)
        n += 1
    out = b"".join(pieces) if changed and output else None
    return out, changed, plain, notes


def holds_pages(block: bytes, job) -> bool:
    """Do the records hold HTML pages, by the job (``--html``) or by the first record
    of the first *block*? (Only the block size depends on it.)"""
    if job is None or job.html is not None:
        return bool(job and job.html)
    line = next((ln for ln in block.lstrip(BOM).split(b"\n") if ln.strip()), b"")
    try:
        value = locate(line.decode("utf-8"), (job.field,))[0].get(job.field, (0, 0, None))[2]
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(value, str) and looks_like_html(value[:4096].encode("utf-8", "replace"))


def lines_in(data: bytes) -> int:
    """The number of lines in *data* (the last one may lack its newline)."""
    return data.count(b"\n") + (bool(data) and not data.endswith(b"\n"))


def blocks(src: Iterable[bytes], size: "int | Callable[[], int]" = 0) -> Iterator[bytes]:
    """*src* (a binary file, or any iterable of lines) in blocks of whole lines, about
    *size* bytes each (default :data:`CHUNK`; a longer line is a block of its own).
    *size* may be a function, asked before each block."""
    def want() -> int:
        return (size() if callable(size) else size) or CHUNK

    read, readline = getattr(src, "read", None), getattr(src, "readline", None)
    if read is not None and readline is not None:
        while block := read(want()):
            if not block.endswith(b"\n"):
                block += readline()  # the rest of the last line
            yield block
        return
    chunk: list[bytes] = []
    total = 0
    for line in src:
        chunk.append(line)
        total += len(line)
        if total >= want():
            yield b"".join(chunk)
            chunk, total = [], 0
    if chunk:
        yield b"".join(chunk)


def chunks(name: str, src: Iterable[bytes], workers: Workers, tell: Callable[[], int] | None = None,
           details: bool = True, output: bool = True) -> Iterator[tuple[bytes, int, int, Chunk]]:
    """``(block, lines in it, bytes read, process_chunk result)`` for each block of *src*,
    in order. *bytes read* is ``tell()`` once the block was read (0 without *tell*): the
    input runs ahead of the results by the workers' window, so progress must use this.

    A BOM at the start of the file comes first as a block of its own, of no lines
    (write it back first); the first line is cleaned without it."""
    size = [CHUNK]
    it = blocks(src, lambda: size[0])
    first = next(it, b"")
    if holds_pages(first, getattr(workers, "job", None)):
        size[0] = PAGE_CHUNK
    if first.startswith(BOM):
        yield BOM, 0, 0, (None, False, 0, [])
        first = first[len(BOM):]
    sent: deque[tuple[bytes, int, int]] = deque()

    def tasks() -> Iterator[tuple[str, int, bytes, bool, bool]]:
        n = 1
        for block in itertools.chain([first] if first else [], it):
            count = lines_in(block)
            sent.append((block, count, tell() if tell else 0))
            yield name, n, block, details, output
            n += count

    for result in workers.map(process_chunk, tasks()):
        block, count, pos = sent.popleft()
        yield block, count, pos, result


def open_read(path: str):
    """The file's lines as bytes (``.gz``: decompressed) and the raw file, for progress."""
    raw = open(path, "rb")
    return (gzip.GzipFile(fileobj=raw, mode="rb") if is_gzip(path) else raw), raw


def gzip_writer(fileobj):
    # mtime 0 and no name: the same records give the same bytes on every run
    return gzip.GzipFile(filename="", mode="wb", fileobj=fileobj, compresslevel=6, mtime=0)
