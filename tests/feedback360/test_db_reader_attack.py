"""The database reader's attack on the 360 answering path, for real (issue 11, section 2; DESIGN.md
"Anonymity"; ``docs/anonymity.md``).

24 raters, each signed in with a browser session of their own, fill in one peer or cross-unit form page by
page (saved on every step) and send it, through the web pages, in a shuffled order. Then the attacker, who
reads every row and system column of the database (but holds no secret), tries:

- to see a row that names a person change during the answering (rows' ``xmin``/``xmax``/``ctid`` and
  content on PostgreSQL, ``rowid`` and content on SQLite; the session table included);
- to join a sheet or a comment to a person row by transaction id (PostgreSQL's ``xmin``);
- to pair the sheets (physical order) and the comments (id order) by rank with every order of the
  assignments, employees, users, participants and sessions: no better than chance (``CHANCE_BOUND``).

And the answering still works: a second POST stores nothing, each rater's inbox says which of their forms
they sent, HR's tracker counts them.
"""

from __future__ import annotations

import random
import uuid
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.feedback360 import keys, services
from berakhlak.feedback360.models import (
    Assignment,
    AssignmentStatus,
    Draft,
    Participant,
    Sheet,
    SheetComment,
    Spent,
)
from berakhlak.org.models import Employee, PositionKind, Unit
from tests.anonymity_attack import (
    CHANCE_BOUND,
    changed,
    orderings,
    person_tables,
    physical_order,
    postgres,
    rank_hits,
    snapshot,
    xmin_links,
)
from tests.factories import AgencyFactory, UnitFactory
from tests.feedback360.conftest import _person

pytestmark = pytest.mark.django_db(transaction=True)

N = 24
SHEETS, COMMENTS = Sheet._meta.db_table, SheetComment._meta.db_table


@pytest.fixture
def framework(transactional_db):
    """Transactional tests flush every table, data-migration rows included: load the framework again."""
    import importlib

    from django.apps import apps

    from berakhlak.framework.models import FrameworkVersion

    if not FrameworkVersion.objects.exists():
        importlib.import_module("berakhlak.framework.migrations.0002_load_berakhlak_2021_and_2023").load(apps, None)
    return FrameworkVersion.objects.get(is_default=True)


@pytest.fixture
def agency360(framework):
    """A root with its head, two bureaus of 13 staff each under their heads, and HR; a running cycle whose
    lists are all approved."""
    from berakhlak.accounts.models import Role, RoleAssignment
    from tests.factories import UserFactory

    agency = AgencyFactory(code="SERANG", name="Badan Serang", framework_version=framework)
    root = UnitFactory(agency=agency, code="ROOT", name="Badan Serang")
    kepala = _person(root, "Kepala", PositionKind.JPT, "kepala")
    Unit.objects.filter(pk=root.pk).update(head=kepala)
    staff = []
    for letter in "AB":
        unit = UnitFactory(parent=root, code=f"BIRO-{letter}", name=f"Biro {letter}")
        head = _person(unit, f"Kabiro {letter}", PositionKind.ADMINISTRATOR, f"kabiro_{letter.lower()}", kepala)
        Unit.objects.filter(pk=unit.pk).update(head=head)
        staff += [_person(unit, f"Staf {letter}{i}", PositionKind.PELAKSANA, f"{letter.lower()}{i}", head)
                  for i in range(1, 14)]
    hr = UserFactory(username="sdm")
    RoleAssignment.objects.create(user=hr, role=Role.AGENCY_HR, agency=agency)
    cycle = services.cycle_create(actor=hr, agency=agency, code="360-SERANG", name="Penilaian 360 Serang",
                                  year=2025, deadline=date(2025, 11, 30))
    services.cycle_open(actor=hr, cycle=cycle)
    cycle.refresh_from_db()
    services.nominations_approve_pending(actor=hr, cycle=cycle)
    return {"agency": agency, "cycle": cycle, "staff": staff, "hr": hr}


def _fill_and_send(client: Client, key: str, rng: random.Random, comment: str) -> None:
    url = reverse("feedback360:form", args=[key])
    assert client.get(url).status_code == 200
    for value in VALUE_CODES:
        data = {f"{value}{i}": str(rng.randint(1, 5)) for i in (1, 2, 3)} | {"go": "next"}
        if value == "KO":
            data["comment"] = comment
        r = client.post(f"{url}?nilai={value}", data)
        assert r.status_code == 302, r.content.decode()[:500]


def _norm(value) -> str:
    return str(uuid.UUID(str(value)))


def test_a_database_reader_links_no_sent_form_to_its_rater(agency360):
    cycle, staff = agency360["cycle"], agency360["staff"]
    rng = random.Random(11_360)
    # one anonymous form per rater, N distinct raters
    forms = {}
    for rater in staff:
        a = (Assignment.objects.filter(cycle=cycle, rater=rater, status=AssignmentStatus.OPEN,
                                       relationship__in=("PEER", "CROSS")).order_by("id").first())
        if a is not None and len(forms) < N:
            forms[rater.pk] = a
    assert len(forms) == N
    # every rater signs in (the sessions and last_login are written now, before the "before" snapshot)
    clients = {}
    for rater_id in sorted(forms):
        clients[rater_id] = Client()
        clients[rater_id].force_login(get_user_model().objects.get(employee_id=rater_id))
    session_of = {c.session.session_key: rater_id for rater_id, c in clients.items()}
    key_of = {rater_id: keys.form_key(cycle.pk, a.pk) for rater_id, a in forms.items()}

    tables = person_tables(exclude=[SHEETS, COMMENTS])
    assert "django_session" in tables and Assignment._meta.db_table in tables
    before = snapshot(tables)

    # saving, in one shuffled order; sending, in another (each rater follows the redirect to their inbox)
    order = list(forms)
    rng.shuffle(order)
    for rater_id in order:
        _fill_and_send(clients[rater_id], key_of[rater_id], rng, f"Catatan rekan nomor {rater_id}.")
    assert Draft.objects.filter(cycle=cycle).count() == N
    rng.shuffle(order)
    sheet_author, comment_author, sheet_assignment = {}, {}, {}
    for rater_id in order:
        known = set(Sheet.objects.values_list("id", flat=True))
        r = clients[rater_id].post(reverse("feedback360:form_submit", args=[key_of[rater_id]]), follow=True)
        assert r.status_code == 200 and "Terima kasih" in r.content.decode()
        (new,) = set(Sheet.objects.values_list("id", flat=True)) - known
        sheet_author[_norm(new)] = rater_id
        sheet_assignment[_norm(new)] = forms[rater_id].pk
        (comment,) = SheetComment.objects.filter(sheet_id=new)
        comment_author[comment.pk] = rater_id

    after = snapshot(tables)
    # 1. no row that names a person was inserted, updated, locked or deleted: sessions included
    assert changed(before, after) == {}
    assert Sheet.objects.filter(cycle=cycle).count() == N and not Draft.objects.filter(cycle=cycle).exists()
    assert set(Assignment.objects.filter(pk__in=[a.pk for a in forms.values()]).values_list("status", flat=True)) \
        == {AssignmentStatus.OPEN}

    # 2. the xmin join finds nothing (PostgreSQL; on SQLite there is no transaction id to join)
    assert xmin_links(SHEETS, tables) == 0
    assert xmin_links(COMMENTS, tables) == 0
    if postgres():
        assert xmin_links(SHEETS, [Spent._meta.db_table]) == N  # the join itself works: sheet and spent key

    # 3. rank pairing: sheets in physical order, comments in id order, against every order of the people
    sheets = [_norm(s) for s in physical_order(SHEETS)]
    comments = list(SheetComment.objects.order_by("id").values_list("id", flat=True))
    assert sorted(sheets) == sorted(sheet_author) and len(comments) == N
    people_orders = {}
    for model, column in ((Assignment, "id"), (Employee, "id"), (get_user_model(), "employee_id"),
                          (Participant, "employee_id")):
        for how, ranked in orderings(model._meta.db_table, column).items():
            people_orders[(model.__name__, how)] = ranked
    people_orders[("session", "physical")] = [session_of.get(k) for k in physical_order("django_session", "session_key")]
    assert len(people_orders) >= 9
    for (table, how), ranked in people_orders.items():
        if table == "Assignment":
            hits = rank_hits(sheets, sheet_assignment, ranked)
        else:
            hits = rank_hits(sheets, sheet_author, ranked)
            assert rank_hits(comments, comment_author, ranked) <= CHANCE_BOUND, (table, how)
        assert hits <= CHANCE_BOUND, (table, how, hits)
    # the pairing would find an order that carries the link (the order of sending, which no row keeps)
    assert rank_hits(sheets, sheet_author, order) == N

    # 4. a second POST shows "already sent" and stores nothing
    rater_id = order[0]
    counts = (Sheet.objects.count(), SheetComment.objects.count(), Spent.objects.count())
    r = clients[rater_id].post(reverse("feedback360:form_submit", args=[key_of[rater_id]]), follow=True)
    assert r.status_code == 200 and "sudah dikirim" in r.content.decode()
    assert (Sheet.objects.count(), SheetComment.objects.count(), Spent.objects.count()) == counts

    # 5. the rater's inbox knows (with the secret); HR's tracker counts
    for rater_id, c in clients.items():
        html = c.get(reverse("feedback360:home")).content.decode()
        assert key_of[rater_id] not in html  # a sent form is no longer a link
        assert html.count('data-state="SENT"') == 1, rater_id
        open_forms = Assignment.objects.filter(cycle=cycle, rater_id=rater_id, status="OPEN").count() - 1
        assert html.count('data-state="OPEN"') == open_forms, rater_id
    hr = Client()
    hr.force_login(agency360["hr"])
    page = hr.get(reverse("feedback360:cycle", args=[cycle.pk])).content.decode()
    assert f'id="sent-count">{N}<' in page

    # 6. the control: the superior's rating is named by design and marks its assignment. The same attack
    # sees that one at once, so the silence above is the design's, not the attack's.
    boss_form = Assignment.objects.filter(cycle=cycle, relationship="SUPERIOR", status="OPEN").first()
    boss = Client()
    boss.force_login(get_user_model().objects.get(employee_id=boss_form.rater_id))
    before = snapshot(tables)
    boss_key = keys.form_key(cycle.pk, boss_form.pk)
    _fill_and_send(boss, boss_key, rng, "Catatan atasan.")
    assert boss.post(reverse("feedback360:form_submit", args=[boss_key])).status_code == 302
    assert Assignment._meta.db_table in changed(before, snapshot(tables))
    if postgres():
        assert xmin_links(SHEETS, tables) == 1


def test_two_sends_racing_past_the_check_store_once(agency360, monkeypatch):
    """Both requests read "not sent yet"; the spent record's unique key lets only the first through."""
    cycle = agency360["cycle"]
    a = Assignment.objects.filter(cycle=cycle, relationship="PEER", status="OPEN").select_related("rater").first()
    user = a.rater.user
    services.form_save(actor=user, assignment=a, answers=dict.fromkeys(
        [f"{v}{i}" for v in VALUE_CODES for i in (1, 2, 3)], 4), comments={"BP": "Baik."})
    sheet = services.form_submit(actor=user, assignment=a)
    # the second request passed its checks before the first committed: let it skip them
    monkeypatch.setattr(services, "_own_form", lambda actor, assignment: assignment)
    monkeypatch.setattr(services, "_sealed_draft", lambda k: {"answers": dict.fromkeys(
        [f"{v}{i}" for v in VALUE_CODES for i in (1, 2, 3)], 3), "na": [], "comments": {"AK": "Lagi."}})
    with pytest.raises(services.AlreadySent):
        services.form_submit(actor=user, assignment=a)
    assert list(Sheet.objects.values_list("id", flat=True)) == [sheet.pk]
    assert SheetComment.objects.count() == 1 and Spent.objects.count() == 1
