"""Logging in (by username or NIP), the lockout after repeated failures, logging out, changing one's
password, the password hasher, and the language of the login page."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from berakhlak.audit.models import AuditEvent
from tests.factories import EmployeeFactory, UserFactory

PASSWORD = "rahasia-uji-123"
NEW_PASSWORD = "Kopi-Tubruk-Pagi-2024"
WRONG_LOGIN = "NIP/nama pengguna atau kata sandi salah."


@pytest.fixture
def user(db):
    employee = EmployeeFactory(name="Siti Rahmawati")
    return UserFactory(username="siti.r", employee=employee)


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_it_logs_in_by_username(client, user):
    response = client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_user_id(client) == str(user.pk)
    assert client.get("/").status_code == 200


def test_it_logs_in_by_username_ignoring_case_and_spaces(client, user):
    response = client.post("/akun/masuk/", {"username": "  Siti.R ", "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user.pk)


def test_it_logs_in_by_nip(client, user):
    response = client.post("/akun/masuk/", {"username": user.employee.nip, "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user.pk)


def test_it_follows_next_after_login(client, user):
    response = client.post("/akun/masuk/?next=/nilai/", {"username": "siti.r", "password": PASSWORD,
                                                         "next": "/nilai/"})
    assert response["Location"] == "/nilai/"


def test_it_sends_anonymous_users_to_login_with_next(client, db):
    response = client.get("/organisasi/pegawai/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/organisasi/pegawai/"


@pytest.mark.parametrize(("username", "password"), [("siti.r", "salah-sekali-123"), ("tidak.ada", PASSWORD),
                                               ("", PASSWORD)])
def test_it_shows_the_login_error_in_indonesian(client, user, username, password):
    response = client.post("/akun/masuk/", {"username": username, "password": password})
    assert response.status_code == 200
    html = response.content.decode()
    if username:
        assert WRONG_LOGIN in html
    else:  # the field error is shown under the field
        assert "Bidang ini tidak boleh kosong." in html
    assert logged_in_user_id(client) is None


def test_it_refuses_a_login_matching_two_users(client, user):
    # another user whose username is Siti's NIP: ambiguous, neither is logged in
    UserFactory(username=user.employee.nip)
    response = client.post("/akun/masuk/", {"username": user.employee.nip, "password": PASSWORD})
    assert response.status_code == 200 and WRONG_LOGIN in response.content.decode()


def test_it_refuses_a_deactivated_user(client, user):
    user.is_active = False
    user.save()
    response = client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD})
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_it_locks_the_login_after_the_failure_limit(client, user):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        response = client.post("/akun/masuk/", {"username": "siti.r", "password": "salah-sekali-123"})
        assert response.status_code == 200 and WRONG_LOGIN in response.content.decode()
    response = client.post("/akun/masuk/", {"username": "siti.r", "password": "salah-sekali-123"})
    assert response.status_code in (200, 429)
    response = client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_it_locks_only_the_attacked_username(client, user):
    other = UserFactory(username="budi.s")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "siti.r", "password": "salah-sekali-123"})
    response = client.post("/akun/masuk/", {"username": "budi.s", "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(other.pk)


def test_it_forgets_failures_after_a_successful_login(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/akun/masuk/", {"username": "siti.r", "password": "salah-sekali-123"})
    assert client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD}).status_code == 302
    client.post("/akun/keluar/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/akun/masuk/", {"username": "siti.r", "password": "salah-sekali-123"})
    assert client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD}).status_code == 302


def test_it_logs_out_by_post(client, user):
    client.force_login(user)
    response = client.post("/akun/keluar/")
    assert response.status_code == 302 and response["Location"] == "/akun/masuk/"
    assert logged_in_user_id(client) is None
    assert client.get("/").status_code == 302


def test_it_does_not_log_out_by_get(client, user):
    client.force_login(user)
    assert client.get("/akun/keluar/").status_code == 405
    assert logged_in_user_id(client) == str(user.pk)


def test_it_changes_the_password(client, user):
    client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD})
    page = client.get("/akun/kata-sandi/")
    assert page.status_code == 200 and "Ganti kata sandi" in page.content.decode()
    response = client.post("/akun/kata-sandi/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                  "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200  # still logged in after the change
    event = AuditEvent.objects.get(action="accounts.password_change")
    assert event.actor_id == user.pk and event.object_id == str(user.pk)
    assert NEW_PASSWORD not in str(event.before) + str(event.after)

    client.post("/akun/keluar/")
    response = client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD})
    assert response.status_code == 200 and WRONG_LOGIN in response.content.decode()
    assert client.post("/akun/masuk/", {"username": "siti.r", "password": NEW_PASSWORD}).status_code == 302


def test_it_shows_the_success_message_after_the_password_change(client, user):
    client.force_login(user)
    response = client.post("/akun/kata-sandi/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                  "new_password2": NEW_PASSWORD}, follow=True)
    assert "Kata sandi berhasil diganti." in response.content.decode()


@pytest.mark.parametrize("data", [
    {"old_password": "bukan-sandi-lama", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    {"old_password": PASSWORD, "new_password1": "pendek", "new_password2": "pendek"},
    {"old_password": PASSWORD, "new_password1": "1234567890123", "new_password2": "1234567890123"},
])
def test_it_refuses_a_bad_password_change(client, user, data):
    client.force_login(user)
    response = client.post("/akun/kata-sandi/", data)
    assert response.status_code == 200
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    assert not AuditEvent.objects.filter(action="accounts.password_change").exists()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_it_asks_for_login_before_a_password_change(client, db):
    response = client.get("/akun/kata-sandi/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


# --- hashing ---------------------------------------------------------------------------------------

def test_it_offers_argon2_and_it_works():
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in settings.PASSWORD_HASHERS
    encoded = make_password("Kopi-Tubruk-Pagi-2024", hasher="argon2")
    assert encoded.startswith("argon2$")
    assert check_password("Kopi-Tubruk-Pagi-2024", encoded)


def test_it_hashes_with_argon2_outside_tests(tmp_path):
    """Import the settings in a fresh interpreter with no pytest and testing switched off."""
    env = {k: v for k, v in os.environ.items() if k not in ("BERAKHLAK_TESTING", "DATABASE_URL")}
    env.update(BERAKHLAK_TESTING="0", SECRET_KEY="x" * 50, DEBUG="0", DATA_DIR=str(tmp_path))
    code = "import berakhlak.settings as s; print(s.TESTING); print(s.PASSWORD_HASHERS[0])"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_it_upgrades_a_password_to_the_first_hasher_at_login(client, user):
    # A password stored with PBKDF2 (an older hash) is rehashed with the preferred hasher at login.
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert client.post("/akun/masuk/", {"username": "siti.r", "password": PASSWORD}).status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == identify_hasher(make_password("x")).algorithm


# --- language ----------------------------------------------------------------------------------------

def test_it_shows_the_login_page_in_indonesian_by_default(client, db):
    html = client.get("/akun/masuk/").content.decode()
    assert '<html lang="id">' in html
    assert "NIP atau nama pengguna" in html and "Kata sandi" in html and ">Masuk<" in html


def test_it_shows_the_login_page_in_english_when_the_browser_asks(client, db):
    html = client.get("/akun/masuk/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="en">' in html


def test_it_shows_the_login_page_in_the_language_of_the_cookie(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/akun/masuk/", headers={"accept-language": "id"}).content.decode()
    assert '<html lang="en">' in html


def test_it_switches_the_language_with_the_footer_form(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302 and response["Location"] == "/akun/masuk/"
    assert '<html lang="en">' in client.get("/akun/masuk/").content.decode()
    client.post("/i18n/setlang/", {"language": "id", "next": "/akun/masuk/"})
    assert '<html lang="id">' in client.get("/akun/masuk/").content.decode()
