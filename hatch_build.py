"""Wheel build hook: compile the rule engine's hottest modules with mypyc.

``cleaner/engine.py`` and ``cleaner/literals.py`` are ordinary, type-checked Python; mypyc
turns them into C extension modules that do the same thing with about a fifth fewer
instructions a document (callgrind, the HTML fixture pages). The compiled modules go into
the wheel next to their sources, and Python imports them in their place.

* The compilation runs on a copy of the package in a temporary folder: nothing compiled is
  left in the checkout, where it would shadow the sources a developer edits.
* An editable install (``pip install -e``) is not compiled: it is for editing the sources.
* ``CLEANER_PURE_PYTHON=1`` builds the pure-Python wheel on purpose.
* If mypyc fails (no C compiler, say), the build warns and the wheel is pure Python: the
  same results, slower. ``CLEANER_REQUIRE_COMPILED=1`` makes that an error instead (CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILED = ["cleaner/engine.py", "cleaner/literals.py"]
MYPY_ARGS = ["--ignore-missing-imports", "--follow-imports=silent"]


class MypycBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        self._work = None
        if self.target_name != "wheel" or version == "editable" or os.environ.get("CLEANER_PURE_PYTHON"):
            return
        self._work = Path(tempfile.mkdtemp(prefix="cleaner-mypyc-"))
        shutil.copytree(Path(self.root) / "cleaner", self._work / "cleaner",
                        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
        proc = subprocess.run([sys.executable, "-m", "mypyc", *MYPY_ARGS, *COMPILED], cwd=self._work,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode:
            message = f"mypyc could not compile {', '.join(COMPILED)}:\n{proc.stdout[-3000:]}"
            if os.environ.get("CLEANER_REQUIRE_COMPILED"):
                raise RuntimeError(message)
            self.app.display_warning(message + "\nbuilding the pure-Python wheel instead (same results, slower)")
            return
        suffixes = (".so", ".pyd")
        for path in sorted(self._work.rglob("*")):
            if path.suffix in suffixes and "build" not in path.relative_to(self._work).parts:
                build_data["force_include"][str(path)] = path.relative_to(self._work).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
