"""Helpers for the review-page tests: a small corpus, and reading a page's DOM back."""

from __future__ import annotations

import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from conftest import SEEDS

ENGLISH = "The two leaders agreed to meet again next month, officials said on Tuesday.\nTags: Putin, Russia\n"
HELD = "اترك تعليقاً\nزر الذهاب إلى الأعلى\nنعم.\n"
SPAN = 'وقال الوزير إن المشروع بدأ. [gallery ids="1,2"] وتابع <script>alert(1)</script> أنه سينتهي قريبا.\n'


def corpus(folder: Path) -> Path:
    """The seeds plus an English page, a held-back page and a span inside a line."""
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    for name, text in (("en.txt", ENGLISH), ("held.txt", HELD), ("span.txt", SPAN)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class Page(HTMLParser):
    """The parts of a review page the tests look at."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = []  # attrs + "text" (the pre's text) + "marks"
        self.tags: Counter = Counter()
        self.urls: list[str] = []
        self._stack: list[str] = []
        self._in_pre = False
        self._mark: dict | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        self.urls += [v for k, v in attrs if k in ("src", "href", "action", "data") and v is not None]
        if tag == "section" and "doc" in a.get("class", "").split():
            self.sections.append({**a, "text": "", "marks": []})
        elif tag == "pre" and self.sections:
            self._in_pre = True
        elif tag == "mark" and self._in_pre:
            self._mark = {**a, "text": ""}
            self.sections[-1]["marks"].append(self._mark)

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre = False
        elif tag == "mark":
            self._mark = None

    def handle_data(self, data):
        if self._in_pre:
            self.sections[-1]["text"] += data
            if self._mark is not None:
                self._mark["text"] += data

    def edit_marks(self) -> Counter:
        return Counter(m["data-code"] for s in self.sections for m in s["marks"]
                       if "edit" in m.get("class", "").split())
