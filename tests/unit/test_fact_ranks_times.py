"""Facts that are not quantities of the grammar's: ranks ("his 40th cap", "for a record third
time"), ages in apposition ("Lena Varga, 41,") and times of day ("at 3:20 p.m. (13:20 GMT)"), on
the project's own small articles: what must be found and compared, what must stay quiet."""

from __future__ import annotations

from checker.engine import evaluate
from checker.extractor.clock import read_clock
from checker.extractor.facts import extract
from checker.model import Article
from checker.ruleset.loader import load_rules


def facts(text: str, published: str = "2031-06-12") -> dict[str, list]:
    out: dict[str, list] = {}
    for f in extract(Article(id="a", path="a.md", text=text, outlet="T", published=published)).facts:
        out.setdefault(f.key, []).append(f.quantity)
    return out


def findings(*texts: str, published: str = "2031-06-12"):
    arts = [Article(id=f"a{i}", path=f"a{i}.md", text=t, outlet=f"Daily {i}", published=published, story="s")
            for i, t in enumerate(texts)]
    return [f for f in evaluate(arts, {a.id: extract(a) for a in arts}, load_rules()) if f.type in ("numeric", "internal")]


# ---------------------------------------------------------------- ranks
def test_a_rank_with_its_owner():
    found = facts("Defender Tomas Brandl, who won his first cap in 2024, played his 40th match for the "
                  "national side on Saturday. It was Brandl's 40th match in charge of the defence.")
    assert [q.value for q in found["match.rank[of=brandl]"]] == [40, 40], found


def test_for_the_nth_time_ranks_the_classed_noun_before_it():
    found = facts("The Harriers won the league championship for a record third time on Sunday.")
    assert [q.value for q in found["title.rank"]] == [3], found


def test_a_hyphenated_rank_and_a_minute_of_the_match_belong_to_the_player():
    found = facts("Ivo Marek's 78th-minute header settled it. Earlier, Petra Lind scored in the 12th minute.")
    assert [q.value for q in found["minute.rank[of=marek]"]] == [78]
    assert [q.value for q in found["minute.rank[of=lind]"]] == [12]


def test_a_minute_of_nobody_and_a_record_frame_are_no_facts():
    found = facts("The referee stopped play in the 30th minute. It was the first rate cut since 2027, "
                  "and the club's first title ever.")
    assert not any(k.endswith(".rank") or ".rank[" in k for k in found), found


def test_his_needs_a_person_named_close_by():
    found = facts("Mara Oslo spoke first. The weather was fine all week and the pitch was dry.\n\n"
                  "The manager, who took charge of his 50th game on Sunday, said nothing.")
    assert not any(k.startswith("game.rank[of=") for k in found), found


def test_ranks_that_differ_between_outlets_are_found_and_the_same_rank_is_quiet():
    differ = findings("The Harriers won a record fourth league title on Sunday.",
                      "The Harriers won the league title for the fifth time on Sunday.")
    assert any(f.key == "title.rank" for f in differ), differ
    same = findings("The Harriers won a record fourth league title on Sunday.",
                    "The Harriers won the league title for the fourth time on Sunday.")
    assert not any(f.key == "title.rank" for f in same), same


# ---------------------------------------------------------------- ages
def test_an_age_in_apposition_is_the_persons_and_compared_exactly():
    found = facts("Lena Varga, 41, a ferry captain, was among the rescued.")
    assert "person.age[of=varga]" in found, found
    differ = findings("Lena Varga, 41, a ferry captain, was among the rescued.",
                      "Lena Varga, 39, who captains the ferry, was among the rescued.")
    assert any(f.key == "person.age[of=varga]" for f in differ), differ  # no 10% tolerance
    same = findings("Lena Varga, 41, a ferry captain, was rescued.", "Lena Varga, 41, was rescued.")
    assert not same, same


def test_two_people_of_different_ages_are_two_facts():
    assert not findings("Lena Varga, 41, and Piet Ros, 63, were rescued.")


# ---------------------------------------------------------------- times of day
def test_read_clock():
    assert read_clock("4:57 p.m.") == (16 * 60 + 57, None)
    assert read_clock("12:01 a.m.") == (1, None)
    assert read_clock("8pm") == (20 * 60, None)
    assert read_clock("18:14 UTC") == (18 * 60 + 14, "utc")
    assert read_clock("0936 GMT") == (9 * 60 + 36, "gmt")
    assert read_clock("9.30 p.m.") == (21 * 60 + 30, None)
    assert read_clock("2-1") is None and read_clock("25:00") is None


def test_a_time_of_day_after_a_verb_of_what_happened():
    found = facts("The dam burst shortly before noon. The storm hit at 3:20 p.m. (13:20 GMT) on Tuesday, "
                  "and the match kicked off at 19:45 local time.")
    assert [q.value for q in found["occur.time"]] == [15 * 60 + 20], found
    assert [q.value for q in found["start.time"]] == [19 * 60 + 45], found
    assert "occur.time[utc]" not in found  # the bracketed conversion is no second claim


def test_a_zone_is_converted_to_utc():
    found = facts("The strike began at 12:01 a.m. EDT on Tuesday.", published="2031-10-01")
    assert [q.value for q in found["start.time[utc]"]] == [4 * 60 + 1], found


def test_datelines_and_newsletters_are_no_facts():
    found = facts("Updated 10:32 GMT, 12 June\n\nSign up for the morning briefing, delivered at 6 a.m.\n\n"
                  "By Ana Pell | 12 June 2031, 7:05 p.m.")
    assert not any(k.endswith(".time") or ".time[" in k for k in found), found


def test_times_that_differ_are_found_and_around_covers_the_half_hour():
    differ = findings("The fire broke out at 4:10 p.m. on Monday.", "The fire broke out at 5:40 p.m. on Monday.")
    assert any(f.key == "start.time" for f in differ), differ
    near = findings("The fire broke out at 4:10 p.m. on Monday.", "The fire broke out around 4 p.m. on Monday.")
    assert not any(f.key == "start.time" for f in near if f.type == "numeric"), near
    far = findings("The fire broke out at 4:50 p.m. on Monday.", "The fire broke out around 6 p.m. on Monday.")
    assert any(f.key == "start.time" for f in far), far


def test_a_local_time_and_a_utc_time_are_not_compared():
    quiet = findings("The quake struck at 1:14 p.m. local time on Tuesday.",
                     "The quake struck at 18:14 UTC on Tuesday.")
    assert not any(".time" in f.key for f in quiet), quiet


def test_span_before_a_clause_is_a_period():
    found = facts("The hills received 300 mm of rain in 24 hours before the slopes gave way.")
    assert any(q.text == "24 hours" for qs in found.values() for q in qs), found


# ---------------------------------------------------------------- a part given for a place
def test_a_breakdown_by_place_is_each_places_count():
    found = facts("The storm killed 120 people. Of the dead, 64 were in the capital and 31 in Norwell, "
                  "officials said. Of the dead, 12 were children.")
    assert "person.killed[in=capital]" in found and "person.killed[in=norwell]" in found, found
    assert [q.value for q in found["person.killed[part]"]] == [12], found
    differ = findings("The storm killed 120 people. Of the dead, 31 were in Norwell, officials said.",
                      "In Norwell, the mayor said 33 people had died.")
    assert any(f.key == "person.killed[in=norwell]" for f in differ), differ


# ---------------------------------------------------------------- a count in a clause about a person
def test_a_count_in_a_relative_clause_on_a_person_is_theirs():
    found = facts("Ana Ruiz, who finished the season with nine goals, was named player of the year. "
                  "Her club finished with 61 goals.")
    assert "goal.count[of=ruiz]" in found and [q.value for q in found["goal.count"]] == [61], found
    assert not findings("Ana Ruiz, who finished the season with nine goals, was named player of the year.",
                        "The club finished with 61 goals.")
    said = facts("Ana Ruiz, who said 40 people died, left the town.")
    assert "person.killed" in said, said  # what she said is no count of her own


# ---------------------------------------------------------------- when a thing was built
def test_when_a_thing_was_built_is_a_fact_even_in_a_sentence_about_the_past():
    found = facts("The viaduct opened in 1971 and carries the ring road. The dam, completed in the 1950s, "
                  "burst. It was built in 1990. Prices rose in 2029.")
    assert [q.value for q in found["viaduct.built"]] == [1971], found
    assert [(q.low, q.high) for q in found["dam.built"]] == [(1950, 1959)], found
    assert len(found) == 2, found  # a pronoun names nothing; "rose in 2029" builds nothing


def test_a_year_against_a_decade():
    assert any(f.key == "viaduct.built" for f in findings("The viaduct opened in 1967 and carries the ring road.",
                                                          "The viaduct, built in the 1970s, carries the ring road."))
    assert not findings("The viaduct opened in 1974 and carries the ring road.",
                        "The viaduct, built in the 1970s, carries the ring road.")


# ---------------------------------------------------------------- deadlines
def test_read_date():
    import datetime as dt

    from checker.extractor.deadlines import read_date
    pub = dt.date(2031, 10, 4)
    assert read_date("January 15, 2032", pub) == dt.date(2032, 1, 15)
    assert read_date("15 January 2032", pub) == dt.date(2032, 1, 15)
    assert read_date("Jan. 12", pub) == dt.date(2032, 1, 12)  # a deadline lies ahead
    assert read_date("Nov. 2", pub) == dt.date(2031, 11, 2)
    assert read_date("Week 12", pub) is None and read_date("February 30", pub) is None


def test_a_deadline_of_a_named_thing():
    found = facts("The sides agreed to extend the contract until January 15, 2032. The maker says it can "
                  "deliver two million doses by the end of next year. Prices should fall by the end of 2032.",
                  published="2031-10-04")
    assert [q.text for q in found["deal.until"]] == ["January 15, 2032"], found
    assert [q.text for q in found["dose.by"]] == ["the end of next year"], found
    assert not any(k.startswith("price.") and k.endswith(".by") for k in found), found


def test_deadlines_that_differ_are_found_and_the_date_is_no_time_anchor():
    differ = findings("The sides agreed to extend the contract until January 15, 2032.",
                      "The sides agreed to extend the contract until January 12.", published="2031-10-04")
    assert any(f.key == "deal.until" for f in differ), differ
    assert not findings("The sides agreed to extend the contract until January 15, 2032.",
                        "The sides agreed to extend the contract until Jan. 15.", published="2031-10-04")


def test_ranks_whose_owner_is_not_named_and_first_times_are_no_facts():
    found = facts("Norland, seeking their second title, lost. It is the country's fourth final. "
                  "The club won the cup final for the first time.")
    assert not any(".rank" in k for k in found), found


def test_a_by_date_before_publication_is_no_deadline():
    found = facts("Officials said 40 people had died by March 3.", published="2031-03-05")
    assert not any(k.endswith(".by") for k in found), found


def test_two_happenings_of_one_class_in_an_article_are_no_facts():
    found = facts("Polls opened at 7 a.m. on Sunday. The count began at 9 p.m., and the first results were "
                  "published at 11:40 p.m.")
    assert "start.time" not in found and [q.text for q in found["release.time"]] == ["11:40 p.m."], found
    assert not findings("Polls opened at 7 a.m. on Sunday. The count began at 9 p.m.",
                        "Polls opened at 7 a.m. on Sunday, officials said.")


def test_two_moments_of_one_person_are_no_facts():
    found = facts("Ivo Marek was booked in the 30th minute. Ivo Marek scored in the 61st minute. "
                  "Petra Lind scored in the 12th minute.")
    assert "minute.rank[of=marek]" not in found and "minute.rank[of=lind]" in found, found
