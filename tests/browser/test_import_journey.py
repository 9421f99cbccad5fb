"""HR logs in, imports the organisation through the upload page, sees the employees; a bad file is
refused with its row errors and nothing changes."""

import pytest
from playwright.sync_api import expect

from berakhlak.accounts.models import Role
from berakhlak.accounts.services import role_assign, user_create
from berakhlak.org.models import Employee, Unit
from berakhlak.org.services import agency_create
from tests.browser.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNITS = "kode,nama,induk_kode\nROOT,Badan Uji Coba,\nBIRO-SDM,Biro Sumber Daya Manusia,ROOT\nBAG-1,Bagian Mutasi,BIRO-SDM\n"
EMPLOYEES = """nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email
198609262015051001,Budi Santoso,ROOT,Kepala Badan,JPT,PNS,,budi@uji.go.id
199001012015052001,Sri Wahyuni,BIRO-SDM,Kepala Biro SDM,JPT,PNS,198609262015051001,sri@uji.go.id
199202022019031002,Agus Salim,BAG-1,Kepala Bagian Mutasi,ADMINISTRATOR,PNS,199001012015052001,
199505052021211001,Made Wirawan,BAG-1,Pengelola Data Kepegawaian,PELAKSANA,PPPK,199202022019031002,
"""
BAD = """nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email
19860926201505100,Tono,ROOT,Staf,PELAKSANA,PNS,,
199303032020122003,Rina,TIDAK-ADA,Staf,PELAKSANA,PNS,,
199404042020121004,Joko,BAG-1,Staf,KEPALA,PNS,,
"""


@pytest.fixture
def hr(password):
    agency = agency_create(code="UJI", name="Badan Uji Coba")
    user = user_create(username="sdm.uji", password=password, first_name="SDM Uji")
    role_assign(user=user, role=Role.AGENCY_HR, agency=agency)
    return user




def upload(page, live_server, kind_label, name, text):
    page.goto(f"{live_server.url}/organisasi/impor/")
    page.get_by_label(kind_label).check()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])
    page.get_by_role("button", name="Impor").click()


def test_hr_imports_organisation_and_sees_employees(page, live_server, hr, password, shot):
    login(page, live_server, "sdm.uji", password)
    shot(page, "01-home-hr")
    upload(page, live_server, "Unit kerja (kode, nama, induk_kode)", "unit.csv", UNITS)
    page.locator("#import-result").wait_for()
    assert "3 baris: 3 baru" in page.locator("#import-result").inner_text()
    upload(page, live_server, "Pegawai (nip, nama, unit_kode, jabatan, …)", "pegawai.csv", EMPLOYEES)
    assert "4 baris: 4 baru" in page.locator("#import-result").inner_text()
    shot(page, "02-import-ok")

    page.get_by_role("link", name="Pegawai", exact=True).first.click()
    page.wait_for_url("**/organisasi/pegawai/**")
    rows = page.locator("#results tbody tr")
    assert rows.count() == 4
    assert "Made Wirawan" in page.locator("#results").inner_text()
    page.get_by_placeholder("Cari nama atau NIP").fill("Sri")
    expect(rows).to_have_count(1)
    assert "Sri Wahyuni" in page.locator("#results").inner_text()
    shot(page, "03-employees-search")

    page.goto(f"{live_server.url}/organisasi/unit/")
    page.get_by_role("button", name="Tampilkan sub-unit").first.click()
    page.get_by_role("link", name="Biro Sumber Daya Manusia").wait_for()
    shot(page, "04-unit-tree")
    assert Unit.objects.get(code="BIRO-SDM").head.name == "Sri Wahyuni"


def test_bad_file_shows_every_row_error_and_saves_nothing(page, live_server, hr, password, shot):
    login(page, live_server, "sdm.uji", password)
    upload(page, live_server, "Unit kerja (kode, nama, induk_kode)", "unit.csv", UNITS)
    page.locator("#import-result").wait_for()
    upload(page, live_server, "Pegawai (nip, nama, unit_kode, jabatan, …)", "pegawai-salah.csv", BAD)
    box = page.locator("#import-problems")
    box.wait_for()
    text = box.inner_text()
    shot(page, "05-import-errors")
    assert "3 masalah ditemukan; tidak ada yang disimpan." in text
    assert "NIP harus 18 digit, bukan 17" in text
    assert "unit TIDAK-ADA tidak dikenal" in text
    assert "KEPALA tidak dikenal" in text
    assert Employee.objects.count() == 0


def test_import_page_on_a_phone(phone, live_server, hr, password, shot):
    login(phone, live_server, "sdm.uji", password)
    phone.goto(f"{live_server.url}/organisasi/impor/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    shot(phone, "06-import-phone")
    assert width <= 390  # nothing wider than the screen
    phone.get_by_role("button", name="Menu").click()
    assert phone.get_by_role("link", name="Impor data").is_visible()
