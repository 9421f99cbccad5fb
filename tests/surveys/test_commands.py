"""``berakhlak survey import-responses`` and ``berakhlak index compute|show``: all-or-nothing imports with
``FILE:ROW: column: reason`` lines, the DESIGN.md index JSON exactly, idempotent runs."""

from __future__ import annotations

import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.surveys.models import (
    MetricResult,
    Response,
    UnitResult,
    Wave,
    WaveStatus,
)
from tests.commands import run_command
from tests.factories import AgencyFactory, UnitFactory

pytestmark = pytest.mark.django_db
HEADER = "respondent,unit_kode," + ",".join(BEHAVIOUR_CODES) + "\n"


@pytest.fixture
def agency(db):
    agency = AgencyFactory(code="UJI", name="Badan Uji")
    root = UnitFactory(agency=agency, code="ROOT")
    a = UnitFactory(parent=root, code="A")
    UnitFactory(parent=root, code="B")
    UnitFactory(parent=a, code="A1")
    return agency


def rows(spec, seed=1):
    """``spec``: unit code → number of respondents; answers random 1–5 with some blanks."""
    rng = random.Random(seed)
    lines, n = [], 0
    for unit, count in spec.items():
        for _ in range(count):
            n += 1
            cells = ["" if rng.random() < 0.05 else str(rng.randint(1, 5)) for _ in BEHAVIOUR_CODES]
            lines.append(f"R{n},{unit}," + ",".join(cells))
    return lines


def brute_force(lines, units):
    """The index of the respondents whose unit is in ``units``, straight from the file."""
    sums = {v: [0, 0] for v in VALUE_CODES}
    count = 0
    for line in lines:
        cells = line.split(",")
        if cells[1] not in units:
            continue
        count += 1
        for code, cell in zip(BEHAVIOUR_CODES, cells[2:]):
            if cell:
                sums[code[:2]][0] += int(cell)
                sums[code[:2]][1] += 1
    values = {v: 100 * (s / n - 1) / 4 for v, (s, n) in sums.items()}
    return count, values, sum(values.values()) / 7


def test_import_creates_a_closed_anonymous_wave_and_index_show_follows_the_schema(agency, write):
    lines = rows({"ROOT": 3, "A": 9, "A1": 7, "B": 2})
    path = write("jawaban.csv", HEADER + "\n".join(lines) + "\n")
    code, out, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024")
    assert code == 0, err
    wave = Wave.objects.get(agency=agency, code="2024")
    assert wave.status == WaveStatus.CLOSED and wave.anonymous and wave.instrument.scale == (1, 5)
    assert Response.objects.filter(wave=wave).count() == 21
    # re-running the same file changes nothing
    assert run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024")[0] == 0
    assert Response.objects.filter(wave=wave).count() == 21
    assert run_command("index", "compute", "--wave", "2024", "--agency", "UJI")[0] == 0
    code, out, _ = run_command("index", "show", "--wave", "2024", "--agency", "UJI", "--format", "json")
    data = json.loads(out)
    assert list(data) == ["wave", "scale", "min_group", "units"]
    assert data["wave"] == "2024" and data["scale"] == [1, 5] and data["min_group"] == 5
    by_unit = {u["unit"]: u for u in data["units"]}
    assert set(by_unit) == {"ROOT", "A", "A1", "B"}
    root = by_unit["ROOT"]
    assert list(root) == ["unit", "respondents", "suppressed", "values", "overall", "categories", "overall_category"]
    n, values, overall = brute_force(lines, {"ROOT", "A", "A1", "B"})
    assert root["respondents"] == n == 21 and root["suppressed"] is False
    for v in VALUE_CODES:
        assert root["values"][v] == pytest.approx(round(values[v], 1), abs=0.051)
    assert root["overall"] == pytest.approx(overall, abs=0.051)
    # A with its subtree (16) is shown; B (2) is below the minimum group and nulls every number;
    # A1 (7) would let B be computed from ROOT − A? No: ROOT − A = 5 (3 direct + 2 in B) ≥ 5, so A1 shows.
    a_n, a_values, _ = brute_force(lines, {"A", "A1"})
    assert by_unit["A"]["respondents"] == a_n == 16
    assert by_unit["A"]["values"]["AD"] == pytest.approx(a_values["AD"], abs=0.051)
    assert by_unit["B"] == {"unit": "B", "respondents": None, "suppressed": True, "values": dict.fromkeys(VALUE_CODES),
                            "overall": None, "categories": dict.fromkeys(VALUE_CODES), "overall_category": None}
    # one unit
    code, out, _ = run_command("index", "show", "--wave", "2024", "--unit", "A", "--format", "json")
    assert [u["unit"] for u in json.loads(out)["units"]] == ["A"]
    # compute again: same rows, not doubled
    before = (UnitResult.objects.count(), MetricResult.objects.count())
    run_command("index", "compute", "--wave", "2024")
    assert (UnitResult.objects.count(), MetricResult.objects.count()) == before
    code, table, _ = run_command("index", "show", "--wave", "2024", "--format", "table")
    assert "disembunyikan" in table and "ROOT" in table


def test_bad_answers_are_listed_and_nothing_is_written(agency, write):
    good = rows({"A": 2})
    bad = [
        "R10,A," + ",".join(["7"] + ["3"] * 20),          # off the scale
        "R11,A," + ",".join(["x"] + ["3"] * 20),          # not a number
        "R12,NOPE," + ",".join(["3"] * 21),               # unknown unit
        "R13,A," + ",".join(["2.5"] + ["3"] * 20),        # not a whole number
        "R10,A," + ",".join(["3"] * 21),                  # the same respondent twice
    ]
    path = write("jawaban.csv", HEADER + "\n".join(good + bad) + "\n")
    code, out, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024")
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("jawaban.csv") or "jawaban.csv:" in line]
    text = "\n".join(lines)
    assert "jawaban.csv:4: BP1:" in text and "1-5" in text
    assert "jawaban.csv:5: BP1:" in text and "angka" in text
    assert "jawaban.csv:6: unit_kode:" in text
    assert "jawaban.csv:7: BP1:" in text
    assert "jawaban.csv:8: respondent:" in text
    assert "tidak ada yang disimpan" in err
    assert not Wave.objects.filter(code="2024").exists() and not Response.objects.exists()


def test_a_missing_column_is_reported_on_row_one(agency, write):
    header = HEADER.replace(",KL3", "")
    path = write("jawaban.csv", header + "R1,A," + ",".join(["3"] * 20) + "\n")
    code, _, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024")
    assert code == 1 and "jawaban.csv:1: KL3: kolom wajib tidak ada" in err


def test_scale_option_and_its_errors(agency, write):
    path = write("jawaban.csv", HEADER + "R1,A," + ",".join(["6"] * 21) + "\n")
    assert run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024")[0] == 1
    code, _, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024", "--scale", "1-6")
    assert code == 0, err
    assert Wave.objects.get(code="2024").instrument.scale == (1, 6)
    with pytest.raises(CommandError):
        call_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024", "--scale", "0-9")
    # a wave that exists keeps its scale
    code, _, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024", "--scale", "1-5")
    assert code == 1 and "1-6" in err


def test_index_show_before_compute_says_what_to_do(agency, write):
    path = write("jawaban.csv", HEADER + "\n".join(rows({"A": 5})) + "\n")
    run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024")
    with pytest.raises(CommandError, match="index compute"):
        call_command("index", "show", "--wave", "2024", "--format", "json")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("index", "show", "--wave", "1999", "--format", "json")


def test_a_row_without_any_answer_is_refused_but_a_refused_answer_is_not_reported_twice(agency, write):
    path = write("jawaban.csv", HEADER + "R1,A," + "," * 20 + "\n" + "R2,A," + ",".join(["9"] + [""] * 20) + "\n")
    code, _, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "2024")
    assert code == 1
    assert "jawaban.csv:2: -: tidak ada jawaban sama sekali" in err
    assert "jawaban.csv:3: BP1:" in err and "jawaban.csv:3: -:" not in err
