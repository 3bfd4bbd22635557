"""cleaner: strip site boilerplate from news-article text, exactly.

>>> from cleaner import clean, load_rules
>>> result = clean("نص المقال.\\nزر الذهاب إلى الأعلى\\n", load_rules())
>>> result.text, [e.code for e in result.edits]
('نص المقال.\\n', ['PC001'])
"""

from .engine import Cleaned, Edit, apply_edits, clean, layout
from .rules import Rule, RuleError, load_rules

__all__ = ["Cleaned", "Edit", "Rule", "RuleError", "apply_edits", "clean", "layout", "load_rules"]
__version__ = "0.1.0"
