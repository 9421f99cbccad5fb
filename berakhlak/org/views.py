"""Organisation pages: unit tree, unit, employees (list, page, export), import upload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseForbidden, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from berakhlak.accounts.scope import scope_for
from berakhlak.lib import csvsafe
from berakhlak.org import selectors
from berakhlak.org.forms import EmployeeFilterForm, ImportForm
from berakhlak.org.services import ImportRejected, employees_import, units_import

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


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    """HR uploads a units or employees file; every problem is listed and nothing is saved."""
    scope = scope_for(request.user)
    if not scope.is_hr:
        return HttpResponseForbidden(_("Hanya SDM instansi yang dapat mengimpor data."))
    agencies = [a for a in selectors.agency_list(scope=scope) if scope.can_import(a.id)]
    initial = {"agency": request.GET.get("agency") or (agencies[0].code if agencies else "")}
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies, initial=initial)
    problems, result = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        code = form.cleaned_data["agency"]
        try:
            if form.cleaned_data["kind"] == "units":
                result = units_import(source=upload, agency_code=code, filename=upload.name,
                                      dry_run=form.cleaned_data["dry_run"], actor=request.user)
            else:
                result = employees_import(source=upload, agency_code=code, filename=upload.name,
                                          dry_run=form.cleaned_data["dry_run"], actor=request.user)
        except ImportRejected as exc:
            problems = exc.problems
        else:
            if not result.dry_run:
                messages.success(request, _("Impor selesai: %(total)d baris, %(created)d baru, %(updated)d diubah.")
                                 % vars(result))
    chosen = form.data.get("agency") if form.is_bound else initial["agency"]
    without_account = selectors.employees_without_account(scope=scope, agency_code=chosen) if chosen else 0
    return render(request, "org/import.html", {"form": form, "problems": problems, "result": result,
                                               "agency_code": chosen, "without_account": without_account},
                  status=422 if problems else 200)
