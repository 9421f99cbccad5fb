"""Template filters of the 360 pages: scores as the reports print them, and heatmap colours."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from berakhlak.feedback360.rules import display

register = template.Library()


@register.filter
def score(value, places: int = 2) -> str:
    """A score with 2 decimals, half-up (``rules.display``), with a decimal comma in Indonesian; "—"
    for none."""
    shown = display(value, int(places)) if value is not None else None
    if shown is None:
        return "—"
    text = f"{shown:.{int(places)}f}"
    return text if (get_language() or "id")[:2] == "en" else text.replace(".", ",")


@register.filter
def signed(value) -> str:
    if value is None:
        return "—"
    text = score(value)
    return text if text.startswith("-") else f"+{text}"


@register.filter
def heat(value) -> str:
    """A background class for a 1–5 score: below 3 (under expectation), 3 to 3.5, 3.5 to 4, from 4."""
    if value is None:
        return "heat-none"
    v = display(value)
    if v < 3:
        return "heat-low"
    if v < 3.5:
        return "heat-mid"
    if v < 4:
        return "heat-good"
    return "heat-high"


@register.filter
def get(mapping, key):
    """``mapping[key]`` in a template (``None`` when missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def percent_of(part, whole) -> int:
    return round(100 * (part or 0) / whole) if whole else 0
