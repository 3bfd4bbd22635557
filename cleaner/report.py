"""What ``fix``, ``check`` and ``stats`` say about each document.

Every report is a rendering of the same :class:`~cleaner.fixer.DocResult`
values (the engine's edits), fed in input order by :mod:`cleaner.workflow`.
Messages for people go to stderr; ``check`` and ``stats`` write their report
to stdout.

>>> shorten("اقرأ أيضا: عنوان\\nسطر\\n")
'اقرأ أيضا: عنوان (+1 line)'
"""

from __future__ import annotations

import difflib
import json
from collections import Counter

from .fixer import DocResult
from .progress import echo
from .rules import Rule

WIDTH = 60


def shorten(text: str, width: int = WIDTH) -> str:
    """The first non-blank line of a removed span, cut to *width*, and how many more."""
    lines = [line.strip() for line in text.split("\n") if line.strip()] or [""]
    first = lines[0] if len(lines[0]) <= width else lines[0][:width - 1] + "…"
    more = len(lines) - 1
    return first + (f" (+{more} line{'s' if more > 1 else ''})" if more else "")


def held_back_message(name: str, share: float, codes: tuple[str, ...] | list[str], limit: float) -> str:
    return (f"{name}: held back: the rules would remove {share:.0%} of the text (limit {limit:.0%}); "
            f"left as it was. Check the rules that matched ({', '.join(codes)}) or raise --max-removed.")


def timed_out_message(name: str, rule) -> str:
    """*rule* is a Rule, or its "CODE name (file:line)" description."""
    who = rule if isinstance(rule, str) else f"{rule.code} {rule.name} ({rule.where})"
    return (f"{name}: {who} ran out of matching time on this document; left as it was. "
            f"Simplify that rule's pattern or raise --regex-timeout.")


def _lines(text: str) -> list[str]:
    parts = text.split("\n")  # only LF ends a line (str.splitlines would split at U+2028 too)
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def unified(doc: DocResult) -> str:
    where = f"{doc.name}:{doc.record}" if doc.record else doc.name
    out = []
    for line in difflib.unified_diff(_lines(doc.before), _lines(doc.after), f"a/{where}", f"b/{where}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


class Report:
    """Counts and messages common to every command."""

    def __init__(self, limit: float, quiet: bool = False):
        self.limit, self.quiet = limit, quiet
        self.errors = 0  # bad input
        self.files_changed = 0  # fix: changed; check: would change
        self.documents = 0
        self._left_out = 0  # malformed JSONL lines left out of the current file

    def error(self, message: str) -> None:
        echo(message)
        self.errors += 1

    def warn(self, message: str, left_out: bool = False) -> None:
        echo(message)
        self._left_out += left_out

    def info(self, message: str) -> None:
        """Worth knowing, not a problem (``-q`` drops it): the encoding ``auto`` found."""
        if not self.quiet:
            echo(message)

    def document(self, doc: DocResult) -> None:
        self.documents += 1
        if doc.timed_out:
            echo(timed_out_message(f"{doc.name}:{doc.record}" if doc.record else doc.name, doc.timed_out))
        if doc.held:
            where = f"{doc.name}:{doc.record}" if doc.record else doc.name
            echo(held_back_message(where, doc.held_share, doc.held_codes, self.limit))

    def untouched(self, n: int = 1) -> None:
        self.documents += n

    def file_end(self, name: str, changed: bool, jsonl: bool) -> None:
        self.files_changed += changed

    def finish(self) -> None:
        pass


class FixReport(Report):
    """``path: N edits (codes)`` on stderr for each file that changed."""

    def __init__(self, limit: float, quiet: bool = False):
        super().__init__(limit, quiet)
        self._edits = self._records = 0  # counts only: a JSONL file can hold millions of edits
        self._codes: set[str] = set()

    def document(self, doc: DocResult) -> None:
        super().document(doc)
        if doc.changed:
            self._edits += len(doc.edits)
            self._codes.update(e.code for e in doc.edits)
            self._records += 1

    def file_end(self, name: str, changed: bool, jsonl: bool) -> None:
        super().file_end(name, changed, jsonl)
        if changed and not self.quiet:
            n, codes, gone = self._edits, sorted(self._codes), self._left_out
            records = f" in {self._records} record{'s' * (self._records != 1)}" if jsonl else ""
            what = [f"{n} edit{'s' * (n != 1)} ({', '.join(codes) or 'layout'}){records}"]
            if gone:  # --on-error skip
                what = what[:bool(self._records)] + [f"{gone} malformed line{'s' * (gone != 1)} left out"]
            echo(f"{name}: {'; '.join(what)}")
        self._edits, self._records, self._left_out, self._codes = 0, 0, 0, set()


class CheckReport(Report):
    """One line per edit (``text``), one JSON object per edit (``json``), or a diff."""

    def __init__(self, limit: float, fmt: str = "text", diff: bool = False):
        super().__init__(limit)
        self.fmt, self.diff = fmt, diff

    def document(self, doc: DocResult) -> None:
        super().document(doc)
        if not doc.changed:
            return
        if self.diff:
            echo(unified(doc).rstrip("\n"), err=False)
        elif self.fmt == "json":
            for obj in self._objects(doc):
                echo(json.dumps(obj, ensure_ascii=False), err=False)
        else:
            for e in doc.edits:
                echo(f"{doc.name}:{doc.record or e.line}: {e.code} {e.name}: {shorten(e.text)}", err=False)
            if not doc.edits:
                echo(f"{doc.name}:{doc.record or doc.layout_line}: layout: white space at line ends, "
                     f"blank lines or the final newline would change", err=False)

    @staticmethod
    def _objects(doc: DocResult) -> list[dict]:
        rec = {"record": doc.record} if doc.record else {}
        objs = [{"path": doc.name, **rec, "line": e.line, "end_line": e.end_line, "code": e.code,
                 "name": e.name, "start": e.start, "end": e.end, "text": e.text} for e in doc.edits]
        return objs or [{"path": doc.name, **rec, "line": doc.layout_line, "end_line": doc.layout_line,
                         "code": None, "name": "layout", "start": None, "end": None, "text": ""}]


class StatsReport(Report):
    """Per rule: documents touched, edits, characters removed; documents held back."""

    def __init__(self, limit: float, rules: list[Rule], fmt: str = "text"):
        super().__init__(limit)
        self.fmt, self.rules = fmt, rules
        self.docs, self.edits, self.chars = Counter(), Counter(), Counter()
        self.changed = self.held = 0

    def document(self, doc: DocResult) -> None:
        super().document(doc)
        self.changed += doc.changed
        self.held += doc.held
        for code in {e.code for e in doc.edits}:
            self.docs[code] += 1
        for e in doc.edits:
            self.edits[e.code] += 1
            self.chars[e.code] += len(e.text)

    def finish(self) -> None:
        rows = [{"code": r.code, "name": r.name, "documents": self.docs[r.code],
                 "edits": self.edits[r.code], "chars": self.chars[r.code]} for r in self.rules]
        if self.fmt == "json":
            echo(json.dumps({"documents": self.documents, "changed": self.changed,
                             "held_back": self.held, "rules": rows}, ensure_ascii=False), err=False)
            return
        width = max([len(r["name"]) for r in rows] + [4])
        echo(f"{'code':<6} {'name':<{width}} {'documents':>9} {'edits':>8} {'chars':>10}", err=False)
        for r in rows:
            echo(f"{r['code']:<6} {r['name']:<{width}} {r['documents']:>9} {r['edits']:>8} {r['chars']:>10}",
                 err=False)
        echo(f"documents: {self.documents}, changed: {self.changed}, "
             f"held back by the over-deletion guard: {self.held}", err=False)
