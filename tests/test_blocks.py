"""Records cleaned a block of lines at a time give what cleaning them one by one gives.

The reference below is the per-record loop (``process_record`` on each line, written
back in order, malformed lines handled by ``--on-error``). Blocks of a few bytes cut
the input everywhere: between records, inside a CRLF pair's line, in a line longer
than a block; -j 2 sends them to worker processes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import jsonl
from cleaner.files import Stop
from cleaner.jsonl import BOM, SAME, process_record
from cleaner.parallel import Job, Workers
from cleaner.progress import Bar
from cleaner.report import CheckReport, Report
from cleaner.workflow import stream_records

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"


def rec(n: int, text: str, **kw) -> bytes:
    return json.dumps({"id": n, "text": text}, ensure_ascii=n % 2 == 0, **kw).encode("utf-8")


LINES = [
    BOM + rec(0, DIRTY) + b"\n",
    rec(1, BODY) + b"\r\n",
    b"\n",
    b"   \r\n",
    rec(2, DIRTY * 40) + b"\n",  # longer than a block
    b'{"id": "broken"\n',
    rec(3, DIRTY) + b"\r\n",
    b"\xff not utf-8\n",
    rec(4, BODY, indent=1).replace(b"\n", b" ") + b"\n",
    b'["not", "an object"]\n',
    rec(5, DIRTY),  # no final newline
]


class Out:
    def __init__(self):
        self.data = bytearray()

    def write(self, b) -> int:
        self.data += b
        return len(b)


def reference(lines: list[bytes], on_error: str) -> tuple[bytes, list[str], int, bool]:
    """Output, messages, documents and 'changed' as the per-record loop gives them."""
    out, said, docs, changed = bytearray(), [], 0, False
    for n, line in enumerate(lines, 1):
        if n == 1 and line.startswith(BOM):
            out += BOM
            line = line[len(BOM):]
        res = process_record("in.jsonl", n, line)
        new = line
        if res is None:
            pass
        elif res == SAME:
            docs += 1
        elif res[1].error:
            if on_error == "fail":
                return bytes(out), said + [f"{res[1].error}; stopped"], docs, changed
            said.append(f"{res[1].error}; {on_error}")
            if on_error == "skip":
                new = b""
        else:
            docs += 1
            new = res[0] if res[0] is not None else line
        changed |= new != line
        out += new
    return bytes(out), said, docs, changed


class Said(Report):
    def __init__(self):
        super().__init__(0.85, quiet=True)
        self.said = []

    def warn(self, message, left_out=False):
        self.said.append(message.replace("passed through unchanged (--on-error keep)", "keep")
                         .replace("record left out (--on-error skip)", "skip"))

    def error(self, message):
        self.said.append(message.replace(" (--on-error fail)", ""))


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("size", [1, 100, 1 << 20])
@pytest.mark.parametrize("on_error", ["keep", "skip", "fail"])
def test_blocks_give_what_records_one_by_one_give(monkeypatch, jobs, size, on_error):
    monkeypatch.setattr(jsonl, "CHUNK", size)
    job = Job()
    with Workers(jobs, job, job.load()) as workers:
        want = reference(LINES, on_error)
        report, out = Said(), Out()
        try:
            changed = stream_records("in.jsonl", iter(LINES), out, workers, report, on_error, Bar(False, "rec"))
        except Stop:
            changed = want[3]
        assert (bytes(out.data), report.said, changed) == (want[0], want[1], want[3])
        if on_error != "fail":
            assert report.documents == want[2]


def test_check_without_output_sees_every_changed_record(monkeypatch):
    monkeypatch.setattr(jsonl, "CHUNK", 100)
    job = Job()
    with Workers(2, job, job.load()) as workers:
        report = CheckReport(0.85)
        seen = []
        monkeypatch.setattr(report, "document", lambda doc: seen.append((doc.record, doc.changed)))
        lines = [rec(n, DIRTY if n % 3 else BODY) + b"\n" for n in range(30)]
        assert stream_records("c.jsonl", iter(lines), None, workers, report, "keep", Bar(False, "rec"))
    assert seen == [(n + 1, True) for n in range(30) if n % 3]


PAGES = sorted((Path(__file__).parent / "fixtures" / "html").glob("*.html"))[:3]


@pytest.mark.parametrize("size", [100, 1 << 20])
def test_pages_in_a_block_are_extracted_first_with_the_same_output(monkeypatch, size):
    """A block's pages are all extracted before its texts are cleaned (cleaner.html):
    the records come out as the per-record loop makes them, text records between pages
    included."""
    monkeypatch.setattr(jsonl, "CHUNK", size)
    pages = [p.read_text(encoding="utf-8") for p in PAGES]
    lines = []
    for n, page in enumerate(pages):
        lines.append(json.dumps({"id": n, "text": page}, ensure_ascii=False).encode() + b"\n")
        lines.append(rec(10 + n, DIRTY) + b"\n")
    job = Job(to_field="clean")
    with Workers(1, job, job.load()) as workers:
        want = reference(lines, "keep")
        report, out = Said(), Out()
        stream_records("in.jsonl", iter(lines), out, workers, report, "keep", Bar(False, "rec"))
    assert bytes(out.data) == want[0] and report.said == want[1]
    cleaned = [json.loads(line)["clean"] for line in bytes(out.data).splitlines()]
    assert len(cleaned) == 6 and all(cleaned) and cleaned[1] == BODY  # the pages gave text


@pytest.mark.parametrize("html", [None, True])
def test_records_of_pages_are_read_in_larger_blocks(monkeypatch, html):
    """After a first block whose first record holds a page (or with --html), blocks are
    PAGE_CHUNK bytes: a block's pages are extracted before its texts are cleaned."""
    monkeypatch.setattr(jsonl, "CHUNK", 100)
    monkeypatch.setattr(jsonl, "PAGE_CHUNK", 1 << 20)
    page = PAGES[0].read_text(encoding="utf-8")
    pages = [json.dumps({"id": n, "text": page}).encode() + b"\n" for n in range(4)]
    texts = [rec(n, DIRTY) + b"\n" for n in range(4)]
    job = Job(html=html, to_field="clean")
    with Workers(1, job, job.load()) as workers:
        sizes = [count for _, count, _, _ in jsonl.chunks("in.jsonl", iter(pages), workers)]
        assert sizes == [1, 3]
        if html is None:  # text records keep the small blocks
            assert [c for _, c, _, _ in jsonl.chunks("in.jsonl", iter(texts), workers)] == [1, 1, 1, 1]
    assert not jsonl.holds_pages(texts[0], Job()) and jsonl.holds_pages(pages[0], Job())
    assert not jsonl.holds_pages(b"not json\n", Job()) and not jsonl.holds_pages(pages[0], Job(html=False))
