"""Issue 11 §5 in the browser: the 400 page for a NUL, and evidence links opened as external links."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from berakhlak.performance.models import Evidence, Indicator, Period
from berakhlak.performance.services import realisation_save
from tests.browser.helpers import login
from tests.performance.conftest import skp_org  # noqa: F401 - the fixture
from tests.performance.helpers import approved_skp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_nul_gets_a_clear_page_and_links_open_outside(page, live_server, skp_org, password, shot):  # noqa: F811
    skp = approved_skp(skp_org)
    emp = skp_org["analis"]
    tw1 = Period.objects.get(year=skp.year, code="TW1")
    real = realisation_save(actor=emp.user, indicator=Indicator.objects.get(result__skp=skp), period=tw1, text="a")
    Evidence.objects.create(realisation=real, link="javascript:alert(1)")  # stored before the rule
    login(page, live_server, "analis", password)
    page.goto(f"{live_server.url}/kinerja/?cari=abc%00")
    expect(page.locator("#bad-input")).to_contain_text("berisi karakter yang tidak diizinkan")
    shot(page, "bad-input-400")
    page.goto(f"{live_server.url}/kinerja/skp/{skp.pk}/periode/TW1/")
    card = page.locator(".card", has_text="Jumlah dokumen anjab")
    card.get_by_text("Tambah bukti dukung").click()
    card.get_by_label("…atau tautan").fill("javascript:alert(1)")
    card.evaluate("c => c.querySelector('input[name=link]').type = 'text'")  # past the browser's own check
    card.get_by_role("button", name="Unggah").click()
    expect(page.locator(".alert-danger, .invalid-feedback").first).to_contain_text("http")
    card = page.locator(".card", has_text="Jumlah dokumen anjab")
    card.get_by_label("…atau tautan").fill("https://drive.contoh.go.id/laporan-tw1")
    card.get_by_role("button", name="Unggah").click()
    link = page.get_by_role("link", name="https://drive.contoh.go.id/laporan-tw1")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(page.get_by_text("tautan tidak aman, tidak dibuka")).to_be_visible()
    shot(page, "bad-input-evidence-links")
