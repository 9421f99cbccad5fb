"""A small agency for the 360 tests, and helpers that run a cycle through the real services.

ROOT (Kepala, JPT) ─ BIRO-A (Kabiro A) ─ staff A1…A5
                   ├ BIRO-B (Kabiro B) ─ staff B1…B4
                   └ BIRO-C (Kabiro C) ─ staff C1…C3
plus HR (``sdm``), and another agency LAIN with its own HR and one employee. Everyone has a login named
after them in lower case (``a1``, ``kabiro_a``, ``kepala``…).
"""

from __future__ import annotations

from datetime import date

import pytest

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.feedback360 import services
from berakhlak.feedback360.models import Assignment, AssignmentStatus
from berakhlak.framework.models import FrameworkVersion
from berakhlak.org.models import PositionKind, Unit
from tests.factories import AgencyFactory, EmployeeFactory, PositionFactory, UnitFactory, UserFactory


def _person(unit, name, kind, login, superior=None):
    position = PositionFactory(agency=unit.agency, name=f"Jabatan {kind}", kind=kind)
    e = EmployeeFactory(unit=unit, name=name, position=position, superior=superior, email=f"{login}@x.go.id")
    UserFactory(username=login, employee=e)
    return e


@pytest.fixture
def org360(db):
    agency = AgencyFactory(code="KEMENX", name="Kementerian X",
                           framework_version=FrameworkVersion.objects.get(is_default=True))
    root = UnitFactory(agency=agency, code="ROOT", name="Kementerian X")
    kepala = _person(root, "Kepala", PositionKind.JPT, "kepala")
    Unit.objects.filter(pk=root.pk).update(head=kepala)
    people = {"kepala": kepala}
    units = {"ROOT": root}
    for letter, size in (("A", 5), ("B", 4), ("C", 3)):
        unit = UnitFactory(parent=root, code=f"BIRO-{letter}", name=f"Biro {letter}")
        head = _person(unit, f"Kabiro {letter}", PositionKind.ADMINISTRATOR, f"kabiro_{letter.lower()}", kepala)
        Unit.objects.filter(pk=unit.pk).update(head=head)
        units[f"BIRO-{letter}"] = unit
        people[f"kabiro_{letter.lower()}"] = head
        for i in range(1, size + 1):
            people[f"{letter.lower()}{i}"] = _person(unit, f"Staf {letter}{i}", PositionKind.PELAKSANA,
                                                     f"{letter.lower()}{i}", head)
    hr = UserFactory(username="sdm")
    RoleAssignment.objects.create(user=hr, role=Role.AGENCY_HR, agency=agency)
    other = AgencyFactory(code="LAIN", name="Instansi Lain",
                          framework_version=FrameworkVersion.objects.get(is_default=True))
    other_root = UnitFactory(agency=other, code="ROOT", name="Instansi Lain")
    outsider = _person(other_root, "Orang Lain", PositionKind.JPT, "lain")
    other_hr = UserFactory(username="sdm_lain")
    RoleAssignment.objects.create(user=other_hr, role=Role.AGENCY_HR, agency=other)
    return {"agency": agency, "units": units, "people": people, "hr": hr, "other": other, "outsider": outsider,
            "other_hr": other_hr}


def open_cycle(org, code="360-2025", **settings):
    cycle = services.cycle_create(actor=org["hr"], agency=org["agency"], code=code, name=f"Penilaian {code}",
                                  year=2025, deadline=date(2025, 11, 30), **settings)
    services.cycle_open(actor=org["hr"], cycle=cycle)
    cycle.refresh_from_db()
    return cycle


def answer(cycle, rater, ratee, value, comments=None, na=()):
    """``rater`` fills in and sends the form about ``ratee``: every behaviour ``value`` (an int, or a
    dict code -> int), except ``na``."""
    a = Assignment.objects.get(cycle=cycle, rater=rater, ratee=ratee)
    answers = {c: (value[c] if isinstance(value, dict) else value) for c in BEHAVIOUR_CODES if c not in na}
    services.form_save(actor=rater.user, assignment=a, answers=answers, not_applicable=na, comments=comments or {})
    return services.form_submit(actor=rater.user, assignment=a)


def approve_all(cycle, org):
    services.nominations_approve_pending(actor=org["hr"], cycle=cycle)
    return Assignment.objects.filter(cycle=cycle, status=AssignmentStatus.OPEN)
