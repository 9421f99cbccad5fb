from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from berakhlak.accounts.scope import scope_for
from berakhlak.framework.models import FrameworkVersion
from berakhlak.framework.selectors import framework_for_agency, values_with_behaviours
from berakhlak.org import selectors as org
from berakhlak.org.services import agency_set_framework


@login_required
def home(request):
    """A home page per role: what this user can do and see."""
    scope = scope_for(request.user)
    context = {"agencies": [], "headed_units": [], "me": None}
    if scope.employee_id:
        context["me"] = org.employee_list(scope=scope).filter(pk=scope.employee_id).first()
    if scope.is_hr or scope.is_change_agent:
        context["agencies"] = list(org.agency_list(scope=scope).filter(
            id__in=sorted(scope.hr_agency_ids | scope.agent_agency_ids)) if not scope.platform_admin
            else org.agency_list(scope=scope))
        # the root units of all the cards in one query (not one per agency, and not none past 20 agencies)
        roots: dict[int, list] = {}
        for unit in org.unit_list(scope=scope, roots=True).filter(agency_id__in=[a.pk for a in context["agencies"]]):
            roots.setdefault(unit.agency_id, []).append(unit)
        for agency in context["agencies"]:
            agency.root_units = roots.get(agency.pk, [])
    if scope.is_head:
        context["headed_units"] = list(org.unit_list(scope=scope).filter(path__in=scope.head_paths))
    return render(request, "front/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def values(request):
    """The BerAKHLAK values and behaviours in the wording active for the user's agency; HR may switch
    the agency to another version (2021 SE wording or UU 20/2023 wording)."""
    scope = scope_for(request.user)
    agency = None
    if scope.employee_agency_id or scope.hr_agency_ids:
        agency = org.agency_list(scope=scope).filter(
            pk=scope.employee_agency_id or min(scope.hr_agency_ids)).select_related("framework_version").first()
    can_switch = agency is not None and scope.can_import(agency.id)
    if request.method == "POST":
        if not can_switch:
            return HttpResponseForbidden(_("Hanya SDM instansi yang dapat mengganti versi kerangka."))
        chosen = FrameworkVersion.objects.filter(code=request.POST.get("version", "")).first()
        if chosen is None:
            messages.error(request, _("Versi kerangka tidak dikenal."))
        else:
            agency_set_framework(agency=agency, version=chosen, actor=request.user)
            messages.success(request, _("Instansi kini memakai %(name)s.") % {"name": chosen.name})
        return redirect("front:values")
    version = framework_for_agency(agency=agency)
    return render(request, "front/values.html", {
        "version": version, "values": values_with_behaviours(version=version) if version else [], "agency": agency,
        "versions": FrameworkVersion.objects.all() if can_switch else [],
    })
