"""Load the demo agency through the real import pipeline, and give it one login per role."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from berakhlak.accounts.models import Role, User
from berakhlak.accounts.services import role_assign, user_create, user_create_for_employee
from berakhlak.demo.generator import generate_demo_agency, write_agency_csv
from berakhlak.org.models import Agency, Employee, PositionKind, Unit
from berakhlak.org.services import employees_import, units_import

DEMO_PASSWORD = "berakhlak-demo"
DEMO_AGENCY = "BKN"
DEMO_TODAY = date(2023, 12, 31)  # the demo's reference date (NIPs appointed up to 2023-12)


@dataclass
class DemoLogin:
    role: str
    username: str
    who: str


def demo_load(*, employees: int = 2400, seed: int = 2023) -> list[DemoLogin]:
    """Create the demo agency (if missing) from the deterministic generator, then the demo users."""
    if not Agency.objects.filter(code=DEMO_AGENCY).exists():
        data = generate_demo_agency(employees=employees, seed=seed)
        with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
            units_csv, employees_csv = Path(tmp) / "unit.csv", Path(tmp) / "pegawai.csv"
            write_agency_csv(data, units_csv, employees_csv)
            units_import(source=units_csv, agency_code=data.code, agency_name=data.name)
            employees_import(source=employees_csv, agency_code=data.code, today=DEMO_TODAY)
    from berakhlak.demo.feedback360 import demo_feedback360
    from berakhlak.demo.performance import demo_performance
    from berakhlak.demo.surveys import demo_waves

    agency = Agency.objects.get(code=DEMO_AGENCY)
    demo_waves(agency)
    logins = demo_users()
    demo_performance(agency, logins)
    demo_feedback360(agency, logins)
    return logins


def demo_users() -> list[DemoLogin]:
    """One login per role (created once; the same on every run)."""
    agency = Agency.objects.get(code=DEMO_AGENCY)
    logins: list[DemoLogin] = []
    with transaction.atomic():
        admin = User.objects.filter(username="admin").first() or user_create(
            username="admin", password=DEMO_PASSWORD, is_superuser=True, first_name="Admin Platform")
        logins.append(DemoLogin(Role.PLATFORM_ADMIN.label, admin.username, "Admin Platform"))

        hr = User.objects.filter(username="sdm").first()
        if hr is None:
            hr = user_create(username="sdm", password=DEMO_PASSWORD, first_name="Biro SDM (demo)")
            role_assign(user=hr, role=Role.AGENCY_HR, agency=agency)
        logins.append(DemoLogin(Role.AGENCY_HR.label, hr.username, "Biro SDM"))

        # a unit head: the head of a mid-level unit (depth 2) with the most staff below it
        heads = (Unit.objects.filter(agency=agency, depth=2, head__isnull=False).select_related("head")
                 .order_by("path"))
        head_unit = max(heads, key=lambda u: Employee.objects.filter(unit__path__startswith=u.path).count())
        logins.append(_employee_login(head_unit.head, Role.UNIT_HEAD.label, f"{head_unit.head.name} — {head_unit.name}"))

        staff = (Employee.objects.filter(agency=agency, unit__path__startswith=head_unit.path,
                                         position__kind=PositionKind.FUNGSIONAL, headed_units__isnull=True)
                 .order_by("nip"))
        agent = staff.first()
        login = _employee_login(agent, Role.CHANGE_AGENT.label, f"{agent.name} — {agent.unit.name}")
        role_assign(user=agent.user, role=Role.CHANGE_AGENT, agency=agency)
        logins.append(login)

        employee = staff.exclude(pk=agent.pk).last()
        logins.append(_employee_login(employee, "Pegawai", f"{employee.name} — {employee.unit.name}"))
    return logins


def _employee_login(employee: Employee, role: str, who: str) -> DemoLogin:
    user = User.objects.filter(employee=employee).first() or user_create_for_employee(
        employee=employee, password=DEMO_PASSWORD)
    return DemoLogin(role, user.username, who)
