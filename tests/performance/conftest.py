"""A small agency with a real chain of command for the SKP tests.

ROOT (kepala: JPT) ─ BIRO-A (ADMINISTRATOR) ─ BAG-A1 (PENGAWAS) ─ staff: analis (FUNGSIONAL Ahli Muda),
                   │                                              pelaksana, and "junior" whose superior is
                   │                                              the pelaksana (not a rater: the next one up rates)
                   └ BIRO-B (ADMINISTRATOR) ─ 3 staff
plus HR, and another agency OTHER with one employee.
"""

from __future__ import annotations

import pytest

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.framework.models import FrameworkVersion
from berakhlak.org.models import PositionKind, Unit
from berakhlak.performance.services import year_setup
from tests.factories import (
    AgencyFactory,
    EmployeeFactory,
    PositionFactory,
    UnitFactory,
    UserFactory,
)


def _person(unit, name, kind, position_name, superior=None, login=None):
    position = PositionFactory(agency=unit.agency, name=position_name, kind=kind)
    e = EmployeeFactory(unit=unit, name=name, position=position, superior=superior)
    if login:
        UserFactory(username=login, employee=e)
    return e


@pytest.fixture
def skp_org(db):
    agency = AgencyFactory(code="KEMENX", name="Kementerian X",
                           framework_version=FrameworkVersion.objects.get(is_default=True))
    root = UnitFactory(agency=agency, code="ROOT", name="Kementerian X")
    biro_a = UnitFactory(parent=root, code="BIRO-A", name="Biro A")
    bag_a1 = UnitFactory(parent=biro_a, code="BAG-A1", name="Bagian A1")
    biro_b = UnitFactory(parent=root, code="BIRO-B", name="Biro B")
    kepala = _person(root, "Kepala", PositionKind.JPT, "Kepala Badan", login="kepala")
    sekretaris = _person(root, "Sekretaris", PositionKind.JPT, "Sekretaris Utama", superior=kepala, login="sestama")
    kabiro_a = _person(biro_a, "Kabiro A", PositionKind.ADMINISTRATOR, "Kepala Biro A", superior=sekretaris,
                       login="kabiro_a")
    kabag = _person(bag_a1, "Kabag A1", PositionKind.PENGAWAS, "Kepala Bagian A1", superior=kabiro_a, login="kabag")
    analis = _person(bag_a1, "Analis", PositionKind.FUNGSIONAL, "Analis SDM Aparatur Ahli Muda", superior=kabag,
                     login="analis")
    pelaksana = _person(bag_a1, "Pelaksana", PositionKind.PELAKSANA, "Pengadministrasi Umum", superior=kabag,
                        login="pelaksana")
    junior = _person(bag_a1, "Junior", PositionKind.PELAKSANA, "Pengadministrasi Umum", superior=pelaksana,
                     login="junior")
    kabiro_b = _person(biro_b, "Kabiro B", PositionKind.ADMINISTRATOR, "Kepala Biro B", superior=sekretaris,
                       login="kabiro_b")
    staff_b = [_person(biro_b, f"Staf B{i}", PositionKind.PELAKSANA, "Pengolah Data", superior=kabiro_b,
                       login=f"stafb{i}") for i in range(3)]
    for unit, head in ((root, kepala), (biro_a, kabiro_a), (bag_a1, kabag), (biro_b, kabiro_b)):
        Unit.objects.filter(pk=unit.pk).update(head=head)
        unit.refresh_from_db()
    hr = UserFactory(username="sdm")
    RoleAssignment.objects.create(user=hr, role=Role.AGENCY_HR, agency=agency)
    other_agency = AgencyFactory(code="LAIN", name="Instansi Lain")
    other_root = UnitFactory(agency=other_agency, code="ROOT", name="Instansi Lain")
    outsider = _person(other_root, "Orang Lain", PositionKind.JPT, "Kepala", login="lain")
    other_hr = UserFactory(username="sdm_lain")
    RoleAssignment.objects.create(user=other_hr, role=Role.AGENCY_HR, agency=other_agency)
    py = year_setup(actor=hr, agency=agency, year=2024, frequency="QUARTERLY")
    return {"agency": agency, "root": root, "biro_a": biro_a, "bag_a1": bag_a1, "biro_b": biro_b,
            "kepala": kepala, "sekretaris": sekretaris, "kabiro_a": kabiro_a, "kabag": kabag, "analis": analis,
            "pelaksana": pelaksana, "junior": junior, "kabiro_b": kabiro_b, "staff_b": staff_b, "hr": hr,
            "other_agency": other_agency, "outsider": outsider, "other_hr": other_hr, "year": py}


@pytest.fixture
def user_of():
    def get(employee):
        return employee.user
    return get
