"""The upgrade of a database with a running 360 cycle (migrations 0002–0004, issue 11): afterwards a
database reader learns nothing new, and the raters lose nothing. Sent anonymous forms get their spent
record and go back to ``OPEN``; the named ones stay ``SUBMITTED``; a saved draft is re-keyed and sealed;
``submitted_on`` and the old draft table are gone; a cycle with ``min_raters`` 2 gets 3 and, if closed,
loses the results computed with pairs."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from berakhlak.feedback360 import keys
from berakhlak.lib.anonymity import unseal
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)

OLD = [("feedback360", "0001_cycles_assignments_sheets_scores")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _leaf():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "feedback360"]


def test_the_upgrade_spends_sent_forms_reopens_anonymous_ones_and_rekeys_drafts(transactional_db):
    import importlib

    from django.apps import apps as live_apps

    from berakhlak.framework.models import FrameworkVersion

    if not FrameworkVersion.objects.exists():
        importlib.import_module("berakhlak.framework.migrations.0002_load_berakhlak_2021_and_2023").load(live_apps, None)
    version = FrameworkVersion.objects.get(is_default=True)
    agency = AgencyFactory(code="LAMA", framework_version=version)
    unit = UnitFactory(agency=agency, code="ROOT")
    boss, peer, other, me = (EmployeeFactory(unit=unit) for _ in range(4))
    try:
        old = _migrate(OLD)
        Cycle, Assignment = old.get_model("feedback360", "Cycle"), old.get_model("feedback360", "Assignment")
        Draft, Score = old.get_model("feedback360", "Draft"), old.get_model("feedback360", "Score")
        running = Cycle.objects.create(agency_id=agency.pk, code="360-R", name="R", year=2025, deadline=date(2025, 12, 1),
                                       framework_version_id=version.pk, status="OPEN", min_raters=3)
        closed = Cycle.objects.create(agency_id=agency.pk, code="360-C", name="C", year=2024, deadline=date(2024, 12, 1),
                                      framework_version_id=version.pk, status="CLOSED", min_raters=2,
                                      computed_at="2024-12-02T08:00:00Z")
        Score.objects.create(cycle=closed, employee_id=me.pk, grp="ALL", code="OVERALL", raters=2, n=2, mean=4.0)

        def assign(cycle, ratee, rater, rel, status, **kw):
            return Assignment.objects.create(cycle=cycle, ratee_id=ratee.pk, rater_id=rater.pk, relationship=rel,
                                             status=status, **kw)

        sent_peer = assign(running, me, peer, "PEER", "SUBMITTED", submitted_on=date(2025, 11, 20))
        sent_boss = assign(running, me, boss, "SUPERIOR", "SUBMITTED", submitted_on=date(2025, 11, 21))
        declined = assign(running, me, other, "CROSS", "DECLINED", decline_reason="Jarang bertemu")
        saved = assign(running, peer, other, "PEER", "OPEN")
        untouched = assign(running, other, peer, "PEER", "OPEN")
        old_closed = assign(closed, me, peer, "PEER", "SUBMITTED", submitted_on=date(2024, 11, 20))
        Draft.objects.create(assignment=saved, bp1=4, na_bp2=True, comment_bp="Teliti sekali.")
    finally:
        new = _migrate(_leaf())

    Assignment, Spent = new.get_model("feedback360", "Assignment"), new.get_model("feedback360", "Spent")
    Draft, Cycle = new.get_model("feedback360", "Draft"), new.get_model("feedback360", "Cycle")
    Score = new.get_model("feedback360", "Score")
    status = dict(Assignment.objects.values_list("pk", "status"))
    assert status[sent_peer.pk] == "OPEN" and status[old_closed.pk] == "OPEN"  # anonymous: no mark any more
    assert status[sent_boss.pk] == "SUBMITTED" and status[declined.pk] == "DECLINED"
    assert "submitted_on" not in {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "feedback360_assignment")}
    assert "feedback360_draft" not in connection.introspection.table_names()
    # exactly the forms sent or declined in the running cycle are spent, under their keyed hashes
    spent = set(Spent.objects.values_list("key", flat=True))
    assert spent == {keys.spent_key(running.pk, a.pk) for a in (sent_peer, sent_boss, declined)}
    assert keys.spent_key(running.pk, untouched.pk) not in spent
    # the draft, re-keyed and sealed with the form key: what was saved, and nothing readable
    (draft,) = Draft.objects.all()
    assert draft.key == keys.draft_key(running.pk, saved.pk) and "Teliti" not in draft.blob
    data = unseal(keys.form_key(running.pk, saved.pk), draft.blob)
    assert data == {"answers": {"BP1": 4}, "na": ["BP2"], "comments": {"BP": "Teliti sekali."}}
    # a pair is no longer an anonymity minimum: results computed with it are gone until recomputed
    assert dict(Cycle.objects.values_list("code", "min_raters")) == {"360-R": 3, "360-C": 3}
    assert Cycle.objects.get(pk=running.pk).key_check == keys.cycle_check(running.pk)
    assert Cycle.objects.get(pk=closed.pk).computed_at is None and not Score.objects.exists()
