"""Cleaning one text file, and writing files atomically.

:func:`process_file` is what ``fix``, ``check`` and ``stats`` do to a text
file (in a worker process or in this one): read it, clean it and, for ``fix``,
write it back. The written bytes are exactly what ``cleaner clean`` prints, BOM
included, so ``check`` passes exactly when ``clean`` would change nothing.

A write goes to a temporary file in the target's folder, is flushed and
fsynced, gets the original file's mode and then replaces the original in one
``os.replace``: a reader sees the old file or the new one, never half of one.
A symlink is followed (its target is rewritten; the link stays a link).
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from .engine import Cleaned, Edit, clean
from .files import BOM, InputError, looks_binary, read_text
from .html import looks_like_html
from .parallel import current


@dataclasses.dataclass
class DocResult:
    """What happened to one document: a text file, or one JSONL record."""

    name: str  # the path as the user gave it
    record: int = 0  # JSONL: the line number of the record; 0 for a text file
    changed: bool = False
    edits: list[Edit] = dataclasses.field(default_factory=list)
    held: bool = False  # the over-deletion guard refused the plan
    held_share: float = 0.0
    held_codes: tuple[str, ...] = ()
    layout_line: int = 0  # when only the layout changes: the first line that does
    error: str = ""  # bad input: what is wrong; the document is left as it was
    binary: bool = False  # skipped
    skipped: str = ""  # not a document to clean in place (an HTML page): why
    timed_out: str = ""  # a rule ran out of matching time: "CODE name (file:line)"
    before: str = ""  # check --diff only
    after: str = ""


def describe(name: str, text: str, result: Cleaned, want_diff: bool, record: int = 0) -> DocResult:
    """The DocResult for *text* cleaned into *result*."""
    changed = result.text != text
    doc = DocResult(name, record, changed, result.edits, result.held_back)
    if result.timed_out:
        doc.timed_out = f"{result.timed_out.code} {result.timed_out.name} ({result.timed_out.where})"
    if result.held_back:
        doc.held_share = result.removed_share
        doc.held_codes = tuple(sorted({e.code for e in result.refused}))
    if changed and not result.edits:
        doc.layout_line = first_difference(text, result.text)
    if changed and want_diff:
        doc.before, doc.after = text, result.text
    return doc


def first_difference(a: str, b: str) -> int:
    """The 1-based number of the first line that differs between *a* and *b*."""
    la, lb = a.splitlines(keepends=True), b.splitlines(keepends=True)
    for n, (x, y) in enumerate(zip(la, lb), 1):
        if x != y:
            return n
    return min(len(la), len(lb)) + 1


def process_file(name: str) -> DocResult:
    """Clean the text file *name* with the current job; write it back when fixing."""
    job, rules = current()
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        return DocResult(name, error=f"{name}: cannot read: {exc.strerror}; left as it was")
    if looks_binary(data):
        return DocResult(name, binary=True)
    if looks_like_html(data, name):
        return DocResult(name, skipped=f"{name}: an HTML page, not rewritten; "
                                       f"use `cleaner clean {name} > page.txt` for its text")
    try:
        text, bom = read_text(data, name)
    except InputError as exc:
        return DocResult(name, error=str(exc))
    result = clean(text, rules, max_removed=job.max_removed, regex_timeout=job.regex_timeout)
    doc = describe(name, text, result, job.diff)
    if doc.changed and job.write:
        try:
            write_atomic(Path(name), ((BOM if bom and result.text else "") + result.text).encode("utf-8"))
        except InputError as exc:
            doc.error = str(exc)
    return doc


class AtomicFile:
    """Write a replacement for *path*; :meth:`commit` swaps it in, anything else leaves it.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_text("old")
    >>> with AtomicFile(p) as f:
    ...     _ = f.file.write(b"new"); f.commit()
    >>> p.read_text(), sorted(x.name for x in p.parent.iterdir())
    ('new', ['a.txt'])
    """

    def __init__(self, path: Path, shown: str | None = None):
        self.shown = shown or str(path)
        self.target = Path(os.path.realpath(path))  # a symlink: write its target
        try:
            self.st = self.target.stat()
            self.mode = stat.S_IMODE(self.st.st_mode)
        except OSError as exc:
            raise InputError(f"{self.shown}: cannot write: {exc.strerror}; left as it was") from None
        if not os.access(self.target, os.W_OK) or not self.mode & 0o222:
            raise InputError(f"{self.shown}: read-only file; left as it was "
                             f"(make it writable first: chmod u+w {self.shown})")
        try:
            fd, self.tmp = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.",
                                            suffix=".tmp")
        except OSError as exc:
            raise InputError(f"{self.shown}: cannot write in its folder: {exc.strerror}; "
                             f"left as it was") from None
        self.file: BinaryIO = os.fdopen(fd, "wb")
        self.done = False

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.chmod(self.tmp, self.mode)
            if hasattr(os, "getuid") and (self.st.st_uid, self.st.st_gid) != (os.getuid(), os.getgid()):
                _chown(self.tmp, self.st)
            os.replace(self.tmp, self.target)
            self.done = True
        except OSError as exc:
            self.discard()
            raise InputError(f"{self.shown}: cannot write: {exc.strerror}; left as it was") from None
        _fsync_folder(self.target.parent)

    def discard(self) -> None:
        if not self.done:
            self.file.close()
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            self.done = True

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, *_: object) -> None:
        self.discard()  # not committed (an error, or nothing changed): the original stays


def _chown(path: str, st: os.stat_result) -> None:
    """Keep the owner when we may (root fixing someone else's file); else it is ours."""
    try:
        os.chown(path, st.st_uid, st.st_gid)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the OS allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, shown: str | None = None) -> None:
    with AtomicFile(path, shown) as out:
        try:
            out.file.write(data)
        except OSError as exc:
            raise InputError(f"{out.shown}: cannot write: {exc.strerror}; left as it was") from None
        out.commit()
