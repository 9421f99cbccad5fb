"""The answering form: public pages reached through a personal invitation link (no login).

Phone-first, one value per page, progress shown; every page saves to the invitation's draft so the
person can close the page and resume while the link lives. Works without JavaScript (plain forms and
redirects); htmx only boosts the navigation. A double submission never doubles a response.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from berakhlak.surveys import item_bank, rules
from berakhlak.surveys.models import InstrumentKind, WaveStatus
from berakhlak.surveys.selectors import instrument_pages
from berakhlak.surveys.services import SurveyError, draft_save, member_for_token, response_submit

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


def _member_or_404(token):
    member = member_for_token(token)
    if member is None:
        raise Http404
    return member


def _closed(request, member):
    return render(request, "surveys/answer_closed.html", {"wave": member.wave, "answered": member.answered},
                  status=200 if member.answered else 410)


def _answerable(request, token):
    """The invitation of ``token`` and, when it cannot be answered any more, the page to show instead."""
    member = _member_or_404(token)
    if member.answered:
        return member, redirect("surveys:thanks")
    if member.wave.status != WaveStatus.OPEN:
        return member, _closed(request, member)
    return member, None


@never_cache
def start(request, token: str):
    """The invitation link: a welcome page, or straight back to the first unfinished page."""
    member, stop = _answerable(request, token)
    if stop is not None:
        return stop
    pages = instrument_pages(member.wave.instrument)
    draft = member.draft or {}
    missing = rules.missing_pages(pages, draft)
    if draft and request.GET.get("mulai") is None:
        index = next((i for i, p in enumerate(pages) if p.key in missing), len(pages) - 1)
        return redirect("surveys:answer_page", token=token, page=index + 1)
    return render(request, "surveys/answer_start.html", {
        "wave": member.wave, "token": token, "pages": len(pages), "resumed": bool(draft)})


@never_cache
@require_http_methods(["GET", "POST"])
def page(request, token: str, page: int):
    member, stop = _answerable(request, token)
    if stop is not None:
        return stop
    wave = member.wave
    pages = instrument_pages(wave.instrument)
    if not 1 <= page <= len(pages):
        raise Http404
    current = pages[page - 1]
    draft = member.draft or {"answers": {}, "picks": {}, "comment": ""}
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
                draft_save(member_id=member.pk, answers=answers)
        elif current.kind == "PICK":
            picked, error = rules.check_picks(current, request.POST.getlist("pick"), wave.instrument.max_picks)
            if not error:
                draft_save(member_id=member.pk, picks={current.key: picked})
        else:
            comment, error = rules.check_comment(request.POST.get("comment", ""))
            if not error:
                draft_save(member_id=member.pk, comment=comment)
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
    member, stop = _answerable(request, token)
    if stop is not None:
        return stop
    wave = member.wave
    pages = instrument_pages(wave.instrument)
    missing = rules.missing_pages(pages, member.draft or {})
    missing_pages = [(i + 1, _lang(VALUE_NAMES.get(p.key, (p.key, p.key)))) for i, p in enumerate(pages) if p.key in missing]
    return render(request, "surveys/answer_review.html", {
        "wave": wave, "token": token, "missing": missing_pages, "total": len(pages)})


@never_cache
@require_POST
def submit(request, token: str):
    member = _member_or_404(token)
    if member.answered:
        return redirect("surveys:thanks")  # a double submission stores nothing more
    # the pages only serve the completeness check: codes and sections, not the item texts
    pages = instrument_pages(member.wave.instrument, texts=False)
    try:
        response_submit(member_id=member.pk, pages=pages)
    except SurveyError:
        return redirect("surveys:answer_review", token=token)
    return redirect("surveys:thanks")


def thanks(request):
    return render(request, "surveys/answer_thanks.html")
