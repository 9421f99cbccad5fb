"""A wave end to end through the web: launch (frozen population, invitations by e-mail), answering
with save and resume, double submission, response rate with hidden small groups, close, index run,
dashboard; and the anonymity of what the database keeps."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection

from berakhlak.audit.models import AuditEvent
from berakhlak.surveys.models import (
    Ballot,
    BallotUnit,
    Comment,
    Draft,
    Response,
    Spent,
    UnitResult,
    WaveMember,
    WaveStatus,
)
from berakhlak.surveys.services import credential_for, draft_get, invitation_token, wave_close, wave_launch


def launch(wave, hr, capture):
    with capture(execute=True):
        return wave_launch(actor=hr, wave=wave)


def answer_all(client, token, value=4, comment=""):
    """Fill every page of the form like a person would; returns the final response."""
    pages = client.get(f"/s/{token}/?mulai=1")
    assert pages.status_code == 200
    n = 1
    while True:
        page = client.get(f"/s/{token}/halaman/{n}/")
        assert page.status_code == 200
        html = page.content.decode()
        codes = sorted(set(re.findall(r'type="radio" name="([A-Z0-9]+)"', html)))
        data = {code: str(value) for code in codes}
        if 'name="comment"' in html:
            data["comment"] = comment
        data["next"] = "1"
        response = client.post(f"/s/{token}/halaman/{n}/", data)
        assert response.status_code == 302, html[:400]
        if "/periksa/" in response["Location"]:
            break
        n += 1
    return client.post(f"/s/{token}/kirim/")


def test_launch_freezes_the_population_and_mails_everyone_with_an_address(org, hr, wave,
                                                                           django_capture_on_commit_callbacks):
    assert launch(wave, hr, django_capture_on_commit_callbacks) == 19
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    assert WaveMember.objects.filter(wave=wave).count() == 19
    assert len(mail.outbox) == 18  # one person in BIRO-B has no e-mail: a ballot slip instead
    body = mail.outbox[0].body
    assert "/s/" in body and "anonim" in body
    # a later move does not change the frozen unit
    moved = org["people"]["a"][0]
    moved.unit = org["b"]
    moved.save()
    assert WaveMember.objects.get(wave=wave, employee=moved).unit == org["a"]


def test_an_employee_answers_resumes_and_submits_once(client, org, hr, wave, django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    member = WaveMember.objects.get(wave=wave, employee=org["people"]["a"][0])
    token = invitation_token(wave, member.pk)
    # page 1 incomplete: a form error, nothing saved
    bad = client.post(f"/s/{token}/halaman/1/", {"BP1": "4", "next": "1"})
    assert bad.status_code == 422 and "Pilih salah satu jawaban" in bad.content.decode()
    # answer page 1 and leave
    assert client.post(f"/s/{token}/halaman/1/", {"BP1": "4", "BP2": "5", "BP3": "3", "later": "1"}).status_code == 200
    assert draft_get(credential_for(token))["answers"] == {"BP1": 4, "BP2": 5, "BP3": 3}
    # the draft is stored encrypted, keyed by a keyed hash: nothing in it names the member or shows an answer
    (stored,) = Draft.objects.filter(wave=wave)
    assert len(stored.key) == 64 and "BP1" not in stored.blob and token not in stored.blob
    draft_cols = {c.name for c in connection.introspection.get_table_description(connection.cursor(), "surveys_draft")}
    assert draft_cols == {"id", "wave_id", "key", "blob"}  # no member, no employee, no time
    # coming back with the same link resumes on page 2
    resume = client.get(f"/s/{token}/")
    assert resume.status_code == 302 and resume["Location"].endswith("/halaman/2/")
    # an answer off the scale is refused
    assert client.post(f"/s/{token}/halaman/2/", {"AK1": "9", "AK2": "1", "AK3": "1"}).status_code == 422
    done = answer_all(client, token, value=5, comment="Rapat terlalu banyak.")
    assert done.status_code == 302 and done["Location"] == "/s/selesai/"
    assert Response.objects.filter(wave=wave).count() == 1
    again = client.post(f"/s/{token}/kirim/")
    assert again.status_code == 302 and Response.objects.filter(wave=wave).count() == 1
    assert client.get(f"/s/{token}/halaman/1/")["Location"] == "/s/selesai/"
    response = Response.objects.get(wave=wave)
    assert response.unit_id == org["a"].pk and response.bp1 == 5 and response.ak1 == 5  # the last answer counts
    assert response.extra_answers.count() == 10  # 6 engagement + 4 branding items
    assert Comment.objects.get(wave=wave).text == "Rapat terlalu banyak."
    assert not Draft.objects.exists() and Spent.objects.filter(wave=wave).count() == 1


def test_a_forged_or_unknown_token_is_not_found(client, org, hr, wave, django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    member = WaveMember.objects.filter(wave=wave).first()
    token = invitation_token(wave, member.pk)
    forged = token[:-1] + ("B" if token.endswith("A") else "A")  # one character changed (never the same token)
    assert client.get(f"/s/{forged}/").status_code == 404
    assert client.get(f"/s/{member.pk + 1000}-{token.split('-', 1)[1]}/").status_code == 404
    assert client.get("/s/rubbish/").status_code == 404


def test_the_database_keeps_no_link_between_a_person_and_an_answer(client, org, hr, wave,
                                                                   django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    members = list(WaveMember.objects.filter(wave=wave).order_by("pk")[:3])
    for value, member in zip((2, 3, 5), members):
        answer_all(client, invitation_token(wave, member.pk), value=value, comment=f"komentar {value}")
    # the response table has no column that points at a person, a member or an invitation, and no time
    columns = {c.name: c for c in connection.introspection.get_table_description(connection.cursor(), "surveys_response")}
    assert not any(name in columns for name in ("employee_id", "user_id", "token", "created_at", "submitted_at"))
    assert set(Response.objects.filter(wave=wave).values_list("member_id", flat=True)) == {None}
    for field in Response._meta.get_fields():
        assert field.get_internal_type() != "DateTimeField" if hasattr(field, "get_internal_type") else True
    # the invitations know nothing of the answering: no flag, no draft, no date; what the answering path
    # wrote is keyed by keyed hashes that name no member
    member_cols = {c.name for c in connection.introspection.get_table_description(connection.cursor(), "surveys_wavemember")}
    assert not member_cols & {"answered", "draft", "reminded_on", "reminders", "submitted_on"}
    keys = set(Spent.objects.filter(wave=wave).values_list("key", flat=True))
    assert len(keys) == 3
    spent_cols = {c.name for c in connection.introspection.get_table_description(connection.cursor(), "surveys_spent")}
    assert spent_cols == {"id", "wave_id", "key"}
    assert not Draft.objects.exists()
    member_cols = {c.name for c in connection.introspection.get_table_description(connection.cursor(), "surveys_wavemember")}
    assert not any("response" in c for c in member_cols)
    # comments stand alone
    comment_cols = {c.name for c in connection.introspection.get_table_description(connection.cursor(), "surveys_comment")}
    assert not any("response" in c or "member" in c or "employee" in c for c in comment_cols)
    # no audit row names both a person and an answer
    assert not AuditEvent.objects.filter(object_type="surveys.response").exists()
    # the answers' unit is the record unit (here the snapshot unit), the date only
    assert sorted(Response.objects.filter(wave=wave).values_list("bp1", flat=True)) == [2, 3, 5]


def test_response_rate_hides_small_groups_and_moves(client, org, hr, wave, django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    client.force_login(hr)

    def rows():
        html = client.get(f"/survei/{wave.pk}/").content.decode()
        return dict(re.findall(r'data-unit="([A-Z0-9-]+)">.*?<td class="text-end answered">(.*?)</td>', html, re.S))

    assert all("—" in v for v in rows().values())  # no one answered yet: nothing shown
    for member in WaveMember.objects.filter(wave=wave, unit=org["b"])[:6]:
        answer_all(client, invitation_token(wave, member.pk))
    shown = rows()
    assert shown["BIRO-B"].strip() == "6"
    assert "—" in shown["BIRO-A"]  # 0 answered in A: shown as hidden? 0 is not a small group



def test_closing_computes_the_index_and_the_dashboard_shows_it(client, org, hr, wave,
                                                               django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    for i, member in enumerate(WaveMember.objects.filter(wave=wave).order_by("pk")):
        if i < 15:
            answer_all(client, invitation_token(wave, member.pk), value=4 if i % 2 else 3)
    with django_capture_on_commit_callbacks(execute=True):
        wave_close(actor=hr, wave=wave)
    assert UnitResult.objects.filter(wave=wave).count() == 4
    client.force_login(hr)
    page = client.get(f"/survei/{wave.pk}/hasil/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="overall"' in html and "<svg" in html
    assert 'id="children-table"' in html


def test_a_value_selection_wave_runs_end_to_end(client, org, hr, django_capture_on_commit_callbacks):
    import datetime as dt

    from berakhlak.surveys.models import InstrumentKind, Metric, MetricResult
    from berakhlak.surveys.services import instrument_builtin, wave_create

    wave = wave_create(actor=hr, agency=org["agency"], code="PILIH-2025", title="Pemilihan perilaku",
                       instrument=instrument_builtin(InstrumentKind.SELECTION), opens_on=dt.date(2025, 1, 1),
                       closes_on=dt.date(2025, 1, 31))
    launch(wave, hr, django_capture_on_commit_callbacks)
    picks = {1: ["AK1", "BP2"], 2: ["AK1", "LB01", "AD1"], 3: ["AD1", "AD3", "KL1"]}
    for member in WaveMember.objects.filter(wave=wave).order_by("pk")[:6]:
        token = invitation_token(wave, member.pk)
        too_many = client.post(f"/s/{token}/halaman/1/", {"pick": ["BP1", "BP2", "BP3", "AK1", "AK2", "AK3", "KO1",
                                                                    "KO2", "KO3", "HA1", "HA2"]})
        assert too_many.status_code == 422 and "paling banyak 10" in too_many.content.decode()
        for page_no, chosen in picks.items():
            assert client.post(f"/s/{token}/halaman/{page_no}/", {"pick": chosen, "next": "1"}).status_code == 302
        client.post(f"/s/{token}/halaman/4/", {"comment": "", "next": "1"})
        assert client.post(f"/s/{token}/kirim/")["Location"] == "/s/selesai/"
    with django_capture_on_commit_callbacks(execute=True):
        wave_close(actor=hr, wave=wave)
    root = org["root"]
    votes = dict(MetricResult.objects.filter(wave=wave, unit=root, metric=Metric.VOTES_CURRENT).values_list("code", "count"))
    assert votes == {"AK1": 6, "LB01": 6, "AD1": 6}
    indices = dict(MetricResult.objects.filter(wave=wave, unit=root, metric=Metric.SELECTION_INDEX).values_list("code", "value"))
    assert indices["energi_positif"] == pytest.approx(100 * 12 / 18)
    # BIRO-A has 6 people in its subtree but only the first 6 members answered, spread over units
    assert UnitResult.objects.get(wave=wave, unit=root).respondents == 6


def test_results_export_as_xlsx_and_pdf_within_scope(client, org, hr, wave, django_capture_on_commit_callbacks):
    import io

    import openpyxl

    from tests.factories import UserFactory

    launch(wave, hr, django_capture_on_commit_callbacks)
    for member in WaveMember.objects.filter(wave=wave).order_by("pk")[:12]:
        answer_all(client, invitation_token(wave, member.pk), value=4)
    with django_capture_on_commit_callbacks(execute=True):
        wave_close(actor=hr, wave=wave)
    client.force_login(hr)
    xlsx = client.get(f"/survei/{wave.pk}/hasil/ekspor.xlsx")
    assert xlsx.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert "Ringkasan" in book.sheetnames and "Unit" in book.sheetnames
    pdf = client.get(f"/survei/{wave.pk}/hasil/ekspor.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # someone from another agency sees nothing of it
    from berakhlak.accounts.models import Role, RoleAssignment
    from tests.factories import AgencyFactory

    other = UserFactory(username="sdm-lain")
    RoleAssignment.objects.create(user=other, role=Role.AGENCY_HR, agency=AgencyFactory(code="LAIN"))
    client.force_login(other)
    assert client.get(f"/survei/{wave.pk}/hasil/ekspor.xlsx").status_code == 404
    assert client.get(f"/survei/{wave.pk}/hasil/").status_code == 404
    assert client.get(f"/survei/{wave.pk}/").status_code == 404


def test_reminders_go_only_to_those_who_have_not_answered(client, org, hr, wave, django_capture_on_commit_callbacks):
    from berakhlak.surveys.services import invitations_send

    launch(wave, hr, django_capture_on_commit_callbacks)
    answered = WaveMember.objects.filter(wave=wave).exclude(employee__email="").order_by("pk").first()
    answer_all(client, invitation_token(wave, answered.pk))
    mail.outbox.clear()
    assert invitations_send(wave_id=wave.pk, reminder=True) == 17
    assert answered.employee.email not in {m.to[0] for m in mail.outbox}
    assert all(m.subject.startswith("Pengingat") for m in mail.outbox)
    # HR learns how many were sent, never to whom: nothing is written on the members
    wave.refresh_from_db()
    assert wave.reminders_sent == 17
    reminder = AuditEvent.objects.get(action="wave.remind")
    assert reminder.after == {"sent": 17}
    # the first round is not sent twice
    assert invitations_send(wave_id=wave.pk) == 0


def test_hr_sees_no_personal_link_anywhere(client, org, hr, wave, django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    client.force_login(hr)
    tokens = [invitation_token(wave, pk) for pk in WaveMember.objects.filter(wave=wave).values_list("pk", flat=True)]
    assert client.get(f"/survei/{wave.pk}/lembar-tautan/").status_code == 404  # the old sheet of links is gone
    pages = [f"/survei/{wave.pk}/", f"/survei/{wave.pk}/kertas-suara/", "/survei/", f"/survei/{wave.pk}/?partial=rate"]
    for url in pages:
        html = client.get(url).content.decode()
        assert not any(t in html or t.split("-", 1)[1] in html for t in tokens), url


def test_ballot_slips_answer_once_for_their_unit_and_a_reprint_voids_unused_codes(
        client, org, hr, wave, django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    client.force_login(hr)
    listing = client.get(f"/survei/{wave.pk}/kertas-suara/").content.decode()
    assert 'data-unit="BIRO-B"' in listing and 'data-unit="BIRO-A"' not in listing  # only B has someone without e-mail
    bu = BallotUnit.objects.get(wave=wave)
    assert (bu.unit, bu.eligible, bu.used) == (org["b"], 1, 0)

    def print_slips():
        page = client.post(f"/survei/{wave.pk}/kertas-suara/", {"unit": org["b"].pk})
        assert page.status_code == 200
        html = page.content.decode()
        assert html.count("<svg") == 1 and "Cache-Control" not in html
        return [c.replace("-", "") for c in re.findall(r'class="fs-5 ballot-code">([A-Z0-9-]+)<', html)]

    (first,) = print_slips()
    assert first not in "".join(Ballot.objects.values_list("key", flat=True))  # only a keyed hash is stored
    (second,) = print_slips()  # a reprint voids the unused first code
    assert client.get(f"/s/k-{first}/").status_code == 404
    client.logout()
    # typing the code, with spaces and in lower case, leads to the form
    typed = client.post("/s/kode/", {"kode": f" {second[:5].lower()} {second[5:]} "})
    assert typed.status_code == 302 and typed["Location"] == f"/s/k-{second}/"
    assert client.post("/s/kode/", {"kode": "SALAHKODE1"}).status_code == 404
    done = answer_all(client, f"k-{second}", value=2)
    assert done["Location"] == "/s/selesai/"
    response = Response.objects.get(wave=wave)
    assert response.unit_id == org["b"].pk and response.bp1 == 2
    # used: it opens no more, a second submission stores nothing, and the unit's slips are used up
    assert client.get(f"/s/k-{second}/").status_code == 404
    assert client.post(f"/s/k-{second}/kirim/")["Location"] == "/s/selesai/"
    assert Response.objects.filter(wave=wave).count() == 1
    bu.refresh_from_db()
    assert bu.used == 1 and not Ballot.objects.exists()
    client.force_login(hr)
    (third,) = print_slips()  # a new slip for the unit (HR cannot know who answered) ...
    client.logout()
    page1 = client.get(f"/s/k-{third}/halaman/1/")
    assert page1.status_code == 200
    # ... but it cannot make the unit's answers outnumber its people without e-mail
    answer = answer_all_until_review(client, f"k-{third}")
    assert answer.status_code == 302 and "/periksa/" in answer["Location"]
    refused = client.post(f"/s/k-{third}/kirim/")
    assert refused.status_code == 409 and "sudah terpakai" in refused.content.decode()
    assert Response.objects.filter(wave=wave).count() == 1 and Ballot.objects.count() == 1  # nothing half-written


def answer_all_until_review(client, token):
    n = 1
    while True:
        html = client.get(f"/s/{token}/halaman/{n}/").content.decode()
        data = {code: "3" for code in set(re.findall(r'type="radio" name="([A-Z0-9]+)"', html))}
        response = client.post(f"/s/{token}/halaman/{n}/", {**data, "next": "1"})
        if "/periksa/" in response["Location"]:
            return response
        n += 1


def test_a_small_unit_is_recorded_under_its_nearest_ancestor_that_reaches_min_group(
        client, org, hr, wave, django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    # BAG-A1 has 3 people (< 5): their answers are recorded under BIRO-A (6 + 3 people)
    small = WaveMember.objects.filter(wave=wave, unit=org["a1"])
    assert set(small.values_list("record_unit_id", flat=True)) == {org["a"].pk}
    assert set(WaveMember.objects.filter(wave=wave, unit=org["b"]).values_list("record_unit_id", flat=True)) == {org["b"].pk}
    answer_all(client, invitation_token(wave, small.first().pk), value=3, comment="dari bagian kecil")
    response = Response.objects.get(wave=wave)
    assert response.unit_id == org["a"].pk
    assert Comment.objects.get(wave=wave).unit_id == org["a"].pk


def test_closing_on_the_web_needs_the_confirmation(client, org, hr, wave, django_capture_on_commit_callbacks):
    launch(wave, hr, django_capture_on_commit_callbacks)
    client.force_login(hr)
    client.post(f"/survei/{wave.pk}/aksi/tutup/")
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/survei/{wave.pk}/aksi/tutup/", {"yakin": "1"})
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED and hasattr(wave, "result")
