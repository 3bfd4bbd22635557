"""JSONL records stream: results come before the input ends, and memory does not grow with it."""

from __future__ import annotations

import itertools
import json
import tracemalloc

import pytest

from cleaner import jsonl
from cleaner.jsonl import chunks
from cleaner.parallel import Job, Workers
from cleaner.progress import Bar
from cleaner.report import FixReport, StatsReport
from cleaner.workflow import stream_records

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\n"


def lines(count: int | None = None):
    numbers = itertools.count() if count is None else range(count)
    return (json.dumps({"id": n, "text": DIRTY if n % 2 else BODY}).encode() + b"\n" for n in numbers)


class Discard:
    """An output file that keeps nothing (what is written is not what is measured)."""

    def write(self, data: bytes) -> int:
        return len(data)


@pytest.mark.parametrize("jobs", [1, 2])
def test_records_stream_from_an_endless_input(jobs):
    with Workers(jobs, Job()) as workers:
        first = list(itertools.islice(chunks("endless", lines(), workers), 3))
    n = 1
    for block, count, _, (out, changed, plain, notes) in first:
        assert count == block.count(b"\n") and changed
        dirty = [m for m in range(n, n + count) if m % 2 == 0]  # line m holds record m - 1
        assert [m for m, *_ in notes] == dirty and plain == count - len(dirty)
        assert all(doc.edits[0].code == "PC001" for *_, doc in notes)
        assert out.count(b"\n") == count
        n += count
    assert n > 300


@pytest.mark.parametrize("make_report", [
    lambda rules: FixReport(0.85, quiet=True),
    lambda rules: StatsReport(0.85, rules),
])
def test_memory_does_not_grow_with_the_number_of_records(make_report, monkeypatch):
    monkeypatch.setattr(jsonl, "CHUNK", 4096)  # blocks of ~30 records: both counts are many blocks
    job = Job(write=True)
    rules = job.load()
    peaks = []
    with Workers(1, job, rules) as workers:
        for count in (400, 2000):
            report = make_report(rules)
            tracemalloc.start()
            changed = stream_records("c.jsonl", lines(count), Discard(), workers, report, "keep",
                                     Bar(False, "rec"))
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            report.file_end("c.jsonl", changed, True)
            assert changed and report.documents == count
    # five times the records, about the same peak (a kept edit list would make it ~5x)
    assert peaks[1] < 1.5 * peaks[0], peaks
