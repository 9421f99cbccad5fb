"""Exactly once under concurrency, with the anonymous answering path: two submissions of one link at the
same moment store one response; a close that comes while a submission is under way waits for it, and a
submission after the close is refused. Real threads, real commits, on PostgreSQL (the sequential double
submission is tested on both databases in ``test_wave_flow.py``)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from berakhlak.surveys import services
from berakhlak.surveys.models import InstrumentKind, Response, Spent, WaveMember, WaveStatus
from berakhlak.surveys.selectors import instrument_pages
from berakhlak.surveys.services import (
    SurveyError,
    credential_for,
    draft_save,
    instrument_builtin,
    invitation_token,
    response_submit,
    wave_close,
    wave_create,
    wave_launch,
)
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_rows")]


@pytest.fixture
def ready():
    agency = AgencyFactory(code="SERENTAK")
    root = UnitFactory(agency=agency, code="ROOT")
    for i in range(6):
        EmployeeFactory(unit=root, email=f"s{i}@x.go.id")
    wave = wave_create(actor=None, agency=agency, code="2026", title="Survei", opens_on=dt.date(2026, 1, 1),
                       closes_on=dt.date(2026, 12, 31), instrument=instrument_builtin(InstrumentKind.LIKERT, (1, 5)))
    wave_launch(actor=None, wave=wave, send=False)
    pages = instrument_pages(wave.instrument)
    answers = {i.code: 4 for p in pages if p.kind == "LIKERT" for i in p.items}
    tokens = []
    for member in WaveMember.objects.filter(wave=wave).order_by("pk")[:2]:
        token = invitation_token(wave, member.pk)
        draft_save(credential=credential_for(token), answers=answers)
        tokens.append(token)
    return wave, pages, tokens


def run(fn, results, errors):
    try:
        results.append(fn())
    except Exception as exc:  # collected and asserted by the test
        errors.append(exc)
    finally:
        connection.close()


SQLITE_TEST_DB = (
    "the SQLite test database is a shared-cache memory database whose table locks fail at once instead of "
    "waiting; the platform's SQLite file (WAL, IMMEDIATE transactions, busy timeout) serialises writers")


@pytest.mark.skipif("connection.vendor == 'sqlite'", reason=SQLITE_TEST_DB)
def test_two_simultaneous_submissions_of_one_link_store_one_response(ready):
    wave, pages, (token, _other) = ready
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        credential = credential_for(token)
        barrier.wait()
        return response_submit(credential=credential, pages=pages).stored

    threads = [threading.Thread(target=run, args=(submit, results, errors)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(results) == [False, True]
    assert Response.objects.filter(wave=wave).count() == 1 and Spent.objects.filter(wave=wave).count() == 1


@pytest.mark.skipif("connection.vendor == 'sqlite'", reason=SQLITE_TEST_DB)
def test_a_close_waits_for_a_submission_under_way_and_refuses_later_ones(ready, monkeypatch):
    wave, pages, (token, other) = ready
    spending, release = threading.Event(), threading.Event()
    real_spend = services._spend

    def slow_spend(credential):  # the submission is inside its transaction, past the wave's lock
        stored = real_spend(credential)
        spending.set()
        release.wait(10)
        return stored

    monkeypatch.setattr(services, "_spend", slow_spend)
    results, errors, closed = [], [], []
    submitter = threading.Thread(target=run, args=(
        lambda: response_submit(credential=credential_for(token), pages=pages).stored, results, errors))
    submitter.start()
    assert spending.wait(10)
    closer = threading.Thread(target=run, args=(lambda: wave_close(actor=None, wave=wave, compute=False), closed, errors))
    closer.start()
    time.sleep(0.5)
    assert closer.is_alive()  # the close waits for the submission under way
    release.set()
    submitter.join(30)
    closer.join(30)
    assert errors == [] and results == [True] and len(closed) == 1
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED and Response.objects.filter(wave=wave).count() == 1
    monkeypatch.setattr(services, "_spend", real_spend)
    with pytest.raises(SurveyError):
        response_submit(credential=credential_for(other), pages=pages)
    assert Response.objects.filter(wave=wave).count() == 1
