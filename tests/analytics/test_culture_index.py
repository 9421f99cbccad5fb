"""The index pipeline gives the same numbers on DuckDB and on SQLite, equal to a brute-force count."""

import json
import random

import ibis
import pytest

from berakhlak.analytics.culture_index import national_index, unit_report, unit_sums
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES, display, value_indices
from tests.analytics.engines import CODES, PARENT, closure_rows, in_subtree  # the shared 6-unit tree

SCHEMA = {"unit_id": "int64", **{c: "int64" for c in BEHAVIOUR_CODES}}


def make_responses(seed, sizes):
    rng = random.Random(seed)
    rows = []
    for unit, count in sizes.items():
        for _ in range(count):
            rows.append({"unit_id": unit, **{c: None if rng.random() < 0.08 else rng.randint(1, 5)
                                              for c in BEHAVIOUR_CODES}})
    return rows


def on_duckdb(rows):
    con = ibis.duckdb.connect()
    expr = unit_sums(ibis.memtable(rows, schema=SCHEMA), ibis.memtable(closure_rows()))
    return con.execute(expr).to_dict("records")


def on_sqlite(rows):
    con = ibis.sqlite.connect()
    raw = con.con
    raw.execute("CREATE TABLE responses (unit_id INTEGER, " + ", ".join(f"{c} INTEGER" for c in BEHAVIOUR_CODES) + ")")
    raw.executemany(f"INSERT INTO responses VALUES ({', '.join('?' * 22)})",
                    [[r["unit_id"], *(r[c] for c in BEHAVIOUR_CODES)] for r in rows])
    raw.execute("CREATE TABLE closure (ancestor_id INTEGER, descendant_id INTEGER)")
    raw.executemany("INSERT INTO closure VALUES (?, ?)", [(r["ancestor_id"], r["descendant_id"]) for r in closure_rows()])
    return con.execute(unit_sums(con.table("responses"), con.table("closure"))).to_dict("records")


@pytest.mark.parametrize("engine", [on_duckdb, on_sqlite], ids=["duckdb", "sqlite"])
def test_engines_match_a_brute_force_computation(engine):
    rows = make_responses(7, {1: 3, 2: 4, 4: 12, 5: 9, 3: 2, 6: 20})
    report = {u["unit"]: u for u in unit_report(engine(rows), parent=PARENT, codes=CODES, scale=(1, 5), min_group=5)}
    for unit, code in CODES.items():
        members = [r for r in rows if in_subtree(unit, r["unit_id"])]
        if not report[code]["suppressed"]:
            assert report[code]["respondents"] == len(members)
            expected = value_indices([{c: r[c] for c in BEHAVIOUR_CODES} for r in members], (1, 5))
            assert report[code]["values"] == {v: display(expected[v]) for v in VALUE_CODES}


def test_engines_give_identical_reports():
    rows = make_responses(11, {1: 1, 2: 6, 4: 30, 5: 3, 3: 0, 6: 8})
    args = dict(parent=PARENT, codes=CODES, scale=(1, 5), min_group=5)
    assert unit_report(on_duckdb(rows), **args) == unit_report(on_sqlite(rows), **args)


def test_report_follows_the_design_json_and_suppresses_small_groups():
    rows = make_responses(3, {4: 10, 5: 3, 6: 12})  # A2 has 3 -> hidden; A1 then reveals it -> hidden too
    report = {u["unit"]: u for u in unit_report(on_duckdb(rows), parent=PARENT, codes=CODES, scale=(1, 5), min_group=5)}
    assert report["A2"] == {"unit": "A2", "respondents": None, "suppressed": True,
                            "values": dict.fromkeys(VALUE_CODES), "overall": None,
                            "categories": dict.fromkeys(VALUE_CODES), "overall_category": None}
    assert report["A1"]["suppressed"]  # A = A1 + A2 with nothing of its own: showing A1 would reveal A2
    assert report["A"]["respondents"] == 13 and not report["A"]["suppressed"]
    root = report["ROOT"]
    assert set(root) == {"unit", "respondents", "suppressed", "values", "overall", "categories", "overall_category"}
    assert root["respondents"] == 25
    assert set(root["categories"].values()) <= {"A", "B", "C"}
    json.dumps(list(report.values()))  # plain JSON types only


def test_national_index_is_the_mean_of_qualifying_agencies():
    a = dict.fromkeys(VALUE_CODES, 60.0)
    b = dict.fromkeys(VALUE_CODES, 40.0)
    tiny = dict.fromkeys(VALUE_CODES, 100.0)
    result = national_index([(200, a), (5000, b), (3, tiny)], min_group=5)
    assert result["agencies"] == 2
    assert result["values"]["AD"] == pytest.approx(50.0)  # not respondent-weighted, tiny agency left out
    assert national_index([(3, tiny)], min_group=5)["overall"] is None
