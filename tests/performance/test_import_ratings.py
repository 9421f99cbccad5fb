"""``berakhlak skp import-ratings``: ratings made elsewhere (e-Kinerja exports) into ``Evaluation``;
all-or-nothing with one ``FILE:ROW: column: reason`` line per problem, re-runnable, set-based."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from berakhlak.audit.models import AuditEvent
from berakhlak.org.services import ImportRejected
from berakhlak.performance import rules
from berakhlak.performance.checks import parse_ratings
from berakhlak.performance.imports import ratings_import
from berakhlak.performance.models import Evaluation, PerformanceYear, Period, Source
from berakhlak.performance.services import (
    evaluation_rate,
    year_setup,
)
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory
from tests.performance.helpers import approved_skp, run_skp

pytestmark = pytest.mark.django_db
HEADER = "nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja\n"
KEMENX = "KEMENX"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Files are given by name, as typed at a prompt: problem lines start with the name as given."""
    monkeypatch.chdir(tmp_path)




def csv(*lines: str) -> str:
    return HEADER + "".join(f"{line}\n" for line in lines)


def state():
    """Everything the import may write, to show that a refused file wrote nothing."""
    return (sorted(Evaluation.objects.values_list("employee_id", "period_id", "predikat", "source", "rated_at")),
            sorted(PerformanceYear.objects.values_list("agency_id", "year", "frequency")),
            Period.objects.count(), AuditEvent.objects.count())




def test_a_good_file_is_loaded_with_the_matrix_predikat_and_a_summary(skp_org, write):
    analis, pelaksana, staf = skp_org["analis"], skp_org["pelaksana"], skp_org["staff_b"][0]
    path = write("nilai.csv", csv(
        f"{analis.nip},2024,TAHUNAN,DIATAS,DIATAS",
        f"{analis.nip},2024,TW1,DIATAS,DIBAWAH",
        f"{pelaksana.nip},2024,TAHUNAN,DIBAWAH,SESUAI",
        f"{staf.nip},2024,TW4,SESUAI,DIATAS",
    ))
    code, out, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 0, err
    assert out.strip() == "KEMENX: 4 penilaian; 4 baru, 0 diperbarui / 4 ratings; 4 new, 0 updated"
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    ev = Evaluation.objects.get(employee=analis, period=annual)
    assert (ev.rating_hasil_kerja, ev.rating_perilaku_kerja, ev.predikat) == ("DIATAS", "DIATAS", "SANGAT_BAIK")
    assert ev.source == Source.IMPORT and ev.unit_id == analis.unit_id == skp_org["bag_a1"].pk
    assert ev.skp_id is None and ev.rated_by_id is None and ev.rated_at is not None
    assert not ev.is_final and not ev.hasil_from_org and ev.note == ""
    assert Evaluation.objects.get(employee=analis, period__code="TW1").predikat == rules.KURANG
    assert Evaluation.objects.get(employee=pelaksana).predikat == rules.BUTUH_PERBAIKAN
    assert Evaluation.objects.get(employee=staf).predikat == rules.BAIK
    assert Evaluation.objects.get(employee=staf).unit_id == skp_org["biro_b"].pk
    event = AuditEvent.objects.get(action="skp.import_ratings")
    assert event.agency == skp_org["agency"] and event.object_type == "performance.evaluation"
    assert event.after == {"file": "nilai.csv", "total": 4, "created": 4, "updated": 0, "unchanged": 0,
                           "years": [2024], "years_created": []}


def test_a_rerun_changes_nothing_and_a_corrected_file_updates_only_the_changed_rows(skp_org, write):
    people = [skp_org[k] for k in ("analis", "pelaksana", "junior")]
    lines = [f"{p.nip},2024,TAHUNAN,SESUAI,SESUAI" for p in people]
    path = write("nilai.csv", csv(*lines))
    assert run_skp("import-ratings", path.name, "--agency", KEMENX)[0] == 0
    stamps = dict(Evaluation.objects.values_list("employee_id", "rated_at"))
    code, out, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 0, err
    assert "3 penilaian; 0 baru, 0 diperbarui / 3 ratings; 0 new, 0 updated" in out
    assert dict(Evaluation.objects.values_list("employee_id", "rated_at")) == stamps  # not rewritten
    lines[1] = f"{people[1].nip},2024,TAHUNAN,DIATAS,DIATAS"
    path = write("nilai.csv", csv(*lines, f"{skp_org['kabag'].nip},2024,TAHUNAN,SESUAI,DIBAWAH"))
    code, out, _ = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert "4 penilaian; 1 baru, 1 diperbarui / 4 ratings; 1 new, 1 updated" in out
    assert Evaluation.objects.count() == 4
    assert Evaluation.objects.get(employee=people[1]).predikat == rules.SANGAT_BAIK
    assert Evaluation.objects.get(employee=people[0]).rated_at == stamps[people[0].pk]
    assert Evaluation.objects.get(employee=people[1]).rated_at > stamps[people[1].pk]
    assert AuditEvent.objects.filter(action="skp.import_ratings").count() == 3
    assert AuditEvent.objects.filter(action="skp.import_ratings").order_by("-id").first().after["unchanged"] == 2


def test_ratings_and_periods_are_read_case_insensitively_and_trimmed(skp_org, write):
    analis = skp_org["analis"]
    path = write("nilai.csv", csv(f" {analis.nip} , 2024 , tw2 , diAtas ,  Sesuai  "))
    code, out, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 0, err
    ev = Evaluation.objects.get(employee=analis)
    assert (ev.period.code, ev.rating_hasil_kerja, ev.rating_perilaku_kerja, ev.predikat) == (
        "TW2", "DIATAS", "SESUAI", "BAIK")


def test_every_problem_is_one_line_and_nothing_is_written(skp_org, write):
    analis, kabag, pelaksana = skp_org["analis"], skp_org["kabag"], skp_org["pelaksana"]
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    Evaluation.objects.create(period=annual, employee=kabag, unit=kabag.unit, rating_hasil_kerja="SESUAI",
                              rating_perilaku_kerja="SESUAI", predikat="BAIK", is_final=True)
    before = state()
    body = (HEADER.strip() + ",catatan\n"
            + f"{analis.nip},2024,TAHUNAN,DIATAS,DIATAS,\n"              # 2 fine
            + "199001012015011999,2024,TAHUNAN,SESUAI,SESUAI,\n"         # 3 unknown NIP
            + f"{skp_org['outsider'].nip},2024,TAHUNAN,SESUAI,SESUAI,\n"  # 4 another agency's NIP
            + "19900101201501100,2024,TAHUNAN,SESUAI,SESUAI,\n"           # 5 17 digits
            + f"{pelaksana.nip},2024.5,TAHUNAN,SESUAI,SESUAI,\n"         # 6 not a whole year
            + f"{pelaksana.nip},1899,TAHUNAN,SESUAI,SESUAI,\n"           # 7 implausible year
            + f"{pelaksana.nip},2024,BLN01,SESUAI,SESUAI,\n"             # 8 monthly code in a quarterly year
            + f"{pelaksana.nip},2024,TW5,SESUAI,SESUAI,\n"               # 9 no such period
            + f"{pelaksana.nip},2024,TW1,BAGUS,SESUAI,\n"                # 10 unknown rating
            + f"{pelaksana.nip},2024,TW2,SESUAI,baik sekali,\n"          # 11 unknown rating
            + f"{analis.nip},2024,tahunan,SESUAI,SESUAI,\n"              # 12 same nip/year/period as row 2
            + ",,,,,hanya catatan\n"                                     # 13 empty row
            + f"{kabag.nip},2024,TAHUNAN,DIATAS,DIATAS,\n"               # 14 already final on the platform
            + f"{pelaksana.nip},,TW3,,SESUAI,\n"                         # 15 required values missing
            + "199001012015011998,2024,TW9,SESUAI,x,\n")                 # 16 every cell that can be read is checked
    path = write("nilai.csv", body)
    code, out, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "nilai.csv:3: nip: NIP 199001012015011999 tidak dikenal / unknown NIP",
        "nilai.csv:4: nip: NIP terdaftar pada instansi lain / the NIP belongs to another agency",
        "nilai.csv:5: nip: NIP 19900101201501100 harus 18 digit / the NIP must be 18 digits",
        "nilai.csv:6: tahun: 2024.5 bukan bilangan bulat / not a whole number",
        "nilai.csv:7: tahun: tahun 1899 tidak masuk akal (2000–2100) / year 1899 is not plausible",
        "nilai.csv:8: periode: periode BLN01 tidak dikenal; tahun 2024 (triwulanan) memakai TW1, TW2, TW3, TW4, "
        "TAHUNAN / unknown period: 2024 is quarterly",
        "nilai.csv:9: periode: periode TW5 tidak dikenal; tahun 2024 (triwulanan) memakai TW1, TW2, TW3, TW4, "
        "TAHUNAN / unknown period: 2024 is quarterly",
        "nilai.csv:10: rating_hasil_kerja: BAGUS tidak dikenal; pakai DIATAS, SESUAI atau DIBAWAH / "
        "unknown rating, use DIATAS, SESUAI or DIBAWAH",
        "nilai.csv:11: rating_perilaku_kerja: baik sekali tidak dikenal; pakai DIATAS, SESUAI atau DIBAWAH / "
        "unknown rating, use DIATAS, SESUAI or DIBAWAH",
        "nilai.csv:12: nip: NIP " + analis.nip + ", 2024 TAHUNAN sudah ada di baris 2 / duplicate of row 2",
        "nilai.csv:13: -: baris kosong / empty row",
        "nilai.csv:14: periode: penilaian 2024 TAHUNAN pegawai ini sudah final di platform; buka kembali dulu / "
        "the rating is already final on the platform; reopen it first",
        "nilai.csv:15: tahun: wajib diisi / required",
        "nilai.csv:15: rating_hasil_kerja: wajib diisi / required",
        "nilai.csv:16: nip: NIP 199001012015011998 tidak dikenal / unknown NIP",
        "nilai.csv:16: periode: periode TW9 tidak dikenal; tahun 2024 (triwulanan) memakai TW1, TW2, TW3, TW4, "
        "TAHUNAN / unknown period: 2024 is quarterly",
        "nilai.csv:16: rating_perilaku_kerja: x tidak dikenal; pakai DIATAS, SESUAI atau DIBAWAH / "
        "unknown rating, use DIATAS, SESUAI or DIBAWAH",
        "17 masalah; tidak ada yang disimpan / 17 problem(s); nothing was saved",
    ]
    assert state() == before


def test_missing_and_repeated_columns_are_reported_on_row_one(skp_org, write):
    analis = skp_org["analis"]
    path = write("nilai.csv", f"nip,tahun,periode,rating_hasil_kerja\n{analis.nip},2024,TW1,SESUAI\n")
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1
    assert err.splitlines() == ["nilai.csv:1: rating_perilaku_kerja: kolom wajib tidak ada / required column missing",
                                "1 masalah; tidak ada yang disimpan / 1 problem(s); nothing was saved"]
    path = write("nilai.csv", HEADER.strip() + ",NIP\n" + f"{analis.nip},2024,TW1,SESUAI,SESUAI,{analis.nip}\n")
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1 and err.splitlines()[0] == "nilai.csv:1: nip: kolom muncul dua kali / column appears twice"
    assert not Evaluation.objects.exists()


def test_a_nip_typed_as_a_number_in_excel_is_refused_with_a_hint(skp_org, write):
    path = write("nilai.csv", csv("1.98609262015051E+17,2024,TW1,SESUAI,SESUAI"))
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1
    assert "nilai.csv:2: nip: NIP 1.98609262015051E+17 harus 18 digit / the NIP must be 18 digits; kolom berisi " \
           "angka, bukan teks" in err


def test_a_file_without_rows_is_refused(skp_org, write):
    code, _, err = run_skp("import-ratings", write("nilai.csv", HEADER).name, "--agency", KEMENX)
    assert code == 1 and "nilai.csv:2: -: berkas tidak berisi penilaian / the file holds no ratings" in err


def test_a_missing_year_is_created_quarterly_with_the_import_formats_periods(skp_org, write):
    analis = skp_org["analis"]
    before = state()
    bad = write("nilai.csv", csv(f"{analis.nip},2025,TW3,SESUAI,SESUAI", f"{analis.nip},2025,BLN07,SESUAI,SESUAI"))
    code, _, err = run_skp("import-ratings", bad.name, "--agency", KEMENX)
    assert code == 1 and err.splitlines()[0] == (
        "nilai.csv:3: periode: periode BLN07 tidak dikenal; tahun 2025 (triwulanan) memakai TW1, TW2, TW3, TW4, "
        "TAHUNAN / unknown period: 2025 is quarterly")
    assert state() == before  # the year is not created by a refused file
    good = write("nilai.csv", csv(f"{analis.nip},2025,TW3,SESUAI,SESUAI", f"{analis.nip},2025,TAHUNAN,DIATAS,SESUAI"))
    code, out, err = run_skp("import-ratings", good.name, "--agency", KEMENX)
    assert code == 0, err
    assert out.splitlines() == [
        "KEMENX: tahun kinerja 2025 dibuat (triwulanan: TW1–TW4, TAHUNAN) / SKP year 2025 created (quarterly)",
        "KEMENX: 2 penilaian; 2 baru, 0 diperbarui / 2 ratings; 2 new, 0 updated"]
    py = PerformanceYear.objects.get(agency=skp_org["agency"], year=2025)
    assert py.frequency == rules.QUARTERLY
    assert list(py.periods.order_by("order").values_list("code", flat=True)) == ["TW1", "TW2", "TW3", "TW4", "TAHUNAN"]
    assert AuditEvent.objects.filter(action="skp.year_setup", object_id=str(py.pk)).count() == 1
    assert AuditEvent.objects.get(action="skp.import_ratings").after["years_created"] == [2025]


def test_a_monthly_year_takes_its_month_codes_and_refuses_quarters(skp_org, write):
    analis = skp_org["analis"]
    year_setup(actor=skp_org["hr"], agency=skp_org["agency"], year=2023, frequency=rules.MONTHLY)
    path = write("nilai.csv", csv(f"{analis.nip},2023,BLN05,SESUAI,SESUAI", f"{analis.nip},2023,TW2,SESUAI,SESUAI"))
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1 and err.splitlines()[0] == (
        "nilai.csv:3: periode: periode TW2 tidak dikenal; tahun 2023 (bulanan) memakai BLN01, BLN02, BLN03, BLN04, "
        "BLN05, BLN06, BLN07, BLN08, BLN09, BLN10, BLN11, BLN12, TAHUNAN / unknown period: 2023 is monthly")
    path = write("nilai.csv", csv(f"{analis.nip},2023,bln05,SESUAI,SESUAI", f"{analis.nip},2023,TAHUNAN,SESUAI,SESUAI"))
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 0, err
    assert sorted(Evaluation.objects.values_list("period__code", flat=True)) == ["BLN05", "TAHUNAN"]


def test_xlsx_with_the_same_header(skp_org, tmp_path):
    import openpyxl

    analis, staf = skp_org["analis"], skp_org["staff_b"][1]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIP", "Tahun", "Periode", "Rating_Hasil_Kerja", "Rating_Perilaku_Kerja"])
    ws.append([analis.nip, 2024, "TAHUNAN", "DIATAS", "DIATAS"])   # the year as a number cell
    ws.append([])                                                   # a blank row is skipped
    ws.append([staf.nip, "2024", "tw3", "dibawah", "dibawah"])
    ws.append([staf.nip, 2024, "TW3", "SESUAI", "SESUAI"])          # row 5 repeats row 4
    path = tmp_path / "nilai.xlsx"
    wb.save(path)
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1 and err.splitlines()[0] == (
        f"nilai.xlsx:5: nip: NIP {staf.nip}, 2024 TW3 sudah ada di baris 4 / duplicate of row 4")
    ws.delete_rows(5)
    wb.save(path)
    code, out, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 0, err
    assert "2 penilaian; 2 baru" in out
    assert Evaluation.objects.get(employee=analis).predikat == rules.SANGAT_BAIK
    assert Evaluation.objects.get(employee=staf).predikat == rules.SANGAT_KURANG


def test_the_skp_of_that_year_is_linked_and_a_platform_rating_not_final_is_replaced(skp_org, write):
    skp = approved_skp(skp_org)
    analis, kabag = skp_org["analis"], skp_org["kabag"]
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    evaluation_rate(actor=kabag.user, skp=skp, period=annual, hasil_kerja="SESUAI", perilaku_kerja="SESUAI",
                    note="catatan penilai")
    path = write("nilai.csv", csv(f"{analis.nip},2024,TAHUNAN,DIATAS,DIATAS", f"{analis.nip},2024,TW1,SESUAI,SESUAI"))
    code, out, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 0, err
    assert "2 penilaian; 1 baru, 1 diperbarui" in out
    ev = Evaluation.objects.get(employee=analis, period=annual)
    assert (ev.skp_id, ev.source, ev.predikat, ev.rated_by_id, ev.note) == (skp.pk, Source.IMPORT, "SANGAT_BAIK",
                                                                            None, "")
    assert Evaluation.objects.get(employee=analis, period__code="TW1").skp_id == skp.pk
    # the same platform rating imported unchanged is still a change of source, then nothing
    assert "0 baru, 0 diperbarui" in run_skp("import-ratings", path.name, "--agency", KEMENX)[1]


def test_the_agency_may_be_left_out_only_when_there_is_one(db, write):
    agency = AgencyFactory(code="SATU")
    emp = EmployeeFactory(unit=UnitFactory(agency=agency, code="ROOT"))
    path = write("nilai.csv", csv(f"{emp.nip},2024,TAHUNAN,SESUAI,DIATAS"))
    code, out, err = run_skp("import-ratings", path.name)
    assert code == 0, err
    assert "SATU: 1 penilaian" in out
    AgencyFactory(code="DUA")
    with pytest.raises(CommandError, match="--agency") as exc:
        call_command("skp", "import-ratings", path.name)
    assert exc.value.returncode == 1
    with pytest.raises(CommandError, match="instansi NOPE tidak ada / agency NOPE does not exist"):
        call_command("skp", "import-ratings", path.name, "--agency", "NOPE")


def test_an_unreadable_file_is_one_problem_line(skp_org, write, tmp_path):
    path = tmp_path / "nilai.csv"
    line = skp_org["analis"].nip.encode() + b",2024,TW1,SESUAI,SESUAI\n"
    path.write_bytes(b"nip,\xff\xfe\n" + line)  # a header that is not UTF-8: not a CSV at all
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1 and err.splitlines()[0].startswith(
        "nilai.csv:1: -: berkas bukan CSV UTF-8 atau XLSX / not a UTF-8 CSV or an XLSX file")
    path.write_bytes(HEADER.encode() + line + b"\n" * 999 + b"\xff\xfe,2024,TW1,SESUAI,SESUAI\n")  # row 1002
    code, _, err = run_skp("import-ratings", path.name, "--agency", KEMENX)
    assert code == 1 and err.splitlines() == [
        "nilai.csv:1002: nip: berisi byte yang bukan UTF-8 (0xFF) / holds a byte that is not UTF-8 (0xFF)",
        "1 masalah; tidak ada yang disimpan / 1 problem(s); nothing was saved"]
    assert not Evaluation.objects.exists()
    code, _, err = run_skp("import-ratings", "none.csv", "--agency", KEMENX)
    assert code == 1 and "none.csv:0: -:" in err


def test_the_service_reads_in_a_fixed_number_of_queries_whatever_the_size(skp_org):
    people = [p for p in [skp_org[k] for k in ("kepala", "sekretaris", "kabiro_a", "kabag", "analis", "pelaksana",
                                               "junior", "kabiro_b")] + skp_org["staff_b"]]
    codes = [s.code for s in rules.periods_for(2024, rules.QUARTERLY)]

    def load(lines):
        data = (HEADER + "".join(f"{line}\n" for line in lines)).encode()
        with CaptureQueriesContext(connection) as ctx:
            result = ratings_import(source=io.BytesIO(data), agency=skp_org["agency"], filename="nilai.csv")
        return result, len(ctx.captured_queries)

    small, n_small = load([f"{people[0].nip},2024,TW1,SESUAI,SESUAI"])
    big, n_big = load([f"{p.nip},2024,{c},SESUAI,DIATAS" for p in people for c in codes])
    assert (small.total, big.total, big.created, big.updated) == (1, 55, 54, 1)
    assert n_big == n_small and n_big <= 20
    with pytest.raises(ImportRejected) as exc:
        ratings_import(source=io.BytesIO(b"nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja\n"
                                         b"1,2024,TW1,SESUAI,SESUAI\n"), agency=skp_org["agency"], filename="x.csv")
    assert [str(p) for p in exc.value.problems] == ["x.csv:2: nip: NIP 1 harus 18 digit / the NIP must be 18 digits"]


def test_the_checks_are_pure(skp_org):
    root = Path(__file__).resolve().parents[2]
    code = ("import sys; import berakhlak.performance.checks; "
            "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0
    rows, problems = parse_ratings("f.csv", ["nip", "tahun", "periode", "rating_hasil_kerja", "rating_perilaku_kerja"],
                                   [(2, [skp_org["analis"].nip, "2024", "TW1", "DIBAWAH", "DIATAS"])])
    assert problems == [] and rows[0].predikat == rules.BUTUH_PERBAIKAN
