"""Data scope: what part of the organisation a user may see.

- platform admin: everything;
- agency HR (SDM instansi): every unit and employee of their agencies;
- unit head (kepala unit): their units' whole subtrees (headed units and explicit assignments);
- change agent (agen perubahan): the unit tree of their agency (names and headcounts), no one's
  personal record but their own;
- employee: their own record only.

Selectors filter every queryset through ``Scope``; views never filter by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.org.models import Agency


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    platform_admin: bool = False
    hr_agency_ids: frozenset[int] = frozenset()
    agent_agency_ids: frozenset[int] = frozenset()
    head_paths: tuple[str, ...] = ()  # unit paths whose subtrees are in scope
    head_agency_ids: frozenset[int] = frozenset()
    employee_id: int | None = None
    employee_agency_id: int | None = None
    employee_unit_path: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)

    # --- what the user is ---------------------------------------------------------------
    @property
    def is_hr(self) -> bool:
        return self.platform_admin or bool(self.hr_agency_ids)

    @property
    def is_head(self) -> bool:
        return bool(self.head_paths)

    @property
    def is_change_agent(self) -> bool:
        return bool(self.agent_agency_ids)

    @property
    def sees_organisation(self) -> bool:
        """May browse the unit tree (names, heads, headcounts)."""
        return self.platform_admin or bool(self.hr_agency_ids or self.head_paths or self.agent_agency_ids)

    @property
    def sees_people(self) -> bool:
        """May list other people's records."""
        return self.platform_admin or bool(self.hr_agency_ids or self.head_paths)

    def can_import(self, agency_id: int) -> bool:
        return self.platform_admin or agency_id in self.hr_agency_ids

    # --- filters ---------------------------------------------------------------------------
    def agencies_q(self, prefix: str = "") -> Q:
        if self.platform_admin:
            return Q()
        ids = set(self.hr_agency_ids | self.agent_agency_ids | self.head_agency_ids)
        if self.employee_agency_id:
            ids.add(self.employee_agency_id)
        return Q(**{f"{prefix}pk__in": sorted(ids)})

    def units_q(self, prefix: str = "") -> Q:
        """Units whose pages, names, heads and headcounts the user may see (the tree they browse)."""
        if self.platform_admin:
            return Q()
        agencies = sorted(self.hr_agency_ids | self.agent_agency_ids)
        q = Q(**{f"{prefix}agency_id__in": agencies}) if agencies else Q(pk__in=[])
        for p in self.head_paths:
            q |= Q(**{f"{prefix}path__startswith": p})
        return q

    def place_q(self, prefix: str = "") -> Q:
        """``units_q`` plus one's own unit and the units above it: names only, for the breadcrumb of one's
        own place (a unit head does not thereby browse the units above their subtree)."""
        q = self.units_q(prefix)
        if self.employee_unit_path and not self.platform_admin:
            ids = [int(part) for part in self.employee_unit_path.strip("/").split("/") if part]
            q |= Q(**{f"{prefix}pk__in": ids})
        return q

    def employees_q(self, prefix: str = "") -> Q:
        """Employees whose records the user may see."""
        if self.platform_admin:
            return Q()
        q = Q(**{f"{prefix}agency_id__in": sorted(self.hr_agency_ids)}) if self.hr_agency_ids else Q(pk__in=[])
        for p in self.head_paths:
            q |= Q(**{f"{prefix}unit__path__startswith": p})
        if self.employee_id:
            q |= Q(**{f"{prefix}pk": self.employee_id})
        return q


def managed_agencies(*, scope: Scope) -> QuerySet[Agency]:
    """The agencies the user manages as HR: their waves, instruments, SKP years and 360 cycles
    (the platform admin: all)."""
    return Agency.objects.all() if scope.platform_admin else Agency.objects.filter(pk__in=scope.hr_agency_ids)


def can_manage(scope: Scope, obj: object) -> bool:
    """Whether the user manages ``obj``'s agency: ``obj`` is anything with an ``agency_id`` (a wave, an
    instrument) or an agency id."""
    agency_id = getattr(obj, "agency_id", obj)
    return scope.platform_admin or agency_id in scope.hr_agency_ids


ANONYMOUS = Scope()


def scope_for(user) -> Scope:
    """Build the scope of ``user`` with two queries (roles, headed units); cached on the user object."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_berakhlak_scope", None)
    if cached is not None:
        return cached
    from berakhlak.org.models import Unit

    platform_admin = bool(user.is_superuser)
    hr, agents, head_agencies = set(), set(), set()
    head_paths: list[str] = []
    roles: set[str] = set()
    for ra in RoleAssignment.objects.filter(user=user).select_related("unit"):
        roles.add(ra.role)
        if ra.role == Role.PLATFORM_ADMIN:
            platform_admin = True
        elif ra.role == Role.AGENCY_HR:
            hr.add(ra.agency_id)
        elif ra.role == Role.CHANGE_AGENT:
            agents.add(ra.agency_id)
        elif ra.role == Role.UNIT_HEAD and ra.unit is not None:
            head_paths.append(ra.unit.path)
            head_agencies.add(ra.agency_id)
    employee = None
    if user.employee_id:
        from berakhlak.org.models import Employee

        employee = Employee.objects.select_related("unit").filter(pk=user.employee_id, is_active=True).first()
        if employee is not None:
            for unit in Unit.objects.filter(head_id=employee.pk).only("path", "agency_id"):
                head_paths.append(unit.path)
                head_agencies.add(unit.agency_id)
                roles.add(Role.UNIT_HEAD)
    if platform_admin:
        roles.add(Role.PLATFORM_ADMIN)
    # keep only the outermost paths (a subtree inside another adds nothing)
    outer = tuple(p for p in sorted(set(head_paths)) if not any(p != o and p.startswith(o) for o in head_paths))
    scope = Scope(
        user_id=user.pk,
        platform_admin=platform_admin,
        hr_agency_ids=frozenset(hr),
        agent_agency_ids=frozenset(agents),
        head_paths=outer,
        head_agency_ids=frozenset(head_agencies),
        employee_id=employee.pk if employee else None,
        employee_agency_id=employee.agency_id if employee else None,
        employee_unit_path=employee.unit.path if employee else "",
        roles=frozenset(roles),
    )
    user._berakhlak_scope = scope
    return scope
