"""A progress bar on stderr only when it is a terminal, the work is long and not --quiet."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cleaner import progress
from cleaner.cli import main

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"


@pytest.fixture
def files(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": DIRTY}) + "\n", encoding="utf-8")
    return tmp_path


def as_terminal(monkeypatch) -> None:
    """stderr (the test's captured one) claims to be a terminal, and a bar shows at once."""
    monkeypatch.setattr(progress, "DELAY", 0)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)


def test_a_terminal_gets_a_files_bar_and_the_messages_survive_it(files, monkeypatch, capsys):
    as_terminal(monkeypatch)
    assert main(["fix", "-j", "1", "--include", "*.txt", str(files)]) == 1
    err = capsys.readouterr().err
    assert "3/3" in err and "file/s" in err
    assert all(f"{files / f'{n}.txt'}: 1 edit (PC001)" in err for n in range(3))


def test_a_terminal_gets_a_records_bar(files, monkeypatch, capsys):
    as_terminal(monkeypatch)
    assert main(["clean", "-j", "1", str(files / "r.jsonl")]) == 0
    captured = capsys.readouterr()
    assert "rec" in captured.err and "rec/s" in captured.err
    assert json.loads(captured.out) == {"text": BODY}  # the bar never reaches stdout


def test_quiet_means_no_bar_even_on_a_terminal(files, monkeypatch, capsys):
    as_terminal(monkeypatch)
    assert main(["fix", "-q", "-j", "1", str(files)]) == 1
    assert capsys.readouterr().err == ""


def test_no_bar_when_stderr_is_piped(files):
    p = subprocess.run([sys.executable, "-m", "cleaner", "fix", "-j", "1", str(files)], capture_output=True)
    assert p.returncode == 1
    assert b"\r" not in p.stderr and b"file/s" not in p.stderr
    assert p.stderr.decode().splitlines()[0] == f"{files / '0.txt'}: 1 edit (PC001)"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_real_terminal_of_unknown_size_still_gets_a_bar(files):
    """A pty reports 0x0 (as under `script` or some CI runners); tqdm alone would draw nothing."""
    master, slave = os.openpty()
    code = ("from cleaner import progress; progress.DELAY = 0; from cleaner.cli import main; "
            f"raise SystemExit(main(['fix', '-j', '1', {str(files)!r}]))")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait() == 1
    err = b"".join(chunks).decode("utf-8")
    assert "4/4" in err and "file/s" in err
    assert f"{files / 'r.jsonl'}: 1 edit (PC001) in 1 record" in err
