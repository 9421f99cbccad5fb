"""Small-group suppression: primary, complementary, and the guarantee over random trees."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berakhlak.analytics.suppression import depth_order, subtree_totals, suppress, uncovered


def test_totals_include_the_whole_subtree():
    parent = {"R": None, "A": "R", "A1": "A", "B": "R"}
    assert subtree_totals(parent, {"R": 1, "A": 2, "A1": 3, "B": 4}) == {"R": 10, "A": 5, "A1": 3, "B": 4}


def test_a_group_below_min_group_is_hidden_and_one_at_it_is_shown():
    parent = {"R": None, "A": "R", "B": "R"}
    result = suppress(parent, {"A": 4, "B": 5, "R": 6}, min_group=5)
    assert "A" in result.primary and "B" in result.visible and "R" in result.visible


def test_the_next_smallest_sibling_is_hidden_too():
    parent = {"R": None, "A": "R", "C": "R", "D": "R"}
    result = suppress(parent, {"A": 3, "C": 20, "D": 30}, min_group=5)
    # R = 53; visible children C, D cover 50; the rest (3) would be A exactly -> hide C (smaller)
    assert result.primary == {"A"}
    assert result.complementary == {"C"}
    assert uncovered(parent, result, "R") == 23


def test_no_complementary_hide_when_the_rest_is_zero_or_large_enough():
    parent = {"R": None, "A": "R", "B": "R"}
    assert suppress(parent, {"A": 5, "B": 5}, 5).complementary == frozenset()  # rest 0
    assert suppress(parent, {"R": 5, "A": 5, "B": 5}, 5).complementary == frozenset()  # rest 5


def test_a_hidden_large_child_does_not_leak_a_small_sibling_through_its_visible_children():
    # R has own 0; A is small (2); C is complementary-hidden candidate with visible children C1, C2.
    parent = {"R": None, "A": "R", "C": "R", "C1": "C", "C2": "C", "E": "R"}
    direct = {"A": 2, "C1": 10, "C2": 10, "E": 6}
    result = suppress(parent, direct, 5)
    for node in result.visible:
        rest = uncovered(parent, result, node)
        assert rest == 0 or rest >= 5, (node, rest, result)


def test_everything_hidden_when_the_root_is_small():
    parent = {"R": None, "A": "R"}
    result = suppress(parent, {"A": 2, "R": 1}, 5)
    assert result.visible == frozenset()


def test_bad_input():
    with pytest.raises(ValueError):
        suppress({"R": None}, {"R": 1}, 0)
    with pytest.raises(ValueError):
        suppress({"R": "X"}, {}, 5)
    with pytest.raises(ValueError):
        depth_order({"A": "B", "B": "A"})
    with pytest.raises(ValueError):
        subtree_totals({"R": None}, {"R": -1})


@st.composite
def trees(draw):
    size = draw(st.integers(min_value=1, max_value=40))
    parent = {0: None}
    for node in range(1, size):
        parent[node] = draw(st.integers(min_value=0, max_value=node - 1))
    direct = {node: draw(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 9, 15, 40])) for node in parent}
    return parent, direct


@settings(max_examples=400, deadline=None)
@given(trees(), st.integers(min_value=1, max_value=12))
def test_no_visible_group_leaves_a_small_rest(tree, min_group):
    parent, direct = tree
    result = suppress(parent, direct, min_group)
    for node in result.visible:
        for frontier_only in (True, False):  # the frontier rule and the child rule
            rest = uncovered(parent, result, node, frontier_only=frontier_only)
            assert rest == 0 or rest >= min_group, (node, rest, frontier_only)
    # every small group is hidden; hidden sets are disjoint and cover the rest
    assert all(result.totals[n] < min_group for n in result.primary)
    assert all(result.totals[n] >= min_group for n in result.visible | result.complementary)
    assert result.visible | result.primary | result.complementary == set(parent)
    assert not (result.visible & (result.primary | result.complementary))


@settings(max_examples=100, deadline=None)
@given(trees(), st.integers(min_value=1, max_value=12))
def test_suppression_is_deterministic(tree, min_group):
    parent, direct = tree
    assert suppress(parent, direct, min_group) == suppress(dict(reversed(list(parent.items()))), direct, min_group)


def test_it_handles_a_national_size_tree():
    parent = {0: None}
    for node in range(1, 150_000):
        parent[node] = (node - 1) // 5
    direct = {node: (node * 7) % 11 for node in parent}
    result = suppress(parent, direct, 5)
    assert result.totals[0] == sum(direct.values())
    assert all(result.totals[n] < 5 for n in result.primary)
