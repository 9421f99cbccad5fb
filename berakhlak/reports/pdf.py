"""The PDF report of a wave (WeasyPrint, from the template ``reports/wave_report.html``).

A4, Bahasa Indonesia: a title page, the summary with the values chart, child units (heatmap and table),
behaviours, trend, reliability and the method notes; page numbers in the footer. Charts are embedded as
SVG data URIs (vector, and their text stays searchable). Rendering fetches nothing: the only URLs allowed
are ``data:`` ones and the fonts are the machine's (DejaVu Sans on Debian).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

from django.template.loader import render_to_string
from django.utils import translation

from berakhlak.reports import charts
from berakhlak.reports.common import (
    DASH,
    OVERALL_LABEL,
    VALUE_CODES,
    band_colour,
    band_of,
    band_range_text,
    band_text,
    band_tint,
    bands_of,
    date_text,
    fmt,
    fmt_int,
    fmt_signed,
    html_to_pdf,
    method_notes,
    period_text,
    scale_text,
    status_text,
    suppression_text,
    value_name,
)

__all__ = ["wave_pdf", "wave_report_html", "TEMPLATE", "HEATMAP_ROWS_PER_FIGURE"]

TEMPLATE = "reports/wave_report.html"
#: A heatmap taller than a page cannot be split by the PDF engine: long unit lists get one figure per chunk.
HEATMAP_ROWS_PER_FIGURE = 28


def wave_pdf(report: Mapping) -> bytes:
    """The PDF of one wave report, as bytes."""
    return html_to_pdf(wave_report_html(report))


def wave_report_html(report: Mapping) -> str:
    """The HTML the PDF is printed from (also handy to preview the report in a browser)."""
    with translation.override("id"):
        return render_to_string(TEMPLATE, report_context(report))


def _svg_uri(spec: Mapping) -> str:
    svg = charts.render_svg(spec)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _figure(spec: Mapping, alt: str) -> dict:
    """An embedded chart. The chart's own title is dropped: the report's heading and caption say it."""
    spec = {k: v for k, v in spec.items() if k != "title"}
    return {"src": _svg_uri(spec), "alt": alt}


def _cell(index: float | None, category: str | None, bands: list[dict]) -> dict:
    band = next((b for b in bands if b["code"] == category), None) if category else band_of(index, bands)
    code = band["code"] if band and index is not None else None
    return {"text": fmt(index), "band": code or "", "tint": band_tint(code, bands) if code else "transparent",
            "colour": band_colour(code, bands) if code else "#999999", "label": band["label"] if code else ""}


def report_context(report: Mapping) -> dict:
    """The template context: every number already formatted ("57,9", "2.341", "—")."""
    bands = bands_of(report)
    agency = report.get("agency") or {}
    wave = report.get("wave") or {}
    unit = report.get("unit") or {}
    summary = report.get("summary") or {}
    response = report.get("response") or {}
    hidden = bool(summary.get("suppressed"))
    values = summary.get("values") or {}
    categories = summary.get("categories") or {}

    value_rows = [{"code": code, "name": value_name(code, report),
                   **_cell(values.get(code), categories.get(code), bands)} for code in VALUE_CODES]
    overall = _cell(summary.get("overall"), summary.get("overall_category"), bands)
    extras = []
    for key, label in (("engagement", "Indeks engagement"), ("branding", "Indeks branding")):
        extra = report.get(key)
        if extra:
            extras.append({"name": label, **_cell(extra.get("index"), extra.get("category"), bands)})

    children = list(report.get("children") or [])
    child_rows = []
    for child in children:
        child_values = child.get("values") or {}
        child_cats = child.get("categories") or {}
        child_rows.append({
            "code": child.get("unit") or "", "name": child.get("name") or child.get("unit") or "",
            "suppressed": bool(child.get("suppressed")), "respondents": fmt_int(child.get("respondents")),
            "cells": [_cell(child_values.get(c), child_cats.get(c), bands) for c in VALUE_CODES],
            "overall": _cell(child.get("overall"), child.get("overall_category"), bands),
        })
    heatmaps = []
    for start in range(0, len(children), HEATMAP_ROWS_PER_FIGURE):
        chunk = children[start:start + HEATMAP_ROWS_PER_FIGURE]
        heatmaps.append(_figure(charts.heatmap_chart({**report, "children": chunk}),
                                f"Peta warna indeks unit {start + 1}–{start + len(chunk)}"))

    behaviours = report.get("behaviours") or {}
    behaviour_rows = []
    for group, key in (("Terkuat", "strongest"), ("Terlemah", "weakest")):
        for rank, b in enumerate(behaviours.get(key) or [], start=1):
            value = str(b.get("value") or str(b.get("code") or "")[:2])
            behaviour_rows.append({"group": group, "rank": rank, "code": b.get("code") or "",
                                   "value": value_name(value, report), "behaviour": b.get("text") or "",
                                   **_cell(b.get("index"), None, bands)})

    trend_rows = []
    previous = None
    for t in report.get("trend") or []:
        t_values = t.get("values") or {}
        change = None if previous is None or t.get("overall") is None else t["overall"] - previous
        trend_rows.append({"wave": t.get("wave"), "cells": [_cell(t_values.get(c), None, bands) for c in VALUE_CODES],
                           "overall": _cell(t.get("overall"), None, bands), "change": fmt_signed(change)})
        previous = t.get("overall") if t.get("overall") is not None else previous

    reliability_rows = []
    for item in report.get("reliability") or []:
        code = str(item.get("value") or "")
        item_total = item.get("item_total") or {}
        items = sorted(item_total) or [f"{code}{i}" for i in (1, 2, 3)]
        reliability_rows.append({
            "code": code, "name": value_name(code, report), "alpha": fmt(item.get("alpha"), 2),
            "items": [{"code": i, "r": fmt(item_total.get(i), 2)} for i in items[:3]],
            "note": "" if item.get("alpha") is not None else "tidak dihitung (< 30 responden lengkap)",
        })

    trend_waves = [str(t.get("wave")) for t in report.get("trend") or []]
    has_trend = any(t.get("overall") is not None for t in report.get("trend") or [])
    return {
        "title": f"Laporan {OVERALL_LABEL}",
        "agency": agency, "wave": wave, "unit": unit,
        "unit_is_agency": (unit.get("name") or "") == (agency.get("name") or ""),
        "period": period_text(wave), "status": status_text(wave.get("status")), "scale": scale_text(report),
        "generated_on": date_text(report.get("generated_on")),
        "generated_iso": report.get("generated_on") or "",
        "footer": " · ".join(p for p in (OVERALL_LABEL, agency.get("code"), f"Survei {wave.get('code', '')}",
                                         unit.get("code") if unit.get("code") != "ROOT" else None) if p),
        "hidden": hidden, "suppression_text": suppression_text(report),
        "respondents": fmt_int(summary.get("respondents")),
        "invited": fmt_int(response.get("invited")),
        "responded": fmt_int(response.get("responded")),
        "rate": f"{fmt(response.get('rate'))} %" if response.get("rate") is not None else DASH,
        "overall": overall, "overall_label": OVERALL_LABEL,
        "value_rows": value_rows, "extras": extras,
        "values_figure": None if hidden else _figure(charts.values_chart(report), f"{OVERALL_LABEL} per nilai"),
        "child_rows": child_rows, "heatmaps": heatmaps, "value_codes": VALUE_CODES,
        "behaviours_figure": _figure(charts.behaviours_chart(report), "Perilaku terkuat dan terlemah")
        if behaviour_rows else None,
        "behaviour_rows": behaviour_rows,
        "trend_figure": _figure(charts.trend_chart(report), f"Tren {OVERALL_LABEL}") if has_trend else None,
        "trend_rows": trend_rows, "trend_waves": trend_waves,
        "reliability_rows": reliability_rows,
        "bands": [{"code": b["code"], "label": b["label"], "range": band_range_text(b, bands),
                   "text": band_text(b, bands), "tint": band_tint(b["code"], bands),
                   "colour": band_colour(b["code"], bands)} for b in bands],
        "notes": method_notes(report),
        "dash": DASH,
    }
