"""Reads of the culture survey, each within the caller's data scope.

- HR of an agency (and the platform admin) manage its waves and see every result;
- a unit head sees the results and the response rate of their subtree;
- a change agent sees the results of their agency (aggregates only, suppressed as for everyone);
- an employee sees their own invitations.

Results are read from the result tables only; suppressed units carry no numbers there, so no
selector can leak them.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from berakhlak.accounts.scope import Scope
from berakhlak.analytics.bands import DEFAULT_BANDS, band_for
from berakhlak.analytics.likert import VALUE_CODES, display
from berakhlak.analytics.suppression import subtree_totals, suppress
from berakhlak.analytics.trends import biggest_improvement, change
from berakhlak.org.models import Agency, Unit
from berakhlak.surveys import rules
from berakhlak.surveys.models import (
    BallotUnit,
    Comment,
    Instrument,
    Metric,
    MetricResult,
    Response,
    Spent,
    UnitResult,
    Wave,
    WaveMember,
    WaveResult,
    WaveStatus,
)


def _wave_q(scope: Scope) -> Q:
    if scope.platform_admin:
        return Q()
    agencies = scope.hr_agency_ids | scope.agent_agency_ids | scope.head_agency_ids
    return Q(agency_id__in=sorted(agencies))


def wave_list(*, scope: Scope, agency: Agency | None = None) -> QuerySet[Wave]:
    qs = Wave.objects.filter(_wave_q(scope)).select_related("agency", "instrument", "result")
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("agency__code", "-opens_on", "-code")


def wave_get(*, scope: Scope, pk: int) -> Wave:
    wave = wave_list(scope=scope).filter(pk=pk).first()
    if wave is None:
        raise Http404
    return wave


def instrument_list(*, scope: Scope) -> QuerySet[Instrument]:
    q = Q(agency__isnull=True)
    if scope.platform_admin:
        q = Q()
    elif scope.hr_agency_ids:
        q |= Q(agency_id__in=sorted(scope.hr_agency_ids))
    return Instrument.objects.filter(q).select_related("agency").annotate(n_items=Count("items"))


def instrument_get(*, scope: Scope, pk: int) -> Instrument:
    instrument = instrument_list(scope=scope).filter(pk=pk).first()
    if instrument is None:
        raise Http404
    return instrument


def instrument_pages(instrument: Instrument, *, texts: bool = True) -> list:
    """The pages of the answering form of ``instrument`` (``rules.pages_for``), in one query; without
    ``texts`` only codes and sections are read (enough for the completeness check of a submission)."""
    fields = ("code", "section", "value_code", *(("text_id", "text_en") if texts else ()))
    items = [rules.PageItem(*row, *(() if texts else ("", ""))) for row in instrument.items.values_list(*fields)]
    return rules.pages_for(instrument.kind, items, include_comment=instrument.include_comment)


def invitations_open_for(*, scope: Scope) -> QuerySet[WaveMember]:
    """The signed-in employee's own invitations to open waves."""
    if not scope.employee_id:
        return WaveMember.objects.none()
    return (WaveMember.objects.filter(employee_id=scope.employee_id, wave__status=WaveStatus.OPEN)
            .select_related("wave", "wave__agency").order_by("wave__closes_on"))


def my_invitations(*, scope: Scope) -> list[dict]:
    """The signed-in employee's own invitations to open waves, each with whether it has been answered:
    computed with the secret for this person only, shown only to them. Members without e-mail have no
    personal link (``ballot``): they answer with a ballot slip of their unit, so nobody answers twice."""
    from berakhlak.surveys.invitations import member_spent_key

    members = list(invitations_open_for(scope=scope))
    keys = {member_spent_key(m.wave_id, m.pk): m for m in members}
    spent = set(Spent.objects.filter(key__in=list(keys)).values_list("key", flat=True)) if keys else set()
    return [{"member": m, "wave": m.wave, "answered": k in spent, "ballot": not m.has_email} for k, m in keys.items()]


def ballot_units(*, wave: Wave) -> QuerySet:
    """The units of a wave that have members without e-mail, with how many slips each gets."""
    return (BallotUnit.objects.filter(wave=wave).select_related("unit").order_by("unit__path"))


def result_units(*, scope: Scope, wave: Wave) -> QuerySet[Unit]:
    """Units of the wave's agency whose results the user may see."""
    if not (scope.platform_admin or wave.agency_id in (scope.hr_agency_ids | scope.agent_agency_ids)):
        q = Q(pk__in=[])
        for p in scope.head_paths:
            q |= Q(path__startswith=p)
    else:
        q = Q()
    return Unit.objects.filter(q, agency_id=wave.agency_id)


# --- response rate while open -------------------------------------------------------------------

def response_rate(*, scope: Scope, wave: Wave, parent: Unit | None = None) -> list[dict]:
    """Invited and answered per unit (with its subtree) of the population snapshot, for the units
    directly under ``parent`` (the root when ``None``) plus ``parent`` itself. The answers are counted
    where they are recorded (``WaveMember.record_unit``): those of a unit smaller than ``min_group`` count
    in its nearest ancestor that is not, so such a unit always shows "—".

    Counts of answered people follow the suppression rule (DESIGN.md: while a wave is open, response
    counts of units below ``min_group`` are hidden too), computed over the whole tree."""
    units = list(Unit.objects.filter(agency_id=wave.agency_id).values_list("id", "parent_id"))
    tree = dict(units)
    # the invited in their own unit; the answers counted from the responses themselves, where they are
    # recorded (nobody's own state is read: there is none)
    direct_invited = dict.fromkeys(tree, 0)
    direct_invited.update(WaveMember.objects.filter(wave=wave).values("unit_id").annotate(n=Count("id"))
                          .values_list("unit_id", "n"))
    direct_answered = dict.fromkeys(tree, 0)
    direct_answered.update(Response.objects.filter(wave=wave).values("unit_id").annotate(n=Count("id"))
                           .values_list("unit_id", "n"))
    hidden = suppress(tree, direct_answered, wave.min_group)
    invited_total = subtree_totals(tree, direct_invited)
    visible_ids = set(result_units(scope=scope, wave=wave).values_list("id", flat=True))
    if parent is None:  # the top of what the user may see: the root, or a unit head's own unit
        top = result_units(scope=scope, wave=wave).order_by("depth", "path").values_list("id", flat=True).first()
        focus = top
    else:
        focus = parent.pk
    if focus is None or focus not in visible_ids:
        return []
    ids = [focus] + [u for u, p in tree.items() if p == focus and u in visible_ids]
    names = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    with_children = set(tree.values())
    rows = []
    for u in ids:
        shown = u in hidden.visible
        answered = hidden.totals[u] if shown else None
        invited = invited_total[u]
        rows.append({"unit": names[u], "is_focus": u == focus, "invited": invited, "answered": answered,
                     "rate": round(100 * answered / invited, 1) if shown and invited else None,
                     "has_children": u in with_children})
    focus_row, children = rows[0], sorted(rows[1:], key=lambda r: r["unit"].code)
    return [focus_row, *children]


# --- results -------------------------------------------------------------------------------------

def _entry(code: str, result: UnitResult | None, values: dict) -> dict:
    if result is None or result.suppressed:
        return {"unit": code, "respondents": None, "suppressed": True, "values": dict.fromkeys(VALUE_CODES),
                "overall": None, "categories": dict.fromkeys(VALUE_CODES), "overall_category": None}
    return {
        "unit": code, "respondents": result.respondents, "suppressed": False,
        "values": {v: display(values.get(v)) for v in VALUE_CODES},
        "overall": display(result.overall),
        "categories": {v: _band(values.get(v)) for v in VALUE_CODES},
        "overall_category": _band(result.overall),
    }


def _band(x: float | None) -> str | None:
    band = band_for(x, DEFAULT_BANDS)
    return band.code if band else None


def _stored(wave_ids, unit_ids) -> tuple[dict, dict]:
    """The stored results of these waves and units in two queries: ``UnitResult`` and the unrounded
    value indices, each keyed by ``(wave_id, unit_id)`` (values: a ``defaultdict``, empty when none)."""
    results = {(r.wave_id, r.unit_id): r
               for r in UnitResult.objects.filter(wave_id__in=wave_ids, unit_id__in=unit_ids)}
    values: dict[tuple, dict] = defaultdict(dict)
    for wave_id, unit_id, code, value in MetricResult.objects.filter(
            wave_id__in=wave_ids, unit_id__in=unit_ids, metric=Metric.VALUE).values_list("wave_id", "unit_id", "code", "value"):
        values[(wave_id, unit_id)][code] = value
    return results, values


def entries(*, wave: Wave, units) -> dict[int, dict]:
    """Index-JSON entries of ``units`` (objects with ``pk`` and ``code``) in ``wave``, by unit id."""
    results, values = _stored([wave.pk], [u.pk for u in units])
    return {u.pk: _entry(u.code, results.get((wave.pk, u.pk)), values[(wave.pk, u.pk)]) for u in units}


def index_json(*, wave: Wave, unit_code: str | None = None, units: QuerySet[Unit] | None = None) -> dict:
    """The index of a computed wave in the DESIGN.md "Index JSON" schema: every unit of the agency (in
    ``units`` when given), or one."""
    result = WaveResult.objects.filter(wave=wave).first()
    if result is None:
        raise LookupError(f"indeks gelombang {wave.code} belum dihitung / the index of wave {wave.code} "
                          f"has not been computed (berakhlak index compute --wave {wave.code})")
    qs = units if units is not None else Unit.objects.filter(agency_id=wave.agency_id)
    if unit_code:
        qs = qs.filter(code=unit_code)
        if not qs.exists():
            raise LookupError(f"unit {unit_code} tidak ada / unknown unit {unit_code}")
    listed = list(qs.order_by("code").only("id", "code"))
    by_id = entries(wave=wave, units=listed)
    return {"wave": wave.code, "scale": [result.scale_min, result.scale_max], "min_group": result.min_group,
            "units": [by_id[u.pk] for u in listed]}


def unit_metrics(*, wave: Wave, unit: Unit) -> dict[str, dict[str, tuple[float | None, int | None]]]:
    """Every stored number of a unit in a wave: ``{metric: {code: (value, count)}}``."""
    out: dict[str, dict] = defaultdict(dict)
    for metric, code, value, count in MetricResult.objects.filter(wave=wave, unit=unit) \
            .values_list("metric", "code", "value", "count"):
        out[metric][code] = (value, count)
    return out


def previous_waves(waves: list[Wave]) -> dict[int, Wave | None]:
    """For each wave, its agency's latest computed wave of the same instrument kind opened before it
    (one query for all)."""
    earlier: dict[tuple, list[Wave]] = defaultdict(list)  # (agency, kind) -> computed waves, oldest first
    for e in (Wave.objects.filter(agency_id__in={w.agency_id for w in waves}, result__isnull=False)
              .select_related("instrument").order_by("opens_on")):
        earlier[(e.agency_id, e.instrument.kind)].append(e)
    out = {}
    for w in waves:
        before = [e for e in earlier[(w.agency_id, w.instrument.kind)] if e.opens_on < w.opens_on]
        out[w.pk] = before[-1] if before else None
    return out


def previous_wave(wave: Wave) -> Wave | None:
    """The agency's latest computed wave of the same instrument kind before this one."""
    return previous_waves([wave])[wave.pk]


def trend(*, wave: Wave, unit: Unit) -> list[dict]:
    """The unit's indices over the agency's computed waves of the same kind, oldest first, up to this one."""
    waves = list(Wave.objects.filter(agency_id=wave.agency_id, instrument__kind=wave.instrument.kind,
                                     opens_on__lte=wave.opens_on, result__isnull=False).order_by("opens_on"))
    results, values = _stored([w.pk for w in waves], [unit.pk])
    out = []
    for w in waves:
        entry = _entry(unit.code, results.get((w.pk, unit.pk)), values[(w.pk, unit.pk)])
        out.append({"wave": w.code, "values": entry["values"], "overall": entry["overall"],
                    "suppressed": entry["suppressed"]})
    return out


def comments(*, wave: Wave, unit: Unit) -> list[str]:
    """Comments of a unit's subtree, only where its group reaches the comment threshold."""
    result = UnitResult.objects.filter(wave=wave, unit=unit, comments_visible=True).first()
    if result is None:
        return []
    return list(Comment.objects.filter(wave=wave, unit__path__startswith=unit.path)
                .order_by("submitted_on", "text").values_list("text", flat=True)[:500])


def national_result(*, code: str, scope: Scope | None = None) -> dict:
    """Every agency's wave ``code`` that has been computed, and the national index: the mean of the
    agency indices of agencies whose root group is shown (at least the minimum respondents), each
    agency weighing the same (the official method, REGULATIONS.md §2). Each agency's change against
    its own previous wave and the biggest improvements follow ``analytics.trends``."""
    from berakhlak.analytics.culture_index import national_index

    waves = Wave.objects.filter(code=code, result__isnull=False).select_related("agency", "instrument")
    if scope is not None:
        waves = waves.filter(_wave_q(scope))
    waves = list(waves.order_by("agency__code"))
    roots = {u.agency_id: u.pk for u in Unit.objects.filter(agency_id__in=[w.agency_id for w in waves],
                                                            parent__isnull=True)}
    previous = previous_waves(waves)
    results, values = _stored([w.pk for w in waves] + [p.pk for p in previous.values() if p], list(roots.values()))

    def agency_entry(w: Wave | None, agency_code: str) -> dict | None:
        if w is None:
            return None
        key = (w.pk, roots.get(w.agency_id))
        return _entry(agency_code, results.get(key), values[key])

    agencies, kept = [], []
    now, before = [], []
    for w in waves:
        entry = agency_entry(w, w.agency.code)
        prev = previous[w.pk]
        agencies.append({"agency": w.agency.code, "name": w.agency.name, "respondents": entry["respondents"],
                         "values": entry["values"], "overall": entry["overall"],
                         "categories": entry["categories"], "overall_category": entry["overall_category"],
                         "previous_wave": prev.code if prev else None})
        now.append(entry)
        if prev is not None:
            before.append(agency_entry(prev, w.agency.code))
        raw = values[(w.pk, roots.get(w.agency_id))]
        if not entry["suppressed"] and len(raw) == len(VALUE_CODES):
            kept.append((entry["respondents"], raw))
    national = national_index(kept, min_group=1)
    changes = {c["unit"]: c for c in change(now, before)}
    for a in agencies:
        a["change"] = changes[a["agency"]]["overall"]
    by_code = {a["agency"]: a for a in agencies}
    return {"wave": code, "agencies": agencies, "improvement": [
        {"agency": c["unit"], "name": by_code[c["unit"]]["name"], "change": c["overall"],
         "previous_wave": by_code[c["unit"]]["previous_wave"]}
        for c in biggest_improvement(changes.values(), limit=10)],
            "national": {"agencies": national["agencies"],
                         "values": {v: display(x) for v, x in national["values"].items()},
                         "overall": display(national["overall"]),
                         "categories": {v: _band(x) for v, x in national["values"].items()},
                         "overall_category": _band(national["overall"])}}
