"""The demo agency as each role sees it, on a desktop and on a phone (screenshots for a person to look at)."""

import pytest
from playwright.sync_api import expect

from berakhlak.demo.services import DEMO_PASSWORD, demo_load
from tests.browser.helpers import login as login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logins():
    return {login.role: login for login in demo_load()}


def login(page, live_server, username):
    login_as(page, live_server, username, DEMO_PASSWORD)


def test_each_role_lands_on_its_own_home(browser, live_server, logins, shot):
    for role, expected in [("SDM instansi", "Pohon unit kerja"), ("Kepala unit", "Unit saya"),
                           ("Agen perubahan", "Pohon unit kerja"), ("Pegawai", "Data saya"),
                           ("Admin platform", "Badan Kepegawaian Negara")]:
        context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        login(page, live_server, logins[role].username)
        expect(page.locator("main")).to_contain_text(expected)
        shot(page, f"10-home-{logins[role].username}")
        context.close()


def test_unit_head_browses_the_subtree_on_a_phone(phone, live_server, logins, shot):
    login(phone, live_server, logins["Kepala unit"].username)
    phone.get_by_role("link", name="Buka unit").first.click()
    expect(phone.locator("h1")).to_contain_text("Direktorat")
    shot(phone, "11-head-unit-phone")
    phone.get_by_role("link", name="Daftar pegawai unit ini").click()
    expect(phone.locator("#results tbody tr").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "12-head-employees-phone")


def test_hr_tree_and_english_switch(page, live_server, logins, shot):
    login(page, live_server, "sdm")
    page.goto(f"{live_server.url}/organisasi/unit/")
    page.get_by_role("button", name="Tampilkan sub-unit").first.click()
    expect(page.get_by_role("link", name="Sekretariat Utama")).to_be_visible()
    shot(page, "13-hr-tree")
    page.get_by_label("Bahasa").select_option("en")
    page.get_by_role("button", name="Ganti bahasa").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Work unit tree")
    shot(page, "14-hr-tree-english")
    page.goto(f"{live_server.url}/nilai/")
    expect(page.locator("#value-AD")).to_contain_text("Adaptive")
    shot(page, "15-values-english")


def test_demo_skp_recap_and_the_employees_live_skp(page, phone, live_server, logins, shot):
    """The demo's 2023 SKP cycle: HR's recap reads like the study's Gambar 2; the employee's SKP is under
    way on a phone; the unit head has one waiting for approval."""
    login(page, live_server, "sdm")
    page.goto(f"{live_server.url}/kinerja/rekap/?year=2023")
    total = page.locator("#recap-total")
    expect(total.locator("tr", has_text="Baik").first).to_contain_text("445")  # Sangat Baik comes first
    expect(total.locator("tr", has=page.get_by_text("Baik", exact=True))).to_contain_text("1896")
    expect(page.locator("#recap-years")).to_contain_text("2022")
    shot(page, "16-skp-recap-hr")
    page.get_by_role("link", name="Distribusi & finalisasi").click()
    expect(page.locator("#breaches")).to_be_visible()  # 79 % Baik breaks a Baik organisation's 70 %
    expect(page.locator("#finalised")).to_contain_text("Alasan")
    shot(page, "17-skp-distribution-root")

    login(phone, live_server, logins["Pegawai"].username)
    phone.goto(f"{live_server.url}/kinerja/")
    phone.get_by_role("link", name="SKP 2023").click()
    expect(phone.locator(".skp-status")).to_have_text("Disetujui")
    phone.locator("#period-TW2").click()
    expect(phone.locator(".card").first).to_contain_text("Realisasi")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "18-skp-employee-phone")

    head = page.context.browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    login(head, live_server, logins["Kepala unit"].username)
    head.goto(f"{live_server.url}/kinerja/")
    expect(head.get_by_text("1 menunggu persetujuan")).to_be_visible()
    shot(head, "19-skp-head-home")
    head.context.close()

    # the 360 cycles: the employee's own report of 2023 and their forms of 2025 on the phone; the head's
    # unit heatmap
    phone.goto(f"{live_server.url}/360/")
    expect(phone.locator("#inbox")).to_contain_text("Tersimpan, lanjutkan")
    phone.get_by_role("link", name="Laporan 360 saya").click()
    expect(phone.locator("#overall")).not_to_have_text("—")
    expect(phone.locator(".radar svg")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "20-360-report-phone")
    head = page.context.browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    login(head, live_server, logins["Kepala unit"].username)
    head.goto(f"{live_server.url}/360/")
    expect(head.locator("#approve-h")).to_be_visible()  # lists of raters waiting for the head
    head.locator("section", has_text="Penilaian 360 Derajat 2023").get_by_role("link", name="Hasil tim dan unit").click()
    head.locator("#heatmap-link").first.click()
    expect(head.locator("#heatmap")).to_contain_text("Subdirektorat")
    shot(head, "21-360-heatmap-head")
    head.context.close()
