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
from .files import InputError, Skipped, decode, iter_files
from .rules import Rule, load_rules


def load_selected(select: Iterable[str], ignore: Iterable[str], extra_rules: Iterable[Path],
                  no_builtin: bool) -> list[Rule]:
    """The rules chosen by the shared rule options (``--select RA,SC`` splits on commas)."""
    return load_rules(extra_rules, builtin=not no_builtin, select=select, ignore=ignore)


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


def read_one(file: str, encoding: str = "utf-8") -> tuple[str, str]:
    """Read FILE (or standard input for ``-``): return its display name and text (BOM removed)."""
    import sys

    name = "<stdin>" if file == "-" else file
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    return name, _decode(data, name, encoding)


def _decode(data: bytes, name: str, encoding: str) -> str:
    decoded = decode(data, name, encoding)
    if decoded.detected:
        click.echo(decoded.note(name), err=True)
    return decoded.text


@dataclass
class Document:
    name: str
    text: str


def iter_documents(paths: Iterable[str], include: Iterable[str], exclude: Iterable[str],
                   problems: list[str], encoding: str = "utf-8") -> Iterator[Document]:
    """The text documents named or found under the folders named, in a stable order.

    A file that cannot be read or decoded is skipped; its message (``path: what
    is wrong; what to do``) is appended to *problems*. A binary file, or one that
    disappeared, is only a warning on stderr when a folder walk found it.
    """
    paths = list(paths)
    named = {Path(p).as_posix() for p in paths if not Path(p).is_dir()}
    for path in iter_files(paths, include, exclude):
        name = path.as_posix()
        try:
            text = _decode(path.read_bytes(), name, encoding)
        except (Skipped, FileNotFoundError) as exc:
            why = exc.why if isinstance(exc, Skipped) else "disappeared during the run"
            if name in named:
                problems.append(f"{name}: {why}; skipped")
            else:
                click.echo(f"cleaner: {name}: {why}, skipped", err=True)
            continue
        except OSError as exc:
            problems.append(f"{name}: cannot read: {exc.strerror}; skipped")
            continue
        except InputError as exc:
            problems.append(f"{exc}; skipped")
            continue
        yield Document(name, text)
