"""Reliability of a value's items in a group: Cronbach's α and corrected item-total correlations.

DESIGN.md "Index method": α per value per group of at least 30 respondents, and item-total
correlations. Respondents with a missing answer to any of the value's items are left out of that
value's reliability (listwise, complete cases only), as statistical packages do by default. With fewer
than ``min_respondents`` complete respondents, or no variance, the statistic is ``None`` (not
computable), never a made-up number.

    α = k / (k − 1) × (1 − Σ var(item) / var(total)),  sample variances (ddof = 1)

The item-total correlation is the *corrected* one (item-rest): Pearson r of an item with the sum of
the value's other items, so the item is not correlated with itself. It is ``None`` when the item or
the rest has no variance.

Two ways to compute the same numbers:
- ``cronbach_alpha`` / ``item_total_correlations``: numpy over a respondents × items table, for a
  table already in memory (and as the reference the tests compare with);
- ``reliability_moments`` (an engine-portable Ibis expression, DESIGN.md "Architecture": no loop over
  respondents in Python) gives per unit with its subtree and per value the count and the raw moments
  Σxᵢ, Σxᵢxⱼ of complete cases; ``reliability_from_moments`` turns one such row into α and the
  item-rest correlations, exactly (integer moments, rational arithmetic, one final rounding).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, cast

import numpy as np

from berakhlak.analytics.likert import VALUE_CODES

# An Ibis table or column expression: Ibis is checked as Any here (its types are not part of this contract)
Table = Any

MIN_RESPONDENTS = 30
ITEMS = (1, 2, 3)  # each BerAKHLAK value has 3 behaviours (REGULATIONS.md §1)
PAIRS = tuple((i, j) for i in ITEMS for j in ITEMS if i <= j)
MOMENT_COLUMNS = ("n", *(f"s{i}" for i in ITEMS), *(f"s{i}{j}" for i, j in PAIRS))


def _complete(rows: Sequence[Sequence[float | None]]) -> np.ndarray:
    matrix = np.array([[np.nan if x is None else x for x in row] for row in rows], dtype=float)
    if matrix.ndim != 2:
        raise ValueError("answers must be a respondents × items table")
    return cast(np.ndarray, matrix[~np.isnan(matrix).any(axis=1)])


def _constant(column: np.ndarray) -> bool:
    """No variance, decided exactly (a float variance of a constant column can come out at 1e-33)."""
    return bool(np.ptp(column) == 0)


def cronbach_alpha(rows: Sequence[Sequence[float | None]], *, min_respondents: int = MIN_RESPONDENTS) -> float | None:
    """Cronbach's α of a respondents × items table (at least 2 items)."""
    data = _complete(rows) if len(rows) else np.empty((0, 0))
    if data.shape[0] < max(min_respondents, 2):
        return None
    k = data.shape[1]
    if k < 2:
        raise ValueError("Cronbach's alpha needs at least 2 items")
    total = data.sum(axis=1)
    if _constant(total):
        return None
    return float(k / (k - 1) * (1 - data.var(axis=0, ddof=1).sum() / total.var(ddof=1)))


def item_total_correlations(rows: Sequence[Sequence[float | None]], *,
                            min_respondents: int = MIN_RESPONDENTS) -> list[float | None] | None:
    """Corrected item-total (item-rest) correlation of each item: Pearson r of the item with the sum of
    the other items; ``None`` for an item when it or the rest has no variance."""
    data = _complete(rows) if len(rows) else np.empty((0, 0))
    if data.shape[0] < max(min_respondents, 2):
        return None
    total = data.sum(axis=1)
    out: list[float | None] = []
    for j in range(data.shape[1]):
        item, rest = data[:, j], total - data[:, j]
        if _constant(item) or _constant(rest):
            out.append(None)
        else:
            out.append(float(np.corrcoef(item, rest)[0, 1]))
    return out


def reliability_moments(responses: Table, closure: Table) -> Table:
    """Ibis expression: per unit (with its whole subtree, DESIGN.md "Index method") and per value, the
    complete-case moments from which Cronbach's α and the item-rest correlations follow exactly.

    ``responses``: ``unit_id`` and one integer column per behaviour code ``BP1`` … ``KL3`` (null = no
    answer); ``closure``: ``ancestor_id``, ``descendant_id`` (each unit with itself).

    One row per unit with respondents in its subtree and per value: ``unit_id``, ``value`` (``"BP"`` …
    ``"KL"``), ``n`` (respondents who answered all 3 items of the value), ``s1``, ``s2``, ``s3``
    (Σxᵢ over them, item i = behaviour ``{value}{i}``), ``s11``, ``s12``, ``s13``, ``s22``, ``s23``,
    ``s33`` (Σxᵢxⱼ). A respondent who skipped any item of a value contributes nothing to that value.
    """
    import ibis

    aggregations = {}
    for value in VALUE_CODES:
        x = {i: responses[f"{value}{i}"] for i in ITEMS}
        complete = x[1].notnull() & x[2].notnull() & x[3].notnull()
        aggregations[f"{value}_n"] = complete.ifelse(1, 0).sum()  # no CAST(boolean AS bigint): PostgreSQL refuses it
        for i in ITEMS:
            aggregations[f"{value}_s{i}"] = complete.ifelse(x[i], 0).sum()
        for i, j in PAIRS:
            aggregations[f"{value}_s{i}{j}"] = complete.ifelse(x[i] * x[j], 0).sum()
    direct = responses.group_by("unit_id").aggregate(**aggregations)
    joined = closure.join(direct, closure.descendant_id == direct.unit_id)
    subtree = joined.group_by(unit_id=joined.ancestor_id).aggregate(
        **{name: joined[name].sum() for name in aggregations})
    per_value = [
        subtree.select("unit_id", value=ibis.literal(value, type="string"),
                       **{m: subtree[f"{value}_{m}"] for m in MOMENT_COLUMNS})
        for value in VALUE_CODES
    ]
    return ibis.union(*per_value, distinct=False)


def _exact(number: Any) -> Fraction:
    """An engine's number (int, numpy int, Decimal from PostgreSQL, float) as an exact fraction."""
    if isinstance(number, np.generic):
        number = number.item()
    return Fraction(number)


def reliability_from_moments(row: Mapping[str, Any], *, min_respondents: int = MIN_RESPONDENTS) -> dict[str, Any]:
    """α and item-rest correlations of one value in one group, from a ``reliability_moments`` row.

    Returns ``{"alpha": float | None, "item_total": {"BP1": r | None, "BP2": …, "BP3": …}}`` (keys
    are the value's behaviour codes). Everything is ``None`` below ``min_respondents`` (DESIGN.md:
    30) complete respondents; α is ``None`` when the total has no variance, an item's r when the
    item or the rest of the value's items has no variance.

    With Cᵢⱼ = n·Σxᵢxⱼ − Σxᵢ·Σxⱼ = n(n − 1)·cov(xᵢ, xⱼ) (exact on integer answers):
    α = k/(k − 1) · (1 − Σᵢ Cᵢᵢ / Σᵢⱼ Cᵢⱼ) and
    r(item i, rest) = Σ_{j≠i} Cᵢⱼ / √(Cᵢᵢ · Σ_{j,l≠i} Cⱼₗ), the same as Pearson r computed on the data.
    """
    value = row["value"]
    codes = [f"{value}{i}" for i in ITEMS]
    n = _exact(row["n"])
    if n < max(min_respondents, 2):
        return {"alpha": None, "item_total": dict.fromkeys(codes)}
    sums = {i: _exact(row[f"s{i}"]) for i in ITEMS}
    products = {}
    for i, j in PAIRS:
        products[i, j] = products[j, i] = _exact(row[f"s{i}{j}"])
    c = {(i, j): n * products[i, j] - sums[i] * sums[j] for i in ITEMS for j in ITEMS}
    k = len(ITEMS)
    total = sum(c.values())
    alpha = None
    if total > 0:
        alpha = float(Fraction(k, k - 1) * (1 - sum(c[i, i] for i in ITEMS) / total))
    item_total: dict[str, float | None] = {}
    for i, code in zip(ITEMS, codes):
        others = [j for j in ITEMS if j != i]
        covariance = sum(c[i, j] for j in others)
        rest_variance = sum(c[j, m] for j in others for m in others)
        if c[i, i] <= 0 or rest_variance <= 0:
            item_total[code] = None
            continue
        r = float(covariance) / math.sqrt(float(c[i, i] * rest_variance))
        item_total[code] = max(-1.0, min(1.0, r))
    return {"alpha": alpha, "item_total": item_total}
