"""The parse stage's tables on disk (checker/ondisk.py): the unit table and the lexer's
buckets live in one cache folder, are written whole, and a folder that cannot be written only costs
speed."""

from __future__ import annotations

import json

import pytest

from checker import ondisk
from checker.parser import lexstore, units


def test_the_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert ondisk.cache_dir() == tmp_path / "crosscheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert ondisk.cache_dir() == tmp_path / "home" / ".cache" / "crosscheck"


def test_json_round_trip_and_unreadable_files(tmp_path):
    path = tmp_path / "deep" / "t.json"
    assert ondisk.read_json(path) is None
    assert ondisk.write_json(path, {"b": 1, "a": "é"})
    assert ondisk.read_json(path) == {"a": "é", "b": 1}
    assert [p.name for p in path.parent.iterdir()] == ["t.json"]  # no temporary file left
    path.write_text("{half", encoding="utf-8")
    assert ondisk.read_json(path) is None


def test_a_folder_that_cannot_be_made_is_not_an_error(tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert ondisk.write_json(tmp_path / "a-file" / "t.json", {}) is False


def test_the_unit_table_is_saved_in_the_cache_folder_and_read_back(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table = units._dimensions.__wrapped__()
    saved = list((tmp_path / "crosscheck").glob("units-*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text(encoding="utf-8")) == table
    assert table["kilometer"] == "[length]" and table["percent"] == "dimensionless"
    monkeypatch.setattr(units, "_compute_dimensions", lambda names: pytest.fail("worked out again"))
    assert units._dimensions.__wrapped__() == table


def test_a_unit_table_for_other_units_is_worked_out_again(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table = units._dimensions.__wrapped__()
    saved = next((tmp_path / "crosscheck").glob("units-*.json"))
    saved.write_text(json.dumps({"kilometer": "[length]"}), encoding="utf-8")
    assert units._dimensions.__wrapped__() == table
    assert json.loads(saved.read_text(encoding="utf-8")) == table


def test_the_lexer_table_is_named_by_the_source_of_the_lexer_modules():
    from checker import firstchar
    from checker.parser import lexer, narrowing

    sources = lexstore._sources((lexer, narrowing, firstchar))
    assert sources is not None and len(sources) == 4 and all(sources)
    terms = [("A", "a", 0)]
    assert lexstore._digest(terms, "", sources) == lexstore._digest(terms, "", list(sources))
    assert lexstore._digest(terms, "", sources) != lexstore._digest(terms, "", [*sources[:-1], sources[-1] + b"#"])


def test_the_unit_table_is_named_by_the_installed_pint(monkeypatch, tmp_path):
    """Its definition files and its dist-info folder (the version), read without importing pint."""
    import importlib.util
    from types import SimpleNamespace

    pkg = tmp_path / "pint"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "default_en.txt").write_text("meter = [length] = m\n", encoding="utf-8")
    (pkg / "constants_en.txt").write_text("", encoding="utf-8")
    (tmp_path / "pint-1.0.dist-info").mkdir()
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name: SimpleNamespace(origin=str(pkg / "__init__.py")) if name == "pint" else None)
    first = units._pint_key()
    (pkg / "default_en.txt").write_text("meter = [length] = m = metre\n", encoding="utf-8")
    second = units._pint_key()
    (tmp_path / "pint-1.0.dist-info").rename(tmp_path / "pint-1.1.dist-info")
    third = units._pint_key()
    assert len({first, second, third}) == 3
    (pkg / "constants_en.txt").unlink()
    assert units._pint_key() == "unknown"


# ---------------------------------------------------------------------------- the grammar's tables


def _load(tmp_path, monkeypatch, build=None):
    from checker.parser import grammar, tables

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tables.load(grammar.GRAMMAR_DIR, build or grammar.parser, grammar.START)


def test_the_grammar_tables_are_saved_in_the_cache_folder_and_read_back(monkeypatch, tmp_path):
    from checker.parser import grammar, tables

    made = _load(tmp_path, monkeypatch)
    saved = list((tmp_path / "crosscheck").glob("tables-*.json"))
    assert len(saved) == 1
    again = _load(tmp_path, monkeypatch, build=lambda: pytest.fail("lark's parser built again"))
    assert again == made == tables.from_lark(grammar.parser(), grammar.START)
    assert [r.origin.name for r in again.rules] == [r.origin.name for r in grammar.parser().rules]


def test_grammar_tables_that_do_not_load_are_worked_out_again(monkeypatch, tmp_path):
    made = _load(tmp_path, monkeypatch)
    saved = next((tmp_path / "crosscheck").glob("tables-*.json"))
    for broken in ("{half", json.dumps({"format": 1, "rows": []}), json.dumps([1, 2])):
        saved.write_text(broken, encoding="utf-8")
        assert _load(tmp_path, monkeypatch) == made
        assert json.loads(saved.read_text(encoding="utf-8"))["format"] == 1  # written whole again


def test_grammar_tables_in_a_folder_that_cannot_be_written(monkeypatch, tmp_path):
    (tmp_path / "crosscheck").write_text("", encoding="utf-8")  # a file where the folder would be
    assert _load(tmp_path, monkeypatch) is not None


def test_the_grammar_tables_are_named_by_the_grammar_files(tmp_path):
    from checker.parser import grammar, tables

    (tmp_path / "claims.lark").write_bytes((grammar.GRAMMAR_DIR / "claims.lark").read_bytes())
    first = tables._path(tmp_path)
    (tmp_path / "units.lark").write_text("// another unit file\n", encoding="utf-8")
    assert tables._path(tmp_path) != first


def test_the_grammar_tables_are_named_by_the_start_rule_and_larks_options(tmp_path):
    from checker.parser import grammar, tables

    (tmp_path / "claims.lark").write_bytes((grammar.GRAMMAR_DIR / "claims.lark").read_bytes())
    names = {tables._path(tmp_path, start, options) for start in ("quantity", "noise")
             for options in ("{'maybe_placeholders': False}", "{'maybe_placeholders': True}")}
    assert len(names) == 4


def test_an_installed_package_is_named_by_its_metadata_or_its_version(monkeypatch, tmp_path):
    import importlib.util
    from types import SimpleNamespace

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text('__version__: str = "1.2.3"\n', encoding="utf-8")
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name: SimpleNamespace(origin=str(pkg / "__init__.py")) if name == "pkg" else None)
    assert ondisk.installed("pkg") == "__version__ 1.2.3"  # a source checkout: no metadata folder
    (tmp_path / "pkg-1.2.3.egg-info").mkdir()
    assert ondisk.installed("pkg") == "pkg-1.2.3.egg-info"  # a distribution's package
    (tmp_path / "pkg-1.2.4.dist-info").mkdir()
    assert ondisk.installed("pkg") == "pkg-1.2.3.egg-info pkg-1.2.4.dist-info"  # sorted by name
    assert ondisk.installed("nothing") == ""
