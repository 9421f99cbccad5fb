"""Trends between two waves of the Indeks BerAKHLAK (DESIGN.md "Capabilities" 2: trends).

Both waves are given as the ``units`` entries of the index JSON (DESIGN.md "Index JSON"): ``unit``
(code), ``suppressed``, ``values`` ({value code: index}), ``overall``. A suppressed entry has ``null``
for every number (DESIGN.md "Index method": suppression), so a change that involves it is ``None``
too, as is a change for a unit present in one wave only: a trend never reveals a hidden number.

Changes are taken between the published numbers (1 decimal), in decimal arithmetic, so that a reader
subtracting the two published figures finds exactly the printed change (60.9 − 57.3 = 3.6, not the
binary 3.6000000000000014).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from berakhlak.analytics.likert import VALUE_CODES


def _by_code(units: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for entry in units:
        code = entry["unit"]
        if code in out:
            raise ValueError(f"unit {code!r} appears twice in one wave")
        out[code] = entry
    return out


def _number(entry: Mapping[str, Any] | None, value: str | None) -> float | None:
    if entry is None or entry.get("suppressed"):
        return None
    return entry.get("overall") if value is None else (entry.get("values") or {}).get(value)


def _delta(now: float | None, before: float | None) -> float | None:
    if now is None or before is None:
        return None
    return float(Decimal(repr(float(now))) - Decimal(repr(float(before))))


def change(current_units: Iterable[Mapping[str, Any]], previous_units: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per unit code found in either wave, sorted by code: ``{"unit": code, "values": {value code:
    current − previous | None}, "overall": current − previous | None}``; ``None`` when either side is
    suppressed, missing or has no number."""
    now, before = _by_code(current_units), _by_code(previous_units)
    return [
        {"unit": code,
         "values": {v: _delta(_number(now.get(code), v), _number(before.get(code), v)) for v in VALUE_CODES},
         "overall": _delta(_number(now.get(code), None), _number(before.get(code), None))}
        for code in sorted(now.keys() | before.keys())
    ]


def biggest_improvement(changes: Iterable[Mapping[str, Any]], *, limit: int = 10) -> list[Mapping[str, Any]]:
    """The ``limit`` entries of ``change`` (units, or agencies given in the same shape) with the largest
    overall change, largest first, ties by code; entries without an overall change are skipped."""
    if limit < 0:
        raise ValueError("limit must be 0 or more")
    ranked = [entry for entry in changes if entry.get("overall") is not None]
    return sorted(ranked, key=lambda entry: (-entry["overall"], entry["unit"]))[:limit]
