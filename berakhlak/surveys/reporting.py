"""The "wave report" of one unit: plain data read from the result tables, shared by the dashboard,
the XLSX and the PDF exports (``berakhlak.reports``). Only units in the caller's scope (``units``)
appear, and suppressed units carry no numbers (the result tables hold none for them)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from berakhlak.analytics.bands import DEFAULT_BANDS
from berakhlak.analytics.likert import VALUE_CODES, display
from berakhlak.framework.selectors import framework_for_agency
from berakhlak.org.models import Unit
from berakhlak.surveys.models import Item, Metric, MetricResult, UnitResult, Wave, WaveMember
from berakhlak.surveys.selectors import _band, _entry, previous_wave, trend


def _value_names(wave: Wave) -> dict[str, str]:
    version = framework_for_agency(agency=wave.agency)
    names = {v.code: v.name for v in version.values.all()} if version else {}
    return {v: names.get(v, v) for v in VALUE_CODES}


def _entries(wave: Wave, units: list[Unit]) -> dict[int, dict]:
    ids = [u.pk for u in units]
    results = {r.unit_id: r for r in UnitResult.objects.filter(wave=wave, unit_id__in=ids)}
    values: dict[int, dict] = defaultdict(dict)
    for unit_id, code, value in MetricResult.objects.filter(wave=wave, unit_id__in=ids, metric=Metric.VALUE) \
            .values_list("unit_id", "code", "value"):
        values[unit_id][code] = value
    out = {}
    for u in units:
        entry = _entry(u.code, results.get(u.pk), values[u.pk])
        entry["name"] = u.name
        entry["id"] = u.pk
        entry["raw"] = values[u.pk]
        entry["raw_overall"] = results[u.pk].overall if u.pk in results else None
        out[u.pk] = entry
    return out


def _change(now: dict, before: dict | None) -> dict | None:
    if before is None or now["suppressed"] or before["suppressed"]:
        return None
    return {"values": {v: display(now["raw"][v] - before["raw"][v])
                       if now["raw"].get(v) is not None and before["raw"].get(v) is not None else None
                       for v in VALUE_CODES},
            "overall": display(now["raw_overall"] - before["raw_overall"])
            if now["raw_overall"] is not None and before["raw_overall"] is not None else None}


def wave_report(*, wave: Wave, unit: Unit, units: QuerySet[Unit]) -> dict:
    children = list(units.filter(parent=unit).order_by("code"))
    entries = _entries(wave, [unit, *children])
    summary = entries[unit.pk]
    metrics: dict[str, dict] = defaultdict(dict)
    for metric, code, value, count in MetricResult.objects.filter(wave=wave, unit=unit) \
            .values_list("metric", "code", "value", "count"):
        metrics[metric][code] = (value, count)
    texts = dict(Item.objects.filter(instrument_id=wave.instrument_id).values_list("code", "text_id"))
    ranked = sorted(((code, v) for code, (v, _) in metrics.get(Metric.BEHAVIOUR, {}).items() if v is not None),
                    key=lambda kv: (-kv[1], kv[0]))
    behaviour = [{"code": c, "value": c[:2], "text": texts.get(c, c), "index": display(v)} for c, v in ranked]
    reliability = []
    for v in VALUE_CODES:
        alpha = metrics.get(Metric.ALPHA, {}).get(v)
        if alpha is None:
            continue
        reliability.append({"value": v, "alpha": None if alpha[0] is None else round(alpha[0], 3), "n": alpha[1],
                            "item_total": {f"{v}{i}": (None if metrics.get(Metric.ITEM_TOTAL, {}).get(f"{v}{i}", (None,))[0] is None
                                                       else round(metrics[Metric.ITEM_TOTAL][f"{v}{i}"][0], 3))
                                           for i in (1, 2, 3)}})
    members = WaveMember.objects.filter(wave=wave, unit__path__startswith=unit.path).aggregate(
        invited=Count("id"), answered=Count("id", filter=Q(answered=True)))
    invited = members["invited"] or None
    responded = summary["respondents"]
    dims = metrics.get(Metric.DIMENSION, {})

    def dimension(code):
        if code not in dims or dims[code][0] is None:
            return None
        return {"index": display(dims[code][0]), "category": _band(dims[code][0])}

    extra_values = dict(Item.objects.filter(instrument_id=wave.instrument_id, section="EXTRA")
                        .values_list("code", "value_code"))
    extra = [{"code": code, "text": texts.get(code, code), "value": extra_values[code], "index": display(v)}
             for code, (v, _) in sorted(metrics.get(Metric.ITEM, {}).items()) if code in extra_values]
    prev = previous_wave(wave)
    change, improvement = None, []
    if prev is not None:
        before = _entries(prev, [unit, *children])
        change = _change(summary, before[unit.pk])
        for c in children:
            delta = _change(entries[c.pk], before[c.pk])
            if delta and delta["overall"] is not None:
                improvement.append({"unit": c.code, "name": c.name, "change": delta["overall"],
                                    "overall": entries[c.pk]["overall"]})
        improvement.sort(key=lambda r: (-r["change"], r["unit"]))
    return {
        "agency": {"code": wave.agency.code, "name": wave.agency.name},
        "wave": {"code": wave.code, "title": wave.title, "scale": list(wave.scale), "min_group": wave.min_group,
                 "opens_on": wave.opens_on.isoformat(), "closes_on": wave.closes_on.isoformat(), "status": wave.status},
        "unit": {"code": unit.code, "name": unit.name, "id": unit.pk},
        "generated_on": timezone.localdate().isoformat(),
        "value_names": _value_names(wave),
        "summary": _public(summary),
        "children": [_public(entries[c.pk]) for c in children],
        "behaviours": {"strongest": behaviour[:3], "weakest": list(reversed(behaviour[-3:])) if behaviour else [],
                       "all": behaviour},
        "reliability": reliability,
        "trend": [t for t in trend(wave=wave, unit=unit)],
        "response": {"invited": invited, "responded": responded,
                     "rate": round(100 * responded / invited, 1) if invited and responded is not None else None},
        "engagement": dimension("EE"),
        "branding": dimension("EB"),
        "extra_items": extra,
        "change": change,
        "previous_wave": prev.code if prev else None,
        "improvement": improvement,
        "bands": [{"code": b.code, "label": b.label_id, "min": b.lower} for b in DEFAULT_BANDS],
    }


def _public(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k not in ("raw", "raw_overall")}


def charts_svg(report: dict) -> dict[str, str]:
    """Inline SVG charts of the dashboard (same Vega-Lite definitions as the PDF)."""
    from berakhlak.reports import charts

    out = {"values": charts.render_svg(charts.values_chart(report))}
    if report["children"]:
        out["heatmap"] = charts.render_svg(charts.heatmap_chart(report))
    if len(report["trend"]) > 1:
        out["trend"] = charts.render_svg(charts.trend_chart(report))
    if report["behaviours"]["strongest"]:
        out["behaviours"] = charts.render_svg(charts.behaviours_chart(report))
    return out
