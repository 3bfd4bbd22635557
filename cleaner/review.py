"""``cleaner report``: one self-contained HTML review page for many documents.

The page holds per-rule totals, then each document's original text with every
removed span in a ``<mark class="edit" data-code="RA001" title="RA001
read-also">`` (kept text plain), ``dir="rtl"`` on documents written mostly in
a right-to-left script, and a filter by rule (checkboxes; ``#only=RA001,MD``
in the address does the same). No network, no external assets: the CSS and
the JavaScript are inline, so the file can be mailed or archived as it is.

Held-back documents show the refused plan as ``<mark class="refused">``: the
``edit`` marks are exactly the edits that were applied.

>>> direction("نص عربي طويل فيه كلمة English واحدة"), direction("An English text, بالعربية.")
('rtl', 'ltr')
"""

from __future__ import annotations

import html
import sys
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import click

from .cli import cli, encoding_option, rule_options
from .engine import Cleaned, Edit, clean
from .options import iter_documents, load_selected, max_removed_option, path_options
from .rules import Rule


def direction(text: str) -> str:
    """``rtl`` when most strongly directional letters are right-to-left (Arabic, Hebrew)."""
    counts = Counter(unicodedata.bidirectional(ch) for ch in text if ch.isalpha())
    return "rtl" if counts["R"] + counts["AL"] > counts["L"] else "ltr"


@dataclass
class Reviewed:
    name: str
    text: str
    result: Cleaned


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def marked_text(text: str, edits: Iterable[Edit], cls: str, suffix: str = "") -> str:
    """The escaped text with each edit's span wrapped in a labelled ``<mark>``."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(_e(text[pos:e.start]))
        # A span inside a line is isolated, so that it and the kept text around it
        # each keep their own direction; whole lines need no isolation (and an
        # isolated line break would paint an empty highlight on the next line).
        kind = cls if "\n" in e.text else f"{cls} span"
        out.append(f'<mark class="{kind}" data-code="{_e(e.code)}" title="{_e(e.code)} {_e(e.name)}{suffix}">'
                   f"{_e(text[e.start:e.end])}</mark>")
        pos = e.end
    out.append(_e(text[pos:]))
    return "".join(out)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _hue(code: str) -> int:
    return zlib.crc32(code[:-3].encode()) % 360  # one colour per family (RA, MD, SC ...)


CSS = """
body { font: 16px/1.5 "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", Tahoma, Arial, sans-serif;
       margin: 0 auto; max-width: 72rem; padding: 1rem 2rem; color: #222; background: #fafafa; }
h1 { font-size: 1.4rem; margin: .2rem 0; }
table { border-collapse: collapse; margin: .5rem 0; background: #fff; }
th, td { border: 1px solid #ddd; padding: .2rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
section.doc { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 1.2rem 0; padding: .4rem 1rem; }
section.doc h2 { font-size: 1rem; font-weight: normal; margin: .3rem 0; color: #555; }
section.doc h2 a { font-family: "DejaVu Sans Mono", monospace; color: #124; }
.held { color: #7a0057; font-weight: bold; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext;
           font: inherit; line-height: 1.9; margin: .4rem 0; }
mark { border-radius: 3px; padding: 0 .1em; color: #333; }
mark.span { unicode-bidi: plaintext; }
mark::before { content: attr(data-code); unicode-bidi: isolate; direction: ltr; display: inline-block;
               font: bold .7rem "DejaVu Sans Mono", monospace; background: #333; color: #fff;
               border-radius: 3px; padding: 0 .3em; margin: 0 .3em; vertical-align: .15em; }
mark.refused { outline: 2px dashed #b05; }
mark.off { background: none !important; outline: none; color: inherit; }
mark.off::before { display: none; }
.muted { color: #777; }
"""

SCRIPT = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.rule'));
  var unchanged = document.getElementById('unchanged');
  function apply() {
    var on = {};
    boxes.forEach(function (b) { if (b.checked) on[b.value] = true; });
    document.querySelectorAll('mark[data-code]').forEach(function (m) {
      m.classList.toggle('off', !on[m.getAttribute('data-code')]);
    });
    var shown = 0;
    document.querySelectorAll('section.doc').forEach(function (s) {
      var codes = s.getAttribute('data-codes').split(' ').filter(Boolean);
      var visible = codes.length ? codes.some(function (c) { return on[c]; }) : unchanged.checked;
      s.hidden = !visible;
      if (visible) shown += 1;
    });
    document.getElementById('shown').textContent = String(shown);
  }
  function fromHash() {
    var m = /^#only=([A-Za-z0-9,]+)$/.exec(location.hash);
    if (!m) return;
    var want = m[1].toUpperCase().split(',');
    boxes.forEach(function (b) {
      b.checked = want.some(function (p) { return b.value.indexOf(p) === 0; });
    });
    unchanged.checked = false;
  }
  boxes.concat([unchanged]).forEach(function (b) { b.addEventListener('change', apply); });
  document.getElementById('all').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = true; }); apply(); });
  document.getElementById('none').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = false; }); apply(); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash();
  apply();
  document.body.setAttribute('data-ready', 'yes');
})();
"""


def render_page(docs: list[Reviewed], rules: list[Rule], *, max_docs: int = 0, changed_only: bool = False) -> str:
    """The whole HTML page (a string), for *docs* cleaned with *rules*."""
    names = {r.code: r for r in rules}
    edits = Counter(e.code for d in docs for e in d.result.edits)
    in_docs = Counter(c for d in docs for c in {e.code for e in d.result.edits})
    chars = Counter()
    for d in docs:
        for e in d.result.edits:
            chars[e.code] += len(e.text)
    refused = Counter(e.code for d in docs for e in d.result.refused)
    held = sum(d.result.held_back for d in docs)
    codes = sorted(set(edits) | set(refused))
    label = {e.code: e.name for d in docs for e in (*d.result.edits, *d.result.refused)}

    out = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
           f"<title>cleaner review: {len(docs)} documents</title>\n",
           "<style>", CSS]
    for code in codes:
        out.append(f'mark[data-code="{code}"] {{ background: hsl({_hue(code)}, 85%, 84%); }}\n')
    out.append("</style>\n</head>\n<body>\n<h1>cleaner review</h1>\n")
    total = sum(edits.values())
    changed = sum(1 for d in docs if d.result.edits)
    out.append(f"<p>{_n(len(docs), 'document')}, {_n(total, 'edit')}, {changed} changed, {held} held back by "
               f'the over-deletion guard. Showing <span id="shown">{len(docs)}</span> of them. Hover a mark '
               f"for its rule's name.</p>\n")
    out.append('<table id="totals">\n<thead><tr><th>show</th><th>code</th><th>name</th><th>edits</th>'
               "<th>documents</th><th>characters removed</th><th>refused (held back)</th></tr></thead>\n<tbody>\n")
    for code in codes:
        rule = names.get(code)
        desc = f' title="{_e(rule.description)}"' if rule else ""
        out.append(f'<tr data-code="{_e(code)}"><td><input type="checkbox" class="rule" id="r-{_e(code)}" '
                   f'value="{_e(code)}" checked></td><td><label for="r-{_e(code)}"><code>{_e(code)}</code></label>'
                   f'</td><td{desc}>{_e(label[code])}</td><td class="n">{edits[code]}</td>'
                   f'<td class="n">{in_docs[code]}</td><td class="n">{chars[code]}</td>'
                   f'<td class="n">{refused[code]}</td></tr>\n')
    out.append("</tbody>\n</table>\n<p><button id=\"all\" type=\"button\">all rules</button> "
               "<button id=\"none\" type=\"button\">no rule</button> <label><input type=\"checkbox\" "
               "id=\"unchanged\" checked> documents with no edits</label></p>\n<main>\n")
    shown = [d for d in docs if d.result.edits or d.result.refused or not changed_only]
    left_out = len(shown) - max_docs if max_docs and len(shown) > max_docs else 0
    for k, d in enumerate(shown[:max_docs or None], 1):
        out.append(_document(k, d))
    if left_out:
        out.append(f'<p class="muted">{left_out} more documents not shown (raise --max-docs).</p>\n')
    out.append(f"</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(out)


def _document(k: int, d: Reviewed) -> str:
    r = d.result
    dir_ = direction(d.text)
    lang = ' lang="ar"' if dir_ == "rtl" else ""
    codes = " ".join(sorted({e.code for e in (*r.edits, *r.refused)}))
    stats = (f"{_n(len(r.edits), 'edit')}, {r.removed_share:.0%} of the text removed"
             if not r.held_back else f"held back, {_n(len(r.refused), 'edit')} refused")
    parts = [f'<section class="doc" id="d{k}" data-codes="{codes}" dir="{dir_}"{lang}>\n',
             f'<h2 dir="ltr"><a href="#d{k}">{_e(d.name)}</a> <span class="muted">{stats}</span></h2>\n']
    if r.held_back:
        parts.append(f'<p class="held" dir="ltr">Held back: the rules would remove {r.removed_share:.0%} of the '
                     "text, more than --max-removed allows, so nothing is removed. The refused plan is "
                     "outlined.</p>\n")
        body = marked_text(d.text, r.refused, "refused", " (refused: held back)")
    else:
        body = marked_text(d.text, r.edits, "edit")
    parts.append(f'<pre class="text">{body}</pre>\n</section>\n')
    return "".join(parts)


@cli.command("report", short_help="Write one HTML review page: removed spans highlighted per rule.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option("-o", "--output", default="review.html", show_default=True, metavar="FILE",
              help="Where to write the page ('-': standard output).")
@rule_options
@path_options
@max_removed_option
@click.option("--changed-only", is_flag=True, help="Leave out documents that have no edits.")
@click.option("--max-docs", type=click.IntRange(min=0), default=500, show_default=True,
              help="At most this many document sections (0: all); the totals count every document.")
@encoding_option
@click.pass_context
def report_cmd(ctx, paths, output, select, ignore, extra_rules, no_builtin, include, exclude, max_removed,
               changed_only, max_docs, encoding):
    """Write one self-contained HTML review page for the files and folders PATHS.

    Per-rule totals, then each document with the removed spans highlighted and
    labelled with their rule code (hover for the rule's name), kept text plain,
    right-to-left documents laid out right to left, and a filter by rule
    (checkboxes, or '#only=RA001,MD' at the end of the page's address). No
    network and no external files: open it anywhere.

    Exits 0, or 1 when some input could not be read (it is named on stderr and
    left out of the page)."""
    rules = load_selected(select, ignore, extra_rules, no_builtin)
    problems: list[str] = []
    docs = [Reviewed(doc.name, doc.text, clean(doc.text, rules, max_removed=max_removed))
            for doc in iter_documents(paths, include, exclude, problems, encoding)]
    for p in problems:
        click.echo(f"cleaner: {p}", err=True)
    page = render_page(docs, rules, max_docs=max_docs, changed_only=changed_only)
    if output == "-":
        sys.stdout.buffer.write(page.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        try:
            Path(output).write_text(page, encoding="utf-8")
        except OSError as exc:
            raise click.FileError(output, exc.strerror) from None
        edits = sum(len(d.result.edits) for d in docs)
        held = sum(d.result.held_back for d in docs)
        click.echo(f"wrote {output}: {_n(len(docs), 'document')}, {_n(edits, 'edit')}, {held} held back",
                   err=True)
    ctx.exit(1 if problems else 0)
