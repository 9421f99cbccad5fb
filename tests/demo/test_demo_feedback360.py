"""The demo's 360 cycles (``berakhlak.demo.feedback360``): 360-2023 closed with results that the demo logins
can look at, 360-2025 running with every state a login meets, and a second run that changes nothing.

The demo is loaded with ``demo_load()`` once for this module (in a transaction rolled back at the end), as
in ``test_demo_performance.py``, since every test here only reads it.
"""

from __future__ import annotations

import pytest

from berakhlak.accounts.models import User
from berakhlak.accounts.scope import scope_for
from berakhlak.analytics.feedback360 import OVERALL
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.audit.models import AuditEvent
from berakhlak.demo.feedback360 import CLOSED, RUNNING, demo_feedback360
from berakhlak.demo.services import demo_load
from berakhlak.feedback360 import keys, rules, selectors, services
from berakhlak.feedback360.models import (
    Assignment,
    AssignmentStatus,
    Cycle,
    CycleStatus,
    Draft,
    NominationState,
    Participant,
    Score,
    Sheet,
    SheetComment,
    Spent,
    UnitScore,
)
from berakhlak.org.models import Employee, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_loaded):
    logins, agency = demo_loaded["logins"], demo_loaded["agency"]
    return {"logins": logins, "by_role": {login.role: login.username for login in logins}, "agency": agency,
            "closed": Cycle.objects.get(agency=agency, code=CLOSED[0]),
            "running": Cycle.objects.get(agency=agency, code=RUNNING[0])}


def _employee(demo, role: str) -> Employee:
    return User.objects.select_related("employee").get(username=demo["by_role"][role]).employee


def _scope(demo, role: str):
    return scope_for(User.objects.get(username=demo["by_role"][role]))


def test_the_closed_cycle_has_results_for_most_participants(demo):
    cycle = demo["closed"]
    assert cycle.status == CycleStatus.CLOSED and cycle.computed_at and cycle.year == 2023
    participants = Participant.objects.filter(cycle=cycle).count()
    assert participants == Employee.objects.filter(agency=demo["agency"], is_active=True).count()
    assert Score.objects.filter(cycle=cycle, grp=rules.ALL, code=OVERALL).count() >= 0.95 * participants
    forms = Assignment.objects.filter(cycle=cycle)
    assert not forms.filter(status=AssignmentStatus.NOMINATED).exists()
    sent = Sheet.objects.filter(cycle=cycle).count()
    assert 0.88 <= sent / forms.count() <= 0.95
    # as the services leave it: only the named relationships are marked, closing forgot who sent
    assert set(forms.filter(status=AssignmentStatus.SUBMITTED).values_list("relationship", flat=True)) == set(rules.NAMED)
    assert forms.filter(status=AssignmentStatus.SUBMITTED).count() == Sheet.objects.filter(
        cycle=cycle, relationship__in=rules.NAMED).count()
    assert not Spent.objects.filter(cycle=cycle).exists() and not Draft.objects.filter(cycle=cycle).exists()
    declined = forms.filter(status=AssignmentStatus.DECLINED)
    assert 10 <= declined.count() <= 200
    assert set(declined.values_list("relationship", flat=True)) <= set(rules.ANONYMOUS)
    assert forms.filter(status=AssignmentStatus.OPEN).exists()  # some never answered
    comments = SheetComment.objects.filter(sheet__cycle=cycle)
    assert comments.count() > 1000 and comments.values("text").distinct().count() >= 25
    # "tidak dapat menilai" now and then, never a whole sheet
    sheets = Sheet.objects.filter(cycle=cycle)
    assert 0 < sheets.filter(ad1__isnull=True).count() < 0.1 * sheets.count()
    assert not sheets.filter(**{f"{c.lower()}__isnull": True for c in BEHAVIOUR_CODES}).exists()


def test_the_demo_employee_sees_their_peers_and_the_head_the_sub_units(demo):
    cycle = demo["closed"]
    pegawai = _employee(demo, "Pegawai")
    mine = {(s.grp, s.code): s for s in Score.objects.filter(cycle=cycle, employee=pegawai)}
    assert {rules.SELF, rules.SUPERIOR, rules.PEER, rules.ALL} <= {grp for grp, _code in mine}
    assert mine[(rules.PEER, OVERALL)].raters >= cycle.min_raters
    assert all((rules.PEER, v) in mine for v in VALUE_CODES)
    # as the demo employee sees it: their report, and the evidence offered beside their SKP 2023
    report = selectors.report(scope=_scope(demo, "Pegawai"), cycle=cycle, employee_id=pegawai.pk)
    assert report.computed and rules.PEER in report.shown_groups and rules.SUPERIOR in report.shown_groups
    assert report.overall.score is not None and report.overall.self_score is not None and report.suggestion
    evidence = selectors.skp_evidence(employee_id=pegawai.pk, agency_id=demo["agency"].pk, year=2023)
    assert evidence.cycle == cycle and evidence.overall == report.overall.score

    head = _employee(demo, "Kepala unit")
    unit = Unit.objects.filter(head=head).order_by("depth").first()
    subs = Unit.objects.filter(parent=unit)
    assert subs.exists()
    shown = UnitScore.objects.filter(cycle=cycle, unit__in=subs, code=OVERALL)
    assert shown.count() == subs.count()
    assert all(not u.suppressed and u.mean is not None and u.employees >= cycle.min_group for u in shown)
    # as the head sees it: the heatmap of their unit, every sub-unit with numbers
    scope = _scope(demo, "Kepala unit")
    assert list(selectors.led_units(scope=scope, cycle=cycle)) == [unit]
    rows = selectors.heatmap(scope=scope, cycle=cycle, unit=unit)
    assert len(rows) == 1 + subs.count()
    assert all(not r.suppressed and r.cells["AD"] is not None for r in rows)


def test_adaptif_is_the_weakest_value_at_the_root(demo):
    cycle = demo["closed"]
    root = Unit.objects.get(agency=demo["agency"], parent__isnull=True)
    scores = {u.code: u for u in UnitScore.objects.filter(cycle=cycle, unit=root)}
    means = {v: scores[v].mean for v in VALUE_CODES}
    assert min(means, key=means.get) == "AD"
    assert 3.6 <= scores[OVERALL].mean <= 3.9
    assert 0.2 <= scores[OVERALL].self_mean - scores[OVERALL].mean <= 0.7  # self-ratings are higher
    assert not UnitScore.objects.filter(cycle=cycle, suppressed=False, mean__isnull=True).exists()


def test_the_running_cycle_waits_for_the_demo_logins(demo):
    cycle = demo["running"]
    assert cycle.status == CycleStatus.OPEN and cycle.year == 2025 and not cycle.scores.exists()
    pegawai = _employee(demo, "Pegawai")
    assert Participant.objects.get(cycle=cycle, employee=pegawai).nomination == NominationState.DRAFT
    own = Assignment.objects.filter(cycle=cycle, ratee=pegawai).exclude(relationship=rules.SELF)
    assert own.exists() and not own.exclude(status=AssignmentStatus.NOMINATED).exists()
    to_fill = Assignment.objects.filter(cycle=cycle, rater=pegawai, status=AssignmentStatus.OPEN).exclude(
        relationship=rules.SELF)
    assert to_fill.count() >= 2
    drafts = Draft.objects.filter(key__in=[keys.draft_key(cycle.pk, a.pk) for a in to_fill])
    assert drafts.count() == 1 == Draft.objects.filter(cycle=cycle).count()
    inbox = [a for a in selectors.inbox(scope=_scope(demo, "Pegawai"), cycle=cycle) if a.relationship != rules.SELF]
    assert sum(a.state == "OPEN" for a in inbox) >= 2
    saved = [selectors.draft_of(a) for a in inbox if a.has_draft]
    assert len(saved) == 1
    answers, _na, _comments = services.draft_answers(saved[0])
    assert answers["BP1"] is not None and answers["KL3"] is None  # half-way

    head = _employee(demo, "Kepala unit")
    waiting = Participant.objects.filter(cycle=cycle, superior=head, nomination=NominationState.SUBMITTED)
    assert waiting.count() >= 1
    lists = selectors.to_approve(scope=_scope(demo, "Kepala unit"), cycle=cycle)
    assert {p.pk for p in lists if p.nomination == NominationState.SUBMITTED} == set(
        waiting.values_list("pk", flat=True))
    assert set(Participant.objects.filter(cycle=cycle).exclude(employee=pegawai).exclude(pk__in=waiting)
               .values_list("nomination", flat=True)) == {NominationState.APPROVED}

    others = Assignment.objects.filter(cycle=cycle).exclude(rater=pegawai).exclude(status=AssignmentStatus.NOMINATED)
    sent = Sheet.objects.filter(cycle=cycle).count()
    assert 0.35 <= sent / others.count() <= 0.45
    # every form sent or declined is spent (under its keyed hash); anonymous assignments stay OPEN
    declined = others.filter(status=AssignmentStatus.DECLINED)
    assert Spent.objects.filter(cycle=cycle).count() == sent + declined.count()
    spent = set(Spent.objects.filter(cycle=cycle).values_list("key", flat=True))
    assert sum(keys.spent_key(cycle.pk, pk) in spent for pk in others.values_list("pk", flat=True)) == sent + declined.count()
    assert set(others.filter(status=AssignmentStatus.SUBMITTED).values_list("relationship", flat=True)) <= set(rules.NAMED)
    progress = selectors.tracker(scope=_scope(demo, "SDM instansi"), cycle=cycle)
    assert progress.sent == sent and 30 <= progress.rate <= 50 and all(u["submitted"] for u in progress.units)


def test_a_second_run_changes_nothing(demo, django_assert_max_num_queries):
    models = (Cycle, Participant, Assignment, Draft, Spent, Sheet, SheetComment, Score, UnitScore, AuditEvent, User)
    before = {m.__name__: m.objects.count() for m in models}
    with django_assert_max_num_queries(1):
        assert demo_feedback360(demo["agency"], demo["logins"]) is None
    demo_load()
    assert {m.__name__: m.objects.count() for m in models} == before
    events = AuditEvent.objects.filter(action="demo.feedback360")
    assert events.count() == 2
    assert events.get(object_id=str(demo["closed"].pk)).after["sheets"] == Sheet.objects.filter(
        cycle=demo["closed"]).count()
