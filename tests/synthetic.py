"""A generated Arabic corpus with planted boilerplate, for ``cleaner discover``.

Article sentences are built combinatorially (subject, statement, object, place,
time), one combination per sentence, so no article line repeats across
documents. Three planted lines the built-in rules do not know recur in 10 to 15
documents, some in other spellings (hamza, shadda, alef maqsura, a changing
number); a known one (زر الذهاب إلى الأعلى) is in 30 and must not be proposed;
a quoted witness line recurs in only 3 documents, below the default threshold.
"""

from __future__ import annotations

from pathlib import Path

SUBJECTS = ["قال وزير الاقتصاد", "أعلنت وزارة الصحة", "أكد رئيس البلدية", "كشف مدير الشركة الوطنية",
            "أوضح المتحدث باسم الحكومة", "ذكرت مصادر مطلعة", "أفاد تقرير رسمي", "صرح محافظ البنك المركزي",
            "أشار خبراء الطاقة", "نقلت وكالة الأنباء الرسمية"]
STATEMENTS = ["أن الحكومة ستفتتح", "أن السلطات قررت إنشاء", "أن المجلس وافق على تمويل", "أن الوزارة بدأت تجهيز",
              "أن الشركة تخطط لبناء", "أن المستثمرين يدرسون شراء", "أن البلدية أنهت تصميم",
              "أن الجامعة اقترحت تطوير", "أن اللجنة رفضت تأجيل", "أن المقاول تعهد بتسليم"]
OBJECTS = ["مستشفى جديدا", "مدرسة حديثة", "جسرا كبيرا", "محطة كهرباء", "مصنعا للأدوية", "سوقا شعبية",
           "ملعبا رياضيا", "مكتبة عامة", "مطارا إقليميا", "ميناء تجاريا"]
PLACES = ["في مدينة الإسكندرية", "في محافظة البصرة", "في ضواحي عمّان", "في شمال المغرب", "في جنوب تونس",
          "في منطقة القصيم", "في ريف حلب", "في مدينة صلالة", "في ولاية الخرطوم", "في شرق ليبيا"]
TIMES = ["خلال الأشهر المقبلة.", "قبل نهاية العام الجاري.", "في غضون عامين.", "بعد موافقة البرلمان.",
         "وفق الخطة الخمسية.", "رغم اعتراض بعض السكان.", "بتمويل من صندوق التنمية.", "بحسب بيان صدر اليوم.",
         "في إطار برنامج الإصلاح.", "مع بداية الموسم المقبل."]

DISCLAIMER = ["الآراء الواردة في المقالات تعبّر عن أصحابها ولا تعبر بالضرورة عن رأي الموقع",
              "الاراء الواردة في المقالات تعبر عن اصحابها ولا تعبر بالضرورة عن رأى الموقع"]
JOIN = ["انضم إلى مجموعة قراء الأفق الآن", "انضمّ الى مجموعة قرّاء الافق الآن"]
BULLETIN = "نشرة الأفق المسائية رقم {}"
PLANTED = DISCLAIMER + JOIN + [BULLETIN.format(200 + d) for d in range(60)]
KNOWN = "زر الذهاب إلى الأعلى"
WITNESS = "وقال شاهد عيان إن الوضع هادئ تماما في المنطقة منذ صباح اليوم."
PER_DOC = 6


def sentence(n: int) -> str:
    """The n-th article sentence: a distinct combination for every n below 100000."""
    m = (n * 7919) % 100_000  # a bijection that spreads neighbours over all the parts
    parts = []
    for options in (SUBJECTS, STATEMENTS, OBJECTS, PLACES, TIMES):
        parts.append(options[m % 10])
        m //= 10
    return " ".join(parts)


def document(d: int) -> str:
    lines = [f"{OBJECTS[d % 10]} {PLACES[d // 10 % 10]} {TIMES[(d * 3) % 10].rstrip('.')}"]  # the title
    if d % 5 == 1:
        lines.append(JOIN[d % 2])
    if d % 6 == 2:
        lines.append(BULLETIN.format(200 + d))
    lines += [sentence(d * PER_DOC + k) for k in range(PER_DOC)]
    if d in (3, 13, 23):
        lines.insert(3, WITNESS)
    if d % 4 == 0:
        lines.append(DISCLAIMER[d // 4 % 2])
    if d % 2 == 0:
        lines.append(KNOWN)
    return "\n\n".join(lines) + "\n"


def article_lines(docs: int) -> list[str]:
    """Every article sentence and title of the corpus (what must never be proposed)."""
    return [s for d in range(docs) for s in document(d).split("\n")
            if s and s not in PLANTED and s != KNOWN]


def make_corpus(folder: Path, docs: int = 60) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(docs):
        (folder / f"article-{d:03d}.txt").write_text(document(d), encoding="utf-8")
    return folder
