"""Each numeric finding names its sides: which claims stand on which value, their outlets and sources,
and a likely explanation; and --explain says why a fact got its key."""

from __future__ import annotations

import subprocess
import sys

from checker.engine import evaluate
from checker.extractor.facts import extract
from checker.model import Article
from checker.ruleset.loader import load_rules


def _findings(*texts):
    arts = [Article(id=f"a{i}", path=f"a{i}.md", text=t, outlet=f"Daily {i}", published=p, story="s")
            for i, (t, p) in enumerate(texts)]
    return evaluate(arts, {a.id: extract(a) for a in arts}, load_rules())


def test_sides_index_the_claims_and_say_a_later_figure():
    found = _findings(("The storm killed 40 people, officials said.", "2031-05-14"),
                      ("The storm has killed 52 people, officials said.", "2031-05-16"))
    [f] = [f for f in found if f.type == "numeric"]
    sides = {s.value: s for s in f.sides}
    assert set(sides) == {"40 people", "52 people"}
    assert sorted(i for s in f.sides for i in s.claims) == list(range(len(f.claims)))
    assert sides["52 people"].explanation == "a later figure"
    assert "sides" in f.as_json() and f.as_json()["sides"][0]["claims"]


def test_a_floor_and_another_number_disagree_but_the_same_number_hedged_is_a_qualifier():
    found = _findings(("The storm killed at least 40 people.", "2031-05-14"),
                      ("The storm killed more than 52 people.", "2031-05-14"),
                      ("The storm killed 40 people.", "2031-05-14"))
    assert {f.type for f in found} >= {"numeric", "qualifier"}


def test_extract_explain(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\noutlet: T\npublished: 2031-05-14\n---\nThe death toll stood at 14.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "checker", "extract", "--no-cache", "--explain", str(path)],
                         capture_output=True, text=True, check=True).stdout
    assert "person.killed" in out and "named before it" in out
