"""The answering form: public pages reached through a personal invitation link or a ballot code (no login).

Phone-first, one value per page, progress shown; every page saves to the encrypted draft of the link or
ballot, so the person can close the page and resume while it lives. Works without JavaScript (plain forms
and redirects); htmx only boosts the navigation. A double submission never doubles a response. These pages
touch no row that names a person, nor the session of a signed-in visitor (DESIGN.md "Anonymity").
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from berakhlak.lib.anonymity import normalise_code
from berakhlak.surveys import item_bank, rules
from berakhlak.surveys.invitations import BALLOT_PREFIX, ballot_token
from berakhlak.surveys.models import InstrumentKind, WaveStatus
from berakhlak.surveys.selectors import instrument_pages
from berakhlak.surveys.services import (
    SurveyError,
    credential_for,
    draft_get,
    draft_save,
    is_spent,
    response_submit,
)

VALUE_NAMES = {
    "BP": ("Berorientasi Pelayanan", "Service orientation"), "AK": ("Akuntabel", "Accountable"),
    "KO": ("Kompeten", "Competent"), "HA": ("Harmonis", "Harmonious"), "LO": ("Loyal", "Loyal"),
    "AD": ("Adaptif", "Adaptive"), "KL": ("Kolaboratif", "Collaborative"),
    "ENGAGEMENT": ("Keterikatan kerja", "Employee engagement"),
    "BRANDING": ("Bangga Melayani Bangsa", "Proud to serve the nation"),
    "COMMENT": ("Komentar", "Comments"),
}
QUESTION_TEXT = {q["code"]: (q["text_id"], q["text_en"]) for q in item_bank.SELECTION_QUESTIONS}


def _lang(pair):
    return pair[1] if (get_language() or "id").startswith("en") and pair[1] else pair[0]


def _credential_or_404(request, token):
    credential = credential_for(token)
    if credential is None:
        raise Http404
    return credential


def _closed(request, credential):
    return render(request, "surveys/answer_closed.html", {"wave": credential.wave}, status=410)


def _answerable(request, token):
    """The credential of ``token`` and, when it cannot be answered any more, the page to show instead."""
    credential = _credential_or_404(request, token)
    if credential.wave.status != WaveStatus.OPEN:
        return credential, _closed(request, credential)
    if is_spent(credential):
        return credential, redirect("surveys:thanks")
    return credential, None


@never_cache
@require_http_methods(["GET", "POST"])
def ballot(request):
    """Typing the code of a ballot slip (for those who cannot scan its QR code)."""
    error = None
    if request.method == "POST":
        code = normalise_code(request.POST.get("kode", ""))[:40]
        if code and credential_for(ballot_token(code)) is not None:
            return redirect("surveys:answer", token=ballot_token(code))
        error = True
    return render(request, "surveys/answer_ballot.html", {"error": error}, status=404 if error else 200)


@never_cache
def start(request, token: str):
    """The invitation link: a welcome page, or straight back to the first unfinished page."""
    credential, stop = _answerable(request, token)
    if stop is not None:
        return stop
    pages = instrument_pages(credential.wave.instrument)
    draft = draft_get(credential)
    missing = rules.missing_pages(pages, draft)
    if draft and request.GET.get("mulai") is None:
        index = next((i for i, p in enumerate(pages) if p.key in missing), len(pages) - 1)
        return redirect("surveys:answer_page", token=token, page=index + 1)
    return render(request, "surveys/answer_start.html", {
        "wave": credential.wave, "token": token, "pages": len(pages), "resumed": bool(draft),
        "ballot": credential.is_ballot})


@never_cache
@require_http_methods(["GET", "POST"])
def page(request, token: str, page: int):
    credential, stop = _answerable(request, token)
    if stop is not None:
        return stop
    wave = credential.wave
    pages = instrument_pages(wave.instrument)
    if not 1 <= page <= len(pages):
        raise Http404
    current = pages[page - 1]
    draft = draft_get(credential) or {"answers": {}, "picks": {}, "comment": ""}
    errors: dict[str, str] = {}
    error = None
    values = dict(draft.get("answers", {}))
    picked = list(draft.get("picks", {}).get(current.key, []))
    comment = draft.get("comment", "")
    if request.method == "POST":
        if current.kind == "LIKERT":
            answers, errors = rules.check_likert_page(current, request.POST, wave.scale)
            values.update(answers)
            if not errors:
                draft_save(credential=credential, answers=answers)
        elif current.kind == "PICK":
            picked, error = rules.check_picks(current, request.POST.getlist("pick"), wave.instrument.max_picks)
            if not error:
                draft_save(credential=credential, picks={current.key: picked})
        else:
            comment, error = rules.check_comment(request.POST.get("comment", ""))
            if not error:
                draft_save(credential=credential, comment=comment)
        if not errors and not error:
            if request.POST.get("later"):
                return render(request, "surveys/answer_saved.html", {"wave": wave, "token": token})
            if request.POST.get("back") and page > 1:
                return redirect("surveys:answer_page", token=token, page=page - 1)
            if page < len(pages):
                return redirect("surveys:answer_page", token=token, page=page + 1)
            return redirect("surveys:answer_review", token=token)
    low, high = wave.scale
    labels = [(n, _lang(label)) for n, label in zip(range(low, high + 1), item_bank.LIKERT_LABELS[(low, high)])]
    items = [{"code": i.code, "text": _lang((i.text_id, i.text_en)), "value": values.get(i.code),
              "error": errors.get(i.code), "limiting": i.section == "LIMITING"} for i in current.items]
    title = (_lang(VALUE_NAMES[current.key]) if current.key in VALUE_NAMES
             else _lang(QUESTION_TEXT.get(current.key, (current.key, current.key))).format(n=wave.instrument.max_picks))
    return render(request, "surveys/answer_page.html", {
        "wave": wave, "token": token, "page": current, "number": page, "total": len(pages),
        "percent": round(100 * (page - 1) / len(pages)), "title": title, "items": items, "labels": labels,
        "picked": picked, "comment": comment, "errors": errors, "error": error,
        "comment_prompt": _lang(item_bank.COMMENT_PROMPT), "max_picks": wave.instrument.max_picks,
        "is_last": page == len(pages), "selection": wave.instrument.kind == InstrumentKind.SELECTION,
    }, status=422 if (errors or error) else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def review(request, token: str):
    """Last step: what is still missing, and the submit button."""
    credential, stop = _answerable(request, token)
    if stop is not None:
        return stop
    return _review(request, credential, token)


def _review(request, credential, token: str, error: str | None = None):
    wave = credential.wave
    pages = instrument_pages(wave.instrument)
    missing = rules.missing_pages(pages, draft_get(credential))
    missing_pages = [(i + 1, _lang(VALUE_NAMES.get(p.key, (p.key, p.key)))) for i, p in enumerate(pages) if p.key in missing]
    return render(request, "surveys/answer_review.html", {
        "wave": wave, "token": token, "missing": missing_pages, "total": len(pages), "error": error},
        status=409 if error else 200)


@never_cache
@require_POST
def submit(request, token: str):
    credential = credential_for(token)
    if credential is None:
        if token.startswith(BALLOT_PREFIX):  # a used ballot no longer opens: its second submission lands here
            return redirect("surveys:thanks")
        raise Http404
    # the pages only serve the completeness check: codes and sections, not the item texts
    pages = instrument_pages(credential.wave.instrument, texts=False)
    try:
        response_submit(credential=credential, pages=pages)
    except SurveyError as exc:
        credential.wave.refresh_from_db(fields=["status"])
        if credential.wave.status != WaveStatus.OPEN:
            return _closed(request, credential)
        return _review(request, credential, token, error=str(exc))
    return redirect("surveys:thanks")


def thanks(request):
    return render(request, "surveys/answer_thanks.html")
