"""[tool.cleaner] in the nearest pyproject.toml; the command line overrides it."""

from __future__ import annotations

import pytest

from cleaner.cli import main

from conftest import SITE_RULE

BODY = "وقال الوزير إن المفاوضات بين الجانبين ستستأنف الأسبوع المقبل في جنيف.\n"
DIRTY = BODY + "زر الذهاب إلى الأعلى\nالمصدر: وكالات\n"  # PC001 and MD001


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A corpus project with a sub-folder to run from (the pyproject is found upward)."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(DIRTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "texts")
    return tmp_path


def write_config(folder, body: str) -> None:
    (folder / "pyproject.toml").write_text(f'[project]\nname = "corpus"\n\n[tool.cleaner]\n{body}',
                                           encoding="utf-8")


def test_select_from_pyproject_applies(project, capsys):
    write_config(project, 'select = ["PC"]\n')
    assert main(["check", "a.txt"]) == 1
    codes = [line.split()[1] for line in capsys.readouterr().out.splitlines()]
    assert codes[0] == "PC001" and all(c.startswith("PC") for c in codes)  # MD001 is not selected


def test_command_line_overrides_pyproject(project, capsys):
    write_config(project, 'select = ["PC"]\n')
    assert main(["check", "--select", "MD", "a.txt"]) == 1
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == ["MD001"]


def test_without_config_every_rule_runs(project, capsys):
    assert main(["check", "a.txt"]) == 1
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == ["PC001", "MD001"]


def test_nearest_pyproject_with_the_table_wins(project, capsys):
    write_config(project, 'ignore = ["PC"]\n')
    (project / "texts" / "pyproject.toml").write_text('[project]\nname = "sub"\n', encoding="utf-8")
    assert main(["check", "a.txt"]) == 1  # texts/pyproject.toml has no [tool.cleaner]: go on up
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == ["MD001"]


def test_rules_paths_are_relative_to_the_pyproject(project, capsys):
    (project / "site.toml").write_text(SITE_RULE.format(pattern="جميع الحقوق محفوظة"), encoding="utf-8")
    write_config(project, 'rules = ["site.toml"]\nselect = ["ZZ"]\n')
    (project / "texts" / "a.txt").write_text(BODY + "جميع الحقوق محفوظة\n", encoding="utf-8")
    assert main(["fix", "a.txt"]) == 1
    assert (project / "texts" / "a.txt").read_text(encoding="utf-8") == BODY


def test_exclude_and_max_removed_from_pyproject(project):
    (project / "texts" / "draft.txt").write_text(DIRTY, encoding="utf-8")
    write_config(project, 'exclude = ["draft.txt"]\nmax-removed = 0.01\n')
    assert main(["fix", "."]) == 0  # a.txt held back (guard at 1 %), draft.txt excluded
    assert (project / "texts" / "draft.txt").read_text(encoding="utf-8") == DIRTY
    assert main(["fix", "--max-removed", "0.9", "."]) == 1
    assert (project / "texts" / "a.txt").read_text(encoding="utf-8") == BODY
    assert (project / "texts" / "draft.txt").read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize("body,line,message", [
    ('select = ["PC"]\nmax_removed = 0.5\n', 6, "unknown key 'max_removed'; did you mean 'max-removed'?"),
    ('colour = "red"\n', 5, "unknown key 'colour'; known keys: exclude, ignore, include, max-removed"),
    ('select = "PC"\n', 5, "'select' must be a list of strings"),
    ('max-removed = 2\n', 5, "'max-removed' must be a number from 0 to 1"),
    ('rules = ["missing.toml"]\n', 5, "rules: no such file or folder 'missing.toml'"),
    ('select = [\n', 5, "not valid TOML"),  # unclosed: the last line
])
def test_config_errors_name_the_file_and_line_and_exit_2(project, capsys, body, line, message):
    write_config(project, body)
    assert main(["check", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{project / 'pyproject.toml'}:{line}: ") and message in err
    assert err.count("\n") == 1


def test_a_valid_config_is_not_an_error(project):
    write_config(project, 'select = ["PC"]\nmax-removed = 0.5\n')
    assert main(["check", "a.txt"]) == 1


def test_config_command_shows_values_and_origins(project, capsys):
    write_config(project, 'select = ["PC", "MD"]\nmax-removed = 0.5\n')
    assert main(["config", "--ignore", "MD004"]) == 0
    out = dict(line.split(" = ", 1) for line in capsys.readouterr().out.splitlines()[1:])
    where = project / "pyproject.toml"
    assert [v.split("  # ") for v in (out["select     "], out["ignore     "], out["max-removed"],
                                      out["exclude    "])] == [
        ['["PC", "MD"]            ', f"{where}:5"],
        ['["MD004"]               ', "command line"],
        ["0.5                     ", f"{where}:6"],
        ["[]                      ", "default"],
    ]


# --- what a pyproject.toml says is kept in cleaner's cache, with its exact bytes ---------

def _codes(capsys) -> list[str]:
    return [line.split()[1] for line in capsys.readouterr().out.splitlines()]


def test_a_cached_pyproject_is_read_again_once_edited(project, cache, capsys):
    (project / "pyproject.toml").write_text('[project]\nname = "corpus"\n', encoding="utf-8")
    for _ in range(2):  # the second run reads the cache: no [tool.cleaner] table
        assert main(["check", "a.txt"]) == 1
        assert _codes(capsys) == ["PC001", "MD001"]
    assert len(list(cache.glob("pyproject-*.pickle"))) == 1
    write_config(project, 'select = ["MD"]\n')  # now it has one
    for _ in range(2):
        assert main(["check", "a.txt"]) == 1
        assert _codes(capsys) == ["MD001"]
    write_config(project, 'selekt = ["MD"]\n')
    for _ in range(2):  # the cached table is checked on every run, like a parsed one
        assert main(["check", "a.txt"]) == 2
        assert "pyproject.toml:5: [tool.cleaner]: unknown key 'selekt'" in capsys.readouterr().err


def test_a_warm_run_does_not_parse_the_pyproject(project, cache, capsys, monkeypatch):
    write_config(project, 'ignore = ["PC"]\nmax-removed = 0.9\n')
    assert main(["config"]) == 0
    cold = capsys.readouterr().out
    monkeypatch.setitem(__import__("sys").modules, "tomllib", None)  # importing it now fails
    assert main(["config"]) == 0
    assert capsys.readouterr().out == cold
    assert "pyproject.toml:6" in cold  # the line numbers come from the text, as when parsed


def test_a_pyproject_that_does_not_parse_is_reported_every_time(project, cache, capsys):
    (project / "pyproject.toml").write_text('[tool.cleaner\nselect = ["MD"]\n', encoding="utf-8")
    for _ in range(2):
        assert main(["check", "a.txt"]) == 2
        assert "pyproject.toml:1: not valid TOML" in capsys.readouterr().err
    assert not list(cache.glob("pyproject-*.pickle"))


def test_no_pyproject_cache_when_asked(project, cache, capsys, monkeypatch):
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    write_config(project, 'select = ["MD"]\n')
    assert main(["check", "a.txt"]) == 1
    assert _codes(capsys) == ["MD001"]
    assert not cache.exists()
