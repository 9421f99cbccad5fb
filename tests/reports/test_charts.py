"""Chart specs of a wave report carry the right data, and render to clean SVG and PNG.

No Django and no database: the builders take a plain dict."""

import json
import re
import struct

import pytest

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.reports import charts

GREEN, AMBER, RED = "#009E73", "#E69F00", "#D55E00"
BUILDERS = [charts.values_chart, charts.heatmap_chart, charts.trend_chart, charts.behaviours_chart]


def layers(spec):
    """Every leaf view of a spec (through layer and vconcat) with the data it inherits."""
    out = []

    def walk(node, data):
        data = node.get("data", data)
        for key in ("layer", "vconcat", "hconcat"):
            for child in node.get(key, []):
                walk(child, data)
        if "mark" in node:
            out.append((node, data))

    walk(spec, None)
    return out


def mark_type(node):
    return node["mark"] if isinstance(node["mark"], str) else node["mark"]["type"]


def rows_of(spec, mark, predicate=lambda node: True):
    found = [data["values"] for node, data in layers(spec) if mark_type(node) == mark and predicate(node)]
    assert found, f"no {mark} layer"
    return found[0]


def colour_scale(spec, mark="bar"):
    node = next(n for n, _ in layers(spec) if mark_type(n) == mark)
    scale = node["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"]))


# --- values chart -----------------------------------------------------------------------------------

def test_values_chart_has_seven_value_bars_and_the_overall(sample_report):
    spec = charts.values_chart(sample_report)
    rows = rows_of(spec, "bar")
    values = [r for r in rows if not r["overall"]]
    overall = [r for r in rows if r["overall"]]
    assert [r["code"] for r in values] == list(VALUE_CODES)
    assert len(overall) == 1 and overall[0]["index"] == 61.3 and overall[0]["teks"] == "61,3 (B)"
    assert {r["code"]: r["index"] for r in values} == sample_report["summary"]["values"]
    # labels printed at the bar end: decimal comma and the band letter
    assert next(r for r in values if r["code"] == "AD")["teks"] == "38,9 (C)"
    assert "Berorientasi Pelayanan" in next(r for r in values if r["code"] == "BP")["label"]


def test_values_chart_colours_each_value_by_its_band(sample_report):
    spec = charts.values_chart(sample_report)
    colours = colour_scale(spec)
    by_code = {r["code"]: colours[r["kategori"]] for r in rows_of(spec, "bar")}
    expected = {"BP": AMBER, "AK": GREEN, "KO": AMBER, "HA": AMBER, "LO": AMBER, "AD": RED, "KL": AMBER, "ALL": AMBER}
    assert by_code == expected
    # the legend lists every band, even one no value falls in
    assert len(colours) == 3 and set(colours.values()) == {GREEN, AMBER, RED}


def test_values_chart_keeps_the_order_of_the_values(sample_report):
    spec = charts.values_chart(sample_report)
    node = next(n for n, _ in layers(spec) if mark_type(n) == "bar")
    order = node["encoding"]["y"]["sort"]
    assert order[0] == "Indeks BerAKHLAK" and [label[:2] for label in order[1:]] == list(VALUE_CODES)


def test_values_chart_uses_the_given_category_not_a_recomputed_one(sample_report):
    # 74.96 shows as 75.0 but is band B: the category of the data wins over the rounded number
    sample_report["summary"]["values"]["AK"] = 75.0
    sample_report["summary"]["categories"]["AK"] = "B"
    spec = charts.values_chart(sample_report)
    ak = next(r for r in rows_of(spec, "bar") if r["code"] == "AK")
    assert ak["band"] == "B" and colour_scale(spec)[ak["kategori"]] == AMBER


def test_values_chart_of_a_suppressed_unit_shows_no_numbers(degenerate_report):
    spec = charts.values_chart(degenerate_report)
    assert [mark_type(n) for n, _ in layers(spec)] == ["text"]
    text = json.dumps(spec, ensure_ascii=False)
    assert "disembunyikan (< 5 responden)" in text
    assert not re.search(r"\d+,\d", text)


# --- heatmap ------------------------------------------------------------------------------------------

def test_heatmap_has_a_cell_per_child_and_value_and_greys_suppressed_units(sample_report):
    spec = charts.heatmap_chart(sample_report)
    cells = rows_of(spec, "rect", lambda n: "color" in n.get("encoding", {}))
    children = sample_report["children"]
    assert len(cells) == len(children) * 8  # 7 values and the overall
    hidden = [c for c in cells if c["suppressed"]]
    assert {c["unit"] for c in hidden} == {"INSP", "PUSBANG"}
    assert all(c["teks"] == "—" and c["index"] is None for c in hidden)
    shown = {(c["unit"], c["kolom"]): c for c in cells if not c["suppressed"]}
    assert shown["SETTAMA", "AK"]["index"] == 79.3 and shown["SETTAMA", "AK"]["teks"] == "79,3"
    assert shown["DEP-MK", "Indeks"]["index"] == 59.0
    # the grey layer draws only the suppressed cells, in grey
    grey = next(n for n, _ in layers(spec) if mark_type(n) == "rect" and "color" not in n.get("encoding", {}))
    assert grey["mark"]["color"] == charts.SUPPRESSED_FILL
    assert grey["transform"] == [{"filter": "datum.suppressed"}]


def test_heatmap_scale_is_sequential_0_to_100_with_the_band_limits(sample_report):
    spec = charts.heatmap_chart(sample_report)
    node = next(n for n, _ in layers(spec) if mark_type(n) == "rect" and "color" in n.get("encoding", {}))
    colour = node["encoding"]["color"]
    assert colour["type"] == "quantitative"
    assert colour["scale"]["domain"] == [0, 50, 75, 100]
    assert colour["legend"]["values"] == [0, 50, 75, 100]
    assert "(A)" in colour["legend"]["labelExpr"] and "(C)" in colour["legend"]["labelExpr"]


def test_heatmap_rows_keep_the_order_and_show_group_sizes(sample_report):
    spec = charts.heatmap_chart(sample_report)
    node = next(n for n, _ in layers(spec) if mark_type(n) == "rect")
    order = node["encoding"]["y"]["sort"]
    assert order[0] == "Sekretariat Utama (n=412)"
    assert order[-1] == "Pusat Pengembangan ASN (n<5)"


def test_heatmap_without_children_says_so(degenerate_report):
    spec = charts.heatmap_chart(degenerate_report)
    assert "Tidak ada unit turunan" in json.dumps(spec, ensure_ascii=False)


# --- trend and behaviours -------------------------------------------------------------------------------

def test_trend_has_the_overall_and_each_value_per_wave(sample_report):
    spec = charts.trend_chart(sample_report)
    rows = rows_of(spec, "line")
    assert len(rows) == 3 * 8
    overall = [(r["gelombang"], r["index"]) for r in rows if r["overall"]]
    assert overall == [("2021", 58.7), ("2022", 60.9), ("2023", 61.3)]
    line = next(n for n, _ in layers(spec) if mark_type(n) == "line")
    assert line["encoding"]["x"]["sort"] == ["2021", "2022", "2023"]
    assert line["mark"]["point"]  # one wave still shows as points


def test_trend_with_one_wave(sample_report):
    sample_report["trend"] = sample_report["trend"][-1:]
    spec = charts.trend_chart(sample_report)
    assert len(rows_of(spec, "line")) == 8
    assert "satu gelombang" in json.dumps(spec, ensure_ascii=False)
    assert charts.render_svg(spec).startswith("<svg")


def test_behaviours_chart_lists_strongest_and_weakest_in_order(sample_report):
    spec = charts.behaviours_chart(sample_report)
    panels = spec["vconcat"]
    assert [p["title"]["text"] for p in panels] == ["Perilaku terkuat", "Perilaku terlemah"]
    strongest = [r["kode"] for r in panels[0]["data"]["values"]]
    weakest = [r["kode"] for r in panels[1]["data"]["values"]]
    assert strongest == ["AK3", "AK1", "KL2"] and weakest == ["AD2", "AD3", "KO2"]
    colours = colour_scale(panels[0])
    assert [colours[r["kategori"]] for r in panels[1]["data"]["values"]] == [RED, RED, AMBER]


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_builder_copes_with_both_reports(builder, any_report):
    spec = builder(any_report)
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    json.dumps(spec)  # plain JSON, ready for vega-embed
    svg = charts.render_svg(spec)
    assert svg.startswith("<svg") and "<script" not in svg.lower()


def test_builders_cope_with_missing_optional_parts(sample_report):
    for key in ("behaviours", "reliability", "trend", "children", "engagement", "branding", "bands"):
        sample_report.pop(key)
    for builder in BUILDERS:
        charts.render_svg(builder(sample_report))


# --- rendering --------------------------------------------------------------------------------------------

def test_svg_is_safe_to_inline_and_accessible(sample_report):
    svg = charts.render_svg(charts.values_chart(sample_report))
    root = re.match(r"<svg\b[^>]*>", svg).group(0)
    assert 'role="img"' in root and 'aria-label="Indeks BerAKHLAK per nilai.' in root
    assert "<title>Indeks BerAKHLAK per nilai." in svg
    assert "<script" not in svg.lower() and not re.search(r"\son[a-z]+\s*=", svg, re.IGNORECASE)
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', "")


def test_svg_ids_are_unique_per_chart_and_gradients_work_everywhere(sample_report):
    heatmap = charts.render_svg(charts.heatmap_chart(sample_report))
    ids = re.findall(r'\bid="([^"]+)"', heatmap)
    assert ids and all(re.match(r"c[0-9a-f]{8}-", i) for i in ids)
    for i in ids:
        assert f"#{i})" in heatmap or f'href="#{i}"' in heatmap or "clip" in i
    # the legend gradient is in user space (WeasyPrint draws nothing for an objectBoundingBox one)
    assert 'gradientUnits="userSpaceOnUse"' in heatmap
    other = charts.render_svg(charts.heatmap_chart({**sample_report, "children": sample_report["children"][:2]}))
    assert not set(ids) & set(re.findall(r'\bid="([^"]+)"', other))


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_renders_at_the_requested_scale(sample_report):
    spec = charts.values_chart(sample_report)
    w1, h1 = png_size(charts.render_png(spec, scale=1))
    w2, h2 = png_size(charts.render_png(spec, scale=2))
    assert abs(w2 - 2 * w1) <= 2 and abs(h2 - 2 * h1) <= 2
    assert w1 > 300


def test_renderings_are_cached_on_the_spec_json(sample_report):
    spec = charts.trend_chart(sample_report)
    first = charts.render_svg(spec)
    hits = charts._svg.cache_info().hits
    same_spec_rebuilt = json.loads(json.dumps(charts.trend_chart(sample_report)))
    assert charts.render_svg(same_spec_rebuilt) is first
    assert charts._svg.cache_info().hits == hits + 1
    assert charts.render_png(spec) is charts.render_png(spec)


def test_other_band_sets_keep_the_traffic_light_order(sample_report):
    sample_report["bands"] = [
        {"code": "A", "label": "Sehat", "min": 75.0}, {"code": "B", "label": "Cukup Sehat", "min": 50.0},
        {"code": "C", "label": "Kurang Sehat", "min": 25.0}, {"code": "D", "label": "Tidak Sehat", "min": 0.0},
    ]
    spec = charts.values_chart(sample_report)
    assert list(colour_scale(spec).values())[:3] == [GREEN, AMBER, RED]
    assert "D · Tidak Sehat (< 25)" in colour_scale(spec)
    heat = charts.heatmap_chart(sample_report)
    node = next(n for n, _ in layers(heat) if mark_type(n) == "rect" and "color" in n.get("encoding", {}))
    assert node["encoding"]["color"]["scale"]["domain"] == [0, 25.0, 50.0, 75.0, 100]
    for builder in BUILDERS:
        charts.render_svg(builder(sample_report))
