"""360 pages: the home (inbox, own list, approvals, results), HR's cycle page with the tracker, the
list of raters, the form (one core value a page, saved on every step), the personal report and its PDF,
the team's results and the leader's heatmap. Reads go through ``selectors`` (scope), writes through
``services``; a refused write re-renders its page with the error (status 422)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from berakhlak.accounts.scope import managed_agencies, scope_for
from berakhlak.analytics.feedback360 import OVERALL
from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.feedback360 import rules, selectors, services
from berakhlak.feedback360.forms import CycleForm, ReasonForm, SettingsForm
from berakhlak.feedback360.models import AssignmentStatus, CycleStatus, NominationState, Participant
from berakhlak.feedback360.services import Feedback360Error
from berakhlak.lib.forms import posted_id
from berakhlak.org.models import Employee

REVIEW = "kirim"


def _refuse(request, exc: Exception) -> None:
    messages.error(request, str(exc))


def _flash(request, level: int, text: str) -> None:
    """A message for the next page, kept in the signed cookie only. Django's default storage falls back
    to the session when the cookie is full: sending a form must not modify the rater's session row
    (``docs/anonymity.md``), so the answering pages never use the session (an overflowing cookie drops
    its oldest messages instead)."""
    from django.contrib.messages.storage.cookie import CookieStorage

    if not isinstance(getattr(request, "_messages", None), CookieStorage):
        request._messages = CookieStorage(request)
    messages.add_message(request, level, text)


@login_required
def home(request):
    scope = scope_for(request.user)
    cycles = list(selectors.cycles_for(scope=scope))
    forms_ = list(selectors.inbox(scope=scope))
    mine = {p.cycle_id: p for p in Participant.objects.filter(employee_id=scope.employee_id, cycle__in=cycles)} \
        if scope.employee_id else {}
    approvals = []
    for c in cycles:
        if c.status == CycleStatus.OPEN:
            waiting = [p for p in selectors.to_approve(scope=scope, cycle=c) if p.nomination == NominationState.SUBMITTED]
            if waiting:
                approvals.append((c, waiting))
    hr = list(managed_agencies(scope=scope))
    return render(request, "feedback360/home.html", {
        "cycles": cycles, "forms": forms_, "mine": mine, "approvals": approvals, "hr_agencies": hr,
        "cycle_form": CycleForm() if hr else None, "leads": scope.is_head or scope.is_hr,
    })


@login_required
@require_POST
def cycle_new(request):
    scope = scope_for(request.user)
    agency = managed_agencies(scope=scope).filter(pk=posted_id(request.POST, "agency")).first()
    form = CycleForm(request.POST)
    if agency is None or not form.is_valid():
        messages.error(request, _("Periksa isian siklus baru."))
        return redirect("feedback360:home")
    try:
        cycle = services.cycle_create(actor=request.user, agency=agency, **form.cleaned_data)
    except Feedback360Error as exc:
        _refuse(request, exc)
        return redirect("feedback360:home")
    return redirect("feedback360:cycle", cycle.pk)


@login_required
def cycle_detail(request, pk: int):
    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    if not selectors.is_hr(scope, cycle):
        return redirect("feedback360:home")
    form = SettingsForm.for_cycle(cycle)
    status = 200
    if request.method == "POST":
        form = SettingsForm.for_cycle(cycle, data=request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in form.fields and not form.fields[k].disabled}
            try:
                services.cycle_update(actor=request.user, cycle=cycle, **data)
                messages.success(request, _("Pengaturan disimpan."))
                return redirect("feedback360:cycle", cycle.pk)
            except Feedback360Error as exc:
                form.add_error(None, str(exc))
        status = 422
    progress = selectors.tracker(scope=scope, cycle=cycle) if cycle.status != CycleStatus.DRAFT else None
    return render(request, "feedback360/cycle.html", {
        "cycle": cycle, "form": form, "progress": progress, "statuses": AssignmentStatus,
        "nomination_labels": dict(NominationState.choices),
        "roots": selectors.led_units(scope=scope, cycle=cycle),
    }, status=status)


CYCLE_ACTIONS = {"buka": "open", "tutup": "close", "setujui-semua": "approve_pending", "ingatkan": "remind",
                 "hitung": "compute"}


@login_required
@require_POST
def cycle_action(request, pk: int, action: str):
    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    step = CYCLE_ACTIONS.get(action)
    if step is None:
        raise Http404
    try:
        if step == "open":
            n = services.cycle_open(actor=request.user, cycle=cycle)
            messages.success(request, _("Siklus dibuka untuk %(n)s pegawai; penilai diusulkan.") % {"n": n})
        elif step == "close":
            if request.POST.get("confirm") != "1":
                raise Feedback360Error(_("Centang konfirmasi untuk menutup siklus."))
            services.cycle_close(actor=request.user, cycle=cycle)
            messages.success(request, _("Siklus ditutup dan hasil dihitung."))
        elif step == "approve_pending":
            n = services.nominations_approve_pending(actor=request.user, cycle=cycle)
            messages.success(request, _("%(n)s daftar penilai disetujui.") % {"n": n})
        elif step == "remind":
            n = services.reminders_send(actor=request.user, cycle=cycle)
            messages.success(request, _("Pengingat dikirim ke %(n)s penilai.") % {"n": n})
        else:
            n = services.results_compute(cycle=cycle) if selectors.is_hr(scope, cycle) else 0
            messages.success(request, _("Hasil dihitung untuk %(n)s pegawai.") % {"n": n})
    except Feedback360Error as exc:
        _refuse(request, exc)
    return redirect("feedback360:cycle", cycle.pk)


# --- the list of raters ----------------------------------------------------------------------------------


def _list_page(request, cycle, participant, status=200, reason_form=None):
    scope = scope_for(request.user)
    view = selectors.rater_list(participant=participant)
    own = scope.employee_id == participant.employee_id
    approver = services.is_approver(scope, participant)
    editable = cycle.status == CycleStatus.OPEN and (
        (own and rules.editable_by_employee(participant.nomination))
        or (approver and participant.nomination != NominationState.APPROVED))
    query = request.GET.get("q", "")[:100].strip()  # a name; a longer query is cut, not sent to the database
    found = list(selectors.candidates(scope=scope, cycle=cycle, query=query)) if (editable or approver) and query else []
    return render(request, "feedback360/list.html", {
        "cycle": cycle, "p": participant, "view": view, "own": own, "approver": approver, "editable": editable,
        "can_add": cycle.status == CycleStatus.OPEN and (editable or approver), "query": query, "found": found,
        "reason_form": reason_form or ReasonForm(), "relationships": rules.RELATIONSHIPS,
        "labels": selectors.group_labels(), "nominable": rules.ANONYMOUS, "show_nip": selectors.is_hr(scope, cycle),
    }, status=status)


@login_required
def rater_list(request, pk: int, employee_id: int):
    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    participant = selectors.participant_get(scope=scope, cycle=cycle, employee_id=employee_id)
    if not (scope.employee_id == employee_id or services.is_approver(scope, participant)):
        raise Http404
    return _list_page(request, cycle, participant)


LIST_ACTIONS = {"tambah": "add", "hapus": "remove", "ajukan": "submit", "setujui": "approve", "kembalikan": "return"}


@login_required
@require_POST
def rater_list_action(request, pk: int, employee_id: int, action: str):
    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    participant = selectors.participant_get(scope=scope, cycle=cycle, employee_id=employee_id)
    step = LIST_ACTIONS.get(action)
    if step is None:
        raise Http404
    reason_form = None
    try:
        if step == "add":
            rater = Employee.objects.filter(pk=posted_id(request.POST, "rater"), agency_id=cycle.agency_id).first()
            if rater is None:
                raise Feedback360Error(_("Pilih pegawai dari hasil pencarian."))
            services.nominee_add(actor=request.user, participant=participant, rater=rater)
        elif step == "remove":
            a = participant.cycle.assignments.filter(pk=posted_id(request.POST, "assignment"),
                                                     ratee_id=participant.employee_id).first()
            if a is None:
                raise Http404
            services.nominee_remove(actor=request.user, assignment=a)
        elif step == "submit":
            services.nomination_submit(actor=request.user, participant=participant)
            messages.success(request, _("Daftar penilai diajukan ke atasan."))
        elif step == "approve":
            services.nomination_approve(actor=request.user, participant=participant)
            messages.success(request, _("Daftar penilai disetujui; formulir terbuka bagi para penilai."))
        else:
            reason_form = ReasonForm(request.POST)
            if not reason_form.is_valid():
                raise Feedback360Error(_("Tuliskan alasan pengembalian."))
            services.nomination_return(actor=request.user, participant=participant,
                                       reason=reason_form.cleaned_data["reason"])
            messages.success(request, _("Daftar penilai dikembalikan."))
    except Feedback360Error as exc:
        participant.refresh_from_db()
        messages.error(request, str(exc))
        return _list_page(request, cycle, participant, status=422, reason_form=reason_form)
    return redirect("feedback360:list", cycle.pk, participant.employee_id)


# --- the form ----------------------------------------------------------------------------------------------


def _form_context(request, a, value: str, error: str = ""):
    items = [i for i in selectors.items_of(a.cycle)]
    names = selectors.value_names(a.cycle)
    draft = selectors.draft_of(a)
    answers, na, comments = services.draft_answers(draft)
    steps = [*VALUE_CODES, REVIEW]
    i = steps.index(value)
    return {
        "a": a, "key": a.form_key, "cycle": a.cycle, "value": value, "value_name": names.get(value, value),
        "names": names,
        "items": [it for it in items if it.value_code == value], "answers": answers, "na": na,
        "comment": comments.get(value, ""), "steps": steps, "step": i + 1, "total": len(VALUE_CODES),
        "prev": steps[i - 1] if i else None, "next": steps[i + 1] if i + 1 < len(steps) else None,
        "missing": services.missing_items(draft) if value == REVIEW else [],
        "done": sum(1 for c in answers if answers[c] is not None) + len(na), "error": error,
        "levels": range(1, 6), "decline": rules.may_decline(a.relationship), "reason_form": ReasonForm(),
        "labels": selectors.group_labels(), "review": REVIEW,
    }


def _done(request, a):
    """A form already sent or declined: back to the inbox, with a message in the cookie."""
    text = _("Formulir ini sudah ditolak.") if a.state == "DECLINED" else _("Formulir ini sudah dikirim.")
    _flash(request, messages.INFO, text)
    return redirect("feedback360:home")


@login_required
def form_page(request, key: str):
    scope = scope_for(request.user)
    a = selectors.form_get(scope=scope, key=key)
    value = request.GET.get("nilai") or VALUE_CODES[0]
    if value not in (*VALUE_CODES, REVIEW):
        raise Http404
    if a.state != "OPEN":  # sent or declined: nothing left to fill in
        return _done(request, a)
    if request.method == "POST":
        codes = [f"{value}{n}" for n in (1, 2, 3)]
        answers, na = {}, []
        for code in codes:
            raw = request.POST.get(code, "")
            if raw == "na":
                na.append(code)
            elif raw in ("1", "2", "3", "4", "5"):
                answers[code] = int(raw)
            else:
                answers[code] = None
        try:
            services.form_save(actor=request.user, assignment=a, answers=answers, not_applicable=na,
                               comments={value: request.POST.get("comment", "")})
        except services.AlreadySent:
            a.state = "SENT"
            return _done(request, a)
        except Feedback360Error as exc:
            return render(request, "feedback360/form.html", _form_context(request, a, value, str(exc)), status=422)
        go = request.POST.get("go", "next")
        steps = [*VALUE_CODES, REVIEW]
        i = steps.index(value)
        target = (steps[i - 1] if i else None) if go == "prev" else (steps[i + 1] if i + 1 < len(steps) else None)
        return redirect(f"{reverse('feedback360:form', args=[key])}?nilai={target or REVIEW}")
    return render(request, "feedback360/form.html", _form_context(request, a, value))


@login_required
@require_POST
def form_submit(request, key: str):
    """Send the form. Nothing on this path writes a row naming a person: not the assignment, not the
    session (``_flash``), not an audit row."""
    scope = scope_for(request.user)
    a = selectors.form_get(scope=scope, key=key)
    if a.state != "OPEN":
        return _done(request, a)
    try:
        services.form_submit(actor=request.user, assignment=a)
    except services.AlreadySent:
        a.state = "SENT"
        return _done(request, a)
    except Feedback360Error as exc:
        return render(request, "feedback360/form.html", _form_context(request, a, REVIEW, str(exc)), status=422)
    _flash(request, messages.SUCCESS,
           _("Terima kasih, penilaian Anda untuk %(name)s terkirim.") % {"name": a.ratee.name})
    return redirect("feedback360:home")


@login_required
@require_POST
def form_decline(request, key: str):
    scope = scope_for(request.user)
    a = selectors.form_get(scope=scope, key=key)
    if a.state != "OPEN":
        return _done(request, a)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise Feedback360Error(_("Tuliskan alasan penolakan."))
        services.form_decline(actor=request.user, assignment=a, reason=form.cleaned_data["reason"])
    except services.AlreadySent:
        a.state = "SENT"
        return _done(request, a)
    except Feedback360Error as exc:
        return render(request, "feedback360/form.html", _form_context(request, a, REVIEW, str(exc)), status=422)
    _flash(request, messages.SUCCESS,
           _("Formulir ditolak; atasan %(name)s akan melihat alasan Anda.") % {"name": a.ratee.name})
    return redirect("feedback360:home")


# --- results -----------------------------------------------------------------------------------------------


def _radar(report) -> str:
    from berakhlak.reports.radar import radar_svg

    return radar_svg([v.label for v in report.values],
                     [(_("Diri sendiri"), [v.self_score for v in report.values], "#b8860b"),
                      (_("Penilai lain (tertimbang)"), [v.score for v in report.values], "#0b5394")],
                     title=_("Nilai dasar BerAKHLAK: diri sendiri dibanding penilai lain"))


@login_required
def report_page(request, pk: int, employee_id: int):
    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    report = selectors.report(scope=scope, cycle=cycle, employee_id=employee_id)
    return render(request, "feedback360/report.html", {
        "r": report, "cycle": cycle, "labels": selectors.group_labels(),
        "radar": mark_safe(_radar(report)) if report.computed else "",  # noqa: S308 (our own SVG, text escaped)
        "suggestion_labels": _suggestion_labels(), "overall_code": OVERALL,
    })


@login_required
def report_pdf(request, pk: int, employee_id: int):
    from django.utils import translation

    from berakhlak.feedback360.reporting import report_data
    from berakhlak.reports.feedback360_pdf import feedback360_pdf

    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    with translation.override("id"):  # the document is in Indonesian: value names and texts too
        report = selectors.report(scope=scope, cycle=cycle, employee_id=employee_id)
    if not report.computed:
        raise Http404
    response = HttpResponse(feedback360_pdf(report_data(report)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="360-{cycle.code}-{report.employee.nip}.pdf"'
    return response


def _suggestion_labels() -> dict[str, str]:
    from berakhlak.performance.models import Rating

    return {k: str(v) for k, v in Rating.choices}


@login_required
def team(request, pk: int):
    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    people = list(selectors.team_results(scope=scope, cycle=cycle))
    return render(request, "feedback360/team.html", {
        "cycle": cycle, "people": people, "units": selectors.led_units(scope=scope, cycle=cycle)})


@login_required
def heatmap(request, pk: int, unit_id: int):
    scope = scope_for(request.user)
    cycle = selectors.cycle_get(scope=scope, pk=pk)
    unit = selectors.unit_in_scope(scope=scope, cycle=cycle, unit_id=unit_id)
    rows = selectors.heatmap(scope=scope, cycle=cycle, unit=unit)
    names = selectors.value_names(cycle)
    return render(request, "feedback360/heatmap.html", {
        "cycle": cycle, "unit": unit, "rows": rows, "codes": [*VALUE_CODES, OVERALL],
        "names": {**names, OVERALL: _("Keseluruhan")}, "min_group": cycle.min_group})
