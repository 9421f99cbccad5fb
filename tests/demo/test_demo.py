"""`berakhlak demo`: the demo agency through the real import pipeline, one working login per role."""

import io

import pytest
from django.core.management import call_command

from berakhlak.accounts.scope import scope_for
from berakhlak.demo.services import DEMO_PASSWORD
from berakhlak.org.models import Agency, Employee, Unit, UnitClosure

pytestmark = pytest.mark.django_db


def test_demo_loads_the_agency_and_one_login_per_role(client, demo_loaded):
    logins = demo_loaded["logins"]
    agency = Agency.objects.get(code="BKN")
    assert Employee.objects.filter(agency=agency).count() == 2400
    assert 30 <= Unit.objects.filter(agency=agency).count() <= 40
    assert Unit.objects.filter(agency=agency).values("depth").distinct().count() in (4, 5)
    assert not Unit.objects.filter(agency=agency, head__isnull=True).exists()  # every unit got its head
    assert UnitClosure.objects.filter(descendant__agency=agency, distance=0).count() == Unit.objects.count()
    roles = [login.role for login in logins]
    assert roles == ["Admin platform", "SDM instansi", "Kepala unit", "Agen perubahan", "Pegawai"]
    for login in logins:
        response = client.post("/akun/masuk/", {"username": login.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/", login
        assert client.get("/").status_code == 200
        client.post("/akun/keluar/")


def test_demo_roles_have_the_scopes_they_claim(demo_loaded):
    by_role = {login.role: login for login in demo_loaded["logins"]}
    from berakhlak.accounts.models import User

    head = scope_for(User.objects.get(username=by_role["Kepala unit"].username))
    assert head.is_head and not head.is_hr
    agent = scope_for(User.objects.get(username=by_role["Agen perubahan"].username))
    assert agent.is_change_agent and not agent.sees_people
    hr = scope_for(User.objects.get(username="sdm"))
    assert hr.is_hr and hr.hr_agency_ids == {Agency.objects.get(code="BKN").id}


def test_demo_command_is_rerunnable_without_duplicates():
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    call_command("demo", "--no-serve", stdout=out)
    assert Employee.objects.count() == 2400 and Agency.objects.count() == 1
    assert out.getvalue().count("berakhlak-demo") == 2


def test_demo_data_writes_national_csvs(tmp_path):
    call_command("demo_data", "--employees", "3000", "--agencies", "5", "--out", str(tmp_path), stdout=io.StringIO())
    folders = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(folders) == 5
    rows = sum(len((p / "employees.csv").read_text().splitlines()) - 1 for p in folders)
    assert rows == 3000
