"""Tests for the demo / benchmark data generator (berakhlak.demo.generator).

Plain pytest, no Django: run with
    .venv/bin/python -m pytest tests/demo/test_generator.py -q -p no:django -p no:cacheprovider
"""

from __future__ import annotations

import calendar
import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from berakhlak.demo import names
from berakhlak.demo.generator import (
    EMPLOYEE_HEADER,
    UNIT_HEADER,
    AgencyData,
    EmployeeRow,
    UnitRow,
    generate_demo_agency,
    write_agency_csv,
    write_national_csv,
)

JENIS_JABATAN = {"JPT", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL"}
HEAD_JENIS_BY_LEVEL = {1: "JPT", 2: "JPT", 3: "JPT", 4: "ADMINISTRATOR", 5: "PENGAWAS"}
EMAIL_RE = re.compile(r"^[a-z]+(\.[a-z]+)?[0-9]*@[a-z]+\.go\.id$")
TITLES = {"Dr.", "dr.", "drg.", "Ns.", "Ir.", "H.", "Hj."}


# --------------------------------------------------------------------------- helpers


def nip_problem(nip: str, kind: str) -> str | None:
    """Independent check of the NIP / NI PPPK rules; None when valid."""
    if not re.fullmatch(r"\d{18}", nip):
        return "not 18 digits"
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "birth date is not a real date"
    if not 1963 <= birth.year <= 2001:
        return "birth year outside 1963-2001"
    if nip[14] not in "12":
        return "sex digit"
    if not 1 <= int(nip[15:18]) <= 999:
        return "sequence"
    if kind == "PNS":
        year, month = int(nip[8:12]), int(nip[12:14])
        if not 1 <= month <= 12:
            return "TMT month"
        if (year, month) > (2023, 12):
            return "TMT after 2023-12"
        try:
            eighteenth = birth.replace(year=birth.year + 18)
        except ValueError:  # 29 February
            eighteenth = date(birth.year + 18, 3, 1)
        end_of_month = date(year, month, calendar.monthrange(year, month)[1])
        if eighteenth > end_of_month:
            return "younger than 18 at TMT"
    elif kind == "PPPK":
        year = int(nip[8:12])
        if nip[12:14] != "21":
            return "PPPK code"
        if year > 2023:
            return "appointment after 2023"
        if year < birth.year + 18:
            return "younger than 18 at appointment"
    else:
        return "unknown kind"
    return None


def sex_of_name(nama: str) -> set[str]:
    """{'1'} for a male first name, {'2'} for a female one (both if ambiguous)."""
    core = nama.split(", ")[0]
    tokens = core.split()
    while tokens and tokens[0] in TITLES:
        tokens.pop(0)
    core = " ".join(tokens)
    found = set()
    for digit, firsts in (("1", names.MALE_FIRST_NAMES), ("2", names.FEMALE_FIRST_NAMES)):
        if any(core == f or core.startswith(f + " ") for f in firsts):
            found.add(digit)
    return found


def levels_of(units) -> dict[str, int]:
    by_code = {u.kode: u for u in units}
    memo: dict[str, int] = {}

    def level(code: str, seen=()) -> int:
        if code in memo:
            return memo[code]
        assert code not in seen, f"cycle in units at {code}"
        parent = by_code[code].induk_kode
        memo[code] = 1 if not parent else level(parent, (*seen, code)) + 1
        return memo[code]

    for code in by_code:
        level(code)
    return memo


def read_units(path: Path) -> list[UnitRow]:
    with open(path, encoding="utf-8", newline="") as f:
        return [UnitRow(**row) for row in csv.DictReader(f)]


def read_employees(path: Path) -> list[EmployeeRow]:
    with open(path, encoding="utf-8", newline="") as f:
        return [EmployeeRow(**row) for row in csv.DictReader(f)]


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def check_agency_integrity(units: list[UnitRow], employees: list[EmployeeRow]) -> None:
    """Tree, heads and superiors are consistent (used for demo and national files)."""
    codes = [u.kode for u in units]
    assert len(codes) == len(set(codes)), "duplicate unit codes"
    roots = [u for u in units if not u.induk_kode]
    assert len(roots) == 1
    assert all(u.induk_kode in set(codes) for u in units if u.induk_kode)
    levels_of(units)  # raises on cycles

    by_nip = {e.nip: e for e in employees}
    assert len(by_nip) == len(employees), "duplicate NIPs"
    parent = {u.kode: u.induk_kode for u in units}
    heads: dict[str, EmployeeRow] = {}
    for e in employees:
        assert e.unit_kode in parent
        assert e.jenis_jabatan in JENIS_JABATAN
        assert e.jenis_pegawai in {"PNS", "PPPK"}
        if e.jenis_jabatan in {"JPT", "ADMINISTRATOR", "PENGAWAS"}:
            assert e.unit_kode not in heads, f"two heads in {e.unit_kode}"
            heads[e.unit_kode] = e
    assert set(heads) == set(codes), "every unit has exactly one head"
    root_head = heads[roots[0].kode]
    for e in employees:
        head = heads[e.unit_kode]
        if e is head:
            expected = heads[parent[e.unit_kode]].nip if parent[e.unit_kode] else ""
        else:
            expected = head.nip
        assert e.atasan_nip == expected, e
        # The chain of superiors ends at the root head without loops.
        seen = set()
        cur = e
        while cur.atasan_nip:
            assert cur.nip not in seen, "cycle in superiors"
            seen.add(cur.nip)
            cur = by_nip[cur.atasan_nip]
        assert cur is root_head


# --------------------------------------------------------------------------- demo agency


@pytest.fixture(scope="module")
def demo() -> AgencyData:
    return generate_demo_agency()


def test_demo_size_and_tree(demo):
    assert (demo.code, demo.name) == ("BKN", "Badan Kepegawaian Negara")
    assert len(demo.employees) == 2400
    assert 30 <= len(demo.units) <= 40
    roots = [u for u in demo.units if u.induk_kode == ""]
    assert [(r.kode, r.nama) for r in roots] == [("BKN", "Badan Kepegawaian Negara")]
    codes = {u.kode for u in demo.units}
    assert all(u.induk_kode in codes for u in demo.units if u.induk_kode)
    assert all(re.fullmatch(r"[A-Z0-9-]+", u.kode) for u in demo.units)
    levels = levels_of(demo.units)
    assert max(levels.values()) in (4, 5)
    names_by_level = {lvl: {u.nama for u in demo.units if levels[u.kode] == lvl} for lvl in range(1, 6)}
    assert {"Sekretariat Utama", "Inspektorat", "Deputi Bidang Mutasi Kepegawaian"} <= names_by_level[2]
    assert "Biro Sumber Daya Manusia" in names_by_level[3]
    assert all(n.split()[0] in {"Biro", "Direktorat"} for n in names_by_level[3])
    assert all(n.split()[0] in {"Bagian", "Subdirektorat"} for n in names_by_level[4])
    assert all(n.split()[0] in {"Subbagian", "Seksi"} for n in names_by_level[5])


def test_demo_heads_belong_to_their_unit_with_right_level(demo):
    levels = levels_of(demo.units)
    by_nip = {e.nip: e for e in demo.employees}
    assert set(demo.heads) == {u.kode for u in demo.units}
    for kode, nip in demo.heads.items():
        head = by_nip[nip]
        assert head.unit_kode == kode
        assert head.jenis_jabatan == HEAD_JENIS_BY_LEVEL[levels[kode]], head
        assert head.jenis_pegawai == "PNS"
    root_head = by_nip[demo.heads["BKN"]]
    assert root_head.jabatan == "Kepala Badan Kepegawaian Negara"
    assert root_head.atasan_nip == ""
    assert by_nip[demo.heads["SESTAMA"]].jabatan == "Sekretaris Utama"
    assert by_nip[demo.heads["INSPEKTORAT"]].jabatan == "Inspektur"
    # Staff are never structural officials.
    head_nips = set(demo.heads.values())
    staff = [e for e in demo.employees if e.nip not in head_nips]
    assert {e.jenis_jabatan for e in staff} == {"FUNGSIONAL", "PELAKSANA"}


def test_demo_superiors_and_integrity(demo):
    check_agency_integrity(demo.units, demo.employees)
    parent = {u.kode: u.induk_kode for u in demo.units}
    nips = {e.nip for e in demo.employees}
    for e in demo.employees:
        assert e.atasan_nip == "" or e.atasan_nip in nips
        if demo.heads[e.unit_kode] == e.nip:
            p = parent[e.unit_kode]
            assert e.atasan_nip == (demo.heads[p] if p else "")
        else:
            assert e.atasan_nip == demo.heads[e.unit_kode]


def test_demo_nips_unique_and_valid(demo):
    nips = [e.nip for e in demo.employees]
    assert len(set(nips)) == len(nips)
    for e in demo.employees:
        assert nip_problem(e.nip, e.jenis_pegawai) is None, (nip_problem(e.nip, e.jenis_pegawai), e)
        assert sex_of_name(e.nama) == {e.nip[14]}, e


def test_demo_nips_pass_project_validator(demo):
    nip_module = pytest.importorskip("berakhlak.org.nip")
    nip_problems = getattr(nip_module, "nip_problems", None)
    if nip_problems is None:
        pytest.skip("berakhlak.org.nip.nip_problems not written yet")
    today = date(2023, 12, 31)
    bad = [(e.nip, e.jenis_pegawai, nip_problems(e.nip, kind=e.jenis_pegawai, today=today)) for e in demo.employees]
    bad = [b for b in bad if b[2]]
    assert bad == []


def test_demo_pppk_share_and_jobs(demo):
    n = len(demo.employees)
    pppk = [e for e in demo.employees if e.jenis_pegawai == "PPPK"]
    assert 0.10 <= len(pppk) / n <= 0.15
    assert not {e.nip for e in pppk} & set(demo.heads.values())
    jenis = Counter(e.jenis_jabatan for e in demo.employees)
    assert jenis["FUNGSIONAL"] > jenis["PELAKSANA"] > n * 0.15
    jabatan = {e.jabatan for e in demo.employees}
    assert any(j.startswith("Analis Sumber Daya Manusia Aparatur Ahli") for j in jabatan)
    assert any(j.startswith("Auditor Ahli") for j in jabatan)
    assert "Pengadministrasi Perkantoran" in jabatan
    auditors = [e for e in demo.employees if e.unit_kode == "INSPEKTORAT" and e.jabatan.startswith("Auditor")]
    assert len(auditors) > 10
    # Leaf units hold most people.
    parents = {u.induk_kode for u in demo.units}
    in_leaves = sum(1 for e in demo.employees if e.unit_kode not in parents)
    assert in_leaves / n > 0.8


def test_demo_names_and_emails(demo):
    n = len(demo.employees)
    assert len({e.nama for e in demo.employees}) > 0.9 * n
    assert any("," in e.nama for e in demo.employees)  # academic degrees
    assert any(e.nama.startswith("Dr. ") for e in demo.employees)
    assert any(len(e.nama.split()) == 1 for e in demo.employees)  # mononyms
    regions = {r.key for r in names.REGIONS}
    assert {"jawa", "sunda", "batak", "minang", "bugis_makassar", "bali", "minahasa"} <= regions
    emails = [e.email for e in demo.employees if e.email]
    assert 0.02 <= 1 - len(emails) / n <= 0.09
    assert len(set(emails)) == len(emails)
    assert all(EMAIL_RE.match(m) and m.endswith("@bkn.go.id") for m in emails), emails[:5]


def test_name_lists_are_rich_and_unambiguous():
    male, female = names.MALE_FIRST_NAMES, names.FEMALE_FIRST_NAMES
    assert len(male) + len(female) >= 150 and len(male) >= 75 and len(female) >= 75
    assert len(names.SURNAMES) >= 150
    assert not set(male) & set(female)
    for m in male:
        for f in female:
            assert not m.startswith(f + " ") and not f.startswith(m + " ")
    everything = [*male, *female, *names.SURNAMES]
    assert all(s.isascii() and "," not in s for s in everything)


def test_demo_csv_headers_roundtrip_and_determinism(demo, tmp_path):
    write_agency_csv(demo, tmp_path / "u1.csv", tmp_path / "e1.csv")
    assert header(tmp_path / "u1.csv") == UNIT_HEADER == ["kode", "nama", "induk_kode"]
    assert header(tmp_path / "e1.csv") == EMPLOYEE_HEADER == [
        "nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenis_pegawai", "atasan_nip", "email",
    ]
    assert read_units(tmp_path / "u1.csv") == demo.units
    assert read_employees(tmp_path / "e1.csv") == demo.employees

    write_agency_csv(generate_demo_agency(), tmp_path / "u2.csv", tmp_path / "e2.csv")
    assert (tmp_path / "u1.csv").read_bytes() == (tmp_path / "u2.csv").read_bytes()
    assert (tmp_path / "e1.csv").read_bytes() == (tmp_path / "e2.csv").read_bytes()

    other = generate_demo_agency(seed=7)
    write_agency_csv(other, tmp_path / "u3.csv", tmp_path / "e3.csv")
    assert (tmp_path / "e1.csv").read_bytes() != (tmp_path / "e3.csv").read_bytes()
    assert len(other.employees) == 2400
    check_agency_integrity(other.units, other.employees)


def test_demo_custom_size_and_code():
    data = generate_demo_agency("DEMO", "Instansi Demo", employees=300, seed=1)
    assert len(data.employees) == 300
    assert data.units[0] == UnitRow("DEMO", "Instansi Demo", "")
    check_agency_integrity(data.units, data.employees)
    assert all(e.email.endswith("@demo.go.id") for e in data.employees if e.email)


# --------------------------------------------------------------------------- national


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    out = tmp_path_factory.mktemp("national")
    calls: list[int] = []
    result = write_national_csv(out, employees=20_000, agencies=30, progress=calls.append)
    return out, result, calls


def test_national_files_and_counts(national):
    out, result, calls = national
    assert len(result) == 30
    assert sum(calls) == 20_000 and len(calls) == 30
    assert header(out / "agencies.csv") == ["kode", "nama", "jenis"]
    with open(out / "agencies.csv", encoding="utf-8", newline="") as f:
        agencies = list(csv.DictReader(f))
    assert [a["kode"] for a in agencies] == [code for code, _, _ in result]
    jenis = Counter(a["jenis"] for a in agencies)
    assert set(jenis) == {"PUSAT", "DAERAH"}
    assert jenis["PUSAT"] == round(30 * 0.24)
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(a["kode"] for a in agencies)

    total_employees = total_units = 0
    sizes = []
    for code, units_path, employees_path in result:
        assert units_path == out / code / "units.csv" and employees_path == out / code / "employees.csv"
        assert header(units_path) == UNIT_HEADER and header(employees_path) == EMPLOYEE_HEADER
        units = read_units(units_path)
        employees = read_employees(employees_path)
        assert [u.kode for u in units if not u.induk_kode] == [code]
        depth = max(levels_of(units).values())
        assert 3 <= depth <= 6
        total_units += len(units)
        total_employees += len(employees)
        sizes.append(len(employees))
    assert total_employees == 20_000
    assert 0.8 <= total_units / (20_000 / 40) <= 1.25
    assert min(sizes) >= 50
    assert max(sizes) > 3 * min(sizes)  # uneven: large ministries, small regions


def test_national_integrity_and_unique_valid_nips(national):
    _, result, _ = national
    seen: set[str] = set()
    pppk = 0
    total = 0
    for _, units_path, employees_path in result:
        units = read_units(units_path)
        employees = read_employees(employees_path)
        check_agency_integrity(units, employees)
        emails = [e.email for e in employees if e.email]
        assert len(set(emails)) == len(emails)
        for e in employees:
            assert e.nip not in seen, f"NIP {e.nip} repeated across agencies"
            seen.add(e.nip)
            assert nip_problem(e.nip, e.jenis_pegawai) is None, e
            assert sex_of_name(e.nama) == {e.nip[14]}, e
            pppk += e.jenis_pegawai == "PPPK"
            total += 1
    assert 0.05 < pppk / total < 0.3


def test_national_is_deterministic(national, tmp_path):
    out, result, _ = national
    again = write_national_csv(tmp_path, employees=20_000, agencies=30)
    assert [c for c, _, _ in again] == [c for c, _, _ in result]
    assert (tmp_path / "agencies.csv").read_bytes() == (out / "agencies.csv").read_bytes()
    for (_, u1, e1), (_, u2, e2) in zip(result, again):
        assert u1.read_bytes() == u2.read_bytes()
        assert e1.read_bytes() == e2.read_bytes()


def test_national_rejects_impossible_sizes(tmp_path):
    with pytest.raises(ValueError):
        write_national_csv(tmp_path, employees=5, agencies=10)
