"""House style (a vocabulary of accepted and rejected spellings) and user names lexicons given with
--rules: how they are read (problems at their places), merged, and used (articles written for these
tests)."""

from __future__ import annotations

import textwrap

import pytest

from checker import api
from checker.comparators.vocabulary import REJECTED, load_vocabulary
from checker.errors import RuleError
from checker.extractor.lexicon import load_lexicon
from checker.extractor.names import load_names
from checker.ruleset.loader import load_rules


def write(path, text: str):
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def article(folder, name: str, outlet: str, text: str):
    return write(folder / name, f"---\noutlet: {outlet}\n---\n{text}\n")


def findings(tmp_path, *texts: str, rules=()) -> list:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        article(folder, f"a{i}.md", f"Daily {'ABCD'[i]}", text)
    return api.check([folder], rules=list(rules), cache=False).findings


# ---------------------------------------------------------------------------------- the vocabulary
def test_a_vocabulary_says_which_spelling_the_house_prints(tmp_path):
    v = load_vocabulary([write(tmp_path / "v.yaml", """
        lexicon: vocabulary
        accept: [Okonkwo, Ibáñez]
        reject:
          Tchaikovsky: Chaikovsky
          Ibanez:
        """)])
    assert v.house("Okonkwo") is None and v.house("okonkwo") is None  # case is no spelling
    assert v.house("Okonkow") == "Okonkwo"  # a form of an accepted spelling
    assert v.house("Tchaikovsky") == "Chaikovsky"
    assert v.house("Ibanez") == "Ibáñez"  # rejected without a replacement: the accepted form of it
    assert v.house("Okafor") is None  # another name
    assert load_vocabulary([], reject=["Smyth"]).house("Smyth") == REJECTED


def test_a_later_entry_replaces_an_earlier_one(tmp_path):
    first = write(tmp_path / "a.yaml", "lexicon: vocabulary\naccept: [Chaikovsky]\n")
    second = write(tmp_path / "b.yaml", "lexicon: vocabulary\nreject: [Chaikovsky]\n")
    assert load_vocabulary([first, second]).house("Chaikovsky") == REJECTED
    assert load_vocabulary([second, first]).house("Chaikovsky") is None


def test_vocabulary_problems_have_places(tmp_path):
    bad = write(tmp_path / "bad.yaml", """
        lexicon: vocabulary
        accept: Okonkwo
        reject:
          Smyth: [Smith]
        prefer: [x]
        """)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text(bad.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([rules])
    lines = err.value.lines()
    assert any(line.startswith(f"{rules / 'bad.yaml'}:2:9: accept must be a list") for line in lines)
    assert any(line.startswith(f"{rules / 'bad.yaml'}:4:10: reject: 'Smyth'") for line in lines)
    assert any(line.startswith(f"{rules / 'bad.yaml'}:5:1: unknown section 'prefer'") for line in lines)


def test_a_rejected_spelling_is_flagged_even_when_all_outlets_agree(tmp_path):
    vocab = write(tmp_path / "house.yaml", "lexicon: vocabulary\nreject: {Tchaikovsky: Chaikovsky}\n")
    text = "Mayor Ilya Tchaikovsky said the dam would hold, and Tchaikovsky ordered sandbags."
    found = findings(tmp_path, text, text.replace("ordered", "sent"), rules=[vocab])
    house = [f for f in found if f.rule == "house-style"]
    assert len(house) == 1 and "not the house spelling: Chaikovsky" in house[0].message
    assert {c.outlet for c in house[0].claims} == {"Daily A", "Daily B"}
    assert not findings(tmp_path, text, text)  # no vocabulary, no finding: all agree


def test_an_accepted_spelling_is_never_the_odd_one_out(tmp_path):
    texts = ("Mayor Ilya Chaikovsky said the dam would hold.",
             "Mayor Ilya Tchaikovsky said the dam would hold.",
             "Mayor Ilya Tchaikovsky told reporters the dam would hold.")
    plain = [f for f in findings(tmp_path, *texts) if f.rule == "name-transliteration"]
    assert plain and "Tchaikovsky is transliterated" in plain[0].message  # the majority's spelling
    vocab = write(tmp_path / "house.yaml", "lexicon: vocabulary\naccept: [Chaikovsky]\n")
    found = findings(tmp_path, *texts, rules=[vocab])
    named = [f for f in found if f.rule == "name-transliteration"]
    assert named and "Chaikovsky is transliterated" in named[0].message  # the house's, though fewer
    both = write(tmp_path / "both.yaml", "lexicon: vocabulary\naccept: [Chaikovsky, Tchaikovsky]\n")
    assert not [f for f in findings(tmp_path, *texts, rules=[both]) if f.type == "spelling"]


def test_the_vocabulary_setting_names_vocabulary_files(tmp_path, monkeypatch):
    write(tmp_path / "house.yaml", "lexicon: vocabulary\nreject: {Tchaikovsky: Chaikovsky}\n")
    write(tmp_path / "crosscheck.yaml", "vocabulary: house.yaml\ncache: false\n")
    article(tmp_path, "a.md", "Daily A", "Mayor Ilya Tchaikovsky said the dam would hold.")
    monkeypatch.chdir(tmp_path)
    found = api.check(["a.md"], config="crosscheck.yaml").findings
    assert [f.rule for f in found] == ["house-style"]


def test_the_vocabulary_option_of_the_api_names_vocabulary_files(tmp_path):
    house = write(tmp_path / "house.yaml", "lexicon: vocabulary\nreject: {Tchaikovsky: Chaikovsky}\n")
    article(tmp_path, "a.md", "Daily A", "Mayor Ilya Tchaikovsky said the dam would hold.")
    assert api.check([tmp_path / "a.md"], cache=False).findings == ()
    found = api.check([tmp_path / "a.md"], vocabulary=[str(house)], cache=False).findings
    assert [f.rule for f in found] == ["house-style"]


# ---------------------------------------------------------------------------- user names lexicons
def test_a_user_names_lexicon_adds_overrides_and_removes(tmp_path):
    user = write(tmp_path / "names.yaml", """
        lexicon: names
        roles: [harbourmaster]
        heads: {organisation: [village]}
        short_forms: {eleanor: [nell]}
        remove:
          roles: [coach]
          short_forms: {william: [liam]}
        """)
    names = load_names((str(user),))
    built_in = load_names()
    assert names.roles.match(["harbourmaster"], 0) and not built_in.roles.match(["harbourmaster"], 0)
    assert not names.roles.match(["coach"], 0) and built_in.roles.match(["coach"], 0)
    assert names.heads["village"] == "organisation" and built_in.heads["village"] == "place"
    assert "nell" in names.short_forms["eleanor"] and "eleanor" not in built_in.short_forms
    assert "liam" not in names.short_forms["william"] and "bill" in names.short_forms["william"]


def test_a_user_names_lexicon_is_used_to_find_people(tmp_path):
    user = write(tmp_path / "names.yaml", "lexicon: names\nroles: [harbourmaster]\n")
    text = "Harbourmaster Oskar Lindqvist closed the port on Monday."
    folder = tmp_path / "in"
    folder.mkdir()
    article(folder, "a.md", "Daily A", text)
    plain = api.extract([folder], cache=False)
    with_names = api.extract([folder], rules=[user], cache=False)
    roles = {m.text: m.role for _, ex in with_names for m in ex.mentions}
    assert roles.get("Oskar Lindqvist") == "harbourmaster"
    assert "harbourmaster" not in {m.role for _, ex in plain for m in ex.mentions}
    assert load_lexicon((str(user),)).names_files == (str(user),)


def test_a_short_form_from_a_user_names_lexicon_keeps_one_person(tmp_path):
    texts = ("Mayor Eleanor Quist said the bridge would reopen.",
             "Mayor Nell Quist said the bridge would reopen.",
             "Mayor Nell Quist told reporters the bridge would reopen.")
    user = write(tmp_path / "names.yaml", "lexicon: names\nshort_forms: {eleanor: [nell]}\n")
    assert [f for f in findings(tmp_path, *texts) if f.rule == "wrong-given-name"]
    assert not [f for f in findings(tmp_path, *texts, rules=[user]) if f.rule == "wrong-given-name"]


def test_names_lexicon_problems_have_places(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules / "names.yaml", "lexicon: names\nroles: harbourmaster\nnicknames: []\n")
    with pytest.raises(RuleError) as err:
        load_rules([rules])
    assert f"{rules / 'names.yaml'}:2:8: roles must be a list of words" in err.value.lines()
    assert any(line.startswith(f"{rules / 'names.yaml'}:3:1: unknown section 'nicknames'")
               for line in err.value.lines())
