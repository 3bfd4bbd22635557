"""The command line, called through main(argv) as users call it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cleaner.cli import main

from conftest import GOLDEN, ROOT, SEEDS

SEED = SEEDS[4]


def test_clean_file_to_stdout(capsysbinary):
    assert main(["clean", str(SEED)]) == 0
    assert capsysbinary.readouterr().out == (GOLDEN / SEED.name).read_bytes()


def test_clean_reads_stdin_and_exits_0_even_when_it_removed_text(monkeypatch, capsysbinary):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    assert main(["clean"]) == 0
    assert capsysbinary.readouterr().out == (GOLDEN / SEED.name).read_bytes()


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(SEED)],
                         capture_output=True, check=True).stdout
    assert out == (GOLDEN / SEED.name).read_bytes()


def test_select_and_ignore_by_prefix(capsysbinary):
    assert main(["clean", "--select", "PC,CF", str(SEED)]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert "زر الذهاب" not in out and "اترك تعليق" not in out and "Jannah" in out
    assert main(["clean", "--ignore", "TN001", str(SEED)]) == 0
    assert "Jannah" in capsysbinary.readouterr().out.decode()


def test_extra_rules_file(tmp_path, capsysbinary):
    extra = tmp_path / "site.toml"
    extra.write_text('''
[[rule]]
code = "ZZ001"
name = "site-footer"
kind = "line"
description = "This site's footer."
pattern = "جميع الحقوق محفوظة لموقعنا"
''', encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("نص المقال كاملا هنا.\nجميع الحقوق محفوظة لموقعنا\n", encoding="utf-8")
    assert main(["clean", "--rules", str(extra), str(src)]) == 0
    assert capsysbinary.readouterr().out.decode() == "نص المقال كاملا هنا.\n"


def test_rules_lists_code_name_kind_and_location(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ra = next(line for line in lines if line.startswith("RA001"))
    assert ra.split()[1:3] == ["read-also", "block"]
    assert ra.split()[3].endswith("read-also.toml:12") or "read-also.toml:" in ra
    codes = [line.split()[0] for line in lines]
    assert len(codes) == len(set(codes)) >= 10


def test_rules_select(capsys):
    assert main(["rules", "--select", "MD"]) == 0
    assert {line.split()[0][:2] for line in capsys.readouterr().out.splitlines()} == {"MD"}


def test_invalid_utf8_is_a_one_line_error(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("نص".encode("utf-8") + b"\xff\xfe rest\n")
    assert main(["clean", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.txt: not valid UTF-8 (byte 4)" in err


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_bom_is_kept(tmp_path, capsysbinary):
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbf" + "نص المقال.\nزر الذهاب إلى الأعلى\n".encode())
    assert main(["clean", str(src)]) == 0
    assert capsysbinary.readouterr().out == b"\xef\xbb\xbf" + "نص المقال.\n".encode()


def test_held_back_document_is_reported_on_stderr(tmp_path, capsys):
    src = tmp_path / "tiny.txt"
    src.write_text("اترك تعليقاً\nزر الذهاب إلى الأعلى\nنعم.\n", encoding="utf-8")
    assert main(["clean", str(src)]) == 0
    captured = capsys.readouterr()
    assert "tiny.txt: held back" in captured.err and "اترك تعليقاً" in captured.out


def test_help_names_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "clean" in out and "rules" in out
    assert (ROOT / "README.md").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_goes_away_is_not_an_error(cleaner_exe, tmp_path, jobs):
    """`cleaner clean --jsonl big.jsonl | head`: exit 0 and nothing on stderr, as for text."""
    import json

    text = SEEDS[2].read_text(encoding="utf-8")
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n" for n in range(300)),
                   encoding="utf-8")  # ~5 MB: far more than a pipe holds
    p = subprocess.Popen([cleaner_exe, "clean", "--jsonl", "-q", "-j", jobs, str(big)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.read(100)
    p.stdout.close()  # the reader goes away, as head does
    err = p.stderr.read()
    assert p.wait(timeout=60) == 0 and err == b""
