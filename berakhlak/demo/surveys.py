"""Demo culture-survey waves for the demo agency, loaded through the real pipeline.

Waves ``2022``, ``2023`` and ``2024`` are simulated answers (``survey_answers.simulate_wave``) loaded
with ``responses_import`` (as ``berakhlak survey import-responses`` does) and computed with
``index_compute``. The agency-level 2022 result reproduces the national 2022 table of REGULATIONS.md
§2 (57.9, 74.1, 56.7, 63.8, 65.8, 38.9, 69.4 → 60.9) from raw answers; later waves improve, and one
unit (the first level-1 unit by code, "Biro Umum"-like) is the clear biggest improvement. A fourth
wave ``2025`` is left open so that the demo employee can answer it.
"""

from __future__ import annotations

import csv
import random
import tempfile
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Count

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.demo.survey_answers import TABLE_2022, simulate_wave
from berakhlak.org.models import Agency, Employee, Unit
from berakhlak.surveys.indexing import index_compute
from berakhlak.surveys.models import InstrumentKind, Wave
from berakhlak.surveys.services import instrument_builtin, responses_import, wave_create, wave_launch

TARGETS = {
    "2022": TABLE_2022,
    "2023": {"BP": 60.2, "AK": 75.0, "KO": 58.9, "HA": 65.1, "LO": 67.0, "AD": 44.6, "KL": 70.3},
    "2024": {"BP": 63.5, "AK": 76.4, "KO": 61.8, "HA": 67.2, "LO": 68.9, "AD": 51.3, "KL": 72.0},
}
IMPROVER_EFFECT = {"2022": -0.35, "2023": 0.0, "2024": 0.45}  # scale points, on the improving unit's subtree
RESPONSE_RATE = {"2022": 0.93, "2023": 0.95, "2024": 0.96}


def improving_unit(agency: Agency) -> Unit:
    return Unit.objects.filter(agency=agency, depth=1).order_by("code").first()


def demo_wave_rows(agency: Agency, code: str) -> list[dict]:
    """The simulated respondents of one demo wave (deterministic)."""
    improver = improving_unit(agency)
    rng = random.Random(f"demo-{code}")
    heads = (Employee.objects.filter(agency=agency, is_active=True).values("unit_id", "unit__code", "unit__path")
             .annotate(n=Count("id")).order_by("unit__code"))
    units = []
    for row in heads:
        respondents = round(row["n"] * RESPONSE_RATE[code])
        effect = rng.uniform(-0.15, 0.15)
        if improver is not None and row["unit__path"].startswith(improver.path):
            effect = IMPROVER_EFFECT[code]
        units.append((row["unit__code"], respondents, effect))
    return simulate_wave(units, TARGETS[code], seed=int(code))


def demo_waves(agency: Agency) -> list[Wave]:
    """Load (once) the three computed demo waves and the open 2025 wave."""
    waves = []
    for code in TARGETS:
        wave = Wave.objects.filter(agency=agency, code=code).first()
        if wave is None:
            rows = demo_wave_rows(agency, code)
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"jawaban-{code}.csv"
                with path.open("w", newline="", encoding="utf-8") as fh:
                    out = csv.writer(fh)
                    out.writerow(["respondent", "unit_kode", *BEHAVIOUR_CODES])
                    for i, r in enumerate(rows, start=1):
                        out.writerow([f"{code}-{i:05d}", r["unit"], *("" if r[b] is None else r[b] for b in BEHAVIOUR_CODES)])
                with transaction.atomic():
                    responses_import(source=path, agency=agency, wave_code=code, filename=path.name)
                    wave = Wave.objects.get(agency=agency, code=code)
                    year = int(code)
                    wave.title = f"Survei Budaya Kerja {code}"
                    wave.opens_on, wave.closes_on = date(year, 9, 1), date(year, 9, 30)
                    wave.save(update_fields=["title", "opens_on", "closes_on"])
            index_compute(wave=wave)
        waves.append(wave)
    if not Wave.objects.filter(agency=agency, code="2025").exists():
        wave = wave_create(actor=None, agency=agency, code="2025", title="Survei Budaya Kerja 2025",
                           instrument=instrument_builtin(InstrumentKind.LIKERT, (1, 5)),
                           opens_on=date(2025, 9, 1), closes_on=date(2026, 12, 31))
        wave_launch(actor=None, wave=wave, send=False)
        waves.append(wave)
    return waves
