"""The benchmark: one table of figures, all measured in the same run, with their targets.

    python bench/run.py               # 100 MB corpus and a 1 GB JSONL file: about 10 minutes
    python bench/run.py --quick       # a small smoke run (under a minute; figures not meaningful)
    python bench/run.py --size-mb 200 --jsonl-gb 0 --out /tmp/bench --keep
    python bench/run.py --only startup,html   # some of the figures (faster)

It runs the installed ``cleaner`` console script beside this interpreter (install the
checkout first: ``pip install .``) on a corpus built from ``seeds/`` (:mod:`corpus`:
byte-identical on every run; its SHA-256 is printed). MB are 10^6 bytes of input.

* **Throughput** of the full default rule set, through the real command line:
  ``cleaner clean --jsonl -j 1`` on the JSONL corpus and ``cleaner fix -j 1`` on the
  same documents as text files (fix writes atomically, with an fsync per file), and
  the engine alone in this process (``clean()`` on the documents of the first
  ``--engine-mb``). Each is set against the **line loop**, ``for line in fin:
  fout.write(line)`` with UTF-8 text I/O on the same files: the least any Python
  filter of these lines must do (read, decode, encode, write), so the practical
  ceiling. A **JSON loop** (``json.dumps(json.loads(line))`` per record) is shown for
  scale, without a target: it parses every record, but cleaning needs only one field.
  Ratios use CPU time (user + system, children included), which other processes on
  the machine disturb less than wall time; wall figures are in the notes.
* **Start-up**: the median wall time of ``--startup-runs`` runs of ``cleaner clean <
  seed`` against ``python -c "import regex, click"`` (the same interpreter), run in
  turns so that a busy moment hits both. Both sides run from bytecode, as installed
  packages do: where cleaner's modules have none (an editable install under
  PYTHONDONTWRITEBYTECODE compiles their source on every run), it is written for the
  measurement and removed after, and the figure without it is given in a note.
* **-j 2 against -j 1**: ``cleaner clean --jsonl`` on the JSONL corpus; the speed-up is
  a ratio of wall times (CPU time, all processes, in the notes).
* **Peak memory**: ``cleaner clean --jsonl -j 2 big.jsonl > /dev/null`` on a
  ``--jsonl-gb`` file (records as in the corpus): the kernel's peak RSS of the largest
  process (what ``/usr/bin/time -v`` reports), and the peak of the processes'
  summed PSS (shared pages counted once), sampled every 0.2 s from /proc. The
  baseline is the same figure on the smaller corpus: flat memory gives a ratio near 1.
  (Only these two runs are sampled: the timed ``-j`` runs are not, since reading /proc
  takes CPU from the run being timed.)
* **HTML**: ``bench/html_bench.py``'s figures on its fixture pages: the pages through
  ``cleaner.html.clean_pages`` (what a JSONL ``html`` field gets) against trafilatura
  alone (the ratio is of the times; target from there); page by page in a note.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from measure import Run, compile_package, median_loop, median_run, run  # noqa: E402

import cleaner  # noqa: E402  (the installed package: the one the console script runs)

MB = 1e6


@dataclass
class Row:
    section: str  # the table is ordered by SECTIONS
    figure: str
    value: str
    baseline: str
    ratio: float | None
    target: str = ""
    met: bool | None = None


def verdict(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "NOT met")


def print_table(rows: list[Row], notes: list[str]) -> None:
    cells = [("figure", "value", "baseline", "ratio", "target", "result")]
    cells += [(r.figure, r.value, r.baseline, "" if r.ratio is None else f"{r.ratio:.3f}", r.target,
               verdict(r.met)) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(6)]
    for k, c in enumerate(cells):
        print("  ".join(x.ljust(w) if i != 3 else x.rjust(w) for i, (x, w) in enumerate(zip(c, widths))).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
    for n in notes:
        print(f"* {n}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=100, help="corpus size, text and JSONL each (100)")
    parser.add_argument("--jsonl-gb", type=float, default=1, help="the peak-memory file; 0 skips it (1)")
    parser.add_argument("--engine-mb", type=float, default=20, help="text for the in-process engine (20)")
    parser.add_argument("--startup-runs", type=int, default=15, help="runs of each start-up command (15)")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each -j measurement; medians (1)")
    parser.add_argument("--html-seconds", type=float, default=3, help="time on each HTML side (3)")
    parser.add_argument("--only", metavar="PARTS", help=f"a comma-separated choice of: {', '.join(PARTS)}")
    parser.add_argument("--quick", action="store_true", help="a small smoke run: sizes of a few MB")
    parser.add_argument("--out", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    args.only = args.only.split(",") if args.only else list(PARTS)
    if set(args.only) - set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}")
    if args.quick:
        args.size_mb, args.jsonl_gb, args.engine_mb = 2, 0.003 if args.jsonl_gb else 0, 0.5
        args.startup_runs, args.repeats, args.html_seconds = 3, 1, 0.2
    exe = Path(sys.executable).parent / "cleaner"
    if not exe.exists():
        sys.exit(f"bench: no `cleaner` console script beside {sys.executable}; install the checkout: pip install .")
    work = args.out or Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bench = Bench(args, exe, work)
        bench.measure()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(sorted(bench.rows, key=lambda r: SECTIONS.index(r.section)), bench.notes)
    met = [r.met for r in bench.rows if r.met is not None]
    print(f"targets met: {sum(met)} of {len(met)}")
    return 0


SECTIONS = ["throughput", "start-up", "-j", "memory", "HTML"]
PARTS = ("startup", "throughput", "html", "memory")  # throughput includes -j


class Bench:
    def __init__(self, args, exe: Path, work: Path):
        self.args, self.exe, self.work = args, str(exe), work
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.began = time.perf_counter()
        self.texts = corpus.seed_texts()
        self.rules = cleaner.load_rules()

    def row(self, section: str, figure: str, value: str, baseline: str, ratio: float | None, target: str = "",
            met: bool | None = None) -> None:
        self.rows.append(Row(section, figure, value, baseline, ratio, target, met))

    def progress(self, what: str) -> None:
        print(f"  [{time.perf_counter() - self.began:4.0f} s] {what}", file=sys.stderr, flush=True)

    def measure(self) -> None:
        a, work = self.args, self.work
        size = int(a.size_mb * MB)
        self.ndocs = corpus.write_text(work / "text", size, self.texts)
        corpus.write_jsonl(work / "corpus.jsonl", size, self.texts)
        self.files = sorted((work / "text").rglob("*.txt"))
        self.text_mb = sum(f.stat().st_size for f in self.files) / MB
        self.jsonl = work / "corpus.jsonl"
        self.jsonl_mb = self.jsonl.stat().st_size / MB
        digest = hashlib.sha256(self.jsonl.read_bytes()).hexdigest()[:16]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        from cleaner.engine import build

        print(f"cleaner {cleaner.__version__} (engine {build()}), Python {platform.python_version()}, {platform.machine()}, "
              f"{os.cpu_count()} cores, load {load:.2f}; {self.ndocs} documents: text {self.text_mb:.1f} MB, "
              f"JSONL {self.jsonl_mb:.1f} MB (sha256 {digest}...)", flush=True)
        if "startup" in a.only:
            self.startup()
        if "throughput" in a.only:
            self.throughput_and_jobs()
        if "html" in a.only:
            self.html()
        if a.jsonl_gb and "memory" in a.only:
            self.memory()
        self.notes.append(f"measured in {time.perf_counter() - self.began:.0f} s; other processes share the "
                          f"machine, so the figures are noisy: compare the ratios")

    def startup(self) -> None:
        """Medians of runs in turns, after one warm-up run of each, with cleaner's bytecode.

        An installed cleaner runs from bytecode (pip compiles it), as regex and click do in
        the baseline. An editable install under PYTHONDONTWRITEBYTECODE has none, and would
        compile cleaner's source on every run: then its modules are compiled for the
        measurement (the .pyc files written are removed afterwards), and the figure without
        bytecode is measured first and given in a note.
        """
        self.progress("start-up")
        cmds = {"cleaner": [self.exe, "clean"], "import": [sys.executable, "-c", "import regex, click"],
                "pass": [sys.executable, "-c", "pass"]}
        package = Path(cleaner.__file__).parent
        stale = compile_package(package, dry_run=True)
        if stale:
            t = self._startup_times(cmds)
            self.notes.append(f"start-up as installed here, without bytecode for {len(stale)} of cleaner's "
                              f"modules (each run compiles the source of those it imports): "
                              f"{t['cleaner'] * 1e3:.0f} ms against {t['import'] * 1e3:.0f} ms, "
                              f"ratio {t['cleaner'] / t['import']:.3f}")
        created = [pyc for pyc in stale if not pyc.exists()]
        try:
            try:
                compile_package(package)
            except OSError as exc:  # a package folder we may not write to: measured as it is
                self.notes.append(f"start-up: could not write cleaner's bytecode ({exc}); the figure is "
                                  f"without it")
            t = self._startup_times(cmds)
        finally:
            for pyc in created:
                pyc.unlink(missing_ok=True)
                try:
                    pyc.parent.rmdir()  # a __pycache__ folder made for the measurement
                except OSError:
                    pass
        ratio = t["cleaner"] / t["import"]
        self.row("start-up", "start-up: cleaner clean < seed (median wall)", f"{t['cleaner'] * 1e3:.0f} ms",
                 f"{t['import'] * 1e3:.0f} ms import regex, click", ratio, "<= 1.5", ratio <= 1.5)
        self.notes.append(f"start-up: medians of {self.args.startup_runs} runs, cleaner from bytecode; "
                          f"`python -c pass` takes {t['pass'] * 1e3:.0f} ms")

    def _startup_times(self, cmds: dict[str, list[str]]) -> dict[str, float]:
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for i in range(self.args.startup_runs + 1):
            for key, cmd in cmds.items():
                r = run(cmd, stdin=corpus.SEEDS[2] if key == "cleaner" else None)
                if i:
                    times[key].append(r.wall)
        return {k: statistics.median(v) for k, v in times.items()}

    def throughput_and_jobs(self) -> None:
        a, work, jsonl, jsonl_mb, text_mb = self.args, self.work, self.jsonl, self.jsonl_mb, self.text_mb
        self.progress("line and JSON loops")
        (work / "loop").mkdir()
        line_text = median_loop([(f, work / "loop" / f.name) for f in self.files], 3)
        line_jsonl = median_loop([(jsonl, work / "loop.jsonl")], 3)
        json_loop = median_loop([(jsonl, work / "loop.jsonl")], 3, parse=True)
        shutil.rmtree(work / "loop")

        runs: dict[int, list[Run]] = {1: [], 2: []}
        for _ in range(a.repeats):  # in turns, so that a busy stretch hits both
            for j in (1, 2):
                self.progress(f"clean --jsonl -j {j}")
                # not sampled: reading /proc five times a second takes CPU from the run
                # (the memory figures sample a run of their own)
                runs[j].append(run([self.exe, "clean", "--jsonl", "-q", "-j", str(j), str(jsonl)],
                                   stdout=work / f"out-j{j}.jsonl"))
        j1, self.j2 = median_run(runs[1]), median_run(runs[2])
        same = (work / "out-j1.jsonl").read_bytes() == (work / "out-j2.jsonl").read_bytes()
        ratio = line_jsonl[1] / j1.cpu
        self.row("throughput", "throughput: clean --jsonl -j 1 (CPU)", f"{jsonl_mb / j1.cpu:.2f} MB/s",
                 f"{jsonl_mb / line_jsonl[1]:.1f} MB/s line loop", ratio, ">= 0.5", ratio >= 0.5)
        self.row("throughput", "  the same against a JSON loop", f"{jsonl_mb / j1.cpu:.2f} MB/s",
                 f"{jsonl_mb / json_loop[1]:.1f} MB/s JSON loop", json_loop[1] / j1.cpu)
        self.notes.append(f"wall: clean --jsonl -j 1 {jsonl_mb / j1.wall:.2f} MB/s, line loop "
                          f"{jsonl_mb / line_jsonl[0]:.1f} MB/s, JSON loop {jsonl_mb / json_loop[0]:.1f} MB/s")
        speedup = j1.wall / self.j2.wall
        self.row("-j", "-j 2 against -j 1: speed-up (wall)", f"{self.j2.wall:.1f} s", f"{j1.wall:.1f} s with -j 1",
                 speedup, ">= 1.8", speedup >= 1.8)
        busy = self.j2.cpu / self.j2.wall
        starved = " (under 1.5 with -j 2: other processes had the cores)" if busy < 1.5 else ""
        self.notes.append(f"-j: CPU time (all processes) -j 1 {j1.cpu:.1f} s, -j 2 {self.j2.cpu:.1f} s; cores "
                          f"busy on average (CPU / wall) {j1.cpu / j1.wall:.2f} and {busy:.2f}{starved}; "
                          f"{a.repeats} run(s) each (medians); -j 1 and -j 2 outputs identical: {same}")

        self.progress("fix -j 1 on the text files")
        shutil.copytree(work / "text", work / "fixed")
        fix = run([self.exe, "fix", "-q", "-j", "1", str(work / "fixed")], ok=(0, 1))
        shutil.rmtree(work / "fixed")
        ratio = line_text[1] / fix.cpu
        self.row("throughput", "throughput: fix -j 1, text files (CPU)", f"{text_mb / fix.cpu:.2f} MB/s",
                 f"{text_mb / line_text[1]:.1f} MB/s line loop", ratio, ">= 0.5", ratio >= 0.5)
        self.notes.append(f"wall: fix -j 1 {text_mb / fix.wall:.2f} MB/s on {len(self.files)} files, "
                          f"line loop {text_mb / line_text[0]:.1f} MB/s")

        self.progress("the engine in this process")
        docs, total = [], 0
        for _, doc in corpus.documents(self.texts):
            if total >= a.engine_mb * MB:
                break
            docs.append(doc)
            total += len(doc.encode("utf-8"))
        cpu = time.process_time()
        for doc in docs:
            cleaner.clean(doc, self.rules)
        rate = total / MB / (time.process_time() - cpu)
        self.row("throughput", "throughput: engine alone, in process (CPU)", f"{rate:.2f} MB/s",
                 f"{text_mb / line_text[1]:.1f} MB/s line loop", rate / (text_mb / line_text[1]))

    def html(self) -> None:
        self.progress("HTML")
        import html_bench  # trafilatura is imported here, not before

        pages = html_bench.load_pages(corpus.ROOT / "tests" / "fixtures" / "html")
        m = html_bench.measure(pages, self.args.html_seconds, self.rules)
        ratio = m["rules"] / m["alone"]
        self.row("HTML", "HTML: pages + rules (time ratio)", f"{m['pages'] / m['rules']:.1f} pages/s",
                 f"{m['pages'] / m['alone']:.1f} pages/s trafilatura", ratio, f"<= {html_bench.TARGET:.2f}",
                 ratio <= html_bench.TARGET)
        self.notes.append(f"HTML: {len(pages)} fixture pages, {m['rounds']} rounds; page by page (as "
                          f"`cleaner clean page.html`) {m['single'] / m['alone']:.3f} of trafilatura's time; "
                          f"the rules alone on the extracted text {m['pages'] / m['engine']:.0f} pages/s")

    def memory(self) -> None:
        gb = self.args.jsonl_gb
        self.progress(f"{gb:g} GB JSONL")
        big = self.work / "big.jsonl"
        corpus.write_jsonl(big, int(gb * 1e9), self.texts)
        big_mb = big.stat().st_size / MB
        r = run([self.exe, "clean", "--jsonl", "-q", "-j", "2", str(big)], sample=True)
        big.unlink()
        # the baseline: the same command, sampled the same way, on the smaller corpus
        j2 = run([self.exe, "clean", "--jsonl", "-q", "-j", "2", str(self.jsonl)], sample=True)
        small = f"on {self.jsonl_mb:.0f} MB"
        size = f"{big_mb / 1e3:.2f} GB" if big_mb >= 1e3 else f"{big_mb:.0f} MB"
        self.row("memory", f"peak RSS: {size} JSONL, -j 2, largest process", f"{r.maxrss:.0f} MB",
                 f"{j2.maxrss:.0f} MB {small}", r.maxrss / j2.maxrss, "<= 100 MB", r.maxrss <= 100)
        if r.pss and j2.pss:
            self.row("memory", "  all processes, PSS sum (sampled)", f"{r.pss:.0f} MB", f"{j2.pss:.0f} MB {small}",
                     r.pss / j2.pss, "<= 100 MB", r.pss <= 100)
        self.notes.append(f"{big_mb:.0f} MB JSONL cleaned with -j 2 at {big_mb / r.wall:.2f} MB/s (wall), "
                          f"in {r.wall:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
