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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from berakhlak.analytics.bands import DEFAULT_BANDS, Band, band_for
from berakhlak.analytics.likert import VALUE_CODES, check_scale, display, index_from_sums, overall_index
from berakhlak.analytics.suppression import suppress

SUM_COLUMNS = ("respondents", *(f"{v}_sum" for v in VALUE_CODES), *(f"{v}_n" for v in VALUE_CODES))


def unit_sums(responses, closure):
    """Ibis expression: per unit (``unit_id``), over the unit and its subtree, the respondent count and,
    per value, the sum and the number of non-missing answers."""
    from ibis import _

    aggregations = {"respondents": responses.count()}
    for value in VALUE_CODES:
        items = [responses[f"{value}{i}"] for i in (1, 2, 3)]
        aggregations[f"{value}_sum"] = sum(item.fill_null(0) for item in items).sum()
        aggregations[f"{value}_n"] = sum(item.notnull().cast("int64") for item in items).sum()
    direct = responses.group_by("unit_id").aggregate(**aggregations)
    joined = closure.join(direct, closure.descendant_id == direct.unit_id)
    return (
        joined.group_by(unit_id=joined.ancestor_id)
        .aggregate(**{name: _[name].sum() for name in SUM_COLUMNS})
    )


def indices_from_sums(row: Mapping, scale: tuple[int, int]) -> tuple[dict[str, float | None], float | None]:
    """Value indices and the overall index of one group from its sums (unrounded)."""
    check_scale(scale)
    values = {v: index_from_sums(float(row[f"{v}_sum"] or 0), int(row[f"{v}_n"] or 0), scale) for v in VALUE_CODES}
    return values, overall_index(values)


def unit_report(sums: Iterable[Mapping], *, parent: Mapping, codes: Mapping, scale: tuple[int, int],
                min_group: int, bands: tuple[Band, ...] = DEFAULT_BANDS) -> list[dict]:
    """The ``units`` entries of the index JSON (DESIGN.md "Index JSON") for every unit of ``parent``.

    ``sums``: rows of ``unit_sums`` (units without respondents may be missing); ``parent``: unit id →
    parent id (None for the root); ``codes``: unit id → unit code. Suppressed units have
    ``"suppressed": true`` and ``null`` for every number, ``respondents`` included.
    """
    by_unit = {row["unit_id"]: row for row in sums}
    # respondents placed directly in a unit = its subtree count minus its children's subtree counts
    subtree = {u: int(by_unit[u]["respondents"]) if u in by_unit else 0 for u in parent}
    direct = dict(subtree)
    for unit, up in parent.items():
        if up is not None:
            direct[up] -= subtree[unit]
    hidden = suppress(parent, direct, min_group)
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


def national_index(agencies: Iterable[tuple[int, Mapping[str, float | None]]], *, min_group: int) -> dict:
    """Across agencies: the mean of the agency indices of agencies with at least ``min_group``
    respondents (each agency weighs the same, as in the official national result).

    ``agencies``: (respondents, {value code: unrounded index}) per agency.
    """
    kept = [values for respondents, values in agencies if respondents >= min_group]
    if not kept:
        return {"agencies": 0, "values": dict.fromkeys(VALUE_CODES), "overall": None}
    values = {v: sum(a[v] for a in kept) / len(kept) for v in VALUE_CODES}
    return {"agencies": len(kept), "values": values, "overall": overall_index(values)}
