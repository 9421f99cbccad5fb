"""With a worker (production), an upload lands on the job page, which shows the progress while the job
runs and the result when it ends, without a click: htmx polls every second, and a browser without
JavaScript reloads the page. On a phone (390 px) and a desktop."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from berakhlak.accounts.models import Role
from berakhlak.accounts.services import role_assign, user_create
from berakhlak.org import views
from berakhlak.org.models import ImportJob, ImportJobStatus, Unit
from berakhlak.org.services import agency_create, import_job_run
from tests.browser.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNITS = "kode,nama,induk_kode\nROOT,Badan Uji Coba,\nBIRO-SDM,Biro Sumber Daya Manusia,ROOT\n"


@pytest.fixture
def hr(password, monkeypatch):
    agency = agency_create(code="UJI", name="Badan Uji Coba")
    user = user_create(username="sdm.uji", password=password, first_name="SDM Uji")
    role_assign(user=user, role=Role.AGENCY_HR, agency=agency)
    # as with `berakhlak worker`: the upload only queues the job; the test plays the worker
    monkeypatch.setattr(views, "run_import_job", SimpleNamespace(enqueue=lambda *a, **k: None))
    return user


def upload(page, live_server):
    page.goto(f"{live_server.url}/organisasi/impor/")
    page.get_by_label("Unit kerja (kode, nama, induk_kode)").check()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(
        files=[{"name": "unit-kerja-dengan-nama-berkas-yang-cukup-panjang.csv", "mimeType": "text/csv",
                "buffer": UNITS.encode()}])
    page.get_by_role("button", name="Impor").click()
    page.wait_for_url("**/organisasi/impor/*/")


@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_job_page_follows_the_job_to_its_result(request, live_server, hr, password, shot, device):
    page = request.getfixturevalue(device)
    login(page, live_server, "sdm.uji", password)
    upload(page, live_server)
    job = ImportJob.objects.get()
    expect(page.locator("#import-progress")).to_contain_text("Berkas sudah diterima dan menunggu giliran")
    shot(page, f"10-import-queued-{device}")

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.CHECKING, rows_done=250_000,
                                               rows_total=1_000_000)
    expect(page.locator("#import-progress")).to_contain_text("250.000 dari sekitar 1.000.000 baris diperiksa.")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "25")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    shot(page, f"11-import-checking-{device}")

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.QUEUED, rows_done=0, rows_total=None)
    import_job_run(job_id=job.pk)  # the worker runs it; the open page picks up the result by itself
    expect(page.locator("#import-result")).to_contain_text("2 baris: 2 baru, 0 diubah, 0 tetap.")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    shot(page, f"12-import-done-{device}")
    assert Unit.objects.filter(agency__code="UJI").count() == 2
    url = page.url
    page.wait_for_timeout(1500)
    assert page.url == url and page.locator("#job-status[hx-trigger]").count() == 0  # polling has stopped

    page.get_by_role("link", name="Impor berkas lain").click()
    expect(page.locator("#recent-jobs")).to_contain_text("unit-kerja-dengan-nama-berkas-yang-cukup-panjang.csv")
    expect(page.locator("#recent-jobs")).to_contain_text("Selesai")
    shot(page, f"13-import-recent-{device}")


def test_without_javascript_the_page_reloads_until_the_result(browser, live_server, hr, password, shot):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login(page, live_server, "sdm.uji", password)
        upload(page, live_server)
        expect(page.locator("#import-progress")).to_be_visible()
        import_job_run(job_id=ImportJob.objects.get().pk)
        expect(page.locator("#import-result")).to_contain_text("2 baris: 2 baru")  # after a reload by itself
        shot(page, "14-import-done-no-js")
    finally:
        context.close()
