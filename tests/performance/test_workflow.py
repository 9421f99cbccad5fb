"""The SKP journey through the services: who may do what, in which state, and what the audit keeps."""

from __future__ import annotations

import pytest

from berakhlak.audit.models import AuditEvent
from berakhlak.performance.models import Evaluation, OrgPerformance, Skp, SkpStatus
from berakhlak.performance.services import (
    PerformanceError,
    delegation_create,
    evaluation_rate,
    expectation_set,
    feedback_add,
    indicator_save,
    org_result_set,
    rater_resolve,
    realisation_save,
    result_save,
    skp_approve,
    skp_create,
    skp_reopen,
    skp_return,
    skp_submit,
    skp_update,
    unit_finalise,
)
from tests.performance.helpers import approved_skp


def _plan(skp, actor):
    r = result_save(actor=actor, skp=skp, kind="UTAMA", text="Terlaksananya analisis jabatan")
    indicator_save(actor=actor, result=r, aspect="KUANTITAS", text="Jumlah dokumen anjab", target="12 dokumen")
    return r



@pytest.mark.parametrize(("who", "rater"), [
    ("analis", "kabag"),          # direct superior at pengawas level
    ("junior", "kabag"),          # superior is a pelaksana: the next one up
    ("kabag", "kabiro_a"),
    ("kabiro_a", "sekretaris"),   # an administrator is rated by the JPT above
    ("sekretaris", "kepala"),     # a JPT is rated by the agency head
])
def test_the_pejabat_penilai_is_found_up_the_chain(skp_org, who, rater):
    found, delegated = rater_resolve(skp_org[who], skp_org["year"])
    assert found == skp_org[rater] and delegated is None


def test_the_agency_head_has_no_rater_on_the_platform_and_hr_acts(skp_org):
    head = skp_org["kepala"]
    skp = skp_create(actor=head.user, employee=head, py=skp_org["year"])
    assert skp.rater is None
    _plan(skp, head.user)
    skp_submit(actor=head.user, skp=skp)
    skp_approve(actor=skp_org["hr"], skp=skp)
    assert Skp.objects.get(pk=skp.pk).status == SkpStatus.APPROVED


def test_delegation_moves_open_skps_and_is_recorded(skp_org):
    skp = skp_create(actor=skp_org["analis"].user, employee=skp_org["analis"], py=skp_org["year"])
    delegation_create(actor=skp_org["kabag"].user, py=skp_org["year"], delegator=skp_org["kabag"],
                      delegate=skp_org["kabiro_a"], reason="Cuti besar")
    skp.refresh_from_db()
    assert skp.rater == skp_org["kabiro_a"] and skp.rater_delegated_from == skp_org["kabag"]
    # a new SKP after the delegation goes to the delegate too
    other = skp_create(actor=skp_org["pelaksana"].user, employee=skp_org["pelaksana"], py=skp_org["year"])
    assert other.rater == skp_org["kabiro_a"] and other.rater_delegated_from == skp_org["kabag"]
    with pytest.raises(PerformanceError):
        delegation_create(actor=skp_org["analis"].user, py=skp_org["year"], delegator=skp_org["kabiro_a"],
                          delegate=skp_org["kabag"], reason="bukan wewenang")


def test_only_the_employee_edits_a_draft_and_only_the_rater_approves(skp_org):
    analis, kabag = skp_org["analis"], skp_org["kabag"]
    skp = skp_create(actor=analis.user, employee=analis, py=skp_org["year"])
    with pytest.raises(PerformanceError):
        result_save(actor=kabag.user, skp=skp, kind="UTAMA", text="ditulis atasan")
    with pytest.raises(PerformanceError, match="hasil kerja utama"):
        skp_submit(actor=analis.user, skp=skp)
    _plan(skp, analis.user)
    skp_update(actor=analis.user, skp=skp, dukungan_sumber_daya="Akses SIASN")
    skp_submit(actor=analis.user, skp=skp)
    with pytest.raises(PerformanceError):
        skp_approve(actor=analis.user, skp=skp)          # not the rater
    with pytest.raises(PerformanceError):
        skp_approve(actor=skp_org["kabiro_a"].user, skp=skp)  # not the rater either
    with pytest.raises(PerformanceError):
        result_save(actor=analis.user, skp=skp, kind="UTAMA", text="terlambat")  # submitted: not editable
    with pytest.raises(PerformanceError, match="alasan"):
        skp_return(actor=kabag.user, skp=skp, reason="  ")
    skp_return(actor=kabag.user, skp=skp, reason="Target belum terukur")
    skp.refresh_from_db()
    assert skp.status == SkpStatus.RETURNED and skp.returned_reason == "Target belum terukur"
    result_save(actor=analis.user, skp=skp, kind="TAMBAHAN", text="Narasumber sosialisasi")
    skp_submit(actor=analis.user, skp=skp)
    skp_approve(actor=kabag.user, skp=skp)
    skp.refresh_from_db()
    assert skp.status == SkpStatus.APPROVED and skp.returned_reason == ""
    actions = list(AuditEvent.objects.filter(object_type="performance.skp", object_id=str(skp.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["skp.create", "skp.update", "skp.submit", "skp.return", "skp.submit", "skp.approve"]
    ret = AuditEvent.objects.get(action="skp.return", object_id=str(skp.pk))
    assert ret.before == {"status": "SUBMITTED"} and ret.after["reason"] == "Target belum terukur"
    assert ret.actor == kabag.user


def test_the_cascade_comes_from_the_superiors_approved_skp(skp_org):
    kabag_skp = approved_skp(skp_org, "kabag")
    boss_result = kabag_skp.results.get()
    analis = skp_org["analis"]
    skp = skp_create(actor=analis.user, employee=analis, py=skp_org["year"])
    r = result_save(actor=analis.user, skp=skp, kind="UTAMA", text="Dokumen anjab unit A1", supports=boss_result)
    assert r.supports == boss_result
    stranger = approved_skp(skp_org, "kabiro_b").results.get()
    with pytest.raises(PerformanceError, match="atasan"):
        result_save(actor=analis.user, skp=skp, kind="UTAMA", text="x", supports=stranger)


def test_the_leaders_expectations_are_written_by_the_rater_before_approval(skp_org):
    analis, kabag = skp_org["analis"], skp_org["kabag"]
    skp = skp_create(actor=analis.user, employee=analis, py=skp_org["year"])
    assert skp.expectations.count() == 7
    expectation_set(actor=kabag.user, skp=skp, value_code="AD", text="Mencoba aplikasi baru tiap triwulan")
    with pytest.raises(PerformanceError):
        expectation_set(actor=analis.user, skp=skp, value_code="AD", text="oleh pegawai")
    assert skp.expectations.get(value_code="AD").text == "Mencoba aplikasi baru tiap triwulan"


def test_rating_gives_the_matrix_predikat_and_a_final_skp_is_read_only(skp_org):
    skp = approved_skp(skp_org)
    kabag, analis = skp_org["kabag"], skp_org["analis"]
    tw1 = skp_org["year"].periods.get(code="TW1")
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    ind = skp.results.get().indicators.get()
    realisation_save(actor=analis.user, indicator=ind, period=tw1, text="3 dokumen selesai")
    with pytest.raises(PerformanceError):
        realisation_save(actor=kabag.user, indicator=ind, period=tw1, text="oleh atasan")
    feedback_add(actor=kabag.user, skp=skp, period=tw1, text="Bagus, pertahankan")
    feedback_add(actor=analis.user, skp=skp, period=tw1, text="Terima kasih")
    with pytest.raises(PerformanceError):
        evaluation_rate(actor=analis.user, skp=skp, period=tw1, hasil_kerja="DIATAS", perilaku_kerja="DIATAS")
    ev = evaluation_rate(actor=kabag.user, skp=skp, period=tw1, hasil_kerja="DIATAS", perilaku_kerja="DIBAWAH")
    assert ev.predikat == "KURANG"
    assert Skp.objects.get(pk=skp.pk).status == SkpStatus.APPROVED
    ev = evaluation_rate(actor=kabag.user, skp=skp, period=annual, hasil_kerja="DIATAS", perilaku_kerja="DIATAS")
    assert ev.predikat == "SANGAT_BAIK" and ev.unit_id == skp_org["bag_a1"].pk
    assert Skp.objects.get(pk=skp.pk).status == SkpStatus.EVALUATED
    with pytest.raises(PerformanceError):
        evaluation_rate(actor=kabag.user, skp=skp, period=annual, hasil_kerja="BAGUS", perilaku_kerja="DIATAS")
    OrgPerformance.objects.create(unit=skp_org["bag_a1"], period=annual, result="ISTIMEWA")
    # one Sangat Baik of one is above the 70 % an Istimewa unit allows
    unit_finalise(actor=kabag.user, unit=skp_org["bag_a1"], period=annual, override_reason="Satu-satunya yang dinilai")
    skp.refresh_from_db()
    assert skp.status == SkpStatus.FINAL and Evaluation.objects.get(pk=ev.pk).is_final
    with pytest.raises(PerformanceError, match="final"):
        evaluation_rate(actor=kabag.user, skp=skp, period=annual, hasil_kerja="SESUAI", perilaku_kerja="SESUAI")
    with pytest.raises(PerformanceError):
        feedback_add(actor=kabag.user, skp=skp, text="setelah final")
    with pytest.raises(PerformanceError, match="alasan"):
        skp_reopen(actor=kabag.user, skp=skp, reason="")
    skp_reopen(actor=kabag.user, skp=skp, reason="Salah input perilaku")
    skp.refresh_from_db()
    assert skp.status == SkpStatus.EVALUATED and not Evaluation.objects.get(pk=ev.pk).is_final
    trace = AuditEvent.objects.get(action="skp.reopen", object_id=str(skp.pk))
    assert trace.before == {"status": "FINAL"} and trace.after["reason"] == "Salah input perilaku"


def test_a_unit_head_receives_the_units_result_as_hasil_kerja(skp_org):
    skp = approved_skp(skp_org, "kabag")
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    rater = skp_org["kabiro_a"]
    with pytest.raises(PerformanceError, match="capaian kinerja organisasi"):
        evaluation_rate(actor=rater.user, skp=skp, period=annual, hasil_kerja="DIATAS", perilaku_kerja="SESUAI")
    with pytest.raises(PerformanceError):  # a head does not set their own unit's result
        org_result_set(actor=skp_org["kabag"].user, unit=skp_org["bag_a1"], period=annual, result="ISTIMEWA")
    org_result_set(actor=rater.user, unit=skp_org["bag_a1"], period=annual, result="BUTUH_PERBAIKAN")
    ev = evaluation_rate(actor=rater.user, skp=skp, period=annual, hasil_kerja="DIATAS", perilaku_kerja="SESUAI")
    assert (ev.rating_hasil_kerja, ev.hasil_from_org, ev.predikat) == ("DIBAWAH", True, "BUTUH_PERBAIKAN")


def test_finalising_a_breaking_distribution_needs_a_reason_that_is_kept(skp_org):
    annual = skp_org["year"].periods.get(code="TAHUNAN")
    kabiro_b, hr = skp_org["kabiro_b"], skp_org["hr"]
    for person in skp_org["staff_b"]:
        skp = skp_create(actor=person.user, employee=person, py=skp_org["year"])
        _plan(skp, person.user)
        skp_submit(actor=person.user, skp=skp)
        skp_approve(actor=kabiro_b.user, skp=skp)
        evaluation_rate(actor=kabiro_b.user, skp=skp, period=annual, hasil_kerja="SESUAI", perilaku_kerja="SESUAI")
    org_result_set(actor=hr, unit=skp_org["biro_b"], period=annual, result="BAIK")
    # 3 of 3 Baik: above 70 % and nobody in Butuh Perbaikan / Kurang
    with pytest.raises(PerformanceError, match="alasan"):
        unit_finalise(actor=kabiro_b.user, unit=skp_org["biro_b"], period=annual)
    assert not Evaluation.objects.filter(is_final=True).exists()
    with pytest.raises(PerformanceError):  # a head of another unit may not
        unit_finalise(actor=skp_org["kabag"].user, unit=skp_org["biro_b"], period=annual, override_reason="x")
    result = unit_finalise(actor=kabiro_b.user, unit=skp_org["biro_b"], period=annual,
                           override_reason="Unit kecil; semua memenuhi target")
    assert result.evaluations == 3 and result.skps == 3
    fin = result.finalisation
    assert fin.counts["BAIK"] == 3 and {b["kind"] for b in fin.breaches} == {"max", "some"}
    assert fin.override_reason == "Unit kecil; semua memenuhi target"
    event = AuditEvent.objects.get(action="skp.finalise")
    assert event.actor == kabiro_b.user and event.after["override_reason"] == fin.override_reason


def test_no_one_acts_on_another_agencys_skp(skp_org):
    skp = skp_create(actor=skp_org["analis"].user, employee=skp_org["analis"], py=skp_org["year"])
    with pytest.raises(PerformanceError):
        skp_update(actor=skp_org["other_hr"], skp=skp, konsekuensi="x")
    with pytest.raises(PerformanceError):
        skp_create(actor=skp_org["other_hr"], employee=skp_org["pelaksana"], py=skp_org["year"])
    with pytest.raises(PerformanceError):
        skp_create(actor=skp_org["outsider"].user, employee=skp_org["outsider"], py=skp_org["year"])


def test_main_results_come_before_additional_ones(skp_org):
    from berakhlak.performance.selectors import skp_view

    analis = skp_org["analis"]
    skp = skp_create(actor=analis.user, employee=analis, py=skp_org["year"])
    result_save(actor=analis.user, skp=skp, kind="TAMBAHAN", text="Narasumber")
    result_save(actor=analis.user, skp=skp, kind="UTAMA", text="Anjab")
    assert [r.kind for r in skp_view(skp).results] == ["UTAMA", "TAMBAHAN"]


def test_feedback_is_about_an_indicator_a_value_or_the_whole_skp(skp_org):
    skp = approved_skp(skp_org)
    kabag = skp_org["kabag"]
    ind = skp.results.get().indicators.get()
    fb = feedback_add(actor=kabag.user, skp=skp, text="Target TW1 sudah tercapai", indicator=ind)
    assert fb.indicator == ind and fb.value_code == ""
    fb = feedback_add(actor=kabag.user, skp=skp, text="Lebih proaktif", value_code="AD")
    assert fb.value_code == "AD" and fb.indicator is None
    with pytest.raises(PerformanceError):
        feedback_add(actor=kabag.user, skp=skp, text="x", value_code="ZZ")
    other = approved_skp(skp_org, "pelaksana").results.get().indicators.get()
    with pytest.raises(PerformanceError):
        feedback_add(actor=kabag.user, skp=skp, text="x", indicator=other)


def test_the_leaders_expectations_are_saved_all_or_none(skp_org):
    from berakhlak.performance.services import expectations_set

    analis, kabag = skp_org["analis"], skp_org["kabag"]
    skp = skp_create(actor=analis.user, employee=analis, py=skp_org["year"])
    with pytest.raises(PerformanceError):
        expectations_set(actor=kabag.user, skp=skp, texts={"AD": "Mencoba aplikasi baru", "ZZ": "tidak ada"})
    assert skp.expectations.get(value_code="AD").text == ""
    expectations_set(actor=kabag.user, skp=skp, texts={"AD": "Mencoba aplikasi baru", "KL": "Libatkan unit lain"})
    assert dict(skp.expectations.exclude(text="").values_list("value_code", "text")) == {
        "AD": "Mencoba aplikasi baru", "KL": "Libatkan unit lain"}
