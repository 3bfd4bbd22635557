"""The kinds' docstrings are their user documentation: their examples must run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["cleaner", "cleaner.kinds.repeat", "cleaner.files", "cleaner.html", "cleaner.fold", "cleaner.patterns",
           "cleaner.engine", "cleaner.kinds.line", "cleaner.kinds.block", "cleaner.kinds.shortcode",
           "cleaner.kinds.caption", "cleaner.literals", "cleaner.config", "cleaner.parallel", "cleaner.fixer", "cleaner.jsonl",
           "cleaner.report"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
