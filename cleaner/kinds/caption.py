"""Kind ``caption``: a photo caption that ends in an agency credit.

``… - رويترز``, ``… – أ ف ب``, ``… (الأناضول)``: a short line, not a sentence
(no full stop, colon, question or exclamation mark before the credit), that
ends in a credit after a dash or inside brackets or quotes. Sites often print
it twice with different dashes; each copy matches on its own.

Keys:

``credits`` (required)
    a list of credit patterns (folded like every pattern: ``أ ف ب`` matches
    ``أ.ف.ب`` only if the pattern allows the dots: ``أ\\.? ?ف\\.? ?ب``).
``max_words`` = 30
    the caption text before the credit has at most this many words.
A photographer may precede the credit inside the brackets: ``(John Smith/Getty Images)``.

``bare`` = true
    a line holding only the credit (``(أ ف ب)``, ``و م ع``) goes too.

Examples (REMOVE, then KEEP):

>>> from cleaner.kinds.testing import run
>>> run("caption", {"credits": ["رويترز"]},
...     "نص المقال الطويل.\\nالرئيس يزور المصنع - رويترز\\nالرئيس يزور المصنع – رويترز\\n")
'نص المقال الطويل.\\n'
>>> run("caption", {"credits": ["رويترز"]}, "وقال المتحدث إن الاجتماع انتهى. (رويترز)\\n")
'وقال المتحدث إن الاجتماع انتهى. (رويترز)\\n'
"""

from __future__ import annotations

from .base import Key, Kind

_H = r"[^\S\n]*"


class CaptionKind(Kind):
    NAME = "caption"
    PHASE = 3
    KEYS = {
        "credits": Key((list,), None, "credit patterns", required=True),
        "max_words": Key((int,), 30, "words in the caption before the credit"),
        "bare": Key((bool,), True, "a line holding only the credit goes too"),
    }

    def setup(self) -> None:
        credit = "(?:{})"
        cap = r"(?P<cap>[^\n]*?[^\s.:!?])" + _H if not self.conf["bare"] else r"(?:(?P<cap>[^\n]*?[^\s.:!?])" + _H + ")?"
        template = ("^" + _H + cap
                    + r"(?:[-|/]" + _H + credit + r"|[(\[\"']" + _H + r"(?:[^()\[\]\"\n/]{2,40}/" + _H + ")?" + credit + _H + r"[)\]\"']"
                    + (r"|(?<=^" + _H + ")" + credit if self.conf["bare"] else "") + ")"
                    + _H + r"\.?" + _H + "$")
        self.rx = self.pattern("credits", template)

    def apply(self, doc, rule) -> None:
        max_words = self.conf["max_words"]
        for m in doc.finditer(self.rx):
            i = doc.line_at(m.start())
            if doc.alive(i) and len((m.group("cap") or "").split()) <= max_words:
                doc.remove_lines(i, i + 1, rule)
