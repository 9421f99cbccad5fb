"""The database reader's attack on the culture survey, for real (DESIGN.md "Anonymity", ``docs/anonymity.md``).

Twenty-four people answer through the web in a shuffled order, some through their own signed-in home page,
each with an answer pattern that tells us (not the attacker) whose response is whose. Then we attack as a
reader of the database would: compare every row that names a person before and after (system columns
included), join the answers' transaction ids to those rows, and pair answers with people by every order a
reader could rank them in. Runs on SQLite and on PostgreSQL with real commits.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from django.test import Client

from berakhlak.accounts.models import User
from berakhlak.surveys.models import Comment, InstrumentKind, Response, WaveMember
from berakhlak.surveys.services import instrument_builtin, invitation_token, wave_create, wave_launch
from tests import anonymity_attack as attack
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migration_rows")]

N = 24
SIGNED_IN = 8  # of whom this many answer from their own home page, signed in


def pattern(i: int) -> list[int]:
    """Person i's answers to the 21 behaviours: i in base 5, so that every person's response differs."""
    digits, n = [], i
    for _ in range(21):
        digits.append(n % 5 + 1)
        n //= 5
    return digits


@pytest.fixture
def population():
    agency = AgencyFactory(code="RAHASIA", name="Badan Rahasia")
    root = UnitFactory(agency=agency, code="ROOT", name="Badan Rahasia")
    units = [UnitFactory(parent=root, code=f"BIRO-{k}", name=f"Biro {k}") for k in range(3)]
    people = [EmployeeFactory(unit=units[i % 3], email=f"p{i}@rahasia.go.id") for i in range(N)]
    users = {p.pk: UserFactory(employee=p) for p in people[:SIGNED_IN]}
    wave = wave_create(actor=None, agency=agency, code="2026", title="Survei 2026",
                       instrument=instrument_builtin(InstrumentKind.LIKERT, (1, 5)),
                       opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 12, 31))
    wave_launch(actor=None, wave=wave, send=False)
    return {"wave": wave, "people": people, "users": users}


def answer(client: Client, token: str, values: list[int], comment: str) -> None:
    codes = iter(values * 2)
    n = 1
    while True:
        html = client.get(f"/s/{token}/halaman/{n}/").content.decode()
        items = list(dict.fromkeys(re.findall(r'type="radio" name="([A-Z0-9]+)"', html)))
        data = {code: str(next(codes) if re.fullmatch(r"[A-Z]{2}\d", code) else 3) for code in items}
        if 'name="comment"' in html:
            data["comment"] = comment
        response = client.post(f"/s/{token}/halaman/{n}/", {**data, "next": "1"})
        assert response.status_code == 302, html[:300]
        if "/periksa/" in response["Location"]:
            break
        n += 1
    assert client.get(f"/s/{token}/periksa/").status_code == 200
    done = client.post(f"/s/{token}/kirim/")
    assert done.status_code == 302 and done["Location"] == "/s/selesai/"


def test_web_answers_link_nobody_for_a_database_reader(population):
    wave, people, users = population["wave"], population["people"], population["users"]
    members = {m.employee_id: m for m in WaveMember.objects.filter(wave=wave)}
    clients = {}
    for person in people:
        client = Client()
        if person.pk in users:
            client.force_login(users[person.pk])  # sessions exist before the attacker's first look
        clients[person.pk] = client
    tables = attack.person_tables()
    assert {"org_employee", "accounts_user", "django_session", "surveys_wavemember"} <= set(tables)
    before = attack.snapshot(tables)

    order = list(range(N))
    random.Random(2026).shuffle(order)
    for i in order:
        person = people[i]
        client = clients[person.pk]
        if person.pk in users:  # from the home page: the same personal link, reached signed in
            go = client.get(f"/survei/undangan/{members[person.pk].pk}/")
            assert go.status_code == 302
            token = go["Location"].split("/")[2]
        else:
            token = invitation_token(wave, members[person.pk].pk)
        answer(client, token, pattern(i), comment=f"komentar orang {i}")

    # 1. no row that names a person was inserted, updated, locked or deleted (sessions included)
    after = attack.snapshot(tables)
    assert attack.changed(before, after) == {}
    # 2. the transaction ids of the answers join no such row
    for table in ("surveys_response", "surveys_comment", "surveys_spent", "surveys_extraanswer"):
        assert attack.xmin_links(table, tables) == 0, table

    # 3. ranking answers and people by any order a reader can see pairs them no better than chance
    by_pattern = {tuple(pattern(i)): people[i].pk for i in range(N)}
    columns = [f"{c.lower()}" for c in ["BP1", "BP2", "BP3", "AK1", "AK2", "AK3", "KO1", "KO2", "KO3", "HA1", "HA2", "HA3", "LO1", "LO2", "LO3", "AD1", "AD2", "AD3", "KL1", "KL2", "KL3"]]
    rows = {r[0]: tuple(r[1:]) for r in Response.objects.filter(wave=wave).values_list("id", *columns)}
    assert len(rows) == N
    truth = {rid: by_pattern[values] for rid, values in rows.items()}
    answers_in_order = attack.physical_order("surveys_response")
    member_to_employee = {m.pk: e for e, m in members.items()}
    orderings = {f"member {k}": [member_to_employee[m] for m in v]
                 for k, v in attack.orderings("surveys_wavemember", "id").items()}
    orderings |= {f"employee {k}": v for k, v in attack.orderings("org_employee", "id").items()}
    user_to_employee = dict(User.objects.values_list("id", "employee_id"))
    orderings |= {f"user {k}": [user_to_employee[u] for u in v] for k, v in attack.orderings("accounts_user", "id").items()}
    for name, people_in_order in orderings.items():
        assert attack.rank_hits(answers_in_order, truth, people_in_order) <= attack.CHANCE_BOUND, name
    # the comments' id order is the answers' order: no better for the reader
    comment_author = {c.pk: people[int(c.text.rsplit(" ", 1)[1])].pk for c in Comment.objects.filter(wave=wave)}
    comments_in_order = sorted(comment_author)
    for name, people_in_order in orderings.items():
        assert attack.rank_hits(comments_in_order, comment_author, people_in_order) <= attack.CHANCE_BOUND, name


def test_the_reader_cannot_derive_a_link_or_a_key_without_the_secret(population, settings):
    """Everything the database holds about a wave — its salt, the members' ids — derives no personal link:
    the same derivation under any other secret gives other links and other keys."""
    from berakhlak.surveys.invitations import member_spent_key

    wave = population["wave"]
    member = WaveMember.objects.filter(wave=wave).first()
    token, key = invitation_token(wave, member.pk), member_spent_key(wave.pk, member.pk)
    client = Client()
    assert client.get(f"/s/{token}/").status_code == 200
    real = settings.SECRET_KEY
    settings.SECRET_KEY = "what a reader would guess"
    guessed, guessed_key = invitation_token(wave, member.pk), member_spent_key(wave.pk, member.pk)
    settings.SECRET_KEY = real
    assert guessed != token and guessed_key != key
    assert client.get(f"/s/{guessed}/").status_code == 404
