"""JSONL corpora: records stream, untouched records are byte-exact, malformed lines are handled."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from cleaner.cli import main

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"


def line(text: str, ascii_: bool = False, **extra) -> str:
    return json.dumps({"id": 7, "text": text, **extra}, ensure_ascii=ascii_) + "\n"


@pytest.fixture
def run_clean(tmp_path, capsysbinary):
    """Run `cleaner clean` on a JSONL file with *content*: (exit code, stdout bytes, stderr)."""
    def run(content: str | bytes, *args: str) -> tuple[int, bytes, str]:
        src = tmp_path / "in.jsonl"
        src.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        code = main(["clean", "-j", "1", *args, str(src)])
        captured = capsysbinary.readouterr()
        return code, captured.out, captured.err.decode("utf-8").replace(str(tmp_path) + "/", "")
    return run


@pytest.mark.parametrize("raw", [
    '{"text":"' + BODY.replace("\n", "\\n") + '",  "b" : [1, 2.50, "\\/x"]}\n',  # odd spacing, escapes
    line(BODY, ascii_=True),
    line(BODY),
])
def test_a_record_with_nothing_to_clean_is_passed_through_byte_for_byte(run_clean, raw):
    assert run_clean(raw) == (0, raw.encode("utf-8"), "")


@pytest.mark.parametrize("ascii_", [False, True])
def test_only_the_text_value_changes_in_the_style_it_was_written(run_clean, ascii_):
    raw = '{"id":7,  "text": ' + json.dumps(DIRTY, ensure_ascii=ascii_) + ', "z":"\\u00e9"}\n'
    code, out, _ = run_clean(raw)
    assert code == 0
    assert out.decode("utf-8") == '{"id":7,  "text": ' + json.dumps(BODY, ensure_ascii=ascii_) + ', "z":"\\u00e9"}\n'


def test_annotate_adds_the_edits_and_their_offsets(run_clean):
    code, out, _ = run_clean(line(DIRTY) + line(BODY), "--annotate")
    first, second = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert first == {"id": 7, "text": BODY, "edits": [{"code": "PC001", "start": len(BODY), "end": len(DIRTY)}]}
    assert second == {"id": 7, "text": BODY, "edits": []}
    assert list(json.loads(out.decode("utf-8").splitlines()[0])) == ["id", "text", "edits"]  # key order


def test_field_option_names_the_text_field(run_clean):
    raw = json.dumps({"body": DIRTY, "text": DIRTY}, ensure_ascii=False) + "\n"
    code, out, _ = run_clean(raw, "--field", "body")
    assert json.loads(out) == {"body": BODY, "text": DIRTY}


BAD = [line(DIRTY), '{"id": 8, "text": \n', "\n", "[1, 2]\n", '{"id": 9}\n', line(DIRTY)]
MESSAGES = ["in.jsonl:2: not valid JSON (Expecting value, column 19)", "in.jsonl:4: not a JSON object",
            "in.jsonl:5: no string field 'text' (choose the field with --field)"]


@pytest.mark.parametrize("mode,kept,code", [
    ("keep", BAD[1:5], 0),
    ("skip", ["\n"], 0),  # a blank line is not a record: kept as it is
])
def test_malformed_lines_are_reported_with_their_line_numbers(run_clean, mode, kept, code):
    rc, out, err = run_clean("".join(BAD), "--on-error", mode)
    assert rc == code
    assert out.decode("utf-8") == "".join([line(BODY), *kept, line(BODY)])
    assert [e.split(";")[0] for e in err.splitlines()] == MESSAGES


def test_on_error_fail_stops_and_a_fixed_file_is_left_as_it_was(tmp_path, capsys):
    f = tmp_path / "c.jsonl"
    f.write_text("".join(BAD), encoding="utf-8")
    assert main(["fix", "--on-error", "fail", str(f)]) == 1
    assert f.read_text(encoding="utf-8") == "".join(BAD)
    assert capsys.readouterr().err == f"{f}:2: not valid JSON (Expecting value, column 19); stopped " \
                                      f"(--on-error fail), {f} left as it was\n"
    assert [p.name for p in tmp_path.iterdir()] == ["c.jsonl"]


def test_crlf_lines_a_missing_last_newline_and_a_bom_are_kept(run_clean):
    raw = "\ufeff" + line(DIRTY).rstrip("\n") + "\r\n" + line(DIRTY).rstrip("\n")
    code, out, _ = run_clean(raw)
    assert code == 0
    assert out.decode("utf-8") == "\ufeff" + line(BODY).rstrip("\n") + "\r\n" + line(BODY).rstrip("\n")


@pytest.mark.parametrize("name,opener", [("c.jsonl", open), ("c.jsonl.gz", gzip.open)])
def test_fix_and_check_on_jsonl_files_by_extension(tmp_path, monkeypatch, capsys, name, opener):
    monkeypatch.chdir(tmp_path)
    with opener(name, "wt", encoding="utf-8") as f:
        f.write(line(BODY) + line(DIRTY))
    assert main(["check", name]) == 1
    assert capsys.readouterr().out == f"{name}:2: PC001 back-to-top: زر الذهاب إلى الأعلى\n"
    assert main(["fix", name]) == 1
    assert capsys.readouterr().err == f"{name}: 1 edit (PC001) in 1 record\n"
    with opener(name, "rt", encoding="utf-8") as f:
        assert f.read() == line(BODY) + line(BODY)
    assert main(["check", name]) == 0


def test_a_corrupt_gzip_file_is_an_error_and_left_alone(tmp_path, capsys):
    f = tmp_path / "c.jsonl.gz"
    f.write_bytes(gzip.compress(line(DIRTY).encode())[:-12])
    assert main(["fix", str(f)]) == 1
    assert f"{f}: cannot read or write" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["c.jsonl.gz"]


@pytest.mark.parametrize("content,code", [(line(DIRTY), 1), (line(BODY), 0)])
def test_a_read_only_jsonl_file_is_an_error_only_when_it_would_change(tmp_path, capsys, content, code):
    f = tmp_path / "c.jsonl"
    f.write_text(content, encoding="utf-8")
    f.chmod(0o444)
    assert main(["fix", str(f)]) == code
    assert f.read_text(encoding="utf-8") == content
    assert ("read-only file; left as it was" in capsys.readouterr().err) == bool(code)


@pytest.mark.parametrize("content,message", [
    ("".join(BAD), "c.jsonl: 2 edits (PC001) in 2 records; 3 malformed lines left out"),
    (line(BODY) + "[1]\n", "c.jsonl: 1 malformed line left out"),
])
def test_fix_with_skip_says_how_many_lines_it_left_out(tmp_path, monkeypatch, capsys, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.jsonl").write_text(content, encoding="utf-8")
    assert main(["fix", "--on-error", "skip", "c.jsonl"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == message
    assert main(["check", "c.jsonl"]) == 0  # what is left is clean and well-formed


def test_clean_jsonl_from_standard_input(monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((line(DIRTY) + line(BODY)).encode())))
    assert main(["clean", "--jsonl", "-j", "1"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == line(BODY) + line(BODY)
