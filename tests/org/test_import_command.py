"""``berakhlak import units|employees``: all-or-nothing, re-runnable, FILE:ROW: column: reason, exit 1."""

import io
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from berakhlak.audit.models import AuditEvent
from berakhlak.org.models import Agency, Employee, Position, Unit, UnitClosure
from berakhlak.org.services import ImportRejected, employees_import, units_import
from tests.commands import run_command

pytestmark = pytest.mark.django_db

UNITS = """kode,nama,induk_kode
ROOT,Badan Uji,
A,Biro A,ROOT
B,Biro B,ROOT
A1,Bagian A1,A
"""
HEADER = "nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email\n"
EMPLOYEES = HEADER + """198609262015051001,Budi Santoso,ROOT,Kepala Badan,JPT,PNS,,budi@uji.go.id
199001012015052001,Sri Wahyuni,A,Kepala Biro A,JPT,PNS,198609262015051001,
199202022019031002,Agus Salim,A1,Kepala Bagian A1,ADMINISTRATOR,PNS,199001012015052001,agus@uji.go.id
199505052021211001,Made Wirawan,A1,Pengelola Data,PELAKSANA,PPPK,199202022019031002,
"""


def run(*args):
    """``berakhlak import ARGS…``: (exit status, stdout, stderr)."""
    return run_command("import", *args)


PROBLEM = re.compile(r"^(?P<file>.+):(?P<row>\d+): (?P<column>[^:]+): (?P<reason>.+)$")


def problem_cells(err: str, path) -> set[tuple[str, str]]:
    """(row, column) of every ``FILE:ROW: column: reason`` line about ``path``; every line must parse."""
    cells = set()
    for line in err.strip().splitlines()[:-1]:
        match = PROBLEM.match(line)
        assert match, f"not a problem line: {line!r}"
        assert match["file"] == str(path)
        cells.add((match["row"], match["column"]))
    return cells


def snapshot():
    return (
        sorted(Unit.objects.values_list("code", "name", "parent__code", "path", "head__nip")),
        sorted(Employee.objects.values_list("nip", "name", "unit__code", "superior__nip", "email", "position__name")),
        Position.objects.count(),
    )


@pytest.fixture
def loaded(write):
    assert run("units", str(write("unit.csv", UNITS)), "--agency", "UJI", "--agency-name", "Badan Uji")[0] == 0
    assert run("employees", str(write("pegawai.csv", EMPLOYEES)), "--agency", "UJI")[0] == 0
    return Agency.objects.get(code="UJI")


def test_it_imports_the_tree_and_creates_the_agency(write):
    code, out, err = run("units", str(write("unit.csv", UNITS)), "--agency", "UJI", "--agency-name", "Badan Uji")
    assert code == 0, err
    agency = Agency.objects.get(code="UJI")
    assert agency.name == "Badan Uji" and agency.framework_version.code == "2021"
    root = Unit.objects.get(code="ROOT")
    a1 = Unit.objects.get(code="A1")
    assert a1.depth == 2 and a1.parent.code == "A"
    assert a1.path == f"{root.path}{a1.parent_id}/{a1.id}/"
    assert {u.code for u in Unit.objects.filter(path__startswith=Unit.objects.get(code="A").path)} == {"A", "A1"}
    assert "baru 4" in out


def test_it_imports_employees_with_superiors_sex_birth_and_heads(loaded):
    made = Employee.objects.get(nip="199505052021211001")
    assert made.superior.nip == "199202022019031002" and made.employment_type == "PPPK"
    assert made.sex == "L" and str(made.birth_date) == "1995-05-05"
    sri = Employee.objects.get(nip="199001012015052001")
    assert sri.sex == "P" and sri.superior.nip == "198609262015051001"
    heads = dict(Unit.objects.values_list("code", "head__nip"))
    assert heads == {"ROOT": "198609262015051001", "A": "199001012015052001", "A1": "199202022019031002", "B": None}
    assert AuditEvent.objects.filter(action="org.import_employees", agency=loaded).count() == 1


def test_rerunning_the_same_files_changes_nothing(loaded, write):
    before = snapshot()
    code, out, _ = run("units", str(write("unit.csv", UNITS)), "--agency", "UJI")
    assert code == 0 and "tetap 4" in out
    code, out, _ = run("employees", str(write("pegawai.csv", EMPLOYEES)), "--agency", "UJI")
    assert code == 0 and "baru 0, diubah 0, tetap 4" in out
    assert snapshot() == before


def test_reimport_updates_by_natural_key(loaded, write):
    changed = EMPLOYEES.replace("Agus Salim,A1", "Agus Salim Siregar,B").replace(",agus@uji.go.id", ",agus.s@uji.go.id")
    code, out, _ = run("employees", str(write("pegawai.csv", changed)), "--agency", "UJI")
    assert code == 0 and "baru 0, diubah 1" in out
    agus = Employee.objects.get(nip="199202022019031002")
    assert (agus.name, agus.unit.code, agus.email) == ("Agus Salim Siregar", "B", "agus.s@uji.go.id")
    assert Employee.objects.count() == 4


def test_moving_a_unit_rewrites_the_subtree_paths(loaded, write):
    moved = UNITS.replace("A,Biro A,ROOT", "A,Biro A,B")
    assert run("units", str(write("unit.csv", moved)), "--agency", "UJI")[0] == 0
    b, a, a1 = (Unit.objects.get(code=c) for c in ("B", "A", "A1"))
    assert a.parent == b and a.depth == 2 and a1.depth == 3
    assert a1.path == f"{b.path}{a.id}/{a1.id}/"
    assert Employee.objects.filter(unit__path__startswith=b.path).count() == 3
    assert closure() == {
        ("ROOT", "ROOT", 0), ("ROOT", "A", 2), ("ROOT", "A1", 3), ("ROOT", "B", 1),
        ("B", "B", 0), ("B", "A", 1), ("B", "A1", 2), ("A", "A", 0), ("A", "A1", 1), ("A1", "A1", 0),
    }


def closure():
    return set(UnitClosure.objects.values_list("ancestor__code", "descendant__code", "distance"))


def test_closure_table_follows_the_tree(loaded):
    assert closure() == {
        ("ROOT", "ROOT", 0), ("ROOT", "A", 1), ("ROOT", "B", 1), ("ROOT", "A1", 2),
        ("A", "A", 0), ("A", "A1", 1), ("B", "B", 0), ("A1", "A1", 0),
    }


BAD_EMPLOYEES = HEADER + """19860926201505100,Budi,ROOT,Kepala,JPT,PNS,,
198609262015051001,Budi,ZZZ,Kepala,KEPALA,PNS,,
199001012015052001,Sri,A,Kepala Biro,JPT,HONORER,,
199001012015052001,Sri lagi,A,Kepala Biro,JPT,PNS,,
199202022019031002,Agus,A1,Kabag,ADMINISTRATOR,PNS,199505052021211001,
199505052021211001,Made,A1,Pengelola,PELAKSANA,PPPK,199202022019031002,
198609262002051001,Tono,A1,Staf,PELAKSANA,PNS,111111111111111111,
198609262015053001,Ani,A1,Staf,PELAKSANA,PNS,,
"""


def test_a_bad_file_is_refused_with_every_problem_and_nothing_written(loaded, write):
    before = snapshot()
    path = write("pegawai.csv", BAD_EMPLOYEES)
    code, out, err = run("employees", str(path), "--agency", "UJI")
    assert code == 1 and out == ""
    assert problem_cells(err, path) >= {
        ("2", "nip"),            # 17 digits
        ("3", "jenis_jabatan"),  # unknown kind
        ("3", "unit_kode"),      # unknown unit
        ("4", "jenis_pegawai"),  # unknown type
        ("5", "nip"),            # NIP twice in the file
        ("6", "atasan_nip"),     # cycle Agus -> Made -> Agus
        ("8", "nip"),            # appointed before 18
        ("8", "atasan_nip"),     # unknown superior
        ("9", "nip"),            # sex digit 3
    }
    assert "tidak ada yang disimpan" in err.strip().splitlines()[-1]
    assert snapshot() == before


def test_bad_units_file_is_refused_and_nothing_written(loaded, write):
    before = snapshot()
    bad = "kode,nama,induk_kode\nA,Biro A,A1\nC,,ROOT\nD,Biro D,NOPE\nROOT2,Badan Lain,\n"
    tmp_unit = write("unit.csv", bad)
    code, _out, err = run("units", str(tmp_unit), "--agency", "UJI")
    assert code == 1
    assert problem_cells(err, tmp_unit) >= {("2", "induk_kode"), ("3", "nama"), ("4", "induk_kode"), ("5", "induk_kode")}
    assert snapshot() == before


def test_missing_column_is_reported_on_row_1(write):
    call_command("import", "units", str(write("u.csv", UNITS)), "--agency", "UJI", stdout=io.StringIO())
    code, _out, err = run("employees", str(write("e.csv", "nip,nama\n198609262015051001,Budi\n")), "--agency", "UJI")
    assert code == 1
    assert "e.csv:1: unit_kode: kolom wajib tidak ada" in err


def test_dry_run_writes_nothing(write):
    code, out, _ = run("units", str(write("unit.csv", UNITS)), "--agency", "UJI", "--dry-run")
    assert code == 0 and "uji coba" in out
    assert not Agency.objects.exists() and not Unit.objects.exists()


def test_agency_may_be_left_out_when_only_one_exists(loaded, write):
    code, _out, err = run("employees", str(write("pegawai.csv", EMPLOYEES)))
    assert code == 0, err


def test_unknown_agency_is_an_error(write):
    code, _out, err = run("employees", str(write("pegawai.csv", EMPLOYEES)), "--agency", "NOPE")
    assert code == 1 and "NOPE" in err


def test_a_nip_of_another_agency_is_refused(loaded, write):
    run("units", str(write("u2.csv", "kode,nama,induk_kode\nR2,Badan Dua,\n")), "--agency", "DUA")
    one = HEADER + "198609262015051001,Budi,R2,Kepala,JPT,PNS,,\n"
    code, _out, err = run("employees", str(write("e2.csv", one)), "--agency", "DUA")
    assert code == 1 and "e2.csv:2: nip: NIP sudah terdaftar pada instansi lain" in err
    assert Employee.objects.get(nip="198609262015051001").agency.code == "UJI"


def test_xlsx_with_the_same_header_row(write, tmp_path):
    run("units", str(write("unit.csv", UNITS)), "--agency", "UJI")
    wb = Workbook()
    ws = wb.active
    for line in EMPLOYEES.strip().splitlines():
        ws.append(line.split(","))
    ws.append(["198609262015053001", "Ani", "A1", "Staf", "PELAKSANA", "PNS", "", ""])  # bad sex digit, row 6
    path = tmp_path / "pegawai.xlsx"
    wb.save(path)
    code, _out, err = run("employees", str(path), "--agency", "UJI")
    assert code == 1 and "pegawai.xlsx:6: nip: digit jenis kelamin" in err
    ws.delete_rows(6)
    wb.save(path)
    code, out, err = run("employees", str(path), "--agency", "UJI")
    assert code == 0, err
    assert Employee.objects.count() == 4


def test_a_nip_typed_as_a_number_in_excel_is_refused(write, tmp_path):
    run("units", str(write("unit.csv", UNITS)), "--agency", "UJI")
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append([198609262015051001, "Budi", "ROOT", "Kepala", "JPT", "PNS", "", ""])
    path = tmp_path / "angka.xlsx"
    wb.save(path)
    code, _out, err = run("employees", str(path), "--agency", "UJI")
    assert code == 1 and "angka.xlsx:2: nip:" in err


def test_not_a_table_file(write, tmp_path):
    path = tmp_path / "foto.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0garbage\x00\x01")
    code, _out, err = run("units", str(path), "--agency", "UJI")
    assert code == 1 and "foto.csv:1:" in err


def test_service_raises_with_problem_objects(write):
    with pytest.raises(ImportRejected) as info:
        units_import(source=write("u.csv", "kode,nama,induk_kode\nA,,\n"), agency_code="UJI")
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "nama")]
    with pytest.raises(ImportRejected):
        employees_import(source=write("e.csv", EMPLOYEES), agency_code="UJI")


def test_the_console_script_exits_1_on_bad_input(write, tmp_path):
    """The installed ``berakhlak`` script, in a real process, on its own SQLite file."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "DEBUG": "1", "PATH": "/usr/bin:/bin"}
    berakhlak = str(__import__("pathlib").Path(sys.executable).with_name("berakhlak"))
    subprocess.run([berakhlak, "migrate", "-v0"], env=env, check=True, timeout=120)
    bad = write("bad.csv", "kode,nama,induk_kode\nA,Biro,NOPE\n")
    proc = subprocess.run([berakhlak, "import", "units", str(bad), "--agency", "UJI"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert f"{bad}:2: induk_kode: unit induk NOPE tidak dikenal" in proc.stderr
