"""No page, export, command output, audit row or log line lets the rated employee or their superior
join a peer or subordinate to their answers (issue #5, item 7).

Two situations for Staf A1: three peers answer (a group large enough to be shown, never by name), and
only two peers answer (too few: hidden, so that nothing — not even the superior subtracting their own
answers — isolates them)."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess

import pytest
from django.urls import reverse

from berakhlak.audit.models import AuditEvent
from berakhlak.feedback360 import keys, services
from berakhlak.feedback360.models import Assignment, AssignmentStatus, Draft, Sheet, SheetComment, Spent
from tests.commands import run_command
from tests.feedback360.conftest import answer, approve_all, open_cycle


def _run(org, peers_answering: int, caplog):
    p = org["people"]
    a1 = p["a1"]
    cycle = open_cycle(org)
    approve_all(cycle, org)
    mine = Assignment.objects.filter(cycle=cycle, ratee=a1).select_related("rater")
    answer(cycle, p["kabiro_a"], a1, 4, comments={"BP": "Komentar atasan."})
    answer(cycle, a1, a1, 5)
    peers = [a.rater for a in mine.filter(relationship="PEER").order_by("rater__name")][:peers_answering]
    with caplog.at_level(logging.DEBUG):
        for i, peer in enumerate(peers):
            answer(cycle, peer, a1, 1 + i, comments={"HA": f"Komentar rekan {peer.nip[-4:]}"})
    services.cycle_close(actor=org["hr"], cycle=cycle)
    return cycle, a1, peers


def _pages(client, user, cycle, a1) -> dict[str, str]:
    client.force_login(user)
    out = {}
    # the home and team pages name colleagues as people to rate or as staff, never beside an answer;
    # the result pages must not name them at all
    for name, args in (("feedback360:report", [cycle.pk, a1.pk]),):
        r = client.get(reverse(name, args=args))
        out[name] = r.content.decode() if r.status_code == 200 else ""
    pdf = client.get(reverse("feedback360:report_pdf", args=[cycle.pk, a1.pk]))
    if pdf.status_code == 200 and shutil.which("pdftotext"):
        out["pdf"] = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True,
                                    check=True).stdout.decode()
    return out


def _identities(people) -> list[str]:
    return [s for e in people for s in (e.name, e.nip)]


def test_no_table_of_the_answering_path_has_a_column_that_names_or_dates_a_rater():
    fields = {f.name for f in Sheet._meta.get_fields()}
    assert fields >= {"id", "cycle", "ratee", "relationship"}
    assert not fields & {"rater", "assignment", "created_at", "submitted_at", "submitted_on", "updated_at"}
    assert Sheet._meta.pk.get_internal_type() == "UUIDField"  # random keys
    assert {f.name for f in SheetComment._meta.get_fields()} == {"id", "sheet", "value_code", "text"}
    # the draft and the spent record: a keyed hash, the cycle, and (the draft) one encrypted blob
    assert {f.name for f in Draft._meta.get_fields()} == {"key", "cycle", "blob"}
    assert {f.name for f in Spent._meta.get_fields()} == {"key", "cycle"}
    # the assignment no longer dates a submission
    assert "submitted_on" not in {f.name for f in Assignment._meta.get_fields()}


def test_three_peers_are_shown_as_a_group_never_by_name(client, org360, caplog):
    cycle, a1, peers = _run(org360, 3, caplog)
    superior = org360["people"]["kabiro_a"]
    for viewer in (a1, superior):
        for where, text in _pages(client, viewer.user, cycle, a1).items():
            for ident in _identities(peers):
                assert ident not in text, (viewer.name, where, ident)
        html = _pages(client, viewer.user, cycle, a1)["feedback360:report"]
        assert "Komentar rekan" in html  # the group's comments are shown, without names
    code, out, _ = run_command("360", "show", "--cycle", cycle.code, "--employee", a1.nip, "--format", "json",
                               "--agency", "KEMENX")
    doc = json.loads(out)
    assert code == 0 and doc["visible"] == ["SELF", "SUPERIOR", "PEER"]
    assert not any(ident in out for ident in _identities(peers))
    # the list shows whom the employee nominated, but not who has sent a form
    client.force_login(a1.user)
    listing = client.get(reverse("feedback360:list", args=[cycle.pk, a1.pk])).content.decode()
    for peer in peers:
        item = listing[listing.index(f'data-rater="{peer.pk}"'):]
        item = item[:item.index("</li>")]
        assert "Terkirim" not in item and "SUBMITTED" not in item
        assert peer.nip not in item  # names and units only: a NIP encodes a birth date and sex


def test_two_peers_are_hidden_everywhere_even_from_the_superior_subtracting_their_own(client, org360, caplog):
    cycle, a1, peers = _run(org360, 2, caplog)
    code, out, _ = run_command("360", "show", "--cycle", cycle.code, "--employee", a1.nip, "--format", "json",
                               "--agency", "KEMENX")
    doc = json.loads(out)
    assert doc["visible"] == ["SELF", "SUPERIOR"] and doc["hidden_raters"] == 2
    # the weighted score is the superior's own 4 alone; the distributions hold the superior's answers only
    assert doc["overall"]["score"] == 4.0
    assert all(b["distribution"] == [0, 0, 0, 1, 0] for b in doc["behaviours"].values())
    assert "HA" not in doc["comments"]  # the hidden peers' comments
    for viewer in (a1, org360["people"]["kabiro_a"]):
        for where, text in _pages(client, viewer.user, cycle, a1).items():
            assert "Komentar rekan" not in text, where
            for ident in _identities(peers):
                assert ident not in text, (where, ident)


def test_no_audit_row_or_log_line_joins_a_rater_to_answers(org360, caplog):
    cycle, a1, peers = _run(org360, 3, caplog)
    peer_ids = {str(p.pk) for p in peers}
    sheet_ids = {str(s) for s in Sheet.objects.filter(cycle=cycle).values_list("id", flat=True)}
    for event in AuditEvent.objects.all():
        blob = json.dumps([event.object_type, event.object_id, event.before, event.after], default=str)
        assert "sheet" not in event.object_type
        assert not any(s in blob for s in sheet_ids)
        if event.action.startswith("form360") or event.action.startswith("nomination360"):
            assert "answers" not in blob
    for record in caplog.records:
        message = record.getMessage()
        assert not any(s in message for s in sheet_ids)
        for peer in peers:
            assert peer.nip not in message and peer.name not in message
    assert peer_ids  # the run had peers to look for


def test_a_sent_form_leaves_no_draft_and_closing_forgets_who_sent(org360, caplog):
    p = org360["people"]
    cycle = open_cycle(org360)
    approve_all(cycle, org360)
    forms = list(Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").select_related("rater"))
    services.form_save(actor=forms[1].rater.user, assignment=forms[1], answers={"BP1": 4})  # saved, never sent
    answer(cycle, forms[0].rater, p["a1"], 4)
    assert not Draft.objects.filter(key=keys.keys_of(forms[0]).draft).exists()
    assert Draft.objects.filter(key=keys.keys_of(forms[1]).draft).exists()
    assert Spent.objects.filter(key=keys.keys_of(forms[0]).spent).exists()
    # the anonymous assignment is untouched: still OPEN, and nothing in it changed
    forms[0].refresh_from_db()
    assert forms[0].status == AssignmentStatus.OPEN
    services.cycle_close(actor=org360["hr"], cycle=cycle)
    assert not Draft.objects.filter(cycle=cycle).exists() and not Spent.objects.filter(cycle=cycle).exists()
    assert Sheet.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").count() == 1


def test_a_changed_secret_stops_saving_and_sending_rather_than_count_a_form_twice(org360, settings):
    """The spent key depends on the secret: after a change, a sent form would look unsent. The cycle
    remembers a check of the secret it opened with, and the answering path refuses instead."""
    p = org360["people"]
    cycle = open_cycle(org360)
    approve_all(cycle, org360)
    a = Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").select_related("rater").first()
    answer(cycle, a.rater, p["a1"], 4)
    settings.ANONYMITY_SECRET = "a-different-secret-after-a-careless-rotation"
    for call in (lambda: services.form_save(actor=a.rater.user, assignment=a, answers={"BP1": 3}),
                 lambda: services.form_submit(actor=a.rater.user, assignment=a)):
        with pytest.raises(services.Feedback360Error, match="Kunci rahasia server berubah"):
            call()
    assert Sheet.objects.filter(cycle=cycle).count() == 1 and Spent.objects.filter(cycle=cycle).count() == 1
