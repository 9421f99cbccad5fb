"""Reliability of a value's items in a group: Cronbach's α and corrected item-total correlations.

DESIGN.md "Index method": α per value per group of at least 30 respondents. Respondents with a
missing answer to any of the value's items are left out of that value's reliability (listwise), as
statistical packages do by default. With fewer than ``min_respondents`` complete respondents, or no
variance, the statistic is ``None`` (not computable), never a made-up number.

    α = k / (k − 1) × (1 − Σ var(item) / var(total)),  sample variances (ddof = 1)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MIN_RESPONDENTS = 30


def _complete(rows: Sequence[Sequence[float | None]]) -> np.ndarray:
    matrix = np.array([[np.nan if x is None else x for x in row] for row in rows], dtype=float)
    if matrix.ndim != 2:
        raise ValueError("answers must be a respondents × items table")
    return matrix[~np.isnan(matrix).any(axis=1)]


def cronbach_alpha(rows: Sequence[Sequence[float | None]], *, min_respondents: int = MIN_RESPONDENTS) -> float | None:
    """Cronbach's α of a respondents × items table (at least 2 items)."""
    data = _complete(rows) if len(rows) else np.empty((0, 0))
    if data.shape[0] < max(min_respondents, 2):
        return None
    k = data.shape[1]
    if k < 2:
        raise ValueError("Cronbach's alpha needs at least 2 items")
    total_var = data.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return None
    return float(k / (k - 1) * (1 - data.var(axis=0, ddof=1).sum() / total_var))


def item_total_correlations(rows: Sequence[Sequence[float | None]], *,
                            min_respondents: int = MIN_RESPONDENTS) -> list[float | None] | None:
    """Corrected item-total correlation of each item: Pearson r of the item with the sum of the others."""
    data = _complete(rows) if len(rows) else np.empty((0, 0))
    if data.shape[0] < max(min_respondents, 2):
        return None
    total = data.sum(axis=1)
    out: list[float | None] = []
    for j in range(data.shape[1]):
        item, rest = data[:, j], total - data[:, j]
        if item.std() == 0 or rest.std() == 0:
            out.append(None)
        else:
            out.append(float(np.corrcoef(item, rest)[0, 1]))
    return out
