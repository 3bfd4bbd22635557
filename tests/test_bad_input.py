"""Bad input: binary files, empty and blank files, mixed line endings, a BOM, files that vanish."""

from __future__ import annotations

import io
import sys

import pytest

from cleaner import workflow
from cleaner.cli import main
from cleaner.files import iter_files

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"
LONG = (BODY * 200).encode()  # 25 KB: longer than any sniffed head
RECORD = '{"text": "نص المقال.\\n"}\n'  # a clean JSONL record


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.parametrize("data,offset", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 8),
    (DIRTY.encode() + b"\x00" + DIRTY.encode(), len(DIRTY.encode())),
    (LONG + b"\x00" + DIRTY.encode(), len(LONG)),  # a NUL far past the first 8 KB
])
def test_binary_named_file_is_an_error_and_untouched(tmp_path, capsys, data, offset):
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    for command in ("fix", "check", "clean"):
        assert main([command, str(f)]) == 1
        assert f.read_bytes() == data
        err = capsys.readouterr().err
        assert err.endswith(f"{f}: binary file (NUL byte at byte {offset}); not cleaned\n")
        assert err.count("\n") == 1


def test_binary_file_in_a_folder_is_skipped_with_a_warning(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(LONG + b"\x00" + DIRTY.encode())
    (tmp_path / "b.txt").write_text(DIRTY, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1  # b.txt would change; a.txt does not count
    assert f"{tmp_path / 'a.txt'}: binary file (NUL byte at byte {len(LONG)}), skipped\n" in capsys.readouterr().err
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0  # the warning alone leaves the exit code alone


def test_nul_bytes_after_the_text_are_junk_not_binary(tmp_path, capsysbinary):
    f = tmp_path / "a.txt"
    f.write_bytes(DIRTY.encode() + b"\x00\x00\x00")
    assert main(["clean", str(f)]) == 0
    assert capsysbinary.readouterr().out == BODY.encode()


def test_binary_stdin_is_an_error(monkeypatch, capsys):
    stdin(monkeypatch, b"abc\x00def")
    assert main(["clean"]) == 1
    assert capsys.readouterr().err == "cleaner: <stdin>: binary file (NUL byte at byte 3); not cleaned\n"


@pytest.mark.parametrize("data,out", [
    (b"", b""),  # empty
    (b" \n\t\r\n\n\xc2\xa0\n", b""),  # white space only, NBSP included
    (b"\xef\xbb\xbf", b""),  # a BOM and nothing else
    (b"\xef\xbb\xbf \n\n", b""),
])
def test_empty_and_blank_input_gives_empty_output_and_exit_0(monkeypatch, capsysbinary, data, out):
    stdin(monkeypatch, data)
    assert main(["clean"]) == 0
    assert capsysbinary.readouterr() == (out, b"")


def test_fix_empties_a_blank_file_and_leaves_an_empty_one(tmp_path):
    empty, blank = tmp_path / "a.txt", tmp_path / "b.txt"
    empty.write_bytes(b"")
    blank.write_bytes(b"  \r\n\n")
    assert main(["fix", str(empty)]) == 0  # nothing to change
    assert main(["fix", str(blank)]) == 1  # layout: as `clean` prints it
    assert empty.read_bytes() == blank.read_bytes() == b""


def test_mixed_line_endings_each_line_keeps_its_own(tmp_path):
    f = tmp_path / "a.txt"
    lines = ["عنوان المقال\r\n", BODY, "زر الذهاب إلى الأعلى\r\n", "وأضاف أن الجانبين اتفقا على جدول الأعمال.\r\n"]
    f.write_bytes("".join(lines).encode())
    assert main(["fix", str(f)]) == 1
    assert f.read_bytes() == "".join(lines[:2] + lines[3:]).encode()


def test_bom_and_crlf_are_kept_together(tmp_path, capsysbinary):
    f = tmp_path / "a.txt"
    f.write_bytes(b"\xef\xbb\xbf" + DIRTY.replace("\n", "\r\n").encode())
    assert main(["clean", str(f)]) == 0
    assert capsysbinary.readouterr().out == b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode()


def _vanishing(monkeypatch, victim):
    """The listing finds *victim*; it is deleted before its turn comes."""
    def listed_then_deleted(*args, **kwargs):
        found = list(iter_files(*args, **kwargs))
        victim.unlink()
        return found

    monkeypatch.setattr(workflow, "iter_files", listed_then_deleted)


def test_a_file_that_disappears_from_a_folder_run_is_a_warning(tmp_path, monkeypatch, capsys):
    for name in ("a.txt", "b.txt", "c.jsonl"):
        (tmp_path / name).write_text(DIRTY if name != "c.jsonl" else RECORD, encoding="utf-8")
    _vanishing(monkeypatch, tmp_path / "a.txt")
    assert main(["fix", "-j", "1", str(tmp_path)]) == 1  # b.txt changed
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == BODY
    assert not (tmp_path / "a.txt").exists()
    err = capsys.readouterr().err
    assert err == f"{tmp_path / 'a.txt'}: disappeared during the run, skipped\n{tmp_path / 'b.txt'}: 1 edit (PC001)\n"
    _vanishing(monkeypatch, tmp_path / "c.jsonl")
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().err == f"{tmp_path / 'c.jsonl'}: disappeared during the run, skipped\n"


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl"])
def test_a_named_file_that_disappears_is_an_error(tmp_path, monkeypatch, capsys, name):
    f = tmp_path / name
    f.write_text(DIRTY if name == "a.txt" else RECORD, encoding="utf-8")
    _vanishing(monkeypatch, f)
    assert main(["check", str(f)]) == 1
    assert capsys.readouterr().err == f"{f}: disappeared during the run; not cleaned\n"
