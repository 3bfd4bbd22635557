"""What the review tools (``explain``, ``report``, ``discover``) share: loading
the selected rules and reading the documents they are given.

This module does not import :mod:`cleaner.cli` at import time: the review
commands import both, and ``cli`` imports the review commands at its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click

from .engine import DEFAULT_MAX_REMOVED
from .files import iter_files, looks_binary
from .rules import Rule, load_rules


def load_selected(select: Iterable[str], ignore: Iterable[str], extra_rules: Iterable[Path],
                  no_builtin: bool) -> list[Rule]:
    """The rules chosen by the shared rule options (``--select RA,SC`` splits on commas)."""
    def split(values: Iterable[str]) -> list[str]:
        return [c for v in values for c in v.split(",") if c.strip()]

    return load_rules(extra_rules, builtin=not no_builtin, select=split(select), ignore=split(ignore))


max_removed_option = click.option(
    "--max-removed", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MAX_REMOVED, show_default=True,
    help="Over-deletion guard: a document whose cleaning would remove more than this share of its "
         "characters is held back (nothing removed) and shown as such.")


def path_options(func: Callable) -> Callable:
    """``--include`` / ``--exclude`` globs for commands that walk folders."""
    func = click.option("--exclude", multiple=True, metavar="GLOB",
                        help="Leave out files matching this glob ('drafts/*'). Repeatable.")(func)
    return click.option("--include", multiple=True, metavar="GLOB", default=("*.txt",), show_default=True,
                        help="In folders, only files matching this glob (path or name). Repeatable.")(func)


def read_one(file: str) -> tuple[str, str]:
    """Read FILE (or standard input for ``-``): return its display name and text (BOM removed)."""
    import sys

    from .cli import InputError, read_text

    name = "<stdin>" if file == "-" else file
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    return name, read_text(data, name)[0]


@dataclass
class Document:
    name: str
    text: str


def iter_documents(paths: Iterable[str], include: Iterable[str], exclude: Iterable[str],
                   problems: list[str]) -> Iterator[Document]:
    """The text documents named or found under the folders named, in a stable order.

    A file that cannot be read, is binary or is not UTF-8 is skipped; its
    message (``path: what is wrong; what to do``) is appended to *problems*.
    """
    from .cli import InputError, read_text

    for path in iter_files(paths, include, exclude):
        name = path.as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(f"{name}: cannot read: {exc.strerror}; skipped")
            continue
        if looks_binary(data):
            problems.append(f"{name}: looks binary (a NUL byte inside the text); skipped")
            continue
        try:
            text = read_text(data, name)[0]
        except InputError as exc:
            problems.append(f"{exc}; skipped")
            continue
        yield Document(name, text)
