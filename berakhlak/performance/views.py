"""SKP pages: one's own SKPs, those one rates, the SKP and its periods, a unit's distribution and
finalisation, recaps and exports. Every read goes through ``selectors`` (scope), every write through
``services`` (rules, audit); a refused write re-renders its page with the form's error (status 422)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from berakhlak.accounts.scope import managed_agencies, scope_for
from berakhlak.lib.forms import posted_id
from berakhlak.org.models import Unit
from berakhlak.performance import rules, selectors, services
from berakhlak.performance.forms import (
    DelegationForm,
    EvidenceForm,
    FeedbackForm,
    FinaliseForm,
    IndicatorForm,
    LampiranForm,
    OrgResultForm,
    RatingForm,
    RealisationForm,
    ReasonForm,
    ResultForm,
    YearForm,
)
from berakhlak.performance.models import (
    Indicator,
    PerformanceYear,
    Period,
    Predikat,
    Realisation,
    SkpStatus,
    WorkResult,
)
from berakhlak.performance.services import PerformanceError

ACTION_VIEWS = {"ajukan": "submit", "setujui": "approve", "kembalikan": "return", "buka-kembali": "reopen"}


def predikat_labels() -> dict[str, str]:
    """The predikat names in the active language, as plain text (they are joined into sentences)."""
    return {k: str(v) for k, v in Predikat.choices}


def _submit(form, write):
    """Run ``write(form.cleaned_data)`` when the form is valid and return what it wrote; ``None`` when the
    form is invalid or the service refused, the refusal then being the form's error (shown with 422)."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except PerformanceError as exc:
        form.add_error(None, str(exc))
        return None


@login_required
def home(request):
    scope = scope_for(request.user)
    years = selectors.years_for(scope=scope).prefetch_related("periods")
    mine = list(selectors.my_skps(scope=scope))
    have = {s.year_id for s in mine}
    open_years = [y for y in years if y.agency_id == scope.employee_agency_id and y.pk not in have]
    rating = list(selectors.to_rate(scope=scope).exclude(status=SkpStatus.FINAL)[:300])
    waiting = [s for s in rating if s.status == SkpStatus.SUBMITTED]
    hr_agencies = list(managed_agencies(scope=scope))
    units = []
    if scope.is_head and not scope.is_hr:
        units = list(Unit.objects.filter(path__in=scope.head_paths).select_related("agency"))
    return render(request, "performance/home.html", {
        "years": years, "mine": mine, "open_years": open_years, "rating": rating, "waiting": waiting,
        "hr_agencies": hr_agencies, "year_form": YearForm(initial={"frequency": "QUARTERLY"}), "units": units,
        "delegation_form": DelegationForm() if (rating or hr_agencies) else None,
    })


@login_required
@require_POST
def delegate(request):
    """A rater (or HR, naming the rater) delegates the authority to rate for a year, with a reason."""
    from berakhlak.org.models import Employee

    scope = scope_for(request.user)
    py = selectors.years_for(scope=scope).filter(pk=posted_id(request.POST, "year")).first()
    form = DelegationForm(request.POST)
    if py is None or not form.is_valid():
        messages.error(request, _("Lengkapi tahun, NIP penerima dan alasan delegasi."))
        return redirect("performance:home")
    people = Employee.objects.filter(agency_id=py.agency_id, is_active=True)
    delegator = people.filter(nip=form.cleaned_data["delegator_nip"]).first() if form.cleaned_data["delegator_nip"] \
        else people.filter(pk=scope.employee_id).first()
    delegate_to = people.filter(nip=form.cleaned_data["delegate_nip"]).first()
    if delegator is None or delegate_to is None:
        messages.error(request, _("NIP tidak ditemukan di instansi ini."))
        return redirect("performance:home")
    try:
        services.delegation_create(actor=request.user, py=py, delegator=delegator, delegate=delegate_to,
                                   reason=form.cleaned_data["reason"])
    except PerformanceError as exc:
        messages.error(request, str(exc))
    except IntegrityError:
        messages.error(request, _("Penilai ini sudah mendelegasikan untuk tahun tersebut."))
    else:
        messages.success(request, _("Penilaian %(y)s didelegasikan kepada %(n)s.") % {"y": py.year, "n": delegate_to.name})
    return redirect("performance:home")


@login_required
@require_POST
def year_new(request):
    scope = scope_for(request.user)
    agency = managed_agencies(scope=scope).filter(pk=posted_id(request.POST, "agency")).first()
    if agency is None:
        return HttpResponseForbidden(_("Halaman ini untuk SDM instansi."))
    form = YearForm(request.POST)
    if form.is_valid():
        try:
            services.year_setup(actor=request.user, agency=agency, **form.cleaned_data)
        except PerformanceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Tahun kinerja %(y)s siap.") % {"y": form.cleaned_data["year"]})
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("performance:home")


@login_required
@require_POST
def skp_new(request):
    scope = scope_for(request.user)
    py = selectors.years_for(scope=scope).filter(pk=posted_id(request.POST, "year")).first()
    if py is None or not scope.employee_id:
        raise Http404
    from berakhlak.org.models import Employee

    employee = Employee.objects.get(pk=scope.employee_id)
    try:
        skp = services.skp_create(actor=request.user, employee=employee, py=py)
    except PerformanceError as exc:
        messages.error(request, str(exc))
        return redirect("performance:home")
    messages.success(request, _("SKP %(y)s dibuat sebagai draf.") % {"y": py.year})
    return redirect("performance:skp", pk=skp.pk)


# --- the SKP page ------------------------------------------------------------------------------------

def _skp_context(request, skp, **forms):
    scope = scope_for(request.user)
    view = selectors.skp_view(skp)
    roles = services.roles_on(skp, scope)
    can = set(rules.allowed_actions(skp.status, roles))
    editable = "edit" in can
    candidates = services.cascade_candidates(skp) if editable else []
    if editable:
        failed = forms.get("indicator_form")
        for r in view.results:
            r.indicator_form = failed if failed is not None and forms.get("indicator_for") == r.pk else \
                IndicatorForm(auto_id=f"ind{r.pk}_%s")
            r.edit_form = forms.get("result_edit_form") if forms.get("result_edit_for") == r.pk else ResultForm(
                candidates=candidates, auto_id=f"res{r.pk}_%s",
                initial={"kind": r.kind, "text": r.text, "supports": str(r.supports_id or ""),
                         "supports_text": r.supports_text})
            for i in r.indicators.all():
                i.edit_form = forms.get("edit_form") if forms.get("edit_for") == i.pk else IndicatorForm(
                    auto_id=f"edit{i.pk}_%s",
                    initial={"aspect": i.aspect, "text": i.text, "target": i.target, "target_value": i.target_value,
                             "target_unit": i.target_unit})
    expectation_editable = rules.RATER in roles and skp.status in (SkpStatus.DRAFT, SkpStatus.SUBMITTED,
                                                                   SkpStatus.RETURNED)
    return {
        "skp": skp, "view": view, "roles": roles, "can": can, "editable": editable,
        "result_form": forms.get("result_form") or ResultForm(candidates=candidates),
        "indicator_for": forms.get("indicator_for"),
        "lampiran_form": forms.get("lampiran_form") or LampiranForm(initial={
            "style": skp.style, "dukungan_sumber_daya": skp.dukungan_sumber_daya,
            "skema_pertanggungjawaban": skp.skema_pertanggungjawaban, "konsekuensi": skp.konsekuensi}),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "expectation_editable": expectation_editable,
        "error": forms.get("error"),
        "annual": next((p for p in view.periods if p.is_annual), None),
    }


def _skp_page(request, skp, status=200, **forms):
    return render(request, "performance/skp.html", _skp_context(request, skp, **forms), status=status)


@login_required
def skp_detail(request, pk: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    return _skp_page(request, skp)


@login_required
@require_POST
def skp_action(request, pk: int, action: str):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    verb = ACTION_VIEWS.get(action)
    if verb is None:
        raise Http404
    form = ReasonForm(request.POST) if verb in ("return", "reopen") else None
    try:
        if form is not None and not form.is_valid():
            raise PerformanceError(_("Alasan wajib diisi."))
        reason = form.cleaned_data["reason"] if form is not None else ""
        if verb == "submit":
            services.skp_submit(actor=request.user, skp=skp)
            messages.success(request, _("SKP diajukan kepada pejabat penilai kinerja."))
        elif verb == "approve":
            services.skp_approve(actor=request.user, skp=skp)
            messages.success(request, _("SKP disetujui."))
        elif verb == "return":
            services.skp_return(actor=request.user, skp=skp, reason=reason)
            messages.success(request, _("SKP dikembalikan kepada pegawai dengan alasan."))
        elif verb == "reopen":
            services.skp_reopen(actor=request.user, skp=skp, reason=reason)
            messages.success(request, _("SKP dibuka kembali; jejaknya tercatat."))
    except PerformanceError as exc:
        return _skp_page(request, skp, status=422, reason_form=form, error=str(exc))
    return redirect("performance:skp", pk=skp.pk)


@login_required
@require_POST
def result_add(request, pk: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    form = ResultForm(request.POST, candidates=services.cascade_candidates(skp))
    if _submit(form, lambda data: services.result_save(actor=request.user, skp=skp, **data)):
        return redirect(reverse("performance:skp", args=[skp.pk]) + "#hasil-kerja")
    return _skp_page(request, skp, status=422, result_form=form)


@login_required
@require_POST
def result_delete(request, pk: int, result_id: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    result = WorkResult.objects.filter(skp=skp, pk=result_id).first()
    if result is None:
        raise Http404
    try:
        services.result_delete(actor=request.user, result=result)
    except PerformanceError as exc:
        return _skp_page(request, skp, status=422, error=str(exc))
    return redirect(reverse("performance:skp", args=[skp.pk]) + "#hasil-kerja")


@login_required
@require_POST
def indicator_add(request, pk: int, result_id: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    result = WorkResult.objects.filter(skp=skp, pk=result_id).first()
    if result is None:
        raise Http404
    form = IndicatorForm(request.POST, auto_id=f"ind{result.pk}_%s")
    if _submit(form, lambda data: services.indicator_save(actor=request.user, result=result, **data)):
        return redirect(reverse("performance:skp", args=[skp.pk]) + f"#hasil-{result.pk}")
    return _skp_page(request, skp, status=422, indicator_form=form, indicator_for=result.pk)


@login_required
@require_POST
def indicator_edit(request, pk: int, indicator_id: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    indicator = Indicator.objects.select_related("result").filter(result__skp=skp, pk=indicator_id).first()
    if indicator is None:
        raise Http404
    form = IndicatorForm(request.POST, auto_id=f"edit{indicator.pk}_%s")
    if _submit(form, lambda data: services.indicator_save(actor=request.user, result=indicator.result,
                                                          indicator=indicator, **data)):
        return redirect(reverse("performance:skp", args=[skp.pk]) + f"#hasil-{indicator.result_id}")
    return _skp_page(request, skp, status=422, edit_form=form, edit_for=indicator.pk)


@login_required
@require_POST
def result_edit(request, pk: int, result_id: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    result = WorkResult.objects.filter(skp=skp, pk=result_id).first()
    if result is None:
        raise Http404
    form = ResultForm(request.POST, candidates=services.cascade_candidates(skp), auto_id=f"res{result.pk}_%s")
    if _submit(form, lambda data: services.result_save(actor=request.user, skp=skp, result=result, **data)):
        return redirect(reverse("performance:skp", args=[skp.pk]) + f"#hasil-{result.pk}")
    return _skp_page(request, skp, status=422, result_edit_form=form, result_edit_for=result.pk)


@login_required
@require_POST
def indicator_delete(request, pk: int, indicator_id: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    indicator = Indicator.objects.filter(result__skp=skp, pk=indicator_id).first()
    if indicator is None:
        raise Http404
    try:
        services.indicator_delete(actor=request.user, indicator=indicator)
    except PerformanceError as exc:
        return _skp_page(request, skp, status=422, error=str(exc))
    return redirect(reverse("performance:skp", args=[skp.pk]) + "#hasil-kerja")


@login_required
@require_POST
def lampiran_save(request, pk: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    form = LampiranForm(request.POST)
    if _submit(form, lambda data: services.skp_update(actor=request.user, skp=skp, **data)):
        messages.success(request, _("Lampiran disimpan."))
        return redirect(reverse("performance:skp", args=[skp.pk]) + "#lampiran")
    return _skp_page(request, skp, status=422, lampiran_form=form)


@login_required
@require_POST
def expectations_save(request, pk: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    texts = {key.removeprefix("ekspektasi_"): text[:2000] for key, text in request.POST.items()
             if key.startswith("ekspektasi_")}
    try:
        services.expectations_set(actor=request.user, skp=skp, texts=texts)
    except PerformanceError as exc:
        return _skp_page(request, skp, status=422, error=str(exc))
    messages.success(request, _("Ekspektasi khusus pimpinan disimpan."))
    return redirect(reverse("performance:skp", args=[skp.pk]) + "#perilaku-kerja")


# --- a period: realisation, evidence, feedback, rating ---------------------------------------------

def _period(skp, code: str) -> Period:
    period = Period.objects.filter(year_id=skp.year_id, code=code).first()
    if period is None:
        raise Http404
    return period


def _period_context(request, skp, period, view=None, **forms):
    scope = scope_for(request.user)
    view = view or selectors.skp_view(skp)
    roles = services.roles_on(skp, scope)
    can = set(rules.allowed_actions(skp.status, roles))
    ev = view.evaluations.get(period.pk)
    head = services.head_rating(skp, period)
    rate_action = "rate_annual" if period.is_annual else "rate"
    initial = {}
    if ev is not None:
        initial = {"hasil_kerja": ev.rating_hasil_kerja, "perilaku_kerja": ev.rating_perilaku_kerja, "note": ev.note}
    rows = []
    for result in view.results:
        for ind in result.indicators.all():
            real = view.realisations.get((ind.pk, period.pk))
            history = [(p, view.realisations[(ind.pk, p.pk)]) for p in view.periods
                       if period.is_annual and not p.is_annual and (ind.pk, p.pk) in view.realisations]
            rows.append({"result": result, "indicator": ind, "realisation": real, "history": history,
                         "form": (forms.get("realisation_form") if forms.get("realisation_for") == ind.pk else None)
                         or RealisationForm(initial={"text": real.text, "value": real.value} if real else None)})
    periodic = [(p, view.evaluations.get(p.pk)) for p in view.periods if not p.is_annual]
    subjects = _feedback_subjects(view)
    about = dict(subjects)
    feedback = [f for f in view.feedback if f.period_id in (period.pk, None)]
    for f in feedback:
        f.about_label = about.get(f"ind-{f.indicator_id}" if f.indicator_id else f"val-{f.value_code}", "")
    credit = selectors.angka_kredit_for(ev, skp.position) if ev is not None else None
    may_rate = rate_action in can and not (ev is not None and ev.is_final)
    return {
        "skp": skp, "view": view, "period": period, "roles": roles, "can": can, "evaluation": ev, "rows": rows,
        "may_realise": "realise" in can, "may_feedback": "feedback" in can,
        "may_rate": may_rate, "evidence360": _evidence360(skp) if may_rate else None,
        "rating_form": forms.get("rating_form") or RatingForm(initial=initial, hasil_fixed=head.hasil_kerja),
        "hasil_fixed": head.hasil_kerja, "head_unit": head.unit, "org": head.org,
        "evidence_form": forms.get("evidence_form") or EvidenceForm(), "evidence_for": forms.get("evidence_for"),
        "feedback_form": forms.get("feedback_form") or FeedbackForm(subjects=subjects),
        "feedback": feedback,
        "periodic": periodic, "credit": credit, "matrix": _matrix(), "error": forms.get("error"),
        "max_mb": settings.SKP_EVIDENCE_MAX_MB,
    }


def _evidence360(skp):
    """The 360 result offered beside the rating of perilaku kerja (issue #5): the agency's computed cycle
    for the SKP's year, its weighted score and suggested rating; the rater decides."""
    from berakhlak.feedback360.selectors import skp_evidence

    return skp_evidence(employee_id=skp.employee_id, agency_id=skp.year.agency_id, year=skp.year.year)


def _feedback_subjects(view) -> list[tuple[str, str]]:
    """What feedback may be about: each indicator (hasil kerja), then each core value (perilaku kerja)."""
    out = [(f"ind-{i.pk}", f"{_('Hasil kerja')}: {i.text[:80]}") for r in view.results for i in r.indicators.all()]
    out += [(f"val-{v['code']}", f"{_('Perilaku kerja')}: {v['name']}") for v in view.values]
    return out


def _matrix():
    """The kuadran as table rows for the page (hasil kerja rows, perilaku kerja columns)."""
    labels = predikat_labels()
    order = (rules.DIBAWAH, rules.SESUAI, rules.DIATAS)
    return [{"hasil": h, "cells": [{"perilaku": p, "predikat": rules.MATRIX[(h, p)],
                                    "label": labels[rules.MATRIX[(h, p)]]} for p in order]}
            for h in (rules.DIATAS, rules.SESUAI, rules.DIBAWAH)]


def _period_page(request, skp, period, status=200, view=None, **forms):
    return render(request, "performance/period.html", _period_context(request, skp, period, view, **forms),
                  status=status)


@login_required
def period_detail(request, pk: int, code: str):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    return _period_page(request, skp, _period(skp, code))


@login_required
@require_POST
def realisation_save(request, pk: int, code: str, indicator_id: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    period = _period(skp, code)
    indicator = Indicator.objects.filter(result__skp=skp, pk=indicator_id).first()
    if indicator is None:
        raise Http404
    form = RealisationForm(request.POST)
    if _submit(form, lambda data: services.realisation_save(actor=request.user, indicator=indicator, period=period,
                                                            **data)):
        messages.success(request, _("Realisasi disimpan."))
        return redirect(reverse("performance:period", args=[skp.pk, code]) + f"#ind-{indicator.pk}")
    return _period_page(request, skp, period, status=422, realisation_form=form, realisation_for=indicator.pk)


@login_required
@require_POST
def evidence_add(request, pk: int, code: str, realisation_id: int):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    period = _period(skp, code)
    real = Realisation.objects.filter(indicator__result__skp=skp, period=period, pk=realisation_id).first()
    if real is None:
        raise Http404
    form = EvidenceForm(request.POST, request.FILES)
    if _submit(form, lambda data: services.evidence_add(actor=request.user, realisation=real, upload=data.get("file"),
                                                        link=data.get("link") or "", note=data.get("note") or "")):
        messages.success(request, _("Bukti dukung ditambahkan."))
        return redirect(reverse("performance:period", args=[skp.pk, code]) + f"#ind-{real.indicator_id}")
    return _period_page(request, skp, period, status=422, evidence_form=form, evidence_for=real.pk)


@login_required
def evidence_download(request, evidence_id: int):
    ev = selectors.evidence_get(scope=scope_for(request.user), pk=evidence_id)
    if ev.link:  # shown on the period page as an external link; never a redirect from the platform's domain
        raise Http404
    try:
        handle = ev.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=ev.filename)


@login_required
@require_POST
def feedback_add(request, pk: int, code: str):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    period = _period(skp, code)
    view = selectors.skp_view(skp)
    form = FeedbackForm(request.POST, subjects=_feedback_subjects(view))

    def write(data):
        about = data.get("about") or ""
        indicator = Indicator.objects.filter(result__skp=skp, pk=int(about[4:])).first() \
            if about.startswith("ind-") else None
        return services.feedback_add(actor=request.user, skp=skp, period=period, text=data["text"],
                                     indicator=indicator, value_code=about[4:] if about.startswith("val-") else "")

    if _submit(form, write):
        return redirect(reverse("performance:period", args=[skp.pk, code]) + "#umpan-balik")
    return _period_page(request, skp, period, status=422, view=view, feedback_form=form)


@login_required
@require_POST
def rate(request, pk: int, code: str):
    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    period = _period(skp, code)
    form = RatingForm(request.POST, hasil_fixed=services.head_rating(skp, period).hasil_kerja)
    ev = _submit(form, lambda data: services.evaluation_rate(
        actor=request.user, skp=skp, period=period, hasil_kerja=data.get("hasil_kerja") or None,
        perilaku_kerja=data["perilaku_kerja"], note=data.get("note") or ""))
    if ev is not None:
        messages.success(request, _("Penilaian disimpan: predikat %(p)s.") % {"p": ev.get_predikat_display()})
        return redirect(reverse("performance:period", args=[skp.pk, code]) + "#penilaian")
    return _period_page(request, skp, period, status=422, rating_form=form)


# --- documents ---------------------------------------------------------------------------------------

@login_required
def skp_pdf(request, pk: int):
    from berakhlak.performance.reporting import skp_document
    from berakhlak.reports.skp_pdf import skp_pdf as render_pdf

    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    pdf = render_pdf(skp_document(selectors.skp_view(skp)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="SKP-{skp.year.year}-{skp.employee.nip}.pdf"'
    return response


@login_required
def evaluation_pdf(request, pk: int, code: str):
    from berakhlak.performance.reporting import evaluation_document
    from berakhlak.reports.skp_pdf import evaluation_pdf as render_pdf

    skp = selectors.skp_get(scope=scope_for(request.user), pk=pk)
    period = _period(skp, code)
    org = selectors.org_result_for(skp.unit, period)
    pdf = render_pdf(evaluation_document(selectors.skp_view(skp), period, org.result if org else None))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="Evaluasi-{skp.year.year}-{period.code}-'
                                       f'{skp.employee.nip}.pdf"')
    return response


# --- a unit: organisation's result, distribution, finalisation -----------------------------------------

def _unit_and_period(request, unit_id: int, period_id: int):
    scope = scope_for(request.user)
    unit = selectors.managed_units(scope=scope).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    period = Period.objects.select_related("year").filter(pk=period_id, year__agency_id=unit.agency_id).first()
    if period is None:
        raise Http404
    return scope, unit, period


def _distribution_page(request, scope, unit, period, status=200, **forms):
    from berakhlak.reports.charts import render_svg
    from berakhlak.reports.skp_charts import predikat_chart

    dist = selectors.unit_distribution(unit=unit, period=period)
    labels = predikat_labels()
    total = sum(dist.counts.values())
    bars = [{"code": k, "label": labels[k], "n": n, "share": round(100 * n / total, 1) if total else 0}
            for k, n in dist.counts.items()]
    chart = render_svg(predikat_chart(dist.counts, _("Kurva distribusi predikat"),
                                      f"{unit.name} · {period.label}"))
    may_set_org = services.may_lead(scope, unit, strict=True)
    pattern = [{"kind": r.kind, "percent": r.percent, "labels": " / ".join(labels[p] for p in r.predikats)}
               for r in rules.DISTRIBUTION.get(dist.org_result, ())] if dist.org_result else []
    periods = Period.objects.filter(year=period.year).order_by("order")
    children = Unit.objects.filter(parent=unit).order_by("name")
    return render(request, "performance/distribution.html", {
        "unit": unit, "period": period, "periods": periods, "dist": dist, "bars": bars, "chart": chart,
        "breaches": [b.describe(labels) for b in dist.breaches], "pattern": pattern,
        "org_form": forms.get("org_form") or OrgResultForm(initial={"result": dist.org_result}),
        "finalise_form": forms.get("finalise_form") or FinaliseForm(), "may_set_org": may_set_org,
        "children": children, "error": forms.get("error"),
    }, status=status)


@login_required
def distribution(request, unit_id: int, period_id: int):
    scope, unit, period = _unit_and_period(request, unit_id, period_id)
    return _distribution_page(request, scope, unit, period)


@login_required
@require_POST
def org_result_set(request, unit_id: int, period_id: int):
    scope, unit, period = _unit_and_period(request, unit_id, period_id)
    form = OrgResultForm(request.POST)
    if _submit(form, lambda data: services.org_result_set(actor=request.user, unit=unit, period=period,
                                                          result=data["result"])):
        messages.success(request, _("Capaian kinerja organisasi disimpan."))
        return redirect("performance:distribution", unit_id=unit.pk, period_id=period.pk)
    return _distribution_page(request, scope, unit, period, status=422, org_form=form)


@login_required
@require_POST
def finalise(request, unit_id: int, period_id: int):
    scope, unit, period = _unit_and_period(request, unit_id, period_id)
    form = FinaliseForm(request.POST)
    result = _submit(form, lambda data: services.unit_finalise(
        actor=request.user, unit=unit, period=period, override_reason=data.get("override_reason") or ""))
    if result is not None:
        messages.success(request, _("Penilaian final: %(n)s penilaian, %(s)s SKP.") % {
            "n": result.evaluations, "s": result.skps})
        return redirect("performance:distribution", unit_id=unit.pk, period_id=period.pk)
    return _distribution_page(request, scope, unit, period, status=422, finalise_form=form)


# --- recaps -----------------------------------------------------------------------------------------------

def _recap_args(request):
    scope = scope_for(request.user)
    units = selectors.managed_units(scope=scope)
    if not units.exists():
        raise Http404
    unit = None
    if request.GET.get("unit"):
        unit = units.filter(pk=posted_id(request.GET, "unit")).first()
    if unit is None:
        unit = units.order_by("depth", "path").first()
    agency = unit.agency
    years = list(PerformanceYear.objects.filter(agency=agency).order_by("-year").values_list("year", flat=True))
    year = posted_id(request.GET, "year") or (years[0] if years else None)
    return scope, units, unit, agency, years, year


@login_required
def recap(request):
    from berakhlak.reports.charts import render_svg
    from berakhlak.reports.skp_charts import predikat_chart, predikat_units_chart, predikat_years_chart

    scope, units, unit, agency, years, year = _recap_args(request)
    labels = predikat_labels()
    shown = units.filter(path__startswith=unit.path, depth__lte=unit.depth + 1)  # the unit and its children
    data = selectors.recap(agency=agency, year=year, units=shown) if year else None
    rows, focus = [], None
    if data:
        names = {u.code: u for u in shown}
        for row in data["units"]:
            u = names[row["unit"]]
            item = {"unit": u, "employees": row["employees"], "predikat": row["predikat"],
                    "cells": [(labels[k], row["predikat"][k]) for k in rules.PREDIKATS]}
            if u.pk == unit.pk:
                focus = item
            else:
                rows.append(item)
    years_rows = selectors.recap_years(agency=agency, unit=unit)
    charts = {}
    if focus:
        charts["total"] = render_svg(predikat_chart(focus["predikat"], _("Rekapitulasi predikat kinerja %(y)s") % {"y": year},
                                                    unit.name))
        if rows:
            charts["units"] = render_svg(predikat_units_chart([{"unit": r["unit"].name, "predikat": r["predikat"]}
                                                               for r in rows]))
    if len([r for r in years_rows if r["employees"]]) > 1:
        charts["years"] = render_svg(predikat_years_chart(years_rows))
    annual = selectors.annual_period(agency, year) if year else None
    return render(request, "performance/recap.html", {
        "agency": agency, "unit": unit, "years": years, "year": year, "focus": focus, "rows": rows,
        "years_rows": years_rows, "charts": charts, "labels": [labels[k] for k in rules.PREDIKATS],
        "keys": rules.PREDIKATS, "annual": annual,
        "statuses": selectors.status_counts(agency=agency, year=year, unit=unit) if year else [],
        "ancestors": list(units.filter(pk__in=unit.ancestor_ids).order_by("depth")),
    })


@login_required
def recap_export(request):
    from berakhlak.performance.reporting import recap_report
    from berakhlak.reports.skp_xlsx import recap_workbook

    scope, units, unit, agency, years, year = _recap_args(request)
    if year is None:
        raise Http404
    subtree = units.filter(path__startswith=unit.path)
    data = selectors.recap(agency=agency, year=year, units=subtree)
    names = {u["code"]: u for u in subtree.values("code", "name", "depth")}
    report = recap_report(agency, year, data, selectors.recap_years(agency=agency, unit=unit), names)
    response = HttpResponse(recap_workbook(report),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="rekap-kinerja-{agency.code}-{unit.code}-{year}.xlsx"'
    return response
