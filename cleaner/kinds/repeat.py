"""Kind ``repeat``: a line that repeats the kept line above it.

Themes print the title twice (or four times) at the top, and captions twice;
the copy below the first one goes. Lines are compared folded and with
surrounding white space ignored, so a copy with another dash or quote style,
or with tanween moved, still counts as the same line.

Keys:

``zone`` = ``"head"``, ``within`` = 0
    where the copy may stand (see :mod:`cleaner.engine`).
``min_words`` = 2
    shorter lines (a lone ``*`` or a one-word label) are never treated as copies.
``max_words`` = 40
    longer lines are paragraphs, whose repetition is the writer's business.

Examples (REMOVE, then KEEP):

>>> from cleaner.kinds.testing import run
>>> run("repeat", {}, "بوتين يلتقي كيم اليوم\\nبوتين يلتقي كيم اليوم\\nقال الكرملين إن القمة ستعقد في فوستوشني اليوم.\\n")
'بوتين يلتقي كيم اليوم\\nقال الكرملين إن القمة ستعقد في فوستوشني اليوم.\\n'
>>> run("repeat", {}, "بوتين يلتقي كيم\\nكيم يلتقي بوتين\\nقال الكرملين إن القمة ستعقد في فوستوشني اليوم.\\n")
'بوتين يلتقي كيم\\nكيم يلتقي بوتين\\nقال الكرملين إن القمة ستعقد في فوستوشني اليوم.\\n'
"""

from __future__ import annotations

from .base import WITHIN, Key, Kind, ZONE


class RepeatKind(Kind):
    NAME = "repeat"
    PHASE = 1
    contextual = True  # "the kept line above" changes as other rules remove lines
    KEYS = {
        "zone": Key(ZONE.types, "head", ZONE.doc, ZONE.choices),
        "within": WITHIN,
        "min_words": Key((int,), 2, "shorter lines are never copies"),
        "max_words": Key((int,), 40, "longer lines are paragraphs"),
    }

    def apply(self, doc, rule) -> None:
        conf = self.conf
        above: str | None = None
        for i in doc.candidates(conf["zone"] if conf["zone"] in ("head", "tail") else "any"):
            line = " ".join(doc.flines[i].split())
            words = line.count(" ") + 1
            if (line == above and conf["min_words"] <= words <= conf["max_words"]
                    and doc.in_zone(i, conf["zone"], conf["within"])):
                doc.remove_lines(i, i + 1, rule)
                continue
            above = line
