"""The Indeks BerAKHLAK of the Likert instrument (DESIGN.md "Index method").

- Value index of a group = 100 × (mean of all its answers to that value's items − scale min) /
  (scale max − scale min). A missing answer is left out, not counted as zero.
- Overall = the mean of the 7 value indices. Rounding is for display only (1 decimal).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

VALUE_CODES = ("BP", "AK", "KO", "HA", "LO", "AD", "KL")
BEHAVIOUR_CODES = tuple(f"{v}{i}" for v in VALUE_CODES for i in (1, 2, 3))
ALLOWED_SCALES = ((1, 4), (1, 5), (1, 6))


def check_scale(scale: tuple[int, int]) -> tuple[int, int]:
    low, high = scale
    if (low, high) not in ALLOWED_SCALES:
        raise ValueError(f"scale {low}-{high} is not supported; use 1-4, 1-5 or 1-6")
    return low, high


def index_from_mean(mean: float | None, scale: tuple[int, int]) -> float | None:
    """100 × (mean − min) / (max − min); ``None`` when there is no answer."""
    low, high = check_scale(scale)
    if mean is None:
        return None
    if not low <= mean <= high:
        raise ValueError(f"a mean on the {low}-{high} scale lies in [{low}, {high}], not {mean}")
    return 100.0 * (mean - low) / (high - low)


def index_from_sums(total: float, count: int, scale: tuple[int, int]) -> float | None:
    """The index from the sum and the number of non-missing answers (how SQL engines return it)."""
    if count < 0 or (count == 0 and total != 0):
        raise ValueError("count must be >= 0 and a zero count has a zero total")
    return index_from_mean(total / count if count else None, scale)


def value_indices(answers: Iterable[Mapping[str, int | None]], scale: tuple[int, int]) -> dict[str, float | None]:
    """Value indices of a group from its respondents' answers ({behaviour code: answer or None})."""
    low, high = check_scale(scale)
    sums = dict.fromkeys(VALUE_CODES, 0)
    counts = dict.fromkeys(VALUE_CODES, 0)
    for respondent in answers:
        for code, answer in respondent.items():
            if answer is None:
                continue
            if not low <= answer <= high:
                raise ValueError(f"{code}: answer {answer} is off the {low}-{high} scale")
            value = code[:2]
            sums[value] += answer
            counts[value] += 1
    return {v: index_from_sums(sums[v], counts[v], scale) for v in VALUE_CODES}


def overall_index(values: Mapping[str, float | None]) -> float | None:
    """Mean of the 7 value indices; ``None`` unless all 7 are present."""
    present = [values.get(v) for v in VALUE_CODES]
    if any(x is None for x in present):
        return None
    return sum(cast(list[float], present)) / len(VALUE_CODES)  # none is None (checked above)


def display(index: float | None) -> float | None:
    """Round half away from zero to 1 decimal, for display only (60.85 → 60.9)."""
    if index is None:
        return None
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(index)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
