"""The kinds' docstrings are their user documentation: their examples must run."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

MODULES = ["cleaner", "cleaner.kinds.repeat", "cleaner.files", "cleaner.html", "cleaner.fold", "cleaner.patterns",
           "cleaner.engine", "cleaner.kinds.line", "cleaner.kinds.block", "cleaner.kinds.shortcode",
           "cleaner.kinds.caption", "cleaner.literals", "cleaner.config", "cleaner.parallel", "cleaner.fixer", "cleaner.jsonl",
           "cleaner.report"]


def source_module(name: str, monkeypatch):
    """The module, or, when it is the C extension mypyc compiled (doctest finds no
    docstrings in its functions), the same module run from its source beside it, under a
    name of its own in ``sys.modules`` (doctest asks there which module a function is from)."""
    module = importlib.import_module(name)
    path = Path(module.__file__)
    if path.suffix == ".py":
        return module
    source_name = name + "__source"
    spec = importlib.util.spec_from_file_location(source_name, path.with_name(path.name.split(".")[0] + ".py"))
    pure = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, source_name, pure)
    spec.loader.exec_module(pure)
    return pure


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name, monkeypatch):
    result = doctest.testmod(source_module(name, monkeypatch))
    assert result.attempted > 0 and result.failed == 0
