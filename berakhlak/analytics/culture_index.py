"""The Indeks BerAKHLAK per unit (with its whole subtree), per agency and nationally.

Heavy aggregation is one engine-portable Ibis expression (DESIGN.md "Architecture"): it runs inside
the app database for one agency, or on DuckDB over Parquet for a national wave, and gives the same
numbers on every engine. It never loops over respondents in Python. The small per-unit result (one
row per unit) is then turned into indices, bands and suppression by the pure functions below.

Inputs (Ibis tables):
- ``responses``: one row per respondent: ``unit_id`` and one integer column per behaviour code
  ``BP1`` … ``KL3`` (null = no answer);
- ``closure``: ``ancestor_id``, ``descendant_id`` pairs of the unit tree, each unit with itself.

Method (DESIGN.md "Index method"): value index = 100 × (mean of all the group's answers to that
value's items − scale min) / (scale max − scale min), missing answers left out; overall = mean of the
7 value indices; a unit's group is every respondent in the unit and its whole subtree
(respondent-weighted); nationally, the mean of the agency indices of agencies with at least
``min_group`` respondents (the official KemenPANRB method, REGULATIONS.md §2).

Behaviours: ``unit_sums`` also returns the sum and count of each behaviour's answers, from which
``behaviour_ranking`` names a group's strongest and weakest behaviours, each scored by the value-index
formula applied to that one item. Other Likert dimensions of the national survey (Employee Engagement,
Employer Branding, extra items; REGULATIONS.md §2) arrive as a long table and are summed by
``item_sums_long``; their index is the same formula, ``index_from_sums(sum, n, scale)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, cast

from berakhlak.analytics.bands import DEFAULT_BANDS, Band, band_for
from berakhlak.analytics.likert import (
    BEHAVIOUR_CODES,
    VALUE_CODES,
    check_scale,
    display,
    index_from_sums,
    overall_index,
)
from berakhlak.analytics.suppression import suppress_subtree_counts

SUM_COLUMNS = ("respondents", *(f"{v}_sum" for v in VALUE_CODES), *(f"{v}_n" for v in VALUE_CODES))
BEHAVIOUR_SUM_COLUMNS = (*(f"{c}_sum" for c in BEHAVIOUR_CODES), *(f"{c}_n" for c in BEHAVIOUR_CODES))

# An Ibis table or column expression: Ibis is checked as Any here (its types are not part of this contract)
Table = Any


def unit_sums(responses: Table, closure: Table) -> Table:
    """Ibis expression: per unit (``unit_id``), over the unit and its subtree (DESIGN.md "Index
    method": respondent-weighted subtree groups), the respondent count (``respondents``); per value,
    the sum and the number of non-missing answers of its 3 items (``BP_sum``, ``BP_n``, …); and per
    behaviour, the same for its one item (``BP1_sum``, ``BP1_n``, … ``KL3_n``). A missing answer is
    left out of both sum and count, never counted as zero.

    Units without any respondent in their subtree have no row. The counts use ``COUNT(column)``
    rather than a cast of a boolean, which PostgreSQL refuses for ``bigint``.
    """
    aggregations = {"respondents": responses.count()}
    for code in BEHAVIOUR_CODES:
        aggregations[f"{code}_sum"] = responses[code].fill_null(0).sum()
        aggregations[f"{code}_n"] = responses[code].count()
    direct = responses.group_by("unit_id").aggregate(**aggregations)
    joined = closure.join(direct, closure.descendant_id == direct.unit_id)
    subtree = joined.group_by(unit_id=joined.ancestor_id).aggregate(
        **{name: joined[name].sum() for name in aggregations})
    per_value = {}
    for value in VALUE_CODES:
        for part in ("sum", "n"):
            columns = [subtree[f"{value}{i}_{part}"] for i in (1, 2, 3)]
            per_value[f"{value}_{part}"] = columns[0] + columns[1] + columns[2]
    return subtree.select("unit_id", "respondents", *(per_value[name].name(name) for name in SUM_COLUMNS[1:]),
                          *BEHAVIOUR_SUM_COLUMNS)


def indices_from_sums(row: Mapping[Any, Any], scale: tuple[int, int]) -> tuple[dict[str, float | None], float | None]:
    """Value indices and the overall index of one group from its sums (unrounded)."""
    check_scale(scale)
    values = {v: index_from_sums(float(row[f"{v}_sum"] or 0), int(row[f"{v}_n"] or 0), scale) for v in VALUE_CODES}
    return values, overall_index(values)


def behaviour_indices(row: Mapping[Any, Any], scale: tuple[int, int]) -> dict[str, float | None]:
    """Each behaviour's index from a ``unit_sums`` row: the value-index formula of DESIGN.md "Index
    method" applied to its single item, unrounded; ``None`` when nobody answered it."""
    check_scale(scale)
    return {code: index_from_sums(float(row[f"{code}_sum"] or 0), int(row[f"{code}_n"] or 0), scale)
            for code in BEHAVIOUR_CODES}


def rank_behaviours(indices: Mapping[str, float | None], *, top: int = 3) -> dict[str, list[dict[str, Any]]]:
    """The ``top`` strongest and weakest of behaviour indices ``{code: index | None}``.

    Returns ``{"strongest": [...], "weakest": [...]}``, each a list of ``{"code": "AK1", "value": "AK",
    "index": 81.25}`` (``value`` is the core value of REGULATIONS.md §1 the behaviour belongs to):
    strongest by index descending, weakest by index ascending, ties broken by behaviour code
    (alphabetical) in both. A behaviour without an index is left out. With ``top`` above half the
    scored behaviours the two lists overlap.
    """
    if top < 0:
        raise ValueError("top must be 0 or more")
    scored: list[dict[str, Any]] = [{"code": code, "value": code[:2], "index": index}
                                    for code, index in indices.items() if index is not None]
    return {
        "strongest": sorted(scored, key=lambda b: (-b["index"], b["code"]))[:top],
        "weakest": sorted(scored, key=lambda b: (b["index"], b["code"]))[:top],
    }


def behaviour_ranking(row: Mapping[Any, Any], scale: tuple[int, int], *, top: int = 3) -> dict[str, list[dict[str, Any]]]:
    """The ``top`` strongest and weakest behaviours of one group, from a ``unit_sums`` row
    (``behaviour_indices`` ranked by ``rank_behaviours``)."""
    return rank_behaviours(behaviour_indices(row, scale), top=top)


class LongSums(NamedTuple):
    """The two Ibis expressions of ``item_sums_long``."""

    dimensions: object  # unit_id, dimension, respondents, sum, n
    items: object  # unit_id, item_code, sum, n


def item_sums_long(answers: Table, responses: Table, closure: Table) -> LongSums:
    """Ibis expressions over a long answer table, per unit with its whole subtree (DESIGN.md "Index
    method"), for the Likert dimensions of the national survey beside the 21 behaviours (Employee
    Engagement, Employer Branding, extra items; REGULATIONS.md §2).

    ``answers``: ``response_id``, ``item_code``, ``dimension`` (e.g. ``"ENGAGEMENT"``,
    ``"BRANDING"``, ``"EXTRA"``), ``value`` (integer answer, null = no answer); ``responses``:
    ``id``, ``unit_id``; ``closure``: ``ancestor_id``, ``descendant_id``.

    Returns ``LongSums(dimensions, items)``:
    - ``dimensions``: ``unit_id``, ``dimension``, ``respondents`` (respondents with at least one
      non-missing answer in the dimension), ``sum``, ``n`` (sum and count of non-missing answers);
    - ``items``: ``unit_id``, ``item_code``, ``sum``, ``n``.

    The index of a dimension (e.g. the Engagement index, the Employer Branding index) is the
    value-index formula over that dimension's answers: ``index_from_sums(sum, n, scale)``.
    Missing answers are left out, never counted as zero. Pairs without any answer have no row.
    """
    joined = answers.join(responses, answers.response_id == responses.id)
    answered = joined.filter(joined["value"].notnull())
    by_dimension = answered.group_by("unit_id", "dimension").aggregate(
        respondents=answered.response_id.nunique(), sum=answered["value"].sum(), n=answered["value"].count())
    by_item = answered.group_by("unit_id", "item_code").aggregate(
        sum=answered["value"].sum(), n=answered["value"].count())

    def over_subtree(direct: Table, key: str, columns: tuple[str, ...]) -> Table:
        tree = closure.join(direct, closure.descendant_id == direct.unit_id)
        summed = tree.group_by(tree[key], unit_id=tree.ancestor_id).aggregate(
            **{name: tree[name].sum() for name in columns})
        return summed.select("unit_id", key, *columns)

    return LongSums(
        dimensions=over_subtree(by_dimension, "dimension", ("respondents", "sum", "n")),
        items=over_subtree(by_item, "item_code", ("sum", "n")),
    )


def unit_report(sums: Iterable[Mapping[Any, Any]], *, parent: Mapping[Any, Any], codes: Mapping[Any, Any],
                scale: tuple[int, int], min_group: int, bands: tuple[Band, ...] = DEFAULT_BANDS) -> list[dict[str, Any]]:
    """The ``units`` entries of the index JSON (DESIGN.md "Index JSON") for every unit of ``parent``.

    ``sums``: rows of ``unit_sums`` (units without respondents may be missing); ``parent``: unit id →
    parent id (None for the root); ``codes``: unit id → unit code. Suppressed units have
    ``"suppressed": true`` and ``null`` for every number, ``respondents`` included.
    """
    by_unit = {row["unit_id"]: row for row in sums}
    subtree = {u: int(by_unit[u]["respondents"]) if u in by_unit else 0 for u in parent}
    hidden = suppress_subtree_counts(parent, subtree, min_group)
    report = []
    for unit in sorted(parent, key=lambda u: codes[u]):
        if unit not in hidden.visible:
            report.append({"unit": codes[unit], "respondents": None, "suppressed": True,
                           "values": dict.fromkeys(VALUE_CODES), "overall": None,
                           "categories": dict.fromkeys(VALUE_CODES), "overall_category": None})
            continue
        values, overall = indices_from_sums(by_unit[unit], scale)
        report.append({
            "unit": codes[unit], "respondents": subtree[unit], "suppressed": False,
            "values": {v: display(x) for v, x in values.items()},
            "overall": display(overall),
            "categories": {v: _code(band_for(x, bands)) for v, x in values.items()},
            "overall_category": _code(band_for(overall, bands)),
        })
    return report


def _code(band: Band | None) -> str | None:
    return band.code if band else None


def national_index(agencies: Iterable[tuple[int, Mapping[str, float | None]]], *, min_group: int) -> dict[str, Any]:
    """Across agencies: the mean of the agency indices of agencies with at least ``min_group``
    respondents (each agency weighs the same, as in the official national result).

    ``agencies``: (respondents, {value code: unrounded index}) per agency.
    """
    kept = [values for respondents, values in agencies if respondents >= min_group]
    if not kept:
        return {"agencies": 0, "values": dict.fromkeys(VALUE_CODES), "overall": None}
    values = {v: sum(cast(float, a[v]) for a in kept) / len(kept) for v in VALUE_CODES}
    return {"agencies": len(kept), "values": values, "overall": overall_index(values)}
