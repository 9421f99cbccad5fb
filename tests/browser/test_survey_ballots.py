"""Ballot slips in the browser: HR prints the slips of a unit whose staff have no e-mail (desktop), a
person types the code on a phone, answers every page and submits; the code then opens nothing more."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from berakhlak.accounts.models import Role
from berakhlak.accounts.services import role_assign, user_create
from berakhlak.surveys.models import InstrumentKind, Response
from berakhlak.surveys.services import instrument_builtin, wave_create, wave_launch
from tests.browser.helpers import login
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(password):
    agency = AgencyFactory(code="UJI", name="Badan Uji Coba")
    root = UnitFactory(agency=agency, code="ROOT", name="Badan Uji Coba")
    gudang = UnitFactory(parent=root, code="GUDANG", name="Seksi Pergudangan")
    for _i in range(5):
        EmployeeFactory(unit=gudang, email="")  # field staff without e-mail
    for i in range(5):
        EmployeeFactory(unit=root, email=f"r{i}@uji.go.id")
    hr = user_create(username="sdm.uji", password=password, first_name="SDM Uji")
    role_assign(user=hr, role=Role.AGENCY_HR, agency=agency)
    wave = wave_create(actor=hr, agency=agency, code="2025", title="Survei Budaya Kerja 2025",
                       instrument=instrument_builtin(InstrumentKind.LIKERT, (1, 5)),
                       opens_on=dt.date(2025, 9, 1), closes_on=dt.date(2025, 9, 30))
    wave_launch(actor=hr, wave=wave, send=False)
    return {"wave": wave, "gudang": gudang}


def test_hr_prints_ballot_slips_and_a_person_answers_with_one_on_a_phone(page, phone, live_server, setup, password,
                                                                           shot):
    wave = setup["wave"]
    login(page, live_server, "sdm.uji", password)
    page.goto(f"{live_server.url}/survei/{wave.pk}/")
    page.get_by_role("link", name="Kertas suara (pegawai tanpa surel)").click()
    row = page.locator("tr[data-unit='GUDANG']")
    expect(row).to_contain_text("5")
    shot(page, "ballots-01-units-hr")
    with page.expect_popup() as popup:
        row.get_by_role("button", name="Cetak").click()
    slips = popup.value
    expect(slips.locator(".ballot-slip")).to_have_count(5)
    codes = [c.replace("-", "") for c in slips.locator(".ballot-code").all_inner_texts()]
    assert len(set(codes)) == 5 and all(re.fullmatch(r"[A-Z0-9]{10}", c) for c in codes)
    shot(slips, "ballots-02-slips-hr")
    slips.close()

    phone.goto(f"{live_server.url}/s/kode/")
    phone.get_by_label("Kode kertas suara").fill(codes[0][:5].lower() + " " + codes[0][5:])
    shot(phone, "ballots-03-code-phone")
    phone.get_by_role("button", name="Lanjut").click()
    expect(phone.get_by_text("Simpan kertas suara Anda sampai selesai")).to_be_visible()
    shot(phone, "ballots-04-start-phone")
    phone.get_by_role("link", name="Mulai").click()
    for n in range(1, 10):
        expect(phone.get_by_text(f"Halaman {n} dari 10")).to_be_visible()
        for group in phone.locator("fieldset.likert").all():
            group.locator("label.likert-option:has(.likert-n:text-is('4'))").click()
        phone.get_by_role("button", name="Simpan dan lanjut").click()
    phone.get_by_role("button", name="Simpan dan periksa").click()
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert Response.objects.filter(wave=wave, unit=setup["gudang"]).count() == 1
    # the code is spent: typing it again is refused with a clear message
    phone.goto(f"{live_server.url}/s/kode/")
    phone.get_by_label("Kode kertas suara").fill(codes[0])
    phone.get_by_role("button", name="Lanjut").click()
    expect(phone.get_by_text("Kode tidak berlaku")).to_be_visible()
    shot(phone, "ballots-05-used-phone")
