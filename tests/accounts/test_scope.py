"""Data scope: every role sees exactly its part of the organisation, on every list, page and export.

The world: two agencies (A, B), each with a three-level unit tree

    root ─┬─ c1 ─┬─ c1a
          │      └─ c1b
          └─ c2 ─┬─ c2a
                 └─ c2b

and two active employees in every unit, plus one inactive employee in A's c1a. Users: a platform
admin, HR of A, the head of A's c1 (``Unit.head``), an explicit UNIT_HEAD assignment on A's c2, a
change agent of A (an employee in A's c2a) and a plain employee of A (in A's c1a).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pytest

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.accounts.scope import ANONYMOUS, can_manage, managed_agencies, scope_for
from berakhlak.org import selectors
from berakhlak.org.models import Employee, Unit
from tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, UserFactory

PASSWORD = "rahasia-uji-123"
UNIT_LABELS = ["root", "c1", "c1a", "c1b", "c2", "c2a", "c2b"]
SUBTREE = {
    "root": UNIT_LABELS,
    "c1": ["c1", "c1a", "c1b"],
    "c2": ["c2", "c2a", "c2b"],
}
NIP_CELL = re.compile(r'<td class="nip small">(\d{18})</td>')
TREE_ITEM = re.compile(r'<li data-unit="([^"]+)">')


@dataclass
class World:
    agencies: dict = field(default_factory=dict)  # "A" -> Agency
    units: dict = field(default_factory=dict)  # ("A", "c1") -> Unit
    staff: dict = field(default_factory=dict)  # ("A", "c1") -> [Employee, ...] (active)
    inactive: Employee | None = None
    users: dict = field(default_factory=dict)  # role name -> User

    def nips(self, agency: str, labels=UNIT_LABELS) -> set[str]:
        return {e.nip for label in labels for e in self.staff[(agency, label)]}

    def all_nips(self) -> set[str]:
        return self.nips("A") | self.nips("B")

    def unit_ids(self, agency: str, labels=UNIT_LABELS) -> set[int]:
        return {self.units[(agency, label)].pk for label in labels}

    def unit_codes(self, agency: str, labels=UNIT_LABELS) -> set[str]:
        return {self.units[(agency, label)].code for label in labels}

    def all_units(self) -> list[Unit]:
        return list(self.units.values())

    def all_people(self) -> list[Employee]:
        return [e for staff in self.staff.values() for e in staff] + [self.inactive]


def build_world() -> World:
    w = World()
    for name in ("A", "B"):
        agency = AgencyFactory(code=f"INST{name}", name=f"Instansi {name}")
        w.agencies[name] = agency
        root = UnitFactory(agency=agency, code=f"{name}-ROOT", name=f"Sekretariat Utama {name}")
        w.units[(name, "root")] = root
        for child in ("c1", "c2"):
            c = UnitFactory(parent=root, code=f"{name}-{child.upper()}", name=f"Biro {name}{child[1]}")
            w.units[(name, child)] = c
            for leaf in ("a", "b"):
                w.units[(name, child + leaf)] = UnitFactory(
                    parent=c, code=f"{name}-{child.upper()}{leaf.upper()}", name=f"Bagian {name}{child[1]}{leaf}")
        for label in UNIT_LABELS:
            w.staff[(name, label)] = [EmployeeFactory(unit=w.units[(name, label)]) for _ in range(2)]
    w.inactive = EmployeeFactory(unit=w.units[("A", "c1a")], is_active=False)

    a = w.agencies["A"]
    w.users["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)

    hr = UserFactory(username="sdm-a", employee=w.staff[("A", "root")][0])
    RoleAssignment.objects.create(user=hr, role=Role.AGENCY_HR, agency=a)
    w.users["hr"] = hr

    head_emp = w.staff[("A", "c1")][0]
    Unit.objects.filter(pk=w.units[("A", "c1")].pk).update(head=head_emp)
    w.users["head"] = UserFactory(username="kepala-c1", employee=head_emp)

    ra_head = UserFactory(username="kepala-c2")  # no employee record: the assignment alone gives the scope
    RoleAssignment.objects.create(user=ra_head, role=Role.UNIT_HEAD, agency=a, unit=w.units[("A", "c2")])
    w.users["ra_head"] = ra_head

    agent = UserFactory(username="agen-a", employee=w.staff[("A", "c2a")][0])
    RoleAssignment.objects.create(user=agent, role=Role.CHANGE_AGENT, agency=a)
    w.users["agent"] = agent

    w.users["employee"] = UserFactory(username="pegawai-a", employee=w.staff[("A", "c1a")][1])
    return w


@pytest.fixture
def world(db) -> World:
    return build_world()


# What each role may see: (active employee NIPs, unit ids, root unit codes), or None for "no list".
def expected_people(w: World, role: str) -> set[str] | None:
    return {
        "admin": w.all_nips(),
        "hr": w.nips("A"),
        "head": w.nips("A", SUBTREE["c1"]),
        "ra_head": w.nips("A", SUBTREE["c2"]),
        "agent": None,
        "employee": None,
    }[role]


def own_nip(w: World, role: str) -> str | None:
    employee = w.users[role].employee
    return employee.nip if employee else None


def expected_pages(w: World, role: str) -> set[str]:
    """NIPs whose personal page the role may open (inactive people included)."""
    people = expected_people(w, role)
    pages = set(people) if people is not None else set()
    if role in ("admin", "hr", "head"):
        pages.add(w.inactive.nip)  # in A's c1a: inside the agency and inside c1's subtree
    if own_nip(w, role):
        pages.add(own_nip(w, role))
    return pages


def expected_units(w: World, role: str) -> set[int]:
    return {
        "admin": w.unit_ids("A") | w.unit_ids("B"),
        "hr": w.unit_ids("A"),
        "head": w.unit_ids("A", SUBTREE["c1"]),
        "ra_head": w.unit_ids("A", SUBTREE["c2"]),
        "agent": w.unit_ids("A"),
        "employee": set(),
    }[role]


def expected_roots(w: World, role: str) -> set[str]:
    return {
        "admin": {w.units[("A", "root")].code, w.units[("B", "root")].code},
        "hr": {w.units[("A", "root")].code},
        "head": {w.units[("A", "c1")].code},
        "ra_head": {w.units[("A", "c2")].code},
        "agent": {w.units[("A", "root")].code},
        "employee": set(),
    }[role]


ROLES = ["admin", "hr", "head", "ra_head", "agent", "employee"]
PEOPLE_ROLES = ["admin", "hr", "head", "ra_head"]
NO_PEOPLE_ROLES = ["agent", "employee"]


def login(client, user):
    client.force_login(user)
    return client


def listed_nips(client, query: str = "") -> set[str]:
    """NIPs on every page of the employee list."""
    nips: list[str] = []
    page = 1
    while True:
        response = client.get(f"/organisasi/pegawai/?{query}&page={page}")
        assert response.status_code == 200
        html = response.content.decode()
        nips += NIP_CELL.findall(html)
        if f"&page={page + 1}" not in html:
            break
        page += 1
    assert len(nips) == len(set(nips)), "a person is listed twice"
    return set(nips)


def exported_nips(response) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "nip"
    return [row[0] for row in rows[1:]]


# --- the employee list ---------------------------------------------------------------------------

@pytest.mark.parametrize("role", PEOPLE_ROLES)
def test_it_lists_exactly_the_employees_in_scope(client, world, role):
    login(client, world.users[role])
    assert listed_nips(client) == expected_people(world, role)


@pytest.mark.parametrize("role", PEOPLE_ROLES)
def test_it_lists_inactive_employees_only_within_scope(client, world, role):
    login(client, world.users[role])
    shown = listed_nips(client, "status=inactive")
    assert shown == ({world.inactive.nip} if role in ("admin", "hr", "head") else set())


@pytest.mark.parametrize("role", PEOPLE_ROLES)
def test_it_finds_no_one_outside_the_scope_by_nip_or_name(client, world, role):
    login(client, world.users[role])
    for person in world.all_people():
        if not person.is_active:
            continue
        visible = person.nip in expected_people(world, role)
        assert listed_nips(client, f"q={person.nip}") == ({person.nip} if visible else set())
        assert (person.nip in listed_nips(client, f"q={person.name}")) is visible


@pytest.mark.parametrize("role", NO_PEOPLE_ROLES)
def test_it_sends_users_without_a_people_scope_to_their_own_page(client, world, role):
    login(client, world.users[role])
    response = client.get("/organisasi/pegawai/")
    assert response.status_code == 302
    assert response["Location"] == f"/organisasi/pegawai/{own_nip(world, role)}/"


def test_it_shows_no_employee_list_to_a_user_without_role_or_record(client, world):
    login(client, UserFactory())
    assert client.get("/organisasi/pegawai/").status_code == 404
    assert client.get("/organisasi/pegawai/ekspor.csv").status_code == 404
    assert client.get("/organisasi/unit/").status_code == 403


def test_it_refuses_another_agencys_filter_to_hr(client, world):
    login(client, world.users["hr"])
    assert client.get(f"/organisasi/pegawai/?agency={world.agencies['B'].code}").status_code == 404
    assert client.get(f"/organisasi/pegawai/?unit={world.units[('B', 'root')].pk}").status_code == 404
    assert client.get(f"/organisasi/pegawai/ekspor.csv?agency={world.agencies['B'].code}").status_code == 404
    assert client.get(f"/organisasi/unit/?agency={world.agencies['B'].code}").status_code == 404
    assert listed_nips(client, f"agency={world.agencies['A'].code}") == world.nips("A")


def test_it_refuses_a_unit_filter_outside_the_heads_subtree(client, world):
    login(client, world.users["head"])
    for label in ("root", "c2", "c2a"):
        assert client.get(f"/organisasi/pegawai/?unit={world.units[('A', label)].pk}").status_code == 404
    assert listed_nips(client, f"unit={world.units[('A', 'c1a')].pk}") == world.nips("A", ["c1a"])


def test_it_lets_the_platform_admin_filter_each_agency(client, world):
    login(client, world.users["admin"])
    for name in ("A", "B"):
        assert listed_nips(client, f"agency={world.agencies[name].code}") == world.nips(name)


# --- personal pages ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_it_opens_exactly_the_personal_pages_in_scope(client, world, role):
    login(client, world.users[role])
    allowed = expected_pages(world, role)
    assert allowed, "every role sees at least something in this world"
    for person in world.all_people():
        response = client.get(f"/organisasi/pegawai/{person.nip}/")
        assert response.status_code == (200 if person.nip in allowed else 404), (role, person.unit.code)
        if response.status_code == 200:
            assert person.name in response.content.decode()


def test_it_does_not_name_units_above_the_heads_subtree_on_a_personal_page(client, world):
    login(client, world.users["ra_head"])
    person = world.staff[("A", "c2a")][0]
    html = client.get(f"/organisasi/pegawai/{person.nip}/").content.decode()
    assert f"{world.units[('A', 'c2')].name} › <strong>{world.units[('A', 'c2a')].name}</strong>" in html
    assert world.units[("A", "root")].name not in html


def test_it_names_the_units_above_ones_own_place_on_ones_own_page(client, world):
    login(client, world.users["employee"])
    html = client.get(f"/organisasi/pegawai/{own_nip(world, 'employee')}/").content.decode()
    assert "Sekretariat Utama A › Biro A1 › <strong>Bagian A1a</strong>" in html


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_only_subordinates_in_scope(client, world, role):
    boss = world.users["head"].employee  # head of c1, given subordinates in c1a and (oddly) in c2a
    subordinates = world.staff[("A", "c1a")] + world.staff[("A", "c2a")]
    Employee.objects.filter(pk__in=[e.pk for e in subordinates]).update(superior=boss)
    login(client, world.users[role])
    response = client.get(f"/organisasi/pegawai/{boss.nip}/")
    allowed = expected_pages(world, role)
    if boss.nip not in allowed:
        assert response.status_code == 404
        return
    html = response.content.decode()
    for e in subordinates:
        assert (f"/organisasi/pegawai/{e.nip}/" in html) is (e.nip in allowed), (role, e.unit.code)


# --- the CSV export ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", PEOPLE_ROLES)
def test_it_exports_exactly_the_employees_in_scope(client, world, role):
    login(client, world.users[role])
    response = client.get("/organisasi/pegawai/ekspor.csv")
    assert response.status_code == 200
    nips = exported_nips(response)
    assert len(nips) == len(set(nips))
    assert set(nips) == expected_people(world, role)


@pytest.mark.parametrize("role", PEOPLE_ROLES)
def test_it_exports_inactive_people_only_within_scope(client, world, role):
    login(client, world.users[role])
    nips = set(exported_nips(client.get("/organisasi/pegawai/ekspor.csv?status=all")))
    extra = {world.inactive.nip} if role in ("admin", "hr", "head") else set()
    assert nips == expected_people(world, role) | extra


@pytest.mark.parametrize("role", NO_PEOPLE_ROLES)
def test_it_exports_nothing_to_users_without_a_people_scope(client, world, role):
    login(client, world.users[role])
    assert client.get("/organisasi/pegawai/ekspor.csv").status_code == 404
    assert client.get("/organisasi/pegawai/ekspor.csv?status=all").status_code == 404


# --- units -----------------------------------------------------------------------------------------

def tree_codes(client) -> set[str]:
    """Every unit reachable in the tree page by expanding each "+" (htmx children)."""
    html = client.get("/organisasi/unit/").content.decode()
    seen: set[str] = set()
    todo = TREE_ITEM.findall(html)
    by_code = {u.code: u for u in Unit.objects.all()}
    while todo:
        code = todo.pop()
        assert code not in seen
        seen.add(code)
        response = client.get(f"/organisasi/unit/{by_code[code].pk}/anak/")
        assert response.status_code == 200
        todo += TREE_ITEM.findall(response.content.decode())
    return seen


@pytest.mark.parametrize("role", ["admin", "hr", "head", "ra_head", "agent"])
def test_it_shows_exactly_the_units_in_scope_in_the_tree(client, world, role):
    login(client, world.users[role])
    response = client.get("/organisasi/unit/")
    assert response.status_code == 200
    assert set(TREE_ITEM.findall(response.content.decode())) == expected_roots(world, role)
    ids = {Unit.objects.get(code=c).pk for c in tree_codes(client)}
    assert ids == expected_units(world, role)


@pytest.mark.parametrize("role", ROLES)
def test_it_opens_exactly_the_unit_pages_in_scope(client, world, role):
    login(client, world.users[role])
    allowed = expected_units(world, role)
    for unit in world.all_units():
        expected = 200 if unit.pk in allowed else 404
        assert client.get(f"/organisasi/unit/{unit.pk}/").status_code == expected, (role, unit.code)
        assert client.get(f"/organisasi/unit/{unit.pk}/anak/").status_code == expected, (role, unit.code)


def test_it_refuses_the_unit_tree_to_a_plain_employee(client, world):
    login(client, world.users["employee"])
    assert client.get("/organisasi/unit/").status_code == 403


def test_it_shows_the_head_their_subtree_without_the_units_above(client, world):
    login(client, world.users["head"])
    c1 = world.units[("A", "c1")]
    html = client.get(f"/organisasi/unit/{c1.pk}/").content.decode()
    assert world.units[("A", "c1a")].name in html and world.units[("A", "c1b")].name in html
    assert world.units[("A", "root")].name not in html
    assert f"/organisasi/pegawai/?unit={c1.pk}" in html  # may open the people of the unit


def test_it_shows_headcounts_but_no_people_link_to_the_change_agent(client, world):
    login(client, world.users["agent"])
    root = world.units[("A", "root")]
    html = client.get(f"/organisasi/unit/{root.pk}/").content.decode()
    assert "14 (langsung di unit ini: 2)" in html  # 7 units x 2 active people; the inactive one not counted
    assert "/organisasi/pegawai/?unit=" not in html


# --- import ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("hr", 200), ("head", 403), ("ra_head", 403),
                                         ("agent", 403), ("employee", 403)])
def test_it_opens_the_import_page_to_hr_only(client, world, role, status):
    login(client, world.users[role])
    response = client.get("/organisasi/impor/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert (world.agencies["B"].code in html) is (role == "admin")
        assert world.agencies["A"].code in html


def test_it_refuses_an_import_into_another_agency(client, world, write):
    login(client, world.users["hr"])
    path = write("u.csv", "kode,nama,induk_kode\nX,Unit X,\n")
    with path.open("rb") as fh:
        response = client.post("/organisasi/impor/", {"kind": "units", "agency": world.agencies["B"].code,
                                                      "file": fh})
    assert response.status_code == 422  # a form error, no import job
    assert "agency" in response.context["form"].errors
    assert not Unit.objects.filter(code="X").exists()


# --- the selectors directly -----------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_role_the_same_scope_through_the_selectors(world, role):
    scope = scope_for(world.users[role])
    people = set(selectors.employee_list(scope=scope).values_list("nip", flat=True))
    expected = expected_people(world, role)
    assert people == (expected if expected is not None else {own_nip(world, role)})
    units = set(selectors.unit_list(scope=scope).values_list("pk", flat=True))
    assert units == expected_units(world, role)
    roots = set(selectors.unit_list(scope=scope, roots=True).values_list("code", flat=True))
    assert roots == expected_roots(world, role)


def test_it_describes_each_role_in_the_scope(world):
    a = world.agencies["A"].pk
    admin, hr, head = (scope_for(world.users[r]) for r in ("admin", "hr", "head"))
    ra_head, agent, employee = (scope_for(world.users[r]) for r in ("ra_head", "agent", "employee"))
    assert admin.platform_admin and admin.sees_people and admin.can_import(world.agencies["B"].pk)
    assert hr.hr_agency_ids == {a} and hr.can_import(a) and not hr.can_import(world.agencies["B"].pk)
    assert head.head_paths == (world.units[("A", "c1")].path,) and Role.UNIT_HEAD in head.roles
    assert ra_head.head_paths == (world.units[("A", "c2")].path,) and ra_head.employee_id is None
    assert agent.sees_organisation and not agent.sees_people and not agent.is_hr
    assert not employee.sees_organisation and not employee.sees_people
    assert employee.employee_id == world.users["employee"].employee_id
    assert scope_for(None) is ANONYMOUS


def test_it_counts_only_the_visible_employees_per_unit(world):
    scope = scope_for(world.users["head"])
    counts = {u.code: (u.headcount, u.direct_headcount, u.child_count) for u in selectors.unit_list(scope=scope)}
    assert counts == {
        world.units[("A", "c1")].code: (6, 2, 2),
        world.units[("A", "c1a")].code: (2, 2, 0),
        world.units[("A", "c1b")].code: (2, 2, 0),
    }


def test_it_keeps_only_the_outer_subtree_when_a_head_heads_nested_units(world):
    head = world.users["head"]
    Unit.objects.filter(pk=world.units[("A", "c1a")].pk).update(head=head.employee)
    scope = scope_for(type(head).objects.get(pk=head.pk))
    assert scope.head_paths == (world.units[("A", "c1")].path,)
    people = set(selectors.employee_list(scope=scope).values_list("nip", flat=True))
    assert people == world.nips("A", SUBTREE["c1"])


def test_it_gives_a_head_of_two_separate_units_both_subtrees(world):
    user = world.users["ra_head"]
    RoleAssignment.objects.create(user=user, role=Role.UNIT_HEAD, agency=world.agencies["B"],
                                  unit=world.units[("B", "c1")])
    scope = scope_for(user)
    people = set(selectors.employee_list(scope=scope).values_list("nip", flat=True))
    assert people == world.nips("A", SUBTREE["c2"]) | world.nips("B", SUBTREE["c1"])
    roots = set(selectors.unit_list(scope=scope, roots=True).values_list("code", flat=True))
    assert roots == {world.units[("A", "c2")].code, world.units[("B", "c1")].code}


def test_it_names_only_ones_own_place_above_the_scope_in_breadcrumbs(world):
    c1a = world.units[("A", "c1a")]
    names = lambda role, **kw: [u.code for u in selectors.unit_ancestors(  # noqa: E731
        scope=scope_for(world.users[role]), unit=c1a, **kw)]
    assert names("employee") == ["A-ROOT", "A-C1"]  # one's own place
    assert names("employee", own_place=False) == []  # but no unit pages
    assert names("head") == ["A-ROOT", "A-C1"]
    assert names("head", own_place=False) == ["A-C1"]
    assert names("hr", own_place=False) == ["A-ROOT", "A-C1"]
    assert names("admin", own_place=False) == ["A-ROOT", "A-C1"]
    c2a = world.units[("A", "c2a")]
    assert [u.code for u in selectors.unit_ancestors(scope=scope_for(world.users["head"]), unit=c2a)] == ["A-ROOT"]


def test_it_gives_an_anonymous_user_nothing(world):
    assert not selectors.employee_list(scope=ANONYMOUS).exists()
    assert not selectors.unit_list(scope=ANONYMOUS).exists()
    assert not selectors.agency_list(scope=ANONYMOUS).exists()


# --- inactive employees --------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["head", "agent", "employee", "hr"])
def test_it_refuses_login_to_a_deactivated_employee(client, world, role):
    user = world.users[role]
    assert client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD}).status_code == 302
    client.post("/akun/keluar/")
    Employee.objects.filter(pk=user.employee_id).update(is_active=False)
    response = client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "NIP/nama pengguna atau kata sandi salah." in response.content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("role", ["head", "hr", "employee"])
def test_it_ends_the_session_of_an_employee_deactivated_while_logged_in(client, world, role):
    user = world.users[role]
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert client.get("/").status_code == 200
    Employee.objects.filter(pk=user.employee_id).update(is_active=False)
    assert client.get("/").status_code == 302
    assert client.get(f"/organisasi/pegawai/{user.employee.nip}/").status_code == 302
    assert client.get("/organisasi/pegawai/").status_code == 302


def test_it_drops_the_headed_units_of_a_deactivated_head(world):
    user = world.users["head"]
    Employee.objects.filter(pk=user.employee_id).update(is_active=False)
    scope = scope_for(type(user).objects.get(pk=user.pk))
    assert not scope.is_head and not scope.sees_people
    assert not selectors.employee_list(scope=scope).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_hr_and_the_platform_admin_manage_an_agency(world, role):
    """``managed_agencies``/``can_manage`` (one home for surveys, SKP and 360): HR manages its own agency
    only, the platform admin every agency, a head, a change agent or an employee none."""
    scope = scope_for(world.users[role])
    expected = {"admin": {"A", "B"}, "hr": {"A"}}.get(role, set())
    codes = {a.code.removeprefix("INST") for a in managed_agencies(scope=scope)}
    assert codes == expected
    for name, agency in world.agencies.items():
        unit = world.units[(name, "c1a")]  # anything with an agency_id
        assert can_manage(scope, agency.pk) is (name in expected)
        assert can_manage(scope, unit) is (name in expected)
