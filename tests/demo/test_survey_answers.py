"""Simulated demo answers: the 2022 national table comes out of the real index pipeline."""

import ibis

from berakhlak.analytics.culture_index import unit_report, unit_sums
from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.demo.survey_answers import TABLE_2022, simulate_wave

PARENT = {1: None, 2: 1, 3: 1, 4: 2}
CODES = {1: "BKN", 2: "A", 3: "B", 4: "A1"}
CLOSURE = [{"ancestor_id": a, "descendant_id": d} for d in PARENT for a in
           {1: [1], 2: [1, 2], 3: [1, 3], 4: [1, 2, 4]}[d]]


def report(rows, scale=(1, 5)):
    table = ibis.memtable([{"unit_id": r["unit"], **{c: r[c] for c in BEHAVIOUR_CODES}} for r in rows],
                          schema={"unit_id": "int64", **{c: "int64" for c in BEHAVIOUR_CODES}})
    sums = ibis.duckdb.connect().execute(unit_sums(table, ibis.memtable(CLOSURE))).to_dict("records")
    return {u["unit"]: u for u in unit_report(sums, parent=PARENT, codes=CODES, scale=scale, min_group=5)}


def test_the_2022_table_is_reproduced_from_raw_answers():
    rows = simulate_wave([(1, 40, 0.0), (2, 300, -0.2), (3, 500, 0.1), (4, 900, 0.3)], TABLE_2022)
    root = report(rows)["BKN"]
    assert root["values"] == TABLE_2022
    assert root["overall"] == 60.9
    assert root["categories"]["AD"] == "C" and root["overall_category"] == "B"
    assert root["respondents"] == 1740


def test_units_differ_by_their_effect_and_answers_vary():
    rows = simulate_wave([(2, 400, -0.4), (3, 400, 0.4)], TABLE_2022, seed=5)
    result = report(rows)
    assert result["B"]["overall"] > result["A"]["overall"] + 5
    answers = {r["AK1"] for r in rows}
    assert answers <= {1, 2, 3, 4, 5, None} and len(answers - {None}) >= 4
    assert 0 < sum(r["BP1"] is None for r in rows) < len(rows) * 0.06


def test_deterministic_and_other_scales():
    units = [(2, 100, 0.0), (3, 60, 0.2)]
    assert simulate_wave(units, TABLE_2022, seed=1) == simulate_wave(units, TABLE_2022, seed=1)
    assert simulate_wave(units, TABLE_2022, seed=1) != simulate_wave(units, TABLE_2022, seed=2)
    rows = simulate_wave(units, TABLE_2022, scale=(1, 4), seed=3)
    assert report(rows, scale=(1, 4))["BKN"]["values"] == TABLE_2022
