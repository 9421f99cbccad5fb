"""The SKP pages: each role sees its own, forms refuse bad input with a message, nothing leaks across scope."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from berakhlak.performance.models import (
    Evaluation,
    Evidence,
    Indicator,
    Skp,
    SkpStatus,
    WorkResult,
)
from berakhlak.performance.services import (
    evaluation_rate,
    indicator_save,
    realisation_save,
    result_save,
    skp_approve,
    skp_create,
    skp_submit,
)
from tests.performance.helpers import approved_skp


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client
    return as_




def test_the_employee_drafts_and_submits_from_the_pages(skp_org, login):
    c = login(skp_org["analis"].user)
    page = c.get(reverse("performance:home"))
    assert page.status_code == 200 and "Buat SKP 2024" in page.content.decode()
    resp = c.post(reverse("performance:skp_new"), {"year": skp_org["year"].pk})
    skp = Skp.objects.get(employee=skp_org["analis"])
    assert resp.status_code == 302 and resp["Location"] == reverse("performance:skp", args=[skp.pk])
    # an empty result is a form error, not a crash, and nothing is written
    bad = c.post(reverse("performance:result_add", args=[skp.pk]), {"kind": "UTAMA", "text": ""})
    assert bad.status_code == 422 and not WorkResult.objects.filter(skp=skp).exists()
    c.post(reverse("performance:result_add", args=[skp.pk]), {"kind": "UTAMA", "text": "Dokumen anjab"})
    result = WorkResult.objects.get(skp=skp)
    refused = c.post(reverse("performance:skp_action", args=[skp.pk, "ajukan"]))
    assert refused.status_code == 422 and "indikator" in refused.content.decode()
    c.post(reverse("performance:indicator_add", args=[skp.pk, result.pk]),
           {"aspect": "KUANTITAS", "text": "Jumlah dokumen", "target": "12 dokumen"})
    c.post(reverse("performance:skp_action", args=[skp.pk, "ajukan"]))
    assert Skp.objects.get(pk=skp.pk).status == SkpStatus.SUBMITTED


def test_the_rater_returns_with_a_reason_then_approves(skp_org, login):
    emp = skp_org["analis"]
    skp = skp_create(actor=emp.user, employee=emp, py=skp_org["year"])
    r = result_save(actor=emp.user, skp=skp, kind="UTAMA", text="Dokumen anjab")
    indicator_save(actor=emp.user, result=r, aspect="KUANTITAS", text="Jumlah", target="12")
    skp_submit(actor=emp.user, skp=skp)
    c = login(skp_org["kabag"].user)
    home = c.get(reverse("performance:home")).content.decode()
    assert "1 menunggu persetujuan" in home and emp.name in home
    no_reason = c.post(reverse("performance:skp_action", args=[skp.pk, "kembalikan"]), {"reason": ""})
    assert no_reason.status_code == 422 and Skp.objects.get(pk=skp.pk).status == SkpStatus.SUBMITTED
    c.post(reverse("performance:skp_action", args=[skp.pk, "kembalikan"]), {"reason": "Target belum terukur"})
    assert Skp.objects.get(pk=skp.pk).status == SkpStatus.RETURNED
    page = login(emp.user).get(reverse("performance:skp", args=[skp.pk])).content.decode()
    assert "Target belum terukur" in page


def test_realisation_evidence_and_rating_pages(skp_org, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    skp = approved_skp(skp_org)
    ind = skp.results.get().indicators.get()
    c = login(skp_org["analis"].user)
    url = reverse("performance:realisation", args=[skp.pk, "TW1", ind.pk])
    assert c.post(url, {"text": ""}).status_code == 422
    c.post(url, {"text": "3 dokumen selesai"})
    real = ind.realisations.get()
    ev_url = reverse("performance:evidence_add", args=[skp.pk, "TW1", real.pk])
    fake = SimpleUploadedFile("laporan.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = c.post(ev_url, {"file": fake})
    assert refused.status_code == 422 and "bukan .pdf" in refused.content.decode()
    good = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    assert c.post(ev_url, {"file": good, "note": "Laporan TW1"}).status_code == 302
    evidence = Evidence.objects.get()
    download = c.get(reverse("performance:evidence", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # someone outside the SKP cannot fetch the file
    assert login(skp_org["staff_b"][0].user).get(reverse("performance:evidence", args=[evidence.pk])).status_code == 404
    rater = login(skp_org["kabag"].user)
    page = rater.get(reverse("performance:period", args=[skp.pk, "TW1"])).content.decode()
    assert "3 dokumen selesai" in page and "Laporan TW1" in page and 'id="rating-form"' in page
    assert rater.post(reverse("performance:rate", args=[skp.pk, "TW1"]), {"hasil_kerja": "DIATAS"}).status_code == 422
    rater.post(reverse("performance:rate", args=[skp.pk, "TW1"]), {"hasil_kerja": "DIATAS", "perilaku_kerja": "DIATAS"})
    assert Evaluation.objects.get(skp=skp).predikat == "SANGAT_BAIK"
    page = login(skp_org["analis"].user).get(reverse("performance:period", args=[skp.pk, "TW1"])).content.decode()
    assert 'data-predikat="SANGAT_BAIK"' in page and 'id="rating-form"' not in page


def test_angka_kredit_shows_on_a_functional_positions_annual_rating(skp_org, login):
    skp = approved_skp(skp_org)
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    evaluation_rate(actor=skp_org["kabag"].user, skp=skp, period=annual, hasil_kerja="SESUAI", perilaku_kerja="SESUAI")
    page = login(skp_org["analis"].user).get(reverse("performance:period", args=[skp.pk, "TAHUNAN"])).content.decode()
    assert 'id="angka-kredit">25,000' in page and "Ahli Muda" in page


@pytest.mark.parametrize(("who", "sees"), [
    ("analis", True), ("kabag", True), ("kabiro_a", True), ("kepala", True),
    ("pelaksana", False), ("kabiro_b", False), ("outsider", False),
])
def test_an_skp_is_seen_by_its_employee_rater_heads_above_and_no_one_else(skp_org, login, who, sees):
    skp = approved_skp(skp_org)
    resp = login(skp_org[who].user).get(reverse("performance:skp", args=[skp.pk]))
    assert resp.status_code == (200 if sees else 404)


def test_hr_of_another_agency_sees_nothing(skp_org, login):
    skp = approved_skp(skp_org)
    c = login(skp_org["other_hr"])
    assert c.get(reverse("performance:skp", args=[skp.pk])).status_code == 404
    assert c.get(reverse("performance:period", args=[skp.pk, "TW1"])).status_code == 404
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    assert c.get(reverse("performance:distribution", args=[skp_org["root"].pk, annual.pk])).status_code == 404


def test_a_rater_delegates_from_the_home_page(skp_org, login):
    skp = skp_create(actor=skp_org["analis"].user, employee=skp_org["analis"], py=skp_org["year"])
    c = login(skp_org["kabag"].user)
    resp = c.post(reverse("performance:delegate"), {"year": skp_org["year"].pk, "delegate_nip": skp_org["kabiro_a"].nip,
                                                     "reason": "Tugas belajar"})
    assert resp.status_code == 302
    skp.refresh_from_db()
    assert skp.rater == skp_org["kabiro_a"] and skp.rater_delegated_from == skp_org["kabag"]
    again = c.post(reverse("performance:delegate"), {"year": skp_org["year"].pk, "delegate_nip": skp_org["kabiro_b"].nip,
                                                      "reason": "lagi"}, follow=True)
    assert "sudah mendelegasikan" in again.content.decode()


def _rated_biro_b(org):
    annual = org["year"].periods.get(code="TAHUNAN")
    for person, (h, p) in zip(org["staff_b"], [("SESUAI", "SESUAI"), ("DIATAS", "DIATAS"), ("DIBAWAH", "SESUAI")]):
        skp = skp_create(actor=person.user, employee=person, py=org["year"])
        r = result_save(actor=person.user, skp=skp, kind="UTAMA", text="Data terolah")
        indicator_save(actor=person.user, result=r, aspect="KUANTITAS", text="Jumlah data", target="100")
        skp_submit(actor=person.user, skp=skp)
        skp_approve(actor=org["kabiro_b"].user, skp=skp)
        evaluation_rate(actor=org["kabiro_b"].user, skp=skp, period=annual, hasil_kerja=h, perilaku_kerja=p)
    return annual


def test_the_distribution_page_shows_the_curve_and_sets_the_org_result(skp_org, login):
    annual = _rated_biro_b(skp_org)
    url = reverse("performance:distribution", args=[skp_org["biro_b"].pk, annual.pk])
    head = login(skp_org["kabiro_b"].user)
    page = head.get(url).content.decode()
    assert "<svg" in page and "Belum ditetapkan" in page
    # the head may not set their own unit's result; HR may
    assert head.post(reverse("performance:org_result", args=[skp_org["biro_b"].pk, annual.pk]),
                     {"result": "BAIK"}).status_code == 422
    hr = login(skp_org["hr"])
    hr.post(reverse("performance:org_result", args=[skp_org["biro_b"].pk, annual.pk]), {"result": "BAIK"})
    page = login(skp_org["kabiro_b"].user).get(url).content.decode()
    # 1 of 3 Baik (33 %) and one Butuh Perbaikan: the Baik pattern holds
    assert 'id="no-breach"' in page and 'id="breaches"' not in page
    assert login(skp_org["kabag"].user).get(url).status_code == 404  # a head of another unit
    assert login(skp_org["staff_b"][0].user).get(url).status_code == 404  # an employee


def test_the_recap_page_and_export_follow_the_scope(skp_org, login):
    _rated_biro_b(skp_org)
    hr = login(skp_org["hr"])
    page = hr.get(reverse("performance:recap")).content.decode()
    assert 'id="recap-employees">3<' in page and 'data-unit="BIRO-B"' in page
    export = hr.get(reverse("performance:recap_export") + "?year=2024")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    # the head of Biro A sees Biro A only: no rating there yet, and nothing of Biro B
    page = login(skp_org["kabiro_a"].user).get(reverse("performance:recap")).content.decode()
    assert 'id="recap-employees">0<' in page and "BIRO-B" not in page
    assert login(skp_org["analis"].user).get(reverse("performance:recap")).status_code == 404
    assert login(skp_org["other_hr"]).get(
        reverse("performance:recap") + f"?unit={skp_org['root'].pk}").content.decode().count("Kementerian X") == 0


def test_the_skp_and_evaluation_documents_download_within_scope(skp_org, login):
    skp = approved_skp(skp_org)
    tw1 = skp_org["year"].periods.get(code="TW1")
    evaluation_rate(actor=skp_org["kabag"].user, skp=skp, period=tw1, hasil_kerja="SESUAI", perilaku_kerja="SESUAI")
    c = login(skp_org["analis"].user)
    doc = c.get(reverse("performance:skp_pdf", args=[skp.pk]))
    assert doc.status_code == 200 and doc.content.startswith(b"%PDF") and skp_org["analis"].nip in doc["Content-Disposition"]
    ev = c.get(reverse("performance:evaluation_pdf", args=[skp.pk, "TW1"]))
    assert ev.status_code == 200 and ev.content.startswith(b"%PDF")
    assert login(skp_org["pelaksana"].user).get(reverse("performance:skp_pdf", args=[skp.pk])).status_code == 404


def _pages_queries(client, urls):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    return counts


def test_the_skp_and_period_pages_cost_the_same_queries_however_long_the_plan(skp_org, login):
    from berakhlak.performance.models import Evidence as Ev

    skp = approved_skp(skp_org)
    emp = skp_org["analis"]
    tw1 = skp_org["year"].periods.get(code="TW1")
    first = realisation_save(actor=emp.user, indicator=Indicator.objects.get(result__skp=skp), period=tw1, text="mulai")
    Ev.objects.create(realisation=first, link="https://contoh.go.id/bukti")
    c = login(skp_org["kabag"].user)
    urls = [reverse("performance:skp", args=[skp.pk]), reverse("performance:period", args=[skp.pk, "TW1"]),
            reverse("performance:period", args=[skp.pk, "TAHUNAN"])]
    small = _pages_queries(c, urls)
    # grow the plan: more results, indicators, realisations with evidence, feedback
    skp.status = "DRAFT"
    skp.save(update_fields=["status"])
    for i in range(4):
        r = result_save(actor=emp.user, skp=skp, kind="UTAMA" if i % 2 else "TAMBAHAN", text=f"Hasil {i}")
        for j in range(3):
            indicator_save(actor=emp.user, result=r, aspect="KUALITAS", text=f"Indikator {i}.{j}", target="100 %")
    skp.status = "APPROVED"
    skp.save(update_fields=["status"])
    for ind in Indicator.objects.filter(result__skp=skp).exclude(pk=first.indicator_id):
        real = realisation_save(actor=emp.user, indicator=ind, period=tw1, text="selesai")
        Ev.objects.create(realisation=real, link="https://contoh.go.id/bukti")
    assert _pages_queries(c, urls) == small


def test_the_distribution_page_costs_the_same_queries_however_many_people(skp_org, login):
    annual = _rated_biro_b(skp_org)
    c = login(skp_org["hr"])
    url = reverse("performance:distribution", args=[skp_org["root"].pk, annual.pk])
    before = _pages_queries(c, [url])
    for person in [skp_org["analis"], skp_org["pelaksana"], skp_org["junior"]]:
        skp = approved_skp(skp_org, person)
        evaluation_rate(actor=skp.rater.user, skp=skp, period=annual, hasil_kerja="SESUAI", perilaku_kerja="SESUAI")
    assert _pages_queries(c, [url]) == before


def test_the_skp_pages_speak_english_when_asked(skp_org, login, settings):
    skp = approved_skp(skp_org)
    c = login(skp_org["analis"].user)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = c.get(reverse("performance:skp", args=[skp.pk])).content.decode()
    assert "Work behaviour" in page and "Performance rater" in page and "Perilaku kerja" not in page
    period = c.get(reverse("performance:period", args=[skp.pk, "TW1"])).content.decode()
    assert "Continuous feedback" in period and "Quarter 1" in period


def test_a_returned_skp_is_corrected_in_place(skp_org, login):
    emp = skp_org["analis"]
    skp = skp_create(actor=emp.user, employee=emp, py=skp_org["year"])
    r = result_save(actor=emp.user, skp=skp, kind="UTAMA", text="Dokumen anjab")
    ind = indicator_save(actor=emp.user, result=r, aspect="KUANTITAS", text="Jumlah", target="banyak")
    c = login(emp.user)
    page = c.get(reverse("performance:skp", args=[skp.pk])).content.decode()
    assert f'id="edit{ind.pk}_target"' in page and 'value="banyak"' in page
    bad = c.post(reverse("performance:indicator_edit", args=[skp.pk, ind.pk]),
                 {"aspect": "KUANTITAS", "text": "Jumlah", "target": ""})
    assert bad.status_code == 422
    c.post(reverse("performance:indicator_edit", args=[skp.pk, ind.pk]),
           {"aspect": "KUANTITAS", "text": "Jumlah dokumen anjab", "target": "12 dokumen"})
    c.post(reverse("performance:result_edit", args=[skp.pk, r.pk]), {"kind": "UTAMA", "text": "Dokumen anjab unit A1"})
    ind.refresh_from_db()
    r.refresh_from_db()
    assert (ind.target, r.text) == ("12 dokumen", "Dokumen anjab unit A1")
    # the rater may not edit the employee's plan
    assert login(skp_org["kabag"].user).post(
        reverse("performance:indicator_edit", args=[skp.pk, ind.pk]),
        {"aspect": "KUANTITAS", "text": "x", "target": "1"}).status_code == 422


def test_feedback_names_what_it_is_about(skp_org, login):
    skp = approved_skp(skp_org)
    ind = Indicator.objects.get(result__skp=skp)
    c = login(skp_org["kabag"].user)
    url = reverse("performance:feedback", args=[skp.pk, "TW1"])
    c.post(url, {"about": f"ind-{ind.pk}", "text": "Dokumen TW1 rapi"})
    c.post(url, {"about": "val-KL", "text": "Libatkan unit lain"})
    assert c.post(url, {"about": "val-??", "text": "x"}).status_code == 422  # not a choice
    page = login(skp_org["analis"].user).get(reverse("performance:period", args=[skp.pk, "TW1"])).content.decode()
    assert "Hasil kerja: Jumlah dokumen anjab" in page and "Perilaku kerja: Kolaboratif" in page
