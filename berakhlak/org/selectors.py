"""Reads of the organisation, always through the caller's data scope (``berakhlak.accounts.scope``)."""

from __future__ import annotations

from django.db.models import Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from berakhlak.accounts.scope import Scope
from berakhlak.org.models import Agency, Employee, Unit


def agency_list(*, scope: Scope) -> QuerySet[Agency]:
    return Agency.objects.filter(scope.agencies_q()).order_by("code")


def _count(queryset: QuerySet):
    """COUNT(*) of a correlated queryset as a scalar subquery (no join fan-out in the outer query)."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(n=Func("pk", function="COUNT"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _with_counts(qs: QuerySet[Unit]) -> QuerySet[Unit]:
    """Children, direct staff, and staff of the whole subtree (through the closure table, indexed)."""
    return qs.annotate(
        child_count=_count(Unit.objects.filter(parent=OuterRef("pk"))),
        direct_headcount=_count(Employee.objects.filter(unit=OuterRef("pk"), is_active=True)),
        headcount=_count(Employee.objects.filter(unit__ancestor_links__ancestor=OuterRef("pk"), is_active=True)),
    )


def unit_list(*, scope: Scope, agency: Agency | None = None, parent: Unit | None = None,
              roots: bool = False, with_counts: bool = True) -> QuerySet[Unit]:
    """Units in scope; ``parent`` gives its children, ``roots`` the top units the user may see."""
    qs = Unit.objects.filter(scope.units_q()).select_related("head", "agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if with_counts:
        qs = _with_counts(qs)
    if roots:
        qs = qs.filter(_roots_q(scope))
    return qs.order_by("path")


def _roots_q(scope: Scope) -> Q:
    """The top units of the user's scope: agency roots for admins, HR and change agents; the headed
    units themselves for unit heads (outside the agencies already covered). No tree walk."""
    if scope.platform_admin:
        return Q(parent__isnull=True)
    agencies = scope.hr_agency_ids | scope.agent_agency_ids
    q = Q(parent__isnull=True, agency_id__in=sorted(agencies)) if agencies else Q(pk__in=[])
    if scope.head_paths:
        q |= Q(path__in=scope.head_paths) & ~Q(agency_id__in=sorted(agencies))
    return q


def unit_get(*, scope: Scope, unit_id: int) -> Unit | None:
    return unit_list(scope=scope).filter(pk=unit_id).first()


def unit_ancestors(*, scope: Scope, unit: Unit, own_place: bool = True) -> list[Unit]:
    """The unit's ancestors the user may see, root first (one query, ids from the path).
    ``own_place`` adds the units above one's own unit (names for a breadcrumb, not pages to open)."""
    ids = unit.ancestor_ids
    by_id = {u.id: u for u in Unit.objects.filter(scope.place_q() if own_place else scope.units_q(), id__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def employee_list(*, scope: Scope, agency: Agency | None = None, unit: Unit | None = None,
                  search: str = "", position_kind: str = "", employment_type: str = "",
                  active: bool | None = True) -> QuerySet[Employee]:
    """Employees in scope, filtered; ``unit`` includes its whole subtree."""
    qs = Employee.objects.filter(scope.employees_q()).select_related("unit", "position", "superior", "agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if search:
        term = search.strip()
        if term.isdigit():
            qs = qs.filter(nip__startswith=term)
        else:
            qs = qs.filter(name__icontains=term)
    if position_kind:
        qs = qs.filter(position__kind=position_kind)
    if employment_type:
        qs = qs.filter(employment_type=employment_type)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("name", "nip")


def employee_get(*, scope: Scope, nip: str) -> Employee | None:
    return (
        Employee.objects.filter(scope.employees_q(), nip=nip)
        .select_related("unit", "position", "superior", "agency", "unit__head")
        .first()
    )


def employee_subordinates(*, scope: Scope, employee: Employee) -> QuerySet[Employee]:
    return employee_list(scope=scope).filter(superior=employee)


def employees_without_account(*, scope: Scope, agency_code: str) -> int:
    """Active employees in scope of one agency who cannot log in yet (no user account)."""
    return Employee.objects.filter(scope.employees_q(), agency__code=agency_code, is_active=True,
                                   user__isnull=True).count()


def import_job_get(*, scope: Scope, job_id: int):
    """An import job if the caller may see it (HR of its agency, the platform admin), else ``None``."""
    from berakhlak.org.models import ImportJob

    if not scope.platform_admin and not scope.hr_agency_ids:
        return None
    qs = ImportJob.objects.select_related("agency", "created_by")
    if not scope.platform_admin:
        qs = qs.filter(agency_id__in=sorted(scope.hr_agency_ids))
    return qs.filter(pk=job_id).first()


def import_job_list(*, scope: Scope, agency_code: str, limit: int = 10):
    """The latest import jobs of one agency the caller imports into (empty for anyone else)."""
    from berakhlak.org.models import ImportJob

    qs = ImportJob.objects.filter(agency__code=agency_code).select_related("created_by")
    if not scope.platform_admin:
        qs = qs.filter(agency_id__in=sorted(scope.hr_agency_ids))
    return list(qs[:limit])
