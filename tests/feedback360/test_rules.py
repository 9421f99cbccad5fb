"""The pure rules of the 360 assessment (``berakhlak.feedback360.rules``): every setting bound, every
relationship, every workflow step, every anonymity and suggestion edge."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berakhlak.feedback360 import rules as r
from berakhlak.feedback360.rules import (
    ALL,
    CROSS,
    DIATAS,
    DIBAWAH,
    OTHERS,
    PEER,
    SELF,
    SESUAI,
    SUBORDINATE,
    SUPERIOR,
    Person,
    RuleError,
)

QUOTAS = {SELF: 1, SUPERIOR: 1, PEER: 3, CROSS: 2, SUBORDINATE: 5}
WEIGHTS = {SELF: 0, SUPERIOR: 50, PEER: 20, CROSS: 10, SUBORDINATE: 20}
ANONYMOUS = (PEER, CROSS, SUBORDINATE)


def test_the_documented_defaults():
    # module docstring: raters 1/1/3/2/5, weights 0/50/20/10/20, anonymity threshold 3, 10 forms a rater
    assert dict(r.DEFAULT_QUOTAS) == QUOTAS
    assert dict(r.DEFAULT_WEIGHTS) == WEIGHTS
    assert r.DEFAULT_MIN_RATERS == 3 and r.DEFAULT_MAX_FORMS == 10
    assert r.check_quotas(r.DEFAULT_QUOTAS) == QUOTAS
    assert r.check_weights(r.DEFAULT_WEIGHTS) == WEIGHTS
    assert r.check_min_raters(r.DEFAULT_MIN_RATERS) == 3
    assert r.SuggestionRule(above=4.0, floor=3.0, below=3.0) == r.DEFAULT_RULE


# --- settings: quotas ------------------------------------------------------------------------------------

def test_it_returns_valid_quotas_in_relationship_order_without_extra_keys():
    given_quotas = {SUBORDINATE: 0, CROSS: 20, PEER: 20, SUPERIOR: 0, SELF: 0, "NOTE": 7}
    checked = r.check_quotas(given_quotas)
    assert checked == {SELF: 0, SUPERIOR: 0, PEER: 20, CROSS: 20, SUBORDINATE: 0}
    assert list(checked) == list(r.RELATIONSHIPS)


@pytest.mark.parametrize(("rel", "value"), [
    (SELF, 0), (SELF, 1), (SUPERIOR, 0), (SUPERIOR, 1),
    *[(rel, v) for rel in ANONYMOUS for v in (0, 1, 20)],
])
def test_it_accepts_every_quota_bound(rel, value):
    assert r.check_quotas({**QUOTAS, rel: value})[rel] == value


@pytest.mark.parametrize(("rel", "value"), [
    (SELF, 2), (SUPERIOR, 2), (SELF, -1), (SUPERIOR, -1),
    *[(rel, v) for rel in ANONYMOUS for v in (-1, 21)],
])
def test_it_refuses_a_quota_one_past_its_bound(rel, value):
    with pytest.raises(RuleError, match=rel):
        r.check_quotas({**QUOTAS, rel: value})


@pytest.mark.parametrize("value", [True, False, 1.0, 3.0, "3", None])
@pytest.mark.parametrize("rel", r.RELATIONSHIPS)
def test_it_refuses_a_quota_that_is_not_a_plain_integer(rel, value):
    # True == 1 and 3.0 == 3, but a setting of the wrong type is a mistake, not a number
    with pytest.raises(RuleError, match="integer"):
        r.check_quotas({**QUOTAS, rel: value})


@pytest.mark.parametrize("rel", r.RELATIONSHIPS)
def test_it_refuses_quotas_with_a_relationship_missing(rel):
    quotas = {k: v for k, v in QUOTAS.items() if k != rel}
    with pytest.raises(RuleError, match=f"quota missing for {rel}"):
        r.check_quotas(quotas)


# --- settings: weights ------------------------------------------------------------------------------------

def test_it_returns_valid_weights_in_relationship_order():
    checked = r.check_weights({SUBORDINATE: 100, CROSS: 0, PEER: 0, SUPERIOR: 0, SELF: 0})
    assert checked == {SELF: 0, SUPERIOR: 0, PEER: 0, CROSS: 0, SUBORDINATE: 100}
    assert list(checked) == list(r.RELATIONSHIPS)


@pytest.mark.parametrize("value", [0, 1, 100])
@pytest.mark.parametrize("rel", [SUPERIOR, *ANONYMOUS])
def test_it_accepts_every_weight_bound(rel, value):
    # another relationship keeps a weight, so 0 is allowed here
    other = PEER if rel == SUPERIOR else SUPERIOR
    weights = {**WEIGHTS, other: 10, rel: value}
    assert r.check_weights(weights)[rel] == value


@pytest.mark.parametrize("value", [-1, 101])
@pytest.mark.parametrize("rel", [SUPERIOR, *ANONYMOUS])
def test_it_refuses_a_weight_one_past_its_bound(rel, value):
    with pytest.raises(RuleError, match=f"weight of {rel} must be an integer from 0 to 100"):
        r.check_weights({**WEIGHTS, rel: value})


@pytest.mark.parametrize("value", [True, 20.0, "20", None])
@pytest.mark.parametrize("rel", [SUPERIOR, *ANONYMOUS])
def test_it_refuses_a_weight_that_is_not_a_plain_integer(rel, value):
    with pytest.raises(RuleError, match="integer"):
        r.check_weights({**WEIGHTS, rel: value})


@pytest.mark.parametrize("value", [1, 50, 100])
def test_it_refuses_a_self_weight_above_zero(value):
    with pytest.raises(RuleError, match="its weight is 0"):
        r.check_weights({**WEIGHTS, SELF: value})


@pytest.mark.parametrize("value", [True, 0.0, -1, 101])
def test_it_refuses_a_self_weight_that_is_not_the_integer_zero(value):
    with pytest.raises(RuleError):
        r.check_weights({**WEIGHTS, SELF: value})


@pytest.mark.parametrize("rel", r.RELATIONSHIPS)
def test_it_refuses_weights_with_a_relationship_missing(rel):
    with pytest.raises(RuleError, match=f"weight missing for {rel}"):
        r.check_weights({k: v for k, v in WEIGHTS.items() if k != rel})


def test_it_refuses_weights_that_are_all_zero():
    with pytest.raises(RuleError, match="at least one relationship"):
        r.check_weights(dict.fromkeys(r.RELATIONSHIPS, 0))


@pytest.mark.parametrize("rel", [SUPERIOR, *ANONYMOUS])
def test_it_accepts_a_single_relationship_carrying_all_the_weight(rel):
    weights = {**dict.fromkeys(r.RELATIONSHIPS, 0), rel: 1}
    assert r.check_weights(weights) == weights


# --- settings: anonymity threshold ----------------------------------------------------------------------

@pytest.mark.parametrize("n", [3, 4, 10])
def test_it_accepts_the_minimum_raters_within_bounds(n):
    assert r.check_min_raters(n) == n


@pytest.mark.parametrize("n", [2, 1, 11, 0, -3, True, False, 3.0, "3", None])
def test_it_refuses_a_minimum_raters_out_of_bounds_or_not_an_integer(n):
    """A pair is refused (issue 11): with two raters in a group, each subtracts their own answers."""
    with pytest.raises(RuleError, match="minimum raters"):
        r.check_min_raters(n)


# --- who is who to whom -----------------------------------------------------------------------------------

BOSS = Person(1, unit_id=1)
HEAD_A = Person(2, unit_id=2, superior_id=1)
HEAD_B = Person(3, unit_id=3, superior_id=1)
STAFF_A = Person(10, unit_id=2, superior_id=2)
STAFF_A2 = Person(11, unit_id=2, superior_id=2)
STAFF_B = Person(20, unit_id=3, superior_id=3)


@pytest.mark.parametrize(("ratee", "rater", "expected"), [
    (STAFF_A, STAFF_A, SELF),
    (STAFF_A, HEAD_A, SUPERIOR),
    (HEAD_A, STAFF_A, SUBORDINATE),
    (STAFF_A, STAFF_A2, PEER),  # same unit and same superior
    (HEAD_A, HEAD_B, PEER),  # same superior, another unit
    (STAFF_A, STAFF_B, CROSS),
    (STAFF_A, HEAD_B, CROSS),  # the head of another unit is not one's superior
    (HEAD_B, STAFF_A, CROSS),
    (STAFF_A, BOSS, CROSS),  # the superior's superior is not the direct superior
    (BOSS, STAFF_A, CROSS),
])
def test_it_names_each_relationship(ratee, rater, expected):
    assert r.relationship_of(ratee, rater) == expected


@pytest.mark.parametrize(("ratee", "rater", "expected"), [
    # the superior sits in the same unit: superior wins over peer
    (Person(10, 2, 2), Person(2, 2, 1), SUPERIOR),
    # a subordinate in the same unit: subordinate wins over peer
    (Person(2, 2, 1), Person(10, 2, 2), SUBORDINATE),
    # the same superior in another unit: a peer, not a cross-unit peer
    (Person(10, 2, 5), Person(20, 3, 5), PEER),
    # same unit, different superiors: still a peer
    (Person(10, 2, 5), Person(11, 2, 6), PEER),
    # a superior in another unit: superior wins over cross
    (Person(10, 2, 30), Person(30, 3, None), SUPERIOR),
    # two people without a superior in different units are not peers (None is no common superior)
    (Person(10, 2, None), Person(20, 3, None), CROSS),
    # same unit, both without a superior: peers through the unit
    (Person(10, 2, None), Person(11, 2, None), PEER),
    # oneself, even in data that names one as one's own superior
    (Person(10, 2, 10), Person(10, 2, 10), SELF),
    # each the other's superior (bad data): the ratee's superior reading comes first
    (Person(10, 2, 11), Person(11, 2, 10), SUPERIOR),
])
def test_it_applies_the_precedence_of_relationships(ratee, rater, expected):
    assert r.relationship_of(ratee, rater) == expected


@pytest.mark.parametrize(("rel", "expected"), [
    (SELF, False), (SUPERIOR, False), (PEER, True), (CROSS, True), (SUBORDINATE, True),
])
def test_only_anonymous_raters_may_decline_and_be_nominated(rel, expected):
    assert r.may_decline(rel) is expected
    assert r.nominable(rel) is expected


@pytest.mark.parametrize("rel", [OTHERS, ALL, "peer", "", None, "BOSS"])
def test_an_unknown_relationship_cannot_be_declined_or_nominated(rel):
    with pytest.raises(RuleError, match="unknown relationship"):
        r.may_decline(rel)
    with pytest.raises(RuleError, match="unknown relationship"):
        r.nominable(rel)


# --- nomination workflow ----------------------------------------------------------------------------------

EMP, APP = r.EMPLOYEE, r.APPROVER
DRAFT, SUBMITTED, RETURNED, APPROVED = r.DRAFT, r.SUBMITTED, r.RETURNED, r.APPROVED
#: written out by hand: (state, action) -> (new state, the one role allowed)
ALLOWED = {
    (DRAFT, "submit"): (SUBMITTED, EMP),
    (RETURNED, "submit"): (SUBMITTED, EMP),
    (SUBMITTED, "approve"): (APPROVED, APP),
    (SUBMITTED, "return"): (RETURNED, APP),
    (DRAFT, "approve"): (APPROVED, APP),
    (RETURNED, "approve"): (APPROVED, APP),
}
ACTIONS = ("submit", "approve", "return")


@pytest.mark.parametrize(("state", "action"), list(ALLOWED))
def test_it_allows_each_transition_to_its_role(state, action):
    new, role = ALLOWED[(state, action)]
    assert r.nomination_transition(state, action, role, reason="Mohon tambah rekan lintas unit") == new


@pytest.mark.parametrize(("state", "action"), [k for k in ALLOWED if k[1] != "return"])
def test_it_needs_no_reason_except_to_return(state, action):
    new, role = ALLOWED[(state, action)]
    assert r.nomination_transition(state, action, role) == new


@pytest.mark.parametrize(("state", "action"), list(ALLOWED))
def test_it_refuses_each_transition_to_the_wrong_role(state, action):
    _new, role = ALLOWED[(state, action)]
    wrong = APP if role == EMP else EMP
    with pytest.raises(RuleError, match=f"only the {role} may {action}"):
        r.nomination_transition(state, action, wrong, reason="alasan")
    with pytest.raises(RuleError):
        r.nomination_transition(state, action, "hr", reason="alasan")


@pytest.mark.parametrize(("state", "action", "role"), [
    (s, a, role) for s, a, role in itertools.product(r.NOMINATION_STATES, ACTIONS, (EMP, APP))
    if (s, a) not in ALLOWED])
def test_it_refuses_every_action_the_workflow_does_not_have(state, action, role):
    with pytest.raises(RuleError, match=f"'{action}' is not possible from {state}"):
        r.nomination_transition(state, action, role, reason="alasan")


def test_the_transition_table_is_exactly_the_one_written_by_hand():
    # a test of the cells above: any transition added to the rules must be added here on purpose
    assert {k: (new, who) for k, (new, who, _reason) in r.NOMINATION_TRANSITIONS.items()} == ALLOWED
    assert [k for k, (_n, _w, reason) in r.NOMINATION_TRANSITIONS.items() if reason] == [(SUBMITTED, "return")]


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_it_refuses_a_return_without_a_reason(reason):
    with pytest.raises(RuleError, match="needs a reason"):
        r.nomination_transition(SUBMITTED, "return", APP, reason=reason)
    with pytest.raises(RuleError, match="needs a reason"):
        r.nomination_transition(SUBMITTED, "return", APP)


@pytest.mark.parametrize("state", ["", "draft", "CLOSED", None])
def test_it_refuses_an_unknown_state(state):
    with pytest.raises(RuleError, match="unknown nomination state"):
        r.nomination_transition(state, "submit", EMP)


@pytest.mark.parametrize("action", ["", "SUBMIT", "reject", "cancel"])
def test_it_refuses_an_unknown_action(action):
    with pytest.raises(RuleError, match="is not possible"):
        r.nomination_transition(DRAFT, action, EMP)


@pytest.mark.parametrize(("state", "expected"), [(DRAFT, True), (RETURNED, True), (SUBMITTED, False), (APPROVED, False)])
def test_the_employee_edits_a_draft_or_returned_list_only(state, expected):
    assert r.editable_by_employee(state) is expected


# --- anonymity -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("min_raters", [3, 4, 5])
@pytest.mark.parametrize("rel", ANONYMOUS)
def test_an_anonymous_relationship_one_short_of_the_threshold_is_merged_and_hidden(rel, min_raters):
    g = r.group_raters({rel: min_raters - 1}, WEIGHTS, min_raters)
    assert g.group_of == {rel: None}
    assert g.raters == {OTHERS: min_raters - 1}
    assert g.weights == {OTHERS: WEIGHTS[rel]}
    assert g.visible == frozenset()
    assert g.hidden_raters == min_raters - 1


@pytest.mark.parametrize("min_raters", [3, 4, 5])
@pytest.mark.parametrize("rel", ANONYMOUS)
def test_an_anonymous_relationship_at_the_threshold_is_its_own_visible_group(rel, min_raters):
    g = r.group_raters({rel: min_raters}, WEIGHTS, min_raters)
    assert g.group_of == {rel: rel}
    assert g.raters == {rel: min_raters}
    assert g.weights == {rel: WEIGHTS[rel]}
    assert g.visible == {rel}
    assert g.hidden_raters == 0


def test_small_relationships_merge_into_others_that_becomes_visible_with_summed_weights():
    g = r.group_raters({SUPERIOR: 1, PEER: 1, CROSS: 1, SUBORDINATE: 1}, WEIGHTS, 3)
    assert g.group_of == {SUPERIOR: SUPERIOR, PEER: OTHERS, CROSS: OTHERS, SUBORDINATE: OTHERS}
    assert g.raters == {SUPERIOR: 1, OTHERS: 3}
    assert g.weights == {SUPERIOR: 50, OTHERS: 20 + 10 + 20}
    assert g.visible == {SUPERIOR, OTHERS}
    assert g.hidden_raters == 0


def test_others_merges_only_the_small_relationships():
    # peers 3 (own group), cross 2 + subordinates 1 = others 3 (visible), at min 3
    g = r.group_raters({SELF: 1, PEER: 3, CROSS: 2, SUBORDINATE: 1}, WEIGHTS, 3)
    assert g.group_of == {SELF: SELF, PEER: PEER, CROSS: OTHERS, SUBORDINATE: OTHERS}
    assert g.raters == {SELF: 1, PEER: 3, OTHERS: 3}
    assert g.weights == {SELF: 0, PEER: 20, OTHERS: 30}
    assert g.visible == {SELF, PEER, OTHERS}


def test_others_one_short_of_the_threshold_is_hidden_and_counted():
    # peers 4 shown; cross 1 + subordinates 1 = others 2 < 3 -> hidden, and both said so
    g = r.group_raters({SUPERIOR: 1, PEER: 4, CROSS: 1, SUBORDINATE: 1}, WEIGHTS, 3)
    assert g.group_of == {SUPERIOR: SUPERIOR, PEER: PEER, CROSS: None, SUBORDINATE: None}
    assert g.raters == {SUPERIOR: 1, PEER: 4, OTHERS: 2}
    assert g.weights == {SUPERIOR: 50, PEER: 20, OTHERS: 30}
    assert g.visible == {SUPERIOR, PEER}
    assert g.hidden_raters == 2


@pytest.mark.parametrize("min_raters", [3, 4, 10])
def test_the_superior_and_oneself_are_always_visible_even_alone(min_raters):
    g = r.group_raters({SELF: 1, SUPERIOR: 1}, WEIGHTS, min_raters)
    assert g.group_of == {SELF: SELF, SUPERIOR: SUPERIOR}
    assert g.raters == {SELF: 1, SUPERIOR: 1}
    assert g.weights == {SELF: 0, SUPERIOR: 50}
    assert g.visible == {SELF, SUPERIOR}
    assert g.hidden_raters == 0


def test_relationships_without_answers_belong_to_no_group():
    g = r.group_raters({SELF: 0, SUPERIOR: 0, PEER: 0, CROSS: 0, SUBORDINATE: 0}, WEIGHTS, 3)
    assert (g.group_of, g.raters, g.weights, g.visible, g.hidden_raters) == ({}, {}, {}, frozenset(), 0)
    g = r.group_raters({}, WEIGHTS, 3)
    assert (g.group_of, g.raters, g.weights, g.visible, g.hidden_raters) == ({}, {}, {}, frozenset(), 0)
    g = r.group_raters({PEER: 3, CROSS: 0}, WEIGHTS, 3)
    assert g.group_of == {PEER: PEER} and OTHERS not in g.raters


def test_the_grouping_uses_the_weights_given():
    g = r.group_raters({SUPERIOR: 1, CROSS: 2, SUBORDINATE: 2}, {**WEIGHTS, CROSS: 7, SUBORDINATE: 0}, 4)
    assert g.weights == {SUPERIOR: 50, OTHERS: 7}
    assert g.visible == {SUPERIOR, OTHERS}


@pytest.mark.parametrize(("counts", "min_raters", "message"), [
    ({OTHERS: 3}, 3, "unknown relationship"),
    ({"BOSS": 1}, 3, "unknown relationship"),
    ({PEER: -1}, 3, "0 or more"),
    ({PEER: 3}, 1, "minimum raters"),
    ({PEER: 3}, 2, "minimum raters"),
    ({PEER: 3}, 11, "minimum raters"),
])
def test_group_raters_refuses_bad_input(counts, min_raters, message):
    with pytest.raises(RuleError, match=message):
        r.group_raters(counts, WEIGHTS, min_raters)


COUNTS = st.fixed_dictionaries({
    SELF: st.integers(0, 1), SUPERIOR: st.integers(0, 1),
    PEER: st.integers(0, 12), CROSS: st.integers(0, 12), SUBORDINATE: st.integers(0, 12)})


@settings(max_examples=300, deadline=None)
@given(counts=COUNTS, min_raters=st.integers(3, 10))
def test_no_visible_anonymous_group_is_ever_smaller_than_the_threshold(counts, min_raters):
    g = r.group_raters(counts, WEIGHTS, min_raters)
    for group in g.visible:
        assert group in r.GROUPS
        if group in (*ANONYMOUS, OTHERS):
            assert g.raters[group] >= min_raters, (group, g)
    for rel, n in counts.items():
        if n == 0:
            assert rel not in g.group_of
            continue
        group = g.group_of[rel]
        if group is None:  # hidden: its raters are counted as left out
            assert rel in ANONYMOUS and g.raters[OTHERS] < min_raters and OTHERS not in g.visible
        else:
            assert group in g.visible
    # every rater is shown in exactly one visible group or counted in hidden_raters
    assert sum(g.raters[x] for x in g.visible) + g.hidden_raters == sum(counts.values())
    assert g.hidden_raters == sum(n for rel, n in counts.items() if n and g.group_of[rel] is None)
    # a group's weight is the sum of its relationships' weights
    for group in g.raters:
        assert g.weights[group] == sum(WEIGHTS[rel] for rel, n in counts.items() if n and (
            rel == group or (group == OTHERS and rel in ANONYMOUS and n < min_raters)))


# --- scores --------------------------------------------------------------------------------------------------

def test_it_weighs_the_visible_groups_by_hand():
    means = {SUPERIOR: 4.2, PEER: 3.5, OTHERS: 3.0}
    weights = {SUPERIOR: 50, PEER: 20, OTHERS: 30}
    # (50·4.2 + 20·3.5 + 30·3.0) / (50 + 20 + 30) = (210 + 70 + 90) / 100 = 3.7
    assert r.weighted_score(means, weights) == pytest.approx(3.7, abs=1e-12)


def test_it_leaves_oneself_out_of_the_weighted_score():
    # even if a weight for self were given, and even without one
    assert r.weighted_score({SELF: 1.0, SUPERIOR: 4.0}, {SELF: 100, SUPERIOR: 50}) == 4.0
    assert r.weighted_score({SELF: 1.0, SUPERIOR: 4.0, PEER: 2.0}, {SUPERIOR: 50, PEER: 50}) == 3.0
    assert r.weighted_score({SELF: 5.0}, {SELF: 100}) is None


def test_a_group_without_a_mean_does_not_weigh():
    # peers did not answer this behaviour: superior alone, not (50·4 + 20·0) / 70
    assert r.weighted_score({SUPERIOR: 4.0, PEER: None}, WEIGHTS) == 4.0
    assert r.weighted_score({SUPERIOR: None, PEER: None}, WEIGHTS) is None


def test_a_weighted_score_without_weight_is_none():
    assert r.weighted_score({SUPERIOR: 4.0}, {SUPERIOR: 0}) is None
    assert r.weighted_score({SUPERIOR: 4.0, PEER: 2.0}, {SUPERIOR: 0, PEER: 0}) is None
    assert r.weighted_score({}, WEIGHTS) is None
    # a zero-weight group beside a weighted one changes nothing
    assert r.weighted_score({SUPERIOR: 1.0, PEER: 5.0}, {SUPERIOR: 0, PEER: 20}) == 5.0


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([SUPERIOR, PEER, CROSS, SUBORDINATE, OTHERS]),
                       st.tuples(st.one_of(st.none(), st.floats(1, 5)), st.integers(0, 100)), min_size=1))
def test_a_weighted_score_lies_between_the_weighted_means(groups):
    means = {g: m for g, (m, _w) in groups.items()}
    weights = {g: w for g, (_m, w) in groups.items()}
    weighing = [m for g, (m, w) in groups.items() if m is not None and w]
    score = r.weighted_score(means, weights)
    if not weighing:
        assert score is None
    else:
        assert min(weighing) - 1e-9 <= score <= max(weighing) + 1e-9


@pytest.mark.parametrize("answers", [[1, 5], [2, 4, 4, 4, 5, 5], [3], [1, 2, 3, 4, 5], [5, 5, 5]])
def test_spread_is_the_population_standard_deviation(answers):
    n = len(answers)
    mean = sum(answers) / n
    expected = math.sqrt(sum((a - mean) ** 2 for a in answers) / n)
    assert r.spread(n, sum(answers), sum(a * a for a in answers)) == pytest.approx(expected, abs=1e-12)


def test_spread_of_a_known_example():
    # 1 and 5: mean 3, deviations ±2, SD 2
    assert r.spread(2, 6, 26) == 2.0
    # one answer has no spread
    assert r.spread(1, 4, 16) == 0.0


def test_spread_without_answers_is_none_and_a_negative_count_is_refused():
    assert r.spread(0, 0, 0) is None
    with pytest.raises(RuleError):
        r.spread(-1, 0, 0)


def test_spread_clips_negative_rounding_noise():
    # 8.999999999999998 / 1 − 3² = −1.8e-15: sqrt would raise, the rule gives 0
    assert 8.999999999999998 - 9.0 < 0
    assert r.spread(1, 3.0, 8.999999999999998) == 0.0


@pytest.mark.parametrize(("score", "expected"), [
    (3.125, 3.13),  # exactly half: up
    (3.135, 3.14),  # binary 3.13499…, read as written: up (round() would give 3.13)
    (2.995, 3.0),   # (round() would give 2.99)
    (2.994, 2.99),
    (3.995, 4.0),
    (3.994, 3.99),
    (4.0, 4.0),
    (1.0, 1.0),
    (-1.005, -1.01),  # half away from zero
    (None, None),
])
def test_display_rounds_half_up_on_the_written_figure(score, expected):
    assert r.display(score) == expected


def test_display_takes_other_places():
    assert r.display(60.85, 1) == 60.9
    assert r.display(3.5, 0) == 4.0
    assert r.display(2.5, 0) == 3.0  # not banker's rounding


def test_rank_breaks_ties_by_code_and_leaves_unscored_out():
    scores = {"KO1": 4.0, "BP1": 4.0, "AK1": 3.0, "HA1": None, "LO1": 5.0, "AD1": 3.0}
    ranked = r.rank(scores, top=2)
    assert ranked == {"strongest": [("LO1", 5.0), ("BP1", 4.0)], "weakest": [("AD1", 3.0), ("AK1", 3.0)]}
    ranked = r.rank(scores, top=3)
    assert ranked["strongest"] == [("LO1", 5.0), ("BP1", 4.0), ("KO1", 4.0)]
    assert ranked["weakest"] == [("AD1", 3.0), ("AK1", 3.0), ("BP1", 4.0)]


def test_rank_defaults_to_three_and_gives_everything_when_top_exceeds_it():
    scores = {"BP1": 2.0, "AK1": 1.0}
    assert r.rank(scores) == {"strongest": [("BP1", 2.0), ("AK1", 1.0)], "weakest": [("AK1", 1.0), ("BP1", 2.0)]}
    assert r.rank({"BP1": None}) == {"strongest": [], "weakest": []}


def test_rank_with_top_zero_is_empty_and_a_negative_top_is_refused():
    assert r.rank({"BP1": 4.0}, top=0) == {"strongest": [], "weakest": []}
    with pytest.raises(RuleError, match="top"):
        r.rank({"BP1": 4.0}, top=-1)


# --- the suggested SKP rating ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs", [
    {}, {"above": 1.0, "floor": 1.0, "below": 1.0}, {"above": 5.0, "floor": 5.0, "below": 5.0},
    {"above": 3.0, "below": 3.0}, {"above": 4.5, "floor": 2.0, "below": 2.5},
])
def test_a_suggestion_rule_within_the_scale_is_accepted(kwargs):
    rule = r.SuggestionRule(**kwargs)
    for name, value in kwargs.items():
        assert getattr(rule, name) == value


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"above": 5.01}, "above"), ({"above": 0.99, "below": 0.99}, "above"),
    ({"floor": 0.99}, "floor"), ({"floor": 5.01}, "floor"),
    ({"below": 0.99}, "below"), ({"below": 5.01}, "below"),
    ({"above": 3.0, "below": 3.01}, "cannot exceed"),
    ({"above": float("nan")}, "above"),
])
def test_a_suggestion_rule_off_the_scale_or_inverted_is_refused(kwargs, message):
    with pytest.raises(RuleError, match=message):
        r.SuggestionRule(**kwargs)


GOOD = {"BP": 4.5, "AK": 3.2, "KO": 4.1}


@pytest.mark.parametrize(("overall", "values", "expected"), [
    (4.0, GOOD, DIATAS),
    (3.995, GOOD, DIATAS),  # shown 4.00
    (3.994, GOOD, SESUAI),  # shown 3.99
    (5.0, GOOD, DIATAS),
    (4.0, {}, DIATAS),  # no value under the floor
    (4.0, {"BP": None, "AK": 4.0}, DIATAS),  # an unscored value is not under the floor
    (4.0, {**GOOD, "LO": 3.0}, DIATAS),  # at the floor
    (4.0, {**GOOD, "LO": 2.995}, DIATAS),  # shown 3.00: at the floor
    (4.0, {**GOOD, "LO": 2.994}, SESUAI),  # shown 2.99: under the floor, blocks Di Atas
    (4.5, {**GOOD, "LO": 1.0}, SESUAI),
    (3.0, GOOD, SESUAI),
    (2.995, GOOD, SESUAI),  # shown 3.00
    (2.994, GOOD, DIBAWAH),  # shown 2.99
    (2.994, {}, DIBAWAH),
    (1.0, GOOD, DIBAWAH),
    (3.5, {"BP": 1.0}, SESUAI),  # a low value alone never makes Di Bawah
    (None, GOOD, None),
    (None, {}, None),
])
def test_the_suggestion_at_every_band_edge(overall, values, expected):
    assert r.suggest_rating(overall, values) == expected


@pytest.mark.parametrize(("overall", "values", "expected"), [
    (3.5, {"BP": 2.5}, DIATAS),
    (3.495, {"BP": 2.5}, DIATAS),  # shown 3.50
    (3.494, {"BP": 2.5}, SESUAI),
    (3.5, {"BP": 2.494}, SESUAI),
    (2.0, {}, SESUAI),
    (1.995, {}, SESUAI),
    (1.994, {}, DIBAWAH),
])
def test_the_suggestion_follows_a_configured_rule(overall, values, expected):
    rule = r.SuggestionRule(above=3.5, floor=2.5, below=2.0)
    assert r.suggest_rating(overall, values, rule) == expected


# --- comments --------------------------------------------------------------------------------------------------

def test_comments_follow_the_visibility_of_their_group():
    # superior 1 and self 1 (always shown), peers 3 (own group), cross 1 + subordinates 1 (others 2: hidden)
    g = r.group_raters({SELF: 1, SUPERIOR: 1, PEER: 3, CROSS: 1, SUBORDINATE: 1}, WEIGHTS, 3)
    assert r.comments_shown(SELF, g) and r.comments_shown(SUPERIOR, g) and r.comments_shown(PEER, g)
    assert not r.comments_shown(OTHERS, g)
    assert not r.comments_shown(CROSS, g) and not r.comments_shown(SUBORDINATE, g)
    # one more subordinate: others 3 is shown, under "others" and not under the merged relationships
    g = r.group_raters({SELF: 1, SUPERIOR: 1, PEER: 3, CROSS: 1, SUBORDINATE: 2}, WEIGHTS, 3)
    assert r.comments_shown(OTHERS, g)
    assert not r.comments_shown(CROSS, g) and not r.comments_shown(SUBORDINATE, g)


def test_comments_are_ordered_by_text_stripped_and_blanks_dropped():
    texts = ["  Tepat waktu ", "", "Adaptif", None, "   ", "\nBekerja sama baik", "Adaptif"]
    assert r.order_comments(texts) == ["Adaptif", "Adaptif", "Bekerja sama baik", "Tepat waktu"]
    assert r.order_comments([]) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=8), st.randoms(use_true_random=False))
def test_the_order_of_comments_says_nothing_about_the_order_they_came_in(texts, rnd):
    shuffled = list(texts)
    rnd.shuffle(shuffled)
    ordered = r.order_comments(texts)
    assert ordered == r.order_comments(shuffled)
    assert ordered == sorted(ordered)
    assert all(t == t.strip() and t for t in ordered)
    assert len(ordered) == sum(1 for t in texts if t.strip())
