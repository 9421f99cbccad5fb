"""Charts of employees' predikat kinerja (SKP) as Vega-Lite specs built with Altair, rendered like the
culture charts (``charts.render_svg`` / ``charts.render_png``, the same fonts and configuration).

- ``predikat_chart``: one bar per predikat, best first, the count on each bar: the study's "Gambar 2.
  Rekapitulasi Kinerja pegawai ASN" (BKN 2023: 445 Sangat Baik, 1.896 Baik, few in the lower three);
- ``predikat_units_chart``: one stacked horizontal bar per unit, the shares of each predikat;
- ``predikat_years_chart``: the counts per predikat grouped by year.

Each builder takes plain data, returns a Vega-Lite dict with inline data and a ``description`` (the
accessible text of the SVG), and copes with zero counts, no units and no years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt

from berakhlak.performance.rules import PREDIKATS
from berakhlak.reports.charts import MUTED, TEXT, _configure, _shorten, _title, render_png, render_svg
from berakhlak.reports.common import fmt, fmt_int

__all__ = ["predikat_chart", "predikat_units_chart", "predikat_years_chart", "PREDIKAT_COLOURS", "LABELS",
           "render_svg", "render_png"]

LABELS: Mapping[str, str] = {
    "SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG": "Kurang",
    "SANGAT_KURANG": "Sangat Kurang",
}
#: Best to worst: blue and bluish green, then orange, vermilion and a dark red (Okabe–Ito based; every
#: chart also prints the predikat's name, so colour is never the only cue).
PREDIKAT_COLOURS: Mapping[str, str] = {
    "SANGAT_BAIK": "#0072B2", "BAIK": "#009E73", "BUTUH_PERBAIKAN": "#E69F00", "KURANG": "#D55E00",
    "SANGAT_KURANG": "#8E2C1D",
}
_ORDER = [LABELS[p] for p in PREDIKATS]
_COLOUR_SCALE = alt.Scale(domain=_ORDER, range=[PREDIKAT_COLOURS[p] for p in PREDIKATS])
ZWSP, EMSP = "\u200b", "\u2003"


def _counts(row: Mapping | None) -> dict[str, int]:
    row = row or {}
    given = row.get("predikat") or row.get("counts") or row
    return {p: int(given.get(p, 0) or 0) for p in PREDIKATS}


def _pct(n: int, total: int) -> str:
    return f"{fmt(100 * n / total)} %" if total else "—"


def _message(title: str, subtitle: str | None, message: str, *, width: int = 460, height: int = 80) -> dict:
    chart = (
        alt.Chart(alt.Data(values=[{"pesan": message}]))
        .mark_text(fontSize=12, color=MUTED, fontStyle="italic")
        .encode(text="pesan:N")
        .properties(width=width, height=height, title=_title(title, subtitle), description=f"{title}: {message}")
    )
    return _configure(chart).to_dict()


def _legend(columns: int = 5) -> alt.Legend:
    return alt.Legend(title="Predikat", orient="bottom", direction="horizontal", symbolType="square",
                      columns=columns, labelLimit=160)


def _count_axis(largest: int) -> alt.Axis:
    """A count axis: whole numbers with a thousands dot; only 0 when there is nothing to count."""
    extra = {"values": [0]} if not largest else {"tickCount": min(5, max(largest, 1))}
    return alt.Axis(title="Jumlah pegawai", grid=True, gridColor="#EEEEEE", format="d",
                    labelExpr="replace(format(datum.value, ',d'), ',', '.')", **extra)


#: Width of the unit names on the left of the units chart (left-aligned, so sub-units indent).
UNIT_LABEL_WIDTH = 300


# --- 1. Gambar 2 ----------------------------------------------------------------------------------------

def predikat_chart(counts: Mapping[str, int], title: str = "Rekapitulasi predikat kinerja pegawai",
                   subtitle: str | None = None) -> dict:
    """Vertical bars of the five predikat (``rules.PREDIKATS`` order, best first) with the count and the
    share printed above each bar. ``counts``: ``{PREDIKAT: n}`` (missing keys count 0; a recap row with a
    "predikat" key is accepted too). All zero: five empty bars and a subtitle that says so."""
    c = _counts(counts)
    total = sum(c.values())
    rows = [{"kode": p, "predikat": LABELS[p], "jumlah": c[p], "teks": fmt_int(c[p]),
             "persen": _pct(c[p], total), "persen_kurung": f"({_pct(c[p], total)})" if total else ""}
            for p in PREDIKATS]
    sub = subtitle or ""
    sub = f"{sub} · {fmt_int(total)} pegawai dinilai" if sub else f"{fmt_int(total)} pegawai dinilai"
    if not total:
        sub += " · belum ada predikat"
    top = max(c.values()) if total else 1
    x = alt.X("predikat:N", sort=_ORDER, axis=alt.Axis(title=None, labelAngle=0, labelLimit=120, ticks=False,
                                                      labelPadding=6, labelFontSize=11.5))
    y = alt.Y("jumlah:Q", scale=alt.Scale(domain=[0, top * 1.22], nice=False), axis=_count_axis(total))
    base = alt.Chart()
    bars = base.mark_bar(size=56, cornerRadiusTopLeft=2, cornerRadiusTopRight=2).encode(
        x=x, y=y,
        color=alt.Color("predikat:N", scale=_COLOUR_SCALE, legend=None),
        tooltip=[alt.Tooltip("predikat:N", title="Predikat"), alt.Tooltip("teks:N", title="Jumlah"),
                 alt.Tooltip("persen:N", title="Persentase")],
    )
    # the count in bold, its share below it (both above the bar)
    counts = base.mark_text(baseline="bottom", dy=-17 if total else -4, fontSize=11.5, color=TEXT,
                            fontWeight="bold").encode(x=x, y=y, text="teks:N")
    shares = base.mark_text(baseline="bottom", dy=-4, fontSize=10, color=MUTED).encode(
        x=x, y=y, text="persen_kurung:N")
    description = (f"{title}. " + "; ".join(f"{r['predikat']} {r['teks']} ({r['persen']})" for r in rows)
                   + f". Jumlah {fmt_int(total)} pegawai.")
    chart = alt.layer(bars, counts, shares, data=alt.Data(values=rows)).properties(
        width=alt.Step(96), height=240, title=_title(title, sub), description=description)
    return _configure(chart).to_dict()


# --- 2. units -------------------------------------------------------------------------------------------

def predikat_units_chart(rows: Sequence[Mapping], title: str = "Predikat kinerja per unit kerja",
                         subtitle: str | None = None) -> dict:
    """One horizontal bar per unit, stacked to 100 % by predikat (best on the left), the share printed
    in segments of at least 8 %. ``rows``: ``[{"name" or "unit", "predikat" or "counts": {…},
    "employees"?, "level"?}]`` (e.g. ``recap_report()["units"]``). A unit nobody in was rated gets an
    empty bar marked "belum ada"; no rows gives a chart that says so."""
    rows = list(rows or [])
    if not rows:
        return _message(title, subtitle, "Tidak ada unit kerja untuk ditampilkan.")
    # the name shortened so that indent + name + " (n=1.234)" fits the label column
    names = [_shorten(str(r.get("name") or r.get("unit") or r.get("code") or ""),
                      max(16, 36 - 4 * int(r.get("level") or 0))) for r in rows]
    clash = {n for n in names if names.count(n) > 1}
    data, empty, labels = [], [], []
    for row, name in zip(rows, names):
        c = _counts(row)
        total = sum(c.values())
        if name in clash:  # two units of one name: tell them apart by code
            name = f"{name} [{row.get('code') or row.get('unit') or ''}]"
        level = int(row.get("level") or 0)
        # Vega trims leading white space: a zero-width space first keeps the indent of a sub-unit
        label = f"{ZWSP + EMSP * 2 * level if level else ''}{name} (n={fmt_int(total)})"
        labels.append(label)
        if not total:
            empty.append({"unit": label, "x": 0, "pesan": "belum ada predikat tahunan"})
            continue
        start = 0.0
        for p in PREDIKATS:
            share = 100 * c[p] / total
            if c[p]:
                data.append({"unit": label, "predikat": LABELS[p], "jumlah": c[p], "teks": fmt_int(c[p]),
                             "persen_teks": f"{fmt(share)} %", "mulai": start, "selesai": start + share,
                             "tengah": start + share / 2, "tampil": share >= 8})
            start += share
    y = alt.Y("unit:N", sort=labels, scale=alt.Scale(domain=labels),
              axis=alt.Axis(title=None, labelLimit=UNIT_LABEL_WIDTH, labelAlign="left",
                            labelPadding=UNIT_LABEL_WIDTH + 8, ticks=False, domain=False))
    scale = alt.Scale(domain=[0, 100], nice=False)
    axis = alt.Axis(title="Persentase pegawai (%)", values=[0, 25, 50, 75, 100], grid=False)
    layers = []
    if data:
        layers.append(alt.Chart(alt.Data(values=data)).mark_bar(height={"band": 0.7}).encode(
            x=alt.X("mulai:Q", scale=scale, axis=axis), x2="selesai:Q", y=y,
            color=alt.Color("predikat:N", scale=_COLOUR_SCALE, sort=_ORDER, legend=_legend()),
            tooltip=[alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("predikat:N", title="Predikat"),
                     alt.Tooltip("teks:N", title="Jumlah"), alt.Tooltip("persen_teks:N", title="Persentase")],
        ))
        layers.append(alt.Chart(alt.Data(values=data)).transform_filter("datum.tampil").mark_text(
            fontSize=10, baseline="middle").encode(
            x=alt.X("tengah:Q", scale=scale, axis=axis), y=y, text="persen_teks:N",
            color=alt.condition("datum.predikat === 'Butuh Perbaikan'", alt.value(TEXT), alt.value("white"))))
    if empty:
        layers.append(alt.Chart(alt.Data(values=empty)).mark_text(
            align="left", baseline="middle", dx=4, fontSize=10.5, fontStyle="italic", color=MUTED).encode(
            x=alt.X("x:Q", scale=scale, axis=axis), y=y, text="pesan:N"))
    description = f"{title}: " + "; ".join(
        f"{str(r.get('name') or r.get('unit') or '')} " + ", ".join(
            f"{LABELS[p]} {_pct(_counts(r)[p], sum(_counts(r).values()))}" for p in PREDIKATS)
        for r in rows) + "."
    chart = alt.layer(*layers).properties(width=420, height=alt.Step(24), title=_title(title, subtitle),
                                          description=description)
    return _configure(chart).to_dict()


# --- 3. years -------------------------------------------------------------------------------------------

def predikat_years_chart(years_rows: Sequence[Mapping], title: str = "Predikat kinerja dari tahun ke tahun",
                         subtitle: str | None = None) -> dict:
    """Counts per predikat grouped by year (oldest first), the count above each bar. ``years_rows``:
    ``[{"year", "predikat" or "counts": {…}}]`` (``selectors.recap_years`` or ``recap_report()["years"]``)."""
    rows = sorted(list(years_rows or []), key=lambda r: int(r["year"]))
    if not rows:
        return _message(title, subtitle, "Belum ada tahun kinerja dengan predikat tahunan.")
    data = []
    top = 0
    for row in rows:
        c = _counts(row)
        total = sum(c.values())
        for p in PREDIKATS:
            top = max(top, c[p])
            data.append({"tahun": str(row["year"]), "predikat": LABELS[p], "jumlah": c[p], "teks": fmt_int(c[p]),
                         "persen": _pct(c[p], total)})
    years = [str(r["year"]) for r in rows]
    x = alt.X("tahun:N", sort=years, axis=alt.Axis(title="Tahun", labelAngle=0, ticks=False, labelFontSize=12))
    y = alt.Y("jumlah:Q", scale=alt.Scale(domain=[0, max(top, 1) * 1.15], nice=False), axis=_count_axis(top))
    offset = alt.XOffset("predikat:N", sort=_ORDER, scale=alt.Scale(domain=_ORDER, paddingInner=0.08))
    base = alt.Chart()
    bars = base.mark_bar().encode(
        x=x, xOffset=offset, y=y, color=alt.Color("predikat:N", scale=_COLOUR_SCALE, sort=_ORDER, legend=_legend()),
        tooltip=[alt.Tooltip("tahun:N", title="Tahun"), alt.Tooltip("predikat:N", title="Predikat"),
                 alt.Tooltip("teks:N", title="Jumlah"), alt.Tooltip("persen:N", title="Persentase")])
    labels = base.mark_text(baseline="bottom", dy=-3, fontSize=9.5, color=TEXT).encode(
        x=x, xOffset=offset, y=y, text="teks:N")
    description = f"{title}: " + "; ".join(
        f"{r['year']}: " + ", ".join(f"{LABELS[p]} {fmt_int(_counts(r)[p])}" for p in PREDIKATS) for r in rows) + "."
    chart = alt.layer(bars, labels, data=alt.Data(values=data)).properties(
        width=alt.Step(150 if len(rows) < 4 else 110, **{"for": "position"}), height=240,
        title=_title(title, subtitle), description=description)
    return _configure(chart).to_dict()
