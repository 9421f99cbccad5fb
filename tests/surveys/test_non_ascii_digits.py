"""Digits that are not ASCII, and ids too long for the database, sent to the survey pages (found while
writing tests/surveys/test_rules.py; see docs/security.md).

``str.isdigit()`` is true for "²" (superscript two) and "٣" (Arabic-Indic three), and ``int()`` refuses the
first and reads the second as 3. Code that checked ``isdigit()`` and then called ``int()`` answered 500 to
"²" — on the public answering link too, with no login — and took "٣" for 3. Ids and answers are now read as
ASCII digits only (``lib.forms.posted_id``, ``rules.check_likert_page``). The controls show that the same
requests with ordinary input do what they should."""

from __future__ import annotations

import pytest

from berakhlak.surveys.models import WaveMember
from berakhlak.surveys.services import invitation_token, wave_launch


@pytest.fixture
def launched(wave, hr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        wave_launch(actor=hr, wave=wave)
    return wave


@pytest.fixture
def token(launched, org):
    member = WaveMember.objects.get(wave=launched, employee=org["people"]["a"][0])
    return invitation_token(launched, member.pk)


# --- the answering form: a Likert answer -----------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "²",
    "٣",
])
def test_a_non_ascii_digit_answer_is_a_form_error(client, token, raw):
    client.raise_request_exception = False
    client.get(f"/s/{token}/?mulai=1")
    r = client.post(f"/s/{token}/halaman/1/", {"BP1": raw, "BP2": "4", "BP3": "4", "next": "1"})
    assert r.status_code == 422
    assert "Jawaban harus" in r.content.decode()


def test_control_the_answer_page_takes_ascii_digits_and_refuses_off_scale(client, token):
    client.get(f"/s/{token}/?mulai=1")
    r = client.post(f"/s/{token}/halaman/1/", {"BP1": "3", "BP2": "4", "BP3": "4", "next": "1"})
    assert r.status_code == 302 and r["Location"].endswith("/halaman/2/")
    bad = client.post(f"/s/{token}/halaman/1/", {"BP1": "9", "BP2": "4", "BP3": "4", "next": "1"})
    assert bad.status_code == 422 and "Jawaban harus" in bad.content.decode()


# --- the public link: a token whose member id is "²" -----------------------------------------------------

def test_a_public_link_with_a_non_ascii_member_id_is_not_found(client, launched):
    client.raise_request_exception = False  # no login: anyone on the internet can send this
    assert client.get("/s/²-aaaaaaaaaaaaaaaaaaaa/").status_code == 404


def test_control_a_public_link_with_a_wrong_signature_is_not_found(client, launched):
    assert client.get("/s/1-aaaaaaaaaaaaaaaaaaaa/").status_code == 404


# --- HR's pages: the unit of the wave page, the unit of the ballot slips ---------------------------------

def test_the_wave_page_with_a_non_ascii_unit_is_not_found(client, hr, launched):
    client.force_login(hr)
    client.raise_request_exception = False
    assert client.get(f"/survei/{launched.pk}/?unit=²").status_code == 404


def test_printing_slips_for_a_non_ascii_unit_is_not_found(client, hr, launched):
    client.force_login(hr)
    client.raise_request_exception = False
    assert client.post(f"/survei/{launched.pk}/kertas-suara/", {"unit": "²"}).status_code == 404


def test_printing_slips_for_an_id_too_long_for_the_database_is_not_found(client, hr, launched):
    # SQLite's driver cannot bind an integer over 64 bits (OverflowError): such an id finds nothing
    client.force_login(hr)
    client.raise_request_exception = False
    assert client.post(f"/survei/{launched.pk}/kertas-suara/", {"unit": "9" * 20}).status_code == 404


def test_control_hr_pages_with_unknown_units_are_not_found(client, hr, launched):
    client.force_login(hr)
    assert client.get(f"/survei/{launched.pk}/?unit=abc").status_code == 404
    assert client.get(f"/survei/{launched.pk}/?unit=999999").status_code == 404
    assert client.post(f"/survei/{launched.pk}/kertas-suara/", {"unit": "999999"}).status_code == 404


# --- the command line: berakhlak survey import-responses --scale ------------------------------------------

def test_a_non_ascii_scale_is_a_command_error():
    from django.core.management import CommandError

    from berakhlak.surveys.management.commands.survey import parse_scale
    with pytest.raises(CommandError, match="use 1-4, 1-5 or 1-6"):
        parse_scale("²-5")


def test_control_a_bad_scale_is_a_command_error():
    from django.core.management import CommandError

    from berakhlak.surveys.management.commands.survey import parse_scale
    assert parse_scale("1-5") == (1, 5)
    for text in ("1-7", "15", "a-b", "-5"):
        with pytest.raises(CommandError, match="use 1-4, 1-5 or 1-6"):
            parse_scale(text)
