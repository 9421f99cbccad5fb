"""Issue #3 end to end in the browser: an employee opens the invitation on a phone, answers half,
closes the page, comes back with the same link, finishes and submits; HR sees the response rate move;
after HR closes the wave, the dashboard shows the indices."""

import datetime as dt
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from berakhlak.accounts.models import Role
from berakhlak.accounts.services import role_assign, user_create
from berakhlak.surveys.models import InstrumentKind, Response, WaveMember
from berakhlak.surveys.selectors import instrument_pages
from berakhlak.surveys.services import (
    credential_for,
    draft_save,
    instrument_builtin,
    invitation_token,
    response_submit,
    wave_create,
    wave_launch,
)
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(password):
    agency = AgencyFactory(code="UJI", name="Badan Uji Coba")
    root = UnitFactory(agency=agency, code="ROOT", name="Badan Uji Coba")
    biro = UnitFactory(parent=root, code="BIRO", name="Biro Umum")
    people = [EmployeeFactory(unit=biro, email=f"p{i}@uji.go.id") for i in range(8)]
    people += [EmployeeFactory(unit=root, email=f"r{i}@uji.go.id") for i in range(4)]
    hr = user_create(username="sdm.uji", password=password, first_name="SDM Uji")
    role_assign(user=hr, role=Role.AGENCY_HR, agency=agency)
    wave = wave_create(actor=hr, agency=agency, code="2025", title="Survei Budaya Kerja 2025",
                       instrument=instrument_builtin(InstrumentKind.LIKERT, (1, 5)),
                       opens_on=dt.date(2025, 9, 1), closes_on=dt.date(2025, 9, 30))
    wave_launch(actor=hr, wave=wave)
    return {"wave": wave, "people": people, "biro": biro}


def answer_page(page, value: int):
    for group in page.locator("fieldset.likert").all():
        group.locator(f"label.likert-option:has(.likert-n:text-is('{value}'))").click()


def test_employee_answers_on_a_phone_resumes_and_hr_sees_results(browser, phone, page, live_server, setup, password, shot):
    wave = setup["wave"]
    link = re.search(r"https?://\S+/s/\S+/", next(m.body for m in mail.outbox if "p0@uji.go.id" in m.to)).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    phone.goto(f"{live_server.url}/{path}")
    shot(phone, "survey-01-start-phone")
    phone.get_by_role("link", name="Mulai").click()
    for n in range(1, 6):  # half of the 10 pages
        expect(phone.get_by_text(f"Halaman {n} dari 10")).to_be_visible()
        answer_page(phone, 4)
        if n == 1:
            shot(phone, "survey-02-page-phone")
        phone.get_by_role("button", name="Simpan dan lanjut").click()
    expect(phone.get_by_text("Halaman 6 dari 10")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.context.close()  # the person closes the page

    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}, is_mobile=True)
    again = context.new_page()
    again.goto(f"{live_server.url}/{path}")
    expect(again.get_by_text("Halaman 6 dari 10")).to_be_visible()  # resumed where they left
    for n in range(6, 10):
        expect(again.get_by_text(f"Halaman {n} dari 10")).to_be_visible()
        answer_page(again, 5)
        again.get_by_role("button", name="Simpan dan lanjut").click()
    again.get_by_label(re.compile("Komentar atau saran")).fill("Semoga pelatihan digital diperbanyak.")
    again.get_by_role("button", name="Simpan dan periksa").click()
    shot(again, "survey-03-review-phone")
    again.get_by_role("button", name="Kirim jawaban").click()
    expect(again.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    shot(again, "survey-04-thanks-phone")
    context.close()
    assert Response.objects.filter(wave=wave).count() == 1

    # HR follows the response rate: with one answer nothing is shown for the Biro (a group below 5)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("sdm.uji")
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/survei/{wave.pk}/")
    biro_row = page.locator("tr[data-unit='BIRO'] td.answered")
    expect(biro_row).to_have_text("—")
    pages = instrument_pages(wave.instrument)
    answers = {i.code: 3 for p in pages if p.kind == "LIKERT" for i in p.items}
    for person in setup["people"][1:6]:  # five colleagues answer too
        member = WaveMember.objects.get(wave=wave, employee=person)
        credential = credential_for(invitation_token(wave, member.pk))
        draft_save(credential=credential, answers=answers)
        response_submit(credential=credential, pages=pages)
    page.reload()
    expect(biro_row).to_have_text("6")
    shot(page, "survey-05-rate-hr")

    page.get_by_label("Saya yakin: jawaban tidak dapat diterima lagi").check()
    page.get_by_role("button", name="Tutup survei").click()
    page.get_by_role("link", name="Lihat hasil Indeks BerAKHLAK").click()
    expect(page.locator("#overall")).to_be_visible()
    # 6 respondents: one answered 4 on pages 1-5 and 5 on 6-9, five answered 3 everywhere
    bp = (4 + 5 * 3) / 6  # mean answer of BP (page 1)
    assert page.locator("#overall").inner_text() != ""
    expect(page.locator("tr[data-value='BP'] td").nth(1)).to_have_text(f"{100 * (bp - 1) / 4:.1f}".replace(".", ","))  # Indonesian decimal comma
    shot(page, "survey-06-dashboard-hr")
