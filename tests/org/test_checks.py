"""Pure checks of the import files: every problem the issue lists, with its row and column."""

from datetime import date

import pytest

from berakhlak.org.checks import Problem, check_employees, check_units, find_cycles

TODAY = date(2024, 6, 30)
EMP_HEADER = ["nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenis_pegawai", "atasan_nip", "email"]
BOSS = "198609262015051001"
STAFF = "199202022019032003"
OTHER = "199001012015051002"


def rows(*lines):
    return [(i, list(cells)) for i, cells in enumerate(lines, start=2)]


def units(*lines, existing=None):
    return check_units("u.csv", rows(*lines), ["kode", "nama", "induk_kode"], existing or {})


def emps(*lines, units=("ROOT", "A"), existing=None, elsewhere=()):
    return check_employees(
        "e.csv", rows(*lines), EMP_HEADER, unit_codes=set(units), existing_superior_of=existing or {},
        nips_elsewhere=lambda nips: set(nips) & set(elsewhere), today=TODAY,
    )


def where(problems):
    return [(p.row, p.column) for p in problems]


def test_problem_prints_file_row_column_reason():
    assert str(Problem("pegawai.csv", 7, "nip", "NIP harus 18 digit")) == "pegawai.csv:7: nip: NIP harus 18 digit"


# --- find_cycles ------------------------------------------------------------------------------------

def test_find_cycles_gives_depths_of_a_forest():
    depth, cycles = find_cycles({"R": "", "A": "R", "B": "A", "C": "B", "X": "OUTSIDE"})
    assert cycles == []
    assert depth == {"R": 0, "A": 1, "B": 2, "C": 3, "X": 1}


def test_find_cycles_finds_self_loop_and_longer_loops():
    depth, cycles = find_cycles({"R": "", "A": "B", "B": "C", "C": "A", "D": "D", "E": "A"})
    assert sorted(sorted(c[:-1]) for c in cycles) == [["A", "B", "C"], ["D"]]
    assert all(c[0] == c[-1] for c in cycles)
    assert depth == {"R": 0}  # nothing on or above a loop gets a depth


def test_find_cycles_is_iterative_on_a_deep_chain():
    chain = {"n0": ""} | {f"n{i}": f"n{i - 1}" for i in range(1, 50_000)}
    depth, cycles = find_cycles(chain)
    assert cycles == [] and depth["n49999"] == 49_999


# --- units ------------------------------------------------------------------------------------------

def test_units_good_file_plans_depths():
    plan, problems = units(["ROOT", "Badan", ""], ["A", "Biro A", "ROOT"], ["A1", "Bagian A1", "A"])
    assert problems == []
    assert plan.depth == {"ROOT": 0, "A": 1, "A1": 2}


def test_units_parent_may_come_after_its_child():
    plan, problems = units(["A1", "Bagian", "A"], ["A", "Biro", "ROOT"], ["ROOT", "Badan", ""])
    assert problems == [] and plan.depth["A1"] == 2


@pytest.mark.parametrize(("line", "column"), [
    (["", "Tanpa kode", "ROOT"], "kode"),
    (["X", "", "ROOT"], "nama"),
    (["K" * 65, "Kode panjang", "ROOT"], "kode"),
    (["X", "N" * 256, "ROOT"], "nama"),
    (["X", "Unit X", "NOPE"], "induk_kode"),
    (["X", "Unit X", "X"], "induk_kode"),
])
def test_units_row_problems(line, column):
    _plan, problems = units(["ROOT", "Badan", ""], line)
    assert where(problems) == [(3, column)]


def test_units_duplicate_code_names_first_row():
    _plan, problems = units(["ROOT", "Badan", ""], ["A", "Biro A", "ROOT"], ["A", "Biro A lagi", "ROOT"])
    assert where(problems) == [(4, "kode")]
    assert "baris 3" in problems[0].reason


def test_units_two_roots_in_file():
    _plan, problems = units(["ROOT", "Badan", ""], ["R2", "Badan lain", ""])
    assert where(problems) == [(3, "induk_kode")]


def test_units_second_root_against_existing_tree():
    _plan, problems = units(["R2", "Badan lain", ""], existing={"ROOT": "", "A": "ROOT"})
    assert where(problems) == [(2, "induk_kode")]
    assert "ROOT" in problems[0].reason


def test_units_cycle_in_file():
    _plan, problems = units(["ROOT", "Badan", ""], ["A", "Biro", "B"], ["B", "Bagian", "A"])
    assert where(problems) == [(3, "induk_kode")]
    assert "A → B → A" in problems[0].reason


def test_units_move_under_own_descendant_is_a_cycle():
    existing = {"ROOT": "", "A": "ROOT", "A1": "A"}
    _plan, problems = units(["A", "Biro A", "A1"], existing=existing)
    assert where(problems) == [(2, "induk_kode")]


def test_units_existing_parent_is_known():
    plan, problems = units(["B", "Biro B", "ROOT"], existing={"ROOT": ""})
    assert problems == [] and plan.depth["B"] == 1


def test_units_missing_column_stops_before_rows():
    plan, problems = check_units("u.csv", rows(["ROOT", "Badan"]), ["kode", "nama"], {})
    assert where(problems) == [(1, "induk_kode")] and plan.rows == []


# --- employees --------------------------------------------------------------------------------------

def emp(nip=BOSS, nama="Budi", unit="ROOT", jab="Kepala", jj="JPT", jp="PNS", atasan="", email=""):
    return [nip, nama, unit, jab, jj, jp, atasan, email]


def test_employees_good_file_derives_sex_birth_and_chain_depth():
    plan, problems = emps(emp(), emp(nip=STAFF, nama="Sri", unit="A", jj="FUNGSIONAL", atasan=BOSS))
    assert problems == []
    boss, staff = plan.rows
    assert boss[9:] == ("L", "1986-09-26") and staff[9:] == ("P", "1992-02-02")
    assert plan.depth == {BOSS: 0, STAFF: 1}


@pytest.mark.parametrize(("nip", "fragment"), [
    ("19860926201505100", "18 digit"),          # 17 digits
    ("1986092620150510011", "18 digit"),        # 19 digits
    ("19860926201505100A", "angka"),            # a letter
    ("198613262015051001", "tanggal lahir"),    # month 13
    ("198609262015131001", "TMT"),              # appointment month 13
    ("198609262002051001", "18 tahun"),         # appointed at 15
    ("198609262015053001", "jenis kelamin"),    # sex digit 3
    ("198609262015051000", "urut"),             # sequence 000
    ("198609262030051001", "masa depan"),       # appointed in the future
])
def test_employees_nip_problems_are_reported_in_words(nip, fragment):
    _plan, problems = emps(emp(nip=nip))
    assert [p.column for p in problems] == ["nip"] * len(problems) and problems
    assert any(fragment in p.reason for p in problems), [p.reason for p in problems]


def test_employees_pppk_nip_is_checked_as_pppk():
    pppk = "199505052021211001"  # born 1995, PPPK 2021, code 21
    _plan, problems = emps(emp(nip=pppk, jp="PPPK"))
    assert problems == []
    _plan, problems = emps(emp(nip=pppk, jp="PNS"))  # as a PNS NIP the month "21" is impossible
    assert where(problems) == [(2, "nip")]


def test_employees_duplicate_nip_in_file():
    _plan, problems = emps(emp(), emp(nama="Budi lagi"))
    assert where(problems) == [(3, "nip")] and "baris 2" in problems[0].reason


@pytest.mark.parametrize(("line", "column"), [
    (emp(unit="ZZZ"), "unit_kode"),
    (emp(jj="KEPALA"), "jenis_jabatan"),
    (emp(jp="HONORER"), "jenis_pegawai"),
    (emp(nama=""), "nama"),
    (emp(jab=""), "jabatan"),
    (emp(email="bukan-surel"), "email"),
    (emp(atasan=BOSS), "atasan_nip"),  # own superior
    (emp(atasan=OTHER), "atasan_nip"),  # unknown superior
])
def test_employees_row_problems(line, column):
    _plan, problems = emps(line)
    assert where(problems) == [(2, column)]


def test_employees_kinds_are_case_insensitive():
    plan, problems = emps(emp(jj="jpt", jp="pns"))
    assert problems == [] and plan.rows[0][5:7] == ("JPT", "PNS")


def test_employees_superior_may_be_an_existing_employee():
    plan, problems = emps(emp(nip=STAFF, atasan=BOSS), existing={BOSS: ""})
    assert problems == [] and plan.depth[STAFF] == 1


def test_employees_cycle_in_superior_chain():
    _plan, problems = emps(emp(atasan=STAFF), emp(nip=STAFF, nama="Sri", atasan=BOSS))
    assert where(problems) == [(2, "atasan_nip")]
    assert "→" in problems[0].reason


def test_employees_cycle_through_existing_employees():
    # in the database OTHER reports to STAFF; the file makes STAFF report to OTHER
    _plan, problems = emps(emp(nip=STAFF, atasan=OTHER), existing={OTHER: STAFF, STAFF: ""})
    assert where(problems) == [(2, "atasan_nip")]


def test_employees_nip_of_another_agency():
    _plan, problems = emps(emp(), elsewhere=[BOSS])
    assert where(problems) == [(2, "nip")] and "instansi lain" in problems[0].reason


def test_employees_missing_columns_listed_on_header_row():
    header = ["nip", "nama", "unit_kode"]
    plan, problems = check_employees("e.csv", rows([BOSS, "Budi", "ROOT"]), header, unit_codes={"ROOT"},
                                     existing_superior_of={}, today=TODAY)
    assert where(problems) == [(1, "jabatan"), (1, "jenis_jabatan"), (1, "jenis_pegawai")]


def test_employees_every_problem_of_a_row_is_listed():
    _plan, problems = emps(emp(nip="123", unit="ZZZ", jj="X", jp="Y", email="z"))
    assert {p.column for p in problems} == {"nip", "unit_kode", "jenis_jabatan", "jenis_pegawai", "email"}
