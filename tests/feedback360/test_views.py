"""The 360 pages end to end through the test client: nominate → approve → rate (save and resume) →
close → report, the scope of every page, and the refusals shown as form errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.audit.models import AuditEvent
from berakhlak.feedback360 import keys, services
from berakhlak.feedback360.models import (
    Assignment,
    AssignmentStatus,
    Cycle,
    CycleStatus,
    Draft,
    Participant,
    Sheet,
    Spent,
)
from berakhlak.lib.anonymity import unseal
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
    # someone of Biro C not yet on the list (which of them were proposed depends on the cycle's seed)
    listed = set(Assignment.objects.filter(cycle=cycle, ratee=a1).values_list("rater_id", flat=True))
    name, newcomer = next((f"Staf C{i}", p[f"c{i}"]) for i in (1, 2, 3) if p[f"c{i}"].pk not in listed)
    found = c.get(reverse("feedback360:list", args=[cycle.pk, a1.pk]), {"q": "Staf C"})
    assert name in found.content.decode()
    c.post(reverse("feedback360:list_action", args=[cycle.pk, a1.pk, "tambah"]), {"rater": newcomer.pk})
    added = Assignment.objects.get(cycle=cycle, ratee=a1, rater=newcomer)
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
    key = keys.form_key(cycle.pk, form.pk)
    url = reverse("feedback360:form", args=[key])
    assert key in c.get(reverse("feedback360:home")).content.decode()  # the inbox links to it
    page = c.get(url)
    assert page.status_code == 200 and "Berorientasi Pelayanan" in page.content.decode()
    r = c.post(f"{url}?nilai=BP", {"BP1": "4", "BP2": "5", "BP3": "na", "comment": "Cepat tanggap.", "go": "next"})
    assert r.status_code == 302 and r["Location"].endswith("?nilai=AK")
    draft = Draft.objects.get(key=keys.draft_key(cycle.pk, form.pk))
    assert "Cepat" not in draft.blob and "BP1" not in draft.blob  # sealed: no readable answer or comment
    answers, na, comments = services.draft_answers(unseal(key, draft.blob))
    assert (answers["BP1"], answers["BP2"], answers["BP3"], na) == (4, 5, None, {"BP3"})
    assert comments == {"BP": "Cepat tanggap."}
    resumed = c.get(f"{url}?nilai=BP").content.decode()
    assert 'value="4" checked' in resumed and "Cepat tanggap." in resumed
    review = c.get(f"{url}?nilai=kirim").content.decode()
    assert "AK1" in review and "disabled" in review
    for value in VALUE_CODES[1:]:
        c.post(f"{url}?nilai={value}", {f"{value}{i}": "4" for i in (1, 2, 3)} | {"go": "next"})
    r = c.post(reverse("feedback360:form_submit", args=[key]))
    assert r.status_code == 302
    form.refresh_from_db()
    # the superior's rating is named by design: their assignment is marked
    assert form.status == AssignmentStatus.SUBMITTED and not Draft.objects.filter(cycle=cycle).exists()
    sheet = Sheet.objects.get(cycle=cycle, ratee=a1, relationship="SUPERIOR")
    assert (sheet.bp1, sheet.bp2, sheet.bp3, sheet.ak1) == (4, 5, None, 4)
    # a second submission says "already sent" and writes nothing
    spent = Spent.objects.count()
    r = c.post(reverse("feedback360:form_submit", args=[key]), follow=True)
    assert r.status_code == 200 and "sudah dikirim" in r.content.decode()
    assert Sheet.objects.filter(cycle=cycle, ratee=a1).count() == 1 and Spent.objects.count() == spent
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
    url = reverse("feedback360:form_decline", args=[keys.form_key(cycle.pk, a.pk)])
    r = c.post(url, {"reason": ""})
    assert r.status_code == 422
    c.post(url, {"reason": "Jarang bekerja bersama"})
    a.refresh_from_db()
    assert a.status == AssignmentStatus.DECLINED
    # declined is final: the form cannot be sent afterwards, even through the service
    with pytest.raises(services.AlreadySent):
        services.form_submit(actor=a.rater.user, assignment=a)
    page = _client(client, p["kabiro_a"].user).get(reverse("feedback360:list", args=[cycle.pk, p["a1"].pk]))
    assert "Jarang bekerja bersama" in page.content.decode()
    # the superior's own form cannot be declined
    sup = Assignment.objects.get(cycle=cycle, ratee=p["a1"], relationship="SUPERIOR")
    r = _client(client, p["kabiro_a"].user).post(
        reverse("feedback360:form_decline", args=[keys.form_key(cycle.pk, sup.pk)]), {"reason": "x"})
    assert r.status_code == 422


SEES_REPORT = {"a1": True, "kabiro_a": True, "kepala": True, "sdm": True,
               "a2": False, "kabiro_b": False, "lain": False, "sdm_lain": False}


def test_a_report_is_seen_by_the_employee_superior_heads_above_and_hr_only(client, org360, cycle):
    from berakhlak.accounts.models import User

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


def test_forms_are_only_their_raters_and_their_url_names_no_assignment(client, org360, cycle):
    p = org360["people"]
    approve_all(cycle, org360)
    a = Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").select_related("rater").first()
    key = keys.form_key(cycle.pk, a.pk)
    other = p["b1"] if a.rater_id != p["b1"].pk else p["b2"]
    for user in (other.user, org360["hr"], p["a1"].user, p["kabiro_a"].user):
        for name in ("feedback360:form", "feedback360:form_submit", "feedback360:form_decline"):
            r = _client(client, user).post(reverse(name, args=[key])) if name != "feedback360:form" else \
                _client(client, user).get(reverse(name, args=[key]))
            assert r.status_code == 404, (user, name)
    # the rater's own: by the key only, never by the assignment id, nor by a key altered by one character
    c = _client(client, a.rater.user)
    assert c.get(reverse("feedback360:form", args=[key])).status_code == 200
    assert c.get(f"/360/formulir/{a.pk}/").status_code == 404
    assert c.get(reverse("feedback360:form", args=[key[:-1] + ("A" if key[-1] != "A" else "B")])).status_code == 404
    assert str(a.pk) not in reverse("feedback360:form", args=[key]).replace(key, "")
    assert not Sheet.objects.exists() and not Spent.objects.exists()


def test_no_page_but_the_raters_inbox_shows_a_form_key(client, org360, cycle):
    """HR, the rated employee and their superior see lists, trackers and results: never a form's key."""
    p = org360["people"]
    approve_all(cycle, org360)
    every_key = [keys.form_key(cycle.pk, pk) for pk in Assignment.objects.filter(cycle=cycle).values_list("pk", flat=True)]
    a1 = p["a1"]
    pages = {
        org360["hr"]: [reverse("feedback360:cycle", args=[cycle.pk]), reverse("feedback360:home"),
                       reverse("feedback360:list", args=[cycle.pk, a1.pk])],
        p["kabiro_a"].user: [reverse("feedback360:list", args=[cycle.pk, a1.pk])],
        a1.user: [reverse("feedback360:list", args=[cycle.pk, a1.pk])],
    }
    for user, urls in pages.items():
        for url in urls:
            html = _client(client, user).get(url).content.decode()
            assert not any(k in html for k in every_key), (user, url)
    # the rater's inbox shows exactly their own forms' keys
    home = _client(client, a1.user).get(reverse("feedback360:home")).content.decode()
    own = {keys.form_key(cycle.pk, pk) for pk in Assignment.objects.filter(cycle=cycle, rater=a1).values_list("pk", flat=True)}
    assert {k for k in every_key if k in home} == own


def test_heatmap_suppresses_small_units_and_follows_scope(client, org360, cycle):

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


def _home_en(client, user):
    client.force_login(user)
    r = client.get(reverse("feedback360:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200
    return r.content.decode()


def test_home_pages_in_english(client, org360, cycle):
    """Each role reads its own 360 home page in English, and none of the Indonesian it replaces."""
    p = org360["people"]
    # a member of staff before approval: their own list of raters to check and submit
    staff = _home_en(client, p["a1"].user)
    for text in ("360-degree assessment", "Forms for me to fill in", "My list of raters",
                 "Check and submit the list of raters"):
        assert text in staff, text
    for text in ("Penilaian 360 derajat", "Formulir yang perlu saya isi", "Daftar penilai saya",
                 "Periksa dan ajukan daftar penilai", "Siklus penilaian (SDM)"):
        assert text not in staff, text
    # the head of Biro A, once a1 has submitted: a list awaiting their approval, and the team results
    services.nomination_submit(actor=p["a1"].user, participant=Participant.objects.get(cycle=cycle, employee=p["a1"]))
    head = _home_en(client, p["kabiro_a"].user)
    for text in ("Lists of raters awaiting my approval", "Team and unit results", p["a1"].name):
        assert text in head, text
    for text in ("Daftar penilai menunggu persetujuan saya", "Hasil tim dan unit"):
        assert text not in head, text
    # HR: the cycles table and the new-cycle form
    hr = _home_en(client, org360["hr"])
    for text in ("Assessment cycles (HR)", "New cycle", "Create cycle", cycle.name):
        assert text in hr, text
    for text in ("Siklus penilaian (SDM)", "Siklus baru", "Buat siklus"):
        assert text not in hr, text
    # staff once the lists are approved: their forms to fill in, the self-assessment first among them
    approve_all(cycle, org360)
    staff = _home_en(client, p["a1"].user)
    for text in ("Self-assessment", "Not completed"):
        assert text in staff, text
    for text in ("Penilaian diri sendiri", "Belum diisi", "Tidak ada formulir untuk diisi.", "No forms to fill in."):
        assert text not in staff, text


def test_the_hr_tracker_counts_and_reminds_only_who_has_forms_to_send(client, org360, cycle, mailoutbox):
    from collections import Counter

    approve_all(cycle, org360)
    p = org360["people"]
    # Staf C1 sends every form they have: they must not be reminded (nor anyone by name to HR)
    done_rater = p["c1"]
    for a in Assignment.objects.filter(cycle=cycle, rater=done_rater, status="OPEN").select_related("ratee"):
        answer(cycle, done_rater, a.ratee, 4)
    one = Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").exclude(
        rater=done_rater).select_related("rater").first()
    answer(cycle, one.rater, p["a1"], 4)
    sent = Assignment.objects.filter(cycle=cycle, rater=done_rater).count() + 1
    c = _client(client, org360["hr"])
    html = c.get(reverse("feedback360:cycle", args=[cycle.pk])).content.decode()
    forms = Assignment.objects.filter(cycle=cycle, status__in=["OPEN", "SUBMITTED"]).count()
    assert f'id="sent-count">{sent}<' in html and f'id="forms-count">{forms}<' in html
    # counts only: no rater of the agency is named on HR's cycle page
    staff = [e for k, e in p.items() if k[0] in "abc" and k[1:].isdigit()]
    assert not any(e.name in html or e.nip in html for e in staff)
    r = c.post(reverse("feedback360:cycle_action", args=[cycle.pk, "ingatkan"]), follow=True)
    # computed with the secret: whoever still has a form not sent, and only they
    todo = Counter(a.rater.email for a in Assignment.objects.filter(cycle=cycle, status="OPEN").select_related("rater")
                   if not Spent.objects.filter(key=keys.spent_key(cycle.pk, a.pk)).exists())
    assert {m.to[0] for m in mailoutbox} == set(todo) and done_rater.email not in todo
    assert len(mailoutbox) == len(todo)
    for m in mailoutbox:
        assert f"masih memiliki {todo[m.to[0]]} formulir" in m.body
    # HR learns how many messages went, never to whom
    page = r.content.decode()
    assert f"Pengingat dikirim ke {len(todo)} penilai" in page
    assert not any(e.name in page or e.email in page for e in staff)
    event = AuditEvent.objects.get(action="cycle360.remind")
    assert event.after == {"sent": len(todo)}
    # a reminder says how many forms, never whom they are about
    assert all(p["a1"].name not in m.body for m in mailoutbox if m.to[0] != p["a1"].email)


def test_min_raters_below_three_is_refused_on_the_page_by_the_service_and_by_the_database(client, org360):
    from django.db import IntegrityError, transaction

    c = _client(client, org360["hr"])
    c.post(reverse("feedback360:cycle_new"), {"agency": org360["agency"].pk, "code": "360-Z", "name": "Uji",
                                              "year": 2025, "deadline": "2025-11-30"})
    cycle = Cycle.objects.get(code="360-Z")
    data = {f: getattr(cycle, f) for f in ("quota_peer", "quota_cross", "quota_subordinate", "weight_superior",
                                           "weight_peer", "weight_cross", "weight_subordinate", "min_raters",
                                           "min_group", "max_forms", "suggest_above", "suggest_floor",
                                           "suggest_below")}
    r = c.post(reverse("feedback360:cycle", args=[cycle.pk]), {**data, "deadline": "2025-11-30", "min_raters": 2})
    assert r.status_code == 422 and "min_raters" in r.context["form"].errors
    with pytest.raises(services.Feedback360Error, match="3"):
        services.cycle_update(actor=org360["hr"], cycle=cycle, min_raters=2)
    with pytest.raises(services.Feedback360Error):
        services.cycle_create(actor=org360["hr"], agency=org360["agency"], code="360-W", name="W", year=2025,
                              deadline=cycle.deadline, min_raters=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.filter(pk=cycle.pk).update(min_raters=2)
    cycle.refresh_from_db()
    assert cycle.min_raters == 3


def test_the_nominee_search_shows_names_and_units_never_nips_except_to_hr(client, org360, cycle):
    p = org360["people"]
    a1, c1 = p["a1"], p["c1"]
    url = reverse("feedback360:list", args=[cycle.pk, a1.pk])
    html = _client(client, a1.user).get(url, {"q": "Staf C"}).content.decode()
    assert "Staf C1" in html and "Biro C" in html
    assert not any(e.nip in html for e in p.values())  # neither the found nor the listed
    # nor can a NIP (or a birth date, its first 8 digits) be searched for
    for user in (a1.user, p["kabiro_a"].user):
        for q in (c1.nip, c1.nip[:8]):
            r = _client(client, user).get(url, {"q": q})
            assert r.context["found"] == [] and "Tidak ditemukan." in r.content.decode()
    # HR sees and searches NIPs
    r = _client(client, org360["hr"]).get(url, {"q": c1.nip})
    assert r.context["found"] == [c1] and f"{c1.nip} · Biro C" in r.content.decode()


def test_a_nul_in_a_comment_or_reason_is_a_form_error_and_a_lone_surrogate_refused_and_nothing_written(
        client, org360, cycle):
    text = "Baik\x00sekali"
    p = org360["people"]
    approve_all(cycle, org360)
    a = Assignment.objects.filter(cycle=cycle, ratee=p["a1"], relationship="PEER").select_related("rater").first()
    c = _client(client, a.rater.user)
    key = keys.form_key(cycle.pk, a.pk)
    # through the web the bad-input guard refuses the request first (400, naming the field); the
    # services refuse it too, as the form error a caller without the guard would get
    r = c.post(f"{reverse('feedback360:form', args=[key])}?nilai=BP", {"BP1": "4", "comment": text, "go": "next"})
    assert r.status_code == 400 and "comment" in r.content.decode()
    r = c.post(reverse("feedback360:form_decline", args=[key]), {"reason": text})
    assert r.status_code == 400
    with pytest.raises(services.Feedback360Error, match="tidak dapat disimpan"):
        services.form_save(actor=a.rater.user, assignment=a, answers={"BP1": 4}, comments={"BP": text})
    # a lone surrogate cannot come as UTF-8 over HTTP (it arrives replaced), but can through the services
    with pytest.raises(services.Feedback360Error, match="tidak dapat disimpan"):
        services.form_save(actor=a.rater.user, assignment=a, answers={"BP1": 4}, comments={"BP": "x \ud800"})
    with pytest.raises(services.Feedback360Error, match="tidak dapat disimpan"):
        services.form_decline(actor=a.rater.user, assignment=a, reason="x \ud800")
    a.refresh_from_db()
    assert a.status == "OPEN" and not Draft.objects.exists() and not Spent.objects.exists()
