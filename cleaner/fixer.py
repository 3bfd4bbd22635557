"""Cleaning one text file, and writing files atomically.

:func:`process_file` is what ``fix``, ``check`` and ``stats`` do to a text
file (in a worker process or in this one): read it, clean it and, for ``fix``,
write it back. For a UTF-8 file the written bytes are exactly what ``cleaner
clean`` prints, BOM included, so ``check`` passes exactly when ``clean`` would
change nothing. (``clean`` prints UTF-8 whatever the input's encoding.)

A write goes to a temporary file in the target's folder, is flushed and
fsynced, gets the original file's mode and then replaces the original in one
``os.replace``: a reader sees the old file or the new one, never half of one.
A symlink is followed (its target is rewritten; the link stays a link).

The temporary file is named ``.<name>.cleaner-tmp-<8 random characters>`` and
its writer holds an exclusive ``flock`` on it until the rename. A run killed
mid-write leaves one behind; the next ``fix`` over that folder finds it unlocked
and removes it (:func:`remove_stale_temps`), while the temporary files of a run
still going are locked and left alone. (Where ``fcntl`` is missing, on Windows,
nothing is removed: a lock cannot be told from none.)

A file is written back in the encoding it was read in (``--encoding``), with
its BOM: the bytes outside the removed spans stay as they were.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable

from .engine import Cleaned, Edit, clean
from .files import TEMP_MARK, InputError, Skipped, decode, is_temp, nul_offset, binary
from .html import looks_like_html
from .parallel import current

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


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
    skip: str = ""  # binary, or gone: why (a warning in a folder run, an error for a file named)
    note: str = ""  # --encoding auto read a legacy encoding: which
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


GONE = "disappeared during the run"


def process_file(name: str) -> DocResult:
    """Clean the text file *name* with the current job; write it back when fixing."""
    job, rules = current()
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        if os.path.islink(name):
            return DocResult(name, error=f"{name}: cannot read: a broken symlink; left as it was")
        return DocResult(name, skip=GONE)  # listed, then deleted or renamed
    except OSError as exc:
        return DocResult(name, error=f"{name}: cannot read: {exc.strerror}; left as it was")
    if looks_like_html(data, name):
        if (nul := nul_offset(data)) >= 0:
            return DocResult(name, skip=binary(name, nul).why)
        return DocResult(name, skipped=f"{name}: an HTML page, not rewritten; "
                                       f"use `cleaner clean {name} > page.txt` for its text")
    try:
        decoded = decode(data, name, job.encoding)
    except Skipped as exc:
        return DocResult(name, skip=exc.why)
    except InputError as exc:
        return DocResult(name, error=str(exc))
    text = decoded.text
    result = clean(text, rules, max_removed=job.max_removed, regex_timeout=job.regex_timeout)
    doc = describe(name, text, result, job.diff)
    doc.note = decoded.note(name) if decoded.detected else ""
    if doc.changed and job.write:
        try:
            if decoded.encoding != "utf-8" and decoded.encode(text) != data:
                raise InputError(f"{name}: {decoded.encoding} does not give back the same bytes; left as "
                                 f"it was (convert it to UTF-8 first)")
            write_atomic(Path(name), decoded.encode(result.text))
        except Skipped as exc:
            doc.changed, doc.skip = False, exc.why
        except InputError as exc:
            doc.error = str(exc)
    return doc


def process_files(names: list[str]) -> list[DocResult]:
    """:func:`process_file` for each of *names*: one worker task for a few small files."""
    return [process_file(name) for name in names]


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
        except FileNotFoundError:
            raise Skipped(self.shown, GONE) from None  # deleted while it was being cleaned
        except OSError as exc:
            raise InputError(f"{self.shown}: cannot write: {exc.strerror}; left as it was") from None
        # the mode bits too: root may write anything, but a file marked read-only is meant to stay
        if not os.access(self.target, os.W_OK) or not self.mode & 0o222:
            raise InputError(f"{self.shown}: read-only file; left as it was "
                             f"(make it writable first: chmod u+w {self.shown})")
        try:
            fd, self.tmp = _locked_temp(self.target)
        except OSError as exc:
            raise InputError(f"{self.shown}: cannot write in its folder: {exc.strerror}; "
                             f"left as it was") from None
        self.file: BinaryIO = os.fdopen(fd, "wb")
        self.done = False

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            os.chmod(self.tmp, self.mode)
            if hasattr(os, "getuid") and (self.st.st_uid, self.st.st_gid) != (os.getuid(), os.getgid()):
                _chown(self.tmp, self.st)
            if fcntl is None:
                self.file.close()  # Windows renames no open file
            os.replace(self.tmp, self.target)  # still locked: never taken for a stale file
            self.done = True
        except OSError as exc:
            self.discard()
            raise InputError(f"{self.shown}: cannot write: {exc.strerror}; left as it was") from None
        finally:
            if self.done:
                self.file.close()
        _fsync_folder(self.target.parent)

    def discard(self) -> None:
        if not self.done:
            try:
                os.unlink(self.tmp)  # before closing: unlocked, it could pass for a stale file
            except FileNotFoundError:
                pass
            self.file.close()
            self.done = True

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, *_: object) -> None:
        self.discard()  # not committed (an error, or nothing changed): the original stays


def _locked_temp(target: Path) -> tuple[int, str]:
    """A new temporary file next to *target*, locked for as long as it is open."""
    while True:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target.name))
        if fcntl is None:
            return fd, tmp
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits only while another run looks at it
        except OSError:  # a file system without locks (some network mounts): nobody removes it
            return fd, tmp
        if os.fstat(fd).st_nlink:
            return fd, tmp
        os.close(fd)  # another run removed it in that instant, taking it for stale: a new one


def _temp_prefix(name: str) -> str:
    stem = name
    while len(os.fsencode(stem)) > 100:  # room for the marks within a 255-byte file name
        stem = stem[:-1]
    return f".{stem}{TEMP_MARK}"


def stale_temps_of(paths: Iterable[Path]) -> list[Path]:
    """The temporary files that writes to *paths* (files named on the command line) may
    have left: each folder is listed once, however many of its files are named."""
    prefixes: dict[Path, set[str]] = {}
    for path in paths:
        target = Path(os.path.realpath(path))
        prefixes.setdefault(target.parent, set()).add(_temp_prefix(target.name))
    found = []
    for folder, wanted in prefixes.items():
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        found += [folder / n for n in names if is_temp(n) and n[:n.rindex(TEMP_MARK) + len(TEMP_MARK)] in wanted]
    return found


def remove_stale_temps(paths: Iterable[Path]) -> list[Path]:
    """Remove the temporary files among *paths* that no live write holds; return them."""
    removed = []
    if fcntl is None:  # pragma: no cover - Windows: a live write cannot be told from a stale one
        return removed
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a run still going is writing it (or locks are not to be had here)
            os.unlink(path)  # while locked: its writer, if it just made it, takes a new name
            removed.append(path)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


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
