"""Issue #5 end to end in the browser: HR opens a cycle; the employee checks the proposed raters on a
phone, adds a cross-unit colleague and submits the list; the superior approves; a peer fills in the form
on a phone, leaves half way, resumes and sends it; the others answer; HR closes; the employee reads the
report, with the radar chart, and downloads the PDF."""

import pytest
from playwright.sync_api import expect

from berakhlak.accounts.models import Role
from berakhlak.accounts.services import role_assign, user_create
from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.feedback360 import keys
from berakhlak.feedback360.models import Assignment, Cycle, CycleStatus, Sheet
from berakhlak.framework.models import FrameworkVersion
from berakhlak.org.models import PositionKind, Unit
from tests.browser.helpers import login
from tests.factories import AgencyFactory, EmployeeFactory, PositionFactory, UnitFactory
from tests.feedback360.conftest import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _person(unit, name, superior, username, password, kind=PositionKind.PELAKSANA):
    e = EmployeeFactory(unit=unit, name=name, superior=superior,
                        position=PositionFactory(agency=unit.agency, name=f"Jabatan {kind}", kind=kind))
    user_create(username=username, password=password, employee=e, first_name=name)
    return e


@pytest.fixture
def setup(password):
    agency = AgencyFactory(code="UJI", name="Badan Uji Coba",
                           framework_version=FrameworkVersion.objects.get(is_default=True))
    root = UnitFactory(agency=agency, code="ROOT", name="Badan Uji Coba")
    kepala = _person(root, "Kepala Badan", None, "kepala", password, PositionKind.JPT)
    people = {}
    for code, head_name, staff in (("UMUM", "Sri Rahayu", ["Budi Santoso", "Citra Lestari", "Dedi Kurniawan",
                                                            "Eka Putri"]),
                                   ("SDM", "Hendra Wijaya", ["Intan Permata", "Joko Susilo", "Kartika Sari"])):
        unit = UnitFactory(parent=root, code=code, name=f"Biro {code.title()}")
        head = _person(unit, head_name, kepala, head_name.split()[0].lower(), password, PositionKind.ADMINISTRATOR)
        Unit.objects.filter(pk=unit.pk).update(head=head)
        people[head_name] = head
        for name in staff:
            people[name] = _person(unit, name, head, name.split()[0].lower(), password)
    hr = user_create(username="sdm.uji", password=password, first_name="SDM Uji")
    role_assign(user=hr, role=Role.AGENCY_HR, agency=agency)
    return {"agency": agency, "people": people, "hr": hr}


def _switch(p, live_server, username, password):
    """Sign in as someone else in the same browser context."""
    p.context.clear_cookies()
    login(p, live_server, username, password)


def test_360_journey_nominate_approve_rate_report(browser, phone, page, live_server, setup, password, shot):
    people = setup["people"]
    budi, sri = people["Budi Santoso"], people["Sri Rahayu"]

    # 1. HR creates and opens the cycle
    login(page, live_server, "sdm.uji", password)
    page.goto(f"{live_server.url}/360/")
    page.get_by_text("Siklus baru").click()
    page.get_by_label("Kode").fill("360-UJI")
    page.get_by_label("Nama").fill("Penilaian 360 Derajat Uji")
    page.get_by_label("Batas waktu").fill("2025-12-15")
    page.get_by_role("button", name="Buat siklus").click()
    page.locator("#cycle-open").click()
    expect(page.locator("#cycle-status")).to_have_text("Berjalan")
    cycle = Cycle.objects.get(code="360-UJI")

    # 2. the employee checks the proposal on a phone, adds a colleague of the other bureau, submits
    login(phone, live_server, "budi", password)
    phone.goto(f"{live_server.url}/360/")
    phone.locator(f"#my-list-{cycle.pk}").click()
    expect(phone.locator("#list-state")).to_have_text("Draf usulan")
    proposed_cross = set(Assignment.objects.filter(cycle=cycle, ratee=budi, relationship="CROSS")
                         .values_list("rater__name", flat=True))
    extra = next(n for n in ("Intan Permata", "Joko Susilo", "Kartika Sari") if n not in proposed_cross)
    if len(proposed_cross) >= cycle.quota_cross:  # make room: take one proposed colleague off the list
        phone.get_by_role("button", name=f"Hapus {sorted(proposed_cross)[0]}").click()
    phone.get_by_label("Nama", exact=True).fill(extra.split()[0])  # names and units only: no NIP
    phone.get_by_role("button", name="Cari").click()
    phone.get_by_role("button", name="Tambah").first.click()
    expect(phone.get_by_text(extra)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "360-01-list-phone")
    phone.locator("#list-submit").click()
    expect(phone.locator("#list-state")).to_have_text("Diajukan ke atasan")

    # 3. the superior approves the list
    _switch(page, live_server, "sri", password)
    page.goto(f"{live_server.url}/360/")
    page.get_by_role("link", name="Budi Santoso").click()
    page.locator("#list-approve").click()
    expect(page.locator("#list-state")).to_have_text("Disetujui")

    # 4. a peer fills in the form on a phone: one page, leaves, comes back, finishes and sends
    peer_form = Assignment.objects.filter(cycle=cycle, ratee=budi, relationship="PEER").select_related("rater").first()
    _switch(phone, live_server, peer_form.rater.user.username, password)
    phone.goto(f"{live_server.url}/360/")
    phone.get_by_role("link", name="Budi Santoso").click()  # the inbox links to the form by its opaque key
    form_url = phone.url.split("?")[0]
    assert form_url.endswith(f"/360/formulir/{keys.form_key(cycle.pk, peer_form.pk)}/")
    for code in ("BP1", "BP2", "BP3"):
        phone.locator(f"input[name='{code}'][value='4']").check()
    phone.get_by_label("Contoh perilaku yang Anda amati (opsional)").fill("Selalu sigap melayani tamu.")
    phone.locator("#form-next").click()
    expect(phone.get_by_text("Akuntabel")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "360-02-form-phone")
    phone.goto(f"{live_server.url}/360/")  # leaves
    expect(phone.get_by_text("Tersimpan, lanjutkan")).to_be_visible()
    phone.goto(f"{form_url}?nilai=BP")
    expect(phone.locator("input[name='BP1'][value='4']")).to_be_checked()
    for value in VALUE_CODES[1:]:
        phone.goto(f"{form_url}?nilai={value}")
        for i in (1, 2, 3):
            phone.locator(f"input[name='{value}{i}'][value='3']").check()
        phone.locator("#form-next").click()
    expect(phone.locator("#form-submit")).to_be_enabled()
    phone.locator("#form-submit").click()
    expect(phone.get_by_text("Terima kasih, penilaian Anda")).to_be_visible()
    expect(phone.locator("#inbox [data-state='SENT']")).to_have_count(1)
    shot(phone, "360-02b-inbox-sent-phone")
    assert Sheet.objects.filter(cycle=cycle, ratee=budi, relationship="PEER").count() == 1
    peer_form.refresh_from_db()
    assert peer_form.status == "OPEN"  # the anonymous assignment was not touched

    # 5. everyone else answers (through the services), HR closes the cycle
    for a in Assignment.objects.filter(cycle=cycle, ratee=budi, status="OPEN").exclude(pk=peer_form.pk).select_related(
            "rater"):
        answer(cycle, a.rater, budi, 5 if a.relationship == "SELF" else 4)
    _switch(page, live_server, "sdm.uji", password)
    page.goto(f"{live_server.url}/360/siklus/{cycle.pk}/")
    sheets = Sheet.objects.filter(cycle=cycle).count()
    expect(page.locator("#sent-count")).to_have_text(str(sheets))  # counts only, no rater named
    shot(page, "360-02c-tracker")
    page.locator("#close-confirm").check()
    page.locator("#cycle-close").click()
    expect(page.locator("#cycle-status")).to_have_text("Ditutup")
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED

    # 6. the employee reads the report (radar chart, no peer named) and downloads the PDF
    _switch(page, live_server, "budi", password)
    page.goto(f"{live_server.url}/360/")
    page.locator(f"#my-report-{cycle.pk}").click()
    expect(page.locator("#report-name")).to_have_text("Budi Santoso")
    expect(page.locator(".radar svg")).to_be_visible()
    expect(page.locator("#overall")).not_to_have_text("—")
    assert peer_form.rater.name not in page.content()
    shot(page, "360-03-report")
    with page.expect_download() as download:
        page.locator("#report-pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert sri.name  # the superior's list approval was by name, as it should be
