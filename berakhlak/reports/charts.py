"""Charts of a wave report as Vega-Lite specs (built with Altair), and their SVG/PNG renderings.

One chart definition serves the web (vega-embed, or the SVG inline) and the reports (PNG in XLSX, SVG
in PDF), DESIGN.md "Chosen dependencies". Every builder takes the plain wave-report dict, returns a
Vega-Lite dict with inline data and copes with missing pieces (a suppressed unit, no child units, one
wave, no behaviours) by returning a small chart that says so.

Numbers are formatted in Python (decimal comma, "57,9") and carried in the data as text, so the web and
the reports print them alike without a d3 locale.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping
from functools import lru_cache

import altair as alt

from berakhlak.reports.common import (
    DASH,
    OVERALL_LABEL,
    VALUE_CODES,
    band_colour,
    band_of,
    band_text,
    bands_of,
    fmt,
    fmt_int,
    fmt_num,
    min_group,
    suppression_text,
    value_name,
)

__all__ = ["values_chart", "heatmap_chart", "trend_chart", "behaviours_chart", "render_svg", "render_png",
           "FONT"]

#: DejaVu Sans is on the Debian machines that render the reports; browsers fall back to Verdana, whose
#: widths are close to it.
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TEXT = "#222222"
MUTED = "#666666"
SUPPRESSED_FILL = "#D9D9D9"
# Sequential (single-direction) ramp from ColorBrewer YlGnBu, with stops on the band limits.
HEAT_COLOURS = ("#FFFFD9", "#C7E9B4", "#41B6C4", "#225EA8", "#081D58")
OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
# Series colours of the trend: overall black, then one per value (yellow swapped for a darker grey,
# which reads on white).
TREND_COLOURS = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#8C8C8C", "#0072B2", "#D55E00", "#CC79A7")


def _configure(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT, background="white", padding=8)
        .configure_view(stroke=None)
        .configure_axis(labelColor=TEXT, titleColor=TEXT, labelFontSize=11, titleFontSize=11,
                        titleFontWeight="normal", domainColor="#888888", tickColor="#888888")
        .configure_legend(labelColor=TEXT, titleColor=TEXT, labelFontSize=11, titleFontSize=11,
                          titleFontWeight="normal")
        .configure_title(fontSize=14, anchor="start", color=TEXT, subtitleColor=MUTED, subtitleFontSize=11,
                         offset=8)
    )


def _title(text: str, subtitle: str | None = None) -> alt.TitleParams:
    return alt.TitleParams(text=text, subtitle=subtitle) if subtitle else alt.TitleParams(text=text)


def _context(report: Mapping) -> str:
    agency = (report.get("agency") or {}).get("name") or ""
    wave = (report.get("wave") or {}).get("code") or ""
    unit = (report.get("unit") or {}).get("name") or ""
    parts = [p for p in (unit if unit != agency else agency, f"Survei {wave}" if wave else "") if p]
    if unit and unit != agency and agency:
        parts.insert(1, agency)
    return " · ".join(parts)


def _message_chart(title: str, message: str, report: Mapping, *, width: int = 460, height: int = 80) -> dict:
    """A chart that only says why there is nothing to draw (keeps the same size and title)."""
    chart = (
        alt.Chart(alt.Data(values=[{"pesan": message}]))
        .mark_text(fontSize=12, color=MUTED, fontStyle="italic")
        .encode(text="pesan:N")
        .properties(width=width, height=height, title=_title(title, _context(report)),
                    description=f"{title}: {message}")
    )
    return _configure(chart).to_dict()


def _colour_scale(bands: list[dict]) -> alt.Scale:
    return alt.Scale(domain=[band_text(b, bands) for b in bands], range=[band_colour(b["code"], bands) for b in bands])


def _bar_label(index: float | None, category: str | None) -> str:
    return f"{fmt(index)} ({category})" if category else fmt(index)


# --- 1. the 7 values and the overall index ------------------------------------------------------------

def values_chart(report: Mapping) -> dict:
    """Horizontal bars of the 7 value indices, coloured by band, plus the overall index as a first bar
    set apart (the national report's "Gambar 1"). Band zones are shaded and named along the top."""
    title = "Indeks BerAKHLAK per nilai"
    summary = report.get("summary") or {}
    bands = bands_of(report)
    values = summary.get("values") or {}
    if summary.get("suppressed") or all(values.get(v) is None for v in VALUE_CODES):
        return _message_chart(title, f"Angka {suppression_text(report)}.", report)

    categories = summary.get("categories") or {}
    rows = []
    overall = summary.get("overall")
    overall_band = band_of(overall, bands)
    overall_cat = summary.get("overall_category") or (overall_band or {}).get("code")
    rows.append(_bar_row(0, OVERALL_LABEL, "ALL", overall, overall_cat, bands, overall=True))
    for i, code in enumerate(VALUE_CODES, start=1):
        index = values.get(code)
        cat = categories.get(code) or (band_of(index, bands) or {}).get("code")
        rows.append(_bar_row(i, f"{code} · {value_name(code, report)}", code, index, cat, bands, overall=False))

    zones = []
    for i, band in enumerate(bands):
        upper = bands[i - 1]["min"] if i > 0 else 100
        zones.append({"from": band["min"], "to": upper, "mid": (band["min"] + upper) / 2,
                      "zone": f"{band['code']} · {band['label']}", "colour": band_colour(band["code"], bands)})

    x = alt.X("index:Q", scale=alt.Scale(domain=[0, 100], nice=False),
              axis=alt.Axis(title="Indeks (0–100)", values=[0, 25, 50, 75, 100], grid=False))
    y = alt.Y("label:N", sort=[r["label"] for r in rows],
              axis=alt.Axis(title=None, labelLimit=260, labelPadding=6, ticks=False, domain=False,
                            labelFontWeight={"condition": {"test": f"datum.value === '{OVERALL_LABEL}'",
                                                           "value": "bold"}, "value": "normal"}))
    zone_data = alt.Data(values=zones)
    shade = (
        alt.Chart(zone_data).mark_rect(opacity=0.12)
        .encode(x=alt.X("from:Q", scale=alt.Scale(domain=[0, 100], nice=False)), x2="to:Q",
                fill=alt.Fill("colour:N", scale=None, legend=None))
    )
    zone_names = (
        alt.Chart(zone_data).mark_text(y=-7, fontSize=10, baseline="bottom")
        .encode(x="mid:Q", text="zone:N", color=alt.value(MUTED))
    )
    bars = (
        alt.Chart().mark_bar(height={"band": 0.72})
        .encode(
            x=x, y=y,
            color=alt.Color("kategori:N", scale=_colour_scale(bands),
                            legend=alt.Legend(title="Kategori", orient="bottom", direction="horizontal",
                                              symbolType="square", symbolOpacity=1, columns=len(bands))),
            stroke=alt.condition("datum.overall", alt.value("#222222"), alt.value(None)),
            strokeWidth=alt.condition("datum.overall", alt.value(1.5), alt.value(0)),
            tooltip=[alt.Tooltip("nama:N", title="Nilai"), alt.Tooltip("teks:N", title="Indeks"),
                     alt.Tooltip("kategori:N", title="Kategori")],
        )
    )
    labels = [
        alt.Chart().transform_filter(test)
        .mark_text(align="left", baseline="middle", dx=5, fontSize=11, color=TEXT, fontWeight=weight)
        .encode(x="index:Q", y=y, text="teks:N")
        for test, weight in (("datum.overall", "bold"), ("!datum.overall", "normal"))
    ]
    subtitle = _context(report)
    n = summary.get("respondents")
    if n is not None:
        subtitle = f"{subtitle} · {fmt_int(n)} responden"
    # The bars' rows are the layer's data (written once); the band zones bring their own.
    chart = alt.layer(shade, zone_names, bars, *labels, data=alt.Data(values=rows)).properties(
        width=380, height=alt.Step(26), title=_title(title, subtitle),
        description=(f"{title}. {OVERALL_LABEL} {fmt(overall)} ({overall_cat or DASH}). "
                     + "; ".join(f"{r['nama']} {r['teks']}" for r in rows[1:]) + "."),
    )
    return _configure(chart).to_dict()


def _bar_row(order: int, label: str, code: str, index: float | None, cat: str | None, bands: list[dict], *,
             overall: bool) -> dict:
    band = next((b for b in bands if b["code"] == cat), None)
    return {"order": order, "label": label, "code": code, "nama": label, "index": index,
            "teks": _bar_label(index, cat), "kategori": band_text(band, bands) if band else DASH,
            "band": cat, "overall": overall}


# --- 2. child units × values --------------------------------------------------------------------------

HEAT_COLUMNS = (*VALUE_CODES, "Indeks")


def heatmap_chart(report: Mapping) -> dict:
    """Direct child units (rows) × the 7 values and the overall index (columns), cells coloured by
    index on a sequential 0–100 scale whose legend marks the band limits; the number is in the cell.
    A suppressed unit's cells are grey with "—"."""
    title = "Indeks per unit kerja"
    children = list(report.get("children") or [])
    if not children:
        return _message_chart(title, "Tidak ada unit turunan langsung untuk dibandingkan.", report)
    bands = bands_of(report)
    threshold = min_group(report)
    cells = []
    for row, child in enumerate(children):
        suppressed = bool(child.get("suppressed"))
        n = child.get("respondents")
        name = child.get("name") or child.get("unit") or ""
        name = _shorten(name, 46)
        label = f"{name} (n={fmt_int(n)})" if not suppressed and n is not None else f"{name} (n<{threshold})"
        values = child.get("values") or {}
        categories = child.get("categories") or {}
        for column in HEAT_COLUMNS:
            if column == "Indeks":
                index, cat, col_name = child.get("overall"), child.get("overall_category"), OVERALL_LABEL
            else:
                index, cat, col_name = values.get(column), categories.get(column), value_name(column, report)
            hidden = suppressed or index is None
            cells.append({
                "row": row, "unit": child.get("unit"), "label": label, "kolom": column, "nama_kolom": col_name,
                "index": None if hidden else index, "teks": DASH if hidden else fmt(index),
                "kategori": DASH if hidden else (cat or (band_of(index, bands) or {}).get("code") or DASH),
                "suppressed": hidden,
            })
    stops = sorted({0, 100, *(b["min"] for b in bands if 0 < b["min"] < 100)})
    palette = _heat_palette(len(stops))
    label_expr = " : ".join(
        f"datum.value === {s} ? '{fmt_num(s)} ({_band_at(s, bands)})'" for s in stops[:-1]
    ) + f" : '{fmt_num(stops[-1])}'"
    dark_from = stops[-2] if len(stops) > 2 else 60
    x = alt.X("kolom:N", sort=list(HEAT_COLUMNS),
              axis=alt.Axis(title=None, orient="top", labelAngle=0, ticks=False, domain=False, labelPadding=4,
                            labelFontWeight={"condition": {"test": "datum.value === 'Indeks'", "value": "bold"},
                                             "value": "normal"}))
    y = alt.Y("label:N", sort=list(dict.fromkeys(c["label"] for c in cells)),
              axis=alt.Axis(title=None, labelLimit=420, ticks=False, domain=False, labelPadding=6))
    base = alt.Chart()
    tooltip = [alt.Tooltip("label:N", title="Unit"), alt.Tooltip("nama_kolom:N", title="Nilai"),
               alt.Tooltip("teks:N", title="Indeks"), alt.Tooltip("kategori:N", title="Kategori")]
    # Two layers rather than a colour condition: Vega-Lite drops marks whose quantitative field is null.
    rect = base.transform_filter("!datum.suppressed").mark_rect(stroke="white", strokeWidth=1.5).encode(
        x=x, y=y,
        color=alt.Color("index:Q", scale=alt.Scale(domain=stops, range=palette, clamp=True),
                        legend=alt.Legend(title="Indeks (batas kategori)", orient="bottom", direction="horizontal",
                                          gradientLength=260, values=stops, labelExpr=label_expr)),
        tooltip=tooltip,
    )
    grey = base.transform_filter("datum.suppressed").mark_rect(
        stroke="white", strokeWidth=1.5, color=SUPPRESSED_FILL).encode(x=x, y=y, tooltip=tooltip)
    text = base.mark_text(fontSize=10.5, baseline="middle").encode(
        x=x, y=y, text="teks:N",
        color=alt.condition(f"datum.index !== null && datum.index >= {dark_from}", alt.value("white"),
                            alt.value(TEXT)),
    )
    hidden = sum(1 for c in children if c.get("suppressed"))
    subtitle = _context(report)
    if hidden:
        subtitle += f" · abu-abu “{DASH}”: {suppression_text(report)}"
    chart = alt.layer(rect, grey, text, data=alt.Data(values=cells)).properties(
        width=alt.Step(46), height=alt.Step(22), title=_title(title, subtitle),
        description=f"{title}: {len(children)} unit turunan × 7 nilai dan {OVERALL_LABEL}"
                    + (f"; {hidden} unit disembunyikan." if hidden else "."),
    )
    return _configure(chart).to_dict()


def _band_at(x: float, bands: list[dict]) -> str:
    return (band_of(x, bands) or {}).get("code", "")


def _heat_palette(n: int) -> list[str]:
    if n == len(HEAT_COLOURS):
        return list(HEAT_COLOURS)
    if n == 4:  # 0, 50, 75, 100 with the default bands
        return [HEAT_COLOURS[0], HEAT_COLOURS[1], HEAT_COLOURS[2], HEAT_COLOURS[4]]
    # other band sets: evenly picked from the ramp
    step = (len(HEAT_COLOURS) - 1) / max(n - 1, 1)
    return [HEAT_COLOURS[min(round(i * step), len(HEAT_COLOURS) - 1)] for i in range(n)]


# --- 3. trend over waves ------------------------------------------------------------------------------

def trend_chart(report: Mapping) -> dict:
    """The overall index (black, thick, labelled) and each value (thin) over the waves, oldest first."""
    title = "Tren Indeks BerAKHLAK"
    trend = list(report.get("trend") or [])
    series = [OVERALL_LABEL, *(f"{v} · {value_name(v, report)}" for v in VALUE_CODES)]
    waves = [str(t.get("wave")) for t in trend]
    rows = []
    for t in trend:
        wave = str(t.get("wave"))
        rows.append({"gelombang": wave, "seri": series[0], "index": t.get("overall"), "teks": fmt(t.get("overall")),
                     "overall": True})
        values = t.get("values") or {}
        for code, name in zip(VALUE_CODES, series[1:]):
            rows.append({"gelombang": wave, "seri": name, "index": values.get(code), "teks": fmt(values.get(code)),
                         "overall": False})
    rows = [r for r in rows if r["index"] is not None]
    if not rows:
        return _message_chart(title, "Belum ada angka tren untuk unit ini.", report)
    subtitle = _context(report)
    if len(trend) == 1:
        subtitle += " · baru satu gelombang survei"
    x = alt.X("gelombang:O", sort=waves, scale=alt.Scale(domain=waves, paddingOuter=0.4 if len(waves) > 1 else 1),
              axis=alt.Axis(title="Gelombang survei", labelAngle=0))
    y = alt.Y("index:Q", scale=alt.Scale(domain=[0, 100], nice=False),
              axis=alt.Axis(title="Indeks (0–100)", values=[0, 25, 50, 75, 100]))
    colour = alt.Color("seri:N", sort=series, scale=alt.Scale(domain=series, range=list(TREND_COLOURS)),
                       legend=alt.Legend(title=None, orient="right", labelLimit=220))
    base = alt.Chart()
    bands = bands_of(report)
    limits = (
        alt.Chart(alt.Data(values=[{"y": b["min"], "zone": f"{b['code']}"} for b in bands if 0 < b["min"] < 100]))
        .mark_rule(strokeDash=[4, 3], color="#BDBDBD").encode(y="y:Q")
    )
    lines = base.mark_line(point=alt.OverlayMarkDef(filled=True, size=36)).encode(
        x=x, y=y, color=colour, detail="seri:N",
        strokeWidth=alt.condition("datum.overall", alt.value(3), alt.value(1.5)),
        tooltip=[alt.Tooltip("seri:N", title="Seri"), alt.Tooltip("gelombang:O", title="Gelombang"),
                 alt.Tooltip("teks:N", title="Indeks")],
    )
    # The overall's numbers above its points, on a white halo so crossing lines do not hide them.
    # With one wave the points stack on one line: the number goes to the left of its point instead.
    place = {"dy": -13} if len(waves) > 1 else {"dx": -9, "align": "right", "baseline": "middle"}
    halo, labels = (
        base.transform_filter("datum.overall")
        .mark_text(fontWeight="bold", fontSize=11, **place, **style)
        .encode(x=x, y=y, text="teks:N")
        for style in ({"stroke": "white", "strokeWidth": 4, "strokeJoin": "round", "color": "white"},
                      {"color": "#000000"})
    )
    chart = alt.layer(limits, lines, halo, labels, data=alt.Data(values=rows)).properties(
        width=max(260, 90 * len(waves)) if len(waves) > 1 else 200, height=220,
        title=_title(title, subtitle),
        description=f"{title} pada {len(trend)} gelombang: "
                    + "; ".join(f"{t.get('wave')} {fmt(t.get('overall'))}" for t in trend) + ".",
    )
    return _configure(chart).to_dict()


# --- 4. strongest and weakest behaviours --------------------------------------------------------------

def behaviours_chart(report: Mapping) -> dict:
    """The strongest and the weakest behaviours (two stacked bar panels, bars coloured by band)."""
    title = "Perilaku terkuat dan terlemah"
    behaviours = report.get("behaviours") or {}
    bands = bands_of(report)
    groups = [("Perilaku terkuat", behaviours.get("strongest") or []),
              ("Perilaku terlemah", behaviours.get("weakest") or [])]
    if not any(items for _, items in groups):
        return _message_chart(title, f"Tidak ada angka perilaku (unit {suppression_text(report)} "
                                     "atau belum dihitung).", report)
    panels = []
    for i, (name, items) in enumerate(groups):
        if not items:
            continue
        rows = []
        for order, b in enumerate(items):
            band = band_of(b.get("index"), bands)
            text = b.get("text") or ""
            rows.append({"order": order, "label": _wrap(f"{b.get('code')} · {text}", 46, 2), "perilaku": text,
                         "kode": b.get("code"), "nilai": value_name(str(b.get("value") or "")[:2], report),
                         "index": b.get("index"), "teks": _bar_label(b.get("index"), band and band["code"]),
                         "kategori": band_text(band, bands) if band else DASH})
        # Left-aligned labels at a fixed offset: both panels (and their titles) line up like a table.
        y = alt.Y("label:N", sort=[r["label"] for r in rows],
                  axis=alt.Axis(title=None, labelLimit=LABEL_WIDTH, labelAlign="left", labelPadding=LABEL_WIDTH + 12,
                                labelExpr="split(datum.label, '\\n')", labelLineHeight=13,
                                # lift a two-line label by half a line so it stays centred on its bar
                                labelOffset={"condition": {"test": "indexof(datum.value, '\\n') >= 0",
                                                           "value": -6.5}, "value": 0},
                                ticks=False, domain=False))
        x = alt.X("index:Q", scale=alt.Scale(domain=[0, 100], nice=False),
                  axis=alt.Axis(title="Indeks (0–100)" if i == len(groups) - 1 else None,
                                values=[0, 25, 50, 75, 100], grid=False))
        bars = alt.Chart().mark_bar(height={"band": 0.6}).encode(
            x=x, y=y,
            color=alt.Color("kategori:N", scale=_colour_scale(bands),
                            legend=alt.Legend(title="Kategori", orient="bottom", direction="horizontal",
                                              symbolType="square", columns=len(bands))),
            tooltip=[alt.Tooltip("kode:N", title="Kode"), alt.Tooltip("perilaku:N", title="Perilaku"),
                     alt.Tooltip("nilai:N", title="Nilai"), alt.Tooltip("teks:N", title="Indeks")],
        )
        labels = alt.Chart().mark_text(align="left", baseline="middle", dx=4, fontSize=11, color=TEXT).encode(
            x="index:Q", y=y, text="teks:N")
        panels.append(alt.layer(bars, labels, data=alt.Data(values=rows)).properties(
            width=240, height=alt.Step(34),
            title=alt.TitleParams(name, fontSize=12, fontWeight="bold", anchor="start")))
    everything = [b for _, items in groups for b in items]
    chart = alt.vconcat(*panels, spacing=14).resolve_scale(color="shared").properties(
        title=_title(title, _context(report)),
        description=f"{title}: " + "; ".join(f"{b.get('code')} {fmt(b.get('index'))}" for b in everything) + ".",
    )
    return _configure(chart).to_dict()


LABEL_WIDTH = 300


def _wrap(text: str, width: int, lines: int) -> str:
    """Break ``text`` into at most ``lines`` lines of about ``width`` characters ("\n"-separated), the
    last one shortened with "…" if needed."""
    words, out, line = " ".join(text.split()).split(" "), [], ""
    for i, word in enumerate(words):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
            if len(out) == lines - 1:
                return "\n".join([*out, _shorten(" ".join([line, *words[i + 1:]]), width)])
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*out, line])


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# --- rendering ----------------------------------------------------------------------------------------

def _key(spec: Mapping) -> str:
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def render_svg(spec: Mapping) -> str:
    """The chart as a standalone SVG string, safe to inline in HTML: no script, ``role="img"``, an
    ``aria-label`` and ``<title>`` from the spec's description (or title), ids prefixed per chart so
    several charts can share a page. Cached in-process on the spec's JSON."""
    return _svg(_key(spec))


def render_png(spec: Mapping, scale: float = 2) -> bytes:
    """The chart as PNG bytes (``scale`` 2 gives a sharp image at half size). Cached on the spec's JSON."""
    return _png(_key(spec), float(scale))


@lru_cache(maxsize=64)
def _svg(key: str) -> str:
    import vl_convert

    spec = json.loads(key)
    svg = vl_convert.vegalite_to_svg(spec)
    return _accessible(svg, _label(spec), "c" + hashlib.sha1(key.encode()).hexdigest()[:8])


@lru_cache(maxsize=64)
def _png(key: str, scale: float) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(json.loads(key), scale=scale)


def _label(spec: Mapping) -> str:
    if spec.get("description"):
        return str(spec["description"])
    title = spec.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title or "Grafik")


_ROOT = re.compile(r"<svg\b([^>]*)>")
_SCRIPT = re.compile(r"<script\b.*?</script\s*>|<script\b[^>]*/>", re.IGNORECASE | re.DOTALL)
_EVENT_ATTR = re.compile(r"\son[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


def _accessible(svg: str, label: str, prefix: str) -> str:
    svg = _SCRIPT.sub("", svg)
    svg = _EVENT_ATTR.sub("", svg)
    # Unique ids: two inline SVGs with the same "gradient_0" or "clip1" would share one definition.
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    svg = _gradients_in_user_space(svg)
    escaped = html.escape(label, quote=True)
    match = _ROOT.search(svg)
    if not match:
        return svg
    attrs = re.sub(r'\s(role|aria-label|aria-roledescription)="[^"]*"', "", match.group(1))
    root = f'<svg{attrs} role="img" aria-label="{escaped}">'
    return svg[: match.start()] + root + f"<title>{escaped}</title>" + svg[match.end():]


_GRADIENT_USE = re.compile(r'<path d="M0,0h([\d.]+)v([\d.]+)h-[\d.]+Z" fill="url\(#([^)]+)\)"')
_GRADIENT_DEF = re.compile(r'<linearGradient id="([^"]+)" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)" y2="([\d.]+)"')


def _gradients_in_user_space(svg: str) -> str:
    """Vega draws a gradient legend as a rectangle filled with an objectBoundingBox gradient, which some
    SVG renderers (WeasyPrint 70) leave empty; the same gradient in the rectangle's own user space is drawn
    everywhere."""
    sizes = {gid: (float(w), float(h)) for w, h, gid in _GRADIENT_USE.findall(svg)}

    def fix(m: re.Match) -> str:
        gid, x1, x2, y1, y2 = m.group(1), *(float(v) for v in m.groups()[1:])
        if gid not in sizes:
            return m.group(0)
        w, h = sizes[gid]
        return (f'<linearGradient id="{gid}" gradientUnits="userSpaceOnUse" x1="{x1 * w:g}" x2="{x2 * w:g}" '
                f'y1="{y1 * h:g}" y2="{y2 * h:g}"')

    return _GRADIENT_DEF.sub(fix, svg)
