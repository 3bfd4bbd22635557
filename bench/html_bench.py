"""HTML throughput: trafilatura alone against cleaner's HTML path, on the same pages.

    python bench/html_bench.py                  # the fixture pages, about 3 s a side
    python bench/html_bench.py --seconds 10 --pages saved-pages/ --max-ratio 1.1

(``bench/run.py``, the whole benchmark, reports the same figures through :func:`measure`.)

"trafilatura alone" is ``trafilatura.extract(page_bytes, **EXTRACT_OPTIONS)``, with
the options cleaner pins; "with rules" is what cleaner does with many pages (the
``html`` field of a JSONL corpus, :func:`cleaner.html.clean_pages`): decoding, the
same extraction and the rule engine, the extraction of a group of pages (a JSONL
block) before the cleaning of their texts. "page by page" alternates the two for
each page, as ``cleaner clean page.html`` does for its one page; it is shown, not
held to the target (a one-page run is dominated by start-up, not by this).
The sides alternate in rounds over the same pages, so a slower stretch of the machine
hits each. The ratio is the time with rules over the time alone; the target is 1.10
(the rules add at most 10 %). ``--max-ratio`` makes a ratio above it exit 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:  # the installed package (with its compiled engine) is what users run
    import cleaner  # noqa: F401
except ImportError:  # not installed: the checkout's
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from cleaner import clean, load_rules  # noqa: E402
from cleaner.engine import build  # noqa: E402
from cleaner.html import EXTRACT_OPTIONS, clean_pages, html_to_text  # noqa: E402

TARGET = 1.10


def alone(pages: list[bytes]) -> None:
    for page in pages:
        trafilatura.extract(page, **EXTRACT_OPTIONS)


def with_rules(pages: list[bytes], rules) -> None:
    for _ in clean_pages(pages, rules):
        pass


def page_by_page(pages: list[bytes], rules) -> None:
    for page in pages:
        clean(html_to_text(page), rules)


def load_pages(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix.lower() in (".html", ".htm")]


def measure(pages: list[bytes], seconds: float, rules=None) -> dict[str, float]:
    """Seconds spent on each side over the same rounds of *pages*: ``alone``
    (trafilatura), ``rules`` (:func:`cleaner.html.clean_pages`), ``single`` (page by
    page) and ``engine`` (the rules on the extracted texts); ``pages`` and ``mb`` say
    how much that was."""
    rules = load_rules() if rules is None else rules
    texts = [html_to_text(p) for p in pages]  # warms both paths up, and times the rules alone below

    start = time.perf_counter()
    alone(pages)
    rounds = max(1, round(seconds / (time.perf_counter() - start)))
    spent = {"alone": 0.0, "rules": 0.0, "single": 0.0}
    for _ in range(rounds):
        for key, run in (("alone", lambda: alone(pages)), ("rules", lambda: with_rules(pages, rules)),
                         ("single", lambda: page_by_page(pages, rules))):
            start = time.perf_counter()
            run()
            spent[key] += time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            clean(text, rules)
    spent["engine"] = time.perf_counter() - start
    return {**spent, "rounds": rounds, "pages": len(pages) * rounds, "mb": sum(map(len, pages)) * rounds / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=ROOT / "tests" / "fixtures" / "html",
                        help="folder of *.html/*.htm pages (default: the test fixtures)")
    parser.add_argument("--seconds", type=float, default=3.0, help="time to spend on each side (default 3)")
    parser.add_argument("--max-ratio", type=float, help="exit 1 when the ratio is above this")
    args = parser.parse_args(argv)

    pages = load_pages(args.pages)
    if not pages:
        parser.error(f"no *.html pages in {args.pages}")
    m = measure(pages, args.seconds)
    n, mb, ratio = m["pages"], m["mb"], m["rules"] / m["alone"]
    print(f"trafilatura {trafilatura.__version__}; engine {build()}; {len(pages)} pages from {args.pages}, "
          f"{sum(map(len, pages)) / 1e3:.0f} kB, {m['rounds']} rounds ({n} pages, {mb:.1f} MB)")
    for label, key in (("trafilatura alone", "alone"), ("pages + rules", "rules"), ("page by page", "single")):
        print(f"{label:<22}{n / m[key]:8.1f} pages/s {mb / m[key]:7.2f} MB/s "
              f"{m[key] / n * 1e3:7.2f} ms/page")
    print(f"{'rule engine alone':<22}{n / m['engine']:8.1f} pages/s {'':15}{m['engine'] / n * 1e3:7.2f} ms/page")
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"ratio with rules / alone: {ratio:.3f}  (target <= {TARGET:.2f}: {verdict}); "
          f"page by page: {m['single'] / m['alone']:.3f}")
    return 1 if args.max_ratio is not None and ratio > args.max_ratio else 0


if __name__ == "__main__":
    sys.exit(main())
