"""The ``cleaner`` command line.

Exit codes: 0 nothing to do (``clean`` exits 0 even when it removed text, so
``set -o pipefail`` pipelines work); 1 ``fix`` changed a file, ``check`` found
something to change, or bad input; 2 usage, rule or config error.

The commands are thin: settings come from :mod:`cleaner.config`, the work is
done by :mod:`cleaner.workflow` (files, folders, JSONL) over
:mod:`cleaner.parallel` workers, and :mod:`cleaner.report` says what happened.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Callable

import click

from .config import DEFAULTS, ConfigError, Settings, find_pyproject, resolve
from .engine import DEFAULT_REGEX_TIMEOUT, Cleaned, clean
from .files import BOM, ON_ERROR, InputError, Stop, WorkerDied, check_encoding, decode, read_text
from .rules import Rule, RuleError, load_rules, split_codes

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .parallel import Job

# Start-up matters (a pipe filter, a pre-commit hook): what only some commands use is
# imported in those commands (JSONL, worker pools, reports, progress bars, HTML), and the
# other commands load on first use (LazyGroup below; fix, check, stats, config and rules
# from cleaner.commands). A plain `cleaner clean` does not import pathlib (~6 ms): paths
# are os.path strings until a --rules value needs a Path.

__all__ = ["BOM", "InputError", "main", "read_document", "read_text", "report_held_back", "rule_options"]




class _PathParam(click.Path):
    """``click.Path(path_type=pathlib.Path)``, with pathlib imported only when a value is
    given (importing it costs start-up time that a plain run does not need)."""

    def convert(self, value, param, ctx):
        from pathlib import Path

        return Path(super().convert(value, param, ctx))


def _options(*options: Callable) -> Callable:
    def decorate(func: Callable) -> Callable:
        for option in reversed(options):
            func = option(func)
        return func
    return decorate


rule_options = _options(
    click.option("--select", multiple=True, metavar="PREFIXES",
                 help="Only rules whose code starts with one of these (comma-separated: RA,SC)."),
    click.option("--ignore", multiple=True, metavar="PREFIXES",
                 help="Leave out rules whose code starts with one of these (MD003)."),
    click.option("--rules", "extra_rules", multiple=True, metavar="PATH", type=_PathParam(),
                 help="Extra rule file or folder of *.toml files, after the built-in packs. Repeatable."),
    click.option("--no-builtin", is_flag=True, help="Do not load the built-in rule packs."),
)
"""The options every command that applies rules shares (they override [tool.cleaner])."""

guard_option = click.option(
    "--max-removed", type=click.FloatRange(0.0, 1.0), default=None, metavar="SHARE",
    help="Over-deletion guard: a document whose cleaning would remove more than this share of "
         f"its characters is left as it was (layout aside) and reported. [default: {DEFAULTS['max-removed']}]")

path_options = _options(
    click.option("--include", multiple=True, metavar="GLOB",
                 help="In folders, only files matching this glob (path or name: '*.txt'). Repeatable."),
    click.option("--exclude", multiple=True, metavar="GLOB",
                 help="Leave out files matching this glob ('drafts/*'). Repeatable."),
)

jsonl_options = _options(
    click.option("--field", default="text", show_default=True, metavar="NAME",
                 help="JSONL: the string field that holds the document (text, or an HTML page)."),
    click.option("--to-field", default="", metavar="NAME",
                 help="JSONL: write the clean text into this field (added if missing) and leave "
                      "FIELD as it was: --field html --to-field text."),
    click.option("--on-error", type=click.Choice(ON_ERROR), default="keep", show_default=True,
                 help="JSONL: a malformed line is reported and kept as it is, left out, or stops the run "
                      "(exit 1; a file being fixed is left as it was)."),
)

timeout_option = click.option(
    "--regex-timeout", type=click.FloatRange(0.001), default=DEFAULT_REGEX_TIMEOUT, show_default=True,
    metavar="SECONDS",
    help="Matching time allowed to one rule on one document, per MB of text (at least this much). "
         "A rule that runs out (catastrophic backtracking) leaves the document as it was, and is named.")

def _encoding(ctx, param, value: str) -> str:
    try:
        return check_encoding(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


encoding_option = click.option(
    "--encoding", default="utf-8", show_default=True, metavar="NAME|auto", callback=_encoding,
    help="The encoding of text files: a codec name (windows-1256), or auto: UTF-8 when valid, else "
         "detected, Arabic first (said on stderr). fix writes a file back in its own encoding; clean "
         "prints UTF-8. JSONL is always UTF-8; HTML pages are decoded by their own charset.")

run_options = _options(
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Worker processes for files and JSONL records [default: all cores]. "
                      "Output is the same whatever N is."),
    click.option("-q", "--quiet", is_flag=True,
                 help="No progress bar and no per-file lines; problems are still reported."),
)


def settings(select=(), ignore=(), extra_rules=(), include=(), exclude=(), max_removed=None) -> Settings:
    """Effective settings: command-line values over [tool.cleaner] over defaults."""
    given = {"select": split_codes(select) or None, "ignore": split_codes(ignore) or None,
             "rules": list(extra_rules) or None, "include": list(include) or None,
             "exclude": list(exclude) or None, "max-removed": max_removed}
    return resolve(find_pyproject(), given)


def make_job(s: Settings, no_builtin: bool, **kw) -> Job:
    from .parallel import Job  # not for one document: the worker machinery costs start-up time

    return Job(tuple(s.rules), not no_builtin, tuple(s.select), tuple(s.ignore), s.max_removed, **kw)


def load_rules_for(job: Job) -> list[Rule]:
    """Load the job's rules in this process, and show their load-time warnings once."""
    return _warn(job.load())


def _warn(rules: list[Rule]) -> list[Rule]:
    """Show the load-time warnings of *rules* on stderr; return them."""
    for rule in rules:
        for warning in rule.warnings:
            click.echo(warning, err=True)
    return rules


def read_document(data: bytes, name: str, html: bool | None, encoding: str = "utf-8") -> tuple[str, bool]:
    """The text to clean from input bytes, and whether it had a BOM to keep.

    An HTML page (*html* true, or None and :func:`looks_like_html`) gives the
    article text trafilatura extracts from it; anything else is text in *encoding*
    (binary input is an error).
    """
    from .html import html_to_text, looks_like_html  # trafilatura itself is imported on use

    if html is None:
        html = looks_like_html(data, None if name == "<stdin>" else name)
    if not html:
        decoded = decode(data, name, encoding)
        if decoded.detected:
            click.echo(decoded.note(name), err=True)
        return decoded.text, bool(decoded.bom)
    text = html_to_text(data)
    if not text.strip():
        click.echo(f"{name}: no article text found in the HTML page; nothing to clean.", err=True)
    return text, False


def report_problems(name: str, result: Cleaned, limit: float) -> None:
    """Say on stderr why a document was left as it was, if it was."""
    if result.timed_out:
        from .report import timed_out_message  # only then: it imports the fix/check machinery

        click.echo(timed_out_message(name, result.timed_out), err=True)
    elif result.held_back:
        report_held_back(name, result, limit)


def report_held_back(name: str, result: Cleaned, limit: float) -> None:
    from .report import held_back_message

    codes = sorted({e.code for e in result.refused})
    click.echo(held_back_message(name, result.removed_share, codes, limit), err=True)


class LazyGroup(click.Group):
    """Commands that live in their own modules, imported when one is run or listed
    (click's documented pattern for lazily loaded subcommands)."""

    lazy = {"explain": "cleaner.explain", "report": "cleaner.review", "discover": "cleaner.discover",
            "dask": "cleaner.cluster",
            **dict.fromkeys(("fix", "check", "stats", "config", "rules"), "cleaner.commands")}

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            import importlib

            importlib.import_module(self.lazy[name])  # its @cli.command adds the command
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader went away (| head): not a failure of the run. Caught here, before
            # click's own handling (which exits 1), and stdout pointed at /dev/null so that
            # flushing what is left at exit does not fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def cli() -> None:
    """Strip site boilerplate from news-article text: WordPress shortcodes, theme
    notices, read-also blocks and pasted next articles, related lists, comment
    forms, page chrome, metadata lines and photo captions. Arabic first.

    Everything that is not boilerplate is kept byte for byte. Settings can live
    in [tool.cleaner] of the nearest pyproject.toml (see `cleaner config`).

    Exit codes: 0 nothing to do; 1 fix changed a file, check found something to
    change, or bad input; 2 usage, rule or config error."""


@cli.command("clean")
@click.argument("file", default="-", type=click.Path(exists=True, allow_dash=True, dir_okay=False, path_type=str))
@rule_options
@guard_option
@click.option("--jsonl", is_flag=True, help="The input is JSONL (implied by a .jsonl or .jsonl.gz file name).")
@jsonl_options
@click.option("--annotate", is_flag=True, help="JSONL: add an 'edits' list (code, start, end) to each record.")
@click.option("--meta", is_flag=True,
              help="JSONL: add a 'meta' object with the source, tags, date and byline that the removed "
                   "lines carried (which rule gives which field is declared in the rule files).")
@click.option("--html/--no-html", default=None,
              help="Read FILE (or, in JSONL, the FIELD of each record) as an HTML page and clean the "
                   "article text trafilatura extracts from it, or as text. Default: HTML for "
                   "*.html/*.htm files and for input that starts with <!doctype html> or <html>.")
@encoding_option
@timeout_option
@run_options
@click.pass_context
def clean_cmd(ctx, file, select, ignore, extra_rules, no_builtin, max_removed, jsonl, field, to_field,
              on_error, annotate, meta, html, encoding, regex_timeout, jobs, quiet):
    """Clean FILE (or standard input, '-') and write the result to standard output.

    A text file gives the article body. An HTML page (any charset) gives the body of
    the article trafilatura extracts from it, cleaned by the same rules. A JSONL file
    (one JSON object per line) gives the same records, each with its FIELD cleaned;
    unchanged records are written byte for byte. Exits 0 even when text was removed."""
    s = settings(select, ignore, extra_rules, max_removed=max_removed)
    name = "<stdin>" if file == "-" else file
    if jsonl or file.endswith((".jsonl", ".jsonl.gz")):
        job = make_job(s, no_builtin, field=field, to_field=to_field, annotate=annotate, meta=meta,
                       html=html, regex_timeout=regex_timeout, encoding=encoding)
        from .commands import clean_jsonl

        report = clean_jsonl(file, name, job, load_rules_for(job), jobs, on_error, quiet)
        ctx.exit(1 if report.errors else 0)
    # One document, cleaned here: the rules the job would load, without the Job.
    rules = _warn(load_rules(s.rules, builtin=not no_builtin, select=s.select, ignore=s.ignore))
    try:
        if file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(file, "rb") as f:
                data = f.read()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    text, bom = read_document(data, name, html, encoding)
    result = clean(text, rules, max_removed=s.max_removed, regex_timeout=regex_timeout)
    report_problems(name, result, s.max_removed)
    out = sys.stdout.buffer
    out.write(((BOM if bom and result.text else "") + result.text).encode("utf-8"))
    out.flush()
    ctx.exit(0)


def main(argv: list[str] | None = None) -> int:
    """Run the command line with *argv*; return the exit code (tests call this)."""
    try:
        code = cli.main(args=argv, prog_name="cleaner", standalone_mode=False)
    except (RuleError, ConfigError) as exc:
        click.echo(f"{exc}", err=True)
        return 2
    except InputError as exc:
        click.echo(f"cleaner: {exc}", err=True)
        return 1
    except Stop:
        return 1
    except WorkerDied as exc:  # killed from outside (OOM killer, kill -9): say so, no traceback
        click.echo(f"cleaner: {exc}; files that fix already wrote are complete, run it again for the rest",
                   err=True)
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


# Commands whose runs end without the interpreter's teardown (see run()).
_QUICK_EXIT = frozenset({"clean", "fix", "check", "stats"})


def run() -> None:
    """The console script. After clean, fix, check and stats the process ends with
    ``os._exit``: the interpreter's teardown frees every rule, compiled pattern and
    module one by one, about 20 ms, a fifth of a one-document run (a pre-commit hook
    runs one on every commit). Nothing is lost: these commands have written and closed
    their files and joined their worker processes before they return, and the output
    streams are flushed here. (Tests call :func:`main`, which returns normally.)"""
    code = main()
    if sys.argv[1:2] and sys.argv[1] in _QUICK_EXIT:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a reader gone (| head), a stream closed
                pass
        os._exit(code)
    sys.exit(code)

