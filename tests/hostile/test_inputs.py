"""Hostile YAML (front matter, sources.yaml, rule files, configuration), numbers and article bodies:
each a clean error with its place (exit 2) or a clean run, never an internal error, a traceback or
a hang, and nothing else on disk changed."""

from __future__ import annotations

import json

import pytest
from hostile import clean, crosscheck, snapshot

pytestmark = pytest.mark.slow

ARTICLE = "The call lasted two hours on Monday, the Kremlin said.\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
YAML = {
    "python object": "outlet: !!python/object/apply:os.system ['touch pwned']\n",
    "python name": "outlet: !!python/name:os.system\n",
    "custom tag": "outlet: !foo bar\n",
    "alias bomb": BOMB,
    "recursive alias": "a: &a [*a]\n",
    "impossible date": "published: 2025-13-45\n",
    "lone surrogate": 'outlet: "\\ud800"\n',
    "deep nesting": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "huge integer": "outlet: " + "9" * 5000 + "\n",
}


@pytest.mark.parametrize("case", sorted(YAML))
@pytest.mark.parametrize("where", ["front matter", "sources.yaml", "crosscheck.yaml", "rule"])
def test_hostile_yaml_is_an_error_with_a_place(tmp_path, case, where):
    text = YAML[case]
    if where == "front matter":
        (tmp_path / "a.md").write_text(f"---\n{text}---\n\n{ARTICLE}", encoding="utf-8")
        args, name = ["check", "a.md"], "a.md"
    elif where == "sources.yaml":
        (tmp_path / "a.txt").write_text(ARTICLE)
        (tmp_path / "sources.yaml").write_text(text, encoding="utf-8")
        args, name = ["check", "a.txt"], "sources.yaml"
    elif where == "crosscheck.yaml":
        (tmp_path / "a.txt").write_text(ARTICLE)
        (tmp_path / "crosscheck.yaml").write_text(text, encoding="utf-8")
        args, name = ["check", "a.txt"], "crosscheck.yaml"
    else:
        (tmp_path / "a.txt").write_text(ARTICLE)
        (tmp_path / "r").mkdir()
        (tmp_path / "r" / "bad.yaml").write_text(f"id: bad\nkind: numeric\n{text}", encoding="utf-8")
        args, name = ["check", "a.txt", "--rules", "r"], "bad.yaml"
    before = snapshot(tmp_path)
    done = crosscheck(*args, "--no-cache", cwd=tmp_path, timeout=120)
    clean(done, 0, 2)
    if done.code == 2:
        first = done.err.splitlines()[0]
        assert name in first and first.split(name, 1)[1].startswith(":"), done.err  # path:line:col: message
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("text", [
    "the call lasted roughly <!-- c --> 1,397 kg ![i](x.png) Monday night?",
    "[a](b) ![](c) ![x](y \"t\") <img src=x> **b** _i_ `code` # head",
    "\u202eThe call lasted two hours\u202c, \u2066\u2069 said \u200fPutin.",
    "\x00 binary",
    "\ufeff\ufeffThe call lasted two hours.",
])
def test_odd_article_bodies_are_read_or_refused_cleanly(tmp_path, text):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "b.txt").write_text(ARTICLE)
    for command in ("check", "extract"):
        clean(crosscheck(command, ".", "--no-cache", cwd=tmp_path), 0, 1, 2)


def test_a_lone_surrogate_in_a_feed_line_is_an_error_with_a_place(tmp_path):
    (tmp_path / "f.jsonl").write_text('{"text": "The call lasted two hours \\ud800."}\n')
    done = clean(crosscheck("check", "f.jsonl", "--no-cache", cwd=tmp_path), 2)
    assert done.err.startswith("f.jsonl:1:")


def test_a_pyproject_that_is_not_utf8_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.crosscheck]\nfail-on = \"warning\"\n# caf\xe9\n")
    done = clean(crosscheck("check", "a.txt", "--no-cache", cwd=tmp_path), 2)
    assert "pyproject.toml" in done.err


def test_an_unknown_lexicon_kind_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "lex.yaml").write_text("lexicon: nosuch\nwords: []\n")
    clean(crosscheck("check", "a.txt", "--no-cache", "--rules", "lex.yaml", cwd=tmp_path), 2)
    clean(crosscheck("rules", "validate", "lex.yaml", cwd=tmp_path), 2)


# The grammar bounds digit runs and exponents (docs/quantities.md): past the bound nothing is read.
def test_a_400_digit_decimal_is_no_internal_error(tmp_path):
    clean(crosscheck("parse", "The call lasted " + "1" * 400 + ".5 hours", cwd=tmp_path), 0, 2)


@pytest.mark.parametrize("text", ["They launched 10^1000 drones", "It lasted 1e1000 hours"])
def test_numbers_past_any_bound_are_not_misread(tmp_path, text):
    done = clean(crosscheck("parse", "--format", "json", text, cwd=tmp_path), 0, 2)
    if done.code == 0:
        values = [q["value"] for q in json.loads(done.out)["quantities"]]
        assert 1000 not in values and 10 not in values and 1 not in values


@pytest.mark.parametrize("value", ["9" * 5000, "0." + "9" * 5000, "1e999", "-" + "9" * 5000])
def test_a_tolerance_of_thousands_of_digits_is_a_clean_error(tmp_path, value):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "tol.yaml").write_text(f"id: tol\nkind: numeric\nseverity: error\nmessage: x\n"
                                             f"options:\n  relative: {value}\n  absolute: {value}\n")
    done = clean(crosscheck("check", "a.txt", "--no-cache", "--rules", "r", cwd=tmp_path), 0, 1, 2)
    if done.code == 2:
        assert done.err.startswith("r/tol.yaml:"), done.err
