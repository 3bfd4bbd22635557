"""``cleaner explain``: the original text with every removed span marked.

Each original line is printed after a gutter that says what happened to it:

* ``  12   │ text`` — kept;
* ``  30 - MD001 source-line │ text`` — removed by that rule;
* ``  68 ~ SC001 widget-shortcode │ text`` — partly removed; the line is shown
  whole, and under it one ``^ SC001 cut │ piece`` line per removed piece;
* ``  30 ? MD001 source-line │ text`` — the rule matched, but the document was
  held back by the over-deletion guard, so nothing was removed.

Marking is per line and colour (on a terminal only) wraps the gutter or a
whole text column, never part of a line: a right-to-left run is never split by
escape codes or brackets, so Arabic stays readable. A summary in the
``path:line: CODE name: message`` form follows.

>>> from cleaner import clean, load_rules
>>> text = "نص المقال.\\nزر الذهاب إلى الأعلى\\n"
>>> for line in render("a.txt", text, clean(text, load_rules())):
...     print(line)
a.txt: 1 edit, 65% of the text removed
1                     │ نص المقال.
2 - PC001 back-to-top │ زر الذهاب إلى الأعلى
a.txt:2: PC001 back-to-top: removed line 2
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Iterator

import click

from .cli import cli, encoding_option, rule_options
from .engine import Cleaned, Edit, clean
from .options import load_selected, max_removed_option, read_one

BAR = "│"
# Control characters would move the cursor or start escape sequences: show them
# as their visible Unicode pictures (U+2400...), C1 controls as U+FFFD.
_VISIBLE = {c: 0x2400 + c for c in range(32) if c != 9} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}


@dataclass
class LineView:
    """One original line: its text, and the edits that removed all or part of it."""

    number: int
    text: str
    state: str = " "  # " " kept, "-" removed, "~" partly removed
    edits: list[Edit] = field(default_factory=list)
    pieces: list[tuple[Edit, str]] = field(default_factory=list)  # for "~": what each edit cut


def line_views(text: str, edits: list[Edit]) -> list[LineView]:
    """Classify every original line by the edits that touch it."""
    views, pos = [], 0
    ordered = sorted(edits, key=lambda e: e.start)
    k = 0
    for number, raw in enumerate(text.split("\n"), 1):
        start, end = pos, pos + len(raw)  # end: the newline (or the end of the text)
        pos = end + 1
        if number > 1 and start >= len(text) and not raw:
            break  # the empty string after a final newline is not a line
        while k < len(ordered) and ordered[k].end <= start:
            k += 1
        touching = []
        for e in ordered[k:]:
            if e.start > end:  # edits are sorted by start: none further touches this line
                break
            if e.end > start:
                touching.append(e)
        view = LineView(number, raw[:-1] if raw.endswith("\r") else raw)
        if touching:
            cut = [False] * len(raw)
            for e in touching:
                for i in range(max(e.start, start), min(e.end, end)):
                    cut[i - start] = True
            left = "".join(ch for ch, gone in zip(raw, cut) if not gone)
            view.edits = touching
            if left.strip():
                view.state = "~"
                view.pieces = [(e, text[max(e.start, start):min(e.end, end)]) for e in touching
                               if text[max(e.start, start):min(e.end, end)].strip()]
            else:
                view.state = "-"
        views.append(view)
    return views


def _visible(s: str) -> str:
    return s.translate(_VISIBLE)


def render(name: str, text: str, result: Cleaned, *, color: bool = False,
           meta: dict | None = None) -> Iterator[str]:
    """The lines ``cleaner explain`` prints (with ANSI styles when *color*)."""
    edits = result.refused if result.held_back else result.edits
    if result.held_back:
        banner = (f"{name}: HELD BACK: the rules would remove {result.removed_share:.0%} of the text, more "
                  f"than --max-removed allows; nothing is removed. Lines marked ? are the refused plan.")
        yield click.style(banner, fg="magenta", bold=True) if color else banner
    else:
        n = len(edits)
        yield f"{name}: {n} edit{'' if n == 1 else 's'}, {result.removed_share:.0%} of the text removed"
    views = line_views(text, edits)
    width = len(str(len(views)))
    label = max((len(f"{e.code} {e.name}") for e in edits), default=0)
    for v in views:
        if v.state == " ":
            gutter = f"{v.number:>{width}}   {'':<{label}} {BAR} "
            yield (click.style(gutter, dim=True) + _visible(v.text)) if color else gutter + _visible(v.text)
            continue
        e = v.edits[0]
        mark = "?" if result.held_back else v.state
        gutter = f"{v.number:>{width}} {mark} {f'{e.code} {e.name}':<{label}} {BAR} "
        colour = "magenta" if result.held_back else ("red" if v.state == "-" else "yellow")
        body = _visible(v.text)
        if color:
            gutter = click.style(gutter, fg=colour, bold=True)
            body = click.style(body, fg=colour, dim=v.state == "-") if body else body
        yield gutter + body
        for piece_edit, piece in v.pieces:
            sub = f"{'':>{width}} ^ {f'{piece_edit.code} cut':<{label}} {BAR} "
            piece = _visible(piece)
            yield (click.style(sub, fg=colour) + click.style(piece, fg=colour, underline=True)) if color \
                else sub + piece
    verb = "would remove" if result.held_back else "removed"
    for e in sorted(edits, key=lambda e: e.start):
        lines = e.end_line - e.line + 1
        whole = e.start == 0 or text[e.start - 1] == "\n"
        whole = whole and (e.end == len(text) or text[e.end - 1] == "\n")
        if whole and lines == 1:
            what = f"{verb} line {e.line}"
        elif whole:
            what = f"{verb} lines {e.line}-{e.end_line} ({lines} lines)"
        else:
            where = f"line {e.line}" if lines == 1 else f"lines {e.line}-{e.end_line}"
            what = f"{verb} {len(e.text)} characters of {where}: {_short(e.text)}"
        yield f"{name}:{e.line}: {e.code} {e.name}: {what}"
    if meta is not None:
        yield "meta: " + json.dumps(meta, ensure_ascii=False)


def _short(s: str, width: int = 50) -> str:
    s = " ".join(_visible(s).split())
    return s if len(s) <= width else s[:width - 1] + "…"


@cli.command("explain", short_help="Show a file with each removed span marked: rule code, name, lines.")
@click.argument("file", default="-", type=click.Path(exists=True, allow_dash=True, dir_okay=False, path_type=str))
@rule_options
@max_removed_option
@click.option("--color/--no-color", default=None,
              help="Colour the marks. Default: only when standard output is a terminal.")
@click.option("--meta", is_flag=True,
              help="Also print the metadata the removed source, tags, date and byline lines carried, "
                   "as a last line 'meta: {JSON}' (the rules' 'field' key says which line gives what).")
@encoding_option
@click.pass_context
def explain_cmd(ctx, file, select, ignore, extra_rules, no_builtin, max_removed, color, meta, encoding):
    """Show FILE (or standard input, '-') with every removed span marked.

    Each line is printed after a gutter: its number, then '-' and the rule's code
    and name for a removed line, '~' for a line partly removed (followed by one
    '^ CODE cut' line per removed piece), '?' for what the rules matched in a
    document held back by the over-deletion guard, nothing for a kept line. A
    summary, one 'path:line: CODE name: ...' line per edit, follows. Marks are
    per line, so right-to-left text is never split. Exits 0."""
    rules = load_selected(select, ignore, extra_rules, no_builtin)
    name, text = read_one(file, encoding)
    result = clean(text, rules, max_removed=max_removed)
    found = None
    if meta:
        from .meta import extract_meta
        found = extract_meta(text, result, rules)
    use_color = color if color is not None else sys.stdout.isatty()
    for line in render(name, text, result, color=use_color, meta=found):
        click.echo(line, color=use_color)
    ctx.exit(0)
