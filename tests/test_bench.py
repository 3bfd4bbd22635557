"""The benchmark (bench/run.py): its corpus is deterministic and cleans like the seeds, and a
quick run prints the whole table. Structure only: the figures are never asserted."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

import pytest

from cleaner import clean

from conftest import GOLDEN, ROOT, SEEDS

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402


def test_the_corpus_is_the_same_bytes_on_every_build(tmp_path):
    texts = corpus.seed_texts()
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        assert corpus.write_jsonl(tmp_path / run / "c.jsonl", 300_000, texts) > 30
        corpus.write_text(tmp_path / run / "text", 100_000, texts)
    assert (tmp_path / "a" / "c.jsonl").read_bytes() == (tmp_path / "b" / "c.jsonl").read_bytes()
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a" / "text").rglob("*.txt"))
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert sum((tmp_path / "a" / f).stat().st_size for f in files) >= 100_000


def test_no_two_documents_are_equal_and_each_cleans_like_its_seed(rules):
    texts = corpus.seed_texts()
    golden = [(GOLDEN / s.name).read_text(encoding="utf-8") for s in SEEDS]
    docs = [doc for _, doc in itertools.islice(corpus.documents(texts), 12)]
    assert len(set(docs)) == 12
    for n, doc in enumerate(docs):
        assert f" {n} " in doc and doc != texts[n % 5]
        assert clean(doc, rules).text == corpus.vary(golden[n % 5], n)  # the number sits in kept body text


@pytest.mark.parametrize("text, n, want", [
    ("title\nA long body line.\n[shortcode that is even longer than the body line]\n", 7,
     "title\nA 7 long body line.\n[shortcode that is even longer than the body line]\n"),
    ("نص.\n", 3, "نص. 3\n"),
])
def test_the_number_goes_after_the_first_word_of_the_longest_sentence(text, n, want):
    assert corpus.vary(text, n) == want


def test_a_quick_run_prints_every_figure_with_its_target(tmp_path):
    work = tmp_path / "work"
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(work)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert re.match(r"cleaner \S+ \(engine (compiled|pure Python)\), Python \S+, .* \d+ documents: text [\d.]+ MB, JSONL [\d.]+ MB \(sha256 \w+",
                    lines[0])
    assert lines[1].split() == ["figure", "value", "baseline", "ratio", "target", "result"]
    rows = {line.strip().split("  ")[0]: line for line in lines[3:] if not line.startswith(("*", "targets"))}
    for figure, target in [("throughput: clean --jsonl -j 1 (CPU)", ">= 0.5"),
                           ("throughput: fix -j 1, text files (CPU)", ">= 0.5"),
                           ("start-up: cleaner clean < seed (median wall)", "<= 1.5"),
                           ("-j 2 against -j 1: speed-up (wall)", ">= 1.8"),
                           ("all processes, PSS sum (sampled)", "<= 100 MB"),
                           ("HTML: pages + rules (time ratio)", "<= 1.10")]:
        assert re.search(rf"  \d+\.\d{{3}}  {re.escape(target)} +(met|NOT met)$", rows[figure]), rows[figure]
    assert re.search(r"  \d+\.\d{3}$", rows["throughput: engine alone, in process (CPU)"])  # no target
    assert any(f.startswith("peak RSS: ") for f in rows)
    assert "-j 1 and -j 2 outputs identical: True" in p.stdout
    assert re.fullmatch(r"targets met: \d of 7", lines[-1])
    assert not work.exists()  # the work folder goes unless --keep
