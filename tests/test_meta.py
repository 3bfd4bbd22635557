"""Metadata kept before removal: which rule gives which field is declared in the rule file."""

from __future__ import annotations

import doctest
import json

import pytest

import cleaner.meta
from cleaner import clean, load_rules
from cleaner.cli import main
from cleaner.meta import extract_meta, label_colon, split_tags

from conftest import SEEDS

SEED_002 = next(p for p in SEEDS if p.name.startswith("002_"))


def test_docstring_examples_run():
    result = doctest.testmod(cleaner.meta)
    assert result.attempted > 0 and result.failed == 0


def test_seed_002_source_tags_and_date(rules):
    text = SEED_002.read_text(encoding="utf-8")
    meta = extract_meta(text, clean(text, rules), rules)
    assert meta["source"] == "صحيفة المناطق السعودية"
    assert meta["date"] == "13th, September 2023 GMT"
    # the original spelling (Persian ی and ک) is kept: values are exact text
    assert meta["tags"] == ["بوتين", "روسيا", "كوريا", "الشمالية", "الزعیم", "الکوری", "الشمالی", "کوریا", "الشمالیة"]
    assert meta["byline"] == "المناطق_ متابعات"


def test_explain_meta_prints_one_json_line(capsys):
    assert main(["explain", "--meta", str(SEED_002)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("meta: ")
    meta = json.loads(last[len("meta: "):])
    assert meta["source"] == "صحيفة المناطق السعودية" and meta["tags"][0] == "بوتين"


def test_fields_come_from_the_rule_file_not_from_code(tmp_path):
    pack = tmp_path / "site.toml"
    pack.write_text('''
[[rule]]
code = "ZZ001"
name = "photographer-line"
kind = "line"
description = "Photographer credit."
pattern = 'تصوير ?: ?(?P<value>[^|]+)(?:\\| .*)?'
field = "photographer"
''', encoding="utf-8")
    rules = load_rules([pack], builtin=False)
    text = "نص المقال هنا.\nتصوير: أحمد علي | الأرشيف\n"
    assert extract_meta(text, clean(text, rules), rules) == {"photographer": "أحمد علي"}
    plain = load_rules([pack], builtin=False)
    plain[0].impl.conf["field"] = ""
    assert extract_meta(text, clean(text, plain), plain) == {}


@pytest.mark.parametrize("line,field,value", [
    ("الجمعة, 29 يونيو, 2012, 17:35 بتوقيت القدس", "date", "الجمعة, 29 يونيو, 2012, 17:35 بتوقيت القدس"),
    ("AHDATH.INFO- مكتب الرباط: الجيلالي بنحليمة", "byline", "الجيلالي بنحليمة"),
    ("كتب: محمد السيد", "byline", "محمد السيد"),
])
def test_head_lines(line, field, value, rules):
    text = f"عنوان الخبر\n{line}\nقال الوزير إن الحكومة ستبني مدارس جديدة في كل المحافظات هذا العام.\n"
    assert extract_meta(text, clean(text, rules), rules) == {field: value}


def test_byline_above_a_date_line(rules):
    text = ("نسبة ملء السدود ترتفع إلى 32 في المائة\n  هسبريس من الرباط \nالخميس 4 يوليوز 2024 - 15:20\n"
            "ارتفعت نسبة ملء السدود بالمملكة إلى 32 في المائة بعد التساقطات الأخيرة.\n")
    assert extract_meta(text, clean(text, rules), rules) == {"byline": "هسبريس من الرباط",
                                                             "date": "الخميس 4 يوليوز 2024 - 15:20"}


def test_quoted_paper_name_at_the_end_is_the_source(rules):
    text = "وتتخوف بعض الأوساط من عودة أجواء التشدد في الساحة خلال المرحلة المقبلة.\n«الحياة»\n"
    assert extract_meta(text, clean(text, rules), rules) == {"source": "الحياة"}


def test_nothing_removed_nothing_kept(rules):
    text = "وقال المصدر إن الاجتماع استمر ثلاث ساعات.\n"
    assert extract_meta(text, clean(text, rules), rules) == {}
    held = "المصدر: صدى البلد\nنعم.\n"
    result = clean(held, rules, max_removed=0.1)
    assert result.held_back and extract_meta(held, result, rules) == {}


def test_tags_split_on_separators_or_spaces_and_colon_rules():
    assert split_tags("بوتين، كيم جونغ أون| روسيا") == ["بوتين", "كيم جونغ أون", "روسيا"]
    assert split_tags(" #بوتين  #روسيا ") == ["بوتين", "روسيا"]
    assert label_colon("20:26 ت م") == -1 and label_colon("المصدر : رويترز") == 7
