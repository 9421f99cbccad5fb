"""Hostile input to the public account forms gives a form answer, never a server error."""

import pytest
from axes.models import AccessAttempt
from django.core import mail

from berakhlak.accounts.models import RateCounter

pytestmark = pytest.mark.django_db

HOSTILE = ["\x00", "siti\x00.r", "\ud800", "a" * 1_000_000, "1" * 18 + "\x00", "  ", "\u202e19860926", "%00", "' OR 1=1 --"]


def post_raw(client, path, field, value):
    body = f"{field}=".encode() + value.encode("utf-8", "surrogatepass").replace(b"%", b"%25").replace(b"&", b"%26")
    if field == "username":
        body += b"&password=rahasia-uji-123"
    return client.post(path, body, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("value", HOSTILE)
def test_the_login_form_never_fails(client, value):
    response = post_raw(client, "/akun/masuk/", "username", value)
    assert response.status_code in (200, 400, 429)  # 400: the guard against NUL and lone surrogates
    for attempt in AccessAttempt.objects.all():
        assert "\x00" not in (attempt.username or "") and len(attempt.username or "") <= 150


@pytest.mark.parametrize("value", HOSTILE)
def test_the_activation_form_never_fails(client, value):
    response = post_raw(client, "/akun/aktivasi/", "identifier", value)
    assert response.status_code in (200, 302, 400, 429)
    assert mail.outbox == []
    # only the address was counted; a request the guard refused (400) counts nothing
    assert RateCounter.objects.count() == (0 if response.status_code == 400 else 1)
