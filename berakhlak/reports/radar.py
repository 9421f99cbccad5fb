"""A radar (spider) chart as standalone SVG markup, written by hand: no Django, no plotting library,
deterministic (the same input gives the same string), so that a PDF can embed it and a test can read
its coordinates.

``radar_svg(axes, series)`` draws one axis per label, the first pointing up and the others clockwise at
equal angles; one concentric polygon per level of the scale, numbered along the first axis; the labels
outside the outer polygon, wrapped (and cut with "…" when a word is too long) to the room left by the
edge of the drawing; one closed polygon per series with a semi-transparent fill and a dot on each vertex;
and a legend under the chart.

Geometry (``geometry(size)``): the chart is drawn in a ``size`` × ``size`` square, centred in it; the
outer polygon (the top of the scale) has the radius ``RADIUS × size``. The ``viewBox`` keeps the whole
width of the square but only the height its labels need (its y origin is not 0), and adds the legend
below. A value ``v`` of
the scale ``(lo, hi)`` lies at ``(v − lo + 1) / (hi − lo + 1)`` of that radius, so that the lowest level
is the innermost polygon and the centre itself stands for "no value": a ``None`` is drawn at the centre
and gets no dot. Coordinates are rounded to 2 decimals.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from html import escape

__all__ = ["RADIUS", "geometry", "point", "radar_svg"]

RADIUS = 0.28  # of ``size``: the rest of the square is the labels' room
FONT = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif"
GRID, AXIS, TEXT, MUTED = "#C8C8C8", "#9A9A9A", "#222222", "#6B6B6B"
_CHAR = 0.62  # average advance of a character, in font sizes (DejaVu Sans is wide)
_TOLERANCE = 1e-9  # a mean computed in floating point may land a hair outside the scale
MAX_LINES = 3


def _n(x: float) -> str:
    """A coordinate with at most 2 decimals and no needless zeros: 160 → "160", 62.5 → "62.5"."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def geometry(size: int) -> tuple[float, float, float]:
    """``(cx, cy, radius)`` of the chart drawn in a ``size`` square."""
    return size / 2, size / 2, size * RADIUS


def _angle(i: int, count: int) -> float:
    """The angle of axis ``i`` of ``count`` in SVG coordinates (y down): −90° is up, then clockwise."""
    return -math.pi / 2 + 2 * math.pi * i / count


def point(i: int, count: int, fraction: float, size: int) -> tuple[float, float]:
    """Where ``fraction`` of the outer radius lies on axis ``i`` of ``count``, rounded to 2 decimals."""
    cx, cy, radius = geometry(size)
    a = _angle(i, count)
    return round(cx + radius * fraction * math.cos(a), 2), round(cy + radius * fraction * math.sin(a), 2)


def _fraction(value: float | None, lo: int, hi: int) -> float:
    if value is None:
        return 0.0
    return (value - lo + 1) / (hi - lo + 1)


def _levels(lo: int, hi: int) -> list[int]:
    """Every level of a short scale; about five evenly spaced ones (and the top) of a long one."""
    if hi - lo <= 10:
        return list(range(lo, hi + 1))
    step = math.ceil((hi - lo) / 5)
    levels = list(range(lo, hi, step))
    return [*levels, hi]


def _check(axes: Sequence[str], series: Sequence, scale: tuple[int, int], size: int) -> tuple[int, int]:
    if len(axes) < 3:
        raise ValueError(f"a radar chart needs at least 3 axes, not {len(axes)}")
    lo, hi = scale
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (lo, hi)) or lo >= hi:
        raise ValueError(f"the scale is two integers, lowest first, not {scale!r}")
    if not isinstance(size, int) or isinstance(size, bool) or size < 100:
        raise ValueError(f"size is an integer of at least 100, not {size!r}")
    for name, values, colour in series:
        if len(values) != len(axes):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(axes)} axes")
        if not str(colour).strip():
            raise ValueError(f"series {name!r} needs a colour")
        for v in values:
            if v is None:
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"series {name!r}: {v!r} is not a number")
            if not lo - _TOLERANCE <= v <= hi + _TOLERANCE:
                raise ValueError(f"series {name!r}: {v} lies outside the scale {lo}–{hi}")
    return lo, hi


def _wrap(label: str, max_chars: int) -> list[str]:
    """The label in at most ``MAX_LINES`` lines of at most ``max_chars`` characters; a word too long,
    or text left over, is cut with "…"."""
    words = " ".join(str(label).split())
    if not words:
        return []
    lines = textwrap.wrap(words, max_chars, break_long_words=False, break_on_hyphens=True)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: max_chars - 1].rstrip() + "…"
    return [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]


def _label(i: int, count: int, text: str, size: int, font: float) -> tuple[str, float, float]:
    """One axis label outside the outer polygon, anchored by the side it falls on and wrapped to the
    room between its anchor and the edge of the drawing; with the top and bottom of its lines."""
    cx, cy, radius = geometry(size)
    a = _angle(i, count)
    cos, sin = math.cos(a), math.sin(a)
    gap = font * 1.2
    x, y = cx + (radius + gap) * cos, cy + (radius + gap) * sin
    margin = 2
    if cos > 0.3:
        anchor, room = "start", size - margin - x
    elif cos < -0.3:
        anchor, room = "end", x - margin
    else:
        anchor, room = "middle", min(2 * min(x, size - x) - 2 * margin, size * 0.5)
    lines = _wrap(text, max(4, int(room / (font * _CHAR))))
    line_height = font * 1.15
    if sin < -0.3:  # above the chart: the last line sits on the anchor
        first = y - (len(lines) - 1) * line_height
    elif sin > 0.3:  # below: the first line hangs from it
        first = y + font * 0.8
    else:  # beside: centred on it
        first = y - (len(lines) - 1) * line_height / 2 + font * 0.35
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(first + k * line_height)}">{escape(line)}</tspan>'
        for k, line in enumerate(lines))
    markup = (f'<text class="axis-label" data-axis="{i}" text-anchor="{anchor}" font-size="{_n(font)}" '
              f'fill="{TEXT}">{spans}</text>')
    return markup, first - font, first + (len(lines) - 1) * line_height + font * 0.3


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _desc(axes: Sequence[str], series: Sequence) -> str:
    """The numbers in words, for screen readers and text extraction."""
    parts = []
    for name, values, _colour in series:
        shown = ", ".join(f"{axis} {'—' if v is None else _n(v)}" for axis, v in zip(axes, values, strict=True))
        parts.append(f"{name}: {shown}")
    return escape("; ".join(parts))


def radar_svg(axes: list[str], series: list[tuple[str, list[float | None], str]], *,
              scale: tuple[int, int] = (1, 5), size: int = 320, title: str = "") -> str:
    """SVG markup of a radar chart: ``axes`` labels (3 or more), ``series`` of ``(name, values, CSS
    colour)`` with one value (or ``None``) per axis on ``scale``. ``ValueError`` on a value outside the
    scale, fewer than 3 axes, or a series of the wrong length."""
    lo, hi = _check(axes, series, scale, size)
    title = str(title)  # lazy translations welcome
    axes = [str(a) for a in axes]
    series = [(str(name), values, colour) for name, values, colour in series]
    count = len(axes)
    cx, cy, _radius = geometry(size)
    font = round(size / 30, 2)
    small = round(font * 0.8, 2)
    line = font * 1.5
    labels = [_label(i, count, axis, size, font) for i, axis in enumerate(axes)]
    # the drawing spans the labels' lines and the chart, then the legend; x spans the whole square
    outer = [point(i, count, 1.0, size) for i in range(count)]
    top = max(0.0, min([min(y for _x, y in outer) - small * 1.5, *(t for _m, t, _b in labels)]) - font * 0.4)
    bottom = min(float(size), max([max(y for _x, y in outer) + small, *(b for _m, _t, b in labels)]) + font * 0.4)
    legend_top = bottom + font * 0.4
    height = bottom - top + (len(series) * line + font * 0.6 if series else 0)
    out = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {_n(top)} {_n(size)} {_n(height)}" '
         f'width="{_n(size)}" height="{_n(height)}" role="img" aria-label="{escape(title)}" font-family="{FONT}">'),
        f"<title>{escape(title)}</title>",
        f"<desc>{_desc(axes, series)}</desc>",
        '<g class="grid" fill="none">',
    ]
    levels = _levels(lo, hi)
    for level in levels:
        ring = [point(i, count, _fraction(level, lo, hi), size) for i in range(count)]
        stroke = AXIS if level == hi else GRID
        out.append(f'<polygon class="level" data-level="{level}" points="{_points(ring)}" stroke="{stroke}" '
                   f'stroke-width="{"1" if level == hi else "0.75"}"/>')
    for i in range(count):
        x, y = point(i, count, 1.0, size)
        out.append(f'<line class="axis" x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" stroke="{GRID}" '
                   f'stroke-width="0.75"/>')
    out.append("</g>")
    out.append(f'<g class="levels" font-size="{_n(small)}" fill="{MUTED}">')
    for level in levels:
        x, y = point(0, count, _fraction(level, lo, hi), size)
        out.append(f'<text x="{_n(x + small * 0.6)}" y="{_n(y - small * 0.25)}">{level}</text>')
    out.append("</g>")
    out.append('<g class="labels">')
    out.extend(markup for markup, _t, _b in labels)
    out.append("</g>")
    for k, (name, values, colour) in enumerate(series):
        colour = escape(str(colour).strip())
        vertices = [point(i, count, _fraction(v, lo, hi), size) for i, v in enumerate(values)]
        dash = ' stroke-dasharray="5 3"' if k % 2 else ""
        out.append(f'<g class="series" data-series="{k}" aria-label="{escape(str(name))}">')
        out.append(f'<polygon points="{_points(vertices)}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" '
                   f'stroke-width="2" stroke-linejoin="round"{dash}/>')
        for i, ((x, y), v) in enumerate(zip(vertices, values, strict=True)):
            if v is not None:
                out.append(f'<circle data-axis="{i}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(size / 110)}" '
                           f'fill="{colour}" stroke="#FFFFFF" stroke-width="0.75"/>')
        out.append("</g>")
    if series:
        widest = max(len(str(name)) for name, _v, _c in series) * font * _CHAR + font * 2.2
        left = max(2.0, (size - widest) / 2)
        out.append(f'<g class="legend" font-size="{_n(font)}" fill="{TEXT}">')
        for k, (name, _values, colour) in enumerate(series):
            colour = escape(str(colour).strip())
            y = legend_top + k * line
            dash = ' stroke-dasharray="5 3"' if k % 2 else ""
            out.append(f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(font * 1.5)}" height="{_n(font)}" '
                       f'fill="{colour}" fill-opacity="0.18" stroke="{colour}" stroke-width="2"{dash}/>')
            out.append(f'<text x="{_n(left + font * 2.2)}" y="{_n(y + font * 0.85)}">{escape(str(name))}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
