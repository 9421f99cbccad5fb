"""Health bands of the Indeks BerAKHLAK.

Source: Kemendikbudristek 2022 culture-survey report, as summarised in REGULATIONS.md §2:
A "Sehat" 75–100 %, B "Cukup Sehat" 50–74.9 %, C "Tidak Sehat" below 50 %. Whether a band D exists
below 25 % is **unconfirmed** (the source is cut off at "25 % –"), so the bands are configurable:
``Band`` thresholds are lower bounds, checked from the highest down.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Band:
    code: str
    lower: float  # inclusive lower bound of the index (0–100)
    label_id: str
    label_en: str


DEFAULT_BANDS: tuple[Band, ...] = (
    Band("A", 75.0, "Sehat", "Healthy"),
    Band("B", 50.0, "Cukup Sehat", "Fairly healthy"),
    Band("C", 0.0, "Tidak Sehat", "Unhealthy"),
)


def validate_bands(bands: tuple[Band, ...]) -> None:
    """Bands must be non-empty, strictly descending, and the last must start at 0."""
    if not bands:
        raise ValueError("at least one band is needed")
    lowers = [b.lower for b in bands]
    if any(a <= b for a, b in zip(lowers, lowers[1:])):
        raise ValueError(f"band lower bounds must strictly descend: {lowers}")
    if lowers[-1] != 0:
        raise ValueError("the last band must start at 0")
    if len({b.code for b in bands}) != len(bands):
        raise ValueError("band codes must be unique")


def band_for(index: float | None, bands: tuple[Band, ...] = DEFAULT_BANDS) -> Band | None:
    """The band of an index on 0–100 (``None`` for a suppressed or missing index).

    The index is compared unrounded: 74.96 is band B even though it displays as "75.0".
    """
    if index is None:
        return None
    if not 0 <= index <= 100:
        raise ValueError(f"an index lies between 0 and 100, not {index}")
    for band in bands:
        if index >= band.lower:
            return band
    raise AssertionError("unreachable: the last band starts at 0")
