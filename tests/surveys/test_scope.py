"""Who sees which survey pages and results: HR its agency, a unit head their subtree, a change agent the
agency's aggregates, an employee only their own invitation; another agency nothing."""

from __future__ import annotations

import pytest

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.surveys.indexing import index_compute
from berakhlak.surveys.models import WaveMember
from berakhlak.surveys.selectors import instrument_pages
from berakhlak.surveys.services import (
    credential_for,
    draft_save,
    invitation_token,
    response_submit,
    wave_close,
    wave_launch,
)
from tests.factories import UserFactory


@pytest.fixture
def computed(org, hr, wave):
    wave_launch(actor=hr, wave=wave, send=False)
    pages = instrument_pages(wave.instrument)
    answers = {i.code: 4 for p in pages if p.kind == "LIKERT" for i in p.items}
    for member in WaveMember.objects.filter(wave=wave):
        credential = credential_for(invitation_token(wave, member.pk))
        draft_save(credential=credential, answers=answers)
        response_submit(credential=credential, pages=pages)
    wave_close(actor=hr, wave=wave, compute=False)
    index_compute(wave=wave)
    return wave


def user_for(employee, **role):
    user = UserFactory(employee=employee)
    if role:
        RoleAssignment.objects.create(user=user, **role)
    return user


def test_a_unit_head_sees_their_subtree_only(client, org, computed):
    head = org["people"]["a"][0]
    org["a"].head = head
    org["a"].save()
    client.force_login(user_for(head))
    assert client.get(f"/survei/{computed.pk}/hasil/?unit={org['a'].pk}").status_code == 200
    assert client.get(f"/survei/{computed.pk}/hasil/?unit={org['a1'].pk}").status_code == 200
    assert client.get(f"/survei/{computed.pk}/hasil/?unit={org['b'].pk}").status_code == 404
    assert client.get(f"/survei/{computed.pk}/hasil/?unit={org['root'].pk}").status_code == 404
    # without a unit, the dashboard opens on their own subtree's top
    page = client.get(f"/survei/{computed.pk}/hasil/")
    assert page.context["unit"] == org["a"]
    # and cannot manage the wave
    assert client.post(f"/survei/{computed.pk}/aksi/hitung/").status_code == 404


def test_an_employee_sees_no_results_and_another_agency_nothing(client, org, computed):
    client.force_login(user_for(org["people"]["b"][1]))
    assert client.get(f"/survei/{computed.pk}/hasil/").status_code == 404
    assert client.get(f"/survei/{computed.pk}/").status_code == 404
    from tests.factories import AgencyFactory

    outsider = UserFactory()
    RoleAssignment.objects.create(user=outsider, role=Role.AGENCY_HR, agency=AgencyFactory(code="LAIN"))
    client.force_login(outsider)
    assert client.get(f"/survei/{computed.pk}/hasil/").status_code == 404
    assert computed.code not in client.get("/survei/").content.decode()


def test_a_change_agent_reads_the_agency_results(client, org, computed):
    agent = user_for(org["people"]["b"][2], role=Role.CHANGE_AGENT, agency=org["agency"])
    client.force_login(agent)
    page = client.get(f"/survei/{computed.pk}/hasil/")
    assert page.status_code == 200 and page.context["unit"] == org["root"]
    assert client.post(f"/survei/{computed.pk}/aksi/hitung/").status_code == 404


def test_the_employee_home_lists_their_open_invitation(client, org, hr, wave):
    wave_launch(actor=hr, wave=wave, send=False)
    person = org["people"]["b"][1]
    client.force_login(user_for(person))
    page = client.get("/survei/")
    member = WaveMember.objects.get(wave=wave, employee=person)
    assert f"/survei/undangan/{member.pk}/" in page.content.decode() and "Isi sekarang" in page.content.decode()
    go = client.get(f"/survei/undangan/{member.pk}/")
    assert go.status_code == 302 and go["Location"] == f"/s/{invitation_token(wave, member.pk)}/"
    other = WaveMember.objects.exclude(pk=member.pk).first()
    assert client.get(f"/survei/undangan/{other.pk}/").status_code == 404
    # once answered, the person (and only they) sees it on their home page
    pages = instrument_pages(wave.instrument)
    credential = credential_for(invitation_token(wave, member.pk))
    draft_save(credential=credential, answers={i.code: 4 for p in pages if p.kind == "LIKERT" for i in p.items})
    response_submit(credential=credential, pages=pages)
    page = client.get("/survei/").content.decode()
    assert "Sudah diisi" in page and f"/survei/undangan/{member.pk}/" not in page


def test_staff_without_email_get_no_personal_link_even_when_signed_in(client, org, hr, wave):
    wave_launch(actor=hr, wave=wave, send=False)
    person = org["people"]["b"][0]  # no e-mail: answers with a ballot slip
    client.force_login(user_for(person))
    member = WaveMember.objects.get(wave=wave, employee=person)
    page = client.get("/survei/").content.decode()
    assert f"/survei/undangan/{member.pk}/" not in page and "/s/kode/" in page
    assert client.get(f"/survei/undangan/{member.pk}/").status_code == 404


def test_a_unit_head_follows_the_response_rate_of_their_subtree(client, org, hr, wave):
    wave_launch(actor=hr, wave=wave, send=False)
    head = org["people"]["a"][0]
    org["a"].head = head
    org["a"].save()
    client.force_login(user_for(head))
    page = client.get(f"/survei/{wave.pk}/")
    units = [r["unit"].code for r in page.context["rate"]]
    assert units == ["BIRO-A", "BAG-A1"]
    assert page.context["rate"][0]["invited"] == 9


def test_the_dashboard_query_count_does_not_grow_with_sub_units(client, org, hr, computed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory

    client.force_login(hr)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/survei/{computed.pk}/hasil/").status_code == 200
    for i in range(6):
        UnitFactory(parent=org["root"], code=f"EXTRA-{i}")
    index_compute(wave=computed)
    with CaptureQueriesContext(connection) as large:
        assert client.get(f"/survei/{computed.pk}/hasil/").status_code == 200
    assert len(large) == len(small)
