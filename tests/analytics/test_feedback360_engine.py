"""The 360 expressions (``berakhlak.analytics.feedback360``) against the pure rules, on DuckDB and SQLite.

Each expression is compiled once per configuration (compiling dominates the cost; the rows do not
matter to it) and run on both engines over the same plain rows: on DuckDB the SQL that
``con.execute(expr)`` runs, over a table filled from a pandas frame (``create_table`` from pandas fails
here with a parser error, so the frame is registered and copied); on SQLite the SQL of
``ibis.to_sql(expr, dialect="sqlite")``, in a plain ``sqlite3`` database filled by ``DataFrame.to_sql``.
"""

from __future__ import annotations

import functools
import math
import random
import sqlite3
from collections import Counter, defaultdict

import ibis
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berakhlak.analytics import feedback360 as engine
from berakhlak.analytics.feedback360 import OVERALL, PRIORITY, proposals, results
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.feedback360 import rules
from berakhlak.feedback360.rules import (
    ALL,
    CROSS,
    DEFAULT_QUOTAS,
    DEFAULT_WEIGHTS,
    OTHERS,
    PEER,
    SELF,
    SUBORDINATE,
    SUPERIOR,
    Person,
)

SHEETS_SCHEMA = {"ratee_id": "int64", "relationship": "string", **{c: "int64" for c in BEHAVIOUR_CODES}}
PEOPLE_SCHEMA = {"id": "int64", "unit_id": "int64", "parent_id": "int64", "superior_id": "int64"}
TABLES = {"sheets": SHEETS_SCHEMA, "people": PEOPLE_SCHEMA}
ITEMS = {**{c: [c] for c in BEHAVIOUR_CODES}, **{v: [f"{v}{i}" for i in (1, 2, 3)] for v in VALUE_CODES}}
ENGINES = ("duckdb", "sqlite")
TOL = 1e-9


# --- running an expression on each engine -------------------------------------------------------------------

def _frame(rows, schema):
    df = pd.DataFrame(rows, columns=list(schema))
    return df.astype({c: "Int64" for c, t in schema.items() if t == "int64"})


def _plain(value):
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _records(columns, tuples):
    return [{c: _plain(v) for c, v in zip(columns, row)} for row in tuples]


@functools.cache
def _duckdb():
    """One DuckDB database for the module, with the typed tables ``sheets`` and ``people``."""
    con = ibis.duckdb.connect()
    types = {"int64": "BIGINT", "string": "VARCHAR"}
    for name, schema in TABLES.items():
        con.raw_sql(f"create table {name} (" + ", ".join(f'"{c}" {types[t]}' for c, t in schema.items()) + ")")
    return con


def _fill_duckdb(name, rows):
    con = _duckdb()
    con.con.register(f"{name}_df", _frame(rows, TABLES[name]))
    con.raw_sql(f"delete from {name}")
    con.raw_sql(f"insert into {name} select * from {name}_df")
    con.con.unregister(f"{name}_df")
    return con


def _build(name, config, table):
    if name == "sheets":
        weights, min_raters = config
        return results(table, weights=dict(weights), min_raters=min_raters)
    seed, quotas, max_forms = config
    return proposals(table, seed=seed, quotas=dict(quotas), max_forms=max_forms)


@functools.cache
def _sql(dialect, name, config):
    if dialect == "duckdb":
        con = _duckdb()
        return con.compile(_build(name, config, con.table(name)))
    return str(ibis.to_sql(_build(name, config, ibis.table(TABLES[name], name=name)), dialect="sqlite"))


def execute(dialect, name, config, rows):
    """Rows (plain dicts) of the ``results`` (``name`` "sheets") or ``proposals`` ("people") expression
    for ``config`` over a table ``name`` holding ``rows``."""
    sql = _sql(dialect, name, config)
    if dialect == "duckdb":
        cursor = _fill_duckdb(name, rows).raw_sql(sql)
    else:
        db = sqlite3.connect(":memory:")
        _frame(rows, TABLES[name]).to_sql(name, db, index=False)
        cursor = db.execute(sql)
    return _records([d[0] for d in cursor.description], cursor.fetchall())


# --- results: brute force from the pure rules -----------------------------------------------------------------

def sheet(ratee, relationship, value, **answers):
    """One submitted form: every behaviour ``value`` (None = cannot judge) except those in ``answers``."""
    return {"ratee_id": ratee, "relationship": relationship, **{c: answers.get(c, value) for c in BEHAVIOUR_CODES}}


def run_results(dialect, sheets, weights=DEFAULT_WEIGHTS, min_raters=3):
    rows = execute(dialect, "sheets", (tuple(weights.items()), min_raters), sheets)
    keyed = {(row["ratee_id"], row["grp"], row["code"]): row for row in rows}
    assert len(keyed) == len(rows), "one row per ratee, group and code"
    assert all(list(row) == list(engine.RESULT_COLUMNS) for row in rows)
    return keyed


NO_LEVELS = dict.fromkeys(("d1", "d2", "d3", "d4", "d5"))


def brute_force(sheets, weights, min_raters):
    """Every result row computed in Python with ``rules.group_raters``, ``weighted_score`` and ``spread``."""
    out = {}
    by_ratee = defaultdict(list)
    for s in sheets:
        by_ratee[s["ratee_id"]].append(s)
    for ratee, forms in by_ratee.items():
        grouping = rules.group_raters(Counter(s["relationship"] for s in forms), weights, min_raters)
        members = {g: [s for s in forms if grouping.group_of[s["relationship"]] == g] for g in grouping.visible}
        answers = {(g, code): [s[c] for s in members[g] for c in ITEMS[code] if s[c] is not None]
                   for g in grouping.visible for code in ITEMS}
        for (g, code), a in answers.items():
            if a:
                out[(ratee, g, code)] = {"raters": grouping.raters[g], "n": len(a), "mean": sum(a) / len(a),
                                         "sd": rules.spread(len(a), sum(a), sum(x * x for x in a)), **NO_LEVELS}
        others = [g for g in grouping.visible if g != SELF]
        for code in ITEMS:
            means = {g: out[(ratee, g, code)]["mean"] if (ratee, g, code) in out else None for g in others}
            score = rules.weighted_score(means, grouping.weights)
            if score is None:
                continue
            pooled = [x for g in others for x in answers[(g, code)]]
            levels = Counter(pooled) if code in BEHAVIOUR_CODES else {}
            out[(ratee, ALL, code)] = dict(
                raters=sum(grouping.raters[g] for g in others if answers[(g, code)]), n=len(pooled), mean=score,
                sd=rules.spread(len(pooled), sum(pooled), sum(x * x for x in pooled)),
                **{f"d{v}": levels.get(v, 0) if code in BEHAVIOUR_CODES else None for v in range(1, 6)})
        for g in (*grouping.visible, ALL):
            values = [out[(ratee, g, v)] for v in VALUE_CODES if (ratee, g, v) in out]
            if values:
                out[(ratee, g, OVERALL)] = {"raters": max(v["raters"] for v in values),
                                            "n": sum(v["n"] for v in values),
                                            "mean": sum(v["mean"] for v in values) / len(values), "sd": None,
                                            **NO_LEVELS}
    return out


def assert_rows_match(got, expected):
    assert set(got) == set(expected), (sorted(set(got) - set(expected))[:5], sorted(set(expected) - set(got))[:5])
    for key, want in expected.items():
        row = got[key]
        for column, value in want.items():
            if isinstance(value, float):
                assert row[column] == pytest.approx(value, abs=TOL), (key, column, row[column], value)
            else:
                assert row[column] == value, (key, column, row[column], value)


# --- results: hand-checked examples ---------------------------------------------------------------------------
# all examples sit in one table (one ratee each), run once per engine: a ratee's rows never mix with another's

HAND = [
    # ratee 1: superior 4, peers 3/4/5, one cross-unit peer 2, one subordinate 1, self 5
    sheet(1, SUPERIOR, 4), sheet(1, PEER, 3), sheet(1, PEER, 4), sheet(1, PEER, 5),
    sheet(1, CROSS, 2), sheet(1, SUBORDINATE, 1), sheet(1, SELF, 5),
    # ratee 2: superior 4, peers 3/4/5, cross-unit peers 2 and 2, one subordinate 1
    sheet(2, SUPERIOR, 4), sheet(2, PEER, 3), sheet(2, PEER, 4), sheet(2, PEER, 5),
    sheet(2, CROSS, 2), sheet(2, CROSS, 2), sheet(2, SUBORDINATE, 1),
    # ratee 3: nobody could judge KL3
    sheet(3, SUPERIOR, 5, KL3=None), sheet(3, SELF, 3, KL3=None),
    # ratee 7: "cannot judge" here and there
    sheet(7, SUPERIOR, 4, BP1=None),  # the superior cannot judge BP1
    sheet(7, PEER, 2, BP1=None, BP2=None),  # one peer cannot judge BP1, BP2
    sheet(7, PEER, 4),
    sheet(7, PEER, None),  # one peer cannot judge anything, yet is a rater
    # ratee 8: like ratee 2 with a few holes, for the brute force
    sheet(8, SUPERIOR, 4), sheet(8, PEER, 3), sheet(8, PEER, 4), sheet(8, PEER, 5),
    sheet(8, CROSS, 2), sheet(8, CROSS, 2, AD1=None), sheet(8, SUBORDINATE, 1, KO2=5),
    # ratee 9: a self-assessment only
    sheet(9, SELF, 4),
]
# the superior weighing nothing: ratee 5 with peers, ratee 6 alone
NO_SUPERIOR_WEIGHT = {**DEFAULT_WEIGHTS, SUPERIOR: 0}
HAND_UNWEIGHED = [sheet(5, SUPERIOR, 1), sheet(5, PEER, 4), sheet(5, PEER, 4), sheet(5, PEER, 4), sheet(6, SUPERIOR, 3)]


@functools.cache
def hand_results(dialect, weighed=True):
    if weighed:
        return run_results(dialect, HAND)
    return run_results(dialect, HAND_UNWEIGHED, weights=NO_SUPERIOR_WEIGHT)


def of_ratee(got, ratee):
    return {k: v for k, v in got.items() if k[0] == ratee}


@pytest.mark.parametrize("dialect", ENGINES)
def test_it_hides_a_small_others_group_and_weighs_the_rest_by_hand(dialect):
    got = of_ratee(hand_results(dialect), 1)
    # cross 1 + subordinate 1 = others 2 < 3: hidden, and no trace of them anywhere
    assert {grp for _r, grp, _c in got} == {SELF, SUPERIOR, PEER, ALL}
    assert len(got) == 4 * (21 + 7 + 1)
    for code in BEHAVIOUR_CODES:
        assert got[(1, SUPERIOR, code)] == {
            "ratee_id": 1, "grp": SUPERIOR, "code": code, "raters": 1, "n": 1, "mean": 4.0, "sd": 0.0, "d1": None, "d2": None, "d3": None,
            "d4": None, "d5": None}
        assert (got[(1, SELF, code)]["raters"], got[(1, SELF, code)]["n"], got[(1, SELF, code)]["mean"]) == (1, 1, 5.0)
        peer = got[(1, PEER, code)]
        # peers 3, 4, 5: mean 4, population SD sqrt(((3−4)² + 0 + (5−4)²) / 3) = sqrt(2/3)
        assert (peer["raters"], peer["n"], peer["mean"]) == (3, 3, 4.0)
        assert peer["sd"] == pytest.approx(math.sqrt(2 / 3), abs=TOL)
        everyone = got[(1, ALL, code)]
        # weighted: (50·4 + 20·4) / (50 + 20) = 280 / 70 = 4.0 (self's 5 and the hidden 2 and 1 left out)
        assert everyone["mean"] == pytest.approx(4.0, abs=TOL)
        # answers 4, 3, 4, 5 unweighted: mean 4, SD sqrt((0 + 1 + 0 + 1) / 4) = sqrt(1/2)
        assert (everyone["raters"], everyone["n"]) == (4, 4)
        assert everyone["sd"] == pytest.approx(math.sqrt(0.5), abs=TOL)
        assert [everyone[f"d{v}"] for v in range(1, 6)] == [0, 0, 1, 2, 1]
    for value in VALUE_CODES:
        # a value pools its three behaviours: the peers' 9 answers, 4 raters' 12 for everyone
        assert (got[(1, PEER, value)]["n"], got[(1, PEER, value)]["mean"]) == (9, 4.0)
        assert got[(1, ALL, value)]["n"] == 12
        assert got[(1, ALL, value)]["mean"] == pytest.approx(4.0, abs=TOL)
        assert got[(1, ALL, value)]["sd"] == pytest.approx(math.sqrt(0.5), abs=TOL)
        assert [got[(1, ALL, value)][f"d{v}"] for v in range(1, 6)] == [None] * 5  # levels: behaviours only
    overall = got[(1, ALL, OVERALL)]
    assert (overall["raters"], overall["n"], overall["sd"]) == (4, 84, None)
    assert overall["mean"] == pytest.approx(4.0, abs=TOL)
    assert got[(1, SELF, OVERALL)]["mean"] == 5.0 and got[(1, SUPERIOR, OVERALL)]["n"] == 21


@pytest.mark.parametrize("dialect", ENGINES)
def test_it_shows_others_once_large_enough_and_weighs_it_with_the_summed_weight(dialect):
    got = of_ratee(hand_results(dialect), 2)
    assert {grp for _r, grp, _c in got} == {SUPERIOR, PEER, OTHERS, ALL}
    for code in BEHAVIOUR_CODES:
        others = got[(2, OTHERS, code)]
        # others = cross 2 + subordinate 1 = 3 raters, answers 2, 2, 1: mean 5/3,
        # SD sqrt((2² + 2² + 1²) / 3 − (5/3)²) = sqrt(9/3 − 25/9) = sqrt(2/9)
        assert (others["raters"], others["n"]) == (3, 3)
        assert others["mean"] == pytest.approx(5 / 3, abs=TOL)
        assert others["sd"] == pytest.approx(math.sqrt(2 / 9), abs=TOL)
        everyone = got[(2, ALL, code)]
        # others weigh cross 10 + subordinate 20 = 30:
        # (50·4 + 20·4 + 30·5/3) / (50 + 20 + 30) = (200 + 80 + 50) / 100 = 3.3
        assert everyone["mean"] == pytest.approx(3.3, abs=TOL)
        # answers 4, 3, 4, 5, 2, 2, 1: sum 21, mean 3, squares 75, SD sqrt(75/7 − 9) = sqrt(12/7)
        assert (everyone["raters"], everyone["n"]) == (7, 7)
        assert everyone["sd"] == pytest.approx(math.sqrt(12 / 7), abs=TOL)
        assert [everyone[f"d{v}"] for v in range(1, 6)] == [1, 2, 1, 2, 1]
    assert got[(2, ALL, OVERALL)]["mean"] == pytest.approx(3.3, abs=TOL)
    assert (got[(2, ALL, OVERALL)]["raters"], got[(2, ALL, OVERALL)]["n"]) == (7, 7 * 21)


@pytest.mark.parametrize("dialect", ENGINES)
def test_cannot_judge_is_left_out_of_means_and_counts(dialect):
    got = of_ratee(hand_results(dialect), 7)
    # peers 3 form a visible group even though only two answered anything
    ak1 = got[(7, PEER, "AK1")]
    assert (ak1["raters"], ak1["n"], ak1["mean"]) == (3, 2, 3.0)
    # BP1: only the second peer's 4; no superior row at all
    assert (7, SUPERIOR, "BP1") not in got
    assert (got[(7, PEER, "BP1")]["n"], got[(7, PEER, "BP1")]["mean"]) == (1, 4.0)
    # weighted BP1: the superior has no mean for it, so peers alone: 4.0 (not (50·0 + 20·4) / 70)
    everyone = got[(7, ALL, "BP1")]
    assert (everyone["n"], everyone["raters"], everyone["mean"]) == (1, 3, 4.0)
    assert [everyone[f"d{v}"] for v in range(1, 6)] == [0, 0, 0, 1, 0]
    # BP3: superior 4, peers 2 and 4: (50·4 + 20·3) / 70 = 260 / 70
    assert got[(7, ALL, "BP3")]["mean"] == pytest.approx(260 / 70, abs=TOL)
    assert got[(7, ALL, "BP3")]["n"] == 3
    # the value BP pools answered items only: superior 4, 4 (2 answers); peers 4 | 4 | 2, 4 (4 answers)
    assert (got[(7, SUPERIOR, "BP")]["n"], got[(7, PEER, "BP")]["n"]) == (2, 4)
    assert got[(7, PEER, "BP")]["mean"] == pytest.approx(14 / 4, abs=TOL)
    assert (got[(7, ALL, "BP")]["n"], got[(7, ALL, "BP")]["raters"]) == (6, 4)


@pytest.mark.parametrize("dialect", ENGINES)
def test_a_behaviour_nobody_could_judge_has_no_row(dialect):
    got = of_ratee(hand_results(dialect), 3)
    assert not [k for k in got if k[2] == "KL3"]
    assert got[(3, ALL, "KL")]["n"] == 2  # the superior's KL1, KL2; self is not in ALL


@pytest.mark.parametrize("dialect", ENGINES)
def test_only_a_self_assessment_gives_no_weighted_score(dialect):
    got = of_ratee(hand_results(dialect), 9)
    assert {grp for _r, grp, _c in got} == {SELF}


@pytest.mark.parametrize("dialect", ENGINES)
def test_a_visible_group_without_weight_counts_in_the_answers_but_not_in_the_score(dialect):
    got = hand_results(dialect, weighed=False)
    everyone = got[(5, ALL, "HA2")]
    # (0·1 + 20·4) / 20 = 4; the superior's answer is still one of the 4 answers
    assert (everyone["mean"], everyone["n"], everyone["d1"], everyone["d4"]) == (4.0, 4, 1, 3)
    # the superior alone, weighing nothing: no weighted score
    assert {grp for _r, grp, _c in of_ratee(got, 6)} == {SUPERIOR}


@pytest.mark.parametrize("dialect", ENGINES)
def test_the_hand_examples_agree_with_the_brute_force(dialect):
    assert_rows_match(hand_results(dialect), brute_force(HAND, DEFAULT_WEIGHTS, 3))
    assert_rows_match(hand_results(dialect, weighed=False), brute_force(HAND_UNWEIGHED, NO_SUPERIOR_WEIGHT, 3))


# --- results: random sheets against the brute force, on both engines --------------------------------------------

SETTINGS = [
    (DEFAULT_WEIGHTS, 3),
    (NO_SUPERIOR_WEIGHT, 3),
    ({SELF: 0, SUPERIOR: 40, PEER: 30, CROSS: 0, SUBORDINATE: 30}, 4),
]


def random_sheets(seed, counts, null_rate):
    """``counts``: per ratee, the forms per relationship (in ``rules.RELATIONSHIPS`` order)."""
    rng = random.Random(seed)
    out = []
    for ratee, per_rel in enumerate(counts, start=1):
        for rel, n in zip(rules.RELATIONSHIPS, per_rel):
            for _ in range(n):
                blank = rng.random() < 0.1  # a form where every answer is "cannot judge"
                out.append({"ratee_id": ratee, "relationship": rel, **{
                    c: None if blank or rng.random() < null_rate else rng.randint(1, 5) for c in BEHAVIOUR_CODES}})
    rng.shuffle(out)
    return out


COUNTS = st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1), st.integers(0, 5), st.integers(0, 4),
                            st.integers(0, 5)), min_size=1, max_size=12)


# each example holds up to 12 ratees: one query per engine checks them all (a query costs ~0.3 s)
@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32), counts=COUNTS, null_rate=st.sampled_from([0.0, 0.2, 0.7]),
       setting=st.sampled_from(SETTINGS))
def test_every_result_row_equals_the_brute_force_on_both_engines(seed, counts, null_rate, setting):
    weights, min_raters = setting
    sheets = random_sheets(seed, counts, null_rate)
    expected = brute_force(sheets, weights, min_raters)
    on_duckdb, on_sqlite = (run_results(dialect, sheets, weights, min_raters) for dialect in ENGINES)
    assert_rows_match(on_duckdb, expected)
    assert_rows_match(on_sqlite, expected)
    assert_rows_match(on_sqlite, on_duckdb)  # every column, the engines within 1e-9 of each other


# --- proposals: the population -----------------------------------------------------------------------------------

# the small org: root unit 1 (employee 1, no superior); units 2, 3, 4 under 1 with heads 2, 3, 4 (superior 1);
# staff 10–13 in unit 2 (superior 2), 20–21 in unit 3 (superior 3), 30 in unit 4 (superior 4)
ORG = ((1, 1, None, None), (2, 2, 1, 1), (3, 3, 1, 1), (4, 4, 1, 1),
       (10, 2, 1, 2), (11, 2, 1, 2), (12, 2, 1, 2), (13, 2, 1, 2), (20, 3, 1, 3), (21, 3, 1, 3), (30, 4, 1, 4))
# a superior in a sibling unit: unit 102 holds 102 (superior 101) and 110 (superior 102); unit 103 holds 120,
# whose superior is 102
DEDUPE_ORG = ((101, 101, None, None), (102, 102, 101, 101), (110, 102, 101, 102), (120, 103, 101, 102))
# 211 and 212 report to 299, who is not in the cycle
OUTSIDE_ORG = ((201, 201, None, None), (202, 202, 201, 201), (210, 202, 201, 202), (211, 202, 201, 299),
               (212, 202, 201, 299))
# six staff under one superior, no sibling unit
RING_ORG = ((301, 301, None, None), *((i, 302, 301, 301) for i in range(310, 316)))
# the orgs share no unit, parent or superior: one table serves them all (one query per configuration)
POP = ORG + DEDUPE_ORG + OUTSIDE_ORG + RING_ORG
UNIT = {pid: unit for pid, unit, _p, _s in POP}
Q1 = {SELF: 1, SUPERIOR: 1, PEER: 1, CROSS: 3, SUBORDINATE: 2}


def people_rows(org):
    return [dict(zip(PEOPLE_SCHEMA, p)) for p in org]


@functools.cache
def _proposals(dialect, org, seed, quotas, max_forms):
    rows = execute(dialect, "people", (seed, quotas, max_forms), people_rows(org))
    triples = [(row["ratee_id"], row["rater_id"], row["relationship"]) for row in rows]
    assert len(set(triples)) == len(triples)
    assert len({(a, b) for a, b, _r in triples}) == len(triples), "one proposal per ratee and rater"
    return frozenset(triples)


def run_proposals(dialect, org=POP, seed=1, quotas=DEFAULT_QUOTAS, max_forms=10):
    return set(_proposals(dialect, org, seed, tuple(quotas.items()), max_forms))


def of(props, relationship, org=None):
    """(ratee, rater) pairs of one relationship, of the ratees of ``org`` (all if None)."""
    ids = None if org is None else {p[0] for p in org}
    return {(a, b) for a, b, rel in props if rel == relationship and (ids is None or a in ids)}


def within(props, org):
    ids = {p[0] for p in org}
    return {p for p in props if p[0] in ids}


def reference_proposals(org, seed, quotas, max_forms):
    """The module docstring's proposals, person by person (hash order = ``engine._hash``)."""
    ids = {p[0] for p in org}
    h = {p[0]: engine._hash(p[0], seed) for p in org}
    h2 = {p[0]: engine._hash(p[0], seed + 7919) for p in org}
    sup = {pid: s if s in ids else None for pid, _u, _p, s in org}
    raw_sup = {pid: s for pid, _u, _p, s in org}
    cand = []  # (ratee, rater, relationship, ordinal)
    if quotas[SELF]:
        cand += [(pid, pid, SELF, 0) for pid in ids]
    if quotas[SUPERIOR]:
        cand += [(pid, s, SUPERIOR, 0) for pid, s in sup.items() if s is not None]
    teams = defaultdict(list)
    for pid, s in sup.items():
        if s is not None:
            teams[s].append(pid)
    for s, team in teams.items():
        if quotas[SUBORDINATE]:
            chosen = sorted(team, key=lambda i: (h2[i], i))[:quotas[SUBORDINATE]]
            cand += [(s, m, SUBORDINATE, i) for i, m in enumerate(chosen)]
        ring = sorted(team, key=lambda i: (h[i], i))
        for pos, me in enumerate(ring):
            for k in range(1, quotas[PEER] + 1):
                if len(ring) > k:
                    cand.append((me, ring[(pos + k) % len(ring)], PEER, k))
    staff, parent_of = defaultdict(list), {}
    for pid, unit, parent, _s in org:
        if parent is not None:
            staff[unit].append(pid)
            parent_of[unit] = parent
    for unit in staff:
        staff[unit].sort(key=lambda i: (h[i], i))
    siblings = defaultdict(list)
    for unit, parent in sorted(parent_of.items()):
        siblings[parent].append(unit)
    for units in siblings.values():
        m, d = len(units), len(units) - 1
        if m < 2:
            continue
        for rnk, unit in enumerate(units):
            for upos, me in enumerate(staff[unit]):
                for k in range(1, quotas[CROSS] + 1):
                    target = staff[units[(rnk + 1 + (k - 1) % d) % m]]
                    rater = target[(upos + (k - 1) // d) % len(target)]
                    # one's superior, subordinate or same-superior peer is never a cross-unit peer
                    if rater == raw_sup[me] or raw_sup[rater] == me or (
                            raw_sup[me] is not None and raw_sup[rater] == raw_sup[me]):
                        continue
                    cand.append((me, rater, CROSS, k))
    best = {}
    for ratee, rater, rel, ordinal in cand:
        key = (PRIORITY[rel], ordinal)
        if (ratee, rater) not in best or key < best[(ratee, rater)][0]:
            best[(ratee, rater)] = (key, rel)
    out = {(a, b, rel) for (a, b), (_k, rel) in best.items() if PRIORITY[rel] < PRIORITY[SUBORDINATE]}
    load = defaultdict(list)
    for (a, b), (_k, rel) in best.items():
        if PRIORITY[rel] >= PRIORITY[SUBORDINATE]:
            load[b].append((PRIORITY[rel], engine._hash(a, seed + 104729), a, rel))
    for rater, forms in load.items():
        out |= {(a, rater, rel) for _p, _h, a, rel in sorted(forms)[:max_forms]}
    return out


# --- proposals: each definition -----------------------------------------------------------------------------------

@pytest.mark.parametrize("dialect", ENGINES)
def test_every_hash_independent_proposal_of_the_small_org(dialect):
    props = within(run_proposals(dialect), ORG)
    assert of(props, SELF) == {(p[0], p[0]) for p in ORG}
    assert of(props, SUPERIOR) == {(2, 1), (3, 1), (4, 1), (10, 2), (11, 2), (12, 2), (13, 2),
                                   (20, 3), (21, 3), (30, 4)}
    # subordinates: everyone's direct staff, all within the quota of 5
    assert of(props, SUBORDINATE) == {(1, 2), (1, 3), (1, 4), (2, 10), (2, 11), (2, 12), (2, 13),
                                      (3, 20), (3, 21), (4, 30)}
    # peers, same superior: the rings {2,3,4} and {10..13} give all the others (quota 3), 20 ↔ 21,
    # 30 is alone under 4, the root has no superior
    heads = {(a, b) for a in (2, 3, 4) for b in (2, 3, 4) if a != b}
    unit2 = {(a, b) for a in range(10, 14) for b in range(10, 14) if a != b}
    assert of(props, PEER) == heads | unit2 | {(20, 21), (21, 20)}
    # cross-unit peers: from a sibling unit (2, 3, 4 under 1); the root has none
    cross = of(props, CROSS)
    assert all(UNIT[a] != UNIT[b] and UNIT[a] in (2, 3, 4) and UNIT[b] in (2, 3, 4) for a, b in cross)
    # quota 2 and two other siblings: one from each, for every staff member ...
    for ratee in (10, 11, 12, 13, 20, 21, 30):
        assert sorted(UNIT[b] for a, b in cross if a == ratee) == sorted({2, 3, 4} - {UNIT[ratee]}), ratee
    # ... and at most one from each for a head (another head drawn is kept as a peer)
    for ratee in (2, 3, 4):
        units = [UNIT[b] for a, b in cross if a == ratee]
        assert len(units) == len(set(units)) and UNIT[ratee] not in units
    assert not [p for p in props if p[0] == 1 and p[2] != SELF and p[2] != SUBORDINATE]


@pytest.mark.parametrize("dialect", ENGINES)
def test_the_population_equals_the_reference(dialect):
    expected = reference_proposals(POP, 1, DEFAULT_QUOTAS, 10)
    assert run_proposals(dialect) == expected
    assert expected == reference_proposals(POP, 1, DEFAULT_QUOTAS, 1000)  # the default cap drops nothing here


def test_proposals_are_deterministic_for_a_seed_and_equal_on_both_engines():
    first = run_proposals("duckdb", seed=5, quotas=Q1)
    # the expression built and compiled anew, run by ibis itself
    con = _fill_duckdb("people", people_rows(POP))
    again = con.execute(proposals(con.table("people"), seed=5, quotas=Q1, max_forms=10))
    assert {(int(a), int(b), rel) for a, b, rel in again.itertuples(index=False)} == first
    assert run_proposals("sqlite", seed=5, quotas=Q1) == first
    assert first == reference_proposals(POP, 5, Q1, 10)


SEEDS = (5, 123_456_789, 987_654_321, 1_999_999_999)  # cycle seeds are crc32 % 2e9


def test_another_seed_may_propose_other_raters():
    outcomes = [run_proposals("duckdb", seed=seed, quotas=Q1) for seed in SEEDS]
    assert len({frozenset(o) for o in outcomes}) > 1
    for props, seed in zip(outcomes, SEEDS):
        assert props == reference_proposals(POP, seed, Q1, 10)
        # what does not depend on the hash stays
        assert of(props, SUPERIOR) == of(outcomes[0], SUPERIOR)
        assert Counter(a for a, _b in of(props, SUBORDINATE)) == Counter(a for a, _b in of(outcomes[0], SUBORDINATE))


def test_another_seed_arranges_the_peer_ring_differently():
    # six people under one superior, one peer each: 5! = 120 possible rings
    rings = {frozenset(of(run_proposals("duckdb", seed=seed, quotas=Q1), PEER, RING_ORG)) for seed in SEEDS}
    assert len(rings) > 1, (
        "the peer ring is the same for every seed: _hash(id, seed) = (id·M + seed) mod P only rotates the "
        "hash circle, and a rotation keeps the cyclic order, so every cycle proposes the same peers")


@pytest.mark.parametrize("dialect", ENGINES)
def test_a_peer_ring_gives_and_receives_the_quota(dialect):
    peers = of(run_proposals(dialect, seed=5, quotas=Q1), PEER)
    for team in ({2, 3, 4}, {10, 11, 12, 13}, {20, 21}, set(range(310, 316))):
        mine = {(a, b) for a, b in peers if a in team}
        assert all(b in team for _a, b in mine)
        assert Counter(a for a, _b in mine) == dict.fromkeys(team, 1)
        assert Counter(b for _a, b in mine) == dict.fromkeys(team, 1)  # each receives as many as proposed
    assert not [p for p in peers if p[0] in (1, 30, 101, 102, 201, 202, 210, 211, 212, 301)]


@pytest.mark.parametrize("dialect", ENGINES)
def test_the_subordinate_quota_takes_some_of_the_staff(dialect):
    subs = of(run_proposals(dialect, seed=5, quotas=Q1), SUBORDINATE)
    assert Counter(a for a, _b in subs) == {1: 2, 2: 2, 3: 2, 4: 1, 101: 1, 102: 2, 201: 1, 202: 1, 301: 2}
    assert all(b in {10, 11, 12, 13} for a, b in subs if a == 2)
    assert all(b in range(310, 316) for a, b in subs if a == 301)


@pytest.mark.parametrize("dialect", ENGINES)
def test_cross_unit_peers_wrap_round_to_further_staff_when_siblings_run_out(dialect):
    # quota 3 with d = 2 other siblings (units ranked 2, 3, 4): k = 1, 2 step 0; k = 3 step 1, back at the
    # first sibling to the right, one staff further
    cross = of(run_proposals(dialect, seed=5, quotas=Q1), CROSS)
    assert Counter(UNIT[b] for a, b in cross if a == 30) == {2: 2, 3: 1}  # unit 4 → 2, 3, 2
    assert Counter(UNIT[b] for a, b in cross if a == 10) == {3: 2, 4: 1}  # unit 2 → 3, 4, 3
    assert Counter(UNIT[b] for a, b in cross if a == 20) == {4: 2, 2: 1}  # unit 3 → 4, 2, 4


@pytest.mark.parametrize("dialect", ENGINES)
def test_a_person_proposed_twice_keeps_the_closest_relationship(dialect):
    props = within(run_proposals(dialect), DEDUPE_ORG)
    # 120's cross-unit peers (quota 2 over unit 102 of 2 staff) are 102 and 110: 102 is the superior, 110 a peer
    assert (120, 102, SUPERIOR) in props and (120, 110, PEER) in props
    # 102's cross-unit peer is 120 (twice, wrapping round a unit of one): kept as a subordinate
    assert (102, 120, SUBORDINATE) in props
    # 110's cross-unit peer is 120 (twice), a peer
    assert (110, 120, PEER) in props
    assert of(props, CROSS) == set()
    assert len(props) == 4 + 3 + 3 + 2  # self 4, superior 3, subordinates 3, peers 2


@pytest.mark.parametrize("dialect", ENGINES)
def test_a_superior_outside_the_population_counts_as_none(dialect):
    # 211, 212 report to 299, not in the cycle: no superior form, no subordinate form, no ring together
    assert within(run_proposals(dialect), OUTSIDE_ORG) == {
        (201, 201, SELF), (202, 202, SELF), (210, 210, SELF), (211, 211, SELF), (212, 212, SELF),
        (202, 201, SUPERIOR), (210, 202, SUPERIOR), (201, 202, SUBORDINATE), (202, 210, SUBORDINATE)}


# --- proposals: the cap, zero quotas, settings ---------------------------------------------------------------------

@pytest.mark.parametrize("dialect", ENGINES)
def test_a_cap_of_one_keeps_the_subordinate_form_and_never_touches_self_or_superior(dialect):
    props = run_proposals(dialect, max_forms=1)
    full = reference_proposals(POP, 1, DEFAULT_QUOTAS, 1000)
    # in the small org everyone with a superior rates that superior (one form); nothing else fits
    assert of(props, PEER, ORG) == set() and of(props, CROSS, ORG) == set()
    assert of(props, SUBORDINATE, ORG) == of(full, SUBORDINATE, ORG)
    assert {p for p in full if p[2] in (SELF, SUPERIOR)} <= props
    assert max(Counter(b for _a, b, rel in props if rel not in (SELF, SUPERIOR)).values()) == 1
    assert props == reference_proposals(POP, 1, DEFAULT_QUOTAS, 1)


@pytest.mark.parametrize("dialect", ENGINES)
def test_a_small_cap_drops_the_farthest_relationships_then_the_largest_ratee_hash(dialect):
    max_forms, seed = 2, 1
    full = reference_proposals(POP, seed, DEFAULT_QUOTAS, 1000)
    capped = run_proposals(dialect, max_forms=max_forms)
    assert capped <= full
    fixed = {p for p in full if p[2] in (SELF, SUPERIOR)}
    assert fixed <= capped  # self and superior forms are never dropped
    assert len(full - capped) > 10, "the cap must bite in this example"
    rh = {pid: engine._hash(pid, seed + 104729) for pid in UNIT}
    for rater in sorted(UNIT):
        kept = [p for p in capped - fixed if p[1] == rater]
        lost = [p for p in full - capped if p[1] == rater]
        assert len(kept) == min(max_forms, len(kept) + len(lost))
        for dropped in lost:
            for k in kept:
                # a kept form is of a closer relationship, or of the same one with a smaller ratee hash
                assert (PRIORITY[k[2]], rh[k[0]], k[0]) < (PRIORITY[dropped[2]], rh[dropped[0]], dropped[0])
    assert capped == reference_proposals(POP, seed, DEFAULT_QUOTAS, max_forms)


ZERO = [{PEER: 0, SUBORDINATE: 0}, {SUPERIOR: 0}, {SELF: 0, CROSS: 0}]


@pytest.mark.parametrize("dialect", ENGINES)
@pytest.mark.parametrize("zero", ZERO, ids=["peer-subordinate", "superior", "self-cross"])
def test_a_zero_quota_skips_its_relationship(dialect, zero):
    quotas = {**DEFAULT_QUOTAS, **zero}
    props = run_proposals(dialect, quotas=quotas)
    assert {rel for _a, _b, rel in props} == set(rules.RELATIONSHIPS) - set(zero)
    assert props == reference_proposals(POP, 1, quotas, 10)


def test_all_zero_quotas_and_bad_settings_are_refused():
    people = ibis.table(PEOPLE_SCHEMA, name="people")
    with pytest.raises(ValueError, match="every quota is 0"):
        proposals(people, seed=1, quotas=dict.fromkeys(rules.RELATIONSHIPS, 0), max_forms=10)
    with pytest.raises(ValueError, match="max_forms"):
        proposals(people, seed=1, quotas=DEFAULT_QUOTAS, max_forms=0)
    with pytest.raises(rules.RuleError):
        proposals(people, seed=1, quotas={**DEFAULT_QUOTAS, SUPERIOR: 2}, max_forms=10)
    with pytest.raises(rules.RuleError):
        proposals(people, seed=1, quotas={k: v for k, v in DEFAULT_QUOTAS.items() if k != CROSS}, max_forms=10)


@pytest.mark.parametrize("dialect", ENGINES)
@pytest.mark.parametrize("zero", [{}, *ZERO[:2]], ids=["default", "no-peer-no-subordinate", "no-superior"])
def test_every_proposed_relationship_is_the_one_the_rules_name(dialect, zero):
    # the nomination service labels a rater with rules.relationship_of and counts quotas by it; a proposal
    # must say the same, or the rater is counted, weighed and grouped under another relationship
    person = {pid: Person(pid, unit, sup) for pid, unit, _p, sup in POP}
    props = run_proposals(dialect, quotas={**DEFAULT_QUOTAS, **zero})
    wrong = sorted((a, b, rel, rules.relationship_of(person[a], person[b]))
                   for a, b, rel in props if rel != rules.relationship_of(person[a], person[b]))
    assert not wrong, (
        f"(ratee, rater, proposed, rules.relationship_of) disagree: {wrong}; _cross proposes people of a "
        "sibling unit who are the ratee's peer, superior or subordinate as CROSS whenever the closer "
        "proposal is missing (its quota is 0 or already full)")


# --- proposals: random orgs against the reference ----------------------------------------------------------------

def random_org(rng, base):
    """A random org of up to 5 units and 20 people, ids and units from ``base``: superiors mostly along
    the tree, sometimes missing, outside the population or anyone at all."""
    n_units = rng.randint(1, 5)
    parent = {base + 1: None, **{base + u: base + rng.randint(1, u - 1) for u in range(2, n_units + 1)}}
    org, heads, next_id = [], {}, base + 1
    for unit, up in parent.items():
        for _ in range(rng.randint(0, 4)):
            org.append([next_id, unit, up, None])
            heads.setdefault(unit, next_id)
            next_id += 1
    for row in org:
        pid, unit = row[0], row[1]
        choice = rng.choice(["tree", "tree", "tree", "none", "outside", "anyone"])
        if choice == "tree":
            up = unit if heads.get(unit) != pid else parent[unit]
            while up is not None and up not in heads:
                up = parent[up]
            row[3] = heads.get(up)
        elif choice == "outside":
            row[3] = base + 999
        elif choice == "anyone" and len(org) > 1:
            row[3] = rng.choice([p[0] for p in org if p[0] != pid])
    return tuple(tuple(row) for row in org)


RANDOM_POP = tuple(p for i in range(40) for p in random_org(random.Random(i), 1000 * (i + 1)))


@pytest.mark.parametrize("dialect", ENGINES)
@pytest.mark.parametrize(("seed", "quotas", "max_forms"), [
    (123_456_789, DEFAULT_QUOTAS, 3),
    (42, {SELF: 0, SUPERIOR: 1, PEER: 2, CROSS: 5, SUBORDINATE: 1}, 10),
])
def test_random_orgs_give_the_reference_proposals(dialect, seed, quotas, max_forms):
    assert len(RANDOM_POP) > 200
    assert run_proposals(dialect, org=RANDOM_POP, seed=seed, quotas=quotas, max_forms=max_forms) == \
        reference_proposals(RANDOM_POP, seed, quotas, max_forms)
