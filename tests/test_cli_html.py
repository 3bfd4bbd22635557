"""`cleaner clean` on HTML: detection, --html/--no-html, and trafilatura only on that path."""

from __future__ import annotations

import io
import subprocess
import sys

from cleaner.cli import main

from conftest import GOLDEN, SEEDS

BODY = [f"وقال المتحدث إن الجولة رقم {n} من المحادثات بين الجانبين ستبدأ الأسبوع المقبل في العاصمة." for n in range(5)]
PAGE = ("<!DOCTYPE html>\n<html dir='rtl' lang='ar'><head><meta charset='utf-8'><title>خبر</title></head><body>"
        "<nav class='main-nav'><ul><li><a href='/'>الرئيسية</a></li><li><a href='/news/'>أخبار</a></li></ul></nav>"
        "<article><div class='entry-content'>"
        + "".join(f"<p>{p}</p>" for p in BODY[:3])
        + "<p>[covid19-ultimate-card region=”EG” region-name=”مصر”]</p>"
        + "".join(f"<p>{p}</p>" for p in BODY[3:])
        + "<p>المصدر: وكالات</p></div></article>"
          "<footer class='site-footer'><p>جميع الحقوق محفوظة</p></footer></body></html>\n")
# One paragraph a line; the source line goes, and so does the line the shortcode stood
# on (a cut that empties its line removes the line, as a line rule would).
CLEAN = "\n".join(BODY) + "\n"


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_html_file_is_detected_by_its_name(tmp_path, capsysbinary):
    page = tmp_path / "article.html"
    page.write_text(PAGE.replace("<!DOCTYPE html>\n", ""), encoding="utf-8")
    assert main(["clean", str(page)]) == 0
    assert capsysbinary.readouterr().out.decode() == CLEAN


def test_html_on_stdin_is_detected_by_its_doctype(monkeypatch, capsysbinary):
    _stdin(monkeypatch, PAGE.encode("utf-8"))
    assert main(["clean"]) == 0
    assert capsysbinary.readouterr().out.decode() == CLEAN


def test_html_flag_forces_a_page_and_no_html_forces_text(tmp_path, capsysbinary):
    saved = tmp_path / "page.txt"  # a page under a text name that lost its first lines
    saved.write_text(PAGE[PAGE.index("<head>"):], encoding="utf-8")
    assert main(["clean", str(saved)]) == 0
    assert capsysbinary.readouterr().out.decode().startswith("<head>")  # text: markup and all
    assert main(["clean", "--html", str(saved)]) == 0
    assert capsysbinary.readouterr().out.decode() == CLEAN
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["clean", "--no-html", str(page)]) == 0
    assert capsysbinary.readouterr().out.decode().startswith("<!DOCTYPE html>")


def test_text_that_mentions_html_is_text(monkeypatch, capsysbinary):
    text = "يبدأ كل ملف صفحة بالوسم <html> كما يشرح الدليل.\n"
    _stdin(monkeypatch, text.encode("utf-8"))
    assert main(["clean"]) == 0
    assert capsysbinary.readouterr().out.decode() == text


def test_page_without_article_text_says_so(tmp_path, capfdbinary):
    page = tmp_path / "empty.html"
    page.write_text("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    assert main(["clean", str(page)]) == 0
    captured = capfdbinary.readouterr()
    assert captured.out == b""
    assert b"empty.html: no article text found in the HTML page" in captured.err


def test_help_documents_the_html_options(capsys):
    assert main(["clean", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--html / --no-html" in out and "trafilatura" in out


# A fresh interpreter for each: sys.modules must show what *this* run imported.
PROBE = ("import sys; from cleaner.cli import main; code = main(['clean', sys.argv[1]]); "
         "sys.stderr.write(f'exit={code} trafilatura={\"trafilatura\" in sys.modules}')")


def _probe(path) -> tuple[bytes, str]:
    run = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, check=True)
    return run.stdout, run.stderr.decode().splitlines()[-1]


def test_a_text_run_never_imports_trafilatura():
    out, status = _probe(SEEDS[2])
    assert out == (GOLDEN / SEEDS[2].name).read_bytes()
    assert status == "exit=0 trafilatura=False"


def test_an_html_run_imports_trafilatura(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out, status = _probe(page)
    assert out.decode() == CLEAN
    assert status == "exit=0 trafilatura=True"
