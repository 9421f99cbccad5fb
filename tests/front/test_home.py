"""The home page of each role, and the page of BerAKHLAK values in the agency's wording."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.framework.models import FrameworkVersion
from berakhlak.org.models import Agency, Unit
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, UserFactory

HA1_2021 = "Menghargai setiap orang apapun latar belakangnya"
HA1_2023 = "Menghargai setiap orang tanpa membedakan latar belakang"
BEHAVIOUR = re.compile(r'<li><span class="text-muted small">([A-Z]{2}[1-3])</span> ([^<]+)</li>')
VALUE = re.compile(r'id="value-([A-Z]{2})"')


@pytest.fixture
def org(db):
    a = AgencyFactory(code="KEMENA", name="Kementerian Alfa")
    b = AgencyFactory(code="KEMENB", name="Kementerian Beta")
    root = UnitFactory(agency=a, code="A", name="Sekretariat Alfa")
    biro = UnitFactory(parent=root, code="A1", name="Biro Perencanaan")
    bagian = UnitFactory(parent=biro, code="A1A", name="Bagian Anggaran")
    broot = UnitFactory(agency=b, code="B", name="Sekretariat Beta")
    head = EmployeeFactory(unit=biro, name="Hendra Wijaya")
    Unit.objects.filter(pk=biro.pk).update(head=head)
    staff = EmployeeFactory(unit=bagian, name="Siti Nurhaliza", superior=head)
    EmployeeFactory(unit=root)
    EmployeeFactory(unit=broot)
    users = {
        "admin": UserFactory(username="admin", is_superuser=True),
        "hr": UserFactory(username="sdm", first_name="Dewi", last_name="SDM"),
        "head": UserFactory(username="kepala", employee=head),
        "agent": UserFactory(username="agen"),
        "employee": UserFactory(username="siti", employee=staff),
        "nobody": UserFactory(username="tamu"),
    }
    RoleAssignment.objects.create(user=users["hr"], role=Role.AGENCY_HR, agency=a)
    RoleAssignment.objects.create(user=users["agent"], role=Role.CHANGE_AGENT, agency=a)
    return {"a": a, "b": b, "root": root, "biro": biro, "bagian": bagian, "head": head, "staff": staff,
            "users": users}


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def roles_shown(html: str) -> set[str]:
    return set(re.findall(r'data-role="([A-Z_]+)"', html))


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/akun/masuk/?next=/"
    response = client.get("/nilai/")
    assert response.status_code == 302 and response["Location"] == "/akun/masuk/?next=/nilai/"


def test_it_shows_hr_the_agency_card_with_import(client, org):
    html = home(client, org["users"]["hr"])
    assert "Selamat datang, Dewi SDM" in html
    assert roles_shown(html) == {"AGENCY_HR"}
    assert "Kementerian Alfa" in html and "Kementerian Beta" not in html
    assert "3 pegawai aktif" in html  # headcount of the agency's root, subtree included
    assert 'href="/organisasi/impor/?agency=KEMENA">Impor data</a>' in html
    assert 'href="/organisasi/pegawai/?agency=KEMENA">Pegawai</a>' in html
    assert 'href="/organisasi/unit/?agency=KEMENA">Pohon unit kerja</a>' in html
    assert "Data saya" not in html and "Unit saya" not in html


def test_it_invites_hr_of_an_empty_agency_to_import(client, db):
    agency = AgencyFactory(code="BARU", name="Badan Baru")
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=Role.AGENCY_HR, agency=agency)
    html = home(client, user)
    assert "Belum ada unit kerja. Mulai dengan mengimpor pohon unit kerja." in html
    assert 'href="/organisasi/impor/?agency=BARU">Impor data</a>' in html


def test_it_shows_the_unit_head_their_unit_and_their_own_record(client, org):
    html = home(client, org["users"]["head"])
    assert roles_shown(html) == {"UNIT_HEAD", "EMPLOYEE"}
    assert "Unit saya: Biro Perencanaan" in html
    assert "2 pegawai di unit ini dan di bawahnya" in html
    assert f'href="/organisasi/unit/{org["biro"].pk}/">Buka unit</a>' in html
    assert f'href="/organisasi/pegawai/?unit={org["biro"].pk}">Daftar pegawai</a>' in html
    assert "Data saya" in html and org["head"].nip in html
    assert "Impor data" not in html and "Kementerian Alfa" not in html


def test_it_shows_the_employee_their_own_record_only(client, org):
    html = home(client, org["users"]["employee"])
    assert roles_shown(html) == {"EMPLOYEE"}
    assert "Data saya" in html
    assert f'<dd class="col-7 nip">{org["staff"].nip}</dd>' in html
    assert "Bagian Anggaran" in html and "Hendra Wijaya" in html  # unit and superior
    assert f'href="/organisasi/pegawai/{org["staff"].nip}/">Lihat profil</a>' in html
    for absent in ("Unit saya", "Impor data", "Pohon unit kerja", 'href="/organisasi/unit/"',
                   'href="/organisasi/pegawai/"'):
        assert absent not in html


def test_it_shows_the_change_agent_the_tree_but_not_people_or_import(client, org):
    html = home(client, org["users"]["agent"])
    assert roles_shown(html) == {"CHANGE_AGENT"}
    assert "Kementerian Alfa" in html and "Kementerian Beta" not in html
    assert 'href="/organisasi/unit/?agency=KEMENA">Pohon unit kerja</a>' in html
    assert "Impor data" not in html and 'href="/organisasi/pegawai/' not in html


def test_it_shows_the_platform_admin_every_agency(client, org):
    html = home(client, org["users"]["admin"])
    assert "PLATFORM_ADMIN" in roles_shown(html)
    assert "Kementerian Alfa" in html and "Kementerian Beta" in html
    assert 'href="/organisasi/impor/?agency=KEMENB">Impor data</a>' in html
    assert 'href="/admin/"' in html


def test_it_shows_a_user_without_role_only_the_values_card(client, org):
    html = home(client, org["users"]["nobody"])
    assert roles_shown(html) == set()
    assert "Nilai dasar ASN BerAKHLAK" in html and 'href="/nilai/"' in html
    assert "Data saya" not in html and "Unit saya" not in html and "Impor data" not in html


def test_it_hides_the_record_of_a_deactivated_head_from_the_home_page(client, org):
    client.force_login(org["users"]["head"])
    org["head"].is_active = False
    org["head"].save()
    assert client.get("/").status_code == 302  # the session ends with the employment


def test_it_shows_the_headcount_of_every_agency_to_the_platform_admin(client, org):
    # many agencies, each with units: no card may claim "no units yet"
    for i in range(22):
        EmployeeFactory(unit=UnitFactory(agency=AgencyFactory(code=f"X{i:02d}", name=f"Badan {i:02d}")))
    html = home(client, org["users"]["admin"])
    assert html.count('<h2 class="h5 card-title">') == 24 + 1  # 24 agencies + the values card
    assert "Belum ada unit kerja" not in html
    assert html.count("1 pegawai aktif") == 23  # Beta and the 22 new agencies; Alfa has 3
    assert "3 pegawai aktif" in html


def test_it_shows_the_home_page_with_a_constant_number_of_queries(client, org, django_assert_num_queries):
    client.force_login(org["users"]["admin"])
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    for _i in range(8):
        agency = AgencyFactory()
        UnitFactory(parent=UnitFactory(agency=agency))
    with django_assert_num_queries(len(ctx.captured_queries)):
        assert client.get("/").status_code == 200


# --- values ----------------------------------------------------------------------------------------

def values_page(client, user):
    client.force_login(user)
    response = client.get("/nilai/")
    assert response.status_code == 200
    html = response.content.decode()
    return VALUE.findall(html), dict(BEHAVIOUR.findall(html)), html


@pytest.mark.parametrize("role", ["employee", "hr", "head", "agent", "nobody", "admin"])
def test_it_lists_the_seven_values_and_twenty_one_behaviours(client, org, role):
    values, behaviours, html = values_page(client, org["users"][role])
    assert values == ["BP", "AK", "KO", "HA", "LO", "AD", "KL"]
    assert list(behaviours) == [f"{v}{n}" for v in values for n in (1, 2, 3)]
    assert behaviours["HA1"] == HA1_2021
    assert "Berorientasi Pelayanan" in html and "Kolaboratif" in html


@pytest.mark.parametrize("role", ["employee", "hr", "head"])
def test_it_uses_the_wording_chosen_by_the_agency(client, org, role):
    Agency.objects.filter(pk=org["a"].pk).update(framework_version=FrameworkVersion.objects.get(code="2023"))
    values, behaviours, html = values_page(client, org["users"][role])
    assert len(values) == 7 and len(behaviours) == 21
    assert behaviours["HA1"] == HA1_2023
    assert HA1_2021 not in html
    assert behaviours["HA2"] == "Suka menolong"
    assert behaviours["LO2"] == "Menjaga nama baik ASN, instansi, dan negara"
    assert "UU Nomor 20 Tahun 2023" in html and "Kementerian Alfa" in html


def test_it_keeps_other_agencies_on_their_own_wording(client, org):
    Agency.objects.filter(pk=org["b"].pk).update(framework_version=FrameworkVersion.objects.get(code="2023"))
    _values, behaviours, _html = values_page(client, org["users"]["employee"])
    assert behaviours["HA1"] == HA1_2021


def test_it_shows_the_values_in_english_when_asked(client, org):
    client.force_login(org["users"]["employee"])
    html = client.get("/nilai/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in html
    assert "Service-oriented" in html and "Respects everyone whatever their background" in html


# --- HR switches the wording in force ---------------------------------------------------------------

@pytest.mark.django_db
def test_hr_switches_the_agency_to_the_2023_wording(client, password):
    from berakhlak.accounts.models import Role
    from berakhlak.accounts.services import role_assign, user_create
    from berakhlak.audit.models import AuditEvent
    from berakhlak.org.services import agency_create

    agency = agency_create(code="GANTI", name="Instansi Ganti Versi")
    hr = user_create(username="sdm.ganti", password=password)
    role_assign(user=hr, role=Role.AGENCY_HR, agency=agency)
    client.force_login(hr)
    page = client.get("/nilai/").content.decode()
    assert 'id="version-form"' in page and "apapun latar belakangnya" in page
    response = client.post("/nilai/", {"version": "2023"})
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.framework_version.code == "2023"
    assert "tanpa membedakan latar belakang" in client.get("/nilai/").content.decode()
    event = AuditEvent.objects.get(action="agency.set_framework", agency=agency)
    assert (event.before, event.after) == ({"framework_version": "2021"}, {"framework_version": "2023"})


@pytest.mark.django_db
def test_only_hr_may_switch_the_wording(client, password):
    from berakhlak.org.services import agency_create
    from tests.factories import EmployeeFactory, UnitFactory, UserFactory

    agency = agency_create(code="GANTI2", name="Instansi Dua")
    employee = EmployeeFactory(unit=UnitFactory(agency=agency))
    user = UserFactory(employee=employee)
    client.force_login(user)
    assert 'id="version-form"' not in client.get("/nilai/").content.decode()
    assert client.post("/nilai/", {"version": "2023"}).status_code == 403
    agency.refresh_from_db()
    assert agency.framework_version.code == "2021"


@pytest.mark.parametrize(("role", "english", "indonesian"), [
    ("admin", ["Platform admin", "Kementerian Alfa", "Work unit tree", "Import data"],
     ["Admin platform", "Pohon unit kerja", "Impor data"]),
    ("hr", ["Welcome, Dewi SDM", "Agency HR", "Work unit tree", "Import data"],
     ["Selamat datang", "SDM instansi", "Impor data"]),
    ("head", ["Unit head", "My unit: Biro Perencanaan", "2 employees in this unit and below", "Open unit",
              "Employee list", "My details"],
     ["Kepala unit", "Unit saya", "pegawai di unit ini", "Buka unit", "Daftar pegawai", "Data saya"]),
    ("agent", ["Change agent", "Work unit tree"], ["Agen perubahan", "Pohon unit kerja"]),
    ("employee", ["My details", "Direct superior", "View profile", "Hendra Wijaya"],
     ["Data saya", "Atasan langsung", "Lihat profil"]),
    ("nobody", ["BerAKHLAK civil-service core values", "Read the behavioral guidelines"],
     ["Nilai dasar ASN BerAKHLAK", "Baca panduan perilaku"]),
])
def test_the_home_page_of_each_role_in_english(client, org, role, english, indonesian):
    client.force_login(org["users"][role])
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in english:
        assert text in html, text
    for text in indonesian:
        assert text not in html, text
