"""Employees get accounts in bulk and set their own password through a one-time link."""

import io
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from berakhlak.accounts.models import Role, User
from berakhlak.accounts.services import accounts_provision, role_assign, user_create
from berakhlak.audit.models import AuditEvent
from tests.factories import EmployeeFactory, UnitFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kata-Sandi-Baru-2024"


@pytest.fixture
def staff():
    unit = UnitFactory()
    people = [EmployeeFactory(unit=unit, email=f"orang{i}@uji.go.id") for i in range(3)]
    people.append(EmployeeFactory(unit=unit, email=""))
    inactive = EmployeeFactory(unit=unit, is_active=False)
    return unit.agency, people, inactive


def test_provision_creates_one_account_per_active_employee_and_is_rerunnable(staff):
    agency, people, inactive = staff
    assert accounts_provision(agency=agency) == 4
    assert accounts_provision(agency=agency) == 0
    users = {u.username: u for u in User.objects.filter(employee__agency=agency)}
    assert set(users) == {p.nip for p in people}
    assert inactive.nip not in users
    assert not any(u.has_usable_password() for u in users.values())
    assert AuditEvent.objects.filter(action="accounts.provision", agency=agency).count() == 1


def test_provision_command(staff):
    agency, _people, _inactive = staff
    out = io.StringIO()
    call_command("accounts", "provision", "--agency", agency.code, stdout=out)
    assert "4 akun baru" in out.getvalue()


def activation_link(client, identifier):
    client.post("/akun/aktivasi/", {"identifier": identifier})
    assert len(mail.outbox) == 1
    return re.search(re.escape(settings.SITE_URL.rstrip("/")) + r"(/akun/atur-sandi/\S+/)", mail.outbox[0].body).group(1)


def test_an_employee_activates_by_nip_sets_a_password_and_logs_in(client, staff):
    agency, people, _ = staff
    accounts_provision(agency=agency)
    person = people[0]
    link = activation_link(client, person.nip)
    assert mail.outbox[0].to == [person.email]
    form_page = client.get(link, follow=True)
    assert "Atur kata sandi" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    response = client.post("/akun/masuk/", {"username": person.nip, "password": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    # the link is single-use
    again = client.get(link, follow=True).content.decode()
    assert "tidak berlaku lagi" in again


def test_unknown_nip_and_no_email_get_the_same_answer_and_no_mail(client, staff):
    agency, people, _ = staff
    accounts_provision(agency=agency)
    for identifier in ("199901012020121999", people[3].nip):  # unknown; known but without e-mail
        response = client.post("/akun/aktivasi/", {"identifier": identifier}, follow=True)
        assert "Bila akun tersebut ada" in response.content.decode()
    assert mail.outbox == []


def test_hr_provisions_from_the_import_page_and_others_cannot(client, staff, password):
    agency, _people, _ = staff
    hr = user_create(username="sdm.akun", password=password)
    role_assign(user=hr, role=Role.AGENCY_HR, agency=agency)
    client.force_login(hr)
    page = client.get(f"/organisasi/impor/?agency={agency.code}").content.decode()
    assert "4 pegawai aktif belum punya akun" in page
    response = client.post("/akun/buat-akun/", {"agency": agency.code})
    assert response.status_code == 302
    assert User.objects.filter(employee__agency=agency).count() == 4
    other = EmployeeFactory()  # another agency's employee, with an account
    outsider = user_create(username="pegawai.lain", password=password, employee=other)
    client.force_login(outsider)
    assert client.post("/akun/buat-akun/", {"agency": agency.code}).status_code == 403
