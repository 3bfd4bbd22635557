"""Finding and reading the files a command works on: files and folders, recursively.

Folders are walked in sorted order (so output order is stable), version-control
folders are skipped, and ``include``/``exclude`` globs filter by the path
relative to the folder given and by the file name.

>>> looks_binary(b"text\\x00")        # a trailing NUL after the text is junk, not binary
False
>>> looks_binary(b"PK\\x03\\x04\\x00\\x00rest")
True
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable, Iterator

BOM = "\ufeff"
ON_ERROR = ("keep", "skip", "fail")  # what a malformed JSONL record does


class Stop(Exception):
    """``--on-error fail``: a malformed record stopped the run (already reported)."""


SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "__pycache__", ".tox", ".nox", ".venv", "node_modules"})
_SNIFF = 8192


def _matches(rel: str, globs: Iterable[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in globs)


def iter_files(paths: Iterable[str | Path], include: Iterable[str] = (),
               exclude: Iterable[str] = ()) -> Iterator[Path]:
    """Yield the files named, and the files under the folders named.

    A file named explicitly is always yielded (the caller asked for it), unless an
    ``exclude`` glob matches it; files found by walking a folder must also match
    an ``include`` glob when any is given.
    """
    include, exclude = tuple(include), tuple(exclude)
    for p in map(Path, paths):
        if not p.is_dir():
            if not _matches(p.as_posix(), exclude):
                yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
            for name in sorted(files):
                path = Path(root, name)
                rel = path.relative_to(p).as_posix()
                if include and not _matches(rel, include):
                    continue
                if _matches(rel, exclude):
                    continue
                yield path


def looks_binary(data: bytes) -> bool:
    """True when *data* holds a NUL byte inside its text (not just trailing junk)."""
    head = data[:_SNIFF] if len(data) > _SNIFF else data.rstrip(b"\x00\r\n\t \x1a")
    return b"\x00" in head


class InputError(Exception):
    """Bad input: the message names the file and says what to do."""


def read_text(data: bytes, name: str) -> tuple[str, bool]:
    """Decode UTF-8 input; return the text without a BOM, and whether it had one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start}); convert it first, "
                         f"for example: iconv -f windows-1256 -t utf-8") from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False
