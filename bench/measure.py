"""Measuring commands and loops: wall and CPU time, peak RSS, and the peak PSS of a process tree."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds, the process and the children it waited for
    maxrss: float  # MB: the largest process's peak resident set
    pss: float | None = None  # MB: peak of the summed PSS of the process tree (sampled)


# A small process between this one and the command: the kernel's peak RSS of a process
# includes what it had before exec, and a child forked from this (large) process would
# inherit this process's; forked from the launcher it inherits a few MB, less than any
# command measured here. The launcher also times the command and reports its rusage.
LAUNCH = """
import json, os, subprocess, sys, time
start = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
_, status, ru = os.wait4(p.pid, 0)
with open(sys.argv[1], "w") as f:
    json.dump([time.perf_counter() - start, os.waitstatus_to_exitcode(status),
               ru.ru_utime + ru.ru_stime, ru.ru_maxrss], f)
"""


def run(argv: list[str], stdin: Path | None = None, stdout: Path | None = None, sample: bool = False,
        ok: tuple[int, ...] = (0,)) -> Run:
    """Run *argv* to completion: wall time, CPU and peak RSS (children included, from
    ``wait4``), and with *sample* the peak PSS of its process tree."""
    with open(stdin or os.devnull, "rb") as fin, open(stdout or os.devnull, "wb") as fout, \
            tempfile.TemporaryFile() as ferr, tempfile.NamedTemporaryFile("r") as report:
        p = subprocess.Popen([sys.executable, "-c", LAUNCH, report.name, *argv], stdin=fin, stdout=fout,
                             stderr=ferr)
        sampler = Sampler(p.pid) if sample else None
        p.wait()
        if sampler:
            sampler.done.set()
            sampler.join()
        wall, code, cpu, maxrss = json.load(report)
        if p.returncode or code not in ok:
            ferr.seek(0)
            sys.exit(f"bench: {' '.join(argv)} exited {code}:\n{ferr.read().decode()[-2000:]}")
    return Run(wall, cpu, maxrss / 1024, sampler.peak / 1024 if sampler and sampler.peak else None)


class Sampler(threading.Thread):
    """The peak over time of the summed PSS (kB) of the descendants of *pid* (the launcher)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()
        self.start()

    def run(self) -> None:
        # every 20 ms for the first half second, so that a short run (the bench's --quick
        # one: a few tenths of a second) is sampled too; then five times a second
        samples = 0
        while not self.done.wait(0.02 if samples < 25 else 0.2):
            self.peak = max(self.peak, sum(map(_pss, _tree(self.pid)[1:])))
            samples += 1


def _tree(root: int) -> list[int]:
    """*root* and its descendants (from each thread's ``children`` list: no /proc scan)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                todo.extend(map(int, Path(f"/proc/{pid}/task/{tid}/children").read_text().split()))
        except OSError:
            pass
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def loop(pairs: list[tuple[Path, Path]], parse: bool = False) -> tuple[float, float]:
    """(wall, CPU) seconds to copy each file line by line (or record by record, *parse*)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for src, dst in pairs:
        with open(src, encoding="utf-8", newline="") as fin, open(dst, "w", encoding="utf-8", newline="") as fout:
            if parse:
                for line in fin:
                    fout.write(json.dumps(json.loads(line), ensure_ascii=False) + "\n")
            else:
                for line in fin:
                    fout.write(line)
    return time.perf_counter() - wall, time.process_time() - cpu


def median_loop(pairs, repeats: int, parse: bool = False) -> tuple[float, float]:
    runs = [loop(pairs, parse) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def median_run(runs: list[Run]) -> Run:
    pss = [r.pss for r in runs if r.pss]
    return Run(*(statistics.median(getattr(r, k) for r in runs) for k in ("wall", "cpu", "maxrss")),
               statistics.median(pss) if pss else None)


def compile_package(folder: Path, dry_run: bool = False) -> list[Path]:
    """Write the missing or stale bytecode of the modules under *folder*, as pip does when
    it installs a package (or, with *dry_run*, only say which): the .pyc files written."""
    import importlib.util
    import py_compile

    written = []
    for source in sorted(folder.rglob("*.py")):
        pyc = Path(importlib.util.cache_from_source(str(source)))
        if _fresh(source, pyc):
            continue
        if not dry_run:
            py_compile.compile(str(source), str(pyc), doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP)
        written.append(pyc)
    return written


def _fresh(source: Path, pyc: Path) -> bool:
    """Does *pyc* hold the bytecode of *source* as it is (the import system's timestamp check)?"""
    import importlib.util

    try:
        head, st = pyc.read_bytes()[:16], source.stat()
    except OSError:
        return False
    if head[:4] != importlib.util.MAGIC_NUMBER:
        return False
    if int.from_bytes(head[4:8], "little") & 1:  # hash-based (SOURCE_DATE_EPOCH): the import system checks it
        return True
    return (int.from_bytes(head[8:12], "little") == int(st.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(head[12:16], "little") == st.st_size & 0xFFFFFFFF)

