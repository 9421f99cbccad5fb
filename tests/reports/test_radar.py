"""The hand-written radar chart (``berakhlak.reports.radar``): geometry of known inputs, ``None`` at the
centre, escaping, wrapping of the labels, errors, and well-formed, deterministic SVG."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from berakhlak.reports.radar import RADIUS, geometry, point, radar_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
VALUES = ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _points(polygon: ET.Element) -> list[tuple[float, float]]:
    return [tuple(float(c) for c in p.split(",")) for p in polygon.get("points").split()]


def _series(root: ET.Element, k: int) -> ET.Element:
    return root.find(f"svg:g[@data-series='{k}']", NS)


def _ring(root: ET.Element, level: int) -> ET.Element:
    return root.find(f"svg:g[@class='grid']/svg:polygon[@data-level='{level}']", NS)


def test_geometry_of_a_known_input():
    """4 axes on 1–5 in a 320 square: centre (160, 160), outer radius 0.28 × 320 = 89.6; the first axis
    points up, then clockwise (right, down, left). A value v lies at v/5 of the radius."""
    assert geometry(320) == (160, 160, pytest.approx(89.6)) and RADIUS == 0.28
    svg = radar_svg(["A", "B", "C", "D"], [("Diri", [5, 3, 1, None], "#E69F00")], title="Uji")
    root = _parse(svg)
    polygon = _series(root, 0).find("svg:polygon", NS)
    # 5 at the top of the outer polygon; 3 at 3/5 to the right (160 + 53.76); 1 at 1/5 down
    # (160 + 17.92); None at the centre
    assert polygon.get("points") == "160,70.4 213.76,160 160,177.92 160,160"
    outer = _points(_ring(root, 5))
    assert outer[0] == (160, 70.4) and outer == [(160, 70.4), (249.6, 160), (160, 249.6), (70.4, 160)]
    assert _points(_ring(root, 1))[1] == (177.92, 160)  # the lowest level is the innermost polygon
    # one dot per value, none for the missing one
    dots = _series(root, 0).findall("svg:circle", NS)
    assert [(d.get("data-axis"), float(d.get("cx")), float(d.get("cy"))) for d in dots] == [
        ("0", 160, 70.4), ("1", 213.76, 160), ("2", 160, 177.92)]
    assert polygon.get("fill") == "#E69F00" and 0 < float(polygon.get("fill-opacity")) < 1


def test_a_value_at_the_top_lies_on_the_outer_polygon_at_its_axis_angle():
    values = [5, 4, 3, 2, 1, 5, 5]
    root = _parse(radar_svg(VALUES, [("Penilai lain", values, "#0072B2")]))
    vertices = _points(_series(root, 0).find("svg:polygon", NS))
    outer = _points(_ring(root, 5))
    cx, cy, radius = geometry(320)
    for i, v in enumerate(values):
        angle = -math.pi / 2 + 2 * math.pi * i / 7
        expected = (cx + radius * v / 5 * math.cos(angle), cy + radius * v / 5 * math.sin(angle))
        assert vertices[i] == pytest.approx(expected, abs=0.006)
        assert vertices[i] == point(i, 7, v / 5, 320)
        if v == 5:
            assert vertices[i] == outer[i]
    assert vertices[0] == (cx, pytest.approx(cy - radius))  # the first axis points straight up
    rings = root.findall("svg:g[@class='grid']/svg:polygon", NS)
    assert [r.get("data-level") for r in rings] == ["1", "2", "3", "4", "5"]
    assert all(len(_points(r)) == 7 for r in rings)
    numbers = [t.text for t in root.findall("svg:g[@class='levels']/svg:text", NS)]
    assert numbers == ["1", "2", "3", "4", "5"]


def test_none_is_drawn_at_the_centre_without_a_dot():
    root = _parse(radar_svg(VALUES, [("Diri", [None] * 7, "red"), ("Lain", [3, None, 3, 3, 3, 3, None], "blue")]))
    assert set(_points(_series(root, 0).find("svg:polygon", NS))) == {(160, 160)}
    assert _series(root, 0).findall("svg:circle", NS) == []
    second = _series(root, 1)
    assert _points(second.find("svg:polygon", NS))[1] == (160, 160)
    assert [d.get("data-axis") for d in second.findall("svg:circle", NS)] == ["0", "2", "3", "4", "5"]
    assert "Lain: Berorientasi Pelayanan 3, Akuntabel —" in root.find("svg:desc", NS).text


def test_the_svg_is_standalone_accessible_and_labels_the_axes():
    svg = radar_svg(VALUES, [("Diri sendiri", [5] * 7, "#E69F00"), ("Penilai lain (tertimbang)", [4] * 7, "#0072B2")],
                    title="Profil nilai dasar")
    root = _parse(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img" and root.get("aria-label") == "Profil nilai dasar"
    assert root.find("svg:title", NS).text == "Profil nilai dasar"
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    assert width == 320 and height > 0 and root.get("width") == "320"
    labels = root.findall("svg:g[@class='labels']/svg:text", NS)
    # the seven values fit whole (wrapped at most), the first centred above the chart
    assert [" ".join(t.text for t in label) for label in labels] == VALUES
    assert labels[0].get("text-anchor") == "middle" and labels[2].get("text-anchor") == "start"
    assert labels[5].get("text-anchor") == "end"
    legend = [t.text for t in root.findall("svg:g[@class='legend']/svg:text", NS)]
    assert legend == ["Diri sendiri", "Penilai lain (tertimbang)"]
    assert _series(root, 1).find("svg:polygon", NS).get("stroke-dasharray")  # not told apart by colour only


def test_text_is_escaped():
    svg = radar_svg(["R&D <baru>", "B", 'C "kutip"'], [("Tim <A> & B", [1, 2, 3], "green")],
                    title="Judul <x> & y")
    assert "R&amp;D &lt;baru&gt;" in svg and "Tim &lt;A&gt; &amp; B" in svg and "<baru>" not in svg
    root = _parse(svg)
    assert root.get("aria-label") == "Judul <x> & y" and root.find("svg:title", NS).text == "Judul <x> & y"
    first = root.find("svg:g[@class='labels']/svg:text[@data-axis='0']", NS)
    assert " ".join(t.text for t in first) == "R&D <baru>"
    assert root.find("svg:g[@class='legend']/svg:text", NS).text == "Tim <A> & B"


def test_long_labels_are_wrapped_and_cut_to_fit():
    long = "Sangat panjang sekali label sumbu pertama yang jelas tidak akan muat di sini"
    root = _parse(radar_svg([long, "Supercalifragilisticexpialidocious", "C"], [("A", [1, 2, 3], "red")], size=200))
    first, second, _third = root.findall("svg:g[@class='labels']/svg:text", NS)
    lines = [t.text for t in first]
    assert 1 < len(lines) <= 3 and lines[-1].endswith("…")
    assert [t.text for t in second] != ["Supercalifragilisticexpialidocious"]
    assert [t.text for t in second][0].endswith("…")
    # wrapped lines stack at one x, one below the other
    assert len({t.get("x") for t in first}) == 1
    ys = [float(t.get("y")) for t in first]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_output_is_deterministic_with_two_decimals():
    args = (VALUES, [("Diri", [4.123456, 3.5, None, 1, 2, 5, 4.999], "#E69F00")])
    svg = radar_svg(*args, title="x")
    assert svg == radar_svg(*args, title="x")
    coordinates = re.findall(r'\s(?:viewBox|points|x[12]?|y[12]?|cx|cy|r|width|height)="([^"]+)"', svg)
    numbers = [n for c in coordinates for n in re.split(r"[ ,]", c)]
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d{1,2})?", n) for n in numbers)


def test_other_scales_and_a_hair_outside_of_floating_point():
    root = _parse(radar_svg(["a", "b", "c"], [("s", [0, 10, 5], "red")], scale=(0, 10)))
    assert [r.get("data-level") for r in root.findall("svg:g[@class='grid']/svg:polygon", NS)] == [
        str(i) for i in range(11)]
    root = _parse(radar_svg(["a", "b", "c"], [("s", [0, 100, 50], "red")], scale=(0, 100)))
    assert [r.get("data-level") for r in root.findall("svg:g[@class='grid']/svg:polygon", NS)] == [
        "0", "20", "40", "60", "80", "100"]
    radar_svg(["a", "b", "c"], [("s", [5 + 1e-12, 1 - 1e-12, 3], "red")])  # a mean computed as 5.000000000001


@pytest.mark.parametrize(("axes", "series", "kwargs", "message"), [
    (["a", "b"], [], {}, "at least 3 axes"),
    ([], [], {}, "at least 3 axes"),
    (["a", "b", "c"], [("s", [1, 2, 6], "red")], {}, "outside the scale"),
    (["a", "b", "c"], [("s", [0.99, 2, 3], "red")], {}, "outside the scale"),
    (["a", "b", "c"], [("s", [1, 2, 3], "red")], {"scale": (0, 2)}, "outside the scale"),
    (["a", "b", "c"], [("s", [1, 2], "red")], {}, "2 values for 3 axes"),
    (["a", "b", "c"], [("s", [1, 2, float("nan")], "red")], {}, "not a number"),
    (["a", "b", "c"], [("s", [1, 2, True], "red")], {}, "not a number"),
    (["a", "b", "c"], [("s", [1, 2, "3"], "red")], {}, "not a number"),
    (["a", "b", "c"], [("s", [1, 2, 3], " ")], {}, "needs a colour"),
    (["a", "b", "c"], [], {"scale": (5, 1)}, "scale"),
    (["a", "b", "c"], [], {"scale": (1, 1)}, "scale"),
    (["a", "b", "c"], [], {"size": 20}, "size"),
])
def test_errors(axes, series, kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        radar_svg(axes, series, **kwargs)


def test_no_series_draws_the_grid_only():
    root = _parse(radar_svg(["a", "b", "c"], []))
    assert root.findall("svg:g[@class='series']", NS) == [] and root.find("svg:g[@class='legend']", NS) is None
    assert len(root.findall("svg:g[@class='grid']/svg:polygon", NS)) == 5
