"""Cronbach's α and item-total correlations, checked against hand-computed values."""

import pytest

from berakhlak.analytics.reliability import cronbach_alpha, item_total_correlations

# 5 respondents × 3 items, alpha computed by hand:
# item variances 1.3, 0.8, 0.7 (sum 2.8); totals 12, 9, 6, 10, 13 -> variance 7.5;
# alpha = 3/2 × (1 − 2.8/7.5) = 0.94
TABLE = [[4, 4, 4], [3, 3, 3], [2, 2, 2], [3, 4, 3], [5, 4, 4]]


def test_alpha_matches_the_hand_computation():
    items = list(zip(*TABLE))
    assert [round(__import__("statistics").variance(i), 3) for i in items] == [1.3, 0.8, 0.7]
    totals = [sum(r) for r in TABLE]
    assert totals == [12, 9, 6, 10, 13]
    expected = 3 / 2 * (1 - (1.3 + 0.8 + 0.7) / __import__("statistics").variance(totals))
    assert cronbach_alpha(TABLE, min_respondents=5) == pytest.approx(expected)
    assert cronbach_alpha(TABLE, min_respondents=5) == pytest.approx(0.94)


def test_identical_items_give_alpha_one_and_unrelated_items_near_zero():
    same = [[x, x, x] for x in (1, 2, 3, 4, 5) * 8]
    assert cronbach_alpha(same) == pytest.approx(1.0)
    crossed = [[a, b] for a in (1, 2, 3, 4, 5) for b in (1, 2, 3, 4, 5)] * 2
    assert cronbach_alpha(crossed) == pytest.approx(0.0, abs=1e-9)


def test_small_groups_missing_answers_and_no_variance():
    assert cronbach_alpha(TABLE) is None  # 5 < 30 respondents
    rows = [[3, 3, None]] * 40 + TABLE * 6  # the 40 incomplete rows are left out -> 30 complete
    assert cronbach_alpha(rows) == pytest.approx(cronbach_alpha(TABLE * 6))
    assert cronbach_alpha([[3, 3]] * 40) is None  # no variance
    with pytest.raises(ValueError):
        cronbach_alpha([[1]] * 40)


def test_item_total_correlations():
    corr = item_total_correlations(TABLE * 6)
    assert len(corr) == 3 and all(0 < c <= 1 for c in corr)
    # item 1 against items 2+3: totals of the others 8,6,4,7,8
    import statistics

    expected = statistics.correlation([4, 3, 2, 3, 5], [8, 6, 4, 7, 8])
    assert corr[0] == pytest.approx(expected)
    assert item_total_correlations(TABLE) is None
