"""Per-behaviour sums and ranking, and the long-table sums of the other survey dimensions
(Engagement, Employer Branding): each engine equals a brute-force count over the subtree."""

import random

import pytest

from berakhlak.analytics.culture_index import (
    BEHAVIOUR_SUM_COLUMNS,
    SUM_COLUMNS,
    behaviour_ranking,
    item_sums_long,
    unit_sums,
)
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES, index_from_sums
from tests.analytics.engines import CLOSURE_SCHEMA, ENGINES, PARENT, closure_rows, in_subtree

RESPONSE_SCHEMA = {"unit_id": "int64", **{c: "int64" for c in BEHAVIOUR_CODES}}


def make_responses(seed, sizes, missing=0.1):
    rng = random.Random(seed)
    return [{"unit_id": unit, **{c: None if rng.random() < missing else rng.randint(1, 5) for c in BEHAVIOUR_CODES}}
            for unit, count in sizes.items() for _ in range(count)]


def run_unit_sums(engine, rows):
    return engine(unit_sums, {"responses": (RESPONSE_SCHEMA, rows), "closure": (CLOSURE_SCHEMA, closure_rows())})


@pytest.mark.parametrize("engine", ENGINES.values(), ids=ENGINES.keys())
def test_behaviour_sums_and_counts_match_a_brute_force_count(engine):
    rows = make_responses(5, {1: 2, 2: 3, 4: 9, 5: 4, 6: 7})  # unit 3 has nobody of its own
    result = {r["unit_id"]: r for r in run_unit_sums(engine, rows)}
    assert set(result) == set(PARENT)
    for unit in PARENT:
        members = [r for r in rows if in_subtree(unit, r["unit_id"])]
        row = result[unit]
        assert set(row) == {"unit_id", *SUM_COLUMNS, *BEHAVIOUR_SUM_COLUMNS}
        assert row["respondents"] == len(members)
        for code in BEHAVIOUR_CODES:
            answers = [r[code] for r in members if r[code] is not None]
            assert (row[f"{code}_sum"], row[f"{code}_n"]) == (sum(answers), len(answers)), (unit, code)
        for value in VALUE_CODES:  # the existing per-value columns are unchanged
            answers = [r[f"{value}{i}"] for r in members for i in (1, 2, 3) if r[f"{value}{i}"] is not None]
            assert (row[f"{value}_sum"], row[f"{value}_n"]) == (sum(answers), len(answers))


def test_a_behaviour_nobody_answered_sums_to_zero_on_both_engines():
    rows = [{**r, "AD2": None} for r in make_responses(8, {4: 3, 6: 2})]
    for engine in ENGINES.values():
        root = {r["unit_id"]: r for r in run_unit_sums(engine, rows)}[1]
        assert (root["AD2_sum"], root["AD2_n"]) == (0, 0)


def row_from_answers(answers):
    """A unit_sums-shaped row from {behaviour code: list of answers} (codes left out: nobody answered)."""
    row = {}
    for code in BEHAVIOUR_CODES:
        given = answers.get(code, [])
        row[f"{code}_sum"], row[f"{code}_n"] = sum(given), len(given)
    return row


RANKING_ANSWERS = {
    **{code: [3, 3, 3, 3] for code in BEHAVIOUR_CODES},  # mean 3 -> 50 on 1-5
    "AK1": [5, 5, 4, 5],  # mean 4.75 -> 100 × 3.75/4 = 93.75
    "KO3": [5, 5, 5, 4],  # 93.75 too: tie with AK1, AK1 first by code
    "BP1": [4, 4, 4, 4],  # 75
    "AD2": [1, 2, 1, 1],  # mean 1.25 -> 6.25
    "AD3": [1, 1, 1, 2],  # 6.25 too: AD2 before AD3
    "LO2": [2, 2, 2, 2],  # 25
    "HA2": [2, 3, 2, 3],  # 37.5
    "HA1": [],  # nobody answered: no index, left out
}


def test_strongest_and_weakest_behaviours_by_hand():
    ranking = behaviour_ranking(row_from_answers(RANKING_ANSWERS), (1, 5))
    assert ranking == {
        "strongest": [{"code": "AK1", "value": "AK", "index": 93.75},
                      {"code": "KO3", "value": "KO", "index": 93.75},
                      {"code": "BP1", "value": "BP", "index": 75.0}],
        "weakest": [{"code": "AD2", "value": "AD", "index": 6.25},
                    {"code": "AD3", "value": "AD", "index": 6.25},
                    {"code": "LO2", "value": "LO", "index": 25.0}],
    }


def test_ranking_length_scale_and_errors():
    row = row_from_answers(RANKING_ANSWERS)
    assert behaviour_ranking(row, (1, 5), top=0) == {"strongest": [], "weakest": []}
    everything = behaviour_ranking(row, (1, 5), top=50)
    assert len(everything["strongest"]) == 20 and "HA1" not in {b["code"] for b in everything["strongest"]}
    assert everything["weakest"] == sorted(everything["strongest"], key=lambda b: (b["index"], b["code"]))
    # on 1-4 the same answers 4,4,4,4 are the top of the scale
    assert behaviour_ranking(row_from_answers({"BP1": [4, 4], "AK1": [1, 2]}), (1, 4), top=1) == {
        "strongest": [{"code": "BP1", "value": "BP", "index": 100.0}],
        "weakest": [{"code": "AK1", "value": "AK", "index": pytest.approx(100 * 0.5 / 3)}]}
    with pytest.raises(ValueError):
        behaviour_ranking(row, (1, 5), top=-1)
    with pytest.raises(ValueError):
        behaviour_ranking(row, (1, 7))


@pytest.mark.parametrize("engine", ENGINES.values(), ids=ENGINES.keys())
def test_ranking_from_an_engine_row_matches_brute_force_means(engine):
    rows = make_responses(21, {4: 15, 5: 11, 6: 9}, missing=0.2)
    result = {r["unit_id"]: r for r in run_unit_sums(engine, rows)}
    for unit in (1, 2, 6):
        members = [r for r in rows if in_subtree(unit, r["unit_id"])]
        scored = []
        for code in BEHAVIOUR_CODES:
            answers = [r[code] for r in members if r[code] is not None]
            scored.append((100 * (sum(answers) / len(answers) - 1) / 4, code))
        strongest = [code for _, code in sorted(scored, key=lambda s: (-s[0], s[1]))[:3]]
        weakest = [code for _, code in sorted(scored)[:3]]
        ranking = behaviour_ranking(result[unit], (1, 5))
        assert [b["code"] for b in ranking["strongest"]] == strongest
        assert [b["code"] for b in ranking["weakest"]] == weakest
        assert [b["index"] for b in ranking["weakest"]] == pytest.approx([s for s, _ in sorted(scored)[:3]])


LONG_SCHEMA = {"response_id": "int64", "item_code": "string", "dimension": "string", "value": "int64"}
ID_SCHEMA = {"id": "int64", "unit_id": "int64"}
DIMENSIONS = {"ENGAGEMENT": ["EE1", "EE2", "EE3", "EE4"], "BRANDING": ["EB1", "EB2"], "EXTRA": ["X1"]}


def make_long(seed):
    rng = random.Random(seed)
    responses, answers = [], []
    for rid in range(1, 90):
        responses.append({"id": rid, "unit_id": rng.choice([1, 2, 4, 4, 5, 6, 6])})
        for dimension, items in DIMENSIONS.items():
            if rng.random() < 0.15:
                continue  # this respondent skipped the whole section: no rows at all
            for item in items:
                answers.append({"response_id": rid, "item_code": item, "dimension": dimension,
                                "value": None if rng.random() < 0.2 else rng.randint(1, 5)})
    answers.append({"response_id": 999, "item_code": "EE1", "dimension": "ENGAGEMENT", "value": 5})  # no response
    return responses, answers


def run_long(engine, responses, answers):
    return engine(item_sums_long, {"answers": (LONG_SCHEMA, answers), "responses": (ID_SCHEMA, responses),
                                   "closure": (CLOSURE_SCHEMA, closure_rows())})


@pytest.mark.parametrize("engine", ENGINES.values(), ids=ENGINES.keys())
def test_long_sums_per_dimension_and_item_match_a_brute_force_count(engine):
    responses, answers = make_long(3)
    by_dimension, by_item = run_long(engine, responses, answers)
    unit_of = {r["id"]: r["unit_id"] for r in responses}
    expected_dimensions, expected_items = {}, {}
    for unit in PARENT:
        mine = [a for a in answers if a["value"] is not None and a["response_id"] in unit_of
                and in_subtree(unit, unit_of[a["response_id"]])]
        for dimension in DIMENSIONS:
            values = [a for a in mine if a["dimension"] == dimension]
            if values:
                expected_dimensions[unit, dimension] = {
                    "respondents": len({a["response_id"] for a in values}),
                    "sum": sum(a["value"] for a in values), "n": len(values)}
        for item in sum(DIMENSIONS.values(), []):
            values = [a["value"] for a in mine if a["item_code"] == item]
            if values:
                expected_items[unit, item] = {"sum": sum(values), "n": len(values)}
    assert {(r["unit_id"], r["dimension"]): {k: r[k] for k in ("respondents", "sum", "n")}
            for r in by_dimension} == expected_dimensions
    assert {(r["unit_id"], r["item_code"]): {"sum": r["sum"], "n": r["n"]} for r in by_item} == expected_items
    assert all(list(r) == ["unit_id", "dimension", "respondents", "sum", "n"] for r in by_dimension)
    assert all(list(r) == ["unit_id", "item_code", "sum", "n"] for r in by_item)


def test_engagement_index_uses_the_value_index_formula():
    # 2 respondents in unit 4: engagement answers 5, 4, None, 3 and 2, None, None, 5 -> 5 answers, sum 19
    responses = [{"id": 1, "unit_id": 4}, {"id": 2, "unit_id": 4}]
    answers = [{"response_id": rid, "item_code": f"EE{i}", "dimension": "ENGAGEMENT", "value": v}
               for rid, given in ((1, [5, 4, None, 3]), (2, [2, None, None, 5])) for i, v in enumerate(given, 1)]
    answers += [{"response_id": 2, "item_code": "EB1", "dimension": "BRANDING", "value": None}]
    for engine in ENGINES.values():
        by_dimension, _ = run_long(engine, responses, answers)
        root = {r["dimension"]: r for r in by_dimension if r["unit_id"] == 1}
        assert set(root) == {"ENGAGEMENT"}  # branding was never answered: no row
        assert (root["ENGAGEMENT"]["respondents"], root["ENGAGEMENT"]["sum"], root["ENGAGEMENT"]["n"]) == (2, 19, 5)
        # mean 19/5 = 3.8 on 1-5 -> 100 × 2.8/4 = 70
        assert index_from_sums(root["ENGAGEMENT"]["sum"], root["ENGAGEMENT"]["n"], (1, 5)) == pytest.approx(70.0)


def test_both_engines_give_identical_rows():
    rows = make_responses(9, {1: 1, 4: 6, 6: 5})
    key = lambda r: r["unit_id"]  # noqa: E731
    duck, lite = (sorted(run_unit_sums(e, rows), key=key) for e in ENGINES.values())
    assert duck == lite
    responses, answers = make_long(4)
    duck, lite = (tuple(sorted(part, key=lambda r: tuple(map(str, r.values()))) for part in run_long(e, responses, answers))
                  for e in ENGINES.values())
    assert duck == lite
