"""On a real Dask cluster (two worker processes), JSONL files come out byte for byte as
`cleaner clean --jsonl` prints them; bags and dataframes are cleaned as `clean` would."""

from __future__ import annotations

import gzip
import json
import subprocess

import pytest

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'cleaner[dask]'")

from cleaner import clean  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.cluster import clean_bag, clean_files, clean_partitions  # noqa: E402

from conftest import SEEDS  # noqa: E402

TEXTS = [s.read_text(encoding="utf-8") for s in SEEDS]
BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def record(n: int) -> bytes:
    raw = json.dumps({"id": n, "text": TEXTS[n % 5]}, ensure_ascii=n % 3 == 0) + ("\r\n" if n % 4 == 1 else "\n")
    return raw.encode("utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three files in two folders, one gzipped: BOM, CRLF, blank and malformed lines, no final newline."""
    base = tmp_path_factory.mktemp("in")
    (base / "b").mkdir()
    a = BOM + b"".join(record(n) for n in range(70)) + b"\n" + b'{"id": "broken"\n' + record(70).rstrip()
    (base / "a.jsonl").write_bytes(a)
    (base / "b" / "c.jsonl").write_bytes(b"".join(record(n) for n in range(100, 230)) + b"[1, 2]\n")
    (base / "b" / "d.jsonl.gz").write_bytes(gzip.compress(b"".join(record(n) for n in range(300, 340))))
    return base


def reference(cleaner_exe: str, path, *args: str) -> tuple[bytes, bytes]:
    p = subprocess.run([cleaner_exe, "clean", "--jsonl", "-j", "1", *args, str(path)], capture_output=True)
    assert p.returncode == 0, p.stderr
    return p.stdout, p.stderr


NAMES = ["a.jsonl", "b/c.jsonl", "b/d.jsonl.gz"]


def outputs(out) -> dict[str, bytes]:
    return {n: gzip.decompress((out / n).read_bytes()) if n.endswith(".gz") else (out / n).read_bytes()
            for n in NAMES}


def test_files_cleaned_on_the_cluster_are_byte_identical_to_one_process(cluster, corpus, tmp_path, cleaner_exe,
                                                                     capfd):
    report = clean_files([str(corpus / "*.jsonl"), corpus / "b"], tmp_path / "out", cluster.scheduler_address)
    got = outputs(tmp_path / "out")
    err = capfd.readouterr().err
    for name in NAMES:
        want, want_err = reference(cleaner_exe, corpus / name)
        assert got[name] == want, name
        for message in want_err.decode("utf-8").splitlines():  # the same messages, e.g. the malformed lines
            assert message in err
    assert got["a.jsonl"].startswith(BOM) and b'{"id": "broken"\n' in got["a.jsonl"]
    assert got["a.jsonl"] != (corpus / "a.jsonl").read_bytes()  # the seeds do have boilerplate
    assert report.errors == 0 and report.documents == 71 + 130 + 40
    assert (tmp_path / "out" / "b" / "d.jsonl.gz").read_bytes()[:2] == b"\x1f\x8b"


def test_the_dask_command_takes_a_scheduler_address_and_the_clean_options(cluster, corpus, tmp_path, cleaner_exe):
    out = tmp_path / "out"
    code = main(["dask", cluster.scheduler_address, str(corpus / "b" / "c.jsonl"), "-o", str(out),
                 "--annotate", "--select", "RA,MD", "--on-error", "skip"])
    want, _ = reference(cleaner_exe, corpus / "b" / "c.jsonl", "--annotate", "--select", "RA,MD",
                        "--on-error", "skip")
    assert code == 0
    assert (out / "c.jsonl").read_bytes() == want
    assert b"[1, 2]" not in want and b'"edits": [{"code": "MD' in want


def test_on_error_fail_stops_and_writes_no_output(cluster, corpus, tmp_path):
    code = main(["dask", cluster.scheduler_address, str(corpus / "a.jsonl"), "-o", str(tmp_path / "out"),
                 "--on-error", "fail"])
    assert code == 1
    assert list((tmp_path / "out").iterdir()) == []


def test_bags_of_lines_or_dicts_give_what_clean_gives(cluster, corpus, rules):
    import dask.bag as db

    lines = [record(n).decode("utf-8") for n in range(12)] + ['{"id": "broken"\n']
    with distributed.Client(cluster) as client:
        got_lines = clean_bag(db.from_sequence(lines, npartitions=3)).compute(scheduler=client.get)
        dicts = [json.loads(line) for line in lines[:12]]
        got_dicts = clean_bag(db.from_sequence(dicts, npartitions=3), on_error="skip").compute(scheduler=client.get)
    assert got_lines[-1] == lines[-1]  # kept as it was (on_error="keep")
    for n, (line, got) in enumerate(zip(lines[:12], got_lines)):
        assert json.loads(got) == {"id": n, "text": clean(TEXTS[n % 5], rules).text}
        assert got.endswith("\r\n") == line.endswith("\r\n")  # the line's end is kept
    assert got_dicts == [{"id": n, "text": clean(TEXTS[n % 5], rules).text} for n in range(12)]


def test_dataframe_partitions_are_cleaned_into_a_column(cluster, rules):
    dd = pytest.importorskip("dask.dataframe", reason="needs dask[dataframe]")
    import pandas as pd

    frame = pd.DataFrame({"id": range(10), "text": [TEXTS[n % 5] for n in range(10)]})
    df = dd.from_pandas(frame, npartitions=3)
    with distributed.Client(cluster) as client:
        got = clean_partitions(df, "text", to_column="clean").compute(scheduler=client.get)
        same = clean_partitions(df, "text").compute(scheduler=client.get)
    assert list(got.columns) == ["id", "text", "clean"]
    assert list(got["text"]) == list(frame["text"])
    assert list(got["clean"]) == [clean(t, rules).text for t in frame["text"]] == list(same["text"])


def test_inputs_are_files_folders_or_patterns_and_keep_their_paths_below_the_common_folder(corpus, tmp_path):
    from cleaner.cluster import find_inputs
    from cleaner.files import InputError

    got = find_inputs([str(corpus / "*.jsonl"), corpus / "b"])
    assert [(src.relative_to(corpus).as_posix(), rel.as_posix()) for src, rel in got] == [
        ("a.jsonl", "a.jsonl"), ("b/c.jsonl", "b/c.jsonl"), ("b/d.jsonl.gz", "b/d.jsonl.gz")]
    assert [rel.as_posix() for _, rel in find_inputs([corpus / "b" / "c.jsonl"])] == ["c.jsonl"]
    (tmp_path / "notes.txt").write_text("x")
    for bad, why in [([str(tmp_path / "*.jsonl")], "no file matches"), ([tmp_path / "notes.txt"], "not a .jsonl"),
                     ([tmp_path / "gone.jsonl"], "no such file")]:
        with pytest.raises(InputError, match=why):
            find_inputs(bad)
    with pytest.raises(InputError, match="would overwrite the input"):
        clean_files([corpus / "a.jsonl"], corpus, "tcp://127.0.0.1:1")  # refused before connecting


def test_options_are_spelled_as_on_the_command_line(tmp_path):
    from cleaner.cluster import make_job

    job = make_job(select="RA, SC", ignore=["MD004"], rules="site.toml", field="body", annotate=True)
    assert (job.select, job.ignore, job.field, job.annotate) == (("RA", "SC"), ("MD004",), "body", True)
    assert job.extra[0].is_absolute() and job.extra[0].name == "site.toml"  # workers may run elsewhere
