"""SIGKILL in the middle of `cleaner fix`: every file is its old or its new content, never a part.

A corpus of 1,000 text files (the seeds, each made distinct) and a 20 MB JSONL
file is fixed by the installed command, which is killed with SIGKILL (the whole
process group: the command and its workers, as a crash or the OOM killer would)
at three moments: while text files are being replaced, half-way through writing
the JSONL file, and later. After each kill every file must be byte for byte its
old or its new content; the expected new content is computed beforehand with
the in-process API. A last run then finishes the job and leaves no temporary
file behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cleaner import clean, load_rules
from cleaner.files import is_temp

from conftest import SEEDS

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups and flock")]

FILES, RECORDS = 1000, 2500  # the records: about 20 MB
SEED_TEXTS = [s.read_text(encoding="utf-8") for s in SEEDS]


def build(root: Path) -> dict[Path, tuple[bytes, bytes]]:
    """Write the corpus; return each file's (old, new) bytes."""
    rules = load_rules()
    files = {}
    for i in range(FILES):
        text = SEED_TEXTS[i % len(SEED_TEXTS)] + f"\nوقال المتحدث رقم {i} إن العمل سيستمر حتى نهاية الشهر.\n"
        path = root / ("a" if i < FILES // 2 else "c") / f"{i:04d}.txt"
        files[path] = (text.encode(), clean(text, rules).text.encode())
    new_texts = [clean(t, rules).text for t in SEED_TEXTS]
    old_lines, new_lines = [], []
    for k in range(RECORDS):
        old_lines.append(json.dumps({"id": k, "text": SEED_TEXTS[k % len(SEEDS)]}, ensure_ascii=False) + "\n")
        new_lines.append(json.dumps({"id": k, "text": new_texts[k % len(SEEDS)]}, ensure_ascii=False) + "\n")
    files[root / "b" / "data.jsonl"] = ("".join(old_lines).encode(), "".join(new_lines).encode())
    for path, (old, _new) in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(old)
    return files


def temps(root: Path) -> list[Path]:
    return [Path(d, n) for d, _, names in os.walk(root) for n in names if is_temp(n) or "cleaner-tmp" in n]


def kill_when(cmd: list[str], ready) -> None:
    """Start *cmd* in its own process group; SIGKILL the group as soon as ``ready()``."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while not ready():
            assert proc.poll() is None, "the run finished before the moment to kill it came"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def check_old_or_new(files: dict[Path, tuple[bytes, bytes]]) -> tuple[int, int]:
    """Every file is exactly its old or its new content; return how many are new, old."""
    new = old = 0
    for path, (before, after) in files.items():
        data = path.read_bytes()
        assert data in (before, after), f"{path} is neither its old nor its new content ({len(data)} bytes)"
        new += data == after and data != before
        old += data == before and data != after
    return new, old


def test_sigkill_mid_fix_loses_and_truncates_nothing(tmp_path, cleaner_exe):
    root = tmp_path / "corpus"
    root.mkdir()
    files = build(root)
    changing = [p for p, (old, new) in files.items() if old != new]
    assert len(changing) > 0.75 * len(files)  # the runs have real work to be caught in
    inode = {p: p.stat().st_ino for p in files}
    replaced = lambda folder: sum(p.parent.name == folder and p.stat().st_ino != inode[p] for p in changing)  # noqa: E731
    jsonl = root / "b" / "data.jsonl"
    fix = [cleaner_exe, "fix", "-j", "2", "-q", str(root)]

    # 1. while the text files in a/ are being replaced
    kill_when(fix, lambda: replaced("a") >= 50)
    new, old = check_old_or_new(files)
    assert new >= 50 and old > 0

    # 2. half-way through writing the new JSONL file (a/ goes by quickly: it is clean now)
    half = lambda: any(t.parent == jsonl.parent and t.stat().st_size > 5_000_000 for t in temps(root))  # noqa: E731
    kill_when(fix, half)
    check_old_or_new(files)
    assert jsonl.read_bytes() == files[jsonl][0]
    assert [t.parent for t in temps(root)] == [jsonl.parent]  # the killed run's partial file

    # 3. once the JSONL file is done, among the files in c/
    kill_when(fix, lambda: replaced("c") >= 20)
    new, old = check_old_or_new(files)
    assert jsonl.read_bytes() == files[jsonl][1] and old > 0
    assert all(t.parent.name == "c" for t in temps(root))  # run 3 removed the stale file of run 2

    # the next run finishes the job and leaves nothing behind
    done = subprocess.run(fix, capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr.decode()
    assert check_old_or_new(files)[1] == 0  # all new
    assert temps(root) == []
