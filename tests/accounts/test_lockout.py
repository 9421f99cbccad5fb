"""The login lockout, attacked the way an attacker would: other spellings of the locked name, the NIP
instead of the username, forged X-Forwarded-For headers, fresh IPv6 addresses; and the other side of it:
a failure storm from elsewhere must not lock the real user out at their own address."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY

from tests.factories import EmployeeFactory, UserFactory

PASSWORD = "rahasia-uji-123"
WRONG = "salah-sekali-123"
LOGIN = "/akun/masuk/"
OFFICE = "10.20.30.40"     # the real user's address
ELSEWHERE = "198.51.100.9"  # the attacker's
PROXY = "10.0.0.2"          # the reverse proxy, when there is one


@pytest.fixture
def victim(db):
    employee = EmployeeFactory(name="Lock Test", nip="198609262015051001")
    return UserFactory(username="locktest", employee=employee)


def attempt(client, username, password, *, ip=OFFICE, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, headers=headers)


def logged_in(client):
    return client.session.get(SESSION_KEY)


def fail(client, spellings, **kw):
    for spelling in spellings:
        attempt(client, spelling, WRONG, **kw)


def assert_locked(response):
    assert response.status_code == 429, response.status_code
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_other_spellings_of_a_locked_name_are_locked_too(client, victim):
    """Reproduction of issue 11: LOCKTEST, Locktest … each had their own count, and LockTesT logged in
    while locktest was locked."""
    fail(client, ["LOCKTEST", "Locktest", "lockTEST", " locktest", "LockTest  "])
    for spelling in ["locktest", "LockTesT", "LOCKTEST"]:
        assert_locked(attempt(client, spelling, PASSWORD))
    assert logged_in(client) is None


def test_the_nip_and_the_username_share_one_count(client, victim):
    nip = victim.employee.nip
    printed = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"  # as it is printed on a card: 19860926 201505 1 001
    fullwidth = nip.translate({ord(d): ord(d) - ord("0") + 0xFF10 for d in "0123456789"})
    fail(client, [nip, printed, "LockTest", fullwidth, f"  {nip}\t"])
    for spelling in [nip, printed, "locktest", fullwidth]:
        assert_locked(attempt(client, spelling, PASSWORD))
    assert logged_in(client) is None
    # one counter row per (account, address) pair
    assert set(AccessAttempt.objects.values_list("username", "ip_address")) == {("locktest", OFFICE)}


def test_a_failure_storm_from_elsewhere_does_not_lock_the_real_user_out(client, victim):
    fail(client, ["locktest", victim.employee.nip] * 10, ip=ELSEWHERE)
    assert_locked(attempt(client, "locktest", PASSWORD, ip=ELSEWHERE))
    response = attempt(client, "LockTest", PASSWORD, ip=OFFICE)
    assert response.status_code == 302 and logged_in(client) == str(victim.pk)


def test_a_forged_forwarded_header_is_ignored_without_a_proxy(client, victim):
    """Without BEHIND_PROXY anyone can write X-Forwarded-For: rotating it must not give fresh counts."""
    for i in range(settings.AXES_FAILURE_LIMIT + 3):
        attempt(client, "locktest", WRONG, ip=ELSEWHERE, forwarded=f"192.0.2.{i}")
    assert_locked(attempt(client, "locktest", PASSWORD, ip=ELSEWHERE, forwarded="192.0.2.200"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ELSEWHERE}


def test_the_forwarded_header_cannot_frame_a_colleague_without_a_proxy(client, victim):
    """An attacker who writes the victim's office address into the header locks only themself."""
    fail(client, ["locktest"] * 8, ip=ELSEWHERE, forwarded=OFFICE)
    assert attempt(client, "locktest", PASSWORD, ip=OFFICE).status_code == 302


def test_behind_a_proxy_the_rightmost_untrusted_address_counts(client, victim, settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker rotates what they write at the left; the proxy appends their real address at the right.
    for i in range(settings.AXES_FAILURE_LIMIT + 3):
        attempt(client, "locktest", WRONG, ip=PROXY, forwarded=f"192.0.2.{i}, {ELSEWHERE}")
    assert_locked(attempt(client, "locktest", PASSWORD, ip=PROXY, forwarded=f"203.0.113.1, {ELSEWHERE}"))
    # The attacker writing the victim's address at the left does not lock the victim either.
    assert_locked(attempt(client, "locktest", PASSWORD, ip=PROXY, forwarded=f"{OFFICE}, {ELSEWHERE}"))
    # The real user comes through the same proxy from the office: not locked.
    response = attempt(client, "locktest", PASSWORD, ip=PROXY, forwarded=OFFICE)
    assert response.status_code == 302 and logged_in(client) == str(victim.pk)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ELSEWHERE}


def test_behind_two_proxies_the_second_entry_from_the_right_counts(client, victim, settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2
    cdn = "172.16.5.5"
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "locktest", WRONG, ip=PROXY, forwarded=f"192.0.2.{i}, {ELSEWHERE}, {cdn}")
    assert_locked(attempt(client, "locktest", PASSWORD, ip=PROXY, forwarded=f"{ELSEWHERE}, {cdn}"))
    assert attempt(client, "locktest", PASSWORD, ip=PROXY, forwarded=f"{OFFICE}, {cdn}").status_code == 302


def test_fresh_ipv6_addresses_of_one_network_share_a_count(client, victim):
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "locktest", WRONG, ip=f"2001:db8:1:2::{i + 1:x}")
    assert_locked(attempt(client, "locktest", PASSWORD, ip="2001:db8:1:2:ffff:1:2:3"))
    # another network (the office's IPv6) is not affected
    assert attempt(client, "locktest", PASSWORD, ip="2001:db8:9:9::1").status_code == 302


def test_an_unknown_name_is_locked_like_a_known_one(client, victim):
    """The lockout answers the same whether or not the account exists."""
    fail(client, ["TidakAda", "tidakada"] * 3)
    assert_locked(attempt(client, "tidakada", PASSWORD))
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"tidakada"}


def test_a_success_by_another_spelling_clears_the_count(client, victim):
    fail(client, [victim.employee.nip, "LOCKTEST", "Locktest", "lockTest"])  # one short of the limit
    assert attempt(client, "LockTesT", PASSWORD).status_code == 302
    client.post("/akun/keluar/")
    assert not AccessAttempt.objects.exists()
    fail(client, ["locktest"] * (settings.AXES_FAILURE_LIMIT - 1))
    assert attempt(client, victim.employee.nip, PASSWORD).status_code == 302


def test_the_lockout_does_not_leak_which_account_a_nip_belongs_to(client, victim):
    nip = victim.employee.nip
    fail(client, [nip] * settings.AXES_FAILURE_LIMIT)
    html = attempt(client, nip, PASSWORD).content.decode()
    assert "locktest" not in html.lower()


def test_two_users_one_nip_spelling_stays_refused_and_counted(client, victim):
    """A name that means two accounts (a username equal to someone else's NIP) logs in neither."""
    UserFactory(username=victim.employee.nip)
    response = attempt(client, victim.employee.nip, PASSWORD)
    assert response.status_code == 200 and logged_in(client) is None


@pytest.mark.parametrize(("minutes", "lang", "text"), [(15, "id", "Coba lagi dalam 15 menit"),
                                               (45, "id", "Coba lagi dalam 45 menit"),
                                               (45, "en", "Try again in 45 minutes")])
def test_the_lockout_page_states_the_configured_cool_off(client, victim, settings, minutes, lang, text):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=minutes)
    fail(client, ["locktest"] * settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "locktest", "password": PASSWORD}, REMOTE_ADDR=OFFICE,
                           headers={"accept-language": lang})
    assert response.status_code == 429 and text in response.content.decode()


def test_no_typed_password_is_kept_in_the_failure_records(client, victim):
    typo = "rahasia-uji-12"  # a near miss of the real password is worth stealing
    attempt(client, "locktest", typo)
    [record] = AccessAttempt.objects.all()
    assert typo not in record.post_data and typo not in record.get_data
