"""Issue 11 §5: the employees CSV export (the platform's CSV export; ``tests/lib/test_input_rules.py``
checks that every CSV export goes through the same writer) neutralises formula injection."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from berakhlak.accounts.models import Role, RoleAssignment
from tests.factories import AgencyFactory, EmployeeFactory, PositionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

NASTY = {"=HYPERLINK(\"http://x.invalid\",\"klik\")": "'=HYPERLINK(\"http://x.invalid\",\"klik\")",
         "+62 812 0000": "'+62 812 0000", "-1+1": "'-1+1", "@SUM(A1:A9)": "'@SUM(A1:A9)",
         "\t=1+1": "'\t=1+1", "\r=1+1": "'\r=1+1", "Budi Santoso": "Budi Santoso"}


def test_formula_like_cells_are_written_as_text(client):
    agency = AgencyFactory(code="UJI")
    root = UnitFactory(agency=agency, code="ROOT", name="Badan Uji")
    unit = UnitFactory(parent=root, code="-U1", name="Unit")
    position = PositionFactory(agency=agency, name="=2+3")
    people = {name: EmployeeFactory(unit=unit, name=name, position=position, email="") for name in NASTY}
    hr = UserFactory(username="sdm")
    RoleAssignment.objects.create(user=hr, role=Role.AGENCY_HR, agency=agency)
    client.force_login(hr)
    response = client.get(reverse("org:employees_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    by_nip = {r["nip"]: r for r in rows}
    assert len(rows) == len(NASTY)
    for name, expected in NASTY.items():
        row = by_nip[people[name].nip]
        assert row["nama"] == expected
        assert row["unit_kode"] == "'-U1" and row["jabatan"] == "'=2+3"
        assert row["nip"] == people[name].nip  # digits untouched
    for row in rows:  # no cell a spreadsheet would run
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
