"""Spreading documents over worker processes, in order, with flat memory.

A :class:`Job` says how to load the rules and how to treat each document;
every worker process loads the rules once (or inherits them, forked from this
one) and keeps them in this module's state, where the per-document functions in
:mod:`cleaner.fixer` and :mod:`cleaner.jsonl` find them. With one job (or a
single item) nothing is spawned: the same functions run in this process, so
``-j 1`` and ``-j N`` give the same results in the same order.

Results come back in input order through a bounded window of tasks: the input is
read only as far as the window reaches, so memory stays flat however long it is.
Each worker has a pipe of its own for tasks and one for results, and is given at
most two tasks at a time (one to work on, the next one waiting), to whichever has
fewer. This process does little per task, so that it keeps out of the workers'
way: a thread per worker writes the tasks into its pipe (a blocking write of a
large task cannot hold up the results), and the results are read here. No
``multiprocessing.Pool``: its worker-handler thread wakes each time a result
arrives in its queue and polls until another thread has read it, which costs this
process more CPU than the reading, and ``imap`` would read the whole input ahead.

A worker that dies (killed, out of memory) makes :meth:`Workers.map` raise
:class:`WorkerDied` rather than wait for its results; a worker whose parent dies
reads the end of its task pipe and exits.

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
from .files import WorkerDied
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
    """Make *job* and its rules current in this process (a worker's first step)."""
    _state["job"] = job
    _state["rules"] = job.load() if rules is None else rules


def current() -> tuple[Job, list[Rule]]:
    return _state["job"], _state["rules"]


def default_jobs() -> int:
    return os.cpu_count() or 1



class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker (the ``__cause__`` of the one re-raised here)."""

    def __str__(self) -> str:
        return self.args[0]


DEPTH = 2  # tasks given to a worker at a time: the one it works on and the next


class _Worker:
    """One worker process, its task pipe (the write end, fed by a thread) and its result pipe."""

    def __init__(self, ctx, job: Job, close_in_child: list):
        tasks_r, self.tasks = ctx.Pipe(duplex=False)
        self.results, results_w = ctx.Pipe(duplex=False)
        forked = ctx.get_start_method() == "fork"  # a forked child has all our pipe ends: it closes ours
        mine = [self.tasks, self.results]
        self.proc = ctx.Process(target=_serve, args=(job, tasks_r, results_w, close_in_child + mine if forked else []),
                                daemon=True, name="cleaner-worker")
        self.proc.start()
        tasks_r.close()  # the child has them: EOF and EPIPE now follow the child's life
        results_w.close()
        close_in_child += mine  # workers forked later must not keep this one's pipes open either
        self.queue: deque[int] = deque()  # the indexes of the tasks it has, in the order given
        self.feed = None
        self.feeder = None

    def start_feeder(self) -> None:
        import queue
        import threading

        self.feed = queue.SimpleQueue()
        self.feeder = threading.Thread(target=_feed, args=(self.tasks, self.feed), daemon=True,
                                       name="cleaner-feed")
        self.feeder.start()

    def died(self) -> WorkerDied:
        self.proc.join(1)
        code = self.proc.exitcode
        how = ("is still running" if code is None else f"was killed by signal {-code}" if code < 0
               else f"exited with code {code}")
        return WorkerDied(f"a worker process (pid {self.proc.pid}) {how} before returning its results; "
                          f"the run is incomplete")


def _feed(conn, feed) -> None:
    """Write each task of *feed* to *conn* (a thread: the write blocks while the worker is busy)."""
    while True:
        data = feed.get()
        if data is None:
            return
        try:
            conn.send_bytes(data)
        except OSError:  # the worker is gone; the main thread finds out from its result pipe
            return


def _serve(job: Job, tasks, results, close: list) -> None:
    """A worker process: run the tasks of *tasks* in order, each result to *results*."""
    import pickle
    import traceback

    # Ctrl-C is the parent's to handle (it stops the workers); workers would only add tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for conn in close:
        conn.close()
    if _state.get("job") != job:  # forked: the parent's rules are already here
        setup(job)
    while True:
        try:
            data = tasks.recv_bytes()
        except (EOFError, OSError):  # the parent closed the pipe, or is gone
            return
        try:
            fn, item = pickle.loads(data)
            reply = pickle.dumps((True, fn(item)), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            tb = traceback.format_exc()
            try:
                reply = pickle.dumps((False, (exc, tb)), pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that does not pickle
                reply = pickle.dumps((False, (RuntimeError(repr(exc)), tb)), pickle.HIGHEST_PROTOCOL)
        del data
        try:
            results.send_bytes(reply)
        except OSError:  # the parent is gone
            return


class Workers:
    """``map(fn, items)`` in order over up to *jobs* processes; the processes start lazily.

    *fn* and the items must pickle (*fn* by reference: a module-level function)."""

    def __init__(self, jobs: int, job: Job, rules: list[Rule] | None = None, window: int = 0):
        self.jobs = max(1, jobs)
        self.job = job
        self.window = window or 4 * self.jobs
        self._workers: list[_Worker] = []
        setup(job, rules)  # in-process runs (and -j 1) use the same state

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        it = iter(items)
        head = list(itertools.islice(it, 2))
        if self.jobs == 1 or len(head) < 2:  # nothing to share: don't pay for processes
            yield from map(fn, head)
            yield from map(fn, it)
            return
        import pickle

        workers = self._start()
        it = itertools.chain(head, it)
        done: dict[int, tuple[bool, Any]] = {}
        sent = taken = 0
        more = True
        try:
            while True:
                while more and sent - taken < self.window:
                    w = min(workers, key=lambda w: len(w.queue))
                    if len(w.queue) >= DEPTH:
                        break
                    item = next(it, _END)
                    if item is _END:
                        more = False
                        break
                    w.feed.put(pickle.dumps((fn, item), pickle.HIGHEST_PROTOCOL))
                    w.queue.append(sent)
                    sent += 1
                if taken in done:
                    ok, value = done.pop(taken)
                    taken += 1
                    if not ok:
                        exc, tb = value
                        raise exc from RemoteTraceback(tb)
                    yield value
                elif taken == sent:
                    return
                else:
                    self._receive(done)
        finally:
            if taken != sent and self._workers is workers:  # stopped early (an error, or the
                self.close(ok=False)  # caller let go) with tasks in flight: nobody wants them now

    def _receive(self, done: dict[int, tuple[bool, Any]]) -> None:
        """Wait for results (or a worker's end); put them in *done* by task index."""
        import pickle
        from multiprocessing.connection import wait

        by_conn = {w.results: w for w in self._workers}
        for conn in wait(list(by_conn)):  # a worker that died is ready too: its pipe is at its end
            w = by_conn[conn]
            try:
                data = conn.recv_bytes()
            except (EOFError, OSError):
                raise w.died() from None
            if not w.queue:
                raise WorkerDied(f"a worker process (pid {w.proc.pid}) sent a result nobody asked for")
            done[w.queue.popleft()] = pickle.loads(data)

    def _start(self) -> list[_Worker]:
        if not self._workers:
            import multiprocessing

            ctx = multiprocessing.get_context()
            close_in_child: list = []
            for _ in range(self.jobs):
                self._workers.append(_Worker(ctx, self.job, close_in_child))
            for w in self._workers:  # threads only once every process is forked
                w.start_feeder()
        return self._workers

    def close(self, ok: bool = True) -> None:
        """Stop the workers: when *ok*, as soon as they are idle; else at once (SIGTERM).

        Tasks still in flight (a ``map`` left unfinished) are nobody's: their workers are
        stopped at once in any case."""
        workers, self._workers = self._workers, []
        for w in workers:
            if not ok or w.queue:
                w.proc.terminate()
            if w.feed is not None:
                w.feed.put(None)
        for w in workers:
            if w.feeder is not None:
                w.feeder.join()
            w.tasks.close()  # the end of the task pipe: an idle worker exits
        for w in workers:
            w.proc.join()
            w.results.close()

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, exc_type, *_: Any) -> None:
        self.close(ok=exc_type is None)


_END = object()
