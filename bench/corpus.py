"""The benchmark's corpus: the seed articles, cycled, each copy made distinct.

Document *n* is seed ``n % 5`` with `` {n}`` inserted after the first word of its
longest sentence line (a body paragraph), so no two documents are equal (a cache could not
flatter the figures) and each cleans exactly like its seed (``tests/test_bench.py``
checks that against the golden files). No randomness: the same size gives the
same bytes on every run and machine.

* text: one ``.txt`` file per document, ``text/000/0000000.txt`` (1,000 to a folder);
* JSONL: one record per line, ``{"id": n, "url": "https://example.com/news/n", "text": ...}``,
  written with ``ensure_ascii=False`` as Arabic datasets usually are, LF line ends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def seed_texts() -> list[str]:
    return [p.read_bytes().decode("utf-8") for p in SEEDS]


def vary(text: str, n: int) -> str:
    """*text* with `` {n}`` after the first word of its longest sentence line (one that
    ends with a full stop: a shortcode line can be longer), the first on a tie."""
    lines = text.split("\n")
    i = max(range(len(lines)), key=lambda k: (lines[k].rstrip().endswith("."), len(lines[k]), -k))
    cut = lines[i].find(" ")
    lines[i] = f"{lines[i]} {n}" if cut < 0 else f"{lines[i][:cut]} {n}{lines[i][cut:]}"
    return "\n".join(lines)


def documents(texts: list[str], start: int = 0) -> Iterator[tuple[int, str]]:
    """``(n, document n)`` for n = start, start + 1, ... without end."""
    n = start
    while True:
        yield n, vary(texts[n % len(texts)], n)
        n += 1


def write_text(folder: Path, size: int, texts: list[str]) -> int:
    """At least *size* bytes of documents as files under *folder*; returns the count."""
    total = count = 0
    for n, doc in documents(texts):
        if total >= size:
            break
        data = doc.encode("utf-8")
        path = folder / f"{n // 1000:03}" / f"{n:07}.txt"
        if n % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        count += 1
    return count


def record(n: int, doc: str) -> bytes:
    obj = {"id": n, "url": f"https://example.com/news/{n}", "text": doc}
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")


def write_jsonl(path: Path, size: int, texts: list[str]) -> int:
    """At least *size* bytes of records in *path*; returns the count."""
    total = count = 0
    with open(path, "wb", buffering=1 << 20) as out:
        for n, doc in documents(texts):
            if total >= size:
                break
            data = record(n, doc)
            out.write(data)
            total += len(data)
            count += 1
    return count
