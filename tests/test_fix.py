"""`cleaner fix`: files and folders in place, newline style, BOM, symlinks, exit codes."""

from __future__ import annotations

import os
import shutil
import stat
import sys

import pytest

from cleaner.cli import main

from conftest import GOLDEN, SEEDS

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    return tmp_path


def test_fix_folder_writes_golden_output_and_exits_1(corpus, capsys):
    assert main(["fix", "."]) == 1
    for seed in SEEDS:
        assert (corpus / seed.name).read_bytes() == (GOLDEN / seed.name).read_bytes()
    err = capsys.readouterr().err
    assert "004_3c61589327685473.txt: 5 edits (CF001, CF002, PC001, PC002, TN001)" in err
    # the second run finds nothing: exit 0, silent, files untouched
    assert main(["fix", "."]) == 0
    assert capsys.readouterr().err == ""


def test_exit_zero_even_if_changed(corpus):
    assert main(["fix", "--exit-zero-even-if-changed", SEEDS[4].name]) == 0
    assert (corpus / SEEDS[4].name).read_bytes() == (GOLDEN / SEEDS[4].name).read_bytes()


@pytest.mark.parametrize("content,changes", [
    (DIRTY, True),
    (BODY, False),  # the no-change partner: the file is not even rewritten
])
def test_a_file_is_written_only_when_it_changes(tmp_path, content, changes):
    f = tmp_path / "a.txt"
    f.write_text(content, encoding="utf-8")
    inode = f.stat().st_ino
    assert main(["fix", str(f)]) == int(changes)
    assert f.read_text(encoding="utf-8") == BODY
    assert (f.stat().st_ino != inode) == changes


@pytest.mark.parametrize("before,after", [
    (DIRTY.replace("\n", "\r\n"), BODY.replace("\n", "\r\n")),  # CRLF stays CRLF
    (DIRTY, BODY),  # LF stays LF
    ("\ufeff" + DIRTY, "\ufeff" + BODY),  # a BOM is kept
    (BODY + "  \n\n\n", BODY),  # layout only: also a change, as `clean` would print
])
def test_newline_style_and_bom_are_kept(tmp_path, before, after):
    f = tmp_path / "a.txt"
    f.write_bytes(before.encode("utf-8"))
    assert main(["fix", str(f)]) == 1
    assert f.read_bytes() == after.encode("utf-8")


def test_layout_only_change_is_reported_as_such(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(BODY + "\n\n", encoding="utf-8")
    assert main(["fix", str(f)]) == 1
    assert capsys.readouterr().err == f"{f}: 0 edits (layout)\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_target_is_written_and_link_stays_a_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(DIRTY, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert main(["fix", str(link)]) == 1
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == BODY


def test_mode_is_kept(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY, encoding="utf-8")
    f.chmod(0o640)
    assert main(["fix", str(f)]) == 1
    assert stat.S_IMODE(f.stat().st_mode) == 0o640


def test_read_only_file_is_a_clear_error_and_untouched(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY, encoding="utf-8")
    f.chmod(0o444)
    assert main(["fix", str(f)]) == 1
    assert f.read_text(encoding="utf-8") == DIRTY
    err = capsys.readouterr().err
    assert err == f"{f}: read-only file; left as it was (make it writable first: chmod u+w {f})\n"


def test_bad_input_is_reported_left_alone_and_the_rest_is_fixed(tmp_path, capsys):
    bad = tmp_path / "a_bad.txt"
    bad.write_bytes(b"caf\xe9\n")
    good = tmp_path / "b_good.txt"
    good.write_text(DIRTY, encoding="utf-8")
    assert main(["fix", str(tmp_path)]) == 1
    assert bad.read_bytes() == b"caf\xe9\n" and good.read_text(encoding="utf-8") == BODY
    assert f"{bad}: not valid UTF-8 (byte 3)" in capsys.readouterr().err


def test_git_folders_binary_files_and_globs(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    paths = {name: tmp_path / name for name in (".git/x.txt", "sub/a.txt", "sub/b.md", "img.bin")}
    for name, p in paths.items():
        p.write_bytes(b"\x89PNG\x00\x00" + DIRTY.encode() if name == "img.bin" else DIRTY.encode())
    assert main(["fix", "--include", "*.txt", "--include", "*.bin", str(tmp_path)]) == 1
    assert paths["sub/a.txt"].read_text(encoding="utf-8") == BODY
    assert paths[".git/x.txt"].read_text(encoding="utf-8") == DIRTY  # .git skipped
    assert paths["sub/b.md"].read_text(encoding="utf-8") == DIRTY  # not included
    assert paths["img.bin"].read_bytes().endswith(DIRTY.encode())  # binary: skipped
    assert main(["fix", "--exclude", "sub/*", str(tmp_path)]) == 0
    assert paths["sub/b.md"].read_text(encoding="utf-8") == DIRTY


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main(["fix", str(tmp_path / "nope")]) == 2
    assert "nope" in capsys.readouterr().err


def test_quiet_prints_no_per_file_lines(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(DIRTY, encoding="utf-8")
    assert main(["fix", "-q", str(f)]) == 1
    assert capsys.readouterr().err == "" and f.read_text(encoding="utf-8") == BODY
