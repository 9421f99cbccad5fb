"""The 360 pages end to end through the test client: nominate → approve → rate (save and resume) →
close → report, the scope of every page, and the refusals shown as form errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.feedback360.models import Assignment, AssignmentStatus, Cycle, CycleStatus, Draft, Participant, Sheet
from tests.feedback360.conftest import answer, approve_all, open_cycle


def _client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def cycle(org360):
    return open_cycle(org360)


def test_hr_creates_and_opens_a_cycle_from_the_pages(client, org360):
    c = _client(client, org360["hr"])
    r = c.post(reverse("feedback360:cycle_new"), {"agency": org360["agency"].pk, "code": "360-X", "name": "Uji",
                                                  "year": 2025, "deadline": "2025-11-30"})
    cycle = Cycle.objects.get(code="360-X")
    assert r.status_code == 302 and cycle.status == CycleStatus.DRAFT and cycle.items.count() == 21
    page = c.get(reverse("feedback360:cycle", args=[cycle.pk]))
    assert "Buka siklus" in page.content.decode()
    c.post(reverse("feedback360:cycle_action", args=[cycle.pk, "buka"]))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN
    assert Participant.objects.filter(cycle=cycle).count() == 16  # kepala, 3 heads, 5 + 4 + 3 staff
    # closing needs the confirmation box
    c.post(reverse("feedback360:cycle_action", args=[cycle.pk, "tutup"]))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN


def test_a_setting_out_of_range_is_a_form_error_and_changes_nothing(client, org360):
    c = _client(client, org360["hr"])
    c.post(reverse("feedback360:cycle_new"), {"agency": org360["agency"].pk, "code": "360-Y", "name": "Uji",
                                              "year": 2025, "deadline": "2025-11-30"})
    cycle = Cycle.objects.get(code="360-Y")
    data = {f: getattr(cycle, f) for f in ("quota_peer", "quota_cross", "quota_subordinate", "weight_superior",
                                           "weight_peer", "weight_cross", "weight_subordinate", "min_raters",
                                           "min_group", "max_forms", "suggest_above", "suggest_floor",
                                           "suggest_below")}
    data.update(deadline="2025-11-30", suggest_below="4.50", suggest_above="4.00")
    r = c.post(reverse("feedback360:cycle", args=[cycle.pk]), data)
    assert r.status_code == 422
    cycle.refresh_from_db()
    assert float(cycle.suggest_below) == 3.0


def test_nominate_approve_rate_with_save_and_resume_then_report(client, org360, cycle):
    p = org360["people"]
    a1, kabiro = p["a1"], p["kabiro_a"]
    # the employee sees the proposed list, removes a proposed cross-unit peer, adds another and submits
    c = _client(client, a1.user)
    page = c.get(reverse("feedback360:list", args=[cycle.pk, a1.pk]))
    assert page.status_code == 200 and "Ajukan ke atasan" in page.content.decode()
    cross = Assignment.objects.filter(cycle=cycle, ratee=a1, relationship="CROSS").first()
    c.post(reverse("feedback360:list_action", args=[cycle.pk, a1.pk, "hapus"]), {"assignment": cross.pk})
    assert not Assignment.objects.filter(pk=cross.pk).exists()
    found = c.get(reverse("feedback360:list", args=[cycle.pk, a1.pk]), {"q": "Staf C"})
    assert "Staf C1" in found.content.decode()
    c.post(reverse("feedback360:list_action", args=[cycle.pk, a1.pk, "tambah"]), {"rater": p["c1"].pk})
    added = Assignment.objects.get(cycle=cycle, ratee=a1, rater=p["c1"])
    assert added.relationship == "CROSS" and added.source == "NOMINATED"
    c.post(reverse("feedback360:list_action", args=[cycle.pk, a1.pk, "ajukan"]))
    assert Participant.objects.get(cycle=cycle, employee=a1).nomination == "SUBMITTED"
    # the employee can no longer edit
    r = c.post(reverse("feedback360:list_action", args=[cycle.pk, a1.pk, "tambah"]), {"rater": p["c2"].pk})
    assert r.status_code == 422 and "hanya atasan" in r.content.decode()
    # the superior sees it waiting, returns it once without a reason (refused), then approves
    c = _client(client, kabiro.user)
    assert "Staf A1" in c.get(reverse("feedback360:home")).content.decode()
    r = c.post(reverse("feedback360:list_action", args=[cycle.pk, a1.pk, "kembalikan"]), {"reason": ""})
    assert r.status_code == 422
    c.post(reverse("feedback360:list_action", args=[cycle.pk, a1.pk, "setujui"]))
    assert set(Assignment.objects.filter(cycle=cycle, ratee=a1).values_list("status", flat=True)) == {"OPEN"}
    # the superior rates: one value page saved, resumed later, then the rest, then submitted
    form = Assignment.objects.get(cycle=cycle, ratee=a1, rater=kabiro)
    url = reverse("feedback360:form", args=[form.pk])
    page = c.get(url)
    assert page.status_code == 200 and "Berorientasi Pelayanan" in page.content.decode()
    r = c.post(f"{url}?nilai=BP", {"BP1": "4", "BP2": "5", "BP3": "na", "comment": "Cepat tanggap.", "go": "next"})
    assert r.status_code == 302 and r["Location"].endswith("?nilai=AK")
    draft = Draft.objects.get(assignment=form)
    assert (draft.bp1, draft.bp2, draft.bp3, draft.na_bp3) == (4, 5, None, True)
    resumed = c.get(f"{url}?nilai=BP").content.decode()
    assert 'value="4" checked' in resumed and "Cepat tanggap." in resumed
    review = c.get(f"{url}?nilai=kirim").content.decode()
    assert "AK1" in review and "disabled" in review
    for value in VALUE_CODES[1:]:
        c.post(f"{url}?nilai={value}", {f"{value}{i}": "4" for i in (1, 2, 3)} | {"go": "next"})
    r = c.post(reverse("feedback360:form_submit", args=[form.pk]))
    assert r.status_code == 302
    form.refresh_from_db()
    assert form.status == AssignmentStatus.SUBMITTED and not Draft.objects.filter(assignment=form).exists()
    sheet = Sheet.objects.get(cycle=cycle, ratee=a1, relationship="SUPERIOR")
    assert (sheet.bp1, sheet.bp2, sheet.bp3, sheet.ak1) == (4, 5, None, 4)
    # a second submission is refused and writes nothing
    r = c.post(reverse("feedback360:form_submit", args=[form.pk]))
    assert r.status_code == 404 or r.status_code == 422
    assert Sheet.objects.filter(cycle=cycle, ratee=a1).count() == 1
    # the others answer; HR closes; the report shows
    for a in Assignment.objects.filter(cycle=cycle, ratee=a1, status="OPEN").select_related("rater"):
        answer(cycle, a.rater, a1, 5 if a.relationship == "SELF" else 3)
    hr = _client(client, org360["hr"])
    hr.post(reverse("feedback360:cycle_action", args=[cycle.pk, "tutup"]), {"confirm": "1"})
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED and cycle.computed_at
    c = _client(client, a1.user)
    page = c.get(reverse("feedback360:report", args=[cycle.pk, a1.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="overall"' in html and "<svg" in html


def test_a_rater_declines_with_a_reason_and_the_approver_sees_it(client, org360, cycle):
    p = org360["people"]
    approve_all(cycle, org360)
    a = Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").select_related("rater").first()
    c = _client(client, a.rater.user)
    r = c.post(reverse("feedback360:form_decline", args=[a.pk]), {"reason": ""})
    assert r.status_code == 422
    c.post(reverse("feedback360:form_decline", args=[a.pk]), {"reason": "Jarang bekerja bersama"})
    a.refresh_from_db()
    assert a.status == AssignmentStatus.DECLINED
    page = _client(client, p["kabiro_a"].user).get(reverse("feedback360:list", args=[cycle.pk, p["a1"].pk]))
    assert "Jarang bekerja bersama" in page.content.decode()
    # the superior's own form cannot be declined
    sup = Assignment.objects.get(cycle=cycle, ratee=p["a1"], relationship="SUPERIOR")
    r = _client(client, p["kabiro_a"].user).post(reverse("feedback360:form_decline", args=[sup.pk]),
                                                  {"reason": "x"})
    assert r.status_code == 422


SEES_REPORT = {"a1": True, "kabiro_a": True, "kepala": True, "sdm": True,
               "a2": False, "kabiro_b": False, "lain": False, "sdm_lain": False}


def test_a_report_is_seen_by_the_employee_superior_heads_above_and_hr_only(client, org360, cycle):
    from berakhlak.accounts.models import User
    from berakhlak.feedback360 import services

    p = org360["people"]
    approve_all(cycle, org360)
    for a in Assignment.objects.filter(cycle=cycle, ratee=p["a1"], status="OPEN").select_related("rater"):
        answer(cycle, a.rater, p["a1"], 4)
    services.cycle_close(actor=org360["hr"], cycle=cycle)
    for who, sees in SEES_REPORT.items():
        c = _client(client, User.objects.get(username=who))
        for name in ("feedback360:report", "feedback360:report_pdf"):
            r = c.get(reverse(name, args=[cycle.pk, p["a1"].pk]))
            assert (r.status_code == 200) == sees, (name, who, r.status_code)
        # the list of raters is the employee's and the approver's (superior, HR), not the heads' above
        r = c.get(reverse("feedback360:list", args=[cycle.pk, p["a1"].pk]))
        assert (r.status_code == 200) == (who in ("a1", "kabiro_a", "sdm")), (who, r.status_code)


def test_forms_are_only_their_raters(client, org360, cycle):
    p = org360["people"]
    approve_all(cycle, org360)
    a = Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").first()
    other = p["b1"] if a.rater_id != p["b1"].pk else p["b2"]
    assert _client(client, other.user).get(reverse("feedback360:form", args=[a.pk])).status_code == 404
    assert _client(client, org360["hr"]).get(reverse("feedback360:form", args=[a.pk])).status_code == 404


def test_heatmap_suppresses_small_units_and_follows_scope(client, org360, cycle):
    from berakhlak.feedback360 import services

    approve_all(cycle, org360)
    for a in Assignment.objects.filter(cycle=cycle, status="OPEN").select_related("rater", "ratee"):
        answer(cycle, a.rater, a.ratee, 4)
    services.cycle_close(actor=org360["hr"], cycle=cycle)
    units = org360["units"]
    page = _client(client, org360["hr"]).get(reverse("feedback360:heatmap", args=[cycle.pk, units["ROOT"].pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Biro A" in html and "Biro C" in html
    # BIRO-C has 4 people (head + 3), under min_group 5: its row shows "—" only
    row_c = html[html.index("Biro C"):html.index("</tr>", html.index("Biro C"))]
    assert "4,00" not in row_c and "—" in row_c
    head_b = org360["people"]["kabiro_b"].user
    assert _client(client, head_b).get(reverse("feedback360:heatmap", args=[cycle.pk, units["BIRO-A"].pk])).status_code == 404
    assert _client(client, head_b).get(reverse("feedback360:heatmap", args=[cycle.pk, units["BIRO-B"].pk])).status_code == 200
    assert _client(client, org360["other_hr"]).get(
        reverse("feedback360:heatmap", args=[cycle.pk, units["ROOT"].pk])).status_code == 404


def test_home_pages_in_english(client, org360, cycle):
    c = _client(client, org360["people"]["a1"].user)
    r = c.get(reverse("feedback360:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200


def test_the_hr_tracker_counts_and_reminds(client, org360, cycle, mailoutbox):
    approve_all(cycle, org360)
    p = org360["people"]
    a = Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").select_related("rater").first()
    answer(cycle, a.rater, p["a1"], 4)
    c = _client(client, org360["hr"])
    html = c.get(reverse("feedback360:cycle", args=[cycle.pk])).content.decode()
    assert 'id="sent-count">1<' in html
    c.post(reverse("feedback360:cycle_action", args=[cycle.pk, "ingatkan"]))
    open_raters = set(Assignment.objects.filter(cycle=cycle, status="OPEN").values_list("rater__email", flat=True))
    assert {m.to[0] for m in mailoutbox} == open_raters
    # a reminder says how many forms, never whom they are about
    assert all(p["a1"].name not in m.body for m in mailoutbox if m.to[0] != p["a1"].email)
