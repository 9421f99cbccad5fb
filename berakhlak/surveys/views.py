"""Survey pages for HR, leaders, change agents and employees: waves, response rate, printable ballot
slips, instruments, result dashboards and exports. No page shows HR a personal link or who has answered."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from berakhlak.accounts.scope import can_manage, managed_agencies, scope_for
from berakhlak.lib.forms import posted_id
from berakhlak.org.models import Unit
from berakhlak.surveys import selectors
from berakhlak.surveys.forms import DeriveForm, ItemForm, WaveForm
from berakhlak.surveys.invitations import ballot_token
from berakhlak.surveys.models import Section, WaveMember, WaveStatus
from berakhlak.surveys.services import (
    SurveyError,
    ballots_print,
    instrument_derive,
    instrument_frozen,
    instrument_item_add,
    invitation_token,
    wave_close,
    wave_create,
    wave_launch,
)


@login_required
def wave_list(request):
    scope = scope_for(request.user)
    waves = selectors.wave_list(scope=scope)
    return render(request, "surveys/waves.html", {
        "waves": waves, "invitations": selectors.my_invitations(scope=scope),
        "manageable": managed_agencies(scope=scope)})


@login_required
def my_invitation(request, pk: int):
    """A signed-in employee's own link to an open wave (same personal link as the e-mail)."""
    scope = scope_for(request.user)
    member = selectors.invitations_open_for(scope=scope).filter(pk=pk, has_email=True).first()
    if member is None:
        raise Http404
    return redirect("surveys:answer", token=invitation_token(member.wave, member.pk))


@login_required
def wave_new(request):
    scope = scope_for(request.user)
    agencies = managed_agencies(scope=scope)
    agency = agencies.filter(code=request.GET.get("agency") or request.POST.get("agency")).first() or \
        (agencies.first() if agencies.count() == 1 else None)
    if agency is None:
        return HttpResponseForbidden(_("Halaman ini untuk SDM instansi."))
    instruments = selectors.instrument_list(scope=scope).filter(Q(agency__isnull=True) | Q(agency=agency))
    form = WaveForm(request.POST or None, instruments=instruments.order_by("agency_id", "code", "version"))
    if request.method == "POST" and form.is_valid():
        try:
            wave = wave_create(actor=request.user, agency=agency, **form.cleaned_data)
        except SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Gelombang dibuat. Periksa lalu buka survei."))
            return redirect("surveys:wave", pk=wave.pk)
    return render(request, "surveys/wave_new.html", {"form": form, "agency": agency})


@login_required
def wave_detail(request, pk: int):
    scope = scope_for(request.user)
    wave = selectors.wave_get(scope=scope, pk=pk)
    manage = can_manage(scope, wave)
    rate = selectors.response_rate(scope=scope, wave=wave, parent=_unit_param(request, wave, scope)) \
        if wave.status != WaveStatus.DRAFT else []
    context = {"wave": wave, "manage": manage, "rate": rate,
               "population": WaveMember.objects.filter(wave=wave).count() if manage else None,
               "with_email": WaveMember.objects.filter(wave=wave, has_email=True).count() if manage else None}
    if request.htmx and request.GET.get("partial") == "rate":
        return render(request, "surveys/wave.html#rate", context)
    return render(request, "surveys/wave.html", context)


def _unit_param(request, wave, scope) -> Unit | None:
    if not request.GET.get("unit"):
        return None
    unit = selectors.result_units(scope=scope, wave=wave).filter(pk=posted_id(request.GET, "unit")).first()
    if unit is None:
        raise Http404
    return unit


@login_required
@require_POST
def wave_action(request, pk: int, action: str):
    scope = scope_for(request.user)
    wave = selectors.wave_get(scope=scope, pk=pk)
    if not can_manage(scope, wave):
        raise Http404
    try:
        if action == "buka":
            n = wave_launch(actor=request.user, wave=wave)
            messages.success(request, _("Survei dibuka untuk %(n)s pegawai; undangan dikirim ke yang punya surel.") % {"n": n})
        elif action == "tutup":
            if not request.POST.get("yakin"):
                raise SurveyError(_("Centang konfirmasi untuk menutup survei."))
            wave_close(actor=request.user, wave=wave)
            messages.success(request, _("Survei ditutup. Indeks dihitung di latar belakang."))
        elif action == "ingatkan":
            from berakhlak.surveys.tasks import send_invitations

            if wave.status != WaveStatus.OPEN:
                raise SurveyError(_("Pengingat hanya untuk survei yang dibuka."))
            send_invitations.enqueue(wave.pk, True)
            messages.success(request, _("Pengingat dijadwalkan untuk yang belum mengisi dan memiliki surel. "
                                        "Jumlahnya tampil di halaman ini; siapa penerimanya tidak pernah ditampilkan."))
        elif action == "hitung":
            from berakhlak.surveys.tasks import compute_index

            if wave.status != WaveStatus.CLOSED:
                raise SurveyError(_("Indeks dihitung setelah survei ditutup."))
            compute_index.enqueue(wave.pk)
            messages.success(request, _("Perhitungan indeks dijadwalkan."))
        else:
            raise Http404
    except SurveyError as exc:
        messages.error(request, str(exc))
    return redirect("surveys:wave", pk=wave.pk)


@login_required
@require_http_methods(["GET", "POST"])
def ballots(request, pk: int):
    """Ballot slips for staff without e-mail: the units that need them (GET), and the printable slips of one
    unit (POST: new one-time codes, as many as its members without e-mail; every unused code printed before
    for that unit becomes void). The codes are shown once, on the printed page, never stored in clear."""
    import segno

    scope = scope_for(request.user)
    wave = selectors.wave_get(scope=scope, pk=pk)
    if not can_manage(scope, wave) or wave.status != WaveStatus.OPEN:
        raise Http404
    units = selectors.ballot_units(wave=wave)
    if request.method == "POST":
        bu = units.filter(unit_id=posted_id(request.POST, "unit")).first()
        if bu is None:
            raise Http404
        try:
            printed = ballots_print(actor=request.user, wave=wave, unit=bu.unit)
        except SurveyError as exc:
            messages.error(request, str(exc))
            return redirect("surveys:ballots", pk=wave.pk)
        base = settings.SITE_URL.rstrip("/")
        slips = []
        for code in printed.codes:
            url = base + reverse("surveys:answer", args=[ballot_token(code)])
            slips.append({"code": f"{code[:5]}-{code[5:]}", "url": url,
                          "qr": segno.make(url, error="m").svg_inline(scale=3, dark="#000", light="#fff")})
        return render(request, "surveys/ballot_slips.html", {
            "wave": wave, "unit": bu.unit, "slips": slips, "printing": printed.ballot_unit.printing,
            "ballot_url": base + reverse("surveys:ballot")})
    return render(request, "surveys/ballots.html", {"wave": wave, "units": units})


# --- instruments -------------------------------------------------------------------------------

@login_required
def instruments(request):
    scope = scope_for(request.user)
    if not scope.is_hr:
        raise Http404
    return render(request, "surveys/instruments.html", {"instruments": selectors.instrument_list(scope=scope)})


@login_required
def instrument_detail(request, pk: int):
    scope = scope_for(request.user)
    if not scope.is_hr:
        raise Http404
    instrument = selectors.instrument_get(scope=scope, pk=pk)
    frozen = instrument_frozen(instrument)
    item_form = ItemForm(request.POST or None) if request.POST.get("form") == "item" else ItemForm()
    derive_form = DeriveForm(request.POST or None) if request.POST.get("form") == "derive" else DeriveForm()
    if request.method == "POST":
        try:
            if request.POST.get("form") == "item" and item_form.is_valid():
                instrument_item_add(actor=request.user, instrument=instrument, **item_form.cleaned_data)
                messages.success(request, _("Butir ditambahkan."))
                return redirect("surveys:instrument", pk=instrument.pk)
            if request.POST.get("form") == "derive" and derive_form.is_valid():
                agency = instrument.agency or managed_agencies(scope=scope).first()
                low, high = (int(x) for x in derive_form.cleaned_data["scale"].split("-"))
                new = instrument_derive(actor=request.user, agency=agency, base=instrument,
                                        name=derive_form.cleaned_data["name"], scale=(low, high))
                messages.success(request, _("Versi baru dibuat."))
                return redirect("surveys:instrument", pk=new.pk)
        except SurveyError as exc:
            (item_form if request.POST.get("form") == "item" else derive_form).add_error(None, str(exc))
    items = instrument.items.all()
    return render(request, "surveys/instrument.html", {
        "instrument": instrument, "frozen": frozen, "item_form": item_form, "derive_form": derive_form,
        "sections": [(label, [i for i in items if i.section == code]) for code, label in Section.choices
                     if any(i.section == code for i in items)]})


# --- results -----------------------------------------------------------------------------------

def _report_for(request, pk):
    scope = scope_for(request.user)
    wave = selectors.wave_get(scope=scope, pk=pk)
    if not hasattr(wave, "result"):
        return wave, None, None, scope
    units = selectors.result_units(scope=scope, wave=wave)
    unit = _unit_param(request, wave, scope)
    if unit is None:
        unit = units.order_by("depth", "path").first()
    if unit is None:
        raise Http404
    from berakhlak.surveys.reporting import wave_report

    return wave, unit, wave_report(wave=wave, unit=unit, units=units), scope


@login_required
def results(request, pk: int):
    wave, unit, report, scope = _report_for(request, pk)
    if report is None:
        return render(request, "surveys/results_pending.html", {"wave": wave})
    from berakhlak.surveys.reporting import charts_svg

    ancestors = selectors.result_units(scope=scope, wave=wave).filter(
        pk__in=unit.ancestor_ids).order_by("depth")
    summary = report["summary"]
    value_rows = [{"code": v, "name": report["value_names"][v], "index": summary["values"][v],
                   "category": summary["categories"][v],
                   "change": (report["change"] or {}).get("values", {}).get(v)} for v in summary["values"]]
    children = [{**c, "cells": [(v, c["values"][v], c["categories"][v]) for v in summary["values"]]}
                for c in report["children"]]
    return render(request, "surveys/results.html", {
        "wave": wave, "unit": unit, "report": report, "charts": charts_svg(report), "ancestors": ancestors,
        "value_rows": value_rows, "children": children, "comments": selectors.comments(wave=wave, unit=unit)})


@login_required
def export(request, pk: int, fmt: str):
    wave, unit, report, scope = _report_for(request, pk)
    if report is None:
        raise Http404
    name = f"indeks-berakhlak-{wave.agency.code}-{wave.code}-{unit.code}".lower()
    if fmt == "xlsx":
        from berakhlak.reports.xlsx import wave_workbook

        response = HttpResponse(wave_workbook(report),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "pdf":
        from berakhlak.reports.pdf import wave_pdf

        response = HttpResponse(wave_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    raise Http404


@login_required
def national(request):
    scope = scope_for(request.user)
    if not scope.platform_admin:
        raise Http404
    codes = sorted(set(selectors.wave_list(scope=scope).filter(result__isnull=False).values_list("code", flat=True)),
                   reverse=True)
    code = request.GET.get("gelombang") or (codes[0] if codes else None)
    data = selectors.national_result(code=code, scope=scope) if code else None
    return render(request, "surveys/national.html", {"codes": codes, "code": code, "data": data})
