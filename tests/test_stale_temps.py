"""Temporary files of in-place writes: recognisable, locked while live, removed once stale."""

from __future__ import annotations

import os

import pytest

from cleaner.cli import main
from cleaner.files import is_temp
from cleaner.fixer import AtomicFile

fcntl = pytest.importorskip("fcntl", reason="stale temporary files are only told apart with flock")

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"


def test_the_temporary_file_is_named_and_locked_while_it_is_written(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("old", encoding="utf-8")
    with AtomicFile(f) as out:
        name = os.path.basename(out.tmp)
        assert name.startswith(".a.txt.cleaner-tmp-") and is_temp(name)
        fd = os.open(out.tmp, os.O_RDONLY)
        with pytest.raises(BlockingIOError):  # another run would see a live write
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(fd)
        out.file.write(b"new")
        out.commit()
    assert f.read_text(encoding="utf-8") == "new" and os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("name,temp", [
    (".a.txt.cleaner-tmp-ab_d1234", True),
    (".مقال.txt.cleaner-tmp-0123abcd", True),
    ("a.txt.cleaner-tmp-ab_d1234", False),  # ours always start with a dot
    (".a.txt.cleaner-tmp-ab", False),
    (".a.txt.tmp", False),
    ("cleaner-tmp-notes.txt", False),
])
def test_temporary_names(name, temp):
    assert is_temp(name) == temp


def stale(folder, target="a.txt", content=b"half of a rewrite"):
    path = folder / f".{target}.cleaner-tmp-k1ll3d00"
    path.write_bytes(content)
    return path


def test_check_and_stats_never_read_a_temporary_file(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    temp = stale(tmp_path, content=DIRTY.encode())
    assert main(["check", str(tmp_path)]) == 0
    assert main(["stats", "--format", "json", str(tmp_path)]) == 0
    assert '"documents": 1,' in capsys.readouterr().out
    assert temp.exists()  # only fix cleans up


def test_fix_removes_stale_temporary_files_in_folders_and_beside_named_files(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(DIRTY, encoding="utf-8")
    walked = stale(tmp_path / "sub")
    assert main(["fix", str(tmp_path)]) == 1
    assert sorted(os.listdir(tmp_path / "sub")) == ["a.txt"]
    assert capsys.readouterr().err == (f"{walked}: removed a temporary file that an interrupted run left behind\n"
                                       f"{tmp_path / 'sub' / 'a.txt'}: 1 edit (PC001)\n")
    named = stale(tmp_path / "sub")
    other = stale(tmp_path / "sub", target="b.txt")  # not the named file's: left for a run over the folder
    assert main(["fix", str(tmp_path / "sub" / "a.txt")]) == 0
    assert not named.exists() and other.exists()


def test_fix_leaves_the_temporary_file_of_a_live_write(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    live = stale(tmp_path)
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as the writer of another run still going holds it
        assert main(["fix", str(tmp_path)]) == 1
        assert live.exists()
    finally:
        os.close(fd)
    assert main(["fix", str(tmp_path)]) == 0
    assert not live.exists()


def test_a_file_name_near_the_limit_still_gets_a_temporary_file(tmp_path):
    f = tmp_path / ("مقال" * 31 + ".txt")  # 252 bytes: the name and the marks would not fit in 255
    f.write_text(DIRTY, encoding="utf-8")
    assert main(["fix", str(f)]) == 1
    assert f.read_text(encoding="utf-8") == BODY


def test_a_file_system_without_locks_still_gets_its_writes_and_keeps_its_temporaries(tmp_path, monkeypatch):
    from cleaner import fixer

    def no_locks(*_args):
        raise OSError(37, "No locks available")  # ENOLCK, as some network mounts answer

    monkeypatch.setattr(fixer.fcntl, "flock", no_locks)
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    unknown = stale(tmp_path)  # stale or live: without locks there is no telling
    assert main(["fix", "-j", "1", str(tmp_path)]) == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == BODY and unknown.exists()
