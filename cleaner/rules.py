"""Load rule files: TOML tables that choose a kind and fill in its keys.

A rule file holds ``[[rule]]`` tables. Every rule has the common keys below;
the other keys belong to its kind and are checked by the kind's schema
(:mod:`cleaner.kinds`). Any problem is a :class:`RuleError` that names the
file and line: ``rules/x.toml:12: RA001 read-also-block: ...``.

Rule files are data only: nothing in them is executed or imported.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any, Iterable

from .kinds import KINDS, Kind, SchemaError
from .patterns import unpickle

# The cache key's hash: CPython's built-in BLAKE2. hashlib has the same function, but
# importing hashlib loads OpenSSL first (~4 ms of a short run); any other Python takes
# it from hashlib. (pickle is imported only to write the cache.)
try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b as _blake2b

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

# A warm run (every rule file in the cache) uses os.path, not pathlib: importing pathlib
# costs more start-up time than loading the rules. Paths given by the caller may be
# pathlib.Path objects; they are shown as str(path), as before.

CODE_RE = re.compile(r"^[A-Z]{2,3}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON_KEYS = {"code", "name", "kind", "description", "aliases", "example"}


class RuleError(Exception):
    """A rule file problem, formatted as ``path:line: CODE name: message``."""

    def __init__(self, path: str, line: int, message: str, code: str = "", name: str = ""):
        self.path, self.line, self.code, self.name, self.message = path, line, code, name, message
        who = " ".join(x for x in (code, name) if x)
        super().__init__(f"{path}:{line}: {who + ': ' if who else ''}{message}")


# Example and Rule are written out rather than made with @dataclass, which compiles
# each generated method when the module is imported: ~0.6 ms a class on every run.

class Example:
    """One ``[[rule.example]]``: input, expected output, line (immutable, compared by value)."""

    def __init__(self, input: str, output: str, line: int):
        object.__setattr__(self, "__dict__", {"input": input, "output": output, "line": line})

    def _key(self) -> tuple:
        return self.input, self.output, self.line

    def __eq__(self, other):
        return self._key() == other._key() if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}")

    def __repr__(self) -> str:
        return f"Example(input={self.input!r}, output={self.output!r}, line={self.line!r})"


class Rule:
    """A loaded rule: the common keys, where it is defined, and its kind's implementation."""

    def __init__(self, code: str, name: str, kind: str, description: str, path: str, line: int, impl: Kind,
                 aliases: tuple[str, ...] = (), examples: tuple[Example, ...] = (),
                 warnings: tuple[str, ...] = ()):
        self.code, self.name, self.kind, self.description = code, name, kind, description
        self.path, self.line, self.impl = path, line, impl
        self.aliases, self.examples = aliases, examples
        self.warnings = warnings  # "path:line: CODE name: warning: …", shown at load time

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name} ({self.kind}) {self.where}>"


def builtin_rules_dir() -> Path:
    """The rule packs shipped with cleaner (inside the wheel, or the checkout)."""
    from pathlib import Path

    return Path(_builtin_dir())


def _builtin_dir() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    for cand in (os.path.join(here, "rules"), os.path.join(os.path.dirname(here), "rules")):
        if os.path.isdir(cand) and any(name.endswith(".toml") for name in os.listdir(cand)):
            return cand
    raise RuleError(os.path.join(here, "rules"), 0, "built-in rule packs not found; reinstall cleaner")


def _toml_files(folder: str | Path) -> list[str]:
    """The ``*.toml`` entries of *folder*, sorted by name."""
    return [os.path.join(folder, name) for name in sorted(os.listdir(folder)) if name.endswith(".toml")]


def _display(path: str | Path) -> str:
    """*path* relative to the current folder if it is under it, else as given."""
    real, cwd = os.path.realpath(path), os.getcwd()
    if real == cwd:
        return "."
    under = cwd if cwd.endswith(os.sep) else cwd + os.sep
    return real[len(under):] if real.startswith(under) else str(path)


def _rule_lines(text: str) -> list[tuple[int, int]]:
    """(first line, last line) of each ``[[rule]]`` table, 1-based."""
    starts = [n for n, line in enumerate(text.splitlines(), 1)
              if re.match(r"\s*\[\[\s*rule\s*\]\]", line)]
    total = len(text.splitlines())
    return [(s, (starts[k + 1] - 1) if k + 1 < len(starts) else total) for k, s in enumerate(starts)]


def _key_line(lines: list[str], span: tuple[int, int], key: str) -> int:
    pat = re.compile(rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
    for n in range(span[0], span[1] + 1):
        if pat.match(lines[n - 1]):
            return n
    return span[0]


def _example_lines(lines: list[str], span: tuple[int, int]) -> list[int]:
    return [n for n in range(span[0], span[1] + 1)
            if re.match(r"\s*\[\[\s*rule\.example\s*\]\]", lines[n - 1])]


# --- a cache of checked rule files ---------------------------------------------------
# Loading a rule file means parsing, translating and compiling every pattern to check
# it: a few hundred milliseconds for the built-in packs, most of a short run. A file
# already checked is loaded from a pickle in the user's cache folder instead, its
# patterns kept in their compiled form and loaded only when a rule first meets a
# candidate line (cleaner.patterns.LazyPattern: regex's own pickle of the compiled
# pattern, which skips regex's parser, used only under the same regex). The key is the
# file's bytes, the name it is shown under, and the versions of Python, regex and of
# the code that builds rules, so an edited file or an upgrade never loads stale rules.
# CLEANER_NO_CACHE=1 turns it off; CLEANER_CACHE_DIR moves it. (cleaner.config keeps
# what it read from a pyproject.toml in the same folder, with cache_file/read/write.)

def _cache_dir() -> str | None:
    if os.environ.get("CLEANER_NO_CACHE"):
        return None
    return os.environ.get("CLEANER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "cleaner")


def cache_file(prefix: str, key: bytes) -> str | None:
    """The path of the cache file for *key* (None when the cache is off)."""
    folder = _cache_dir()
    return None if folder is None else os.path.join(folder, f"{prefix}-{_blake2b(key, digest_size=16).hexdigest()}.pickle")


def cache_read(path: str | None) -> Any:
    """What :func:`cache_write` left in *path*, or None (missing, unreadable, not a pickle)."""
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            return unpickle(f)
    except Exception:
        return None


_CODE_FINGERPRINT: str | None = None


def _code_fingerprint() -> str:
    global _CODE_FINGERPRINT
    if _CODE_FINGERPRINT is None:
        import regex
        here = os.path.dirname(os.path.realpath(__file__))
        kinds = os.path.join(here, "kinds")
        h = _blake2b(f"{sys.version}|{regex.__version__}".encode())
        for p in [*(os.path.join(here, n) for n in ("rules.py", "patterns.py", "fold.py")),
                  *(os.path.join(kinds, n) for n in sorted(os.listdir(kinds)) if n.endswith(".py"))]:
            with open(p, "rb") as f:
                h.update(f.read())
        _CODE_FINGERPRINT = h.hexdigest()
    return _CODE_FINGERPRINT


def cache_write(path: str | None, value: Any) -> None:
    """Pickle *value* into *path*, atomically; any failure (a read-only home, a full disk)
    only costs speed."""
    if path is None:
        return
    import pickle

    try:
        folder, name = os.path.split(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:
        pass


def _cache_path(data: bytes, shown: str) -> str | None:
    return cache_file("rules", data + b"\0" + shown.encode() + b"\0" + _code_fingerprint().encode())


def _cache_load(path: str | None) -> list[Rule] | None:
    rules = cache_read(path)  # None when missing, unreadable or from another version: load the file
    return rules if isinstance(rules, list) and all(isinstance(r, Rule) for r in rules) else None


def load_file(path: str | Path) -> list[Rule]:
    shown = _display(path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise RuleError(shown, 0, f"cannot read rule file: {exc.strerror}") from None
    cache = _cache_path(data, shown)
    cached = _cache_load(cache)
    if cached is not None:
        return cached
    rules = _parse_file(data, shown)
    cache_write(cache, rules)
    return rules


def _parse_file(data: bytes, shown: str) -> list[Rule]:
    import tomllib  # a warm run (the cache) parses no TOML

    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(shown, 0, f"not UTF-8 (byte {exc.start}); save the rule file as UTF-8") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise RuleError(shown, int(m.group(1)) if m else 0,
                        f"not valid TOML: {msg}; fix the syntax at that line") from None
    extra = set(data) - {"rule"}
    if extra:
        raise RuleError(shown, 1, f"unknown top-level key(s) {sorted(extra)}; a rule file holds only [[rule]] tables")
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RuleError(shown, 1, "'rule' must be an array of tables: write each rule as [[rule]]")
    text_lines = raw.splitlines()
    spans = _rule_lines(raw)
    if len(spans) != len(tables):
        raise RuleError(shown, 1, "write each rule as a [[rule]] table (inline rule arrays are not supported)")
    return [_build(t, shown, text_lines, span) for t, span in zip(tables, spans)]


def _build(table: dict[str, Any], shown: str, lines: list[str], span: tuple[int, int]) -> Rule:
    code, name = table.get("code", ""), table.get("name", "")

    def fail(key: str | None, message: str) -> RuleError:
        line = _key_line(lines, span, key) if key else span[0]
        return RuleError(shown, line, message, code if isinstance(code, str) else "",
                         name if isinstance(name, str) else "")

    for key in ("code", "name", "kind", "description"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise fail(key if key in table else None, f"'{key}' is required and must be a non-empty string")
    if not CODE_RE.match(code):
        raise fail("code", f"code {code!r} must be 2-3 capital letters and 3 digits, like RA001")
    if not NAME_RE.match(name):
        raise fail("name", f"name {name!r} must be kebab-case, like read-also-block")
    kind_cls = KINDS.get(table["kind"])
    if kind_cls is None:
        raise fail("kind", f"unknown kind {table['kind']!r}; known kinds: {', '.join(sorted(KINDS))}")
    aliases = table.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and CODE_RE.match(a) for a in aliases):
        raise fail("aliases", "'aliases' must be a list of old codes like ['RA009']")
    conf = {k: v for k, v in table.items() if k not in COMMON_KEYS}
    try:
        impl = kind_cls(conf)
    except SchemaError as exc:
        raise fail(exc.key, exc.message) from None
    examples = table.get("example", [])
    ex_lines = _example_lines(lines, span)
    if not isinstance(examples, list):
        raise fail("example", "examples are [[rule.example]] tables with 'input' and 'output'")
    built = []
    for k, ex in enumerate(examples):
        line = ex_lines[k] if k < len(ex_lines) else span[0]
        if not isinstance(ex, dict) or set(ex) != {"input", "output"} or not all(isinstance(v, str) for v in ex.values()):
            raise RuleError(shown, line, "an example needs exactly the string keys 'input' and 'output'", code, name)
        built.append(Example(ex["input"], ex["output"], line))
    warnings = tuple(f"{shown}:{_key_line(lines, span, key)}: {code} {name}: warning: {msg}"
                     for key, msg in impl.warnings)
    return Rule(code, name, table["kind"], table["description"].strip(), shown, span[0], impl,
                tuple(aliases), tuple(built), warnings)


def rule_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(p.glob("*.toml")))  # what _toml_files gives, as Paths
        elif p.is_file():
            out.append(p)
        else:
            raise RuleError(str(p), 0, "no such rule file or folder; check the --rules path")
    return out


def load_rules(extra: Iterable[Path] = (), *, builtin: bool = True,
               select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Load the built-in packs (unless ``builtin=False``) and *extra* files or folders.

    Codes must be unique across everything loaded (aliases included). *select*
    and *ignore* are code prefixes (``RA``, ``MD003``) as in ruff or sqlfluff.
    """
    files: list[str | Path] = _toml_files(_builtin_dir()) if builtin else []
    extra = list(extra)
    if extra:
        from pathlib import Path

        files += rule_files([Path(p) for p in extra])
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for f in files:
        for r in load_file(f):
            for c in (r.code, *r.aliases):
                if c in seen:
                    raise RuleError(r.path, r.line, f"code {c} is already used by {seen[c].code} "
                                    f"{seen[c].name} at {seen[c].where}; codes are never reused",
                                    r.code, r.name)
                seen[c] = r
            rules.append(r)
    return select_rules(rules, select, ignore)


def split_codes(values: Iterable[str]) -> list[str]:
    """Code prefixes from option values, each of which may hold several: ``["RA,SC", "MD"]``."""
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def select_rules(rules: list[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    sel, ign = split_codes(select), split_codes(ignore)

    def hit(rule: Rule, prefixes: list[str]) -> bool:
        return any(c.startswith(p) for p in prefixes for c in (rule.code, *rule.aliases))

    return [r for r in rules if (not sel or hit(r, sel)) and not hit(r, ign)]
