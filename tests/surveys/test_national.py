"""National result across agencies: the mean of the agency indices of agencies whose result is shown
(each agency weighs the same), and the ranking of agencies by improvement."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.surveys.indexing import index_compute
from berakhlak.surveys.models import Wave
from berakhlak.surveys.selectors import national_result
from berakhlak.surveys.services import responses_import
from tests.factories import AgencyFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
HEADER = "respondent,unit_kode," + ",".join(BEHAVIOUR_CODES) + "\n"


def load(agency, code, answers, n, write):
    path = write(f"{agency.code}-{code}.csv", HEADER + "".join(
        f"R{i},ROOT," + ",".join([str(answers)] * 21) + "\n" for i in range(n)))
    responses_import(source=path, agency=agency, wave_code=code, filename=path.name)
    wave = Wave.objects.get(agency=agency, code=code)
    Wave.objects.filter(pk=wave.pk).update(opens_on=f"{code}-09-01", closes_on=f"{code}-09-30")
    index_compute(wave=wave)


def test_national_mean_of_agencies_and_improvement_ranking(write, client):
    agencies = []
    for code in ("AAA", "BBB", "CCC"):
        agency = AgencyFactory(code=code)
        UnitFactory(agency=agency, code="ROOT")
        agencies.append(agency)
    # AAA: all 5 (100) with 50 people, BBB: all 3 (50) with 6 people, CCC: 3 people (below 5: left out)
    load(agencies[0], "2023", 4, 50, write)
    load(agencies[0], "2024", 5, 50, write)
    load(agencies[1], "2023", 3, 6, write)
    load(agencies[1], "2024", 3, 6, write)
    load(agencies[2], "2024", 1, 3, write)
    data = national_result(code="2024")
    assert data["national"]["agencies"] == 2
    assert data["national"]["overall"] == 75.0  # (100 + 50) / 2, not respondent-weighted (87.5)
    by = {a["agency"]: a for a in data["agencies"]}
    assert by["CCC"]["overall"] is None and by["CCC"]["respondents"] is None
    assert [(a["agency"], a["change"]) for a in data["improvement"]] == [("AAA", 25.0), ("BBB", 0.0)]
    out = io.StringIO()
    call_command("index", "show", "--wave", "2024", "--national", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["national"]["values"]["AD"] == 75.0
    # the page is the platform admin's only
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    page = client.get("/survei/nasional/?gelombang=2024")
    assert page.status_code == 200 and "AAA" in page.content.decode()
    client.force_login(UserFactory())
    assert client.get("/survei/nasional/").status_code == 404
