"""Compile rule-author patterns into regexes that run on folded text.

A rule pattern is ordinary ``regex`` syntax in which the literal text is
written the natural way (``اقرأ أيضاً:``). Before compiling, the literal
characters are folded exactly as the text is (:func:`cleaner.fold.fold`), so
every hamza, tanween, tatweel or quote variant of the text matches. Two more
tolerances are added because writers vary them freely:

* a run of literal spaces matches one or more spaces (``"اقرأ  أيضا"``);
* a literal colon may have spaces before it (``X:`` and ``X :``).

Escapes, character classes, group openers and ``{m,n}`` quantifiers are
copied as syntax (letters inside a class are folded too). Patterns are
case-insensitive.

>>> rx = compile_pattern("إقرأ أيضاً:")
>>> bool(rx.fullmatch(fold("اقرا ايضا :")))
True
>>> rx.pattern
'اقرا +ايضا *:'
>>> compile_pattern("(?:طالع|شاهد) أيضا").pattern
'(?:طالع|شاهد) +ايضا'
"""

from __future__ import annotations

import regex

from .fold import _TABLE, fold

# A warm run only unpickles (the rule cache): the C unpickler alone, without the pickle
# module's import (~2 ms of a short run). pickle.load and pickle.loads are these very
# functions on CPython; any other Python takes them from pickle.
try:
    from _pickle import load as unpickle, loads as unpickles
except ImportError:  # pragma: no cover
    from pickle import load as unpickle, loads as unpickles


def _fold_char(ch: str) -> str:
    piece = _TABLE.get(ord(ch), ch)
    return "" if piece is None else piece

FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.V0


class PatternError(ValueError):
    """A rule pattern that does not compile; the message says why."""


def _class_end(p: str, i: int) -> int:
    """The index just past the character class that opens at ``p[i] == "["``."""
    j = i + 1
    if p.startswith("^", j):
        j += 1
    if p.startswith("]", j):
        j += 1
    while j < len(p) and p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j + 1


def _group_prefix(p: str, i: int) -> int:
    """Return the index just past a group opener such as ``(?:`` or ``(?P<x>``."""
    if p.startswith("(?", i):
        j = i + 2
        if j < len(p) and p[j] in ":=!>|":
            return j + 1
        if p.startswith(("<=", "<!"), j):
            return j + 2
        if p.startswith(("P<", "<", "P=", "#", "P>", "&"), j):
            end = p.find(">" if p[j] != "#" and p[j:j + 2] != "P=" else ")", j)
            return len(p) if end < 0 else end + 1
        # inline flags: (?i) or (?i:...)
        while j < len(p) and p[j] not in ":)":
            j += 1
        return min(j + 1, len(p))
    return i + 1


def translate(pattern: str) -> str:
    """Rewrite *pattern* so that it matches folded text (see the module docstring)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 < n and pattern[i + 1] in "pPN" and pattern.startswith("{", i + 2):
                end = pattern.find("}", i)
                end = n if end < 0 else end + 1
                out.append(pattern[i:end])
                i = end
                continue
            nxt = pattern[i + 1:i + 2]
            if nxt and not nxt.isascii():
                out.append(regex.escape(_fold_char(nxt)))
            else:
                out.append(pattern[i:i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(pattern, i)
            body, j = [], i + 1
            while j < end - 1:  # fold the letters of the class, copy its syntax
                c = pattern[j]
                if c == "\\":
                    body.append(pattern[j:j + 2])
                    j += 2
                    continue
                body.append(c if c.isascii() else "".join(regex.escape(x) for x in _fold_char(c)))
                j += 1
            out.append("[" + "".join(body) + "]")
            i = end
        elif ch == "(":
            end = _group_prefix(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif ch == "{":
            end = pattern.find("}", i)
            if end > 0 and regex.fullmatch(r"\{\d*,?\d*\}", pattern[i:end + 1]):
                out.append(pattern[i:end + 1])
                i = end + 1
            else:
                out.append(regex.escape(ch))
                i += 1
        elif ch == " " or (not ch.isascii() and _fold_char(ch) == " "):
            j = i
            while j < n and (pattern[j] == " " or (not pattern[j].isascii() and _fold_char(pattern[j]) == " ")):
                j += 1
            # "X ?" keeps the author's quantifier on a literal space
            out.append(" " * (j - i) if j < n and pattern[j] in "?*+{" else " +")
            i = j
        elif ch == ":" or ch == "：":
            if out and out[-1] == " +":
                out.pop()
            out.append(" *:")
            i += 1
        elif ch.isascii():
            out.append(ch)
            i += 1
        else:
            out.append("".join(regex.escape(x) for x in _fold_char(ch)))
            i += 1
    return "".join(out)


def nested_quantifier(pattern: str) -> str | None:
    r"""The first group that repeats an unbounded repetition, or None.

    ``(\w+\s?)+`` can backtrack catastrophically; ``(?: \S+){0,12}`` cannot
    run away (the outer repetition is bounded). A load-time hint, not a
    proof: the regex timeout is what bounds a run.

    >>> print(nested_quantifier(r"^(\w+\s?)+$"))
    (\w+\s?)+
    >>> nested_quantifier(r"(?: \S+){0,12}x+") is None
    True
    """
    stack: list[list] = []  # [start index, has unbounded inside]
    i, n = 0, len(pattern)
    last_group: tuple[int, bool] | None = None
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            last_group = None
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            last_group = None
            continue
        if ch == "(":
            stack.append([i, False])
            i = _group_prefix(pattern, i)
            last_group = None
            continue
        if ch == ")" and stack:
            start, inner = stack.pop()
            if inner and stack:
                stack[-1][1] = True
            last_group = (start, inner)
            i += 1
            continue
        unbounded = ch in "*+" or (ch == "{" and regex.match(r"\{\d*,\}", pattern[i:]))
        if unbounded:
            if last_group and last_group[1]:
                end = i + 1
                return pattern[last_group[0]:end]
            if stack:
                stack[-1][1] = True
        last_group = None
        i += 1
    return None


class LazyPattern:
    """A compiled pattern that compiles on first use, and pickles as its source.

    Rules are loaded (and checked) once, then kept in a cache between runs; a run
    compiles only the patterns of the rules that meet a candidate line, which is
    what makes a short run start fast.

    A pickled pattern (the rule cache) also carries ``regex``'s own pickle of the
    compiled pattern (compiled then if it was not yet), which holds the compiled
    code: unpickling it skips
    ``regex``'s parser (pure Python, most of a short run's time). That code is only
    good for the ``regex`` that made it, so it is used only under the same
    ``regex.__version__``; on any other version, or if it fails to load for any
    reason, the pattern is compiled from its source as usual.
    """

    __slots__ = ("pattern", "flags", "_rx", "_code")

    def __init__(self, pattern: str, flags: int = FLAGS):
        self.pattern, self.flags, self._rx, self._code = pattern, flags, None, None

    def compiled(self) -> regex.Pattern:
        rx = self._rx
        if rx is None:
            if self._code is not None:
                rx = _load_compiled(self._code, self.pattern)
                self._code = None
            if rx is None:
                rx = regex.compile(self.pattern, self.flags)
            self._rx = rx
        return rx

    def match(self, *args, **kw):
        return self.compiled().match(*args, **kw)

    def search(self, *args, **kw):
        return self.compiled().search(*args, **kw)

    def finditer(self, *args, **kw):
        return self.compiled().finditer(*args, **kw)

    def fullmatch(self, *args, **kw):
        return self.compiled().fullmatch(*args, **kw)

    @property
    def groupindex(self):
        return self.compiled().groupindex

    def __getstate__(self):
        # compiled now if it was not yet (a pattern a kind keeps for later): the rule
        # cache is written once, and read by every run
        if self._rx is None and self._code is None:
            try:
                self.compiled()
            except Exception:  # it fails where it is used, as it would have
                pass
        code = _dump_compiled(self._rx) if self._rx is not None else self._code
        return (self.pattern, self.flags) if code is None else (self.pattern, self.flags, code)

    def __setstate__(self, state):
        self.pattern, self.flags = state[0], state[1]
        self._rx, self._code = None, state[2] if len(state) > 2 else None


def _dump_compiled(rx) -> tuple[str, bytes] | None:
    """``regex``'s pickle of a compiled pattern, with the version that made it (None if
    it will not pickle)."""
    import pickle
    try:
        return regex.__version__, pickle.dumps(rx, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a regex that no longer pickles its patterns: compile from source
        return None


def _load_compiled(code, pattern: str):
    """The compiled pattern from :func:`_dump_compiled`, or None when it cannot be used:
    made by another ``regex`` version, or failing to load in any way."""
    try:
        version, data = code
        if version != regex.__version__:
            return None
        rx = unpickles(data)
        return rx if isinstance(rx, regex.Pattern) and rx.pattern == pattern else None
    except Exception:
        return None


def compile_pattern(pattern: str, *, template: str = "{}") -> LazyPattern:
    """Translate and compile *pattern*; every ``{}`` in *template* stands for it (``"^{}$"``).

    Compiled now, to report a bad pattern at load time; kept as a :class:`LazyPattern`.
    """
    lazy = LazyPattern(template.replace("{}", translate(pattern)))
    try:
        lazy.compiled()
    except (regex.error, IndexError, ValueError) as exc:
        raise PatternError(str(exc)) from None
    return lazy


# --- what a match needs: literals for the prefilter, and widths --------------------------

def _parsed(pattern: str):
    """The stdlib parse tree of *pattern* (group names dropped), or None if it cannot parse."""
    import re
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from re import _parser
        try:
            # regex allows a group name twice; the stdlib parser does not, and names don't matter here
            return _parser.parse(regex.sub(r"\(\?P?<(?![=!])[^>]+>", "(?:", pattern), re.IGNORECASE)
        except Exception:
            return None


# Characters found in most lines of an article (these, and any single letter): a rule
# that needs one of them learns little from it (a digit is a better single character
# to ask for than a full stop or an alef).
_COMMON = frozenset(" .,:;-'\"()/")


def _rank(cands: set[str]) -> tuple[int, int, int]:
    """Which required set is the better prefilter: longer strings, fewer common
    characters, fewer strings."""
    return min(map(len, cands)), -sum(c in _COMMON or c.isalpha() for c in cands), -len(cands)


def _lits(items) -> set[str] | None:
    """A set of strings one of which every match of the sequence *items* contains."""
    from re import _constants as C
    best: set[str] | None = None
    run: list[str] = []

    def consider(cands):
        nonlocal best
        if cands and (best is None or _rank(cands) > _rank(best)):
            best = set(cands)

    def flush():
        if run:
            consider({"".join(run)})
            run.clear()

    repeats = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        if op in repeats and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is C.LITERAL:
            # " {3,}": three spaces, after what precedes them (what follows may be more spaces)
            run.append(chr(av[2][0][1]).lower() * av[0])
            if av[0] != av[1]:
                flush()
            continue
        flush()
        if op is C.IN and all(o is C.LITERAL for o, _ in av) and len(av) <= 8:
            consider({chr(v).lower() for _, v in av})
        elif op is C.IN and av == [(C.CATEGORY, C.CATEGORY_DIGIT)]:
            consider(set("0123456789"))  # folded text has ASCII digits only
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            consider(set("0123456789"))
        elif op is C.SUBPATTERN:
            consider(_lits(av[-1]))
        elif op is C.BRANCH:
            parts = [_lits(b) for b in av[1]]
            if all(parts):
                consider(set().union(*parts))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            consider(_lits(av[2]))
        elif op is C.ASSERT and av[0] == 1:  # a lookahead's text is in the document too
            consider(_lits(av[1]))
    flush()
    return best


def required_literals(pattern: str, min_len: int = 2) -> frozenset[str] | None:
    """Lower-case strings of the folded text one of which every match contains, or None.

    None when no such set is known, or when one of them is shorter than *min_len*
    (a single character says nothing about a line).

    >>> sorted(required_literals(translate("(?:إقرأ|طالع) أيضاً:")))
    ['ايضا']
    >>> required_literals(translate("[^\\\\s.:]{2,20} ?[-_] ?متابعات"))
    frozenset({'متابعات'})
    >>> required_literals(r"\\d{1,2}:\\d{2}") is None
    True
    >>> required_literals(r"\\S+(?: {3,}\\S+){3,30}"), required_literals("ab{2}c")
    (frozenset({'   '}), frozenset({'abbc'}))
    """
    tree = _parsed(pattern)
    found = _lits(list(tree)) if tree is not None else None
    if not found or min(map(len, found)) < min_len:
        return None
    return minimal(found)


def minimal(literals) -> frozenset[str]:
    """*literals* without those that hold another of them: a line holding ``التعليقات``
    holds ``التعليق``, so the set finds the same lines with fewer strings to look for.

    >>> sorted(minimal({"التعليق", "التعليقات", "getty", "getty images", "afp"}))
    ['afp', 'getty', 'التعليق']
    """
    return frozenset(x for x in literals if not any(y != x and y in x for y in literals))


def max_width(pattern: str) -> int | None:
    """The most characters a match of *pattern* can span, or None if unbounded."""
    from re import _constants as C
    tree = _parsed(pattern)
    if tree is None:
        return None
    hi = tree.getwidth()[1]
    return None if hi >= C.MAXREPEAT else hi



def final_chars(pattern: str) -> frozenset[str] | None:
    """The lower-cased characters a match of *pattern* can end with, or None when that
    is not known (a class such as ``[^)]`` or ``.``, or a match that can be empty).

    >>> sorted(final_chars(translate("رويترز|أ ?\\\\.? ?ف ?\\\\.? ?ب")))
    ['ب', 'ز']
    >>> final_chars(translate("تصوير ?: ?[^()]{2,40}")) is None
    True
    """
    tree = _parsed(pattern)
    if tree is None:
        return None
    chars, nullable = _finals(list(tree))
    return None if chars is None or nullable else frozenset(chars)


def _finals(items) -> tuple[set[str] | None, bool]:
    """(the last characters the sequence *items* can end with, can it match empty)."""
    from re import _constants as C
    out: set[str] = set()
    for op, av in reversed(items):
        if op is C.LITERAL:
            chars, nullable = {chr(av).lower()}, False
        elif op is C.IN and all(o is C.LITERAL for o, _ in av):
            chars, nullable = {chr(v).lower() for _, v in av}, False
        elif op is C.SUBPATTERN:
            chars, nullable = _finals(av[-1])
        elif op is C.BRANCH:
            parts = [_finals(b) for b in av[1]]
            if any(c is None for c, _ in parts):
                return None, False
            chars, nullable = set().union(*(c for c, _ in parts)), any(n for _, n in parts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            chars, nullable = _finals(av[2])
            nullable = nullable or av[0] == 0
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        else:
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True
