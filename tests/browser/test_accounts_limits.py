"""In a real browser: the lockout of another spelling of a locked name, the refusal of an activation burst
(Indonesian and English), and that signed-in pages are served with no-store."""

import pytest

from tests.browser.helpers import login
from tests.factories import EmployeeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def test_a_locked_name_stays_locked_in_another_spelling(page, live_server, shot):
    UserFactory(username="locktest", employee=EmployeeFactory(name="Lock Test"))
    for spelling in ["LOCKTEST", "Locktest", "lockTEST", "LockTest", "locktest"]:
        page.goto(f"{live_server.url}/akun/masuk/")
        page.get_by_label("NIP atau nama pengguna").fill(spelling)
        page.get_by_label("Kata sandi").fill("salah-sekali-123")
        page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("LockTesT")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_text("Terlalu banyak percobaan masuk yang gagal").is_visible()
    shot(page, "accounts-lockout-other-spelling")


@pytest.mark.parametrize(("lang", "refusal"), [
    ("id", "Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam satu jam."),
    ("en", "Too many requests from your address. Please try again in an hour."),
])
def test_an_activation_burst_is_refused_with_a_clear_message(browser, live_server, settings, shot, lang, refusal):
    settings.ACTIVATION_LIMIT_PER_IP = 2
    context = browser.new_context(locale="id-ID" if lang == "id" else "en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for _ in range(3):
        page.goto(f"{live_server.url}/akun/aktivasi/")
        page.locator("#id_identifier").fill("199901012020121999")
        page.locator("form:has(#id_identifier) button[type=submit]").click()
        page.wait_for_load_state()
    alert = page.get_by_role("alert").filter(has_text=refusal)
    assert alert.is_visible()
    shot(page, f"accounts-activation-burst-{lang}")
    context.close()


def test_signed_in_pages_are_not_stored(page, live_server):
    UserFactory(username="siti.r", employee=EmployeeFactory(name="Siti"))
    login(page, live_server, "siti.r", PASSWORD)
    response = page.goto(f"{live_server.url}/nilai/")
    cache_control = {d.strip() for d in response.headers["cache-control"].split(",")}
    assert {"private", "no-store"} <= cache_control
