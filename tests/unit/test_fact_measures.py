"""What a percentage or an amount of money measures, on the project's own small articles: the
measured noun of its sentence (with its kind and owner), whether it is a change, the period it is
given for and the rate it is paid at; and a distance's place.  Each capability has what must get one
key and what must stay apart."""

from __future__ import annotations

from checker.engine import evaluate
from checker.extractor.facts import extract
from checker.model import Article
from checker.ruleset.loader import load_rules


def keys(text: str, published: str = "2031-05-14") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in extract(Article(id="a", path="a.md", text=text, outlet="T", published=published)).facts:
        out.setdefault(f.key, []).append(f.quantity.text)
    return out


def findings(*texts: str):
    arts = [Article(id=f"a{i}", path=f"a{i}.md", text=t, outlet=f"Outlet {i}", published="2031-05-14")
            for i, t in enumerate(texts)]
    return evaluate(arts, {a.id: extract(a) for a in arts}, load_rules())


def test_the_measured_noun_not_the_nearest_word():
    found = keys("Consumer prices in the bloc rose 3.1% in March, the statistics office said.")
    assert found == {"inflation.share[in=march]": ["3.1%"]}, found


def test_kinds_of_one_measure_stay_apart():
    found = keys("The central bank left its deposit rate at 2.5% and the lending rate at 3.25%.")
    assert found.get("deposit-rate.share") == ["2.5%"] and found.get("lending-rate.share") == ["3.25%"], found


def test_a_list_of_years_keeps_its_measure_and_gives_each_its_year():
    found = keys("Economists expect growth of 1.1% this year, 1.5% in 2032 and 1.8% in 2033.")
    assert found == {"growth.share[in=2031]": ["1.1%"], "growth.share[in=2032]": ["1.5%"],
                     "growth.share[in=2033]": ["1.8%"]}, found


def test_a_change_is_not_the_level():
    found = keys("The bank cut its deposit rate by 0.5 percentage points. Its deposit rate is now 2%.")
    assert found.get("deposit-rate.change") and found.get("deposit-rate.share") == ["2%"], found


def test_the_earlier_level_after_from_is_superseded():
    found = keys("The deposit rate falls to 2% from the record 2.5% it had held for a year.")
    assert found.get("deposit-rate.share") == ["2%"], found


def test_whose_measure_and_at_what_rate():
    found = keys("Norland's prize money is €9 million. Porters earn $31 an hour.")
    assert "prize-money.amount[of=norland]" in found and "pay.amount[per=hour]" in found, found
    assert not any(k.endswith(".duration") for k in found), found  # "an hour" is the rate, not a time


def test_a_distance_takes_the_place_it_is_measured_from():
    found = keys("The town, about 30 km (19 miles) north of Varden, was cut off.")
    assert found == {"place.distance[from=varden]": ["about 30 km"]}, found


def test_a_month_and_year_in_the_past_is_background_but_since_is_now():
    found = keys("The rate has been held at 4% since March 2030. It was last cut in June 2029, to 1%.")
    assert list(found.values()) == [["4%"]], found


def test_an_unknown_measure_is_never_compared():
    found = findings("The hearing was told that it took five minutes.",
                     "The hearing was told that it took three days.")
    assert not [f for f in found if "unknown" in f.key], found


def test_different_measures_never_compare_but_one_measure_does():
    keys_found = {f.key for f in findings("Inflation rose to 2.6% in April. Unemployment was 6.1%.",
                                          "Inflation rose to 2.4% in April. Growth was 0.3%.")}
    assert keys_found == {"inflation.share[in=april]"}, keys_found


def test_a_level_held_for_a_span_is_the_one_before_the_change():
    found = keys("The bank cut its deposit rate to 2% after holding the deposit rate at 2.5% for a year.")
    assert found.get("deposit-rate.share") == ["2%"], found
    assert "deposit-rate.duration" in found, found  # the span itself is still a fact


def test_the_tail_of_a_fraction_is_not_read_as_a_whole_point():
    found = keys("The bank cut its deposit rate by a quarter of a percentage point to 2%.")
    assert not any(v == ["a percentage point"] for v in found.values()), found


def test_demand_offer_and_deal_are_different_facts():
    found = keys("The guild is demanding a 40% pay rise over five years. Employers offered 20%. "
                 "Under the deal signed later, the parties agreed a 30% raise.")
    assert found.get("pay.change[demanded]") == ["40%"], found
    assert found.get("pay.change[offered]") == ["20%"], found  # its measure from the figure before it
    assert found.get("pay.change[agreed]") == ["30%"], found


def test_a_bare_percentage_takes_the_measure_of_the_sentence_before():
    found = keys("The wage terms were not published. Employers raised their offer to a 35% increase.")
    assert any(k.startswith("pay.change") for k in found), found


def test_an_amount_never_takes_a_percentage_measure():
    found = keys("Analysts say the stoppage could cost the economy $2 billion a day.")
    assert found == {"cost.amount[per=day]": ["$2 billion"]}, found


def test_the_earlier_value_in_from_to_is_superseded():
    found = keys("The deal lifts the top hourly wage from $30 to about $45.")
    assert found == {"pay.amount[per=hour][update]": ["about $45"]}, found  # and the new value an update


def test_a_later_update_supersedes_an_earlier_figure_but_same_time_figures_disagree():
    early = "The mine collapse killed 31 people, officials said."
    later = "The death toll from the mine collapse has risen to 39, officials said."
    def arts(*specs):
        return [Article(id=f"a{i}", path=f"a{i}.md", text=t, outlet=f"O{i}", published=p)
                for i, (t, p) in enumerate(specs)]
    quiet = arts((early, "2031-05-14T08:00:00Z"), (later, "2031-05-14T20:00:00Z"))
    assert not [f for f in evaluate(quiet, {a.id: extract(a) for a in quiet}, load_rules())
                if f.key == "person.killed"]
    same_time = arts((early, "2031-05-14T08:00:00Z"), ("The mine collapse killed 39 people.", "2031-05-14T08:00:00Z"))
    assert [f for f in evaluate(same_time, {a.id: extract(a) for a in same_time}, load_rules())
            if f.key == "person.killed"]


def test_each_list_item_is_a_sentence_of_its_own():
    found = keys("Key figures:\n\n- Losses: the club's 2029 debt\n- Prize money: the club collects €9 million\n")
    assert "prize-money.amount" in found, found  # the year of the item before is not its background


def test_a_span_after_a_figure_is_its_period():
    found = keys("The guild wants a 40% raise over five years. Forecasters said 300 mm of rain fell in 36 hours.")
    assert found.get("pay.period") == ["over five years"] and found.get("rain.period") == ["36 hours"], found


def test_added_time_is_an_extension_not_the_length():
    found = keys("The four-year contract was extended for two more months.")
    assert "contract.extension" in {k.replace("deal.", "contract.") for k in found}, found
    assert any(k.endswith(".duration") for k in found), found


def test_a_year_in_a_name_is_no_background():
    found = keys("Under the Harbour Safety Act of 1999, the minister can impose a 60-day cooling-off period.",
                 published="2031-05-14")
    assert any(k.endswith(".duration") for k in found), found


def test_a_past_year_between_dashes_dates_only_its_aside():
    found = keys("The toll stood at 40 on Monday as rescuers \u2014 volunteer teams formed after the 1999 quake \u2014"
                 " searched the rubble.\n\nThe 1999 quake killed 300 people.")
    assert found.get("person.killed") == ["40"], found  # the sentence with the past year alone is background


def test_a_headline_floor_met_by_its_own_body_is_no_contradiction():
    text = "Flood toll crosses 60\n\nAt least 75 people have died in the floods, officials said."
    assert not [f for f in findings(text) if f.rule.startswith("internal")]
    assert [f for f in findings("Flood kills 60\n\nAt least 75 people have died in the floods.")
            if f.rule.startswith("internal")], "an exact headline figure below the body's is a stale headline"


def test_a_hyphenated_measure_qualifies_the_noun_after_its_conversion():
    found = keys("Engineers finished the 60-metre (197-foot) steel bridge over the river. "
                 "Forecasters said 300 mm of rain fell.")
    assert "bridge.distance" in found and "rain.distance" in found, found
    assert "bridge.distance" in keys("Engineers completed a 25-metre steel bridge linking the two villages.")


def test_kinds_are_summed_into_their_whole_and_compared():
    found = keys("Police said 12 cars and two lorries were on the deck.")
    assert found.get("vehicle.count") == ["12 cars and two lorries"] and "car.count" in found, found
    assert not [f for f in findings("Police said 12 cars and two lorries were on the deck.",
                                     "Police said 14 vehicles were on the deck.") if f.key == "vehicle.count"]
    assert [f for f in findings("Police said 12 cars and two lorries were on the deck.",
                                "Police said some 30 vehicles were on the deck.") if f.key == "vehicle.count"]
    assert "person.count" not in keys("Police said 12 children and two adults were on the deck.")


def test_a_vague_amount_is_compared_by_its_interval():
    assert not [f for f in findings("Dozens of container ships waited offshore.",
                                    "At least 45 container ships waited offshore.") if f.key.startswith("vessel")]
    assert [f for f in findings("Dozens of container ships waited offshore.",
                                "Twelve container ships waited offshore.") if f.key.startswith("vessel")]


def test_pay_in_a_calendar_year_is_a_yearly_pay():
    a = keys("The chief received $410,000 from the union last year, and more than $600,000 once his pay from a "
             "branch is included.")
    b = keys("He earns nearly $600,000 a year from his union posts.")
    assert "pay.amount[per=year]" in a and "pay.amount[per=year]" in b, (a, b)
    assert "pay.amount" in keys("Each porter got a one-off pay of $5,000.")  # no year named: no rate
