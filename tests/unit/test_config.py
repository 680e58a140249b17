"""Configuration: which file is read, what wins over what, paths relative to the file, every problem
reported with its place, and ``crosscheck config show``."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import build_parser, main
from checker.config import ConfigError, find_config, resolve
from checker.errors import UsageError


def args(*argv: str):
    return build_parser().parse_args(["check", *argv])


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "sub" / "deeper")
    return tmp_path


def test_defaults_without_a_file(project):
    s = resolve(args())
    assert s.file is None and set(s.sources.values()) == {"default"}
    assert (s["fail-on"], s["min-severity"], s["jobs"], s["format"], s["paths"]) == ("error", "info", "auto", ["text"], ["."])
    assert s["cache"] == ".crosscheck/cache.sqlite"


def test_precedence_default_file_command_line(project):
    (project / "crosscheck.yaml").write_text("fail-on: warning\nmin-severity: warning\njobs: 2\n")
    s = resolve(args("--min-severity", "error"))
    assert s["fail-on"] == "warning" and s.sources["fail-on"] == "../../crosscheck.yaml:1"
    assert s["min-severity"] == "error" and s.sources["min-severity"] == "command line"
    assert s["jobs"] == 2 and s.sources["baseline"] == "default"
    assert resolve(args("-j", "4"))["jobs"] == 4
    assert resolve(args("--no-cache"))["cache"] is False


def test_nearest_file_wins_and_yaml_beats_pyproject_in_one_folder(project):
    (project / "crosscheck.yaml").write_text("fail-on: warning\n")
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.crosscheck]\nfail-on = "info"\n')
    s = resolve(args())
    assert s["fail-on"] == "info" and s.sources["fail-on"] == "../pyproject.toml:5"
    (project / "sub" / "crosscheck.yaml").write_text("fail-on: never\n")
    assert resolve(args())["fail-on"] == "never"


def test_pyproject_without_the_table_is_passed_over(project):
    (project / "crosscheck.yaml").write_text("fail-on: warning\n")
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "crosscheck-news"\n[tool.other]\nx = 1\n')
    assert find_config() == (project / "crosscheck.yaml").resolve()


def test_paths_in_a_file_are_relative_to_it(project):
    (project / "crosscheck.yaml").write_text("paths: [articles]\nrules: extra/rules.yaml\nbaseline: base.json\n"
                                             "cache: .cache/facts.sqlite\n")
    s = resolve(args())
    assert s["paths"] == ["../../articles"] and s["rules"] == ["../../extra/rules.yaml"]
    assert s["baseline"] == "../../base.json" and s["cache"] == "../../.cache/facts.sqlite"
    assert resolve(args("mine"))["paths"] == ["mine"]


def test_command_line_rules_add_to_the_file_rules(project):
    (project / "crosscheck.yaml").write_text("rules: [a.yaml]\n")
    s = resolve(args("--rules", "b.yaml"))
    assert s["rules"] == ["../../a.yaml", "b.yaml"] and s.sources["rules"] == "../../crosscheck.yaml:1 + command line"


def test_default_cache_lives_beside_the_configuration(project):
    (project / "crosscheck.yaml").write_text("fail-on: error\n")
    assert resolve(args())["cache"] == "../../.crosscheck/cache.sqlite"


def test_every_yaml_problem_is_reported_with_its_place(project):
    (project / "crosscheck.yaml").write_text("fail-on: sometimes\njobs: 0\ncolour: red\nformat: [sarif, pdf]\n"
                                             "default-rules: yes please\n")
    with pytest.raises(ConfigError) as info:
        resolve(args())
    assert info.value.lines() == [
        "../../crosscheck.yaml:1:10: fail-on: must be one of error, warning, info, never; found 'sometimes'",
        "../../crosscheck.yaml:2:7: jobs: must be a whole number of at least 1, or auto; found 0",
        "../../crosscheck.yaml:3:1: unknown setting 'colour'; settings are paths, rules, default-rules, ignore, "
        "fail-on, min-severity, format, baseline, jobs, cache, vocabulary",
        "../../crosscheck.yaml:4:9: format: unknown value 'pdf'; choose from text, json, sarif, github, markdown, "
        "html, junit",
        "../../crosscheck.yaml:5:16: default-rules: must be true or false; found 'yes please'",
    ]


@pytest.mark.parametrize("text, where", [("fail-on: [\n", ":2:1:"), ("- a\n- b\n", ":1:1:"), ("a: b: c\n", ":1:5:")])
def test_broken_yaml(project, text, where):
    (project / "crosscheck.yaml").write_text(text)
    with pytest.raises(ConfigError) as info:
        resolve(args())
    assert str(info.value).startswith(f"../../crosscheck.yaml{where}")


def test_toml_problems_have_places(project):
    pyproject = project / "pyproject.toml"
    pyproject.write_text('[tool.crosscheck]\nfail-on = "error"\n  jobs = "two"\nbogus = 1\n')
    with pytest.raises(ConfigError) as info:
        resolve(args())
    assert info.value.lines() == ["../../pyproject.toml:3:10: jobs: must be a whole number of at least 1, or auto; found 'two'",
                                  "../../pyproject.toml:4:1: unknown setting 'bogus'; settings are paths, rules, "
                                  "default-rules, ignore, fail-on, min-severity, format, baseline, jobs, cache, vocabulary"]
    pyproject.write_text('[tool.crosscheck]\nfail-on = \n')
    with pytest.raises(ConfigError) as info:
        resolve(args())
    assert str(info.value).startswith("../../pyproject.toml:2:11: not valid TOML")


def test_explicit_config_file(project):
    (project / "other.yaml").write_text("min-severity: warning\n")
    s = resolve(args("--config", str(project / "other.yaml")))
    assert s["min-severity"] == "warning"
    with pytest.raises(UsageError, match="configuration file not found"):
        resolve(args("--config", "missing.yaml"))


def test_bad_jobs_on_the_command_line(project):
    with pytest.raises(UsageError, match="--jobs must be a whole number"):
        resolve(args("-j", "0"))


def test_config_show(project, capsys):
    (project / "crosscheck.yaml").write_text("fail-on: warning\nignore: [name-spelling]\n")
    assert main(["config", "show", "--min-severity", "error"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# configuration file: ../../crosscheck.yaml"
    rows = {line.split()[0]: line for line in lines[1:]}
    assert rows["fail-on"].split() == ["fail-on", "=", '"warning"', "#", "../../crosscheck.yaml:1"]
    assert rows["ignore"].split("#")[0].split("=")[1].strip() == '["name-spelling"]'
    assert rows["min-severity"].endswith("# command line") and rows["jobs"].endswith("# default")
    assert main(["config", "show", "-v"]) == 0
    assert "# ../../crosscheck.yaml:1; lowest severity that fails the run" in capsys.readouterr().out
    (project / "crosscheck.yaml").write_text("jobs: -1\n")
    assert main(["config", "show"]) == 2
    assert capsys.readouterr().err.startswith("../../crosscheck.yaml:1:7: jobs:")


def test_a_pyproject_that_is_not_utf8_is_an_error_not_skipped(project):
    (project / "pyproject.toml").write_bytes(b'[tool.crosscheck]\nfail-on = "warning"\n# caf\xe9\n')
    with pytest.raises(ConfigError) as info:
        resolve(args())
    assert info.value.lines() == ["../../pyproject.toml: cannot read configuration: not UTF-8 text "
                                  "(invalid continuation byte at byte 43)"]


@pytest.mark.parametrize("name, text", [("pyproject.toml", "[tool.crosscheck]\njobs = {}\n"),
                                        ("crosscheck.yaml", "jobs: {}\n")])
def test_an_integer_of_thousands_of_digits_is_a_configuration_error(project, name, text):
    (project / name).write_text(text.format("1" * 5000), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(args())
    assert "Exceeds the limit (4300 digits)" in str(info.value) and str(info.value).startswith(f"../../{name}")
