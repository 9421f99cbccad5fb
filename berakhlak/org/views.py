"""Organisation pages: unit tree, unit, employees (list, page, export), import upload and import jobs."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseForbidden, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from berakhlak.accounts.scope import scope_for
from berakhlak.lib import csvsafe
from berakhlak.lib.uploads import PrivateFileUploadHandler
from berakhlak.org import selectors
from berakhlak.org.forms import EmployeeFilterForm, ImportForm
from berakhlak.org.models import ImportJobStatus
from berakhlak.org.services import import_job_create
from berakhlak.org.tasks import run_import_job

PAGE_SIZE = 50


def _agency_from_request(request, scope):
    code = request.GET.get("agency", "")
    agencies = selectors.agency_list(scope=scope)
    if code:
        agency = agencies.filter(code=code).first()
        if agency is None:
            raise Http404
        return agency
    return None


@login_required
def units(request):
    scope = scope_for(request.user)
    if not scope.sees_organisation:
        return HttpResponseForbidden(_("Halaman ini untuk SDM, pimpinan unit dan agen perubahan."))
    agency = _agency_from_request(request, scope)
    roots = selectors.unit_list(scope=scope, agency=agency, roots=True)
    return render(request, "org/units.html", {"roots": roots, "agency": agency})


@login_required
def unit_children(request, unit_id: int):
    """htmx: the children of a unit, as tree items."""
    scope = scope_for(request.user)
    unit = selectors.unit_get(scope=scope, unit_id=unit_id)
    if unit is None or not scope.sees_organisation:
        raise Http404
    children = selectors.unit_list(scope=scope, parent=unit)
    return render(request, "org/units.html#tree-items", {"units": children})


@login_required
def unit_detail(request, unit_id: int):
    scope = scope_for(request.user)
    if not scope.sees_organisation:
        raise Http404
    unit = selectors.unit_get(scope=scope, unit_id=unit_id)
    if unit is None:
        raise Http404
    return render(request, "org/unit.html", {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(scope=scope, unit=unit, own_place=False),  # links: pages to open
        "children": selectors.unit_list(scope=scope, parent=unit),
        "can_see_people": scope.sees_people and selectors.employee_list(scope=scope, unit=unit).exists(),
    })


def _filtered_employees(request, scope):
    form = EmployeeFilterForm(request.GET or None)
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    agency = _agency_from_request(request, scope)
    unit = None
    if data.get("unit"):
        unit = selectors.unit_get(scope=scope, unit_id=data["unit"])
        if unit is None:
            raise Http404
    status = data.get("status", "")
    active = None if status == "all" else (status != "inactive")
    qs = selectors.employee_list(
        scope=scope, agency=agency, unit=unit, search=data.get("q", ""), position_kind=data.get("kind", ""),
        employment_type=data.get("type", ""), active=active,
    )
    return form, qs, unit, agency


@login_required
def employees(request):
    scope = scope_for(request.user)
    if not scope.sees_people:
        if scope.employee_id:
            return redirect("org:employee", nip=request.user.employee.nip)
        raise Http404
    form, qs, unit, agency = _filtered_employees(request, scope)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "unit": unit, "agency": agency, "query": query.urlencode()}
    if request.htmx and request.htmx.target == "results":
        return render(request, "org/employees.html#results", context)
    return render(request, "org/employees.html", context)


class _Echo:
    def write(self, value):
        return value


@login_required
def employees_export(request):
    """CSV of the filtered list, streamed (same columns as the import file), within scope."""
    scope = scope_for(request.user)
    if not scope.sees_people:
        raise Http404
    _form, qs, _unit, _agency = _filtered_employees(request, scope)
    writer = csvsafe.writer(_Echo())
    header = ["nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenis_pegawai", "atasan_nip", "email"]
    rows = qs.values_list("nip", "name", "unit__code", "position__name", "position__kind", "employment_type",
                          "superior__nip", "email").iterator(chunk_size=5000)

    def stream():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pegawai.csv"'
    return response


@login_required
def employee_detail(request, nip: str):
    scope = scope_for(request.user)
    employee = selectors.employee_get(scope=scope, nip=nip)
    if employee is None:
        raise Http404
    return render(request, "org/employee.html", {
        "employee": employee,
        "subordinates": selectors.employee_subordinates(scope=scope, employee=employee)[:100],
        "ancestors": selectors.unit_ancestors(scope=scope, unit=employee.unit),
    })


def _import_handler(request) -> PrivateFileUploadHandler:
    return PrivateFileUploadHandler(request, directory=settings.IMPORT_UPLOAD_DIR,
                                    max_bytes=settings.IMPORT_MAX_UPLOAD_MB * 1024 * 1024)


@csrf_exempt  # the CSRF check runs in _import_form, after the upload handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    """HR uploads a units or employees file. The upload is streamed to a private file (never held in
    memory), an import job is queued, and the browser goes to the job's page, which shows the progress
    and then the result or every problem (nothing is saved when there is one)."""
    scope = scope_for(request.user)
    if not scope.is_hr:  # refused before a byte of the body is read
        return HttpResponseForbidden(_("Hanya SDM instansi yang dapat mengimpor data."))
    handler = _import_handler(request)
    if request.method == "POST":
        request.upload_handlers = [handler]
    try:
        return _import_form(request, scope, handler)
    finally:
        handler.discard()  # whatever the view did not claim for a job


@csrf_protect
def _import_form(request, scope, handler):
    agencies = [a for a in selectors.agency_list(scope=scope) if scope.can_import(a.id)]
    initial = {"agency": request.GET.get("agency") or (agencies[0].code if agencies else "")}
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies, initial=initial)
    if request.method == "POST":
        valid = form.is_valid()
        if handler.too_large:
            form.errors.pop("file", None)
            form.add_error("file", ImportForm.too_large_message())
            valid = False
        if valid:
            agency = next(a for a in agencies if a.code == form.cleaned_data["agency"])
            job = import_job_create(actor=request.user, agency=agency, kind=form.cleaned_data["kind"],
                                    upload=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"])
            run_import_job.enqueue(job.pk)  # immediate backend (tests, demo): runs here and now
            return redirect("org:import_job", job_id=job.pk)
    chosen = form.data.get("agency") if form.is_bound else initial["agency"]
    if chosen not in {a.code for a in agencies}:
        chosen = ""
    without_account = selectors.employees_without_account(scope=scope, agency_code=chosen) if chosen else 0
    jobs = selectors.import_job_list(scope=scope, agency_code=chosen) if chosen else []
    return render(request, "org/import.html", {"form": form, "agency_code": chosen, "jobs": jobs,
                                               "without_account": without_account,
                                               "max_mb": settings.IMPORT_MAX_UPLOAD_MB},
                  status=422 if form.is_bound else 200)


@login_required
def import_job(request, job_id: int):
    """An import job: progress while it runs (htmx polls the status part every second; without
    JavaScript the page reloads itself), then the result or the problem list. HR of its agency only."""
    scope = scope_for(request.user)
    job = selectors.import_job_get(scope=scope, job_id=job_id)
    if job is None:
        raise Http404
    without_account = 0
    if job.status == ImportJobStatus.DONE and not job.dry_run:
        without_account = selectors.employees_without_account(scope=scope, agency_code=job.agency.code)
    context = {"job": job, "without_account": without_account, "agency_code": job.agency.code,
               "statuses": ImportJobStatus}
    if request.htmx and request.htmx.target == "job-status":
        return render(request, "org/import_job.html#job-status", context)
    return render(request, "org/import_job.html", context)
