"""Organisation pages: the employee list (pages, search, filters, htmx), the employee page, the CSV export,
and a constant number of queries whatever the size of the organisation."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from berakhlak.accounts.models import Role, RoleAssignment
from berakhlak.org.models import Employee, EmploymentType, PositionKind, Unit
from tests.factories import AgencyFactory, EmployeeFactory, PositionFactory, UnitFactory, UserFactory, make_nip

NIP_CELL = re.compile(r'<td class="nip small">(\d{18})</td>')
IMPORT_HEADER = ["nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenis_pegawai", "atasan_nip", "email"]


@pytest.fixture
def agency(db):
    return AgencyFactory(code="KEMENX", name="Kementerian X")


@pytest.fixture
def tree(agency):
    root = UnitFactory(agency=agency, code="ROOT", name="Sekretariat Jenderal")
    biro = UnitFactory(parent=root, code="BIRO", name="Biro Umum")
    bagian = UnitFactory(parent=biro, code="BAG", name="Bagian Rumah Tangga")
    other = UnitFactory(parent=root, code="LAIN", name="Biro Hukum")
    return {"root": root, "biro": biro, "bagian": bagian, "other": other}


@pytest.fixture
def hr(agency):
    user = UserFactory(username="sdm")
    RoleAssignment.objects.create(user=user, role=Role.AGENCY_HR, agency=agency)
    return user


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def shown(response) -> list[str]:
    assert response.status_code == 200
    return NIP_CELL.findall(response.content.decode())


def total(response) -> int:
    return int(re.search(r'data-total="(\d+)"', response.content.decode()).group(1))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # spreadsheet programs read the file as UTF-8
    return list(csv.reader(io.StringIO(body[1:])))


# --- list: pages, search, filters -------------------------------------------------------------------

def test_it_paginates_fifty_per_page_in_name_order(hr_client, tree):
    people = [EmployeeFactory(unit=tree["biro"], name=f"Pegawai {i:03d}") for i in range(120)]
    by_name = [p.nip for p in sorted(people, key=lambda p: p.name)]
    page1 = hr_client.get("/organisasi/pegawai/")
    assert total(page1) == 120 and shown(page1) == by_name[:50]
    assert "Halaman 1 dari 3" in page1.content.decode()
    assert shown(hr_client.get("/organisasi/pegawai/?page=2")) == by_name[50:100]
    page3 = hr_client.get("/organisasi/pegawai/?page=3")
    assert shown(page3) == by_name[100:]
    assert "Berikutnya" not in page3.content.decode()
    assert shown(hr_client.get("/organisasi/pegawai/?page=99")) == by_name[100:]  # last page, not an error
    assert shown(hr_client.get("/organisasi/pegawai/?page=abc")) == by_name[:50]


def test_it_keeps_the_filters_in_the_page_links(hr_client, tree):
    for i in range(60):
        EmployeeFactory(unit=tree["biro"], name=f"Andi {i:02d}")
    html = hr_client.get("/organisasi/pegawai/?q=andi&type=PNS").content.decode()
    links = {unescape(h) for h in re.findall(r'class="page-link" href="([^"]+)"', html)}
    assert links == {"?q=andi&type=PNS&page=2"}


def test_it_searches_by_name_ignoring_case(hr_client, tree):
    siti = EmployeeFactory(unit=tree["biro"], name="Siti Nurhaliza")
    EmployeeFactory(unit=tree["biro"], name="Budi Santoso")
    assert shown(hr_client.get("/organisasi/pegawai/?q=nurHAL")) == [siti.nip]
    assert shown(hr_client.get("/organisasi/pegawai/?q=+siti+")) == [siti.nip]
    assert shown(hr_client.get("/organisasi/pegawai/?q=Tidak+Ada")) == []
    assert "Tidak ada pegawai yang cocok." in hr_client.get("/organisasi/pegawai/?q=Tidak+Ada").content.decode()


def test_it_searches_by_nip_prefix(hr_client, tree):
    a = EmployeeFactory(unit=tree["biro"], nip="198501012010031001")
    b = EmployeeFactory(unit=tree["biro"], nip="198501022010031002")
    c = EmployeeFactory(unit=tree["biro"], nip="199001012010031003")
    assert set(shown(hr_client.get("/organisasi/pegawai/?q=1985010"))) == {a.nip, b.nip}
    assert shown(hr_client.get(f"/organisasi/pegawai/?q={c.nip}")) == [c.nip]
    assert shown(hr_client.get("/organisasi/pegawai/?q=2010031001")) == []  # a prefix, not a substring


def test_it_filters_by_position_kind(hr_client, agency, tree):
    jpt = PositionFactory(agency=agency, name="Sekretaris Jenderal", kind=PositionKind.JPT)
    boss = EmployeeFactory(unit=tree["root"], position=jpt)
    staff = EmployeeFactory(unit=tree["biro"])  # FUNGSIONAL
    EmployeeFactory(unit=tree["biro"], position=None)
    assert shown(hr_client.get("/organisasi/pegawai/?kind=JPT")) == [boss.nip]
    assert shown(hr_client.get("/organisasi/pegawai/?kind=FUNGSIONAL")) == [staff.nip]
    assert shown(hr_client.get("/organisasi/pegawai/?kind=PENGAWAS")) == []
    assert len(shown(hr_client.get("/organisasi/pegawai/?kind="))) == 3


def test_it_filters_by_employment_type(hr_client, tree):
    pns = EmployeeFactory(unit=tree["biro"])
    pppk = EmployeeFactory(unit=tree["biro"], nip=make_nip(kind="PPPK"), employment_type=EmploymentType.PPPK)
    assert shown(hr_client.get("/organisasi/pegawai/?type=PNS")) == [pns.nip]
    assert shown(hr_client.get("/organisasi/pegawai/?type=PPPK")) == [pppk.nip]


def test_it_filters_by_status(hr_client, tree):
    active = EmployeeFactory(unit=tree["biro"])
    gone = EmployeeFactory(unit=tree["biro"], is_active=False)
    assert shown(hr_client.get("/organisasi/pegawai/")) == [active.nip]
    assert shown(hr_client.get("/organisasi/pegawai/?status=inactive")) == [gone.nip]
    assert set(shown(hr_client.get("/organisasi/pegawai/?status=all"))) == {active.nip, gone.nip}


def test_it_filters_by_unit_with_its_whole_subtree(hr_client, tree):
    people = {label: EmployeeFactory(unit=unit).nip for label, unit in tree.items()}
    assert set(shown(hr_client.get(f"/organisasi/pegawai/?unit={tree['biro'].pk}"))) == {
        people["biro"], people["bagian"]}
    assert shown(hr_client.get(f"/organisasi/pegawai/?unit={tree['bagian'].pk}")) == [people["bagian"]]
    assert set(shown(hr_client.get(f"/organisasi/pegawai/?unit={tree['root'].pk}"))) == set(people.values())
    html = hr_client.get(f"/organisasi/pegawai/?unit={tree['biro'].pk}").content.decode()
    assert "Biro Umum dan sub-unitnya" in html
    assert hr_client.get("/organisasi/pegawai/?unit=999999").status_code == 404


def test_it_does_not_confuse_a_unit_with_one_whose_id_starts_the_same(hr_client, agency, tree):
    # the subtree of /1/7000001/ must not include /1/70000010/ (nor its children)
    target = UnitFactory(parent=tree["root"], id=7_000_001)
    lookalike = UnitFactory(parent=tree["root"], id=70_000_010)
    inside = EmployeeFactory(unit=UnitFactory(parent=target))
    EmployeeFactory(unit=lookalike)
    EmployeeFactory(unit=UnitFactory(parent=lookalike))
    assert shown(hr_client.get(f"/organisasi/pegawai/?unit={target.pk}")) == [inside.nip]
    assert total(hr_client.get(f"/organisasi/pegawai/?unit={lookalike.pk}")) == 2


def test_it_filters_by_agency_for_the_platform_admin(client, tree):
    admin = UserFactory(is_superuser=True)
    here = EmployeeFactory(unit=tree["biro"])
    there = EmployeeFactory(unit=UnitFactory(agency=AgencyFactory(code="PEMDA")))
    client.force_login(admin)
    assert set(shown(client.get("/organisasi/pegawai/"))) == {here.nip, there.nip}
    assert shown(client.get("/organisasi/pegawai/?agency=KEMENX")) == [here.nip]
    assert shown(client.get("/organisasi/pegawai/?agency=PEMDA")) == [there.nip]
    assert client.get("/organisasi/pegawai/?agency=TIDAKADA").status_code == 404
    assert "Kementerian X" in client.get("/organisasi/pegawai/?agency=KEMENX").content.decode()


def test_it_combines_the_filters(hr_client, agency, tree):
    jpt = PositionFactory(agency=agency, name="Kepala Biro", kind=PositionKind.JPT)
    match = EmployeeFactory(unit=tree["bagian"], name="Rina Kartika", position=jpt)
    EmployeeFactory(unit=tree["other"], name="Rina Wati", position=jpt)
    EmployeeFactory(unit=tree["bagian"], name="Rina Sari")
    EmployeeFactory(unit=tree["bagian"], name="Rina Lama", position=jpt, is_active=False)
    url = f"/organisasi/pegawai/?q=rina&kind=JPT&type=PNS&unit={tree['biro'].pk}"
    assert shown(hr_client.get(url)) == [match.nip]


def test_it_ignores_an_unknown_filter_value(hr_client, tree):
    person = EmployeeFactory(unit=tree["biro"])
    assert shown(hr_client.get("/organisasi/pegawai/?kind=RAJA&type=X&status=zzz")) == [person.nip]


# --- htmx ----------------------------------------------------------------------------------------------

def test_it_answers_htmx_with_the_results_only(hr_client, tree):
    person = EmployeeFactory(unit=tree["biro"], name="Siti Nurhaliza")
    EmployeeFactory(unit=tree["biro"], name="Budi Santoso")
    response = hr_client.get("/organisasi/pegawai/?q=siti", headers={"HX-Request": "true", "HX-Target": "results"})
    html = response.content.decode()
    assert shown(response) == [person.nip]
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith('<div id="results">')


def test_it_answers_other_htmx_targets_with_the_full_page(hr_client, tree):
    EmployeeFactory(unit=tree["biro"])
    response = hr_client.get("/organisasi/pegawai/", headers={"HX-Request": "true", "HX-Target": "main"})
    assert "<html" in response.content.decode()


def test_it_answers_htmx_for_the_unit_children_with_tree_items(hr_client, tree):
    response = hr_client.get(f"/organisasi/unit/{tree['root'].pk}/anak/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert re.findall(r'<li data-unit="([^"]+)">', html) == ["BIRO", "LAIN"]
    assert f'hx-get="/organisasi/unit/{tree["biro"].pk}/anak/"' in html  # BIRO has a child: a "+" button
    assert f'hx-get="/organisasi/unit/{tree["other"].pk}/anak/"' not in html  # LAIN has none


# --- the employee page --------------------------------------------------------------------------------

def test_it_shows_the_superior_unit_position_and_subordinates(hr_client, agency, tree):
    kabag = PositionFactory(agency=agency, name="Kepala Bagian Rumah Tangga", kind=PositionKind.ADMINISTRATOR)
    boss = EmployeeFactory(unit=tree["bagian"], name="Hendra Wijaya", position=kabag)
    person = EmployeeFactory(unit=tree["bagian"], name="Siti Nurhaliza", superior=boss, email="siti@x.go.id")
    html = hr_client.get(f"/organisasi/pegawai/{person.nip}/").content.decode()
    assert "<h1 class=\"h3\">Siti Nurhaliza</h1>" in html
    assert "Hendra Wijaya" in html
    assert "Sekretariat Jenderal › Biro Umum › <strong>Bagian Rumah Tangga</strong>" in html
    assert "Analis SDM Aparatur Ahli Muda (Fungsional)" in html
    assert "siti@x.go.id" in html and "Kementerian X" in html
    boss_html = hr_client.get(f"/organisasi/pegawai/{boss.nip}/").content.decode()
    assert "Kepala Bagian Rumah Tangga (Administrator)" in boss_html
    assert f'<a href="/organisasi/pegawai/{person.nip}/">Siti Nurhaliza</a>' in boss_html  # a subordinate


def test_it_marks_an_inactive_employee(hr_client, tree):
    person = EmployeeFactory(unit=tree["biro"], is_active=False)
    assert "tidak aktif" in hr_client.get(f"/organisasi/pegawai/{person.nip}/").content.decode()


def test_it_answers_404_for_an_unknown_nip(hr_client, tree):
    assert hr_client.get("/organisasi/pegawai/198501012010031999/").status_code == 404


# --- the CSV export -----------------------------------------------------------------------------------

def test_it_exports_the_list_as_a_streamed_csv_with_the_import_header(hr_client, agency, tree):
    boss = EmployeeFactory(unit=tree["biro"], name="Hendra Wijaya")
    person = EmployeeFactory(unit=tree["bagian"], name="Siti, \"Nur\"", superior=boss, email="siti@x.go.id",
                             nip=make_nip(kind="PPPK"), employment_type=EmploymentType.PPPK)
    EmployeeFactory(unit=tree["biro"], position=None, is_active=False)
    response = hr_client.get("/organisasi/pegawai/ekspor.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pegawai.csv"'
    rows = csv_rows(response)
    assert rows[0] == IMPORT_HEADER
    assert rows[1:] == [
        [boss.nip, "Hendra Wijaya", "BIRO", "Analis SDM Aparatur Ahli Muda", "FUNGSIONAL", "PNS", "", ""],
        [person.nip, "Siti, \"Nur\"", "BAG", "Analis SDM Aparatur Ahli Muda", "FUNGSIONAL", "PPPK", boss.nip,
         "siti@x.go.id"],
    ]


def test_it_exports_what_the_filters_select(hr_client, tree):
    people = {label: EmployeeFactory(unit=unit, name=f"Orang {label}") for label, unit in tree.items()}
    gone = EmployeeFactory(unit=tree["bagian"], position=None, is_active=False)
    rows = csv_rows(hr_client.get(f"/organisasi/pegawai/ekspor.csv?unit={tree['biro'].pk}&status=all"))
    by_nip = {r[0]: r for r in rows[1:]}
    assert set(by_nip) == {people["biro"].nip, people["bagian"].nip, gone.nip}
    assert by_nip[gone.nip][3:5] == ["", ""]  # no position: empty cells, not "None"
    rows = csv_rows(hr_client.get("/organisasi/pegawai/ekspor.csv?q=orang+other"))
    assert [r[0] for r in rows[1:]] == [people["other"].nip]


def test_it_exports_an_empty_list_as_the_header_alone(hr_client, tree):
    assert csv_rows(hr_client.get("/organisasi/pegawai/ekspor.csv")) == [IMPORT_HEADER]


def test_it_links_the_export_with_the_current_filters(hr_client, tree):
    EmployeeFactory(unit=tree["biro"])
    html = hr_client.get("/organisasi/pegawai/?q=siti&kind=JPT&page=2").content.decode()
    assert 'href="/organisasi/pegawai/ekspor.csv?q=siti&amp;kind=JPT"' in html


# --- query counts: no N+1 -------------------------------------------------------------------------------

def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow_staff(agency, tree, n):
    """n more employees spread over the tree, with positions of several kinds and superiors."""
    kinds = list(PositionKind.values)
    positions = [PositionFactory(agency=agency, name=f"Jabatan {k}", kind=k) for k in kinds]
    units = list(tree.values())
    boss = None
    for i in range(n):
        person = EmployeeFactory(unit=units[i % len(units)], position=positions[i % len(positions)], superior=boss)
        if i % 10 == 0:
            boss = person


def test_it_lists_employees_with_a_constant_number_of_queries(hr_client, agency, tree,
                                                             django_assert_num_queries):
    grow_staff(agency, tree, 5)
    urls = ["/organisasi/pegawai/", f"/organisasi/pegawai/?unit={tree['biro'].pk}&kind=ADMINISTRATOR",
            "/organisasi/pegawai/?q=pegawai&page=2&status=all"]
    hr_client.get(urls[0])  # warm-up (session, content types)
    small = [queries(hr_client, url) for url in urls]
    assert all(shown(hr_client.get(url)) for url in urls)  # each page lists someone already
    grow_staff(agency, tree, 115)
    for url, n in zip(urls, small):
        with django_assert_num_queries(n):
            assert hr_client.get(url).status_code == 200


def test_it_exports_with_a_constant_number_of_queries(hr_client, agency, tree):
    grow_staff(agency, tree, 5)
    small = queries(hr_client, "/organisasi/pegawai/ekspor.csv")
    grow_staff(agency, tree, 115)
    assert queries(hr_client, "/organisasi/pegawai/ekspor.csv") == small


def test_it_shows_an_employee_page_with_a_constant_number_of_queries(hr_client, agency, tree):
    boss = EmployeeFactory(unit=tree["bagian"])
    EmployeeFactory(unit=tree["bagian"], superior=boss)
    hr_client.get("/")
    small = queries(hr_client, f"/organisasi/pegawai/{boss.nip}/")
    kinds = [PositionFactory(agency=agency, name=f"Jabatan {k}", kind=k) for k in PositionKind.values]
    for i in range(60):
        EmployeeFactory(unit=list(tree.values())[i % 4], superior=boss, position=kinds[i % len(kinds)])
    assert queries(hr_client, f"/organisasi/pegawai/{boss.nip}/") == small


def deepen(agency, tree, n):
    """n more units: children under BIRO and grandchildren under each, each with a head and staff."""
    for i in range(n):
        child = UnitFactory(parent=tree["biro"] if i % 2 else tree["root"])
        grandchild = UnitFactory(parent=child)
        head = EmployeeFactory(unit=child)
        EmployeeFactory(unit=grandchild)
        Unit.objects.filter(pk=child.pk).update(head=head)


def test_it_shows_the_unit_tree_with_a_constant_number_of_queries(client, hr, agency, tree):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    client.get("/")
    small_roots = queries(client, "/organisasi/unit/")
    small_children = queries(client, f"/organisasi/unit/{tree['root'].pk}/anak/")
    for _i in range(10):  # ten more agencies: ten more roots, each with a head
        root = UnitFactory(agency=AgencyFactory())
        Unit.objects.filter(pk=root.pk).update(head=EmployeeFactory(unit=root))
        UnitFactory(parent=root)
    deepen(agency, tree, 12)
    html = client.get("/organisasi/unit/").content.decode()
    assert html.count("<li data-unit=") == 11
    assert queries(client, "/organisasi/unit/") == small_roots
    assert queries(client, f"/organisasi/unit/{tree['root'].pk}/anak/") == small_children


def test_it_shows_a_unit_page_with_a_constant_number_of_queries(hr_client, agency, tree):
    hr_client.get("/")
    small = queries(hr_client, f"/organisasi/unit/{tree['biro'].pk}/")
    deepen(agency, tree, 12)
    assert queries(hr_client, f"/organisasi/unit/{tree['biro'].pk}/") == small
    # a deeper unit: more ancestors in the breadcrumb, same queries
    deep = tree["bagian"]
    for _ in range(4):
        deep = UnitFactory(parent=deep)
    assert queries(hr_client, f"/organisasi/unit/{deep.pk}/") == small


def test_it_shows_the_unit_counts_and_head(hr_client, agency, tree):
    head = EmployeeFactory(unit=tree["biro"], name="Hendra Wijaya")
    Unit.objects.filter(pk=tree["biro"].pk).update(head=head)
    EmployeeFactory(unit=tree["bagian"])
    EmployeeFactory(unit=tree["bagian"], is_active=False)
    html = hr_client.get(f"/organisasi/unit/{tree['biro'].pk}/").content.decode()
    assert "Hendra Wijaya" in html
    assert "2 (langsung di unit ini: 1)" in html
    assert f'href="/organisasi/unit/{tree["root"].pk}/">Sekretariat Jenderal</a>' in html  # breadcrumb
    assert "Bagian Rumah Tangga" in html  # sub-unit
    assert f"/organisasi/pegawai/?unit={tree['biro'].pk}" in html
    tree_html = hr_client.get("/organisasi/unit/").content.decode()
    assert re.search(r'data-unit="ROOT">.*?(\d+) pegawai</span>', tree_html, re.S).group(1) == "2"


def test_it_counts_people_once_per_unit_whatever_the_shape(hr_client, agency, tree):
    # Guard against join fan-out: many children and many people must not multiply the counts
    for _ in range(3):
        EmployeeFactory(unit=tree["root"])
    for _ in range(4):
        UnitFactory(parent=tree["root"])
    root = Unit.objects.get(pk=tree["root"].pk)
    assert Employee.objects.filter(unit=root).count() == 3
    html = hr_client.get(f"/organisasi/unit/{root.pk}/").content.decode()
    assert "3 (langsung di unit ini: 3)" in html
