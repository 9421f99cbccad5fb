"""The value-selection ("votes") instrument: the project's six indices on hand-computed examples and
edges, and the vote counts of the engines against a brute-force count."""

import math
import random
from fractions import Fraction

import pytest

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.analytics.selection import (
    INDEX_KEYS,
    QUESTIONS,
    behaviour_votes,
    energi_positif,
    implementasi_berakhlak,
    implementation_shares,
    keseimbangan_budaya,
    keselarasan,
    limiting_votes,
    option_value,
    selection_indices,
    selection_report,
    selection_votes,
    top_options,
    votes_by_unit,
)
from tests.analytics.engines import CLOSURE_SCHEMA, ENGINES, PARENT, closure_rows, in_subtree

# the worked example of docs/index-method.md and of the module docstring (10 respondents)
CURRENT = {"AK1": 6, "BP2": 4, "KO1": 3, "HA2": 3, "LB01": 2, "LB02": 2}
PERSONAL = {"AK1": 7, "HA2": 5, "BP2": 4, "LO1": 4}
DESIRED = {"AD2": 5, "AK1": 5, "BP2": 4, "KO1": 3, "KL2": 3}
EXAMPLE = {"PERSONAL": PERSONAL, "CURRENT": CURRENT, "DESIRED": DESIRED}


def test_the_worked_example():
    indices = selection_indices(EXAMPLE, 10)
    assert indices["energi_positif"] == pytest.approx(100 * 16 / 20)  # 16 of 20 CURRENT votes on behaviours
    # shares 6/16, 4/16, 3/16, 3/16, 0, 0, 0: sum of |s - 1/7| = 6/7 -> 100 × (1 - 7/12 × 6/7) = 50
    assert indices["keseimbangan_budaya"] == pytest.approx(50.0)
    assert indices["implementasi_berakhlak"] == pytest.approx(100 * 4 / 7)  # AK, BP, KO, HA in the top 10
    # PERSONAL·CURRENT = 7·6 + 5·3 + 4·4 = 73; |P|² = 49 + 25 + 16 + 16 = 106; |C|² = 36+16+9+9+4+4 = 78
    assert indices["keselarasan_pribadi_organisasi"] == pytest.approx(100 * 73 / math.sqrt(106 * 78))
    # CURRENT·DESIRED = 6·5 + 4·4 + 3·3 = 55; |D|² = 25 + 25 + 16 + 9 + 9 = 84
    assert indices["keselarasan_saat_ini_diharapkan"] == pytest.approx(100 * 55 / math.sqrt(78 * 84))
    five = [100 * 4 / 7, 50, 80, 100 * 73 / math.sqrt(106 * 78), 100 * 55 / math.sqrt(78 * 84)]
    assert indices["total_kesehatan_budaya"] == pytest.approx(sum(five) / 5)
    assert round(indices["total_kesehatan_budaya"], 2) == 67.07  # the figure printed in the docs
    assert list(indices) == list(INDEX_KEYS)


def test_votes_per_behaviour_and_implementation_shares():
    votes = behaviour_votes(CURRENT)
    assert list(votes) == list(BEHAVIOUR_CODES)
    assert votes["AK1"] == 6 and votes["KL3"] == 0 and sum(votes.values()) == 16
    assert limiting_votes(CURRENT) == 4
    assert implementation_shares(CURRENT) == pytest.approx(
        {"BP": 25.0, "AK": 37.5, "KO": 18.75, "HA": 18.75, "LO": 0.0, "AD": 0.0, "KL": 0.0})
    report = selection_report(EXAMPLE, 10)
    assert report["respondents"] == 10
    assert report["behaviour_votes"]["PERSONAL"]["LO1"] == 4
    assert report["limiting_votes"] == {"PERSONAL": 0, "CURRENT": 4, "DESIRED": 0}
    assert report["top"] == ["AK1", "BP2", "HA2", "KO1", "LB01", "LB02"]
    assert report["indices"] == selection_indices(EXAMPLE, 10)


def test_no_respondents_gives_no_index():
    assert selection_indices({}, 0) == dict.fromkeys(INDEX_KEYS)
    report = selection_report({}, 0)
    assert report["indices"] == dict.fromkeys(INDEX_KEYS)
    assert report["implementation"] == dict.fromkeys(VALUE_CODES) and report["top"] == []
    with pytest.raises(ValueError):
        selection_indices({"CURRENT": {"AK1": 1}}, 0)  # votes without respondents


def test_all_current_votes_on_limiting_behaviours():
    votes = {"PERSONAL": {"AK1": 3, "BP1": 2}, "CURRENT": {"LB01": 3, "LB07": 2}, "DESIRED": {"AK1": 3}}
    indices = selection_indices(votes, 3)
    assert indices["energi_positif"] == 0.0
    assert indices["implementasi_berakhlak"] == 0.0
    assert indices["keseimbangan_budaya"] is None  # no positive vote: how they spread is undefined
    assert indices["keselarasan_pribadi_organisasi"] == 0.0  # no option in common
    assert indices["keselarasan_saat_ini_diharapkan"] == 0.0
    assert indices["total_kesehatan_budaya"] is None  # needs all five
    assert implementation_shares(votes["CURRENT"]) == dict.fromkeys(VALUE_CODES)


def test_a_question_nobody_answered():
    indices = selection_indices({"CURRENT": CURRENT}, 10)
    assert indices["keselarasan_pribadi_organisasi"] is None and indices["keselarasan_saat_ini_diharapkan"] is None
    assert indices["energi_positif"] == pytest.approx(80.0) and indices["total_kesehatan_budaya"] is None
    assert energi_positif({}) is None and implementasi_berakhlak({}) is None and keseimbangan_budaya({}) is None
    assert energi_positif({"AK1": 0}) is None


def test_balance_from_perfectly_even_to_all_on_one_value():
    even = {f"{v}{1 + i % 3}": 2 for i, v in enumerate(VALUE_CODES)}
    assert keseimbangan_budaya(even) == pytest.approx(100.0)
    assert keseimbangan_budaya({"BP1": 5, "BP3": 3, "LB01": 9}) == pytest.approx(0.0)
    # two values with everything, half each: |1/2 - 1/7| × 2 + 5/7 = 10/7 -> 100 × (1 - 7/12 × 10/7) = 100/6
    assert keseimbangan_budaya({"AK1": 4, "KL2": 4}) == pytest.approx(100 / 6)


def test_balance_equals_its_overlap_form_on_random_votes():
    # independent form: 1 - TV/(6/7) with TV = 1 - sum(min(s_v, 1/7)) -> (7 × sum(min(s_v, 1/7)) - 1) / 6
    rng = random.Random(1)
    for _ in range(200):
        votes = {code: rng.choice([0, 0, 1, 2, 5, 13]) for code in BEHAVIOUR_CODES}
        votes["LB03"] = rng.randint(0, 9)
        per_value = {v: sum(votes[f"{v}{i}"] for i in (1, 2, 3)) for v in VALUE_CODES}
        positive = sum(per_value.values())
        if positive == 0:
            assert keseimbangan_budaya(votes) is None
            continue
        overlap = sum(min(Fraction(per_value[v], positive), Fraction(1, 7)) for v in VALUE_CODES)
        assert keseimbangan_budaya(votes) == pytest.approx(float(100 * (7 * overlap - 1) / 6), abs=1e-9)


def test_top_list_keeps_ties_at_the_cut_and_limiting_options_crowd_behaviours_out():
    # 12 options: votes 20, 19, ..., the 10th and 11th tie on 11
    votes = {f"LB{i:02d}": 21 - i for i in range(1, 10)}  # LB01 20 ... LB09 12
    votes.update({"AK2": 11, "BP1": 11, "KO1": 3})
    top = top_options(votes)
    assert top == [f"LB{i:02d}" for i in range(1, 10)] + ["AK2", "BP1"]  # 11 options: the tie is kept
    assert implementasi_berakhlak(votes) == pytest.approx(100 * 2 / 7)  # AK and BP, not KO
    assert implementasi_berakhlak(votes, top=9) == 0.0  # the 9 most-voted options are all limiting
    assert top_options({"AK1": 2, "BP1": 0}) == ["AK1"]  # an option without votes is never in the list
    with pytest.raises(ValueError):
        top_options(votes, 0)


def test_implementasi_counts_values_not_behaviours():
    # nothing limiting, but the 10 most-voted behaviours belong to 4 values; LO1 comes 11th
    crowded = {"BP1": 9, "BP2": 9, "BP3": 9, "AK1": 8, "AK2": 8, "AK3": 8, "KO1": 7, "KO2": 7,
               "KO3": 7, "HA1": 6, "LO1": 1}
    assert implementasi_berakhlak(crowded) == pytest.approx(100 * 4 / 7)  # BP, AK, KO, HA
    assert implementasi_berakhlak({f"{v}1": 1 for v in VALUE_CODES}) == pytest.approx(100.0)


def test_alignment_is_the_cosine_of_the_vote_vectors():
    assert keselarasan({"AK1": 2, "BP1": 1}, {"AK1": 20, "BP1": 10}) == pytest.approx(100.0)  # same spread
    assert keselarasan({"AK1": 2}, {"BP1": 5}) == 0.0
    assert keselarasan({}, {"BP1": 5}) is None
    # brute force on random vectors: dot / (|a| |b|), every option counted
    rng = random.Random(4)
    options = [*BEHAVIOUR_CODES, "LB01", "LB02"]
    for _ in range(50):
        a = {o: rng.randint(0, 6) for o in options}
        b = {o: rng.randint(0, 6) for o in options}
        dot = sum(a[o] * b[o] for o in options)
        norms = math.sqrt(sum(a[o] ** 2 for o in options) * sum(b[o] ** 2 for o in options))
        assert keselarasan(a, b) == pytest.approx(100 * dot / norms)
        assert keselarasan(a, b) == pytest.approx(keselarasan(b, a))


def test_bad_input_is_refused():
    assert option_value("AD3") == "AD" and option_value("LB12") is None
    for bad in ("XX1", "BP4", "LB", "lb01", "LB1"):
        with pytest.raises(ValueError):
            option_value(bad)
    with pytest.raises(ValueError):
        energi_positif({"AK1": -1})
    with pytest.raises(ValueError):
        energi_positif({"AK1": 1.5})
    with pytest.raises(ValueError):
        selection_indices({"NOW": {"AK1": 1}}, 5)  # unknown question
    with pytest.raises(ValueError):
        selection_indices({"CURRENT": {"AK1": 6}}, 5)  # more votes than respondents
    with pytest.raises(ValueError):
        selection_indices({}, -1)


PICK_SCHEMA = {"response_id": "int64", "question": "string", "option_code": "string"}
RESPONSE_SCHEMA = {"id": "int64", "unit_id": "int64"}
OPTIONS = [*BEHAVIOUR_CODES, "LB01", "LB02", "LB03", "LB04"]


def make_picks(seed):
    rng = random.Random(seed)
    responses = [{"id": rid, "unit_id": rng.choice([1, 2, 4, 4, 5, 6])} for rid in range(1, 61)]
    picks = []
    for response in responses:
        for question in QUESTIONS:
            if rng.random() < 0.1:
                continue  # this respondent skipped the question
            for option in rng.sample(OPTIONS, rng.randint(1, 5)):
                picks.append({"response_id": response["id"], "question": question, "option_code": option})
    picks.append(dict(picks[0]))  # a pick stored twice counts once
    picks.append({"response_id": 999, "question": "CURRENT", "option_code": "AK1"})  # no such response
    return responses, picks


def run(engine, responses, picks):
    return engine(selection_votes, {"picks": (PICK_SCHEMA, picks), "responses": (RESPONSE_SCHEMA, responses),
                                    "closure": (CLOSURE_SCHEMA, closure_rows())})


@pytest.mark.parametrize("engine", ENGINES.values(), ids=ENGINES.keys())
def test_engines_count_votes_and_respondents_like_a_brute_force_count(engine):
    responses, picks = make_picks(12)
    votes, respondents = run(engine, responses, picks)
    unit_of = {r["id"]: r["unit_id"] for r in responses}
    unique = {(p["response_id"], p["question"], p["option_code"]) for p in picks if p["response_id"] in unit_of}
    expected_votes = {}
    for unit in PARENT:
        for rid, question, option in unique:
            if in_subtree(unit, unit_of[rid]):
                key = (unit, question, option)
                expected_votes[key] = expected_votes.get(key, 0) + 1
    assert {(r["unit_id"], r["question"], r["option_code"]): r["votes"] for r in votes} == expected_votes
    assert {r["unit_id"]: r["respondents"] for r in respondents} == {
        unit: sum(in_subtree(unit, r["unit_id"]) for r in responses) for unit in PARENT
        if any(in_subtree(unit, r["unit_id"]) for r in responses)}
    # the indices of the root group from the engine rows equal those from the brute-force votes
    root = votes_by_unit(votes)[1]
    brute = {q: {o: n for (u, qq, o), n in expected_votes.items() if u == 1 and qq == q} for q in QUESTIONS}
    assert selection_indices(root, len(responses)) == selection_indices(brute, len(responses))


def test_engines_give_identical_vote_rows():
    responses, picks = make_picks(5)
    key = lambda r: tuple(map(str, r.values()))  # noqa: E731
    duck, lite = (tuple(sorted(part, key=key) for part in run(engine, responses, picks)) for engine in ENGINES.values())
    assert duck == lite
