"""The ``cleaner`` command line.

Exit codes: 0 nothing to do (``clean`` exits 0 even when it removed text, so
``set -o pipefail`` pipelines work); 1 bad input; 2 usage, rule or config error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import click

from .engine import DEFAULT_MAX_REMOVED, DEFAULT_REGEX_TIMEOUT, Cleaned, clean
from .html import html_to_text, looks_like_html  # trafilatura itself is imported on use
from .rules import Rule, RuleError, load_rules

BOM = "\ufeff"


class InputError(Exception):
    """Bad input: the message names the file and says what to do."""


def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [c for v in values for c in v.split(",") if c.strip()]


def rule_options(func: Callable) -> Callable:
    """The options every command that applies rules shares."""
    options = [
        click.option("--select", multiple=True, metavar="PREFIXES",
                     help="Only rules whose code starts with one of these (comma-separated: RA,SC)."),
        click.option("--ignore", multiple=True, metavar="PREFIXES",
                     help="Leave out rules whose code starts with one of these (MD003)."),
        click.option("--rules", "extra_rules", multiple=True, metavar="PATH",
                     type=click.Path(path_type=Path),
                     help="Extra rule file or folder of *.toml files, after the built-in packs. Repeatable."),
        click.option("--no-builtin", is_flag=True, help="Do not load the built-in rule packs."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _load(select, ignore, extra_rules, no_builtin) -> list[Rule]:
    rules = load_rules(extra_rules, builtin=not no_builtin,
                       select=_split_codes(select), ignore=_split_codes(ignore))
    for rule in rules:
        for warning in rule.warnings:
            click.echo(warning, err=True)
    return rules


def read_text(data: bytes, name: str) -> tuple[str, bool]:
    """Decode UTF-8 input; return the text without a BOM, and whether it had one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start}); convert it first, "
                         f"for example: iconv -f windows-1256 -t utf-8") from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def read_document(data: bytes, name: str, html: bool | None) -> tuple[str, bool]:
    """The text to clean from input bytes, and whether it had a BOM to keep.

    An HTML page (*html* true, or None and :func:`looks_like_html`) gives the
    article text trafilatura extracts from it; anything else is UTF-8 text.
    """
    if html is None:
        html = looks_like_html(data, None if name == "<stdin>" else name)
    if not html:
        return read_text(data, name)
    text = html_to_text(data)
    if not text.strip():
        click.echo(f"{name}: no article text found in the HTML page; nothing to clean.", err=True)
    return text, False


def report_problems(name: str, result: Cleaned, limit: float) -> None:
    """Say on stderr why a document was left as it was, if it was."""
    if result.timed_out:
        r = result.timed_out
        click.echo(f"{name}: {r.code} {r.name} ({r.where}) ran out of matching time on this document; "
                   f"left as it was. Simplify that rule's pattern or raise --regex-timeout.", err=True)
    elif result.held_back:
        report_held_back(name, result, limit)


def report_held_back(name: str, result: Cleaned, limit: float) -> None:
    click.echo(f"{name}: held back: the rules would remove {result.removed_share:.0%} of the text "
               f"(limit {limit:.0%}); left as it was. Check the rules that matched "
               f"({', '.join(sorted({e.code for e in result.refused}))}) or raise --max-removed.", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def cli() -> None:
    """Strip site boilerplate from news-article text: WordPress shortcodes, theme
    notices, read-also blocks and pasted next articles, related lists, comment
    forms, page chrome, metadata lines and photo captions. Arabic first.

    Everything that is not boilerplate is kept byte for byte."""


@cli.command("clean")
@click.argument("file", default="-", type=click.Path(exists=True, allow_dash=True, dir_okay=False, path_type=str))
@rule_options
@click.option("--max-removed", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MAX_REMOVED,
              show_default=True,
              help="Over-deletion guard: a document whose cleaning would remove more than this "
                   "share of its characters is left as it was (layout aside) and reported.")
@click.option("--regex-timeout", type=click.FloatRange(0.001), default=DEFAULT_REGEX_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Matching time allowed to one rule on one document, per MB of text (at least "
                   "this much). A rule that runs out (catastrophic backtracking) leaves the "
                   "document as it was, and is named on stderr.")
@click.option("--html/--no-html", default=None,
              help="Read FILE as an HTML page (any charset) and clean the article text trafilatura "
                   "extracts from it, or as UTF-8 text. Default: HTML for *.html/*.htm files and "
                   "input that starts with <!doctype html> or <html>.")
@click.pass_context
def clean_cmd(ctx, file, select, ignore, extra_rules, no_builtin, max_removed, regex_timeout, html):
    """Clean FILE (or standard input, '-') and write the article body to standard output.

    FILE is UTF-8 text, or an HTML page in any charset (detected, or --html): its
    article text is extracted with trafilatura, then cleaned by the same rules.

    Exits 0 even when text was removed."""
    rules = _load(select, ignore, extra_rules, no_builtin)
    name = "<stdin>" if file == "-" else file
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    text, bom = read_document(data, name, html)
    result = clean(text, rules, max_removed=max_removed, regex_timeout=regex_timeout)
    report_problems(name, result, max_removed)
    out = sys.stdout.buffer
    out.write(((BOM if bom and result.text else "") + result.text).encode("utf-8"))
    out.flush()
    ctx.exit(0)


@cli.command("rules")
@rule_options
@click.pass_context
def rules_cmd(ctx, select, ignore, extra_rules, no_builtin):
    """List the rules: code, name, kind and the file:line that defines each."""
    rules = _load(select, ignore, extra_rules, no_builtin)
    width = max((len(r.name) for r in rules), default=0)
    for r in rules:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.kind:<9}  {r.where}")
    ctx.exit(0)


def main(argv: list[str] | None = None) -> int:
    """Run the command line with *argv*; return the exit code (tests call this)."""
    try:
        code = cli.main(args=argv, prog_name="cleaner", standalone_mode=False)
    except RuleError as exc:
        click.echo(f"{exc}", err=True)
        return 2
    except InputError as exc:
        click.echo(f"cleaner: {exc}", err=True)
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("cleaner: aborted", err=True)
        return 1
    except BrokenPipeError:
        return 0
    return code if isinstance(code, int) else 0


def run() -> None:
    sys.exit(main())


# The review tools (issue 6) live in their own modules; importing them adds their
# commands to `cli` (they use rule_options above, so this import stays at the end).
from . import discover, explain, review  # noqa: E402,F401
