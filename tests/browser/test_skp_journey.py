"""Issue #4 end to end in the browser: the employee drafts and submits their SKP on a phone, the rater
returns it once then approves, the employee records a realisation with evidence, the rater rates, the
predikat shows, the distribution page warns, and the head finalises with a reason."""

import re

import pytest
from playwright.sync_api import expect

from berakhlak.accounts.models import Role
from berakhlak.accounts.services import role_assign, user_create
from berakhlak.framework.models import FrameworkVersion
from berakhlak.org.models import PositionKind, Unit
from berakhlak.performance.models import Evaluation, Finalisation, Skp, SkpStatus
from berakhlak.performance.services import (
    evaluation_rate,
    indicator_save,
    org_result_set,
    result_save,
    skp_approve,
    skp_create,
    skp_submit,
    year_setup,
)
from tests.browser.helpers import login
from tests.factories import AgencyFactory, EmployeeFactory, PositionFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _person(unit, name, kind, position, superior=None, username=None, password=None):
    e = EmployeeFactory(unit=unit, name=name, superior=superior,
                        position=PositionFactory(agency=unit.agency, name=position, kind=kind))
    if username:
        user_create(username=username, password=password, employee=e, first_name=name)
    return e


@pytest.fixture
def setup(password):
    agency = AgencyFactory(code="UJI", name="Badan Uji Coba", framework_version=FrameworkVersion.objects.get(is_default=True))
    root = UnitFactory(agency=agency, code="ROOT", name="Badan Uji Coba")
    biro = UnitFactory(parent=root, code="BIRO", name="Biro Umum")
    bagian = UnitFactory(parent=biro, code="BAG", name="Bagian Kepegawaian")
    kabiro = _person(biro, "Kepala Biro Umum", PositionKind.ADMINISTRATOR, "Kepala Biro Umum")
    kabag = _person(bagian, "Sri Rahayu", PositionKind.PENGAWAS, "Kepala Bagian Kepegawaian", kabiro, "kabag", password)
    pegawai = _person(bagian, "Budi Santoso", PositionKind.PELAKSANA, "Pengelola Kepegawaian", kabag, "budi", password)
    Unit.objects.filter(pk=biro.pk).update(head=kabiro)
    Unit.objects.filter(pk=bagian.pk).update(head=kabag)
    hr = user_create(username="sdm.uji", password=password, first_name="SDM Uji")
    role_assign(user=hr, role=Role.AGENCY_HR, agency=agency)
    py = year_setup(actor=hr, agency=agency, year=2025, frequency="QUARTERLY")
    annual = py.periods.get(code="TAHUNAN")
    # three colleagues already rated "Baik" for the year
    for i in range(3):
        colleague = _person(bagian, f"Rekan {i + 1}", PositionKind.PELAKSANA, "Pengadministrasi Umum", kabag,
                            f"rekan{i}", password)
        skp = skp_create(actor=colleague.user, employee=colleague, py=py)
        r = result_save(actor=colleague.user, skp=skp, kind="UTAMA", text="Tertibnya arsip kepegawaian")
        indicator_save(actor=colleague.user, result=r, aspect="KUANTITAS", text="Berkas tertata", target="100 %")
        skp_submit(actor=colleague.user, skp=skp)
        skp_approve(actor=kabag.user, skp=skp)
        evaluation_rate(actor=kabag.user, skp=skp, period=annual, hasil_kerja="SESUAI", perilaku_kerja="SESUAI")
    org_result_set(actor=hr, unit=bagian, period=annual, result="BAIK")  # the organisation's result comes first
    return {"pegawai": pegawai, "kabag": kabag, "bagian": bagian, "annual": annual}




def test_skp_journey_from_draft_to_final(browser, phone, page, live_server, setup, password, shot):
    # 1. the employee drafts and submits, on a phone
    login(phone, live_server, "budi", password)
    phone.goto(f"{live_server.url}/kinerja/")
    phone.get_by_role("button", name="Buat SKP 2025").click()
    expect(phone.locator(".skp-status")).to_have_text("Draf")
    phone.get_by_label("Rencana hasil kerja", exact=True).fill("Terlaksananya layanan kenaikan pangkat tepat waktu")
    phone.get_by_role("button", name="Simpan hasil kerja").click()
    phone.get_by_text("Tambah indikator dan target").click()
    card = phone.locator(".card", has_text="kenaikan pangkat")
    card.get_by_label("Indikator kinerja individu").fill("Persentase usulan kenaikan pangkat diproses ≤ 5 hari")
    card.get_by_label("Target", exact=True).fill("95 %")
    card.get_by_role("button", name="Simpan indikator").click()
    expect(phone.get_by_text("Target: 95 %")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "skp-01-draft-phone")
    phone.get_by_role("button", name="Ajukan kepada penilai").click()
    expect(phone.locator(".skp-status")).to_have_text("Diajukan")

    # 2. the rater returns it once, with a reason
    login(page, live_server, "kabag", password)
    page.goto(f"{live_server.url}/kinerja/")
    expect(page.get_by_text("1 menunggu persetujuan")).to_be_visible()
    page.get_by_role("link", name="Budi Santoso").click()
    page.get_by_label("Alasan dikembalikan").fill("Tambahkan indikator kualitas layanan.")
    page.get_by_role("button", name="Kembalikan kepada pegawai").click()
    expect(page.locator(".skp-status")).to_have_text("Dikembalikan")

    # the employee sees why, adds an indicator and submits again
    phone.reload()
    expect(phone.locator("#returned-reason")).to_contain_text("Tambahkan indikator kualitas layanan.")
    phone.get_by_text("Tambah indikator dan target").click()
    add = phone.locator(".card", has_text="kenaikan pangkat").locator("details", has_text="Tambah indikator dan target")
    add.get_by_label("Aspek").select_option("KUALITAS")
    add.get_by_label("Indikator kinerja individu").fill("Tidak ada usulan yang dikembalikan BKN")
    add.get_by_label("Target", exact=True).fill("0 usulan")
    add.get_by_role("button", name="Simpan indikator").click()
    phone.get_by_role("button", name="Ajukan kepada penilai").click()
    expect(phone.locator(".skp-status")).to_have_text("Diajukan")

    # 3. the rater writes an expectation for Adaptif and approves
    page.reload()
    page.locator("#exp-AD").fill("Memakai layanan digital SIASN untuk semua usulan")
    page.get_by_role("button", name="Simpan ekspektasi").click()
    page.get_by_role("button", name="Setujui SKP").click()
    expect(page.locator(".skp-status")).to_have_text("Disetujui")
    shot(page, "skp-02-approved-rater")

    # 4. the employee records a realisation with evidence for the first quarter
    phone.reload()
    phone.locator("#period-TW1").click()
    first = phone.locator(".card", has_text="diproses ≤ 5 hari")
    first.get_by_label("Realisasi", exact=True).fill("48 dari 50 usulan diproses ≤ 5 hari (96 %)")
    first.get_by_role("button", name="Simpan realisasi").click()
    first = phone.locator(".card", has_text="diproses ≤ 5 hari")
    first.get_by_text("Tambah bukti dukung").click()
    first.get_by_label("…atau tautan").fill("https://drive.example.go.id/laporan-tw1")
    first.get_by_role("button", name="Unggah").click()
    expect(phone.get_by_role("link", name="https://drive.example.go.id/laporan-tw1")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "skp-03-realisation-phone")

    # 5. the rater rates the year; the predikat follows the kuadran
    skp = Skp.objects.get(employee=setup["pegawai"])
    page.goto(f"{live_server.url}/kinerja/skp/{skp.pk}/periode/TAHUNAN/")
    form = page.locator("#rating-form")
    form.get_by_role("group", name="Rating hasil kerja").get_by_label("Di Atas Ekspektasi").check()
    form.get_by_role("group", name="Rating perilaku kerja").get_by_label("Di Atas Ekspektasi").check()
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.locator(".predikat")).to_have_text("Sangat Baik")
    shot(page, "skp-04-rated-rater")

    # 6. the distribution page warns: 3 of 4 Baik is over 70 %, and nobody is below Baik
    page.goto(f"{live_server.url}/kinerja/")
    page.get_by_role("link", name="Tahunan 2025").first.click()
    expect(page.locator("#breaches")).to_be_visible()
    expect(page.locator("#breaches")).to_contain_text("Baik: 3 dari 4 orang, paling banyak 70 % = 2 orang")
    expect(page.locator("#curve-table tr[data-predikat='SANGAT_BAIK'] td").nth(1)).to_have_text("1")
    shot(page, "skp-05-distribution-warns")
    page.get_by_role("button", name=re.compile("Finalkan 4 penilaian")).click()
    expect(page.get_by_role("alert").filter(has_text="isi alasan")).to_be_visible()
    assert not Evaluation.objects.filter(is_final=True).exists()

    # 7. the head finalises with a reason
    page.get_by_label("Alasan bila distribusi tidak sesuai pola").fill("Bagian kecil (4 orang); semua target tercapai.")
    page.get_by_role("button", name=re.compile("Finalkan 4 penilaian")).click()
    expect(page.locator("#finalised")).to_contain_text("Bagian kecil (4 orang); semua target tercapai.")
    shot(page, "skp-06-finalised")
    assert Skp.objects.get(pk=skp.pk).status == SkpStatus.FINAL
    assert Finalisation.objects.get().override_reason == "Bagian kecil (4 orang); semua target tercapai."
    assert Evaluation.objects.filter(is_final=True).count() == 4
