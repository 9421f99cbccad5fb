"""The 360 result beside the SKP rating form (issue #5, item 5): the weighted score and the suggested
rating of perilaku kerja are shown to the rater as evidence; the rater still decides."""

from __future__ import annotations

from django.urls import reverse

from berakhlak.feedback360 import services
from berakhlak.feedback360.models import Assignment
from berakhlak.performance.services import year_setup
from tests.feedback360.conftest import answer, approve_all, open_cycle
from tests.performance.helpers import approved_skp


def test_the_rater_sees_the_360_suggestion_beside_the_rating_form_and_decides(client, org360):
    p = org360["people"]
    a1 = p["a1"]
    cycle = open_cycle(org360)  # informs SKP 2025
    approve_all(cycle, org360)
    for a in Assignment.objects.filter(cycle=cycle, ratee=a1, status="OPEN").select_related("rater"):
        answer(cycle, a.rater, a1, 5 if a.relationship == "SELF" else 2)
    services.cycle_close(actor=org360["hr"], cycle=cycle)
    py = year_setup(actor=org360["hr"], agency=org360["agency"], year=2025)
    skp = approved_skp({**p, "year": py}, who="a1")
    assert skp.rater_id == p["kabiro_a"].pk
    client.force_login(p["kabiro_a"].user)
    html = client.get(reverse("performance:period", args=[skp.pk, "TW1"])).content.decode()
    assert 'id="evidence-360"' in html
    # everyone but oneself answered 2 → weighted 2,00 → under 3,00 → Di Bawah Ekspektasi
    assert 'id="ev360-score">2,00<' in html
    assert "Di Bawah Ekspektasi</strong>" in html[html.index('id="ev360-suggestion"'):][:80]
    # the rater decides otherwise: the form accepts Sesuai
    r = client.post(reverse("performance:rate", args=[skp.pk, "TW1"]),
                    {"hasil_kerja": "SESUAI", "perilaku_kerja": "SESUAI", "note": ""})
    assert r.status_code == 302
    # the employee's own period page has no rating form and no evidence box
    client.force_login(a1.user)
    assert 'id="evidence-360"' not in client.get(reverse("performance:period", args=[skp.pk, "TW2"])).content.decode()


def test_no_evidence_box_without_a_computed_cycle_for_that_year(client, org360):
    p = org360["people"]
    py = year_setup(actor=org360["hr"], agency=org360["agency"], year=2025)
    skp = approved_skp({**p, "year": py}, who="a1")
    client.force_login(p["kabiro_a"].user)
    html = client.get(reverse("performance:period", args=[skp.pk, "TW1"])).content.decode()
    assert 'id="rating-form"' in html and 'id="evidence-360"' not in html
