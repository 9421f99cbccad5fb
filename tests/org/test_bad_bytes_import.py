"""Issue 11 §5: a file an attacker or a broken export produces never gives a server error or a traceback.

A cell beyond the CSV reader's size limit (128 KiB), a NUL character, bytes that are not UTF-8 or a
lone surrogate: every import refuses the file with ``FILE:ROW: column: reason`` lines, exit status 1, and
writes nothing, in a dry run as in a real run, on SQLite as on PostgreSQL (which cannot store NUL)."""

from __future__ import annotations

import csv

import pytest
import xlsxwriter

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.audit.models import AuditEvent
from berakhlak.org.models import Agency, Employee, Unit
from berakhlak.performance.models import Evaluation
from berakhlak.surveys.models import Response, Wave
from tests.commands import run_command
from tests.factories import AgencyFactory, UnitFactory

pytestmark = pytest.mark.django_db

LIMIT = csv.field_size_limit()
BIG = "x" * (LIMIT + 10)
NOTHING_SAVED = "masalah; tidak ada yang disimpan / "
EMP_HEADER = "nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email\n"
GOOD_EMP = "198609262015051001,Budi Santoso,ROOT,Kepala Badan,JPT,PNS,,\n"


def counts():
    return (Agency.objects.count(), Unit.objects.count(), Employee.objects.count(), Wave.objects.count(),
            Response.objects.count(), Evaluation.objects.count(), AuditEvent.objects.count())


def lines(err: str) -> list[str]:
    out = err.strip().splitlines()
    assert NOTHING_SAVED in out[-1]
    return out[:-1]


@pytest.fixture
def agency(db):
    agency = AgencyFactory(code="UJI", name="Badan Uji")
    UnitFactory(agency=agency, code="ROOT", name="Badan Uji")
    return agency


def test_a_cell_beyond_the_size_limit_in_a_data_row_or_the_header(agency, tmp_path):
    before = counts()
    data = tmp_path / "unit.csv"
    data.write_text(f"kode,nama,induk_kode\nA,Biro A,ROOT\nB,{BIG},ROOT\nC,Biro C,ROOT\n", encoding="utf-8")
    code, _, err = run_command("import", "units", str(data), "--agency", "UJI")
    assert code == 1
    assert lines(err) == [f"{data}:3: -: sel lebih panjang dari {LIMIT} karakter (atau tanda kutip tidak ditutup) / "
                          f"a cell is longer than {LIMIT} characters (or a quote is not closed)"]
    head = tmp_path / "pegawai.csv"
    head.write_text(EMP_HEADER.replace("email", "email" + BIG) + GOOD_EMP, encoding="utf-8")
    for args in (["--dry-run"], []):
        code, _, err = run_command("import", "employees", str(head), "--agency", "UJI", *args)
        assert code == 1 and lines(err)[0].startswith(f"{head}:1: -: sel lebih panjang dari {LIMIT} karakter")
    # a quote never closed swallows the rest of the file into one cell: the same clear line, no traceback
    quote = tmp_path / "kutip.csv"
    quote.write_text('kode,nama,induk_kode\nA,"Biro A,ROOT\n' + "B,Biro B,ROOT\n" * (LIMIT // 10), encoding="utf-8")
    code, _, err = run_command("import", "units", str(quote), "--agency", "UJI")
    assert code == 1 and lines(err)[0].startswith(f"{quote}:2: -: sel lebih panjang")
    assert counts() == before


def test_a_nul_character_is_refused_by_the_dry_run_with_row_and_column(agency, tmp_path):
    before = counts()
    path = tmp_path / "pegawai.csv"
    path.write_text(EMP_HEADER + GOOD_EMP + "199001012015052001,Sri\x00Wahyuni,ROOT,Kepala Biro,JPT,PNS,,\n"
                    + "199202022019031002,Agus Salim,ROOT,Analis,FUNGSIONAL,PNS,,agus@x.go.id\x00\n", encoding="utf-8")
    for args in (["--dry-run"], []):  # the dry run said yes and the real run crashed on PostgreSQL, before
        code, out, err = run_command("import", "employees", str(path), "--agency", "UJI", *args)
        assert code == 1, out
        assert lines(err) == [
            f"{path}:3: nama: berisi karakter NUL (0x00) / holds a NUL character (0x00)",
            f"{path}:4: email: berisi karakter NUL (0x00) / holds a NUL character (0x00)",
        ]
    assert counts() == before


def test_bytes_that_are_not_utf8_and_lone_surrogates_are_reported_per_cell(agency, tmp_path):
    before = counts()
    path = tmp_path / "unit.csv"
    path.write_bytes(b"kode,nama,induk_kode\nA,Biro \xff A,ROOT\n"
                     b"B,Biro \xed\xa0\x80 B,ROOT\n"  # U+D800 encoded as UTF-8 would be: not UTF-8 at all
                     b"C\xc3,Biro C,ROOT\n")  # a character cut in the middle
    code, _, err = run_command("import", "units", str(path), "--agency", "UJI")
    assert code == 1
    assert lines(err) == [
        f"{path}:2: nama: berisi byte yang bukan UTF-8 (0xFF) / holds a byte that is not UTF-8 (0xFF)",
        f"{path}:3: nama: berisi byte yang bukan UTF-8 (0xED) / holds a byte that is not UTF-8 (0xED)",
        f"{path}:4: kode: berisi byte yang bukan UTF-8 (0xC3) / holds a byte that is not UTF-8 (0xC3)",
    ]
    assert counts() == before


def test_xlsx_cells_with_nul_and_control_characters(agency, tmp_path):
    """XLSX escapes control characters (``_x0000_``); the reader gives them back and the import refuses NUL.
    Other control characters (a tab, U+0001) are ordinary text and stored as given."""
    path = tmp_path / "unit.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for row, cells in enumerate([["kode", "nama", "induk_kode"], ["A", "Biro\x00A", "ROOT"], ["B", "Biro\x01B", "ROOT"]]):
        sheet.write_row(row, 0, cells)
    book.close()
    before = counts()
    code, _, err = run_command("import", "units", str(path), "--agency", "UJI")
    assert code == 1
    assert lines(err) == [f"{path}:2: nama: berisi karakter NUL (0x00) / holds a NUL character (0x00)"]
    assert counts() == before


def test_survey_responses_and_skp_ratings_refuse_the_same_way(agency, tmp_path):
    before = counts()
    answers = ",".join("3" for _ in BEHAVIOUR_CODES)
    path = tmp_path / "jawaban.csv"
    path.write_text("respondent,unit_kode," + ",".join(BEHAVIOUR_CODES) + "\n"
                    f"R1,ROOT,{answers}\nR\x002,ROOT,{answers}\nR3,ROOT,{BIG}\n", encoding="utf-8")
    code, _, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "W1")
    assert code == 1
    # reading stops at the cell beyond the limit: that is the one problem reported
    assert lines(err) == [f"{path}:4: -: sel lebih panjang dari {LIMIT} karakter (atau tanda kutip tidak ditutup) / "
                          f"a cell is longer than {LIMIT} characters (or a quote is not closed)"]
    path.write_text("respondent,unit_kode," + ",".join(BEHAVIOUR_CODES) + "\n"
                    f"R1,ROOT,{answers}\nR\x002,ROOT,{answers}\n", encoding="utf-8")
    code, _, err = run_command("survey", "import-responses", str(path), "--agency", "UJI", "--wave", "W1")
    assert code == 1
    assert lines(err) == [f"{path}:3: respondent: berisi karakter NUL (0x00) / holds a NUL character (0x00)"]
    ratings = tmp_path / "nilai.csv"
    ratings.write_text("nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja\n"
                       f"198609262015051001,2024,TW1,SESUAI,{BIG}\n", encoding="utf-8")
    code, _, err = run_command("skp", "import-ratings", str(ratings), "--agency", "UJI")
    assert code == 1 and lines(err)[0].startswith(f"{ratings}:2: -: sel lebih panjang dari {LIMIT}")
    ratings.write_text("nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja\n"
                       "198609262015051001,2024,TW1,SESUAI,SE\x00SUAI\n", encoding="utf-8")
    code, _, err = run_command("skp", "import-ratings", str(ratings), "--agency", "UJI")
    assert code == 1
    assert f"{ratings}:2: rating_perilaku_kerja: berisi karakter NUL (0x00) / holds a NUL character (0x00)" in lines(err)
    assert counts() == before
