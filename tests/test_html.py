"""cleaner.html: recognising a page, decoding its bytes, extracting its text."""

from __future__ import annotations

import inspect

import pytest

from cleaner.html import EXTRACT_OPTIONS, declared_charset, decode_html, html_to_text, looks_like_html, page_to_text

from conftest import ROOT

ARABIC = "زعيم كوريا الشمالية يصف بوتين بأنه “الرفيق الأقرب” في رسالة عيد ميلاد"


@pytest.mark.parametrize("data,name,expected", [
    (b"<!DOCTYPE html>\n<html>", None, True),
    (b"\n  <html dir='rtl' lang='ar'>", None, True),
    (b"\xef\xbb\xbf<!doctype html>", None, True),  # UTF-8 BOM
    (b"\xff\xfe" + "<!DOCTYPE html>".encode("utf-16-le"), None, True),  # UTF-16 BOM
    (b"<!-- saved from url=(0043)https://example.com/a -->\r\n<html>", None, True),  # a browser's "save as"
    (b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC>", None, True),  # XHTML
    (b"anything", "page.HTML", True),
    (b"anything", "saved/page.htm", True),
    # ... and their near misses: text that mentions or contains markup is text
    (b"The <html> element starts a page.", None, False),
    ("نص المقال <html>".encode(), None, False),
    (b"<p>a fragment</p>", "article.txt", False),
    (b"<!DOCTYPE html>", "notes.html.txt", True),  # the bytes say HTML whatever the name
    (b"", "page.txt", False),
    (b"", None, False),
])
def test_looks_like_html(data, name, expected):
    assert looks_like_html(data, name) is expected


@pytest.mark.parametrize("head,expected", [
    (b'<meta charset="windows-1256">', "cp1256"),
    (b"<meta charset=cp1256>", "cp1256"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6">', "iso8859-6"),
    (b"<meta http-equiv='content-type' content='text/html;charset=ISO-8859-1'>", "cp1252"),  # as browsers do
    (b'<meta charset="utf-16">', "utf-8"),  # an ASCII-compatible page cannot be UTF-16
    (b'<?xml version="1.0" encoding="windows-1256"?>', "cp1256"),
    (b'<meta charset="no-such-charset">', None),
    (b'<meta name="description" content="charset">', None),
    (b"<p>charset=windows-1256</p>", None),  # text, not a declaration
])
def test_declared_charset(head, expected):
    assert declared_charset(b"<html><head>" + head + b"</head>") == expected


def test_decode_prefers_utf8_then_the_declaration_then_detection():
    page = f"<html><head>{{}}</head><body><p>{ARABIC}</p></body></html>"
    # valid UTF-8 is UTF-8, even under a stale windows-1256 declaration
    stale = page.format('<meta charset="windows-1256">')
    assert decode_html(stale.encode("utf-8")) == stale
    # the declaration decodes windows-1256 bytes ...
    declared = page.format('<meta charset="windows-1256">')
    assert decode_html(declared.encode("cp1256")) == declared
    # ... and detection finds it when the page declares nothing, or declares UTF-8 wrongly
    for head in ("", '<meta charset="utf-8">'):
        assert decode_html(page.format(head).encode("cp1256")) == page.format(head)


def test_decode_keeps_a_bom_out_of_the_text():
    assert decode_html(b"\xef\xbb\xbf<html></html>") == "<html></html>"
    assert decode_html("\ufeff<html>سلام</html>".encode("utf-16-le")) == "<html>سلام</html>"


def test_page_to_text_keeps_paragraphs_as_lines_and_drops_comments():
    paragraphs = [f"الفقرة رقم {n} من نص المقال، وهي جملة طويلة بما يكفي ليعدها المستخرج نصا حقيقيا." for n in range(6)]
    page = ("<html><body><article><div class='entry-content'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</div></article><div id='comments' class='comments-area'><ol class='comment-list'>"
              "<li class='comment'><p>تعليق قارئ على الخبر لا ينتمي إلى نص المقال نفسه على الإطلاق.</p></li>"
              "</ol></div></body></html>")
    text = page_to_text(page)
    assert text.split("\n") == paragraphs  # one paragraph a line, no blank lines, no comment
    assert html_to_text(page.encode("utf-8")) == text


def test_a_page_without_article_text_gives_empty_text():
    assert page_to_text("<html><head><title>x</title></head><body></body></html>") == ""


def test_pinned_options_are_all_accepted_by_the_installed_trafilatura():
    import trafilatura

    inspect.signature(trafilatura.extract).bind("<html></html>", **EXTRACT_OPTIONS)  # TypeError on drift
    assert EXTRACT_OPTIONS["output_format"] == "txt" and EXTRACT_OPTIONS["include_comments"] is False
    assert EXTRACT_OPTIONS["deduplicate"] is False and EXTRACT_OPTIONS["include_formatting"] is False


def test_benchmark_runs_and_reports_the_ratio(capsys, monkeypatch):
    import runpy
    import sys

    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts the checkout first
    bench = runpy.run_path(str(ROOT / "bench" / "html_bench.py"))  # not run as __main__: defines main()
    assert bench["main"](["--seconds", "0.01"]) == 0
    out = capsys.readouterr().out
    assert "trafilatura alone" in out and "pages + rules" in out and "page by page" in out
    assert out.splitlines()[-1].startswith("ratio with rules / alone: ")


@pytest.mark.parametrize("group", [1, 1 << 17])
def test_clean_pages_gives_what_each_page_alone_gives(monkeypatch, group):
    from cleaner import clean, load_rules
    from cleaner import html

    monkeypatch.setattr(html, "GROUP_BYTES", group)
    rules = load_rules()
    paths = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))
    pages = [p.read_bytes() for p in paths[:4]] + [paths[4].read_text(encoding="utf-8")]  # bytes or str
    want = [(t, clean(t, rules).text) for t in map(html.to_text, pages)]
    got = [(text, result.text) for text, result in html.clean_pages(iter(pages), rules)]
    assert got == want and all(t for t, _ in got) and any(t != c for t, c in got)
