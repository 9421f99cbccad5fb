"""Deterministic simulated answers to the BerAKHLAK Likert instrument for the demo waves.

The agency-level Indeks BerAKHLAK computed from these raw answers by the real pipeline reproduces
given targets exactly at display precision (for the 2022 wave: the national table of REGULATIONS.md
§2, as the study's "Gambar 1" shows for BKN). Units differ from each other through a per-unit effect,
and people and items vary, so the answers look like a survey, not a constant.
Standard library and the pure codes of ``analytics.likert`` only.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from berakhlak.analytics.likert import VALUE_CODES

TABLE_2022 = {"BP": 57.9, "AK": 74.1, "KO": 56.7, "HA": 63.8, "LO": 65.8, "AD": 38.9, "KL": 69.4}


def _round1(x: float) -> float:
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _target_total(index: float, answers: int, low: int, high: int) -> int:
    """The integer sum of ``answers`` answers whose index displays as ``index`` (closest to it)."""
    exact = (low + index / 100 * (high - low)) * answers
    for delta in sorted(range(-answers, answers + 1), key=abs):
        total = round(exact) + delta
        if low * answers <= total <= high * answers and \
                _round1(100 * (total / answers - low) / (high - low)) == _round1(index):
            return total
    raise ValueError(f"no sum of {answers} answers on {low}-{high} gives index {index}")


def simulate_wave(units: Sequence[tuple[object, int, float]], targets: Mapping[str, float], *,
                  scale: tuple[int, int] = (1, 5), seed: int = 2022, missing_rate: float = 0.02) -> list[dict]:
    """Respondent rows ``{"unit": unit, "BP1": 4, …}`` (None = no answer).

    ``units``: (unit, respondents, effect) — the effect shifts that unit's answers, in scale points
    (e.g. +0.4 for a unit doing clearly better). ``targets``: value code → index (0–100) the whole
    set must display.
    """
    low, high = scale
    rng = random.Random(seed)
    rows: list[dict] = []
    for unit, count, effect in units:
        for _ in range(count):
            person = rng.gauss(0, 0.45)
            row: dict = {"unit": unit}
            for value in VALUE_CODES:
                mean = low + targets[value] / 100 * (high - low)
                for i in (1, 2, 3):
                    if rng.random() < missing_rate:
                        row[f"{value}{i}"] = None
                        continue
                    answer = round(mean + effect + person + rng.gauss(0, 0.6))
                    row[f"{value}{i}"] = min(high, max(low, answer))
            rows.append(row)
    # nudge single answers, chosen at random, until each value's total is exactly on target
    for value in VALUE_CODES:
        cells = [(r, f"{value}{i}") for r in rows for i in (1, 2, 3) if r[f"{value}{i}"] is not None]
        if not cells:
            continue
        total = sum(r[c] for r, c in cells)
        goal = _target_total(targets[value], len(cells), low, high)
        order = list(range(len(cells)))
        rng.shuffle(order)
        position = 0
        while total != goal:
            r, c = cells[order[position % len(order)]]
            position += 1
            if total < goal and r[c] < high:
                r[c] += 1
                total += 1
            elif total > goal and r[c] > low:
                r[c] -= 1
                total -= 1
    return rows
