"""Cronbach's α and item-rest correlations from engine moments equal the numpy computation on the raw
answers (to 1e-9) on DuckDB and SQLite, per unit with its subtree and per value."""

import random
import statistics

import pytest

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.analytics.reliability import (
    MIN_RESPONDENTS,
    cronbach_alpha,
    item_total_correlations,
    reliability_from_moments,
    reliability_moments,
)
from tests.analytics.engines import CLOSURE_SCHEMA, ENGINES, PARENT, closure_rows, in_subtree

SCHEMA = {"unit_id": "int64", **{c: "int64" for c in BEHAVIOUR_CODES}}
TABLE = [[4, 4, 4], [3, 3, 3], [2, 2, 2], [3, 4, 3], [5, 4, 4]]  # alpha 0.94 by hand (test_reliability.py)


def make_rows(seed):
    rng = random.Random(seed)
    rows = []
    for unit, count in {1: 4, 2: 9, 4: 41, 5: 25, 6: 48}.items():  # A2 alone has 25 < 30
        for _ in range(count):
            trait = rng.gauss(0, 1)  # correlated items, so the correlations are not all near 0
            row = {"unit_id": unit}
            for code in BEHAVIOUR_CODES:
                answer = min(5, max(1, round(3 + trait + rng.gauss(0, 1))))
                row[code] = None if rng.random() < 0.07 else answer
            if unit == 6:  # B1 (and B, which is B1 only): no variance where a user would see None
                row.update(BP1=3, BP2=3, BP3=3)  # nothing varies: alpha None, every r None
                row.update(AK1=4)  # one constant item: its r is None, alpha still exists
                row.update(KO2=2, KO3=5)  # the rest of KO1 is constant: r(KO1) None; KO2, KO3 None too
            rows.append(row)
    return rows


def run(engine, rows):
    return engine(reliability_moments, {"responses": (SCHEMA, rows), "closure": (CLOSURE_SCHEMA, closure_rows())})


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 1e-9)


@pytest.mark.parametrize("engine", ENGINES.values(), ids=ENGINES.keys())
def test_moments_give_the_numpy_alpha_and_item_rest_correlations(engine):
    rows = make_rows(2024)
    result = {(r["unit_id"], r["value"]): r for r in run(engine, rows)}
    assert set(result) == {(u, v) for u in PARENT for v in VALUE_CODES}
    checked = 0
    for unit in PARENT:
        members = [r for r in rows if in_subtree(unit, r["unit_id"])]
        for value in VALUE_CODES:
            codes = [f"{value}{i}" for i in (1, 2, 3)]
            table = [[r[c] for c in codes] for r in members]
            complete = [t for t in table if None not in t]
            assert result[unit, value]["n"] == len(complete)
            got = reliability_from_moments(result[unit, value])
            assert close(got["alpha"], cronbach_alpha(table)), (unit, value)
            reference = item_total_correlations(table) or [None] * 3
            assert set(got["item_total"]) == set(codes)
            for code, expected in zip(codes, reference):
                assert close(got["item_total"][code], expected), (unit, value, code)
            checked += got["alpha"] is not None
    assert checked >= 20  # most groups reach 30 complete respondents


def test_zero_variance_and_small_groups_give_none():
    rows = make_rows(7)
    result = {(r["unit_id"], r["value"]): reliability_from_moments(r) for r in run(ENGINES["duckdb"], rows)}
    assert result[6, "BP"] == {"alpha": None, "item_total": {"BP1": None, "BP2": None, "BP3": None}}
    assert result[6, "AK"]["alpha"] is not None and result[6, "AK"]["item_total"]["AK1"] is None
    assert result[6, "AK"]["item_total"]["AK2"] is not None
    assert result[6, "KO"]["item_total"] == {"KO1": None, "KO2": None, "KO3": None}
    assert result[6, "KO"]["alpha"] == pytest.approx(0.0, abs=1e-12)  # all the variance is KO1's own
    assert result[3, "BP"] == result[6, "BP"]  # B is B1 alone
    assert result[5, "HA"] == {"alpha": None, "item_total": {"HA1": None, "HA2": None, "HA3": None}}  # 25 < 30


def brute_moments(value, table):
    """A reliability_moments row computed in plain Python from complete rows."""
    complete = [t for t in table if None not in t]
    row = {"value": value, "n": len(complete)}
    for i in range(3):
        row[f"s{i + 1}"] = sum(t[i] for t in complete)
        for j in range(i, 3):
            row[f"s{i + 1}{j + 1}"] = sum(t[i] * t[j] for t in complete)
    return row


def test_the_hand_computed_alpha_and_item_rest_correlations():
    table = TABLE * 6 + [[None, 5, 5]] * 3  # 30 complete; incomplete rows left out
    got = reliability_from_moments(brute_moments("HA", table))
    assert got["alpha"] == pytest.approx(0.94, abs=1e-12)
    for i, code in enumerate(("HA1", "HA2", "HA3")):
        item = [t[i] for t in TABLE * 6]
        rest = [sum(t) - t[i] for t in TABLE * 6]
        assert got["item_total"][code] == pytest.approx(statistics.correlation(item, rest), abs=1e-12)
    assert reliability_from_moments(brute_moments("HA", TABLE * 5))["alpha"] is None  # 25 < 30
    assert reliability_from_moments(brute_moments("HA", TABLE), min_respondents=5)["alpha"] == pytest.approx(0.94)
    assert MIN_RESPONDENTS == 30


def test_item_total_is_the_corrected_item_rest_correlation():
    data = TABLE * 6
    corrected = item_total_correlations(data)
    for i in range(3):
        item = [t[i] for t in data]
        rest = [sum(t) - t[i] for t in data]
        uncorrected = statistics.correlation(item, [sum(t) for t in data])
        assert corrected[i] == pytest.approx(statistics.correlation(item, rest), abs=1e-12)
        assert corrected[i] < uncorrected - 0.01  # not the item correlated with a total that contains it


def test_numpy_functions_see_no_variance_exactly():
    # 0.1 repeated has a float variance of about 1e-33, not 0: still no variance
    rows = [[0.1, float(x), float(x)] for x in (1, 2, 3)] * 12
    assert item_total_correlations(rows)[0] is None
    assert cronbach_alpha([[0.1, 0.1]] * 40) is None


def test_engines_give_identical_moments():
    rows = make_rows(99)
    key = lambda r: (r["unit_id"], r["value"])  # noqa: E731
    duck, lite = (sorted(run(engine, rows), key=key) for engine in ENGINES.values())
    assert duck == lite
