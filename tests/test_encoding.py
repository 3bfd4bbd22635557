"""--encoding: legacy Arabic text (windows-1256) read, cleaned, and written back as it was."""

from __future__ import annotations

import pytest

from cleaner.cli import main
from cleaner.files import InputError, decode, detect

from conftest import GOLDEN, SEEDS

SEED = SEEDS[3]  # every character of seeds 001, 003 and 004 exists in windows-1256
TEXT, CLEAN = SEED.read_text(encoding="utf-8"), (GOLDEN / SEED.name).read_text(encoding="utf-8")
LEGACY = TEXT.encode("cp1256")


@pytest.fixture
def legacy(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes(LEGACY)
    return f


@pytest.mark.parametrize("command", ["fix", "check", "clean"])
def test_invalid_utf8_names_the_byte_says_what_to_try_and_leaves_the_file(tmp_path, capsys, command):
    f = tmp_path / "old.txt"
    f.write_bytes(b"Leave a Reply\n" + LEGACY)  # the first byte of the Arabic text is byte 14
    assert main([command, str(f)]) == 1
    assert f.read_bytes() == b"Leave a Reply\n" + LEGACY
    err = capsys.readouterr().err
    assert err.endswith(f"{f}: not valid UTF-8 (byte 14); if it is in a legacy encoding, "
                        f"try --encoding auto or --encoding windows-1256\n") and err.count("\n") == 1


@pytest.mark.parametrize("encoding,note", [("auto", True), ("windows-1256", False), ("cp1256", False)])
def test_clean_reads_the_encoding_and_prints_utf8(legacy, capsysbinary, encoding, note):
    assert main(["clean", "--encoding", encoding, str(legacy)]) == 0
    out, err = capsysbinary.readouterr()
    assert out == CLEAN.encode("utf-8")
    assert err.decode() == (f"{legacy}: not UTF-8; read as windows-1256 (--encoding auto)\n" if note else "")


def test_fix_writes_the_file_back_in_its_own_encoding(legacy, capsys):
    assert main(["fix", "--encoding", "auto", str(legacy)]) == 1
    assert legacy.read_bytes() == CLEAN.encode("cp1256")
    assert "read as windows-1256" in capsys.readouterr().err
    assert main(["check", "--encoding", "windows-1256", str(legacy)]) == 0  # nothing left to do


def test_valid_utf8_stays_utf8_under_auto(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["fix", "--encoding", "auto", str(f)]) == 1
    assert f.read_text(encoding="utf-8") == CLEAN
    assert "read as" not in capsys.readouterr().err


def test_utf16_with_a_bom_is_named_and_kept_with_its_bom(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_bytes(b"\xff\xfe" + TEXT.encode("utf-16-le"))
    assert main(["fix", str(f)]) == 1
    assert "UTF-16 text (it starts with a byte-order mark); read it with --encoding auto" in capsys.readouterr().err
    assert main(["fix", "--encoding", "auto", str(f)]) == 1
    assert f.read_bytes() == b"\xff\xfe" + CLEAN.encode("utf-16-le")


def test_a_codec_that_would_change_other_bytes_is_refused(tmp_path, capsys):
    # cp932 reads both \xed\x40 and \xfa\x5c as U+7E8A, and writes \xed\x40 back
    f = tmp_path / "a.txt"
    data = b"\xfa\x5c text.\nLeave a Reply\n"
    f.write_bytes(data)
    assert main(["fix", "--encoding", "cp932", str(f)]) == 1
    assert f.read_bytes() == data
    assert "cp932 does not give back the same bytes; left as it was" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["nope", "base64"])
def test_an_unknown_or_non_text_encoding_is_a_usage_error(legacy, capsys, name):
    assert main(["clean", "--encoding", name, str(legacy)]) == 2
    assert "--encoding" in capsys.readouterr().err


def test_undecodable_bytes_in_a_named_encoding(tmp_path):
    with pytest.raises(InputError, match=r"a.txt: not valid iso8859-6 \(byte 1\); check --encoding"):
        decode(b"a\xa1b", "a.txt", "iso-8859-6")


@pytest.mark.parametrize("line", [line for line in TEXT.splitlines() if any("\u0600" <= c <= "\u06ff" for c in line)])
def test_auto_detects_windows_1256_on_every_arabic_line_of_a_seed(line):
    assert detect(line.encode("cp1256")) == "cp1256"


@pytest.mark.parametrize("text,encoding", [
    (TEXT[:2000], "iso8859-6"),  # the other Arabic codepage, long enough to tell apart
    ("Привет, как дела? Это обычный русский текст о погоде в Москве.\n", "cp1251"),
])
def test_auto_detects_other_legacy_encodings(text, encoding):
    data = text.encode(encoding, "replace")
    assert decode(data, "a.txt", "auto").text == data.decode(encoding)


def test_review_tools_take_the_encoding_and_skip_binary_files_found_in_folders(tmp_path, capsys):
    (tmp_path / "old.txt").write_bytes(LEGACY)
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["explain", "--encoding", "windows-1256", str(tmp_path / "old.txt")]) == 0
    assert CLEAN.splitlines()[0] in capsys.readouterr().out
    assert main(["report", "--encoding", "auto", "-o", str(tmp_path / "r.html"), str(tmp_path)]) == 0
    assert f"{tmp_path / 'img.txt'}: binary file (NUL byte at byte 8), skipped" in capsys.readouterr().err
    assert CLEAN.splitlines()[0] in (tmp_path / "r.html").read_text(encoding="utf-8")
