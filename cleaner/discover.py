"""``cleaner discover``: boilerplate the rules do not know yet, as ready-to-paste rule stubs.

A line that recurs across many documents of a corpus is a site's boilerplate
far more often than article text, which does not repeat from one article to
the next. For each document the current rules are run first (without the
over-deletion guard) and only the lines they leave whole are looked at. Lines
are compared by a key: the folded text (:func:`cleaner.fold.fold`: hamza forms,
tanween, ى/ي …) without digits, punctuation or symbols, white space collapsed,
so ``حقوق النشر 2023`` and ``حقوق النشر ٢٠٢٤`` and spelling variants are one
group. A line counts once per document. Groups found in at least
``--min-docs`` documents and ``--min-share`` of them are ranked by how many
documents they touch and printed as TOML ``line`` rule stubs whose patterns
and example have been checked against the engine.

>>> line_key("إقرأ أيضاً: العدد ١٢")
'اقرا ايضا العدد'
>>> stub_name("تابعونا على قناتنا في تيليجرام")
'tabawna-aly-qnatna-fy'
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click
import regex

from .cli import cli, encoding_option, rule_options
from .engine import PARA_WORDS, clean
from .fold import fold
from .options import iter_documents, load_selected, path_options
from .rules import Rule, RuleError, load_rules

_NOT_WORD = regex.compile(r"[\p{P}\p{S}\p{N}_]+")
_SPECIAL = set("\\.^$*+?{}[]|()#")
_LATIN = dict(zip("ابتثجحخدذرزسشصضطظعغفقكلمنهويء",
                  "a b t th j h kh d dh r z s sh s d t z a gh f q k l m n h w y _".split()))
FALLBACK_SENTENCE = "وقال المتحدث إن الاجتماع المقبل سيعقد في العاصمة الأسبوع المقبل."


def line_key(line: str) -> str:
    """The comparison key of a line: folded, no digits or punctuation, spaces collapsed."""
    return " ".join(_NOT_WORD.sub(" ", fold(line)).lower().split())


def stub_name(line: str, words: int = 4) -> str:
    """A kebab-case name from the line's first words (Arabic transliterated)."""
    out = []
    for word in line_key(line).split()[:words]:
        latin = "".join(_LATIN.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in word)
        latin = latin.replace("_", "")
        if latin:
            out.append(latin)
    return "-".join(out)[:40].strip("-") or "recurring-line"


@dataclass
class Group:
    """Lines sharing one key, and where they were seen."""

    key: str
    docs: set[int] = field(default_factory=set)
    variants: Counter = field(default_factory=Counter)  # original line -> documents
    first: tuple[int, int] = (0, 0)  # (document, line index) of the first sighting


def escape(text: str, digits: bool = False) -> str:
    """A pattern matching *text* literally (spaces stay spaces: the engine folds them)."""
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)
    return regex.sub(r"\d+", r"\\d+", out) if digits else out


def _toml(s: str) -> str:
    return f"'{s}'" if "'" not in s and s.isprintable() else json.dumps(s, ensure_ascii=False)


def _toml_block(s: str) -> str:
    body = "".join(ch if ch.isprintable() or ch in "\n\t" else f"\\u{ord(ch):04x}" for ch in
                   s.replace("\\", "\\\\").replace('"""', '""\\"'))
    return f'"""\n{body}"""'


class Discovery:
    """Count recurring kept lines over a corpus (``add`` each document, then ``groups``).

    Only counts are kept per line, not the documents: the one document an
    example is taken from is read again with *read* (its name -> its text).
    """

    def __init__(self, rules: list[Rule], read: Callable[[str], str]):
        self.rules, self.read = rules, read
        self.names: list[str] = []
        self.once: dict[str, tuple[int, int, str]] = {}  # seen in one document so far
        self.seen: dict[str, Group] = {}  # seen in two or more

    def kept_lines(self, text: str) -> list[str | None]:
        """The document's lines, None for each line an edit of the current rules touches."""
        lines: list[str | None] = [line.rstrip("\r") for line in text.split("\n")]
        for e in clean(text, self.rules, max_removed=1.0).edits:
            for n in range(e.line, e.end_line + 1):
                lines[n - 1] = None
        return lines

    def add(self, name: str, text: str) -> None:
        index = len(self.names)
        self.names.append(name)
        for i, line in enumerate(self.kept_lines(text)):
            key = line_key(line) if line else ""
            if not key or not regex.search(r"\p{L}", key):
                continue
            group = self.seen.get(key)
            if group is None:
                first = self.once.get(key)
                if first is None:
                    self.once[key] = (index, i, line.strip())
                    continue
                if first[0] == index:
                    continue  # the same line again in the same document
                del self.once[key]
                group = self.seen[key] = Group(key, {first[0]}, Counter({first[2]: 1}), first[:2])
            if index not in group.docs:
                group.docs.add(index)
                group.variants[line.strip()] += 1

    def groups(self, min_docs: int, min_share: float) -> list[Group]:
        total = len(self.names)
        found = [g for g in self.seen.values() if len(g.docs) >= min_docs and len(g.docs) >= min_share * total]
        return sorted(found, key=lambda g: (-len(g.docs), g.first))

    def patterns(self, group: Group) -> tuple[list[str], list[str]]:
        """Patterns covering the group's variants (checked), and any variant they miss."""
        variants = [v for v, _ in group.variants.most_common()]
        digits = len({regex.sub(r"\d+", "", fold(v)) for v in variants}) < len({fold(v) for v in variants})
        chosen: list[str] = []
        for v in variants:
            if chosen and self._matches(chosen, v):
                continue
            if len(chosen) < 5:
                chosen.append(escape(v, digits))
        return chosen, [v for v in variants if not self._matches(chosen, v)]

    @staticmethod
    def _matches(patterns: list[str], line: str) -> bool:
        from .kinds import KINDS

        return bool(KINDS["line"]({"pattern": patterns}).rx.search(fold(line)))

    def example(self, group: Group, keys: set[str]) -> tuple[str, str]:
        """(input, output) from the first document: the line and an article sentence near it."""
        doc, at = group.first
        lines = self.kept_lines(self.read(self.names[doc]))
        line = lines[at].strip()

        def sentence(i: int) -> bool:
            s = lines[i]
            return bool(s) and line_key(s) not in keys and len(s.split()) >= PARA_WORDS and s.rstrip()[-1] in ".!?…"

        near = sorted((i for i in range(len(lines)) if sentence(i)), key=lambda i: abs(i - at))
        body = lines[near[0]].strip() if near else FALLBACK_SENTENCE
        before = not near or near[0] > at
        text = f"{line}\n{body}\n" if before else f"{body}\n{line}\n"
        return text, f"{body}\n"


def stub(number: int, group: Group, d: Discovery, keys: set[str], used: set[str]) -> str:
    """One ``[[rule]]`` stub, its comment header and its checked example."""
    total = len(d.names)
    doc, at = group.first
    patterns, missed = d.patterns(group)
    name = base = stub_name(group.variants.most_common(1)[0][0])
    k = 2
    while name in used:
        name, k = f"{base}-{k}", k + 1
    used.add(name)
    example_in, example_out = d.example(group, keys)
    shown = ", ".join(f"{json.dumps(v, ensure_ascii=False)} ({n})" for v, n in group.variants.most_common(4))
    more = len(group.variants) - 4
    lines = [f"# {number}. in {len(group.docs)} of {total} documents ({len(group.docs) / total:.0%}), "
             f"first at {d.names[doc]}:{at + 1}",
             f"#    seen as: {shown}{f' and {more} more' if more > 0 else ''}"]
    if missed:
        lines.append(f"#    not matched by the pattern (widen it by hand): {len(missed)} variant(s), e.g. "
                     f"{json.dumps(missed[0], ensure_ascii=False)}")
    pattern = _toml(patterns[0]) if len(patterns) == 1 else "[" + ", ".join(map(_toml, patterns)) + "]"
    body = [
        "[[rule]]",
        f'code = "XX{number:03d}"  # choose a family prefix and a free number: cleaner rules lists the used ones',
        f'name = "{name}"',
        'kind = "line"',
        f'description = "TODO: what this line is. Found by cleaner discover in {len(group.docs)} of {total} documents."',
        f"pattern = {pattern}",
        "",
        "[[rule.example]]",
        f"input = {_toml_block(example_in)}",
        f"output = {_toml_block(example_out)}",
    ]
    text = "\n".join(body) + "\n"
    if not _example_passes(text, d.rules):
        lines.append("#    check the example: with the current rules its output differs from the one below")
    keep = ["", "# [[rule.example]]  # TODO a near-miss that must stay: the same words inside a sentence",
            '# input = """', "# …", '# """', '# output = """', "# …", '# """', ""]
    return "\n".join(lines) + "\n" + text + "\n".join(keep)


def _example_passes(toml_text: str, rules: list[Rule]) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "stub.toml")
        path.write_text(toml_text, encoding="utf-8")
        try:
            (rule,) = load_rules([path], builtin=False)
        except RuleError:
            return False
    ex = rule.examples[0]
    result = clean(ex.input, [r for r in rules if r.code != rule.code] + [rule], max_removed=1.0)
    return result.text == ex.output and any(e.code == rule.code for e in result.edits)


@cli.command("discover", short_help="Propose rule stubs for recurring lines the rules keep.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@rule_options
@path_options
@click.option("--min-docs", type=click.IntRange(min=2), default=5, show_default=True,
              help="A line must recur in at least this many documents.")
@click.option("--min-share", type=click.FloatRange(0.0, 1.0), default=0.02, show_default=True,
              help="... and in at least this share of the documents.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="Print at most this many stubs, the most widespread first.")
@encoding_option
@click.pass_context
def discover_cmd(ctx, paths, select, ignore, extra_rules, no_builtin, include, exclude, min_docs, min_share, top,
                 encoding):
    """Find boilerplate lines the current rules do not remove, across the files and folders PATHS.

    Lines that recur in many documents (compared after Arabic folding, digits
    and punctuation aside; a line counts once per document) and that the rules
    leave in place are ranked by how many documents they touch and printed as
    TOML rule stubs, each with a checked example. Paste one into a rule pack,
    give it a code and a name, and add a near-miss example.

    Exits 0; 1 when some input could not be read (it is named on stderr and
    left out) or no text document was found."""
    from .cli import InputError
    from .files import decode

    rules = load_selected(select, ignore, extra_rules, no_builtin)
    problems: list[str] = []
    d = Discovery(rules, lambda name: decode(Path(name).read_bytes(), name, encoding).text)
    for doc in iter_documents(paths, include, exclude, problems, encoding):
        d.add(doc.name, doc.text)
    for p in problems:
        click.echo(f"cleaner: {p}", err=True)
    if not d.names:
        raise InputError("no text documents found; check the paths and --include (default: *.txt)")
    groups = d.groups(min_docs, min_share)
    click.echo(f"# cleaner discover: {len(d.names)} documents; {len(groups)} recurring line(s) that the current "
               f"rules keep\n# (in at least {min_docs} documents and {min_share:.0%} of them), most widespread "
               f"first{f'; the first {top} shown' if len(groups) > top else ''}.\n# Paste a stub into a rule "
               f"pack (--rules FILE), give it a code and a name, and add a near-miss example.\n")
    keys = {g.key for g in groups}
    used = {r.name for r in rules}
    for number, group in enumerate(groups[:top], 1):
        click.echo(stub(number, group, d, keys, used))
    ctx.exit(1 if problems else 0)
