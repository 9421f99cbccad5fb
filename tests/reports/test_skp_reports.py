"""SKP documents and the predikat recap: an SKP built through the services (plan with a cascade, the
leader's expectations, realisation with evidence, feedback, periodic and annual ratings), then the
document dicts, the PDFs, the XLSX and the charts checked for what a user would look for."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from berakhlak.org.models import Employee
from berakhlak.performance import rules
from berakhlak.performance.reporting import evaluation_document, recap_report, skp_document
from berakhlak.performance.selectors import recap, recap_units_meta, recap_years, skp_view
from berakhlak.performance.services import (
    delegation_create,
    evaluation_rate,
    evidence_add,
    expectation_set,
    feedback_add,
    indicator_save,
    realisation_save,
    result_save,
    skp_approve,
    skp_create,
    skp_submit,
    skp_update,
)
from berakhlak.reports import skp_charts, skp_pdf, skp_xlsx
from tests.performance.conftest import skp_org  # noqa: F401  (the fixture)

NAME = "Dewi Lestari, S.Psi."
BOSS_RESULT = "Terwujudnya layanan kepegawaian Bagian A1 yang akuntabel"
ORG_GOAL = "Sasaran organisasi: budaya kerja BerAKHLAK terinternalisasi"


def _approve(skp, actor, rater):
    skp_submit(actor=actor, skp=skp)
    skp_approve(actor=rater, skp=skp)
    skp.refresh_from_db()
    return skp


@pytest.fixture
def built(skp_org):
    """The analyst's SKP for 2024, cascaded from the head of section's, rated in TW1 and for the year,
    and three staff of Biro B rated for the year (for the recap)."""
    org = skp_org
    Employee.objects.filter(pk=org["analis"].pk).update(name=NAME)
    analis, kabag, kabiro_a = Employee.objects.get(pk=org["analis"].pk), org["kabag"], org["kabiro_a"]
    py = org["year"]
    tw1, tw2 = py.periods.get(code="TW1"), py.periods.get(code="TW2")
    annual = py.periods.get(code=rules.ANNUAL)

    boss_skp = skp_create(actor=kabag.user, employee=kabag, py=py)
    boss = result_save(actor=kabag.user, skp=boss_skp, kind="UTAMA", text=BOSS_RESULT)
    indicator_save(actor=kabag.user, result=boss, aspect="KUALITAS", text="Indeks layanan", target="≥ 80")
    _approve(boss_skp, kabag.user, kabiro_a.user)

    skp = skp_create(actor=analis.user, employee=analis, py=py)
    main = result_save(actor=analis.user, skp=skp, kind="UTAMA", text="Tersusunnya analisis jabatan unit A1",
                       supports=boss)
    count = indicator_save(actor=analis.user, result=main, aspect="KUANTITAS",
                           text="Jumlah dokumen analisis jabatan yang disusun", target="12 dokumen")
    indicator_save(actor=analis.user, result=main, aspect="KUALITAS",
                   text="Dokumen disetujui pimpinan tanpa revisi mayor", target="100 % dokumen")
    extra = result_save(actor=analis.user, skp=skp, kind="TAMBAHAN", text="Narasumber sosialisasi BerAKHLAK",
                        supports_text=ORG_GOAL)
    indicator_save(actor=analis.user, result=extra, aspect="WAKTU", text="Sosialisasi terlaksana",
                   target="Triwulan III")
    skp_update(actor=analis.user, skp=skp, dukungan_sumber_daya="Akses SIASN dan data formasi",
               skema_pertanggungjawaban="Laporan triwulanan kepada Kepala Bagian", konsekuensi="Sesuai PP 94/2021")
    expectation_set(actor=kabag.user, skp=skp, value_code="AD", text="Mencoba satu perbaikan proses tiap triwulan")
    expectation_set(actor=kabag.user, skp=skp, value_code="KL", text="Melibatkan unit lain dalam validasi anjab")
    _approve(skp, analis.user, kabag.user)

    real = realisation_save(actor=analis.user, indicator=count, period=tw1, text="3 dokumen anjab selesai",
                            value=Decimal("3"))
    evidence_add(actor=analis.user, realisation=real, link="https://arsip.example.go.id/anjab-tw1",
                 note="Berkas anjab TW1")
    realisation_save(actor=analis.user, indicator=count, period=tw2, text="7 dokumen anjab selesai")
    feedback_add(actor=kabag.user, skp=skp, period=tw1, text="Bagus, pertahankan ritme penyusunan")
    feedback_add(actor=analis.user, skp=skp, period=tw1, text="Terima kasih; TW2 dipercepat")
    feedback_add(actor=kabag.user, skp=skp, period=tw2, text="Validasi dengan Biro B")
    evaluation_rate(actor=kabag.user, skp=skp, period=tw1, hasil_kerja="SESUAI", perilaku_kerja="DIATAS",
                    note="Kinerja stabil")
    evaluation_rate(actor=kabag.user, skp=skp, period=annual, hasil_kerja="SESUAI", perilaku_kerja="SESUAI")

    kabiro_b = org["kabiro_b"]
    for person, (hk, pk) in zip(org["staff_b"], [("DIATAS", "DIATAS"), ("SESUAI", "SESUAI"), ("DIBAWAH", "SESUAI")]):
        s = skp_create(actor=person.user, employee=person, py=py)
        r = result_save(actor=person.user, skp=s, kind="UTAMA", text="Terolahnya data kepegawaian")
        indicator_save(actor=person.user, result=r, aspect="KUANTITAS", text="Jumlah data", target="100 data")
        _approve(s, person.user, kabiro_b.user)
        evaluation_rate(actor=kabiro_b.user, skp=s, period=annual, hasil_kerja=hk, perilaku_kerja=pk)
    skp.refresh_from_db()
    return {**org, "skp": skp, "analis": analis, "tw1": tw1, "tw2": tw2, "annual": annual}


# --- the SKP -------------------------------------------------------------------------------------------

def test_skp_document_holds_the_plan_as_the_form_shows_it(built):
    doc = skp_document(skp_view(built["skp"]), place="Jakarta")
    assert doc["title"] == "SASARAN KINERJA PEGAWAI" and doc["year"] == 2024
    assert doc["agency"]["name"] == "Kementerian X"
    assert doc["skp_period"]["text"] == "1 Januari s.d. 31 Desember 2024"
    assert doc["pegawai"] | {} == {"present": True, "name": NAME, "nip": built["analis"].nip, "pangkat": "—",
                                   "position": "Analis SDM Aparatur Ahli Muda", "unit": "Bagian A1"}
    penilai = doc["penilai"]
    assert (penilai["name"], penilai["nip"], penilai["position"], penilai["unit"]) == (
        "Kabag A1", built["kabag"].nip, "Kepala Bagian A1", "Bagian A1")
    assert penilai["delegated_from"] is None and penilai["note"] == ""
    assert not doc["status"]["draft"]

    utama, tambahan = doc["hasil_kerja"]
    assert (utama["title"], tambahan["title"]) == ("A. UTAMA", "B. TAMBAHAN")
    row = utama["rows"][0]
    # the cascade: the superior's hasil kerja in "Rencana Hasil Kerja Atasan yang Diintervensi"
    assert row["atasan"] == {"text": BOSS_RESULT, "owner": "Kabag A1", "from_skp": True}
    assert row["rencana"] == "Tersusunnya analisis jabatan unit A1" and row["span"] == 2
    assert [(i["aspect_label"], i["text"], i["target"]) for i in row["indicators"]] == [
        ("Kuantitas", "Jumlah dokumen analisis jabatan yang disusun", "12 dokumen"),
        ("Kualitas", "Dokumen disetujui pimpinan tanpa revisi mayor", "100 % dokumen")]
    extra = tambahan["rows"][0]
    assert extra["atasan"]["text"] == ORG_GOAL and not extra["atasan"]["from_skp"]
    assert extra["indicators"][0]["target"] == "Triwulan III"

    values = doc["perilaku_kerja"]
    assert [v["code"] for v in values] == ["BP", "AK", "KO", "HA", "LO", "AD", "KL"]
    assert all(len(v["guides"]) == 3 for v in values)
    assert values[0]["name"] == "Berorientasi Pelayanan"
    assert values[0]["guides"][0] == "Memahami dan memenuhi kebutuhan masyarakat"
    by_code = {v["code"]: v["expectation"] for v in values}
    assert by_code["AD"] == "Mencoba satu perbaikan proses tiap triwulan" and by_code["BP"] == ""

    assert [(x["title"], x["text"]) for x in doc["lampiran"]] == [
        ("Dukungan Sumber Daya", "Akses SIASN dan data formasi"),
        ("Skema Pertanggungjawaban", "Laporan triwulanan kepada Kepala Bagian"),
        ("Konsekuensi", "Sesuai PP 94/2021")]
    sig = doc["signatures"]
    approved = timezone.localtime(built["skp"].approved_at).date()
    assert sig["place"] == "Jakarta" and sig["date"].endswith(str(approved.year)) and sig["date"].startswith(
        f"{approved.day} ")
    assert (sig["pegawai"]["role"], sig["pegawai"]["name"]) == ("Pegawai yang Dinilai", NAME)
    assert (sig["penilai"]["role"], sig["penilai"]["name"]) == ("Pejabat Penilai Kinerja", "Kabag A1")


def test_a_draft_without_a_rater_shows_dashes_and_says_it_is_a_draft(skp_org):
    head = skp_org["kepala"]
    skp = skp_create(actor=head.user, employee=head, py=skp_org["year"])
    doc = skp_document(skp_view(skp))
    assert doc["penilai"]["name"] == "—" and doc["penilai"]["nip"] == "—" and not doc["penilai"]["present"]
    assert "SDM" in doc["penilai"]["note"]
    assert doc["status"]["draft"] and "belum disetujui" in doc["status"]["note"]
    assert doc["hasil_kerja"][0]["rows"] == [] and doc["signatures"]["date"] == ""
    html = skp_pdf.skp_document_html(doc)
    assert "Tidak ada hasil kerja utama." in html and "belum disetujui" in html


def test_a_delegated_rater_is_named_with_the_delegation(skp_org):
    skp = skp_create(actor=skp_org["analis"].user, employee=skp_org["analis"], py=skp_org["year"])
    delegation_create(actor=skp_org["kabag"].user, py=skp_org["year"], delegator=skp_org["kabag"],
                      delegate=skp_org["kabiro_a"], reason="Cuti besar")
    skp.refresh_from_db()
    penilai = skp_document(skp_view(skp))["penilai"]
    assert penilai["name"] == "Kabiro A" and penilai["delegated_from"]["name"] == "Kabag A1"
    assert penilai["note"] == f"Atas delegasi dari Kabag A1 (NIP {skp_org['kabag'].nip})."


# --- evaluations ---------------------------------------------------------------------------------------

def test_the_quarterly_evaluation_holds_the_periods_realisation_feedback_and_predikat(built):
    doc = evaluation_document(skp_view(built["skp"]), built["tw1"], "BAIK")
    assert doc["title"] == "EVALUASI KINERJA PEGAWAI"
    assert doc["period"]["label"] == "Triwulan I" and doc["period"]["dates"] == "1 Januari s.d. 31 Maret 2024"
    assert doc["org_result"]["label"] == "Baik"
    assert "paling banyak 70 % Baik" in doc["distribution"]["rules"]
    first = doc["hasil_kerja"][0]["rows"][0]
    assert first["atasan"]["text"] == BOSS_RESULT
    count, quality = first["indicators"]
    assert count["target"] == "12 dokumen"
    assert [(r["text"], r["value_text"], r["period"]) for r in count["realisations"]] == [
        ("3 dokumen anjab selesai", "3", "")]  # TW2's is not shown on TW1
    assert count["realisations"][0]["evidence"] == [{"name": "https://arsip.example.go.id/anjab-tw1",
                                                     "link": "https://arsip.example.go.id/anjab-tw1",
                                                     "note": "Berkas anjab TW1", "is_file": False}]
    assert quality["realisations"] == []
    assert [(f["text"], f["role"]) for f in doc["feedback"]] == [
        ("Bagus, pertahankan ritme penyusunan", "Pejabat penilai"), ("Terima kasih; TW2 dipercepat", "Pegawai")]
    rating = doc["rating"]
    assert (rating["hasil_kerja"]["label"], rating["perilaku_kerja"]["label"], rating["predikat"]["label"]) == (
        "Sesuai Ekspektasi", "Di Atas Ekspektasi", "Baik")
    assert rating["note"] == "Kinerja stabil" and rating["rated_by"] == "Kabag A1"
    assert doc["angka_kredit"] is None  # only on the annual evaluation
    by_code = {v["code"]: v["expectation"] for v in doc["perilaku_kerja"]}
    assert by_code["KL"] == "Melibatkan unit lain dalam validasi anjab"


def test_the_annual_evaluation_shows_the_year_and_the_angka_kredit(built):
    doc = evaluation_document(skp_view(built["skp"]), built["annual"], None)
    assert doc["period"]["label"] == "Tahunan 2024" and doc["period"]["is_annual"]
    assert doc["org_result"]["label"] == "Belum ditetapkan" and doc["distribution"]["rules"] == []
    count = doc["hasil_kerja"][0]["rows"][0]["indicators"][0]
    assert [(r["period"], r["text"]) for r in count["realisations"]] == [
        ("Triwulan I", "3 dokumen anjab selesai"), ("Triwulan II", "7 dokumen anjab selesai")]
    assert len(doc["feedback"]) == 3 and doc["realisation_note"]
    assert doc["rating"]["predikat"] == {"code": "BAIK", "label": "Baik"}
    credit = doc["angka_kredit"]
    # Analis SDM Aparatur Ahli Muda: coefficient 25, Baik 100 % (PermenPANRB 1/2023)
    assert credit["jenjang"] == "Ahli Muda" and credit["percent"] == 100
    assert credit["coefficient"] == Decimal("25") and credit["value"] == Decimal("25.000")
    assert credit["text"] == credit["coefficient_text"] == "25,000"
    assert "100 % × 25,000 = 25,000" in credit["line"]


def test_an_unrated_period_says_so(built):
    doc = evaluation_document(skp_view(built["skp"]), built["tw2"], "ISTIMEWA")
    assert doc["rating"]["rated"] is False and doc["rating"]["predikat"]["label"] == "Belum dinilai"
    assert doc["signatures"]["date"] == "" and doc["angka_kredit"] is None
    assert [f["text"] for f in doc["feedback"]] == ["Validasi dengan Biro B"]
    assert doc["distribution"]["rules"] == ["paling banyak 70 % Sangat Baik"]


# --- PDFs -----------------------------------------------------------------------------------------------

def _pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True,
                          timeout=60)
    return done.stdout.decode("utf-8")


def _pages(html: str):
    import weasyprint

    return weasyprint.HTML(string=html, url_fetcher=weasyprint.URLFetcher(allowed_protocols=["data"])).render().pages


@pytest.mark.parametrize("kind", ["skp", "evaluation"])
def test_the_pdfs_are_landscape_a4_and_name_the_employee(built, kind):
    view = skp_view(built["skp"])
    if kind == "skp":
        doc = skp_document(view)
        data, html = skp_pdf.skp_pdf(doc), skp_pdf.skp_document_html(doc)
        expected = ["SASARAN KINERJA PEGAWAI", "Rencana hasil kerja atasan yang diintervensi", BOSS_RESULT,
                    "12 dokumen", "Mencoba satu perbaikan proses tiap triwulan", "Akses SIASN dan data formasi"]
    else:
        doc = evaluation_document(view, built["annual"], "BAIK")
        data, html = skp_pdf.evaluation_pdf(doc), skp_pdf.evaluation_document_html(doc)
        expected = ["EVALUASI KINERJA PEGAWAI", "Realisasi berdasarkan bukti dukung", "3 dokumen anjab selesai",
                    "Bagus, pertahankan ritme penyusunan", "Predikat kinerja pegawai",
                    "25,000 <span class=\"normal\">(100 % × koefisien tahunan Ahli Muda 25,000;"]
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    for text in [NAME, built["analis"].nip, *expected]:
        assert text in html
    if shutil.which("pdftotext"):
        text = " ".join(_pdf_text(data).split())
        assert NAME in text and built["analis"].nip in text
        assert doc["title"] in text and "Halaman 1 dari" in text
        assert ("12 dokumen" if kind == "skp" else "25,000") in text  # one-line cells: -layout keeps them whole
    pages = _pages(html)
    assert all(p.width > p.height for p in pages)  # A4 landscape: 297 mm × 210 mm
    assert abs(pages[0].width - 297 / 25.4 * 96) < 1 and len(pages) <= 4


def test_long_feedback_goes_below_the_table_instead_of_stretching_it(built):
    doc = evaluation_document(skp_view(built["skp"]), built["tw1"], "BAIK")
    assert skp_pdf.evaluation_context(doc)["feedback_inline"]
    doc["feedback"] = [{"author": "Kabag A1", "role": "", "date": "1 Maret 2024", "text": "catatan " * 200}] * 3
    context = skp_pdf.evaluation_context(doc)
    assert not context["feedback_inline"]
    html = skp_pdf.evaluation_document_html(doc)
    assert "3 catatan umpan balik: lihat daftar di bawah tabel." in html
    assert len(_pages(html)) <= 6


# --- the recap ------------------------------------------------------------------------------------------

def _recap(built):
    agency = built["agency"]
    data = recap(agency=agency, year=2024)
    meta = recap_units_meta(agency=agency, codes=[u["unit"] for u in data["units"]])
    years = recap_years(agency=agency, unit=built["root"])
    return data, recap_report(agency, 2024, data, years, meta)


def test_recap_report_counts_each_unit_with_its_subtree(built):
    data, report = _recap(built)
    rows = {u["code"]: u for u in report["units"]}
    assert [u["code"] for u in report["units"]] == [u["unit"] for u in data["units"]]
    assert rows["ROOT"]["counts"] == {"SANGAT_BAIK": 1, "BAIK": 2, "BUTUH_PERBAIKAN": 1, "KURANG": 0,
                                      "SANGAT_KURANG": 0}
    assert rows["ROOT"]["employees"] == 4 and rows["ROOT"]["shares"]["BAIK"] == 50.0
    assert rows["BAG-A1"]["indented_name"] == "        Bagian A1" and rows["BAG-A1"]["level"] == 2
    assert rows["BIRO-B"]["counts"]["BUTUH_PERBAIKAN"] == 1
    assert report["summary"]["counts"] == rows["ROOT"]["counts"] and report["summary"]["units"] == ["ROOT"]
    assert report["years"] == [{"year": 2024, "employees": 4, "counts": rows["ROOT"]["counts"],
                                "shares": rows["ROOT"]["shares"]}]
    assert report["predikats"][3] == {"code": "KURANG", "label": "Kurang", "long_label": "Kurang/Misconduct"}


def test_the_summary_of_separate_subtrees_adds_them_once(built):
    data = recap(agency=built["agency"], year=2024)
    paths = {u.code: {"name": u.name, "depth": u.depth, "path": u.path}
             for u in (built["bag_a1"], built["biro_b"], built["biro_a"])}
    only = {"agency": "KEMENX", "year": 2024, "units": [u for u in data["units"] if u["unit"] in paths]}
    report = recap_report({"code": "KEMENX", "name": "Kementerian X"}, 2024, only, [], paths)
    assert report["summary"]["units"] == ["BIRO-A", "BIRO-B"]  # Bagian A1 is inside Biro A
    assert report["summary"]["employees"] == 4


def test_the_workbook_opens_and_its_counts_equal_the_recap(built):
    data, report = _recap(built)
    book = openpyxl.load_workbook(io.BytesIO(skp_xlsx.recap_workbook(report)))
    assert book.sheetnames == list(skp_xlsx.SHEETS) == ["Ringkasan", "Rekap", "Tahun ke tahun", "Catatan"]
    ws = book["Rekap"]
    header = [c.value for c in ws[skp_xlsx.HEADER_ROW + 1]]
    assert header == list(skp_xlsx.REKAP_COLUMNS)
    assert header[5:10] == ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=skp_xlsx.HEADER_ROW + 2, values_only=True) if r[0]}
    for unit in data["units"]:
        row = rows[unit["unit"]]
        assert row[4] == unit["employees"]
        assert list(row[5:10]) == [unit["predikat"][p] for p in rules.PREDIKATS]
    root = rows["ROOT"]
    assert root[1] == "Kementerian X" and root[3] == 0 and root[10:15] == (0.25, 0.5, 0.25, 0, 0)
    assert rows["BAG-A1"][2] == "        Bagian A1"
    assert ws.cell(row=skp_xlsx.HEADER_ROW + 2, column=11).number_format == "0.0%"
    summary = book["Ringkasan"]
    assert len(summary._images) == 1  # the Gambar-2 chart
    cells = {c.value: c for row in summary.iter_rows() for c in row if c.value is not None}
    assert summary.cell(row=cells["Baik"].row, column=2).value == 2
    assert summary.cell(row=cells["Jumlah"].row, column=2).value == 4
    years = list(book["Tahun ke tahun"].iter_rows(min_row=skp_xlsx.HEADER_ROW + 2, values_only=True))
    assert years[0][:7] == (2024, 4, 1, 2, 1, 0, 0)
    notes = " ".join(str(c.value) for row in book["Catatan"].iter_rows() for c in row if c.value)
    assert "Hanya predikat kinerja tahunan" in notes and "seluruh unit di bawahnya" in notes
    assert "PermenPANRB 6/2022" in notes and "Gambar 2" in notes


def test_a_year_without_ratings_still_gives_a_workbook(skp_org):
    agency = skp_org["agency"]
    data = recap(agency=agency, year=2024)
    report = recap_report(agency, 2024, data, [], recap_units_meta(agency=agency, codes=["ROOT"]))
    book = openpyxl.load_workbook(io.BytesIO(skp_xlsx.recap_workbook(report)))
    rekap = {r[0]: r for r in book["Rekap"].iter_rows(min_row=skp_xlsx.HEADER_ROW + 2, values_only=True) if r[0]}
    assert rekap["ROOT"][4:10] == (0, 0, 0, 0, 0, 0) and rekap["ROOT"][10] == "—"
    assert "Belum ada tahun kinerja" in book["Tahun ke tahun"].cell(row=skp_xlsx.HEADER_ROW + 2, column=1).value


# --- charts ---------------------------------------------------------------------------------------------

def _bars(spec):
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")


def test_the_gambar_2_chart_has_a_bar_per_predikat_in_order_with_counts():
    spec = skp_charts.predikat_chart({"SANGAT_BAIK": 445, "BAIK": 1896, "BUTUH_PERBAIKAN": 40, "KURANG": 12,
                                      "SANGAT_KURANG": 7}, "Rekapitulasi 2023", "Badan Kepegawaian Negara")
    rows = spec["data"]["values"]
    assert [r["predikat"] for r in rows] == ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    assert [r["teks"] for r in rows] == ["445", "1.896", "40", "12", "7"]
    assert _bars(spec)["encoding"]["x"]["sort"] == [r["predikat"] for r in rows]
    assert "Baik 1.896" in spec["description"] and spec["title"]["text"] == "Rekapitulasi 2023"
    svg = skp_charts.render_svg(spec)
    assert 'role="img"' in svg and "1.896" in svg and "<script" not in svg


def test_charts_render_with_zero_counts_and_no_units():
    specs = [skp_charts.predikat_chart({}, "Rekapitulasi 2024"),
             skp_charts.predikat_chart(dict.fromkeys(rules.PREDIKATS, 0), "Rekapitulasi 2024", "Kementerian X"),
             skp_charts.predikat_units_chart([]),
             skp_charts.predikat_units_chart([{"name": "Biro A", "counts": {}}, {"unit": "BIRO-B", "predikat": {}}]),
             skp_charts.predikat_years_chart([]),
             skp_charts.predikat_years_chart([{"year": 2024, "predikat": {}}])]
    for spec in specs:
        svg = skp_charts.render_svg(spec)
        assert svg.lstrip().startswith("<svg") and 'aria-label="' in svg
    assert "belum ada predikat" in specs[0]["title"]["subtitle"]
    assert "Tidak ada unit kerja" in skp_charts.render_svg(specs[2])
    assert skp_charts.render_png(specs[0]).startswith(b"\x89PNG")


def test_the_units_and_years_charts_take_the_recap_rows(built):
    _data, report = _recap(built)
    units = skp_charts.predikat_units_chart(report["units"], subtitle="Kementerian X · 2024")
    segments = [r for layer in units["layer"] if layer["mark"]["type"] == "bar" for r in layer["data"]["values"]]
    root = [r for r in segments if r["unit"].startswith("Kementerian X")]
    assert [(r["predikat"], r["persen_teks"]) for r in root] == [
        ("Sangat Baik", "25,0 %"), ("Baik", "50,0 %"), ("Butuh Perbaikan", "25,0 %")]
    assert any(r["unit"].endswith("Bagian A1 (n=1)") for r in segments)
    years = skp_charts.predikat_years_chart(report["years"])
    assert [r["jumlah"] for r in years["data"]["values"]] == [1, 2, 1, 0, 0]
    for spec in (units, years):
        assert skp_charts.render_svg(spec).lstrip().startswith("<svg")
