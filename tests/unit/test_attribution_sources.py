"""Who is credited with a figure, on the project's own small articles: one figure credited to two
persons, or to two bodies, is a finding; a figure a body announces in one outlet and a person (who
may speak for it) in another is not."""

from __future__ import annotations

from checker.engine import evaluate
from checker.extractor.facts import extract
from checker.model import Article
from checker.ruleset.loader import load_rules


def findings(*texts: str, rule: str = "figure-attribution"):
    arts = [Article(id=f"a{i}", path=f"a{i}.md", text=t, outlet=f"Outlet {i}", published="2031-05-14")
            for i, t in enumerate(texts)]
    return [d for d in evaluate(arts, {a.id: extract(a) for a in arts}, load_rules()) if d.rule == rule]


def test_two_persons_credited_with_one_figure_are_a_finding():
    [d] = findings("Harbour master Paolo Ferri said 35 boats were lost in the storm.",
                   "Coastguard commander Anna Conti said 35 boats were lost in the storm.")
    assert sorted(s.label for s in d.sides) == ["Anna Conti", "Paolo Ferri"]


def test_two_bodies_credited_with_one_figure_are_a_finding():
    [d] = findings("The Treasury announced grants of 4,500 euros for each flooded home.",
                   "The Housing Agency announced grants of 4,500 euros for each flooded home.")
    assert len(d.sides) == 2


def test_a_body_and_a_person_who_may_speak_for_it_are_quiet():
    assert findings("The Treasury announced grants of 4,500 euros for each flooded home.",
                    "Finance Minister Anna Conti announced grants of 4,500 euros for each flooded home.") == []


def test_an_acronym_that_spells_a_stop_word_is_a_source():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from extract_kit import read

    def speakers(text):
        return [a.speaker for a in read(text).attributions]

    assert speakers("According to the WHO, 900 people have been infected.") == ["WHO"]
    assert speakers("The outbreak is spreading, said the officials who visited the camps.") == ["officials"]


def test_one_figure_from_two_bodies_one_named_by_an_acronym():
    [d] = findings("According to the WHO, 900 people have been infected in the region this year.",
                   "The Health Ministry said 900 people have been infected in the region this year.")
    assert "WHO" in d.message
