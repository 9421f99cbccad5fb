"""The "wave report" of one unit: plain data read from the result tables, shared by the dashboard,
the XLSX and the PDF exports (``berakhlak.reports``). Only units in the caller's scope (``units``)
appear, and suppressed units carry no numbers (the result tables hold none for them)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from berakhlak.analytics.bands import DEFAULT_BANDS
from berakhlak.analytics.culture_index import rank_behaviours
from berakhlak.analytics.likert import VALUE_CODES, display
from berakhlak.analytics.trends import biggest_improvement, change
from berakhlak.framework.selectors import framework_for_agency
from berakhlak.org.models import Unit
from berakhlak.surveys.models import Item, Metric, Wave, WaveMember
from berakhlak.surveys.selectors import _band, entries, previous_wave, trend, unit_metrics


def _value_names(wave: Wave) -> dict[str, str]:
    version = framework_for_agency(agency=wave.agency)
    names = {v.code: v.name for v in version.values.all()} if version else {}
    return {v: names.get(v, v) for v in VALUE_CODES}


def wave_report(*, wave: Wave, unit: Unit, units: QuerySet[Unit]) -> dict:
    children = list(units.filter(parent=unit).order_by("code"))
    now = entries(wave=wave, units=[unit, *children])
    summary = now[unit.pk]
    metrics = unit_metrics(wave=wave, unit=unit)
    items = {code: (text, section, value) for code, text, section, value in
             Item.objects.filter(instrument_id=wave.instrument_id).values_list("code", "text_id", "section", "value_code")}
    ranked = rank_behaviours({code: v for code, (v, _) in metrics.get(Metric.BEHAVIOUR, {}).items()})
    behaviours = {side: [{**b, "text": items.get(b["code"], (b["code"],))[0], "index": display(b["index"])}
                         for b in ranked[side]] for side in ranked}
    alphas, item_totals = metrics.get(Metric.ALPHA, {}), metrics.get(Metric.ITEM_TOTAL, {})
    reliability = [{"value": v, "alpha": _round3(alphas[v][0]), "n": alphas[v][1],
                    "item_total": {f"{v}{i}": _round3(item_totals.get(f"{v}{i}", (None,))[0]) for i in (1, 2, 3)}}
                   for v in VALUE_CODES if v in alphas]
    invited = WaveMember.objects.filter(wave=wave, record_unit__path__startswith=unit.path).count() or None
    responded = summary["respondents"]
    dims = metrics.get(Metric.DIMENSION, {})

    def dimension(code):
        if code not in dims or dims[code][0] is None:
            return None
        return {"index": display(dims[code][0]), "category": _band(dims[code][0])}

    extra = [{"code": code, "text": items[code][0], "value": items[code][2], "index": display(v)}
             for code, (v, _) in sorted(metrics.get(Metric.ITEM, {}).items())
             if code in items and items[code][1] == "EXTRA"]
    prev = previous_wave(wave)
    unit_change, improvement = None, []
    if prev is not None:
        changes = {c["unit"]: c for c in change(list(now.values()),
                                                list(entries(wave=prev, units=[unit, *children]).values()))}
        if changes[unit.code]["overall"] is not None:
            unit_change = changes[unit.code]
        names = {c.code: c for c in children}
        improvement = [{"unit": c["unit"], "name": names[c["unit"]].name, "change": c["overall"],
                        "overall": now[names[c["unit"]].pk]["overall"]}
                       for c in biggest_improvement([changes[c.code] for c in children], limit=len(children))]
    return {
        "agency": {"code": wave.agency.code, "name": wave.agency.name},
        "wave": {"code": wave.code, "title": wave.title, "scale": list(wave.scale), "min_group": wave.min_group,
                 "opens_on": wave.opens_on.isoformat(), "closes_on": wave.closes_on.isoformat(), "status": wave.status},
        "unit": {"code": unit.code, "name": unit.name, "id": unit.pk},
        "generated_on": timezone.localdate().isoformat(),
        "value_names": _value_names(wave),
        "summary": summary,
        "children": [{**now[c.pk], "name": c.name, "id": c.pk} for c in children],
        "behaviours": behaviours,
        "reliability": reliability,
        "trend": trend(wave=wave, unit=unit),
        "response": {"invited": invited, "responded": responded,
                     "rate": round(100 * responded / invited, 1) if invited and responded is not None else None},
        "engagement": dimension("EE"),
        "branding": dimension("EB"),
        "extra_items": extra,
        "change": unit_change,
        "previous_wave": prev.code if prev else None,
        "improvement": improvement,
        "bands": [{"code": b.code, "label": b.label_id, "min": b.lower} for b in DEFAULT_BANDS],
    }


def _round3(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


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
