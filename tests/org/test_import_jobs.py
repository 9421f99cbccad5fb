"""Web imports as import jobs: the upload is streamed to a private file, a task checks and imports it, the
job page shows progress and then the result or the problems; only HR of the agency (and the platform
admin) see a job. Tests run tasks immediately (TASKS in settings), as the demo does."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.org import services
from berakhlak.org.models import Employee, ImportJob, ImportJobStatus, Unit
from berakhlak.org.services import import_job_run, units_import
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, UserFactory

UNITS = "kode,nama,induk_kode\nA-ROOT,Badan Uji,\nBIRO,Biro Umum,A-ROOT\nBAG,Bagian Satu,BIRO\n"
BAD_EMPLOYEES = """nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email
19860926201505100,Tono,A-ROOT,Staf,PELAKSANA,PNS,,
199303032020122003,Rina,TIDAK-ADA,Staf,PELAKSANA,PNS,,
199404042020121004,Joko,A-ROOT,Staf,KEPALA,PNS,,
"""


@pytest.fixture
def upload_dir(settings, tmp_path):
    path = tmp_path / "private" / "imports"
    settings.IMPORT_UPLOAD_DIR = path
    return path


@pytest.fixture
def world(db, upload_dir):
    a = AgencyFactory(code="AAA", name="Instansi A")
    b = AgencyFactory(code="BBB", name="Instansi B")
    root = UnitFactory(agency=a, code="A-ROOT", name="Badan Uji")
    people = {}
    for role, agency in (("hr", a), ("hr_b", b)):
        user = UserFactory(username=f"sdm-{role}")
        RoleAssignment.objects.create(user=user, role=Role.AGENCY_HR, agency=agency)
        people[role] = user
    people["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)
    head = EmployeeFactory(unit=root)
    Unit.objects.filter(pk=root.pk).update(head=head)
    people["head"] = UserFactory(username="kepala", employee=head)
    agent = UserFactory(username="agen", employee=EmployeeFactory(unit=root))
    RoleAssignment.objects.create(user=agent, role=Role.CHANGE_AGENT, agency=a)
    people["agent"] = agent
    people["employee"] = UserFactory(username="pegawai", employee=EmployeeFactory(unit=root))
    return a, b, people


def post_file(client, name: str, text: str | bytes, *, kind="units", agency="AAA", dry_run=False, **extra):
    data = {"kind": kind, "agency": agency, "file": _named(name, text)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/organisasi/impor/", data, **extra)


def _named(name: str, text: str | bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type="text/csv")


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


# --- the whole path with immediate tasks ---------------------------------------------------------

def test_hr_uploads_and_lands_on_the_finished_job(client, world, upload_dir):
    _a, _b, people = world
    client.force_login(people["hr"])
    response = post_file(client, "unit.csv", UNITS)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/organisasi/impor/{job.pk}/"
    assert job.status == ImportJobStatus.DONE
    assert job.result == {"total": 3, "created": 2, "updated": 0, "unchanged": 1}
    assert (job.rows_done, job.rows_total) == (3, 3)
    assert job.created_by == people["hr"] and job.file_name == "unit.csv" and job.size == len(UNITS)
    assert set(Unit.objects.filter(agency__code="AAA").values_list("code", flat=True)) >= {"A-ROOT", "BIRO", "BAG"}
    assert leftovers(upload_dir) == []  # the file is deleted when the job ends
    assert job.stored_name == ""
    html = client.get(response["Location"]).content.decode()
    assert "Impor berhasil" in html and "3 baris: 2 baru, 0 diubah, 1 tetap." in html
    assert "hx-trigger" not in html  # nothing left to poll


def test_a_bad_file_ends_rejected_with_every_problem_and_nothing_saved(client, world, upload_dir):
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "unit.csv", UNITS)
    before = Employee.objects.count()
    response = post_file(client, "pegawai-salah.csv", BAD_EMPLOYEES, kind="employees", follow=True)
    job = ImportJob.objects.filter(kind="employees").get()
    assert job.status == ImportJobStatus.REJECTED
    assert job.problem_count == 3
    assert job.problems[0] == "2: nip: NIP harus 18 digit, bukan 17"
    assert any(line.startswith("3: unit_kode: unit TIDAK-ADA tidak dikenal") for line in job.problems)
    assert Employee.objects.count() == before
    html = response.content.decode()
    assert "3 masalah ditemukan; tidak ada yang disimpan." in html
    assert "KEPALA tidak dikenal" in html
    assert leftovers(upload_dir) == []


def test_it_keeps_the_first_problems_and_counts_them_all(client, world, settings):
    settings.IMPORT_PROBLEMS_KEPT = 2
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "unit.csv", UNITS)
    html = post_file(client, "p.csv", BAD_EMPLOYEES, kind="employees", follow=True).content.decode()
    job = ImportJob.objects.get(kind="employees")
    assert (job.problem_count, len(job.problems)) == (3, 2)
    assert "3 masalah ditemukan" in html and "Ditampilkan 2 masalah pertama" in html
    assert "KEPALA" not in html


def test_check_only_saves_nothing(client, world):
    _a, _b, people = world
    client.force_login(people["hr"])
    html = post_file(client, "unit.csv", UNITS, dry_run=True, follow=True).content.decode()
    job = ImportJob.objects.get()
    assert job.dry_run and job.status == ImportJobStatus.DONE
    assert "Berkas lolos pemeriksaan (belum disimpan)" in html
    assert not Unit.objects.filter(code="BIRO").exists()


def test_an_unexpected_error_ends_failed_saves_nothing_and_deletes_the_file(client, world, upload_dir, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "units_import", broken)
    _a, _b, people = world
    client.force_login(people["hr"])
    html = post_file(client, "unit.csv", UNITS, follow=True).content.decode()
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.FAILED
    assert "Impor gagal" in html and "tidak ada yang disimpan" in html
    assert "disk on fire" not in html  # no internals shown
    assert leftovers(upload_dir) == []
    assert not Unit.objects.filter(code="BIRO").exists()


# --- with a worker: queued, private file, progress page, then the task ---------------------------

@pytest.fixture
def queued(monkeypatch):
    """Enqueueing does nothing: the job waits as it does for `berakhlak worker` in production."""
    from types import SimpleNamespace

    from berakhlak.org import views

    monkeypatch.setattr(views, "run_import_job", SimpleNamespace(enqueue=lambda *a, **k: None))


def test_a_queued_upload_waits_in_a_private_file_and_the_page_polls(client, world, upload_dir, queued):
    _a, _b, people = world
    client.force_login(people["hr"])
    response = post_file(client, "unit.csv", UNITS)
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.QUEUED
    stored = upload_dir / job.stored_name
    assert stored.read_text() == UNITS
    assert leftovers(upload_dir) == [job.stored_name]  # no stray part file
    assert stat.S_IMODE(os.stat(upload_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(stored).st_mode) == 0o600
    html = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html  # reloads without JavaScript
    assert "Menunggu giliran" in html
    part = client.get(response["Location"], headers={"HX-Request": "true", "HX-Target": "job-status"})
    assert part.content.decode().lstrip().startswith('<div id="job-status" data-status="QUEUED"')

    job = import_job_run(job_id=job.pk)  # what the worker does
    assert job.status == ImportJobStatus.DONE
    assert not stored.exists()
    part = client.get(response["Location"], headers={"HX-Request": "true", "HX-Target": "job-status"}).content.decode()
    assert "hx-trigger" not in part and "Impor berhasil" in part  # the poll stops on the result


def test_a_task_delivered_twice_runs_once(client, world, queued):
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "unit.csv", UNITS)
    job = ImportJob.objects.get()
    assert import_job_run(job_id=job.pk).status == ImportJobStatus.DONE
    finished = ImportJob.objects.get().finished_at
    assert import_job_run(job_id=job.pk).finished_at == finished


def test_the_page_shows_rows_checked_while_checking(client, world, queued):
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "unit.csv", UNITS)
    ImportJob.objects.update(status=ImportJobStatus.CHECKING, rows_done=20000, rows_total=80000)
    html = client.get(f"/organisasi/impor/{ImportJob.objects.get().pk}/").content.decode()
    assert "20.000 dari sekitar 80.000 baris diperiksa." in html
    assert 'aria-valuenow="25"' in html and "width: 25%" in html


def test_the_services_report_progress_and_the_writing_stage(world, write):
    rows = "\n".join(f"U{i},Unit {i},A-ROOT" for i in range(20_000))
    path = write("u.csv", "kode,nama,induk_kode\nA-ROOT,Badan Uji,\n" + rows + "\n")
    assert services._row_estimate(path) == 20_001
    seen, stages = [], []
    units_import(source=path, agency_code="AAA", dry_run=True, progress=seen.append, stage=stages.append)
    assert seen == [10_000, 10_000] and stages == []  # a dry run never writes
    units_import(source=path, agency_code="AAA", progress=seen.append, stage=stages.append)
    assert stages == ["importing"]
    assert Unit.objects.filter(agency__code="AAA").count() == 20_001


# --- size limit, enforced while streaming ----------------------------------------------------------

def test_a_file_over_the_limit_is_refused_while_streaming(client, world, upload_dir, settings, monkeypatch):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    written = []
    from berakhlak.lib import uploads

    real = uploads.PrivateFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        out = real(self, raw_data, start)
        written.append(start + len(raw_data))
        return out

    monkeypatch.setattr(uploads.PrivateFileUploadHandler, "receive_data_chunk", spy)
    _a, _b, people = world
    client.force_login(people["hr"])
    big = UNITS + "X" * (1024 * 1024 + 10)  # 1 MiB + a little: the body stays under the announced-length check
    response = post_file(client, "unit.csv", big)
    assert response.status_code == 422
    assert "Berkas terlalu besar (paling besar 1 MB)." in response.content.decode()
    assert max(written) <= 1024 * 1024  # never more than the limit on disk
    assert not ImportJob.objects.exists() and leftovers(upload_dir) == []


def test_a_body_announced_over_the_limit_is_refused_before_a_byte_is_written(client, world, upload_dir, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    _a, _b, people = world
    client.force_login(people["hr"])
    response = post_file(client, "unit.csv", "k" * (3 * 1024 * 1024))
    assert response.status_code == 422
    assert "Berkas terlalu besar" in response.content.decode()
    assert not ImportJob.objects.exists() and leftovers(upload_dir) == []


# --- attacks on the upload ---------------------------------------------------------------------------

def test_extra_files_are_dropped_and_only_the_form_file_is_kept(client, world, upload_dir, queued):
    _a, _b, people = world
    client.force_login(people["hr"])
    response = client.post("/organisasi/impor/", {
        "kind": "units", "agency": "AAA", "file": [_named("unit.csv", UNITS), _named("dua.csv", "x" * 5000)],
        "other": _named("lain.csv", "y" * 5000)})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert leftovers(upload_dir) == [job.stored_name]
    assert (upload_dir / job.stored_name).read_text() == UNITS


def test_a_truncated_body_leaves_no_file_behind(client, world, upload_dir):
    _a, _b, people = world
    client.force_login(people["hr"])
    body = encode_multipart(BOUNDARY, {"kind": "units", "agency": "AAA", "file": _named("unit.csv", UNITS * 50)})
    cut = body[: body.index(b"A-ROOT,Badan Uji") + 500]  # the body ends inside the file part
    response = client.generic("POST", "/organisasi/impor/", cut, content_type=MULTIPART_CONTENT)
    assert response.status_code == 422  # the unfinished file is dropped: "this field is required"
    assert "file" in response.context["form"].errors
    assert not ImportJob.objects.exists() and leftovers(upload_dir) == []


def test_a_wrong_extension_is_a_form_error_and_the_file_is_deleted(client, world, upload_dir):
    _a, _b, people = world
    client.force_login(people["hr"])
    response = post_file(client, "unit.exe", UNITS)
    assert response.status_code == 422
    assert "Gunakan berkas .csv atau .xlsx." in response.content.decode()
    assert not ImportJob.objects.exists() and leftovers(upload_dir) == []


def test_an_upload_without_the_csrf_token_is_refused_and_nothing_is_kept(world, upload_dir):
    from django.test import Client

    _a, _b, people = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["hr"])
    response = post_file(client, "unit.csv", UNITS)
    assert response.status_code == 403
    assert not ImportJob.objects.exists() and leftovers(upload_dir) == []


@pytest.mark.parametrize("role", ["head", "agent", "employee"])
def test_others_cannot_upload_and_nothing_reaches_the_disk(client, world, upload_dir, role):
    _a, _b, people = world
    client.force_login(people[role])
    response = post_file(client, "unit.csv", UNITS)
    assert response.status_code == 403
    assert not ImportJob.objects.exists() and not upload_dir.exists()


def test_hr_cannot_import_into_another_agency(client, world, upload_dir):
    _a, _b, people = world
    client.force_login(people["hr"])
    response = post_file(client, "unit.csv", UNITS, agency="BBB")
    assert response.status_code == 422
    assert not ImportJob.objects.exists() and leftovers(upload_dir) == []


# --- who sees a job ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "status"), [("hr", 200), ("admin", 200), ("hr_b", 404), ("head", 404),
                                         ("agent", 404), ("employee", 404)])
def test_a_job_is_seen_by_hr_of_its_agency_and_the_admin_only(client, world, role, status):
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "rahasia-unit.csv", UNITS)
    job = ImportJob.objects.get()
    client.force_login(people[role])
    response = client.get(f"/organisasi/impor/{job.pk}/")
    assert response.status_code == status
    partial = client.get(f"/organisasi/impor/{job.pk}/", headers={"HX-Request": "true", "HX-Target": "job-status"})
    assert partial.status_code == status
    listing = client.get("/organisasi/impor/?agency=AAA")
    assert ("rahasia-unit.csv" in listing.content.decode()) is (status == 200)


def test_an_anonymous_visitor_is_sent_to_the_login(client, world):
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "unit.csv", UNITS)
    job = ImportJob.objects.get()
    client.logout()
    response = client.get(f"/organisasi/impor/{job.pk}/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_the_import_page_lists_the_latest_jobs_of_the_agency(client, world):
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "pertama.csv", UNITS)
    post_file(client, "kedua.csv", UNITS, dry_run=True)
    html = client.get("/organisasi/impor/?agency=AAA").content.decode()
    assert html.index("kedua.csv") < html.index("pertama.csv")
    assert f'href="/organisasi/impor/{ImportJob.objects.get(file_name="kedua.csv").pk}/"' in html


def test_the_upload_folder_is_made_private_even_if_it_existed(client, world, upload_dir, queued):
    upload_dir.mkdir(parents=True)
    os.chmod(upload_dir, 0o755)
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "unit.csv", UNITS)
    assert stat.S_IMODE(os.stat(upload_dir).st_mode) == 0o700
    assert Path(django_settings.IMPORT_UPLOAD_DIR) == upload_dir


def test_the_job_page_speaks_english_too(client, world, settings):
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "p.csv", BAD_EMPLOYEES, kind="employees")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/organisasi/impor/{ImportJob.objects.get().pk}/").content.decode()
    assert "Import another file" in html
    listing = client.get("/organisasi/impor/?agency=AAA").content.decode()
    assert "Latest imports" in listing and "Problems found" in listing


@pytest.mark.parametrize("raw_name", [b"unit\x00.csv", b"unit-\xff\xfe.csv", b"../../etc/passwd.csv",
                                      b"x" * 400 + b".csv", b"<script>alert(1)</script>.csv"])
def test_a_hostile_file_name_is_stored_harmlessly(client, world, upload_dir, raw_name):
    _a, _b, people = world
    client.force_login(people["hr"])
    boundary = "bk-boundary"
    body = b"".join([
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nunits\r\n".encode(),
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"agency\"\r\n\r\nAAA\r\n".encode(),
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"".encode() + raw_name
        + b"\"\r\nContent-Type: text/csv\r\n\r\n" + UNITS.encode() + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ])
    response = client.generic("POST", "/organisasi/impor/", body,
                              content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code in (302, 422)
    assert leftovers(upload_dir) == []
    for job in ImportJob.objects.all():
        assert "\x00" not in job.file_name and "/" not in job.file_name and len(job.file_name) <= 255
        html = client.get(f"/organisasi/impor/{job.pk}/").content.decode()
        assert "<script>alert(1)</script>" not in html


def test_a_job_cut_off_by_a_killed_worker_ends_failed_and_old_files_go(client, world, upload_dir, queued, settings):
    from datetime import timedelta

    from django.utils import timezone

    from berakhlak.org.services import import_jobs_expire

    settings.IMPORT_JOB_STALE_HOURS = 6
    _a, _b, people = world
    client.force_login(people["hr"])
    post_file(client, "lama.csv", UNITS)
    post_file(client, "antre.csv", UNITS)
    cut_off, waiting = ImportJob.objects.get(file_name="lama.csv"), ImportJob.objects.get(file_name="antre.csv")
    ImportJob.objects.filter(pk=cut_off.pk).update(status=ImportJobStatus.CHECKING,
                                                   started_at=timezone.now() - timedelta(hours=7))
    week_ago = (timezone.now() - timedelta(days=7)).timestamp()
    orphan = upload_dir / "upload-0123.part"  # an upload cut off with its web process
    orphan.write_text("x")
    fresh = upload_dir / "upload-4567.part"  # an upload streaming right now
    fresh.write_text("x")
    for path in (orphan, upload_dir / cut_off.stored_name, upload_dir / waiting.stored_name):
        os.utime(path, (week_ago, week_ago))

    assert import_jobs_expire() == 1
    cut_off.refresh_from_db()
    assert cut_off.status == ImportJobStatus.FAILED and cut_off.finished_at is not None
    assert cut_off.stored_name == ""
    assert sorted(leftovers(upload_dir)) == sorted([waiting.stored_name, fresh.name])  # a waiting job keeps its file
    html = client.get(f"/organisasi/impor/{cut_off.pk}/").content.decode()
    assert "Impor gagal" in html and "hx-trigger" not in html

    assert import_job_run(job_id=waiting.pk).status == ImportJobStatus.DONE  # the queue goes on


def test_an_xlsx_upload_runs_through_a_job_too(client, world, upload_dir, tmp_path):
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, line in enumerate(UNITS.strip().splitlines()):
        sheet.write_row(r, 0, line.split(","))
    book.close()
    (tmp_path / "u.xlsx").write_bytes(buffer.getvalue())
    assert services._row_estimate(tmp_path / "u.xlsx") is None  # no total before the end
    _a, _b, people = world
    client.force_login(people["hr"])
    response = post_file(client, "unit.xlsx", buffer.getvalue(), follow=True)
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.DONE and job.result["total"] == 3
    assert "3 baris: 2 baru, 0 diubah, 1 tetap." in response.content.decode()
    assert leftovers(upload_dir) == []
    ImportJob.objects.update(status=ImportJobStatus.CHECKING, rows_total=None, rows_done=0)
    html = client.get(f"/organisasi/impor/{job.pk}/").content.decode()
    assert "0 baris diperiksa." in html and "progress-bar-striped" in html and "aria-valuenow" not in html
