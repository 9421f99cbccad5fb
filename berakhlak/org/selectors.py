"""Reads of the organisation, always through the caller's data scope (``berakhlak.accounts.scope``)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from berakhlak.accounts.scope import Scope
from berakhlak.org.models import Agency, Employee, Unit


def agency_list(*, scope: Scope) -> QuerySet[Agency]:
    return Agency.objects.filter(scope.agencies_q()).order_by("code")


def _subtree_headcount():
    """Active employees of a unit and its whole subtree (a correlated, indexed LIKE on the path)."""
    return Coalesce(
        Subquery(
            Employee.objects.filter(unit__path__startswith=OuterRef("path"), is_active=True)
            .order_by()
            .values("agency_id")
            .annotate(n=Count("id"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
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
        qs = qs.annotate(
            child_count=Count("children", distinct=True),
            direct_headcount=Count("employees", filter=Q(employees__is_active=True), distinct=True),
            headcount=_subtree_headcount(),
        )
    qs = qs.order_by("path")
    if roots:
        units = list(qs.only("id", "path") if not with_counts else qs)
        paths = [u.path for u in units]
        keep = [u.id for u in units if not any(p != u.path and u.path.startswith(p) for p in paths)]
        return qs.filter(id__in=keep)
    return qs


def unit_get(*, scope: Scope, unit_id: int) -> Unit | None:
    return unit_list(scope=scope).filter(pk=unit_id).first()


def unit_ancestors(*, scope: Scope, unit: Unit) -> list[Unit]:
    """The unit's ancestors the user may see, root first (one query, ids from the path)."""
    ids = unit.ancestor_ids
    by_id = {u.id: u for u in Unit.objects.filter(scope.units_q(), id__in=ids)}
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
