"""The commands over many documents (``fix``, ``check``, ``stats``, ``clean`` of JSONL)
and the listings (``config``, ``rules``).

They live here, not in :mod:`cleaner.cli`, so that ``cleaner clean < file`` neither
compiles nor builds them: :class:`cleaner.cli.LazyGroup` imports this module when one
of them is run or listed, and ``clean`` when its input is JSONL.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING, Callable

import click

from .cli import (_options, cli, encoding_option, guard_option, jsonl_options, load_rules_for, make_job,
                  path_options, rule_options, run_options, settings, timeout_option)
from .config import DEFAULTS, Settings, find_pyproject
from .files import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .parallel import Job
    from .rules import Rule


def clean_jsonl(file: str, name: str, job: Job, rules: list[Rule], jobs, on_error: str, quiet: bool):
    import zlib
    from pathlib import Path

    from .jsonl import open_read
    from .parallel import Workers, default_jobs
    from .progress import Bar, wanted
    from .report import Report
    from .workflow import stream_records

    report = Report(job.max_removed)
    try:
        src, raw = (sys.stdin.buffer, sys.stdin.buffer) if file == "-" else open_read(file)
        size = _file_size(raw)
        with Workers(jobs or default_jobs(), job, rules) as workers, \
                Bar(wanted(quiet), "rec", desc=Path(name).name, size=size) as bar:
            stream_records(name, src, sys.stdout.buffer, workers, report, on_error, bar,
                           raw.tell if size else None)
    except BrokenPipeError:
        raise  # the reader went away (| head): not a problem with the input
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    sys.stdout.buffer.flush()
    return report


def _file_size(raw) -> int:
    """The size of a regular file (for the bar's estimate); 0 for a pipe or a stream."""
    try:
        st = os.fstat(raw.fileno())
    except (OSError, ValueError):
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) else 0


def _run(paths, s: Settings, job: Job, report, jobs, on_error: str, quiet: bool) -> None:
    from .parallel import Workers, default_jobs
    from .progress import wanted
    from .workflow import run_paths

    rules = load_rules_for(job)
    with Workers(jobs or default_jobs(), job, rules) as workers:
        run_paths(paths, workers, report, include=s.include, exclude=s.exclude, on_error=on_error,
                  bars=wanted(quiet))


def corpus_command(name: str) -> Callable:
    """A command over files and folders, with the options they all share."""
    return _options(
        cli.command(name),
        click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str)),
        rule_options, guard_option, path_options, jsonl_options, encoding_option, timeout_option, run_options,
        click.pass_context)


@corpus_command("fix")
@click.option("--exit-zero-even-if-changed", is_flag=True, help="Exit 0 even when a file was changed.")
def fix_cmd(ctx, paths, select, ignore, extra_rules, no_builtin, max_removed, include, exclude, field,
            to_field, on_error, encoding, regex_timeout, jobs, quiet, exit_zero_even_if_changed):
    """Clean files in place: files and folders (recursive), .jsonl and .jsonl.gz too.

    Writes are atomic, keep LF/CRLF, a BOM and the file's encoding, and follow
    symlinks; temporary files that an interrupted run left are removed first.
    Binary files found in folders are skipped with a warning. Prints
    `path: N edits (codes)` on stderr for each changed file; exits 1 if any
    file changed (for pre-commit), 0 if none."""
    s = settings(select, ignore, extra_rules, include, exclude, max_removed)
    from .report import FixReport

    report = FixReport(s.max_removed, quiet)
    _run(paths, s, make_job(s, no_builtin, write=True, field=field, to_field=to_field,
                            regex_timeout=regex_timeout, encoding=encoding),
         report, jobs, on_error, quiet)
    changed = report.files_changed and not exit_zero_even_if_changed
    ctx.exit(1 if report.errors or changed else 0)


@corpus_command("check")
@click.option("--diff", is_flag=True, help="Print a unified diff of what fix would change.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: `path:line: CODE name: removed text`; json: one object per edit and line.")
def check_cmd(ctx, paths, select, ignore, extra_rules, no_builtin, max_removed, include, exclude, field,
              to_field, on_error, encoding, regex_timeout, jobs, quiet, diff, fmt):
    """Report what `fix` would change, writing nothing; exit 1 if anything would.

    For a JSONL file the line number is the record's line in the file."""
    if diff and fmt == "json":
        raise click.UsageError("--diff and --format json do not go together; choose one")
    s = settings(select, ignore, extra_rules, include, exclude, max_removed)
    from .report import CheckReport

    report = CheckReport(s.max_removed, fmt, diff)
    _run(paths, s, make_job(s, no_builtin, diff=diff, field=field, to_field=to_field,
                            regex_timeout=regex_timeout, encoding=encoding),
         report, jobs, on_error, quiet)
    ctx.exit(1 if report.errors or report.files_changed else 0)


@corpus_command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats_cmd(ctx, paths, select, ignore, extra_rules, no_builtin, max_removed, include, exclude, field,
              to_field, on_error, encoding, regex_timeout, jobs, quiet, fmt):
    """Per rule: documents touched, edits, characters removed; and the documents
    held back by the over-deletion guard. Writes nothing."""
    s = settings(select, ignore, extra_rules, include, exclude, max_removed)
    job = make_job(s, no_builtin, field=field, regex_timeout=regex_timeout, encoding=encoding)
    from .report import StatsReport

    report = StatsReport(s.max_removed, load_rules_for(job), fmt)
    _run(paths, s, job, report, jobs, on_error, quiet)
    ctx.exit(1 if report.errors else 0)


@cli.command("config")
@rule_options
@guard_option
@path_options
@click.pass_context
def config_cmd(ctx, select, ignore, extra_rules, no_builtin, max_removed, include, exclude):
    """Print the effective settings and where each came from: default,
    pyproject.toml:LINE ([tool.cleaner]) or command line."""
    import json

    found = find_pyproject()
    s = settings(select, ignore, extra_rules, include, exclude, max_removed)
    click.echo(f"# {found.path if found else 'no pyproject.toml with [tool.cleaner] here or above'}")
    for key in DEFAULTS:
        value = s.values[key]
        shown = json.dumps([str(v) for v in value], ensure_ascii=False) if isinstance(value, list) else value
        click.echo(f"{key:<11} = {shown!s:<24}  # {s.origin[key]}")
    ctx.exit(0)


@cli.command("rules")
@rule_options
@click.pass_context
def rules_cmd(ctx, select, ignore, extra_rules, no_builtin):
    """List the rules: code, name, kind and the file:line that defines each."""
    rules = load_rules_for(make_job(settings(select, ignore, extra_rules), no_builtin))
    width = max((len(r.name) for r in rules), default=0)
    for r in rules:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.kind:<9}  {r.where}")
    ctx.exit(0)
