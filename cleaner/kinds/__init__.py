"""The rule kinds: code. Rules (data, in ``rules/*.toml``) choose one by name.

Each kind is a small module whose docstring documents its keys, with a REMOVE
and a KEEP example run as doctests. This dict is the whole registry.
"""

from __future__ import annotations

from .base import Kind, SchemaError
from .block import BlockKind
from .caption import CaptionKind
from .line import LineKind
from .repeat import RepeatKind
from .shortcode import ShortcodeKind

KINDS: dict[str, type[Kind]] = {
    "shortcode": ShortcodeKind,
    "line": LineKind,
    "repeat": RepeatKind,
    "block": BlockKind,
    "caption": CaptionKind,
}

__all__ = ["KINDS", "Kind", "SchemaError"]
