"""In-place writes are atomic: a failure at any step leaves the original and no debris."""

from __future__ import annotations

import os

import pytest

from cleaner import fixer
from cleaner.cli import main
from cleaner.files import InputError
from cleaner.fixer import AtomicFile, write_atomic

DIRTY = "وقال الوزير إن المفاوضات ستستأنف الأسبوع المقبل في جنيف بعد التوقف.\nزر الذهاب إلى الأعلى\n"


def _boom(*_args, **_kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
def test_a_failing_step_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch, capsys, step):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY, encoding="utf-8")
    monkeypatch.setattr(fixer.os, step, _boom)
    assert main(["fix", "-j", "1", str(f)]) == 1
    assert f.read_text(encoding="utf-8") == DIRTY
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert capsys.readouterr().err == f"{f}: cannot write: No space left on device; left as it was\n"


def test_a_successful_write_replaces_the_file_in_one_step(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("old", encoding="utf-8")
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        # at the moment of the swap the new content is complete, on disk, next to the target
        seen.append((os.path.dirname(src), open(src, "rb").read(), f.read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(fixer.os, "replace", spy)
    write_atomic(f, "new".encode())
    assert seen == [(str(tmp_path), b"new", "old")]
    assert f.read_text(encoding="utf-8") == "new"


def test_an_exception_while_writing_discards_the_temporary_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with AtomicFile(f) as out:
            out.file.write(b"half of the new")
            raise KeyboardInterrupt
    assert f.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_not_committing_leaves_the_original(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("old", encoding="utf-8")
    with AtomicFile(f) as out:
        out.file.write(b"new")
    assert f.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_missing_file_is_an_input_error_and_is_not_created(tmp_path):
    # the file was deleted while it was being cleaned: writing must not bring it back
    with pytest.raises(InputError, match="a.txt: disappeared during the run"):
        write_atomic(tmp_path / "a.txt", b"x")
    assert list(tmp_path.iterdir()) == []
