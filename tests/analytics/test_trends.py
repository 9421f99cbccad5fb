"""Changes between two waves of index-JSON unit entries, and the units that improved most."""

import random

import pytest

from berakhlak.analytics.culture_index import unit_report, unit_sums
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.analytics.trends import biggest_improvement, change
from tests.analytics.engines import CLOSURE_SCHEMA, CODES, PARENT, closure_rows, on_duckdb


def entry(unit, overall, **values):
    full = {v: values.get(v, 50.0) for v in VALUE_CODES}
    return {"unit": unit, "respondents": 10, "suppressed": False, "values": full, "overall": overall,
            "categories": dict.fromkeys(VALUE_CODES, "B"), "overall_category": "B"}


def hidden(unit):
    return {"unit": unit, "respondents": None, "suppressed": True, "values": dict.fromkeys(VALUE_CODES),
            "overall": None, "categories": dict.fromkeys(VALUE_CODES), "overall_category": None}


def test_change_is_the_difference_of_the_published_numbers():
    now = [entry("ROOT", 60.9, AD=41.2), entry("A", 55.0), hidden("B"), entry("NEW", 70.0)]
    before = [entry("A", 57.5), entry("ROOT", 57.3, AD=38.9), entry("B", 50.0), entry("GONE", 40.0)]
    result = change(now, before)
    assert [c["unit"] for c in result] == ["A", "B", "GONE", "NEW", "ROOT"]
    by_code = {c["unit"]: c for c in result}
    assert by_code["ROOT"]["overall"] == 3.6  # exactly, as a reader subtracts 60.9 - 57.3
    assert by_code["ROOT"]["values"]["AD"] == 2.3  # 41.2 - 38.9
    assert by_code["ROOT"]["values"]["BP"] == 0.0
    assert by_code["A"]["overall"] == -2.5
    assert by_code["B"] == {"unit": "B", "values": dict.fromkeys(VALUE_CODES), "overall": None}  # suppressed now
    assert by_code["GONE"]["overall"] is None and by_code["NEW"]["overall"] is None  # one wave only


def test_a_missing_number_gives_no_change_and_duplicates_are_refused():
    incomplete = entry("ROOT", None)
    incomplete["values"]["KL"] = None
    result = change([incomplete], [entry("ROOT", 60.0)])[0]
    assert result["overall"] is None and result["values"]["KL"] is None and result["values"]["BP"] == 0.0
    with pytest.raises(ValueError):
        change([entry("A", 1.0), entry("A", 2.0)], [])


def test_biggest_improvement_ranks_by_overall_change_then_code():
    changes = [{"unit": "C", "values": {}, "overall": 4.0}, {"unit": "A", "values": {}, "overall": -1.0},
               {"unit": "B", "values": {}, "overall": 4.0}, {"unit": "D", "values": {}, "overall": None},
               {"unit": "E", "values": {}, "overall": 7.5}]
    assert [c["unit"] for c in biggest_improvement(changes)] == ["E", "B", "C", "A"]
    assert [c["unit"] for c in biggest_improvement(changes, limit=2)] == ["E", "B"]
    assert biggest_improvement(changes, limit=0) == []
    with pytest.raises(ValueError):
        biggest_improvement(changes, limit=-1)


def test_agencies_in_the_same_shape_are_ranked_the_same_way():
    now = [entry("BKN", 62.0), entry("KEMENPANRB", 70.1), entry("LAN", 55.5)]
    before = [entry("BKN", 60.9), entry("KEMENPANRB", 69.0), entry("LAN", 58.0)]
    ranked = biggest_improvement(change(now, before))
    assert [(c["unit"], c["overall"]) for c in ranked] == [("BKN", 1.1), ("KEMENPANRB", 1.1), ("LAN", -2.5)]


def test_two_real_waves_from_the_pipeline():
    schema = {"unit_id": "int64", **{c: "int64" for c in BEHAVIOUR_CODES}}

    def wave(seed, shift):
        rng = random.Random(seed)
        rows = [{"unit_id": unit, **{c: min(5, max(1, rng.randint(1, 5) + shift)) for c in BEHAVIOUR_CODES}}
                for unit, count in {4: 12, 5: 3, 6: 20}.items() for _ in range(count)]
        sums = on_duckdb(unit_sums, {"responses": (schema, rows), "closure": (CLOSURE_SCHEMA, closure_rows())})
        return unit_report(sums, parent=PARENT, codes=CODES, scale=(1, 5), min_group=5)

    now, before = wave(1, 1), wave(2, 0)
    result = {c["unit"]: c for c in change(now, before)}
    for current, previous in zip(now, before):
        code = current["unit"]
        if current["suppressed"] or previous["suppressed"]:
            assert result[code]["overall"] is None
        else:  # both are 1-decimal numbers, so their difference rounded to 1 decimal is exact
            assert result[code]["overall"] == round(current["overall"] - previous["overall"], 1)
    assert result["A2"]["overall"] is None  # 3 respondents: suppressed in both waves
