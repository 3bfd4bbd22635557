"""Spreading documents over worker processes, in order, with flat memory.

A :class:`Job` says how to load the rules and how to treat each document;
every worker process loads the rules once (the pool initializer) and keeps
them in this module's state, where the per-document functions in
:mod:`cleaner.fixer` and :mod:`cleaner.jsonl` find them. With one job (or a
single item) nothing is spawned: the same functions run in this process, so
``-j 1`` and ``-j N`` give the same results in the same order.

Results come back in input order through a bounded window of pending tasks.
``Pool.imap`` is not used for that because its feeder thread reads the whole
input iterator ahead of the workers, so memory would grow with the input.

>>> from cleaner.parallel import Workers
>>> with Workers(1, Job()) as w:
...     list(w.map(len, ["ab", "c"]))
[2, 1]
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import signal
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .engine import DEFAULT_MAX_REMOVED, DEFAULT_REGEX_TIMEOUT
from .rules import Rule, load_rules


@dataclasses.dataclass(frozen=True)
class Job:
    """Everything a worker needs; small and picklable (rules are loaded, not sent)."""

    extra: tuple[Path, ...] = ()
    builtin: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_removed: float = DEFAULT_MAX_REMOVED
    write: bool = False  # fix: write changed files
    diff: bool = False  # check --diff: return the texts a diff needs
    field: str = "text"  # JSONL: the field that holds the document
    annotate: bool = False  # JSONL: add an "edits" list to each record
    regex_timeout: float = DEFAULT_REGEX_TIMEOUT  # seconds of matching per rule, per MB
    to_field: str = ""  # JSONL: write the clean text here, leaving FIELD as it was
    html: bool | None = None  # JSONL: the field holds a page (None: when it looks like one)
    meta: bool = False  # JSONL: add a "meta" object (source, tags, date, byline)
    encoding: str = "utf-8"  # text files: a codec name, or "auto" (cleaner.files.decode)

    def load(self) -> list[Rule]:
        return load_rules(self.extra, builtin=self.builtin, select=self.select, ignore=self.ignore)


_state: dict[str, Any] = {}


def setup(job: Job, rules: list[Rule] | None = None) -> None:
    """Make *job* and its rules current in this process (the pool initializer)."""
    _state["job"] = job
    _state["rules"] = job.load() if rules is None else rules


def _worker(job: Job) -> None:
    # Ctrl-C is the parent's to handle (it stops the pool); workers would only add tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    setup(job)


def current() -> tuple[Job, list[Rule]]:
    return _state["job"], _state["rules"]


def default_jobs() -> int:
    return os.cpu_count() or 1


class Workers:
    """``map(fn, items)`` in order over up to *jobs* processes; the pool starts lazily."""

    def __init__(self, jobs: int, job: Job, rules: list[Rule] | None = None, window: int = 0):
        self.jobs = max(1, jobs)
        self.job = job
        self.window = window or 4 * self.jobs
        self._pool = None
        setup(job, rules)  # in-process runs (and -j 1) use the same state

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        it = iter(items)
        head = list(itertools.islice(it, 2))
        if self.jobs == 1 or len(head) < 2:  # nothing to share: don't pay for processes
            yield from map(fn, head)
            yield from map(fn, it)
            return
        pool = self._start()
        pending: deque = deque()
        for item in itertools.chain(head, it):
            pending.append(pool.apply_async(fn, (item,)))
            if len(pending) >= self.window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def _start(self):
        if self._pool is None:
            import multiprocessing

            self._pool = multiprocessing.Pool(self.jobs, initializer=_worker, initargs=(self.job,))
        return self._pool

    def close(self, ok: bool = True) -> None:
        if self._pool is not None:
            if ok:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, exc_type, *_: Any) -> None:
        self.close(ok=exc_type is None)
