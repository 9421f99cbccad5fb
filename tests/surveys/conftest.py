from __future__ import annotations

import datetime as dt

import pytest

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.surveys.models import InstrumentKind
from berakhlak.surveys.services import instrument_builtin, wave_create
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, UserFactory


@pytest.fixture
def org(db):
    """ROOT with two biro; BIRO-A has a small section (3 people). 6 + 8 + 3 + 2 = 19 employees."""
    agency = AgencyFactory(code="KEMENX", name="Kementerian X")
    root = UnitFactory(agency=agency, code="ROOT", name="Sekretariat Jenderal")
    a = UnitFactory(parent=root, code="BIRO-A", name="Biro A")
    b = UnitFactory(parent=root, code="BIRO-B", name="Biro B")
    a1 = UnitFactory(parent=a, code="BAG-A1", name="Bagian A1")
    people = {
        "root": [EmployeeFactory(unit=root, email=f"r{i}@x.go.id") for i in range(2)],
        "a": [EmployeeFactory(unit=a, email=f"a{i}@x.go.id") for i in range(6)],
        "b": [EmployeeFactory(unit=b, email="" if i == 0 else f"b{i}@x.go.id") for i in range(8)],
        "a1": [EmployeeFactory(unit=a1, email=f"c{i}@x.go.id") for i in range(3)],
    }
    return {"agency": agency, "root": root, "a": a, "b": b, "a1": a1, "people": people}


@pytest.fixture
def hr(org):
    user = UserFactory(username="sdm")
    RoleAssignment.objects.create(user=user, role=Role.AGENCY_HR, agency=org["agency"])
    return user


@pytest.fixture
def wave(org, hr):
    return wave_create(actor=hr, agency=org["agency"], code="2025", title="Survei Budaya Kerja 2025",
                       instrument=instrument_builtin(InstrumentKind.LIKERT, (1, 5)),
                       opens_on=dt.date(2025, 9, 1), closes_on=dt.date(2025, 9, 30))
