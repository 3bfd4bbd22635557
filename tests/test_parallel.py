"""-j N gives the same bytes in the same order as -j 1: files, reports and JSONL records."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from cleaner.parallel import Job, Workers

from conftest import SEEDS


def _pid(_item: object) -> int:
    return os.getpid()


def test_workers_use_other_processes_and_keep_the_order():
    with Workers(2, Job(), window=3) as workers:
        pids = list(workers.map(_pid, range(40)))
        squares = list(workers.map(abs, range(-50, 0)))
    assert os.getpid() not in pids and len(pids) == 40
    assert squares == list(range(50, 0, -1))


def test_one_job_or_one_item_runs_here():
    with Workers(1, Job()) as workers:
        assert set(workers.map(_pid, range(5))) == {os.getpid()}
    with Workers(4, Job()) as workers:
        assert list(workers.map(_pid, [0])) == [os.getpid()]
        assert workers._workers == []  # no process was started


def make_corpus(folder) -> None:
    """Seed-like files (LF, CRLF, BOM, clean, non-UTF-8) and a JSONL file with a malformed line."""
    texts = [s.read_text(encoding="utf-8") for s in SEEDS]
    sub = folder / "site"
    sub.mkdir(parents=True)
    for n in range(30):
        text = texts[n % 5]
        data = text.replace("\n", "\r\n") if n % 3 == 1 else text
        data = ("\ufeff" + data) if n % 7 == 2 else data
        (sub if n % 2 else folder).joinpath(f"{n:03}.txt").write_bytes(data.encode("utf-8"))
    (folder / "bad.txt").write_bytes(b"\xff\xfe not utf-8\n")
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as f:
        for n in range(150):
            f.write(json.dumps({"id": n, "text": texts[n % 5]}, ensure_ascii=n % 2 == 0) + "\n")
            if n == 77:
                f.write('{"id": "broken"\n')


def run(exe: str, cwd, *args: str) -> tuple[int, bytes, bytes]:
    p = subprocess.run([exe, *args], cwd=cwd, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def snapshot(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("par")
    make_corpus(base / "one")
    shutil.copytree(base / "one", base / "two")
    return base / "one", base / "two"


@pytest.mark.parametrize("args", [
    ("check", "--format", "json", "."),
    ("check", "--diff", "."),
    ("stats", "--format", "json", "."),
    ("clean", "--annotate", "corpus.jsonl"),
])
def test_reports_are_identical_with_one_or_two_jobs(cleaner_exe, corpora, args):
    one, two = corpora
    r1, r2 = run(cleaner_exe, one, *args, "-j", "1"), run(cleaner_exe, two, *args, "-j", "2")
    assert r1 == r2
    assert len(r1[1]) > 1000  # a real report, not two empty ones
    assert b"corpus.jsonl:79: not valid JSON" in r1[2]


def test_fix_is_identical_with_one_or_two_jobs(cleaner_exe, corpora, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(corpora[0], one)
    shutil.copytree(corpora[1], two)
    r1, r2 = run(cleaner_exe, one, "fix", "-j", "1", "."), run(cleaner_exe, two, "fix", "-j", "2", ".")
    assert r1 == r2 and r1[0] == 1
    assert b"bad.txt: not valid UTF-8" in r1[2] and b"corpus.jsonl: " in r1[2]
    assert snapshot(one) == snapshot(two) != snapshot(corpora[0])
    assert run(cleaner_exe, two, "check", "-j", "2", ".")[:2] == (1, b"")  # only bad.txt is left: exit 1


def test_text_files_go_to_workers_a_few_at_a_time_in_order():
    from cleaner.workflow import BATCH, batches

    names = [f"{n}.txt" for n in range(1000)]
    groups = list(batches(names, 2))
    assert sum(groups, []) == names and max(map(len, groups)) == BATCH
    few = list(batches(names[:20], 2))  # few files: small groups, so that both workers get some
    assert sum(few, []) == names[:20] and len(few) >= 8
    assert list(batches(names[:3], 2)) == [["0.txt"], ["1.txt"], ["2.txt"]]


def _fail_on_3(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def _die_on_3(n: int) -> int:
    if n == 3:
        os._exit(7)
    return n


def test_an_error_in_a_worker_is_raised_here_in_its_turn():
    with Workers(2, Job()) as workers:
        got = []
        with pytest.raises(ValueError, match="three") as info:
            for n in workers.map(_fail_on_3, range(10)):
                got.append(n)
        assert got == [0, 1, 2]
        assert "_fail_on_3" in str(info.value.__cause__)  # the worker's traceback
        assert list(workers.map(_fail_on_3, range(4, 8))) == [4, 5, 6, 7]  # still usable


def test_a_worker_that_dies_is_an_error_not_a_hang():
    from cleaner.parallel import WorkerDied

    with Workers(2, Job()) as workers:
        with pytest.raises(WorkerDied, match="exited with code 7"):
            list(workers.map(_die_on_3, range(10)))
        assert workers._workers == []  # the others were stopped
        assert list(workers.map(_die_on_3, [4, 5])) == [4, 5]  # and new ones start


def test_a_map_left_unfinished_leaves_no_worker_busy():
    with Workers(2, Job(), window=4) as workers:
        first = workers.map(_pid, range(1000))
        pids = {next(first) for _ in range(3)}
        first.close()  # the caller let go, tasks in flight
        assert workers._workers == []
        assert len(list(workers.map(_pid, range(20)))) == 20
    assert all(not os.path.exists(f"/proc/{p}") or _zombie(p) for p in pids)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


ORPHAN = """
import os, sys, time
from cleaner.parallel import Job, Workers

def slow(n):
    time.sleep(0.05)
    return n

workers = Workers(2, Job())
results = workers.map(slow, range(10**6))
next(results)
print(" ".join(str(w.proc.pid) for w in workers._workers), flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="looks for the processes in /proc")
def test_workers_exit_when_their_parent_is_killed():
    import signal
    import sys
    import time

    parent = subprocess.Popen([sys.executable, "-c", ORPHAN], stdout=subprocess.PIPE)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 60  # a liveness bound, not a speed figure
    while not all(_zombie(p) for p in pids):
        assert time.monotonic() < deadline, f"workers {pids} outlived their parent"
        time.sleep(0.1)


def test_a_dead_worker_is_one_line_on_the_command_line(tmp_path, monkeypatch, capsys):
    """Killed from outside (the OOM killer): exit 1 and a plain message, not a traceback."""
    from cleaner import cli, parallel
    from cleaner.files import WorkerDied

    def dies(self, fn, items):
        raise WorkerDied("a worker process (pid 1234) was killed by signal 9 before returning its results; "
                         "the run is incomplete")
        yield  # pragma: no cover

    monkeypatch.setattr(parallel.Workers, "map", dies)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy(seed, folder / seed.name)
    assert cli.main(["fix", "-j", "2", "-q", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "killed by signal 9" in err and "run it again" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
