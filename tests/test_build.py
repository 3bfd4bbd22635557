"""The compiled engine: what `pip install .` builds (hatch_build.py) is what runs, and it
cleans exactly as the pure-Python sources do."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import GOLDEN, SEEDS

from cleaner import clean, load_rules
from cleaner.engine import build

ROOT = GOLDEN.parent.parent

# Cleans the texts named on standard input with the checkout's sources (not the installed
# package) and prints each result's text and edits.
PURE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from cleaner import clean, load_rules
from cleaner.engine import build
assert build() == "pure Python", build()
rules = load_rules()
out = []
for path in json.load(sys.stdin):
    r = clean(open(path, encoding="utf-8").read(), rules)
    out.append([r.text, [e.as_dict() for e in r.edits], r.held_back])
print(json.dumps(out))
"""


def test_the_installed_engine_is_compiled_where_ci_installs_it():
    """CI installs the package as a new user does; the engine it gets must be the compiled
    one (the build falls back to pure Python, with a warning, where mypyc fails)."""
    if os.environ.get("CI") != "true":
        pytest.skip(f"engine here: {build()} (an editable install is pure Python); checked where CI is set")
    assert build() == "compiled"


def test_compiled_and_pure_engines_clean_alike():
    """Seeds and the test corpus through the compiled engine in this process and through
    the pure-Python sources in another: the same texts and the same edits."""
    if build() != "compiled":
        pytest.skip("the engine here is the pure-Python one: nothing to compare it with")
    paths = [str(p) for p in SEEDS] + [str(p) for p in sorted((GOLDEN.parent / "corpus").rglob("*.txt"))[:60]]
    pure = subprocess.run([sys.executable, "-c", PURE, str(ROOT)], input=json.dumps(paths),
                          capture_output=True, text=True, check=True)
    rules = load_rules()
    compiled = []
    for path in paths:
        r = clean(open(path, encoding="utf-8").read(), rules)
        compiled.append([r.text, [e.as_dict() for e in r.edits], r.held_back])
    assert len(compiled) > 60
    assert json.loads(pure.stdout) == compiled
