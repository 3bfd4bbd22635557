"""Project configuration: ``[tool.cleaner]`` in the nearest ``pyproject.toml``.

The search starts in the current working folder and goes up; the first
``pyproject.toml`` that has a ``[tool.cleaner]`` table wins (as ruff does, so a
sub-project's pyproject without one does not hide the corpus settings above it).
Command-line options override a value from the file; :class:`Settings` records
where each effective value came from, for ``cleaner config``.

>>> s = resolve(None, {"select": ["RA"]})
>>> s.select, s.origin["select"], s.origin["ignore"]
(['RA'], 'command line', 'default')
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any

from .engine import DEFAULT_MAX_REMOVED

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

# pathlib is imported only when a [tool.cleaner] table is found (or to report a problem):
# the search itself uses os.path, which costs a plain run no start-up time.

DEFAULTS: dict[str, Any] = {
    "select": [], "ignore": [], "rules": [], "include": [], "exclude": [],
    "max-removed": DEFAULT_MAX_REMOVED,
}
LIST_KEYS = ("select", "ignore", "rules", "include", "exclude")


class ConfigError(Exception):
    """A configuration problem, formatted as ``path:line: message``."""


# FileConfig and Settings are written out rather than made with @dataclass, which
# compiles each generated method when the module is imported (~0.6 ms a class, every run).

class FileConfig:
    """The ``[tool.cleaner]`` table of one pyproject.toml, checked."""

    __hash__ = None  # compared by value, like a dataclass

    def __init__(self, path: Path, values: dict[str, Any], lines: dict[str, int]):
        self.path, self.values, self.lines = path, values, lines

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.path, self.values, self.lines) == (other.path, other.values, other.lines)

    def __repr__(self) -> str:
        return f"FileConfig(path={self.path!r}, values={self.values!r}, lines={self.lines!r})"


class Settings:
    """Effective settings and, for each key, where it came from."""

    __hash__ = None  # compared by value, like a dataclass

    def __init__(self, values: dict[str, Any], origin: dict[str, str]):
        self.values, self.origin = values, origin

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.values, self.origin) == (other.values, other.origin)

    def __repr__(self) -> str:
        return f"Settings(values={self.values!r}, origin={self.origin!r})"

    def __getattr__(self, name: str) -> Any:
        if name in ("values", "origin"):  # not set yet (copy, unpickling)
            raise AttributeError(name)
        try:
            return self.values[name.replace("_", "-")]
        except KeyError:
            raise AttributeError(name) from None


def _shown(path: str | Path) -> str:
    from pathlib import Path

    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _key_lines(raw: str) -> tuple[int, dict[str, int]]:
    """Line of the ``[tool.cleaner]`` header and of each key written under it."""
    header, lines, inside = 0, {}, False
    for n, line in enumerate(raw.splitlines(), 1):
        m = re.match(r"\s*\[\s*tool\s*\.\s*cleaner\s*(?:\.\s*\"?([\w-]+)\"?\s*)?\]", line)
        if m:
            inside = not m.group(1)
            header = header or n
            if m.group(1):
                lines.setdefault(m.group(1), n)
            continue
        if re.match(r"\s*\[", line):
            inside = False
        elif inside and (k := re.match(r"\s*\"?([\w.-]+)\"?\s*=", line)):
            lines.setdefault(k.group(1), n)
    return header, lines


def find_pyproject(start: Path | None = None) -> FileConfig | None:
    """The nearest pyproject.toml at or above *start* with a ``[tool.cleaner]`` table."""
    folder = os.path.realpath(os.getcwd() if start is None else start)
    while True:
        path = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(path):
            found = read_pyproject(path)
            if found is not None:
                return found
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def read_pyproject(path: str | Path) -> FileConfig | None:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise ConfigError(f"{_shown(path)}:0: cannot read: {exc.strerror}") from None
    table, raw = _tool_cleaner(path, data)
    if table is None:
        return None
    from pathlib import Path

    path = Path(path)
    shown = _shown(path)
    header, lines = _key_lines(raw)
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}:{header or 1}: tool.cleaner must be a table: write [tool.cleaner]")
    values = {}
    for key, value in table.items():
        where = f"{shown}:{lines.get(key, header or 1)}"
        values[key] = _check(key, value, where, path.parent)
    return FileConfig(path, values, {k: lines.get(k, header or 1) for k in values})


def _tool_cleaner(path: str | Path, data: bytes) -> tuple[Any, str]:
    """The value of ``tool.cleaner`` in a pyproject.toml's bytes (None: there is none), and
    its text.

    Kept in cleaner's cache (:func:`cleaner.rules.cache_file`) with the exact bytes it
    was read from: the next run that reads the same bytes (the usual case: a project's
    pyproject.toml for other tools, above the corpus) does not import tomllib, which
    costs more start-up time than the rest of the configuration. A file that does not
    parse is never cached: it is reported every time.
    """
    from .rules import cache_file, cache_read, cache_write

    cache = cache_file("pyproject", f"{os.path.realpath(path)}\0{sys.version}".encode())
    hit = cache_read(cache)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == data:
        return hit[1], data.decode("utf-8")
    import tomllib

    try:
        raw = data.decode("utf-8")
        parsed = tomllib.loads(raw)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{_shown(path)}:0: not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = m.group(1) if m else len(raw.splitlines())  # "(at end of document)"
        raise ConfigError(f"{_shown(path)}:{line}: not valid TOML: "
                          f"{re.sub(r' *[(]at .*', '', str(exc))}; fix the syntax at that line") from None
    table = parsed.get("tool", {}).get("cleaner") if isinstance(parsed.get("tool"), dict) else None
    cache_write(cache, (data, table))
    return table, raw


def _check(key: str, value: Any, where: str, base: Path) -> Any:
    if key not in DEFAULTS:
        import difflib

        close = difflib.get_close_matches(key.replace("_", "-"), DEFAULTS, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ConfigError(f"{where}: [tool.cleaner]: unknown key '{key}'; {hint}"
                          f"known keys: {', '.join(sorted(DEFAULTS))}")
    if key in LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{where}: [tool.cleaner]: '{key}' must be a list of strings, "
                              f"like {key} = [\"{'RA' if key != 'rules' else 'site-rules/'}\"]")
        if key == "rules":
            paths = [base / v for v in value]
            for v, p in zip(value, paths):
                if not p.exists():
                    raise ConfigError(f"{where}: [tool.cleaner]: rules: no such file or folder '{v}' "
                                      f"(paths are relative to {_shown(base) or '.'}); fix the path")
            return paths
        return list(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{where}: [tool.cleaner]: 'max-removed' must be a number from 0 to 1, "
                          f"like max-removed = 0.85")
    return float(value)


def resolve(found: FileConfig | None, given: dict[str, Any]) -> Settings:
    """Merge defaults, the file's values and command-line values (``given``; None = not given)."""
    values, origin = {}, {}
    for key, default in DEFAULTS.items():
        cli = given.get(key)
        if cli is not None:
            values[key], origin[key] = cli, "command line"
        elif found is not None and key in found.values:
            values[key], origin[key] = found.values[key], f"{_shown(found.path)}:{found.lines[key]}"
        else:
            values[key], origin[key] = default, "default"
    return Settings(values, origin)
