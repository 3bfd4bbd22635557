"""What cleaning returns: the edits (the plan) and the clean text.

Plain Python classes, kept apart from :mod:`cleaner.engine`: the engine is compiled
with mypyc when the package is built (``pyproject.toml``), and these results must
still pickle (worker processes send them back), compare and take
``dataclasses.replace`` as ordinary dataclasses do.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .rules import Rule


@dataclasses.dataclass(frozen=True)
class Edit:
    """One removed span of the original text and the rule that removed it."""

    code: str
    name: str
    start: int
    end: int
    line: int  # 1-based line of ``start`` in the original
    end_line: int  # 1-based line of the last removed character
    text: str

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Cleaned:
    """The result of cleaning: the output text and the plan that made it.

    ``held_back`` is true when the over-deletion guard refused the plan; then
    ``edits`` is empty, ``refused`` holds the plan that was refused and the
    text has only its layout normalised. ``timed_out`` names a rule whose
    pattern ran out of matching time on this document (catastrophic
    backtracking); then too nothing is removed.
    """

    text: str
    edits: list[Edit]
    held_back: bool = False
    removed_share: float = 0.0
    refused: list[Edit] = dataclasses.field(default_factory=list)
    timed_out: "Rule | None" = None  # a rule whose matching ran out of time: nothing removed

    @property
    def changed(self) -> bool:
        return bool(self.edits)
