"""Writes of employee performance (SKP). Each service runs in one transaction, checks who may act
through ``berakhlak.performance.rules.transition`` and writes an audit row (who, when, before, after).

Who holds which role on an SKP (``roles_on``):
- EMPLOYEE: the SKP's own employee;
- RATER: its Pejabat Penilai Kinerja (or, when nobody on the platform is, the agency's HR);
- HEAD: a head of the SKP's unit or of a unit above it;
- HR: the agency's HR and the platform admin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from berakhlak.accounts.scope import Scope, scope_for
from berakhlak.audit.services import audit_record
from berakhlak.framework.models import CoreValue
from berakhlak.lib.links import link_problem
from berakhlak.org.models import Agency, Employee, Unit
from berakhlak.performance import rules
from berakhlak.performance.models import (
    RESULT_ORDER,
    BehaviourExpectation,
    Delegation,
    Evaluation,
    Evidence,
    Feedback,
    Finalisation,
    Indicator,
    OrgPerformance,
    PerformanceYear,
    Period,
    Realisation,
    ResultKind,
    Skp,
    SkpStatus,
    Source,
    WorkResult,
)
from berakhlak.performance.selectors import org_result_for, predikat_counts


class PerformanceError(ValueError):
    """A request the SKP rules refuse (the message is shown as is)."""


# --- years and periods ------------------------------------------------------------------------------

def year_setup(*, actor, agency: Agency, year: int, frequency: str = rules.QUARTERLY) -> PerformanceYear:
    """Open an SKP year for ``agency`` with its periods (idempotent). The frequency may change only while
    no periodic rating exists."""
    try:
        specs = rules.periods_for(year, frequency)
    except rules.RuleError as exc:
        raise PerformanceError(str(exc)) from None
    with transaction.atomic():
        py, created = PerformanceYear.objects.select_for_update().get_or_create(
            agency=agency, year=year, defaults={"frequency": frequency})
        before = None if created else {"frequency": py.frequency}
        if not created and py.frequency != frequency:
            if Evaluation.objects.filter(period__year=py).exclude(period__code=rules.ANNUAL).exists():
                raise PerformanceError(_("Frekuensi tidak bisa diubah: sudah ada penilaian periodik."))
            Period.objects.filter(year=py).exclude(code=rules.ANNUAL).delete()
            py.frequency = frequency
            py.save(update_fields=["frequency"])
        existing = set(Period.objects.filter(year=py).values_list("code", flat=True))
        Period.objects.bulk_create([
            Period(year=py, code=s.code, order=s.order, starts_on=s.starts_on, ends_on=s.ends_on,
                   label_id=s.label_id, label_en=s.label_en) for s in specs if s.code not in existing])
        if created or before != {"frequency": frequency}:
            audit_record(actor=actor, action="skp.year_setup", agency=agency, obj=py, before=before,
                         after={"year": year, "frequency": frequency})
    return py


# --- the Pejabat Penilai Kinerja ---------------------------------------------------------------------

def agency_head(agency_id: int) -> Employee | None:
    """The head of the agency's root unit (stands in for the minister who rates a JPT)."""
    root = Unit.objects.filter(agency_id=agency_id, parent__isnull=True).select_related("head__position").first()
    return root.head if root and root.head_id else None


def rater_resolve(employee: Employee, py: PerformanceYear) -> tuple[Employee | None, Employee | None]:
    """(rater, delegated_from) for ``employee`` in year ``py`` (``rules.rater_for`` plus delegation).
    Walks the superior chain one level per query (a chain is a handful of levels)."""
    chain: list[Employee] = []
    seen = {employee.pk}
    boss_id = employee.superior_id
    while boss_id and boss_id not in seen and len(chain) < 20:
        boss = Employee.objects.select_related("position").filter(pk=boss_id).first()
        if boss is None:
            break
        chain.append(boss)
        seen.add(boss.pk)
        boss_id = boss.superior_id
    head = agency_head(employee.agency_id)
    people = {e.pk: e for e in [*chain, *([head] if head else [])]}

    def person(e: Employee) -> rules.Person:
        return rules.Person(e.pk, e.position.kind if e.position_id else None)

    chosen = rules.rater_for(person(employee), [person(e) for e in chain], person(head) if head else None)
    if chosen is None:
        return None, None
    rater = people[chosen.id]
    delegation = Delegation.objects.select_related("delegate").filter(year=py, delegator=rater).first()
    if delegation is not None and delegation.delegate_id != employee.pk:
        return delegation.delegate, rater
    return rater, None


def delegation_create(*, actor, py: PerformanceYear, delegator: Employee, delegate: Employee,
                      reason: str) -> Delegation:
    """Delegate the authority to rate (for ``py``) from ``delegator`` to ``delegate``; the SKPs not yet final
    that ``delegator`` rates move to ``delegate``, recorded as delegated."""
    if not reason.strip():
        raise PerformanceError(_("Alasan delegasi wajib diisi."))
    if delegator.pk == delegate.pk:
        raise PerformanceError(_("Delegasi kepada diri sendiri tidak bisa."))
    if delegator.agency_id != py.agency_id or delegate.agency_id != py.agency_id:
        raise PerformanceError(_("Delegasi hanya di dalam instansi yang sama."))
    scope = scope_for(actor)
    if not (scope.platform_admin or py.agency_id in scope.hr_agency_ids or scope.employee_id == delegator.pk):
        raise PerformanceError(_("Hanya pejabat penilai sendiri atau SDM yang dapat mendelegasikan."))
    with transaction.atomic():
        d = Delegation.objects.create(agency_id=py.agency_id, year=py, delegator=delegator, delegate=delegate,
                                      reason=reason.strip(), created_by=actor)
        moved = (Skp.objects.filter(year=py, rater=delegator).exclude(status=SkpStatus.FINAL)
                 .exclude(employee=delegate).update(rater=delegate, rater_delegated_from=delegator))
        audit_record(actor=actor, action="skp.delegate", agency=py.agency, obj=d,
                     after={"delegator": delegator.nip, "delegate": delegate.nip, "reason": d.reason, "skps": moved})
    return d


# --- roles and the workflow -------------------------------------------------------------------------

def roles_on(skp: Skp, scope: Scope) -> frozenset[str]:
    roles = set()
    if scope.employee_id and scope.employee_id == skp.employee_id:
        roles.add(rules.EMPLOYEE)
    hr = scope.platform_admin or skp.year.agency_id in scope.hr_agency_ids
    if scope.employee_id and scope.employee_id == skp.rater_id:
        roles.add(rules.RATER)
    if skp.rater_id is None and hr:
        roles.add(rules.RATER)  # nobody on the platform rates this person (e.g. the agency head): HR acts
    if any(skp.unit.path.startswith(p) for p in scope.head_paths) and scope.employee_id != skp.employee_id:
        roles.add(rules.HEAD)
    if hr:
        roles.add(rules.HR)
    return frozenset(roles)


def _check(skp: Skp, actor, action: str, reason: str = "") -> str:
    try:
        return rules.transition(skp.status, action, roles_on(skp, scope_for(actor)), reason)
    except rules.RuleError as exc:
        raise PerformanceError(str(exc)) from None


def _locked(skp: Skp) -> Skp:
    return Skp.objects.select_for_update(of=("self",)).select_related(
        "year__agency", "unit", "employee", "rater").get(pk=skp.pk)


def _audit(actor, action: str, skp: Skp, before=None, after=None, obj=None) -> None:
    audit_record(actor=actor, action=action, agency=skp.year.agency, obj=obj or skp, before=before, after=after)


def skp_create(*, actor, employee: Employee, py: PerformanceYear, style: str = "QUALITATIVE") -> Skp:
    """Start the SKP of ``employee`` for ``py`` (by the employee or HR): a draft with a snapshot of unit,
    position, rater and framework version, and one empty "ekspektasi khusus" per core value."""
    scope = scope_for(actor)
    if not (scope.employee_id == employee.pk or scope.platform_admin or employee.agency_id in scope.hr_agency_ids):
        raise PerformanceError(_("Hanya pegawai sendiri atau SDM yang dapat membuat SKP."))
    if employee.agency_id != py.agency_id:
        raise PerformanceError(_("Tahun kinerja milik instansi lain."))
    rater, delegated_from = rater_resolve(employee, py)
    with transaction.atomic():
        if Skp.objects.filter(year=py, employee=employee).exists():
            raise PerformanceError(_("SKP tahun ini sudah ada."))
        version_id = py.agency.framework_version_id
        skp = Skp.objects.create(year=py, employee=employee, unit_id=employee.unit_id, position_id=employee.position_id,
                                 rater=rater, rater_delegated_from=delegated_from, framework_version_id=version_id,
                                 style=style)
        codes = CoreValue.objects.filter(version_id=version_id).order_by("order").values_list("code", flat=True)
        BehaviourExpectation.objects.bulk_create([BehaviourExpectation(skp=skp, value_code=c) for c in codes])
        _audit(actor, "skp.create", skp, after={"employee": employee.nip, "year": py.year,
                                                "rater": rater.nip if rater else None,
                                                "delegated_from": delegated_from.nip if delegated_from else None})
    return skp


LAMPIRAN = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


def skp_update(*, actor, skp: Skp, **fields) -> Skp:
    """Edit a draft's style and Lampiran (employee only, while draft or returned)."""
    allowed = {"style", *LAMPIRAN}
    unknown = set(fields) - allowed
    if unknown:
        raise PerformanceError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        skp = _locked(skp)
        _check(skp, actor, "edit")
        before = {k: getattr(skp, k) for k in fields}
        for k, v in fields.items():
            setattr(skp, k, v.strip() if isinstance(v, str) else v)
        skp.save(update_fields=list(fields))
        _audit(actor, "skp.update", skp, before=before, after={k: getattr(skp, k) for k in fields})
    return skp


def cascade_candidates(skp: Skp) -> list[WorkResult]:
    """The hasil kerja the employee may support: those of the direct superior's approved SKP of the same
    year, else of the rater's (PermenPANRB 6/2022: "rencana hasil kerja atasan yang diintervensi")."""
    superiors = [i for i in (skp.employee.superior_id, skp.rater_id) if i]
    ok = (SkpStatus.APPROVED, SkpStatus.EVALUATED, SkpStatus.FINAL)
    for boss_id in superiors:
        boss_skp = Skp.objects.filter(year=skp.year, employee_id=boss_id, status__in=ok).first()
        if boss_skp is not None:
            return list(WorkResult.objects.filter(skp=boss_skp).order_by(*RESULT_ORDER))
    return []


def result_save(*, actor, skp: Skp, kind: str, text: str, supports: WorkResult | None = None,
                supports_text: str = "", result: WorkResult | None = None) -> WorkResult:
    """Add (or, with ``result``, change) a rencana hasil kerja of a draft."""
    text = text.strip()
    if not text:
        raise PerformanceError(_("Rencana hasil kerja wajib diisi."))
    if kind not in ResultKind.values:
        raise PerformanceError(_("Jenis hasil kerja tidak dikenal."))
    with transaction.atomic():
        skp = _locked(skp)
        _check(skp, actor, "edit")
        if supports is not None and supports.pk not in {r.pk for r in cascade_candidates(skp)}:
            raise PerformanceError(_("Hasil kerja atasan harus dari SKP atasan yang sudah disetujui."))
        before = None
        if result is None:
            order = WorkResult.objects.filter(skp=skp, kind=kind).count() + 1
            result = WorkResult(skp=skp, kind=kind, order=order)
        else:
            if result.skp_id != skp.pk:
                raise PerformanceError("result of another SKP")
            before = {"kind": result.kind, "text": result.text, "supports": result.supports_id,
                      "supports_text": result.supports_text}
        result.kind, result.text, result.supports, result.supports_text = kind, text, supports, supports_text.strip()
        result.save()
        _audit(actor, "skp.result_save", skp, before=before, obj=result,
               after={"kind": kind, "text": text, "supports": result.supports_id, "supports_text": result.supports_text})
    return result


def result_delete(*, actor, result: WorkResult) -> None:
    with transaction.atomic():
        skp = _locked(result.skp)
        _check(skp, actor, "edit")
        _audit(actor, "skp.result_delete", skp, obj=result, before={"kind": result.kind, "text": result.text})
        result.delete()


def indicator_save(*, actor, result: WorkResult, aspect: str, text: str, target: str,
                   target_value: Decimal | None = None, target_unit: str = "",
                   indicator: Indicator | None = None) -> Indicator:
    """Add (or change) an indikator kinerja individu with its aspect and target."""
    if not text.strip() or not target.strip():
        raise PerformanceError(_("Indikator dan target wajib diisi."))
    with transaction.atomic():
        skp = _locked(result.skp)
        _check(skp, actor, "edit")
        if skp.style == "QUANTITATIVE" and target_value is None:
            raise PerformanceError(_("SKP kuantitatif: target harus berupa angka."))
        before = None
        if indicator is None:
            indicator = Indicator(result=result)
        else:
            before = {"aspect": indicator.aspect, "text": indicator.text, "target": indicator.target}
        indicator.aspect, indicator.text, indicator.target = aspect, text.strip(), target.strip()
        indicator.target_value, indicator.target_unit = target_value, target_unit.strip()
        indicator.full_clean(exclude=["result"])
        indicator.save()
        _audit(actor, "skp.indicator_save", skp, obj=indicator, before=before,
               after={"aspect": aspect, "text": indicator.text, "target": indicator.target,
                      "target_value": str(target_value) if target_value is not None else None})
    return indicator


def indicator_delete(*, actor, indicator: Indicator) -> None:
    with transaction.atomic():
        skp = _locked(indicator.result.skp)
        _check(skp, actor, "edit")
        _audit(actor, "skp.indicator_delete", skp, obj=indicator, before={"text": indicator.text})
        indicator.delete()


def expectation_set(*, actor, skp: Skp, value_code: str, text: str) -> BehaviourExpectation:
    """The leader's "ekspektasi khusus" for one core value (see ``expectations_set``)."""
    return expectations_set(actor=actor, skp=skp, texts={value_code: text})[0]


def expectations_set(*, actor, skp: Skp, texts: Mapping[str, str]) -> list[BehaviourExpectation]:
    """The leader's "ekspektasi khusus" for some core values (``{value code: text}``), all or none: the
    rater writes them while the plan is open; one audit row per value."""
    with transaction.atomic():
        skp = _locked(skp)
        if rules.RATER not in roles_on(skp, scope_for(actor)):
            raise PerformanceError(_("Ekspektasi khusus ditulis oleh pejabat penilai kinerja."))
        if skp.status not in (SkpStatus.DRAFT, SkpStatus.SUBMITTED, SkpStatus.RETURNED):
            raise PerformanceError(_("Ekspektasi hanya bisa diubah sebelum SKP disetujui."))
        by_code = {e.value_code: e for e in BehaviourExpectation.objects.filter(skp=skp, value_code__in=list(texts))}
        if set(texts) - set(by_code):
            raise PerformanceError(_("Nilai tidak dikenal."))
        for value_code, text in texts.items():
            exp = by_code[value_code]
            before = exp.text
            exp.text = text.strip()
            exp.save(update_fields=["text"])
            _audit(actor, "skp.expectation_set", skp, obj=exp, before={value_code: before},
                   after={value_code: exp.text})
    return [by_code[c] for c in texts]


def skp_submit(*, actor, skp: Skp) -> Skp:
    with transaction.atomic():
        skp = _locked(skp)
        new = _check(skp, actor, "submit")
        utama = WorkResult.objects.filter(skp=skp, kind=ResultKind.UTAMA).annotate(n=Count("indicators"))
        if not utama.exists():
            raise PerformanceError(_("Isi paling sedikit satu hasil kerja utama."))
        if utama.filter(n=0).exists():
            raise PerformanceError(_("Setiap hasil kerja utama perlu paling sedikit satu indikator dan target."))
        before = skp.status
        skp.status, skp.submitted_at, skp.returned_reason = new, timezone.now(), ""
        skp.save(update_fields=["status", "submitted_at", "returned_reason"])
        _audit(actor, "skp.submit", skp, before={"status": before}, after={"status": new})
    return skp


def skp_return(*, actor, skp: Skp, reason: str) -> Skp:
    with transaction.atomic():
        skp = _locked(skp)
        new = _check(skp, actor, "return", reason)
        skp.status, skp.returned_reason = new, reason.strip()
        skp.save(update_fields=["status", "returned_reason"])
        _audit(actor, "skp.return", skp, before={"status": rules.SUBMITTED}, after={"status": new, "reason": reason.strip()})
    return skp


def skp_approve(*, actor, skp: Skp) -> Skp:
    with transaction.atomic():
        skp = _locked(skp)
        new = _check(skp, actor, "approve")
        skp.status, skp.approved_at = new, timezone.now()
        skp.save(update_fields=["status", "approved_at"])
        _audit(actor, "skp.approve", skp, before={"status": rules.SUBMITTED}, after={"status": new})
    return skp


def skp_reopen(*, actor, skp: Skp, reason: str) -> Skp:
    """Reopen an approved SKP (back to draft, to revise the plan) or a final one (back to evaluated; its
    evaluations are no longer final). Needs a reason; leaves an audit trace."""
    with transaction.atomic():
        skp = _locked(skp)
        before = skp.status
        new = _check(skp, actor, "reopen", reason)
        skp.status = new
        fields = ["status"]
        if before == SkpStatus.FINAL:
            skp.finalised_at = None
            fields.append("finalised_at")
            Evaluation.objects.filter(skp=skp).update(is_final=False)
        skp.save(update_fields=fields)
        _audit(actor, "skp.reopen", skp, before={"status": before}, after={"status": new, "reason": reason.strip()})
    return skp


# --- doing: realisation, evidence, feedback --------------------------------------------------------

def _period_of(skp: Skp, period: Period) -> Period:
    if period.year_id != skp.year_id:
        raise PerformanceError(_("Periode bukan milik tahun SKP ini."))
    return period


def realisation_save(*, actor, indicator: Indicator, period: Period, text: str,
                     value: Decimal | None = None) -> Realisation:
    """The employee's realisasi of one indicator in one period (create or replace)."""
    if not text.strip():
        raise PerformanceError(_("Realisasi wajib diisi."))
    with transaction.atomic():
        skp = _locked(indicator.result.skp)
        _check(skp, actor, "realise")
        _period_of(skp, period)
        real, created = Realisation.objects.get_or_create(indicator=indicator, period=period,
                                                          defaults={"text": text.strip(), "value": value})
        before = None if created else {"text": real.text, "value": str(real.value) if real.value is not None else None}
        if not created:
            real.text, real.value = text.strip(), value
            real.save(update_fields=["text", "value", "updated_at"])
        _audit(actor, "skp.realisation_save", skp, obj=real, before=before,
               after={"indicator": indicator.pk, "period": period.code, "text": real.text,
                      "value": str(value) if value is not None else None})
    return real


def evidence_add(*, actor, realisation: Realisation, upload=None, link: str = "", note: str = "") -> Evidence:
    """Attach bukti dukung: an uploaded file (type by extension and content, size limit
    ``SKP_EVIDENCE_MAX_MB``) or a link (http/https)."""
    if (upload is None) == (not link.strip()):
        raise PerformanceError(_("Unggah satu berkas atau isi satu tautan."))
    if upload is not None:
        head = upload.read(16)
        upload.seek(0)
        problem = rules.evidence_problem(upload.name, upload.size, head, settings.SKP_EVIDENCE_MAX_MB * 1048576)
        if problem:
            raise PerformanceError(problem)
    elif (problem := link_problem(link.strip())) is not None:
        raise PerformanceError(problem)
    stored = ""
    try:
        with transaction.atomic():
            skp = _locked(realisation.indicator.result.skp)
            _check(skp, actor, "realise")
            ev = Evidence(realisation=realisation, link=link.strip(), note=note.strip()[:300])
            if upload is not None:
                name = upload.name.rsplit("/", 1)[-1][-200:]
                ev.filename, ev.size = name, upload.size
                ev.file.save(name, upload, save=False)  # the path needs the realisation only
                stored = ev.file.name
            ev.save()
            _audit(actor, "skp.evidence_add", skp, obj=ev, after={"file": ev.filename, "size": ev.size, "link": ev.link})
    except Exception:
        if stored:  # nothing half-written: no file without its row
            Evidence.file.field.storage.delete(stored)
        raise
    return ev


def evidence_delete(*, actor, evidence: Evidence) -> None:
    with transaction.atomic():
        skp = _locked(evidence.realisation.indicator.result.skp)
        _check(skp, actor, "realise")
        _audit(actor, "skp.evidence_delete", skp, obj=evidence, before={"file": evidence.filename, "link": evidence.link})
        stored = evidence.file.name if evidence.file else ""
        evidence.delete()
        if stored:
            transaction.on_commit(lambda: evidence.file.storage.delete(stored))


def feedback_add(*, actor, skp: Skp, text: str, period: Period | None = None, indicator: Indicator | None = None,
                 value_code: str = "") -> Feedback:
    """One entry of umpan balik berkelanjutan, by the rater or the employee: about one indicator (hasil
    kerja), one core value (perilaku kerja), or the SKP as a whole."""
    if not text.strip():
        raise PerformanceError(_("Umpan balik wajib diisi."))
    if indicator is not None and value_code:
        raise PerformanceError(_("Pilih satu pokok umpan balik."))
    with transaction.atomic():
        skp = _locked(skp)
        _check(skp, actor, "feedback")
        if period is not None:
            _period_of(skp, period)
        if indicator is not None and indicator.result.skp_id != skp.pk:
            raise PerformanceError(_("Indikator bukan milik SKP ini."))
        if value_code and not BehaviourExpectation.objects.filter(skp=skp, value_code=value_code).exists():
            raise PerformanceError(_("Nilai tidak dikenal."))
        author = Employee.objects.filter(pk=scope_for(actor).employee_id).first()
        fb = Feedback.objects.create(skp=skp, period=period, indicator=indicator, value_code=value_code,
                                     author=author, text=text.strip(),
                                     author_name=author.name if author else (actor.get_full_name() or actor.username))
        _audit(actor, "skp.feedback_add", skp, obj=fb,
               after={"period": period.code if period else None, "indicator": indicator.pk if indicator else None,
                      "value": value_code or None, "text": fb.text})
    return fb


# --- rating --------------------------------------------------------------------------------------------

def headed_unit(skp: Skp) -> Unit | None:
    """The unit the SKP's employee heads (they then receive its result as their hasil kerja rating)."""
    return Unit.objects.filter(head_id=skp.employee_id).order_by("depth").first()


@dataclass(frozen=True)
class HeadRating:
    """For a unit head: the unit, its capaian kinerja organisasi of the period (``None`` until set) and the
    hasil kerja rating that follows from it. ``unit`` is ``None`` for everyone else."""

    unit: Unit | None
    org: OrgPerformance | None

    @property
    def hasil_kerja(self) -> str | None:
        return rules.head_hasil_kerja(self.org.result) if self.org is not None else None


def head_rating(skp: Skp, period: Period) -> HeadRating:
    unit = headed_unit(skp)
    return HeadRating(unit, org_result_for(unit, period) if unit is not None else None)


def evaluation_rate(*, actor, skp: Skp, period: Period, hasil_kerja: str | None, perilaku_kerja: str,
                    note: str = "") -> Evaluation:
    """Rate hasil kerja and perilaku kerja for a period (periodic or annual); the predikat follows the
    matrix. A unit head's hasil kerja is the unit's capaian kinerja organisasi (set first)."""
    with transaction.atomic():
        skp = _locked(skp)
        period = _period_of(skp, period)
        new = _check(skp, actor, "rate_annual" if period.is_annual else "rate")
        existing = Evaluation.objects.filter(employee_id=skp.employee_id, period=period).first()
        if existing is not None and existing.is_final:
            raise PerformanceError(_("Penilaian periode ini sudah final; buka kembali dulu."))
        from_org = False
        head = head_rating(skp, period)
        if head.unit is not None:
            if head.org is None:
                raise PerformanceError(_("Pegawai ini kepala %(unit)s: tetapkan dulu capaian kinerja organisasi "
                                         "unit tersebut untuk periode ini.") % {"unit": head.unit.name})
            hasil_kerja, from_org = head.hasil_kerja, True
        try:
            pred = rules.predikat(hasil_kerja or "", perilaku_kerja)
        except rules.RuleError as exc:
            raise PerformanceError(str(exc)) from None
        before = None
        if existing is not None:
            before = {"hasil_kerja": existing.rating_hasil_kerja, "perilaku_kerja": existing.rating_perilaku_kerja,
                      "predikat": existing.predikat, "source": existing.source}
        rater = Employee.objects.filter(pk=scope_for(actor).employee_id).first()
        ev, _created = Evaluation.objects.update_or_create(
            employee_id=skp.employee_id, period=period,
            defaults={"skp": skp, "unit_id": skp.unit_id, "rating_hasil_kerja": hasil_kerja,
                      "rating_perilaku_kerja": perilaku_kerja, "predikat": pred, "hasil_from_org": from_org,
                      "note": note.strip(), "source": Source.PLATFORM, "rated_by": rater, "rated_at": timezone.now()})
        if new != skp.status:
            skp.status = new
            skp.save(update_fields=["status"])
        _audit(actor, "skp.rate", skp, obj=ev, before=before,
               after={"period": period.code, "hasil_kerja": hasil_kerja, "perilaku_kerja": perilaku_kerja,
                      "predikat": pred, "hasil_from_org": from_org})
    return ev


def may_lead(scope: Scope, unit: Unit, *, strict: bool) -> bool:
    """HR of the unit's agency, or a head of the unit (``strict``: of a unit strictly above it)."""
    if scope.platform_admin or unit.agency_id in scope.hr_agency_ids:
        return True
    return any(unit.path.startswith(p) and (not strict or unit.path != p) for p in scope.head_paths)


def org_result_set(*, actor, unit: Unit, period: Period, result: str) -> OrgPerformance:
    """Set a unit's capaian kinerja organisasi for a period (HR, or the head of a unit above it)."""
    if result not in rules.ORG_RESULTS:
        raise PerformanceError(_("Capaian kinerja organisasi tidak dikenal."))
    if period.year.agency_id != unit.agency_id:
        raise PerformanceError(_("Periode milik instansi lain."))
    if not may_lead(scope_for(actor), unit, strict=True):
        raise PerformanceError(_("Capaian organisasi ditetapkan oleh SDM atau pimpinan di atas unit ini."))
    with transaction.atomic():
        org = OrgPerformance.objects.select_for_update().filter(unit=unit, period=period).first()
        before = {"result": org.result} if org else None
        org, _c = OrgPerformance.objects.update_or_create(unit=unit, period=period,
                                                          defaults={"result": result, "set_by": actor})
        audit_record(actor=actor, action="skp.org_result_set", agency=unit.agency, obj=org, before=before,
                     after={"unit": unit.code, "period": period.code, "result": result})
    return org


@dataclass
class FinaliseResult:
    finalisation: Finalisation
    evaluations: int
    skps: int


def unit_finalise(*, actor, unit: Unit, period: Period, override_reason: str = "") -> FinaliseResult:
    """Make the ratings of ``unit`` (its whole subtree) for ``period`` final, after checking their
    predikat against the distribution pattern of the unit's capaian kinerja organisasi (SE MenPANRB
    3/2023). A breaking distribution needs an explicit reason, which is stored and audited."""
    if not may_lead(scope_for(actor), unit, strict=False):
        raise PerformanceError(_("Hanya kepala unit atau SDM yang dapat memfinalkan penilaian."))
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one finalisation of a unit at a time
        org = org_result_for(unit, period)
        if org is None:
            raise PerformanceError(_("Tetapkan dulu capaian kinerja organisasi unit ini untuk periode ini."))
        counts = predikat_counts(unit=unit, period=period)
        if sum(counts.values()) == 0:
            raise PerformanceError(_("Belum ada penilaian di unit ini untuk periode ini."))
        breaches = rules.distribution_breaches(org.result, counts)
        if breaches and not override_reason.strip():
            raise PerformanceError(_("Distribusi predikat melanggar pola SE MenPANRB 3/2023: isi alasan untuk "
                                     "tetap memfinalkan."))
        fin = Finalisation.objects.create(
            unit=unit, period=period, org_result=org.result, counts=counts,
            breaches=[{"kind": b.rule.kind, "predikat": list(b.rule.predikats), "percent": b.rule.percent,
                       "actual": b.actual, "bound": b.bound, "people": b.people} for b in breaches],
            override_reason=override_reason.strip() if breaches else "", finalised_by=actor)
        in_subtree = Q(unit__path__startswith=unit.path)
        n_eval = Evaluation.objects.filter(in_subtree, period=period, is_final=False).update(is_final=True)
        n_skp = 0
        if period.is_annual:
            n_skp = (Skp.objects.filter(in_subtree, year_id=period.year_id, status=SkpStatus.EVALUATED,
                                        evaluations__period=period)
                     .update(status=SkpStatus.FINAL, finalised_at=timezone.now()))
        audit_record(actor=actor, action="skp.finalise", agency=unit.agency, obj=fin,
                     after={"unit": unit.code, "period": period.code, "org_result": org.result, "counts": counts,
                            "breaches": fin.breaches, "override_reason": fin.override_reason,
                            "evaluations": n_eval, "skps": n_skp})
    return FinaliseResult(fin, n_eval, n_skp)
