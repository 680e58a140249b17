"""Rule files: loading, validation with file:line:col, overriding and disabling, the schema."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
import yaml

from checker.errors import RuleError
from checker.ruleset.loader import builtin_dir, load_rules, read_rule
from checker.ruleset.schema import rule_schema, schema_json

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def problems(*paths, defaults=False) -> list[str]:
    with pytest.raises(RuleError) as info:
        load_rules(paths, defaults=defaults)
    return info.value.lines()


GOOD = """
    id: {id}
    kind: numeric
    severity: error
    message: "{{key}}: {{sides}}"
    match:
      keys: ["call.*"]
    options:
      relative: 0.2
"""


# ---------------------------------------------------------------- built-in rules


def test_builtin_rules_load():
    rules = load_rules()
    assert {r.id for r in rules} >= {"duration-mismatch", "number-mismatch", "hedge-mismatch", "quote-wording",
                                     "quote-attribution", "name-spelling", "wrong-given-name",
                                     "internal-consistency"}
    assert all(r.enabled and r.builtin for r in rules)


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_builtin_rule_id_is_its_file_stem_and_it_has_fixtures(path):
    rule, found = read_rule(path, builtin=True)
    assert found == [] and rule is not None
    assert rule.id == path.stem
    fixture = FIXTURES / f"{rule.id}.yml"
    assert fixture.is_file(), f"add {fixture.relative_to(ROOT)}"
    marks = fixture.read_text(encoding="utf-8")
    assert "mark: flag" in marks and "mark: pass" in marks, "fixtures that flag and fixtures that pass"


def test_builtin_rules_name_no_one_from_the_seeds():
    """No person, place or event of the seeds in the rules: the seeds' proper nouns (capitalised
    words never written in lower case there) appear in no built-in rule nor in the words of the
    facts lexicon (whose titles the comparators read too)."""
    import re

    seeds = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt"))
    tokens = set(re.findall(r"[^\W\d_]+", seeds))
    proper = {w for w in tokens if w[:1].isupper() and w.lower() not in tokens and len(w) > 2}
    for path in builtin_dir().glob("*.yaml"):
        words = set(re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")))
        assert not (words & proper), (path.name, sorted(words & proper))
    lexicon = yaml.safe_load((builtin_dir() / "lexicons" / "facts.yaml").read_text(encoding="utf-8"))
    words = set(re.findall(r"[^\W\d_]+", json.dumps(lexicon, ensure_ascii=False)))
    assert words and not (words & proper), sorted(words & proper)


def test_options_are_defaults_overlaid_and_read_only(tmp_path):
    write(tmp_path, "call-time.yaml", GOOD.format(id="call-time"))
    rule = load_rules([tmp_path], defaults=False).get("call-time")
    assert rule.options["relative"] == 0.2 and rule.options["absolute"] == 0
    assert rule.match.keys == ("call.*",) and rule.type == "numeric"
    with pytest.raises(TypeError):
        rule.options["relative"] = 1


# ---------------------------------------------------------------- every problem, with its place


def test_every_problem_is_reported_at_once_with_line_and_column(tmp_path):
    write(tmp_path, "bad.yaml", """
        id: bad
        kind: numeric
        severity: fatal
        message: "{key} {nope}"
        extra: 1
        match:
          keys: ["Call Duration"]
          same_story: maybe
        options:
          relative: 2
          absolute: "3"
          unknown: true
    """)
    write(tmp_path, "broken.yaml", "id: broken\nkind: [numeric\n")
    write(tmp_path, "kindless.yaml", "id: kindless\nkind: numerc\nseverity: error\nmessage: x\n")
    out = problems(tmp_path)
    bad = str(tmp_path / "bad.yaml")
    assert f"{bad}:3:11: severity: 'fatal' is not one of: error, warning, info" in out
    assert f"{bad}:5:1: unknown key 'extra' in the file (allowed: description, enabled, id, kind, match, message, " \
           "options, severity)" in out
    assert any(line.startswith(f"{bad}:7:10: match.keys[0]: 'Call Duration' is not allowed") for line in out)
    assert f"{bad}:8:15: match.same_story: expected boolean, got string 'maybe'" in out
    assert f"{bad}:10:13: options.relative: 2 is greater than the maximum of 1" in out
    assert f"{bad}:11:13: options.absolute: expected number, got string '3'" in out
    assert f"{bad}:12:3: unknown key 'unknown' in options (allowed: absolute, relative)" in out
    assert any(line.startswith(f"{tmp_path / 'broken.yaml'}:3:1: invalid YAML") for line in out)
    assert f"{tmp_path / 'kindless.yaml'}:2:7: no such kind: 'numerc' (kinds: attribution, different-person, house-style, " \
           "internal, numeric, qualifier, quote, role, spelling)" in out


def test_semantic_problems(tmp_path):
    write(tmp_path, "name.yaml", GOOD.format(id="other-name"))
    write(tmp_path, "tmpl.yaml", """
        id: tmpl
        kind: quote
        severity: warning
        message: "{speaker} said {nonsense} and {"
    """)
    write(tmp_path, "tmpl2.yaml", "id: tmpl2\nkind: numeric\nseverity: info\nmessage: '{key} {speaker}'\n")
    write(tmp_path, "stars.yaml", """
        id: stars
        kind: internal
        severity: error
        message: "{key}"
        options:
          constraints:
            - less_or_equal: ["*.downed", "drone.launched"]
    """)
    out = "\n".join(problems(tmp_path))
    assert "name.yaml:1:5: rule id 'other-name' must equal the file stem 'name'" in out
    assert "tmpl.yaml:4:10: message: not a valid template" in out
    assert "tmpl2.yaml:4:10: message: unknown placeholder {speaker} for kind numeric" in out
    assert "stars.yaml:7:22: use * in both keys of a constraint, or in neither" in out


def test_duplicate_keys_and_empty_files(tmp_path):
    write(tmp_path, "dup.yaml", "id: dup\nid: dup\nenabled: false\n")
    write(tmp_path, "empty.yaml", "\n")
    write(tmp_path, "list.yaml", "- id: list\n")
    out = "\n".join(problems(tmp_path))
    assert "dup.yaml:2:1: duplicate key 'id' (first written on line 1)" in out
    assert "empty.yaml:1:1: empty file" in out
    assert "list.yaml:1:1: the file: expected mapping, got list" in out


def test_missing_path(tmp_path):
    assert problems(tmp_path / "nope") == [f"{tmp_path / 'nope'}: no such rule file or folder"]


def test_a_rules_folder_is_read_recursively_like_its_lexicons(tmp_path):
    """Rules and lexicons of one folder are found the same way: sub-folders too, hidden entries
    skipped, a FIFO never opened."""
    from checker.paths import lexicon_files, rule_inputs

    write(tmp_path, "top.yaml", GOOD.format(id="top"))
    (tmp_path / "desk" / "deeper").mkdir(parents=True)
    write(tmp_path / "desk" / "deeper", "deep.yml", GOOD.format(id="deep"))
    write(tmp_path / "desk", "words.yaml", "lexicon: facts\nevents: {call: [ring]}\n")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "hidden.yaml", "not: a rule\n")
    write(tmp_path, "notes.txt", "not YAML\n")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
    rules = load_rules([tmp_path], defaults=False)
    assert [r.id for r in rules] == ["deep", "top"]
    assert lexicon_files([tmp_path], "facts") == [str(tmp_path / "desk" / "words.yaml")]
    assert rule_inputs([tmp_path]).rules == (str(tmp_path / "desk" / "deeper" / "deep.yml"), str(tmp_path / "top.yaml"))


def test_a_lexicon_of_an_unknown_kind_is_an_error_at_its_declaration(tmp_path, capsys):
    from checker.cli import main
    from checker.paths import lexicon_files

    write(tmp_path, "words.yaml", "# mine\nlexicon: nosuch\nevents: {}\n")
    expected = f"{tmp_path / 'words.yaml'}:2:10: unknown lexicon kind 'nosuch'; kinds are facts, furniture, names, vocabulary"
    assert problems(tmp_path) == [expected]
    with pytest.raises(RuleError):
        lexicon_files([tmp_path], "facts")
    assert main(["rules", "validate", str(tmp_path)]) == 2
    assert capsys.readouterr().err == expected + "\n"


def test_validate_reads_the_lexicons_among_the_rules(tmp_path, capsys):
    from checker.cli import main

    write(tmp_path, "words.yaml", "lexicon: facts\nverbs:\n  hit: !!python/name:os.system\n")
    assert main(["rules", "validate", "--no-default-rules", str(tmp_path)]) == 2
    assert "words.yaml:3:8: the YAML tag !!python/name:os.system is not allowed" in capsys.readouterr().err
    write(tmp_path, "words.yaml", "lexicon: facts\nevents: {call: [ring]}\n")
    assert main(["rules", "validate", "--no-default-rules", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "0 rules valid (0 enabled)\n1 lexicon file valid\n"


# ---------------------------------------------------------------- overriding and disabling


def test_a_user_rule_with_a_builtin_id_replaces_it(tmp_path):
    write(tmp_path, "duration-mismatch.yaml", GOOD.format(id="duration-mismatch"))
    rule = load_rules([tmp_path]).get("duration-mismatch")
    assert rule.options["relative"] == 0.2 and not rule.builtin


def test_enabled_false_turns_a_builtin_off(tmp_path):
    path = write(tmp_path, "hedge-mismatch.yaml", "id: hedge-mismatch\nenabled: false\n")
    rules = load_rules([path])
    rule = rules.get("hedge-mismatch")
    assert not rule.enabled and rule.kind == "qualifier" and rule.source == str(path)
    assert rule not in rules.enabled()


def test_turning_off_an_unknown_rule_is_an_error(tmp_path):
    write(tmp_path, "no-such-rule.yaml", "id: no-such-rule\nenabled: false\n")
    assert problems(tmp_path, defaults=True) == [
        f"{tmp_path / 'no-such-rule.yaml'}:1:1: turns off rule 'no-such-rule', but there is no such rule"]


def test_two_user_files_with_one_id(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", "same.yaml", GOOD.format(id="same"))
    write(tmp_path / "b", "same.yml", GOOD.format(id="same"))
    [line] = problems(tmp_path / "a", tmp_path / "b")
    assert "rule 'same' is also defined in" in line


def test_no_default_rules(tmp_path):
    write(tmp_path, "only.yaml", GOOD.format(id="only"))
    assert [r.id for r in load_rules([tmp_path], defaults=False)] == ["only"]


# ---------------------------------------------------------------- the schema


def test_published_schema_is_current():
    published = ROOT / "docs" / "rule.schema.json"
    assert published.read_text(encoding="utf-8") == schema_json(), \
        "regenerate: crosscheck rules schema > docs/rule.schema.json"


def test_schema_accepts_every_builtin_rule_and_every_kind_has_options():
    import jsonschema
    import yaml

    schema = rule_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in builtin_dir().glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    kinds = [branch["if"]["properties"]["kind"]["const"] for branch in schema["allOf"]]
    assert kinds == sorted(kinds) and len(kinds) == 9
    assert json.loads(schema_json()) == schema


def test_rules_md_reference_is_current():
    from checker.ruleset.docs import BEGIN, END, reference

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    generated = text[text.index(BEGIN) + len(BEGIN):text.index(END)]
    assert generated.strip() == reference().strip(), "regenerate: python -m checker.ruleset.docs --write"


def test_example_rule_set_loads_over_the_builtins_and_its_fixtures_pass():
    from checker.ruleset.fixtures import load_cases, run_case

    example = ROOT / "docs" / "examples" / "ukraine-call"
    rules = load_rules([example / "rules"])
    assert not rules.get("name-spelling").enabled
    assert rules.get("call-length").options["hedges"][0] == "approximate"
    outcomes = [run_case(c, rules) for c in load_cases([example / "fixtures"])]
    assert outcomes and all(o.status == "pass" for o in outcomes), [(o.case.id, o.reason) for o in outcomes]


def test_a_disabled_rule_without_a_message_is_valid(tmp_path, capsys):
    from checker.cli import main

    (tmp_path / "quiet.yaml").write_text("id: quiet\nkind: numeric\nenabled: false\n", encoding="utf-8")
    assert main(["rules", "validate", str(tmp_path / "quiet.yaml")]) == 0
    assert "internal error" not in capsys.readouterr().err


def test_a_problem_is_said_once(tmp_path, capsys):
    from checker.cli import main

    (tmp_path / "bare.yaml").write_text("id: bare\nkind: numeric\n", encoding="utf-8")
    assert main(["rules", "validate", str(tmp_path / "bare.yaml")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines and len(lines) == len(set(lines))
