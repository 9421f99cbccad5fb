"""``berakhlak skp recap``: the annual predikat of each unit with its whole subtree, as exactly the
DESIGN.md "SKP recap JSON", checked key by key against a count straight from the ratings."""

from __future__ import annotations

import io
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from berakhlak.org.models import Employee, PositionKind, Unit
from berakhlak.performance import rules
from berakhlak.performance.models import Evaluation, Source
from berakhlak.performance.selectors import recap, recap_years
from berakhlak.performance.services import (
    evaluation_rate,
    year_setup,
)
from tests.factories import EmployeeFactory, PositionFactory, UnitFactory
from tests.performance.helpers import approved_skp, run_skp

pytestmark = pytest.mark.django_db
HEADER = "nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja\n"




def recap_json(*args) -> dict:
    code, out, err = run_skp("recap", "--agency", "KEMENX", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def org(skp_org):
    """skp_org plus a fourth level (SEKSI under BAG-A1), an empty unit (BIRO-C) and more staff."""
    seksi = UnitFactory(parent=skp_org["bag_a1"], code="SEKSI-A1X", name="Subbagian A1X")
    biro_c = UnitFactory(parent=skp_org["root"], code="BIRO-C", name="Biro C")
    position = PositionFactory(agency=skp_org["agency"], name="Pengolah Data", kind=PositionKind.PELAKSANA)
    extra = [EmployeeFactory(unit=unit, position=position)
             for unit, n in ((seksi, 7), (skp_org["bag_a1"], 4), (skp_org["biro_b"], 5), (skp_org["root"], 2))
             for _ in range(n)]
    return {**skp_org, "seksi": seksi, "biro_c": biro_c, "extra": extra}




def import_file(org, write, ratings: dict, periodic: dict | None = None, year: int = 2024):
    """Import ``ratings`` ({employee: (hasil, perilaku)}) as annual rows, ``periodic`` as TW2 rows."""
    lines = [f"{e.nip},{year},TAHUNAN,{h},{p}" for e, (h, p) in ratings.items()]
    lines += [f"{e.nip},{year},TW2,{h},{p}" for e, (h, p) in (periodic or {}).items()]
    path = write("nilai.csv", HEADER + "\n".join(lines) + "\n")
    code, out, err = run_skp("import-ratings", str(path), "--agency", "KEMENX")
    assert code == 0, err


def brute_force(annual: dict, unit_of: dict[int, Unit]) -> dict[str, dict[str, int]]:
    """Per unit code, the predikat of the employees rated whose unit (when rated) lies in its subtree."""
    out = {}
    for unit in Unit.objects.filter(agency__code="KEMENX"):
        counts = dict.fromkeys(rules.PREDIKATS, 0)
        for emp, (h, p) in annual.items():
            if unit_of[emp.pk].path.startswith(unit.path):
                counts[rules.predikat(h, p)] += 1
        out[unit.code] = counts
    return out


def random_ratings(people, seed):
    rng = random.Random(seed)
    return {e: (rng.choice(rules.RATINGS), rng.choice(rules.RATINGS)) for e in people}


def kemenx_people(org):
    return list(Employee.objects.filter(agency=org["agency"]).select_related("unit").order_by("nip"))


def test_the_json_is_the_design_schema_key_by_key_against_a_brute_force_count(org, write):
    people = kemenx_people(org)
    rated, unrated = people[:-3], people[-3:]
    annual = random_ratings(rated, seed=7)
    import_file(org, write, annual, periodic=random_ratings(people, seed=8))  # periodic rows do not count
    data = recap_json("--year", "2024")
    assert list(data) == ["agency", "year", "units"]
    assert (data["agency"], data["year"]) == ("KEMENX", 2024)
    units = list(Unit.objects.filter(agency=org["agency"]).order_by("path"))
    assert [u["unit"] for u in data["units"]] == [u.code for u in units]  # every unit, in tree order
    expected = brute_force(annual, {e.pk: e.unit for e in people})
    for entry in data["units"]:
        assert list(entry) == ["unit", "employees", "predikat"]
        assert list(entry["predikat"]) == list(rules.PREDIKATS)
        assert entry["predikat"] == expected[entry["unit"]], entry["unit"]
        assert entry["employees"] == sum(expected[entry["unit"]].values())
        assert all(type(n) is int for n in entry["predikat"].values())
    by_code = {u["unit"]: u for u in data["units"]}
    assert by_code["ROOT"]["employees"] == len(rated) and len(unrated) == 3
    assert by_code["BIRO-C"] == {"unit": "BIRO-C", "employees": 0, "predikat": dict.fromkeys(rules.PREDIKATS, 0)}


def test_each_unit_rolls_up_its_whole_subtree_and_unit_gives_that_unit_only(org, write):
    people = kemenx_people(org)
    annual = {e: (rules.SESUAI, rules.SESUAI) for e in people}
    for e in people:
        if e.unit_id == org["seksi"].pk:
            annual[e] = (rules.DIATAS, rules.DIATAS)
    import_file(org, write, annual)
    seksi = Employee.objects.filter(unit=org["seksi"]).count()
    in_bag = Employee.objects.filter(unit=org["bag_a1"]).count()
    in_biro_a = Employee.objects.filter(unit=org["biro_a"]).count()
    data = recap_json("--year", "2024", "--unit", "BIRO-A")
    assert data == {"agency": "KEMENX", "year": 2024, "units": [
        {"unit": "BIRO-A", "employees": seksi + in_bag + in_biro_a,
         "predikat": {"SANGAT_BAIK": seksi, "BAIK": in_bag + in_biro_a, "BUTUH_PERBAIKAN": 0, "KURANG": 0,
                      "SANGAT_KURANG": 0}}]}
    assert recap_json("--year", "2024", "--unit", "SEKSI-A1X")["units"] == [
        {"unit": "SEKSI-A1X", "employees": seksi, "predikat": {"SANGAT_BAIK": seksi, "BAIK": 0, "BUTUH_PERBAIKAN": 0,
                                                                "KURANG": 0, "SANGAT_KURANG": 0}}]
    root = recap_json("--year", "2024", "--unit", "ROOT")["units"]
    assert root[0]["employees"] == len(people)


@pytest.mark.parametrize("ids_max", [500, 1])
def test_a_scope_filtered_list_of_units_gets_the_same_numbers(org, write, monkeypatch, ids_max):
    """Few units: their subtrees are counted alone; many (above ``SUBTREE_IDS_MAX``): every unit is
    counted and the wanted ones kept. Same numbers either way."""
    import berakhlak.performance.selectors as selectors

    import_file(org, write, random_ratings(kemenx_people(org), seed=5))
    whole = {u["unit"]: u for u in recap_json("--year", "2024")["units"]}
    monkeypatch.setattr(selectors, "SUBTREE_IDS_MAX", ids_max)
    listed = recap(agency=org["agency"], year=2024, units=Unit.objects.filter(code__in=["BAG-A1", "BIRO-B", "BIRO-C"]))
    assert listed["units"] == [whole["BAG-A1"], whole["BIRO-B"], whole["BIRO-C"]]
    assert recap(agency=org["agency"], year=2024, units=Unit.objects.none())["units"] == []
    assert recap_years(agency=org["agency"], unit=org["biro_a"])[0]["predikat"] == whole["BIRO-A"]["predikat"]


def test_imported_and_platform_ratings_feed_the_same_recap(org, write):
    annual_period = org["year"].periods.get(code="TAHUNAN")
    analis_skp = approved_skp(org, "analis")
    staf_skp = approved_skp(org, org["staff_b"][0])
    evaluation_rate(actor=org["kabag"].user, skp=analis_skp, period=annual_period, hasil_kerja="DIATAS",
                    perilaku_kerja="DIATAS")
    evaluation_rate(actor=org["kabiro_b"].user, skp=staf_skp, period=annual_period, hasil_kerja="DIBAWAH",
                    perilaku_kerja="DIBAWAH")
    platform = {org["analis"]: ("DIATAS", "DIATAS"), org["staff_b"][0]: ("DIBAWAH", "DIBAWAH")}
    others = [e for e in kemenx_people(org) if e not in platform]
    imported = random_ratings(others, seed=3)
    import_file(org, write, imported)
    assert Evaluation.objects.filter(source=Source.PLATFORM).count() == 2
    people = kemenx_people(org)
    expected = brute_force({**platform, **imported}, {e.pk: e.unit for e in people})
    data = recap_json("--year", "2024")
    assert {u["unit"]: u["predikat"] for u in data["units"]} == expected
    assert data["units"][0]["predikat"]["SANGAT_KURANG"] >= 1
    # importing over a platform rating replaces it: counted once, with the imported predikat
    import_file(org, write, {**imported, org["analis"]: ("SESUAI", "SESUAI")})
    expected = brute_force({**platform, **imported, org["analis"]: ("SESUAI", "SESUAI")}, {e.pk: e.unit for e in people})
    assert {u["unit"]: u["predikat"] for u in recap_json("--year", "2024")["units"]} == expected


def test_a_transfer_does_not_move_a_past_rating_and_other_years_are_apart(org, write):
    analis = org["analis"]
    import_file(org, write, {analis: ("DIATAS", "DIATAS")})
    Employee.objects.filter(pk=analis.pk).update(unit=org["biro_b"])   # moved after the rating
    units = {u["unit"]: u["employees"] for u in recap_json("--year", "2024")["units"]}
    assert units["BAG-A1"] == 1 and units["BIRO-B"] == 0
    year_setup(actor=org["hr"], agency=org["agency"], year=2023)
    assert all(u["employees"] == 0 for u in recap_json("--year", "2023")["units"])  # a year without ratings
    import_file(org, write, {analis: ("SESUAI", "DIBAWAH")}, year=2023)  # now rated in BIRO-B
    units = {u["unit"]: u for u in recap_json("--year", "2023")["units"]}
    assert units["BIRO-B"]["predikat"]["KURANG"] == 1 and units["BAG-A1"]["employees"] == 0
    assert recap_years(agency=org["agency"], unit=org["root"]) == [
        {"year": 2023, "employees": 1, "predikat": {"SANGAT_BAIK": 0, "BAIK": 0, "BUTUH_PERBAIKAN": 0, "KURANG": 1,
                                                    "SANGAT_KURANG": 0}},
        {"year": 2024, "employees": 1, "predikat": {"SANGAT_BAIK": 1, "BAIK": 0, "BUTUH_PERBAIKAN": 0, "KURANG": 0,
                                                    "SANGAT_KURANG": 0}}]
    assert recap_years(agency=org["agency"], unit=org["biro_b"])[1]["employees"] == 0


def test_the_table_is_aligned_with_names_and_the_five_counts(org, write):
    people = kemenx_people(org)
    import_file(org, write, random_ratings(people, seed=11))
    code, out, err = run_skp("recap", "--agency", "KEMENX", "--year", "2024", "--format", "table")
    assert code == 0, err
    lines = out.rstrip("\n").splitlines()
    assert lines[0].startswith("Rekap predikat kinerja tahunan KEMENX 2024")
    assert lines[1].split() == ["unit", "nama", "pegawai", "Sangat", "Baik", "Baik", "Butuh", "Perbaikan", "Kurang",
                                "Sangat", "Kurang"]
    assert len({len(line) for line in lines[1:]}) == 1  # every row as wide: the counts are right-aligned
    data = recap_json("--year", "2024")
    for entry, line in zip(data["units"], lines[3:], strict=True):
        assert line.startswith(entry["unit"])
        numbers = [int(x) for x in line.split()[-6:]]
        assert numbers == [entry["employees"], *entry["predikat"].values()]
    assert "    Bagian A1" in out and "      Subbagian A1X" in out  # indented by level
    code, out, _ = run_skp("recap", "--agency", "KEMENX", "--year", "2024", "--unit", "BIRO-B")
    assert [line.split()[0] for line in out.splitlines()[3:]] == ["BIRO-B"]


def test_unknown_agency_unit_or_year_is_a_clear_message_and_exit_status_one(org):
    cases = [
        (["--agency", "NOPE", "--year", "2024"], "instansi NOPE tidak ada / agency NOPE does not exist"),
        (["--agency", "KEMENX", "--year", "2031"], "tahun kinerja 2031 tidak ada di KEMENX / KEMENX has no SKP year 2031"),
        (["--agency", "KEMENX", "--year", "2024", "--unit", "ZZZ"], "unit ZZZ tidak ada di KEMENX / KEMENX has no unit ZZZ"),
        (["--agency", "LAIN", "--year", "2024"], "tahun kinerja 2024 tidak ada di LAIN"),
        (["--year", "2024"], "--agency"),   # two agencies: the code is needed
    ]
    for args, message in cases:
        with pytest.raises(CommandError) as exc:
            call_command("skp", "recap", *args, "--format", "json", stdout=io.StringIO())
        assert message in str(exc.value)
        assert exc.value.returncode == 1
    with pytest.raises(CommandError):
        call_command("skp", "recap", "--agency", "KEMENX", "--year", "dua", stdout=io.StringIO())
    # a unit of another agency is unknown here
    UnitFactory(parent=org["other_agency"].units.get(code="ROOT"), code="ONLY-LAIN")
    with pytest.raises(CommandError, match="tidak ada di KEMENX"):
        call_command("skp", "recap", "--agency", "KEMENX", "--year", "2024", "--unit", "ONLY-LAIN", stdout=io.StringIO())
