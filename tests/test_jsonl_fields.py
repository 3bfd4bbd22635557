"""JSONL: a page in one field cleaned into another (--field html --to-field text), and
the metadata of removed lines kept as a "meta" object (--meta)."""

from __future__ import annotations

import json

from cleaner.cli import main

from conftest import GOLDEN, ROOT, SEEDS

PAGE = (ROOT / "tests" / "fixtures" / "html" / "002_e9f48f933af90c20.jannah.html").read_text(encoding="utf-8")
SEED = SEEDS[2].read_text(encoding="utf-8")


def _run(args, tmp_path, records, capsysbinary):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    code = main([*args, str(src)])
    return code, src, capsysbinary.readouterr()


def test_html_field_is_cleaned_into_another_field(tmp_path, capsysbinary):
    code, _, out = _run(["clean", "--jsonl", "--field", "html", "--to-field", "text"], tmp_path,
                        [{"id": 7, "html": PAGE}], capsysbinary)
    assert code == 0
    record = json.loads(out.out)
    assert list(record) == ["id", "html", "text"] and record["html"] == PAGE  # the page stays as it was
    assert record["text"] == (GOLDEN / SEEDS[2].name).read_text(encoding="utf-8")


def test_fix_writes_the_text_field_once_and_then_finds_nothing(tmp_path, capsysbinary):
    code, src, _ = _run(["fix", "--field", "html", "--to-field", "text"], tmp_path,
                        [{"html": PAGE}], capsysbinary)
    assert code == 1
    first = src.read_bytes()
    assert json.loads(first)["text"].startswith("“بوتين” يلتقي")
    assert main(["fix", "--field", "html", "--to-field", "text", str(src)]) == 0
    assert src.read_bytes() == first


def test_fix_never_turns_a_page_into_text_in_its_own_field(tmp_path, capsysbinary):
    code, src, out = _run(["fix", "--field", "html"], tmp_path, [{"html": PAGE}], capsysbinary)
    assert json.loads(src.read_bytes())["html"] == PAGE
    assert b"holds an HTML page" in out.err and b"--to-field" in out.err


def test_meta_keeps_source_tags_and_date_of_seed_002(tmp_path, capsysbinary):
    code, _, out = _run(["clean", "--jsonl", "--meta"], tmp_path, [{"text": SEED}], capsysbinary)
    assert code == 0
    meta = json.loads(out.out)["meta"]
    assert meta["source"] == "صحيفة المناطق السعودية"
    assert meta["date"] == "13th, September 2023 GMT"
    assert meta["tags"][:3] == ["بوتين", "روسيا", "كوريا"]


def test_meta_of_a_record_with_nothing_removed_is_empty(tmp_path, capsysbinary):
    body = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
    code, _, out = _run(["clean", "--jsonl", "--meta"], tmp_path, [{"text": body}], capsysbinary)
    assert json.loads(out.out) == {"text": body, "meta": {}}
