"""``RejectBadCharactersMiddleware``: NUL and lone surrogates never reach a view nor the database."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from berakhlak.lib.middleware import RejectBadCharactersMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory(username="budi"))
    return client


def test_a_nul_in_the_query_string_or_the_path_is_a_bilingual_400(signed_in):
    response = signed_in.get(reverse("org:employees"), {"q": "budi\x00"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "“q” berisi karakter yang tidak diizinkan" in text and "Tidak ada yang disimpan" in text
    assert signed_in.get("/organisasi/pegawai/1985%00/").status_code == 400


def test_a_nul_in_a_field_name_is_refused_and_shown_safely(client):
    response = client.post(reverse("accounts:login"), {"user\x00<b>": "x", "password": "y"})
    assert response.status_code == 400
    assert "user\N{REPLACEMENT CHARACTER}&lt;b&gt;" in response.content.decode()


def test_lone_surrogates_sent_as_bytes_arrive_as_replacement_characters(client):
    """A lone surrogate cannot be sent as UTF-8; what a broken client sends (its CESU bytes) is decoded by
    Django with U+FFFD in its place, so the view sees ordinary text: a form error, never a 500."""
    body = "username=%ED%A0%80budi&password=%ED%B0%80"
    response = client.generic("POST", reverse("accounts:login"), body,
                              content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # the login form again, with its error


def test_an_upload_with_a_nul_in_its_name_or_field_name(client):
    """Django drops non-printable characters from upload names; a NUL in the field's name is refused."""
    upload = SimpleUploadedFile("unit\x00.csv", b"kode,nama,induk_kode\n")
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y", "file": upload})
    assert response.status_code == 200
    upload = SimpleUploadedFile("unit.csv", b"kode,nama,induk_kode\n")
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y", "file\x00": upload})
    assert response.status_code == 400


def test_a_session_cookie_with_a_nul_is_ignored_and_deleted_not_a_500():
    client = Client(raise_request_exception=False)
    response = client.get(reverse("accounts:login"), HTTP_COOKIE='sessionid="\\000aaaaaaaaaaaa"')
    assert response.status_code == 200
    assert response.cookies["sessionid"].value == "" and response.cookies["sessionid"]["max-age"] == 0
    response = client.get(reverse("accounts:login"), HTTP_COOKIE='django_language="\\000en"; csrftoken="\\000"')
    assert response.status_code == 200


def test_a_view_exempt_from_csrf_keeps_its_multipart_body_unread():
    """Such a view may still choose its upload handlers (streaming to disk): the middleware leaves the body."""
    factory = RequestFactory()
    request = factory.post("/x/", {"a": "b", "f": SimpleUploadedFile("a.csv", b"x")})
    middleware = RejectBadCharactersMiddleware(lambda r: HttpResponse())
    view = csrf_exempt(lambda r: HttpResponse())
    assert middleware.process_view(request, view, (), {}) is None
    assert "_post" not in request.__dict__
    request = factory.post("/x/", {"a": "b\x00", "f": SimpleUploadedFile("a.csv", b"x")})
    assert middleware.bad_field(request) == "a"
