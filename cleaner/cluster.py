"""Cleaning JSONL corpora on a Dask cluster (the optional extra ``cleaner[dask]``).

* :func:`clean_files` (and ``cleaner dask SCHEDULER PATH... -o OUT``) cleans
  JSONL files into an output folder, one output file per input file. It runs
  the very code of ``cleaner clean --jsonl`` (:func:`cleaner.workflow.stream_records`)
  with the blocks of records sent to the cluster's workers instead of local
  processes, so the output is byte for byte what ``cleaner clean --jsonl`` prints
  and the messages are the same. This process reads the input and writes the
  output (a bounded window of chunks is in flight, so memory stays flat); the
  workers only clean, so they need no access to the files.
* :func:`clean_bag` maps over a ``dask.bag`` of records: raw JSON lines (``str``
  or ``bytes``; a record whose text does not change comes back unchanged) or
  dicts.
* :func:`clean_partitions` cleans a string column of a dask dataframe, one
  pandas partition at a time.

Tasks carry a small :class:`~cleaner.parallel.Job`; each worker process loads
the rules for a job once and keeps them. ``cleaner`` must be installed on every
worker (its built-in rules travel with it); extra rule packs (``rules=``,
``--rules``) are read on the workers, at the same path. Dask is imported only
when one of these functions runs, so ``cleaner`` starts as fast without it.
"""

from __future__ import annotations

import dataclasses
import glob
import json
import os
import tempfile
import threading
import zlib
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .engine import DEFAULT_MAX_REMOVED, DEFAULT_REGEX_TIMEOUT, clean
from .files import InputError, iter_files
from .jsonl import SAME, gzip_writer, is_gzip, is_jsonl, open_read, process_record
from .parallel import Job, setup
from .progress import Bar
from .report import Report
from .rules import Rule, split_codes
from .workflow import ON_ERROR, stream_records

INSTALL_HINT = "pip install 'cleaner[dask]'"

_lock = threading.Lock()
_loaded: dict[Job, list[Rule]] = {}  # per worker process: rules load once per job


def make_job(*, rules: Iterable[str | Path] = (), builtin: bool = True, select: Iterable[str] = (),
             ignore: Iterable[str] = (), max_removed: float = DEFAULT_MAX_REMOVED,
             regex_timeout: float = DEFAULT_REGEX_TIMEOUT, field: str = "text", to_field: str = "",
             annotate: bool = False, meta: bool = False, html: bool | None = None) -> Job:
    """The Job for these options (named as the command line's; *rules* adds rule packs;
    *select* and *ignore* take a list of code prefixes or a string ``"RA,SC"``)."""
    def codes(v: Iterable[str]) -> tuple[str, ...]:
        return tuple(split_codes([v] if isinstance(v, str) else v))

    return Job(tuple(Path(os.path.abspath(p)) for p in ([rules] if isinstance(rules, (str, Path)) else rules)),
               builtin, codes(select), codes(ignore), max_removed, field=field, annotate=annotate,
               regex_timeout=regex_timeout, to_field=to_field, html=html, meta=meta)


def _rules(job: Job) -> list[Rule]:
    rules = _loaded.get(job)
    if rules is None:
        rules = _loaded[job] = job.load()
    return rules


def _on_worker(job: Job, fn: Callable[[Any], Any], item: Any) -> Any:
    # The per-record functions find the job and its rules in cleaner.parallel's process
    # state; the lock keeps two worker threads running different jobs apart (threads do
    # not clean faster anyway: run workers with one thread each and several processes).
    with _lock:
        setup(job, _rules(job))
        return fn(item)


class ClusterWorkers:
    """:class:`cleaner.parallel.Workers`' ``job`` and ordered ``map``, over a Dask client.

    At most *window* tasks are in flight (default: twice the cluster's threads)."""

    def __init__(self, client, job: Job, window: int = 0):
        self.client, self.job = client, job
        self.window = window or max(4, 2 * sum(client.nthreads().values()))

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        pending: deque = deque()
        try:
            for item in items:
                pending.append(self.client.submit(_on_worker, self.job, fn, item, pure=False))
                if len(pending) >= self.window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:  # stopped early (--on-error fail, an error): drop the rest
                future.cancel()


def connect(scheduler):
    """A ``distributed.Client`` for *scheduler*: an address (``tcp://host:8786``), a
    cluster object, or a client (returned as it is)."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(f"Dask is not installed; {INSTALL_HINT}") from None
    if isinstance(scheduler, Client):
        return scheduler
    try:
        return Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; "
                         f"check the address (dask scheduler prints it)") from None


def find_inputs(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """``(input, output path relative to the output folder)`` for each JSONL file named,
    matched by a glob pattern, or found under a folder (``*.jsonl``, ``*.jsonl.gz``).
    Outputs keep the inputs' paths below their common folder."""
    found: list[Path] = []
    for p in map(str, paths):
        matches = sorted(glob.glob(p, recursive=True)) if glob.has_magic(p) else [p]
        if not matches:
            raise InputError(f"{p}: no file matches")
        for m in matches:
            if os.path.isdir(m):
                found.extend(iter_files([m], include=("*.jsonl", "*.jsonl.gz")))
            elif not os.path.exists(m):
                raise InputError(f"{m}: no such file")
            elif is_jsonl(m):
                found.append(Path(m))
            else:
                raise InputError(f"{m}: not a .jsonl or .jsonl.gz file")
    found = list(dict.fromkeys(Path(os.path.abspath(f)) for f in found))
    if not found:
        raise InputError("no .jsonl or .jsonl.gz files found")
    base = Path(os.path.commonpath([f.parent for f in found]))
    return [(f, f.relative_to(base)) for f in found]


def clean_files(paths: Iterable[str | Path], out_dir: str | Path, scheduler, *, on_error: str = "keep",
                job: Job | None = None, report: Report | None = None, window: int = 0, **options) -> Report:
    """Clean the JSONL files *paths* (files, folders, glob patterns) on the cluster at
    *scheduler* into *out_dir*, as ``cleaner clean --jsonl`` would print each one.

    *options* are :func:`make_job`'s (or give the *job*). Each output is written to a
    temporary file and moved into place when complete. Returns the report
    (``report.errors`` counts problems; messages went to stderr)."""
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {ON_ERROR}")
    job = job or make_job(**options)
    # workers may run in another folder (or on another machine with the same layout)
    job = dataclasses.replace(job, extra=tuple(Path(os.path.abspath(p)) for p in job.extra))
    pairs = find_inputs(paths)
    out_dir = Path(out_dir)
    for src, rel in pairs:
        if Path(os.path.abspath(out_dir / rel)) == src:
            raise InputError(f"{src}: the output would overwrite the input; choose another output folder")
    report = report or Report(job.max_removed)
    client = connect(scheduler)
    try:
        workers = ClusterWorkers(client, job, window)
        for src, rel in pairs:
            _clean_file(str(src), out_dir / rel, workers, report, on_error)
    finally:
        if client is not scheduler:
            client.close()
    return report


def _clean_file(name: str, target: Path, workers: ClusterWorkers, report: Report, on_error: str) -> None:
    """Stream *name* into *target* through the cluster; a temporary file until complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            src, raw = open_read(name)
            with src, raw:
                out = gzip_writer(file) if is_gzip(name) else file
                try:
                    stream_records(name, src, out, workers, report, on_error, Bar(False, "rec"))
                finally:
                    if out is not file:
                        out.close()  # the gzip trailer
        os.chmod(tmp, 0o666 & ~_umask())  # as a new file gets (mkstemp's are private)
        os.replace(tmp, target)
    except (OSError, EOFError, zlib.error) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        report.error(f"{name}: cannot read or write: {why}; no output written for it")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


# -- bags and dataframes ------------------------------------------------------------------

def clean_records(items: Iterable[Any], job: Job, on_error: str = "keep") -> list[Any]:
    """One bag partition: each JSON line (``str`` or ``bytes``) or dict, cleaned.

    A line whose text does not change comes back as it was; a malformed one is kept,
    left out or raises ``ValueError`` (*on_error* ``keep``, ``skip``, ``fail``)."""
    out = []
    with _lock:
        setup(job, _rules(job))
        for n, item in enumerate(items, 1):
            if isinstance(item, dict):
                line = json.dumps(item, ensure_ascii=False).encode("utf-8")
            else:
                line = item.encode("utf-8") if isinstance(item, str) else item
            res = process_record("<bag>", n, line)
            if res is None or res == SAME or (not res[1].error and res[0] is None):
                out.append(item)
            elif res[1].error:
                if on_error == "fail":
                    raise ValueError(res[1].error)
                if on_error == "keep":
                    out.append(item)
            elif isinstance(item, dict):
                out.append(json.loads(res[0]))
            else:
                out.append(res[0].decode("utf-8") if isinstance(item, str) else res[0])
    return out


def clean_bag(bag, *, on_error: str = "keep", **options):
    """A bag with each record of *bag* cleaned (:func:`clean_records`); *options* are
    :func:`make_job`'s (``field="text"``, ``select=("RA",)``, ...)."""
    return bag.map_partitions(clean_records, make_job(**options), on_error)


def clean_frame(frame, column: str, job: Job, to_column: str = ""):
    """One pandas partition: a copy of *frame* with the strings of *column* cleaned
    (into *to_column* when given); other values are left as they are."""
    with _lock:
        rules = _rules(job)
    def one(text):
        if not isinstance(text, str):
            return text
        return clean(text, rules, max_removed=job.max_removed, regex_timeout=job.regex_timeout).text
    frame = frame.copy()
    frame[to_column or column] = frame[column].map(one)
    return frame


def clean_partitions(df, column: str = "text", *, to_column: str = "", **options):
    """A dask dataframe with the text in *column* cleaned partition by partition
    (into *to_column*, added, when given); *options* are :func:`make_job`'s."""
    meta = df._meta if not to_column or to_column in df.columns else \
        df._meta.assign(**{to_column: df._meta[column]})
    return df.map_partitions(clean_frame, column, make_job(**options), to_column, meta=meta)


# -- the command line -----------------------------------------------------------------------

import click  # noqa: E402

from .cli import cli, guard_option, jsonl_options, load_rules_for, rule_options, settings, timeout_option  # noqa: E402
from .cli import make_job as job_from_settings  # noqa: E402


@cli.command("dask", short_help="Clean JSONL files on a Dask cluster into an output folder.")
@click.argument("scheduler")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: each input's cleaned copy, at its path below the inputs' common folder.")
@rule_options
@guard_option
@jsonl_options
@click.option("--annotate", is_flag=True, help="Add an 'edits' list (code, start, end) to each record.")
@click.option("--meta", is_flag=True, help="Add a 'meta' object (source, tags, date, byline), as clean --meta.")
@click.option("--html/--no-html", default=None,
              help="Read FIELD as an HTML page, or as text. Default: when it starts with <!doctype html> or <html>.")
@timeout_option
@click.pass_context
def dask_cmd(ctx, scheduler, paths, out_dir, select, ignore, extra_rules, no_builtin, max_removed, field,
             to_field, on_error, annotate, meta, html, regex_timeout):
    """Clean JSONL files on the Dask cluster whose scheduler is at SCHEDULER
    (tcp://host:8786) and write them to the output folder.

    PATHS are .jsonl / .jsonl.gz files, folders (searched for them) or quoted glob
    patterns ('in/*.jsonl'). Each output file holds exactly what `cleaner clean --jsonl`
    prints for its input (a .gz input gives a .gz output). This process reads and
    writes the files; the workers, which need `cleaner` installed, only clean.
    Exit codes as `clean`."""
    s = settings(select, ignore, extra_rules, max_removed=max_removed)
    job = job_from_settings(s, no_builtin, field=field, to_field=to_field, annotate=annotate, meta=meta,
                            html=html, regex_timeout=regex_timeout)
    load_rules_for(job)  # a rule-file error stops here (exit 2), before the cluster is asked
    report = clean_files(paths, out_dir, scheduler, on_error=on_error, job=job)
    ctx.exit(1 if report.errors else 0)


__all__ = ["ClusterWorkers", "clean_bag", "clean_files", "clean_frame", "clean_partitions",
           "clean_records", "connect", "find_inputs", "make_job"]
