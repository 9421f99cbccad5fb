"""Where a unit's answers are recorded (``rules.record_units``): never under a group smaller than min_group."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berakhlak.analytics.suppression import subtree_totals
from berakhlak.surveys.rules import record_units

#        R
#      /   \
#     A     B
#    / \     \
#   A1  A2    B1
TREE = {"R": None, "A": "R", "B": "R", "A1": "A", "A2": "A", "B1": "B"}


@pytest.mark.parametrize(("population", "expected"), [
    # every unit reaches 5 with its subtree: each records itself
    ({"R": 1, "A": 0, "A1": 5, "A2": 5, "B": 5, "B1": 5},
     {"R": "R", "A": "A", "A1": "A1", "A2": "A2", "B": "B", "B1": "B1"}),
    # the edge: 4 goes up, 5 stays
    ({"R": 0, "A": 0, "A1": 4, "A2": 5, "B": 0, "B1": 5},
     {"R": "R", "A": "A", "A1": "A", "A2": "A2", "B": "B", "B1": "B1"}),
    # a chain of small units goes up to the first ancestor that reaches 5 with its subtree
    ({"R": 10, "A": 1, "A1": 1, "A2": 1, "B": 0, "B1": 2},
     {"R": "R", "A": "R", "A1": "R", "A2": "R", "B": "R", "B1": "R"}),
    # a parent of small children that reaches 5 only with them keeps them
    ({"R": 0, "A": 0, "A1": 3, "A2": 2, "B": 2, "B1": 3},
     {"R": "R", "A": "A", "A1": "A", "A2": "A", "B": "B", "B1": "B"}),
    # an agency smaller than min_group records everything at its root
    ({"R": 1, "A": 1, "A1": 1, "A2": 0, "B": 0, "B1": 1},
     {"R": "R", "A": "R", "A1": "R", "A2": "R", "B": "R", "B1": "R"}),
])
def test_record_units(population, expected):
    assert record_units(TREE, population, 5) == expected


def test_min_group_must_be_positive():
    with pytest.raises(ValueError):
        record_units(TREE, {}, 0)


@st.composite
def trees(draw):
    n = draw(st.integers(1, 25))
    parent = {0: None}
    for node in range(1, n):
        parent[node] = draw(st.integers(0, node - 1))
    population = {node: draw(st.integers(0, 7)) for node in parent}
    return parent, population, draw(st.integers(1, 12))


def ancestors(parent, node):
    while node is not None:
        yield node
        node = parent[node]


@given(trees())
def test_the_record_unit_is_the_nearest_ancestor_that_reaches_min_group(case):
    parent, population, min_group = case
    totals = subtree_totals(parent, population)
    out = record_units(parent, population, min_group)
    for node in parent:
        chain = list(ancestors(parent, node))
        reaching = [a for a in chain if totals[a] >= min_group]
        assert out[node] == (reaching[0] if reaching else chain[-1])
