"""Running a command over files, folders and JSONL corpora, in order.

Text files are the work of the worker processes, a few to a task (each worker
reads, cleans and, for ``fix``, writes its files). A JSONL file is streamed here,
its records spread over the workers in blocks of lines. Whatever ``-j`` is, the report sees
the documents in input order, so the output is the same bytes.

A file that is binary, or that disappears between the listing and its turn, is
skipped with a warning when a folder walk found it, and is an error (exit 1)
when it was named on the command line. ``fix`` first removes the temporary
files that an interrupted run left in the folders it walks and next to the
files it is given (:func:`cleaner.fixer.remove_stale_temps`).
"""

from __future__ import annotations

import itertools
import os
import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .files import InputError, Skipped, iter_files
from .fixer import GONE, AtomicFile, process_files, remove_stale_temps, stale_temps_of
from .jsonl import chunks, gzip_writer, is_gzip, is_jsonl, open_read
from .parallel import Workers
from .progress import Bar
from .report import Report

from .files import ON_ERROR, Stop  # noqa: E402  (re-exported: they live where the CLI can load them cheaply)


def run_paths(paths: Iterable[str | Path], workers: Workers, report: Report, *, include=(), exclude=(),
              on_error: str = "keep", bars: bool = False) -> None:
    """Clean every file under *paths*; write changed ones when ``workers.job.write``."""
    paths, temps = list(paths), []
    files = [str(p) for p in iter_files(paths, include, exclude, temps)]
    named = {str(Path(p)) for p in paths if not Path(p).is_dir()}
    if workers.job.write:
        temps += stale_temps_of(map(Path, sorted(named)))
        for temp in remove_stale_temps(dict.fromkeys(temps)):
            report.warn(f"{temp}: removed a temporary file that an interrupted run left behind")
    with Bar(bars and len(files) > 1, "file", total=len(files)) as bar:
        for jsonl, group in itertools.groupby(files, key=is_jsonl):
            if jsonl:
                for name in group:
                    run_jsonl_file(name, workers, report, on_error=on_error, bars=bars, named=name in named)
                    bar.update()
                continue
            names = list(group)
            for doc in itertools.chain.from_iterable(workers.map(process_files, batches(names, workers.jobs))):
                if doc.skip:
                    skip(report, doc.name, doc.skip, doc.name in named)
                elif doc.error:
                    report.error(doc.error)
                elif doc.skipped:
                    report.warn(doc.skipped)
                else:
                    if doc.note:
                        report.info(doc.note)
                    report.document(doc)
                report.file_end(doc.name, doc.changed and not doc.error and not doc.skip, False)
                bar.update()
    report.finish()


BATCH = 16  # text files per worker task at most


def batches(names: list[str], jobs: int) -> Iterator[list[str]]:
    """*names* in groups of up to :data:`BATCH`: a task per file would cost the process
    that hands them out and reports more than many small files take to clean; smaller
    groups when there are few files, so that every worker still gets its share."""
    size = max(1, min(BATCH, len(names) // (4 * jobs)))
    return (names[i:i + size] for i in range(0, len(names), size))


def skip(report: Report, name: str, why: str, named: bool) -> None:
    """A file that is not there to clean (binary, gone): an error only if it was named."""
    if named:
        report.error(f"{name}: {why}; not cleaned")
    else:
        report.warn(f"{name}: {why}, skipped")


def run_jsonl_file(name: str, workers: Workers, report: Report, *, on_error: str, bars: bool,
                   named: bool = True) -> None:
    """Check or fix one ``.jsonl`` / ``.jsonl.gz`` file, streaming its records."""
    changed = False
    try:
        try:
            src, raw = open_read(name)
        except FileNotFoundError:
            raise Skipped(name, GONE) from None
        with src, raw, Bar(bars, "rec", desc=Path(name).name, size=os.fstat(raw.fileno()).st_size) as bar:
            target = _writer(name) if workers.job.write else None
            if not isinstance(target, AtomicFile):
                changed = stream_records(name, src, None, workers, report, on_error, bar, raw.tell)
                if changed and target is not None:  # it would change, but cannot be written
                    if isinstance(target, Skipped):
                        raise target
                    report.error(str(target))
                    changed = False
            else:
                with target:
                    out = gzip_writer(target.file) if is_gzip(name) else target.file
                    try:
                        changed = stream_records(name, src, out, workers, report, on_error, bar, raw.tell)
                    finally:
                        if out is not target.file:
                            out.close()  # the gzip trailer; the temporary file stays open for commit
                    if changed:
                        target.commit()
    except Skipped as exc:
        skip(report, name, exc.why, named)
        changed = False
    except InputError as exc:
        report.error(str(exc))
    except (OSError, EOFError, zlib.error) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        report.error(f"{name}: cannot read or write: {why}; left as it was")
        changed = False
    report.file_end(name, changed, True)


def _writer(name: str) -> AtomicFile | InputError:
    """The replacement file, or why there cannot be one (only an error if a record changes)."""
    try:
        return AtomicFile(Path(name))
    except InputError as exc:
        return exc


def stream_records(name: str, src: Iterable[bytes], out: BinaryIO | None, workers: Workers,
                   report: Report, on_error: str, bar: Bar, tell: Callable[[], int] | None = None) -> bool:
    """Clean the records of *src* in order, writing to *out*; True when a byte changed.
    *tell* gives the bytes of the file read so far (for the bar's estimate).

    A block of records comes back from the workers as one piece: what to write, a count
    of the records that only count, and the few that need a word (the malformed ones, and
    those the report must see: every changed one for fix, check and stats; for clean only
    those held back or timed out). So this loop does a few steps per block, not per record."""
    changed = False
    details = type(report).document is not Report.document  # the report looks at every record
    for block, count, done, (new, block_changed, plain, notes) in chunks(
            name, src, workers, tell, details=details, output=out is not None):
        body = block if new is None else new
        changed |= block_changed
        report.untouched(plain)
        at = 0  # what of body is written (or left out) so far
        for n, start, end, doc in notes:
            if not doc.error:
                report.document(doc)
                continue
            if on_error == "fail":
                if out is not None:
                    out.write(memoryview(body)[at:start])  # the records before it, as -j 1 would
                report.error(f"{doc.error}; stopped (--on-error fail)"
                             + (f", {name} left as it was" if workers.job.write else ""))
                raise Stop(doc.error)
            if on_error == "skip":
                report.warn(f"{doc.error}; record left out (--on-error skip)", left_out=True)
                if out is not None:
                    out.write(memoryview(body)[at:start])
                at = end
                changed = True
            else:
                report.warn(f"{doc.error}; passed through unchanged (--on-error keep)")
        if out is not None:
            out.write(memoryview(body)[at:] if at else body)
        if count:
            bar.update(count, done)
    return changed
