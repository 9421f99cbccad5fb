"""How a typed login name is read (berakhlak.accounts.identity), and that the login accepts every
spelling it maps to one account."""

import pytest

from berakhlak.accounts.identity import normalise_login
from tests.factories import EmployeeFactory, UserFactory

NIP = "198609262015051001"


@pytest.mark.parametrize("typed", [NIP, f" {NIP} ", "19860926 201505 1 001", "19860926\t201505\u00a01 001",
                                   "１９８６０９２６２０１５０５１００１"])
def test_a_nip_in_any_printed_form_reads_as_its_digits(typed):
    assert normalise_login(typed) == NIP


@pytest.mark.parametrize(("typed", "expected"), [
    ("Siti.R", "siti.r"), ("  SITI.R\n", "siti.r"), ("ｓｉｔｉ.ｒ", "siti.r"), ("siti\x00.r", "siti.r"),
    ("1986 0926", "1986 0926"),  # digits but not 18 of them: not a NIP, spaces kept (no username has any)
    ("", ""),
])
def test_a_username_reads_in_lower_case(typed, expected):
    assert normalise_login(typed) == expected


def test_a_very_long_name_is_cut_to_the_username_length():
    assert len(normalise_login("a" * 10_000)) == 150


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["19860926 201505 1 001", "１９８６０９２６２０１５０５１００１", "SITI.r"])
def test_the_login_accepts_each_spelling(client, typed):
    user = UserFactory(username="siti.r", employee=EmployeeFactory(nip=NIP))
    response = client.post("/akun/masuk/", {"username": typed, "password": "rahasia-uji-123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
