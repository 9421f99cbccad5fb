"""The activation / password-reset form attacked: a forged Host header must not reach a mailbox, a burst
from one address is refused, one account is not mail-bombed from many addresses, and no answer tells
whether an account exists."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from berakhlak.accounts.models import RateCounter
from berakhlak.accounts.services import accounts_provision, rate_limit_hit
from tests.factories import EmployeeFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = "/akun/aktivasi/"
SITE = "https://berakhlak.kemenx.go.id"
SAME_ANSWER = "Bila akun tersebut ada dan punya alamat surel"
TOO_MANY = "Terlalu banyak permintaan dari alamat Anda"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE + "/"
    settings.ACTIVATION_LIMIT_PER_IP = 10
    settings.ACTIVATION_LIMIT_PER_ACCOUNT = 3


@pytest.fixture
def person():
    unit = UnitFactory()
    employee = EmployeeFactory(unit=unit, email="siti@kemenx.go.id", nip="198609262015051001")
    accounts_provision(agency=unit.agency)
    return employee


def ask(client, identifier, *, ip="203.0.113.10", **extra):
    return client.post(FORM, {"identifier": identifier}, REMOTE_ADDR=ip, follow=True, **extra)


def page(response) -> str:
    """The page as a visitor compares it: without the CSRF tokens (form field and htmx header), which
    differ on every render."""
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "<csrf>", response.content.decode())


def links(body):
    return re.findall(r"\S+/akun/atur-sandi/\S+", body)


@pytest.mark.parametrize(("headers", "allowed"), [
    ({"HTTP_HOST": "evil.example"}, ["*"]),
    ({"HTTP_HOST": "berakhlak.kemenx.go.id:8443"}, ["berakhlak.kemenx.go.id", "testserver"]),
    ({"HTTP_X_FORWARDED_HOST": "evil.example"}, ["*"]),
])
def test_a_forged_host_never_reaches_the_mail(client, person, settings, headers, allowed):
    settings.ALLOWED_HOSTS = allowed
    settings.USE_X_FORWARDED_HOST = True  # the worst case: a proxy passing the client's header on
    response = ask(client, person.nip, **headers)
    assert response.status_code == 200 and SAME_ANSWER in response.content.decode()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "evil.example" not in body and ":8443" not in body
    [link] = links(body)
    assert link.startswith(SITE + "/akun/atur-sandi/")
    # and the link works on the real site
    page = client.get(link.removeprefix(SITE), follow=True)
    assert "Atur kata sandi" in page.content.decode()


def test_a_burst_from_one_address_is_refused(client, person):
    for i in range(10):
        response = ask(client, f"19990101202012100{i % 10}")
        assert response.status_code == 200 and SAME_ANSWER in response.content.decode()
    refused = client.post(FORM, {"identifier": person.nip}, REMOTE_ADDR="203.0.113.10")
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()
    # refused before anything is looked up or sent, also for a real account
    assert mail.outbox == []
    # forged X-Forwarded-For headers give no fresh allowance
    again = client.post(FORM, {"identifier": person.nip}, REMOTE_ADDR="203.0.113.10",
                        headers={"X-Forwarded-For": "192.0.2.77"})
    assert again.status_code == 429
    # another address is not affected
    assert SAME_ANSWER in ask(client, person.nip, ip="198.51.100.20").content.decode()
    assert len(mail.outbox) == 1


def test_the_refusal_is_the_same_for_known_and_unknown_names(client, person):
    for _ in range(10):
        ask(client, "tidak.ada")
    known = client.post(FORM, {"identifier": person.nip}, REMOTE_ADDR="203.0.113.10")
    unknown = client.post(FORM, {"identifier": "tidak.ada"}, REMOTE_ADDR="203.0.113.10")
    assert known.status_code == unknown.status_code == 429
    assert page(known) == page(unknown)


def test_one_account_gets_a_few_mails_an_hour_whatever_the_spelling_or_address(client, person):
    user = person.user
    nip = person.nip
    spellings = [nip, f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}", user.username.upper(), "SITI@kemenx.go.id",
                 f" {nip} "]
    answers = set()
    for i, spelling in enumerate(spellings * 2):
        response = ask(client, spelling, ip=f"198.51.100.{i + 1}")
        assert response.status_code == 200
        answers.add(page(response))
    assert len(mail.outbox) == 3
    assert {m.to[0] for m in mail.outbox} == {"siti@kemenx.go.id"}
    # the answers never changed, mail or no mail, and equal the answer for nobody
    nobody = page(ask(client, "199901012020121999", ip="198.51.100.99"))
    assert answers == {nobody}


def test_the_table_holds_no_address_nor_nip(client, person):
    ask(client, person.nip, ip="203.0.113.10")
    stored = " ".join(f"{r.scope} {r.key}" for r in RateCounter.objects.all())
    assert RateCounter.objects.count() == 2
    assert "203.0.113" not in stored and person.nip not in stored and f" {person.user.pk} " not in f" {stored} "


def test_nobody_can_keep_an_account_refused_by_hammering_it(client, person):
    """Refused requests for an account do not count for it: the attacker's own requests mailed the
    person fresh links; once the hour has passed the person's own request is served again."""
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    hits = [rate_limit_hit(scope="t", key="acct", limit=3, window=timedelta(hours=1), count_refused=False,
                           now=start + timedelta(minutes=m)) for m in range(0, 60, 5)]
    assert hits[:3] == [True] * 3 and not any(hits[3:])
    assert rate_limit_hit(scope="t", key="acct", limit=3, window=timedelta(hours=1), count_refused=False,
                          now=start + timedelta(hours=2, minutes=1))


def test_a_burst_across_the_window_boundary_gets_no_double_allowance():
    limit, hour = 3, timedelta(hours=1)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    late = [rate_limit_hit(scope="ip", key="a", limit=limit, window=hour, now=start + timedelta(minutes=59))
            for _ in range(limit)]
    early = [rate_limit_hit(scope="ip", key="a", limit=limit, window=hour, now=start + timedelta(minutes=61))
             for _ in range(limit)]
    assert all(late) and not any(early)
    # hammering while refused keeps it refused (per address, refused requests count)
    assert not rate_limit_hit(scope="ip", key="a", limit=limit, window=hour, now=start + timedelta(minutes=100))
    # two windows later everything is forgotten, and old rows are gone
    assert rate_limit_hit(scope="ip", key="a", limit=limit, window=hour, now=start + timedelta(hours=3))
    assert RateCounter.objects.filter(window_start__lt=start + timedelta(hours=2)).count() == 0


def test_an_inactive_or_mailless_account_gets_no_mail_and_the_same_answer(client, person):
    person.user.is_active = False
    person.user.save()
    mailless = UserFactory(username="tanpa.surel", email="")
    a = page(ask(client, person.nip, ip="198.51.100.1"))
    b = page(ask(client, mailless.username, ip="198.51.100.2"))
    c = page(ask(client, "tidak.ada", ip="198.51.100.3"))
    assert a == b == c and mail.outbox == []


def test_no_reset_token_waits_in_the_task_queue(client, person, settings):
    """With the database task backend (production), the queued task holds the account id only: a reader
    of the database cannot take a reset link from the queue. The worker makes the link when it sends."""
    from django_tasks_db.models import DBTaskResult

    from berakhlak.accounts.tasks import send_activation_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = ask(client, person.nip)
    assert SAME_ANSWER in response.content.decode()
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs == {"args": [person.user.pk, "id"], "kwargs": {}}
    assert send_activation_email.call(*queued.args_kwargs["args"]) is True
    [link] = links(mail.outbox[0].body)
    assert link.startswith(SITE + "/akun/atur-sandi/")
    assert link.split("/")[-2] not in str(queued.args_kwargs)


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_burst_gets_exactly_the_limit():
    """Twenty requests at once from one address: exactly the limit is served (no lost increments).
    PostgreSQL only: the SQLite test database lives in memory with a shared cache, whose table locks ignore
    the busy timeout (a production SQLite file serialises writers with BEGIN IMMEDIATE instead)."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrency is exercised on PostgreSQL (in-memory SQLite test database)")

    limit, results, barrier = 5, [], threading.Barrier(20)

    def hit():
        try:
            barrier.wait()
            results.append(rate_limit_hit(scope="burst", key="203.0.113.10", limit=limit, window=timedelta(hours=1),
                                          now=datetime(2026, 1, 5, 9, 10, tzinfo=UTC)))
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 20 and results.count(True) == limit
    assert RateCounter.objects.get(scope="burst").count == 20
