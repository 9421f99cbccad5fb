"""Reads of employee performance (SKP), each within the caller's data scope:

- an employee sees their own SKPs and ratings;
- a Pejabat Penilai Kinerja sees the SKPs they rate;
- a unit head sees the SKPs and the predikat of their subtree;
- HR (and the platform admin) see their agency.

Recaps count predikat with set-based SQL (grouped per unit first, then rolled up the closure table), never
row by row in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from berakhlak.accounts.scope import Scope
from berakhlak.framework.models import CoreValue
from berakhlak.org.models import Agency, Unit, UnitClosure
from berakhlak.performance import rules
from berakhlak.performance.models import (
    RESULT_ORDER,
    BehaviourExpectation,
    CreditCoefficient,
    CreditRate,
    Evaluation,
    Evidence,
    Feedback,
    Finalisation,
    Indicator,
    OrgPerformance,
    PerformanceYear,
    Period,
    Realisation,
    Skp,
    SkpStatus,
    WorkResult,
)

PREDIKAT_KEYS = rules.PREDIKATS


# --- scope -----------------------------------------------------------------------------------------------

def _skp_q(scope: Scope, prefix: str = "") -> Q:
    """SKPs (or, with ``prefix``, rows pointing to one) the user may read."""
    if scope.platform_admin:
        return Q()
    q = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    if scope.hr_agency_ids:
        q |= Q(**{f"{prefix}year__agency_id__in": sorted(scope.hr_agency_ids)})
    for p in scope.head_paths:
        q |= Q(**{f"{prefix}unit__path__startswith": p})
    if scope.employee_id:
        q |= Q(**{f"{prefix}employee_id": scope.employee_id}) | Q(**{f"{prefix}rater_id": scope.employee_id})
    return q


def years_for(*, scope: Scope, agency: Agency | None = None) -> QuerySet[PerformanceYear]:
    ids = set(scope.hr_agency_ids | scope.head_agency_ids)
    if scope.employee_agency_id:
        ids.add(scope.employee_agency_id)
    qs = PerformanceYear.objects.select_related("agency")
    if not scope.platform_admin:
        qs = qs.filter(agency_id__in=sorted(ids))
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("agency__code", "-year")


def skp_list(*, scope: Scope, year: PerformanceYear | None = None, status: str = "") -> QuerySet[Skp]:
    qs = Skp.objects.filter(_skp_q(scope)).select_related("employee", "unit", "rater", "year__agency", "position")
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-year__year", "employee__name")


def skp_get(*, scope: Scope, pk: int) -> Skp:
    skp = skp_list(scope=scope).filter(pk=pk).first()
    if skp is None:
        raise Http404
    return skp


def my_skps(*, scope: Scope) -> QuerySet[Skp]:
    if not scope.employee_id:
        return Skp.objects.none()
    return skp_list(scope=scope).filter(employee_id=scope.employee_id)


def to_rate(*, scope: Scope, year: PerformanceYear | None = None) -> QuerySet[Skp]:
    """The SKPs the user rates as Pejabat Penilai Kinerja, those waiting for them first."""
    if not scope.employee_id:
        return Skp.objects.none()
    qs = skp_list(scope=scope, year=year).filter(rater_id=scope.employee_id)
    return qs


def managed_units(*, scope: Scope, agency: Agency | None = None) -> QuerySet[Unit]:
    """Units whose ratings the user leads (finalises, reads the distribution of): HR's agencies, heads'
    subtrees."""
    qs = Unit.objects.select_related("agency", "head")
    if not scope.platform_admin:
        q = Q(agency_id__in=sorted(scope.hr_agency_ids)) if scope.hr_agency_ids else Q(pk__in=[])
        for p in scope.head_paths:
            q |= Q(path__startswith=p)
        qs = qs.filter(q)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("path")


# --- one SKP, whole -----------------------------------------------------------------------------------

@dataclass
class SkpView:
    skp: Skp
    periods: list[Period]
    results: list[WorkResult]
    values: list[dict]
    realisations: dict[tuple[int, int], Realisation]
    evaluations: dict[int, Evaluation]
    feedback: list[Feedback]
    org_results: dict[int, str] = field(default_factory=dict)


def skp_view(skp: Skp) -> SkpView:
    """Everything an SKP page or document shows, in a fixed number of queries."""
    periods = list(Period.objects.filter(year_id=skp.year_id).order_by("order"))
    results = list(WorkResult.objects.filter(skp=skp).select_related("supports__skp__employee")
                   .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("id")))
                   .order_by(*RESULT_ORDER))
    expectations = {e.value_code: e for e in BehaviourExpectation.objects.filter(skp=skp)}
    values = []
    for v in CoreValue.objects.filter(version_id=skp.framework_version_id).prefetch_related("behaviours").order_by("order"):
        exp = expectations.get(v.code)
        values.append({"code": v.code, "name": v.name, "behaviours": list(v.behaviours.all()),
                       "expectation": exp.text if exp else "", "expectation_obj": exp})
    reals = {(r.indicator_id, r.period_id): r for r in Realisation.objects.filter(indicator__result__skp=skp)
             .prefetch_related("evidence")}
    evaluations = {e.period_id: e for e in Evaluation.objects.filter(employee_id=skp.employee_id,
                                                                      period__year_id=skp.year_id)
                   .select_related("rated_by")}
    feedback = list(Feedback.objects.filter(skp=skp).select_related("period", "indicator").order_by("at", "id"))
    return SkpView(skp, periods, results, values, reals, evaluations, feedback)


def evidence_get(*, scope: Scope, pk: int) -> Evidence:
    ev = (Evidence.objects.filter(pk=pk).select_related("realisation__indicator__result__skp")
          .filter(_skp_q(scope, "realisation__indicator__result__skp__")).first())
    if ev is None:
        raise Http404
    return ev


# --- distribution of a unit ----------------------------------------------------------------------------

def org_result_for(unit: Unit, period: Period) -> OrgPerformance | None:
    """The unit's capaian kinerja organisasi of the period, if set."""
    return OrgPerformance.objects.filter(unit=unit, period=period).first()


def predikat_counts(*, unit: Unit, period: Period) -> dict[str, int]:
    """Predikat of the ratings of ``period`` in ``unit`` and its whole subtree (every key present)."""
    rows = (Evaluation.objects.filter(period=period, unit__ancestor_links__ancestor=unit)
            .values("predikat").annotate(n=Count("id")).order_by())
    counts = dict.fromkeys(PREDIKAT_KEYS, 0)
    for r in rows:
        counts[r["predikat"]] = r["n"]
    return counts


@dataclass
class Distribution:
    unit: Unit
    period: Period
    org_result: str | None
    counts: dict[str, int]
    breaches: list[rules.Breach]
    rated: int
    unrated: int
    people: list[Evaluation]
    finalisation: Finalisation | None
    open_count: int


def unit_distribution(*, unit: Unit, period: Period) -> Distribution:
    org = org_result_for(unit, period)
    counts = predikat_counts(unit=unit, period=period)
    breaches = rules.distribution_breaches(org.result, counts) if org else []
    in_subtree = Q(unit__ancestor_links__ancestor=unit)
    skps = Skp.objects.filter(in_subtree, year_id=period.year_id).exclude(status__in=[SkpStatus.DRAFT,
                                                                                      SkpStatus.SUBMITTED,
                                                                                      SkpStatus.RETURNED])
    rated = sum(counts.values())
    rated_skps = Evaluation.objects.filter(in_subtree, period=period, skp__isnull=False).count()
    people = list(Evaluation.objects.filter(in_subtree, period=period).select_related("employee", "unit")
                  .order_by("predikat", "employee__name")[:500])
    return Distribution(
        unit=unit, period=period, org_result=org.result if org else None, counts=counts, breaches=breaches,
        rated=rated, unrated=max(skps.count() - rated_skps, 0), people=people,
        finalisation=Finalisation.objects.filter(unit=unit, period=period).select_related("finalised_by").first(),
        open_count=Evaluation.objects.filter(in_subtree, period=period, is_final=False).count(),
    )


# --- recaps (Gambar 2) ---------------------------------------------------------------------------------

def annual_period(agency: Agency, year: int) -> Period | None:
    return Period.objects.filter(year__agency=agency, year__year=year, code=rules.ANNUAL).first()


#: Above this many units a recap counts every unit of the period and keeps the wanted ones, rather than
#: sending their ids as query parameters (SQLite allows 32,766; the whole-agency query is as fast).
SUBTREE_IDS_MAX = 500


def _subtree_counts(period_ids: list[int], unit_ids: list[int] | None) -> dict[tuple[int, int], dict[str, int]]:
    """{(period id, ancestor unit id): {predikat: n}} of each unit with its whole subtree (``unit_ids``:
    those units only; ``None``: every unit with a rating below it).

    Two GROUP BYs, both in the database: the ratings are counted per unit, one row per unit with the
    five predikat side by side (``COUNT(*) FILTER``), then those rows are rolled up the closure table
    (one row per unit and ancestor, not per person), summing the five columns. For a few units the
    ratings are first narrowed to their subtrees (the (period, unit, predikat) index)."""
    if not period_ids or (unit_ids is not None and not unit_ids):
        return {}
    ev, cl = Evaluation._meta.db_table, UnitClosure._meta.db_table
    wanted = set(unit_ids) if unit_ids is not None else None
    narrow = unit_ids is not None and len(unit_ids) <= SUBTREE_IDS_MAX
    in_periods = ", ".join(["%s"] * len(period_ids))
    columns = ", ".join(f"COUNT(*) FILTER (WHERE predikat = %s) AS c{i}" for i in range(len(PREDIKAT_KEYS)))
    sums = ", ".join(f"SUM(p.c{i})" for i in range(len(PREDIKAT_KEYS)))
    params: list = [*PREDIKAT_KEYS, *period_ids]
    if narrow:  # the ratings of the wanted subtrees only, rolled up to the wanted units only
        in_units = ", ".join(["%s"] * len(unit_ids))
        where_units = f" AND unit_id IN (SELECT descendant_id FROM {cl} WHERE ancestor_id IN ({in_units}))"
        closure = f"(SELECT ancestor_id, descendant_id FROM {cl} WHERE ancestor_id IN ({in_units}))"
        params += [*unit_ids, *unit_ids]
    else:
        where_units, closure = "", cl
    sql = (
        f"WITH per_unit AS (SELECT period_id, unit_id, {columns} FROM {ev} "
        f"WHERE period_id IN ({in_periods}){where_units} GROUP BY period_id, unit_id) "
        f"SELECT p.period_id, c.ancestor_id, {sums} FROM per_unit p "
        f"JOIN {closure} c ON c.descendant_id = p.unit_id GROUP BY p.period_id, c.ancestor_id"
    )
    out: dict[tuple[int, int], dict[str, int]] = {}
    keys = PREDIKAT_KEYS
    with connection.cursor() as cur:
        cur.execute(sql, params)
        for period_id, unit_id, *counts in cur.fetchall():
            if wanted is None or unit_id in wanted:
                out[(period_id, unit_id)] = dict(zip(keys, map(int, counts)))
    return out


def recap(*, agency: Agency, year: int, unit: Unit | None = None, units: QuerySet[Unit] | None = None) -> dict:
    """The annual predikat of each unit with its whole subtree, in the DESIGN.md recap schema:
    ``{"agency", "year", "units": [{"unit", "employees", "predikat": {…}}]}``. ``unit`` gives that unit
    only; ``units`` (a scope-filtered queryset) limits the listed units; otherwise every unit of the
    agency, in tree order. A year without ratings gives zero counts."""
    period = annual_period(agency, year)
    listed = Unit.objects.filter(agency=agency) if units is None else units.filter(agency=agency)
    if unit is not None:
        listed = listed.filter(pk=unit.pk)
    listed = list(listed.order_by("path").values_list("id", "code"))
    counts = _subtree_counts([period.pk], [u[0] for u in listed] if unit is not None or units is not None
                             else None) if period else {}
    zero = dict.fromkeys(PREDIKAT_KEYS, 0)
    rows = []
    for unit_id, code in listed:
        c = counts.get((period.pk, unit_id)) if period else None
        c = c if c is not None else dict(zero)
        rows.append({"unit": code, "employees": sum(c.values()), "predikat": c})
    return {"agency": agency.code, "year": year, "units": rows}


def recap_units_meta(*, agency: Agency, codes: list[str]) -> dict[str, dict]:
    return {u["code"]: u for u in Unit.objects.filter(agency=agency, code__in=codes).values("id", "code", "name", "depth")}


def recap_years(*, agency: Agency, unit: Unit) -> list[dict]:
    """Year over year: the annual predikat of ``unit`` with its subtree, one row per SKP year of the agency."""
    periods = list(Period.objects.filter(year__agency=agency, code=rules.ANNUAL).select_related("year")
                   .order_by("year__year"))
    counts = _subtree_counts([p.pk for p in periods], [unit.pk])
    rows = []
    for p in periods:
        c = dict(counts.get((p.pk, unit.pk)) or dict.fromkeys(PREDIKAT_KEYS, 0))
        rows.append({"year": p.year.year, "employees": sum(c.values()), "predikat": c})
    return rows


def status_counts(*, agency: Agency, year: int, unit: Unit) -> list[tuple[str, str, int]]:
    """How many SKPs of ``year`` in ``unit`` and its subtree are in each workflow state (one GROUP BY)."""
    rows = dict(Skp.objects.filter(year__agency=agency, year__year=year, unit__ancestor_links__ancestor=unit)
                .values_list("status").annotate(n=Count("id")).order_by())
    return [(code, label, rows.get(code, 0)) for code, label in SkpStatus.choices]


# --- angka kredit ----------------------------------------------------------------------------------------

def credit_tables(on) -> tuple[dict[str, int], dict[str, Decimal]]:
    """The angka kredit percentages and coefficients in force on a date (dated, configurable tables)."""
    percents = rules.credit_in_force(list(CreditRate.objects.values_list("effective_from", "predikat", "percent")), on)
    coefficients = rules.credit_in_force(
        list(CreditCoefficient.objects.values_list("effective_from", "jenjang", "coefficient")), on)
    return percents, coefficients


def angka_kredit_for(evaluation: Evaluation, position) -> dict | None:
    """The angka kredit an annual predikat earns a functional position, or ``None`` (not functional, not
    annual, or no jenjang recognised in the position's name)."""
    if position is None or position.kind != "FUNGSIONAL" or not evaluation.period.is_annual:
        return None
    percents, coefficients = credit_tables(evaluation.period.ends_on)
    jenjang = rules.jenjang_of(position.name, tuple(coefficients))
    if jenjang is None or evaluation.predikat not in percents:
        return None
    coefficient = Decimal(coefficients[jenjang])
    return {"jenjang": jenjang, "coefficient": coefficient, "percent": percents[evaluation.predikat],
            "value": rules.angka_kredit(evaluation.predikat, coefficient, percents)}
