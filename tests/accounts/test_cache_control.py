"""No cache keeps a copy of anyone's page: ``Cache-Control: private, no-store`` on the pages of every role,
on exports and PDFs, and on the public answering pages; static files keep their long caching."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.lib.middleware import PrivateNoStoreMiddleware
from tests.factories import UserFactory
from tests.performance.conftest import skp_org  # noqa: F401  (fixture)
from tests.performance.helpers import approved_skp


def directives(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private(response, what=""):
    found = directives(response)
    assert {"private", "no-store"} <= found, (what, response.status_code, response.get("Cache-Control"))
    assert "public" not in found and not any(d.startswith("s-maxage") for d in found), what


@pytest.fixture
def roles(skp_org):
    admin = UserFactory(username="admin.platform", is_superuser=True, is_staff=True)
    RoleAssignment.objects.create(user=admin, role=Role.PLATFORM_ADMIN)
    agent = UserFactory(username="agen")
    RoleAssignment.objects.create(user=agent, role=Role.CHANGE_AGENT, agency=skp_org["agency"])
    return {"employee": skp_org["analis"].user, "unit head": skp_org["kabag"].user, "hr": skp_org["hr"],
            "change agent": agent, "platform admin": admin}


@pytest.mark.parametrize(("role", "paths"), [
    ("employee", ["/", "/nilai/", "/kinerja/", "/survei/", "/360/", "/akun/kata-sandi/"]),
    ("unit head", ["/", "/kinerja/", "/organisasi/unit/", "/organisasi/pegawai/"]),
    ("hr", ["/", "/organisasi/pegawai/", "/organisasi/impor/", "/kinerja/rekap/", "/survei/", "/survei/baru/"]),
    ("change agent", ["/", "/organisasi/unit/"]),
    ("platform admin", ["/", "/admin/", "/admin/accounts/user/", "/survei/nasional/"]),
])
def test_every_role_gets_private_no_store_pages(client, roles, role, paths):
    client.force_login(roles[role])
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (role, path, response.status_code)
        assert_private(response, f"{role} {path}")


def test_exports_and_pdfs_are_private(client, skp_org, roles):
    client.force_login(skp_org["hr"])
    csv = client.get("/organisasi/pegawai/ekspor.csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert_private(csv, "employees CSV")
    xlsx = client.get("/kinerja/rekap/ekspor.xlsx?year=2024")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    assert_private(xlsx, "recap XLSX")
    skp = approved_skp(skp_org)
    client.force_login(skp_org["analis"].user)
    pdf = client.get(f"/kinerja/skp/{skp.pk}/dokumen.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_private(pdf, "SKP PDF")


def test_the_public_answering_pages_are_private_even_without_a_session(client, db):
    for path in ["/s/bukan-token-sah/", "/s/bukan-token-sah/halaman/1/", "/s/selesai/"]:
        response = client.get(path)
        assert response.status_code < 500
        assert_private(response, path)
    assert django_settings.SESSION_COOKIE_NAME not in client.cookies


def test_login_and_activation_pages_are_private(client, db):
    for path in ["/akun/masuk/", "/akun/aktivasi/"]:
        assert_private(client.get(path), path)
    assert_private(client.post("/akun/masuk/", {"username": "x", "password": "y"}), "failed login")


def test_a_signed_in_request_is_private_even_where_the_view_ignores_the_session(client, roles):
    client.force_login(roles["employee"])
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    assert_private(response, "404 for a signed-in person")


# --- the middleware on its own --------------------------------------------------------------------

def run(request, view_response):
    return PrivateNoStoreMiddleware(lambda req: view_response)(request)


def test_static_files_keep_their_long_caching_even_for_a_signed_in_person():
    request = RequestFactory().get(django_settings.STATIC_URL + "css/app.0123abcd.css")
    request.COOKIES[django_settings.SESSION_COOKIE_NAME] = "abc"
    response = HttpResponse("body{}")
    response["Cache-Control"] = "max-age=315360000, public, immutable"
    assert run(request, response)["Cache-Control"] == "max-age=315360000, public, immutable"


def test_a_public_shared_lifetime_set_by_a_view_is_overridden_for_a_signed_in_person():
    request = RequestFactory().get("/organisasi/pegawai/")
    request.COOKIES[django_settings.SESSION_COOKIE_NAME] = "abc"
    response = HttpResponse("data")
    response["Cache-Control"] = "public, max-age=600, s-maxage=3600"
    assert_private(run(request, response))


def test_an_anonymous_response_that_touches_no_session_is_left_alone():
    request = RequestFactory().get("/nilai/")
    request.session = SessionStore()
    response = HttpResponse("ok")
    assert "Cache-Control" not in run(request, response)


@pytest.mark.parametrize("touch", ["read", "write", "cookie"])
def test_a_response_that_reads_or_writes_a_session_or_sets_a_cookie_is_private(db, touch):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    response = HttpResponse("ok")
    if touch == "read":
        request.session.get("x")
    elif touch == "write":
        request.session["x"] = 1
    else:
        response.set_cookie("pilihan", "1")
    assert_private(run(request, response))


def test_the_middleware_never_loads_the_session_itself(db):
    """The answering path must not touch a signed-in person's session: deciding costs no session read."""
    store = SessionStore()
    store["_auth_user_id"] = "1"
    store.create()
    request = RequestFactory().get("/s/token/")
    request.COOKIES[django_settings.SESSION_COOKIE_NAME] = store.session_key
    request.session = SessionStore(session_key=store.session_key)
    assert_private(run(request, HttpResponse("form")))
    assert request.session.accessed is False and request.session.modified is False
