"""What every kind shares: a key schema checked at load time."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..patterns import PatternError, compile_pattern, nested_quantifier, required_literals, translate

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Doc
    from ..rules import Rule


class SchemaError(Exception):
    """A bad key in a rule table; the loader adds file, line, code and name."""

    def __init__(self, key: str | None, message: str):
        super().__init__(message)
        self.key, self.message = key, message


@dataclasses.dataclass(frozen=True)
class Key:
    """One documented key of a kind: its type(s), default and allowed values."""

    types: tuple[type, ...]
    default: Any
    doc: str
    choices: tuple[Any, ...] = ()
    required: bool = False


def text_or_list(doc: str, required: bool = True) -> Key:
    return Key((str, list), None, doc, required=required)


ZONE = Key((str,), "any", "where the line may stand: any, head, body, tail, first, last, lead or final",
           ("any", "head", "body", "tail", "first", "last", "lead", "final"))
WITHIN = Key((int,), 0, "with zone head/tail: only the first/last N kept lines (0: the whole zone)")


class Kind:
    """Base of the rule kinds: validates the rule's keys against ``KEYS``."""

    KEYS: ClassVar[dict[str, Key]] = {}
    PHASE: ClassVar[int] = 1
    contextual: bool = False  # does a match depend on what other rules removed?

    def __init__(self, conf: dict[str, Any]):
        unknown = sorted(set(conf) - set(self.KEYS))
        if unknown:
            raise SchemaError(unknown[0], f"unknown key {unknown[0]!r} for kind "
                              f"{self.NAME!r}; valid keys: {', '.join(sorted(self.KEYS))}")
        self.conf: dict[str, Any] = {}
        self.warnings: list[tuple[str, str]] = []  # (key, message), shown at load time
        for key, spec in self.KEYS.items():
            if key not in conf:
                if spec.required:
                    raise SchemaError(None, f"kind {self.NAME!r} needs the key {key!r} ({spec.doc})")
                self.conf[key] = spec.default
                continue
            value = conf[key]
            if not isinstance(value, spec.types) or (isinstance(value, bool) and bool not in spec.types):
                names = " or ".join(t.__name__.replace("str", "string").replace("int", "integer")
                                    .replace("bool", "true/false") for t in spec.types)
                raise SchemaError(key, f"{key!r} must be a {names}, not {type(value).__name__}")
            if spec.choices and value not in spec.choices:
                raise SchemaError(key, f"{key!r} must be one of {', '.join(map(str, spec.choices))}, not {value!r}")
            if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                raise SchemaError(key, f"{key!r} must not be negative")
            self.conf[key] = value
        self.setup()

    NAME: ClassVar[str] = "?"

    def setup(self) -> None:
        """Compile patterns; raise SchemaError for a bad value."""

    def apply(self, doc: "Doc", rule: "Rule") -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # helpers for kinds
    def check_backtracking(self, key: str, pattern: str) -> None:
        nested = nested_quantifier(pattern)
        if nested:
            self.warnings.append((key, f"{key!r} repeats a repetition ({nested}), which can backtrack "
                                       f"catastrophically; bound the inner or outer quantifier "
                                       f"(matching stops after the regex timeout)"))

    literals: frozenset[str] | None = None  # one of these is in every line the rule matches

    def literal_sets(self) -> tuple[frozenset[str], ...]:
        """The literal sets this rule asks the document about (:mod:`cleaner.literals`
        finds them all in one pass)."""
        return (self.literals,) if self.literals else ()

    def pattern(self, key: str, template: str = "{}", *, prefilter: bool = True) -> regex.Pattern:
        """Compile the key's pattern(s) into *template*; with *prefilter*, also set
        :attr:`literals`, the strings one of which every match needs (the rule then
        looks only at lines holding one)."""
        value = self.conf[key]
        alts = value if isinstance(value, list) else [value]
        if not alts or not all(isinstance(a, str) and a.strip() for a in alts):
            raise SchemaError(key, f"{key!r} must be a pattern or a non-empty list of patterns")
        for alt in alts:
            self.check_backtracking(key, alt)
        joined = "|".join(f"(?:{a})" for a in alts)
        if prefilter:
            self.literals = required_literals(translate(joined), min_len=1)
        try:
            return compile_pattern(joined, template=template)
        except PatternError as exc:
            for alt in alts:  # name the alternative that does not compile, if one alone does not
                try:
                    compile_pattern(alt)
                except PatternError as alt_exc:
                    raise SchemaError(key, f"{key!r} is not a valid pattern: {alt!r}: {alt_exc}") from None
            raise SchemaError(key, f"{key!r} is not a valid pattern: {exc}") from None
