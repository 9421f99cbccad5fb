"""Issue 11 §5: bad input never gives a server error, and a refused submission writes nothing.

For each demo-like role (platform admin, agency HR, unit head, change agent, employee, the owner of a
draft SKP, and an anonymous visitor), the test GETs every start page below, parses the ``<form>``
elements of the HTML (method, action, fields, the CSRF token) and submits them with fuzzed values
drawn by hypothesis: NUL characters, lone surrogates (sent as the bytes a broken client sends), 1 MB
strings, control characters, right-to-left marks, spreadsheet formulas, ``javascript:`` links, huge
numbers, next to valid values so that the fuzz also reaches past the first check. It asserts:

- every answer is 2xx, 3xx or 4xx, never 5xx (GET forms too);
- a 4xx answer wrote nothing: the row count of every application table is unchanged (sessions and the
  login-throttling tables are left out: they record failures by design);
- a submission holding a NUL character or a lone surrogate is refused (4xx).

**Adding pages** (for example the new survey answering and ballot pages): add an entry to
``START_PAGES`` (a URL name and its arguments, or a function of the ``World`` giving a path), and put
any new POST-only endpoint in ``FORM_TARGETS`` once a start page shows its form.
``test_every_url_is_a_start_page_or_a_form_target`` fails when a URL is neither, so that no new form
escapes the fuzz. Bounded: one NUL pass, then ``FUZZ_EXAMPLES`` fuzzed passes over every form
(default 2; about 50 s of CPU per database including the demo load, set FUZZ_EXAMPLES=20 for a long run).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from berakhlak.accounts.models import User
from berakhlak.demo.services import demo_load

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))


@dataclass
class World:
    """Ids of the demo records the start pages need, and the users of each role."""

    users: dict[str, User | None]
    ids: dict[str, object] = field(default_factory=dict)

    def __repr__(self):
        return f"World({sorted(self.users)})"

    def __getattr__(self, name):
        try:
            return self.ids[name]
        except KeyError:
            raise AttributeError(name) from None


# (URL name, kwargs) or (URL name, function of the World giving the kwargs) or (label, function giving a path),
# optionally followed by the roles that GET it (pages that draw charts or QR codes are slow); by default
# every role GETs every start page, and a 403/404 simply yields no form.
HEADS = ("Kepala unit", "SDM instansi")
START_PAGES: list[tuple] = [
    ("front:home", {}),
    ("front:values", {}),
    ("accounts:login", {}),
    ("accounts:password_change", {}),
    ("accounts:provision", {}),
    ("accounts:activation", {}),
    ("accounts:set_password", lambda w: {"uidb64": w.uid, "token": w.reset_token}),
    ("org:units", {}),
    ("org:unit", lambda w: {"unit_id": w.head_unit}),
    ("org:unit_children", lambda w: {"unit_id": w.head_unit}),
    ("org:employees", {}),
    ("org:employee", lambda w: {"nip": w.employee_nip}),
    ("org:import", {}),
    ("surveys:waves", {}),
    ("surveys:wave_new", {}),
    ("surveys:national", {}),
    ("surveys:instruments", {}),
    ("surveys:instrument", lambda w: {"pk": w.instrument}),
    ("surveys:my_invitation", lambda w: {"pk": w.open_wave}),
    ("surveys:wave", lambda w: {"pk": w.open_wave}),
    ("surveys:wave#closed", lambda w: reverse("surveys:wave", kwargs={"pk": w.closed_wave})),
    ("surveys:ballots", lambda w: {"pk": w.open_wave}, ("SDM instansi",)),
    ("surveys:ballot", {}),
    ("surveys:results", lambda w: {"pk": w.closed_wave}, HEADS),
    ("surveys:thanks", {}),
    ("surveys:answer", lambda w: {"token": w.survey_token}),
    ("surveys:answer_page", lambda w: {"token": w.survey_token, "page": 1}),
    ("surveys:answer_review", lambda w: {"token": w.survey_token}),
    ("performance:home", {}),
    ("performance:year_new", {}),
    ("performance:skp_new", {}),
    ("performance:delegate", {}),
    ("performance:skp", lambda w: {"pk": w.draft_skp}),
    ("performance:skp#approved", lambda w: reverse("performance:skp", kwargs={"pk": w.employee_skp})),
    ("performance:skp#submitted", lambda w: reverse("performance:skp", kwargs={"pk": w.submitted_skp})),
    ("performance:indicator_edit", lambda w: {"pk": w.draft_skp, "indicator_id": w.draft_indicator}),
    ("performance:result_edit", lambda w: {"pk": w.draft_skp, "result_id": w.draft_result}),
    ("performance:period", lambda w: {"pk": w.employee_skp, "code": "TW4"}),
    ("performance:period#annual", lambda w: reverse("performance:period", kwargs={"pk": w.employee_skp,
                                                                                  "code": "TAHUNAN"})),
    ("performance:distribution", lambda w: {"unit_id": w.head_unit, "period_id": w.annual_period}),
    ("performance:distribution#quarter", lambda w: reverse("performance:distribution",
                                                           args=[w.head_unit, w.quarter_period])),
    ("performance:recap", {}, HEADS),
    ("feedback360:home", {}),
    ("feedback360:cycle_new", {}),
    ("feedback360:cycle", lambda w: {"pk": w.cycle}),
    ("feedback360:list", lambda w: {"pk": w.cycle, "employee_id": w.employee}),
    ("feedback360:form", lambda w: {"key": w.form_key}),
    ("feedback360:team", lambda w: {"pk": w.cycle}),
    ("feedback360:report", lambda w: {"pk": w.cycle, "employee_id": w.employee}),
    ("feedback360:heatmap", lambda w: {"pk": w.cycle, "unit_id": w.head_unit}),
]

#: Endpoints only reached by submitting a form of a start page (the test checks each was found).
FORM_TARGETS = {
    "accounts:logout", "set_language",
    "surveys:wave_action", "surveys:answer_submit",
    "performance:skp_action", "performance:result_add", "performance:result_delete",
    "performance:indicator_add", "performance:indicator_delete", "performance:lampiran",
    "performance:expectations", "performance:realisation", "performance:evidence_add", "performance:feedback",
    "performance:rate", "performance:org_result", "performance:finalise",
    "feedback360:cycle_action", "feedback360:list_action", "feedback360:form_submit", "feedback360:form_decline",
}

#: Form targets whose form no start page shows in the demo's state (a step not reached yet, a list
#: already approved…): they are posted directly, as (role, function of the World giving the path, field
#: names). A discovered form of the same target makes the entry unused.
DIRECT_FORMS: dict[str, tuple[str, Callable[[World], str], list[str]]] = {
    "surveys:answer_submit": ("anonim", lambda w: reverse("surveys:answer_submit", args=[w.survey_token]), []),
    "feedback360:list_action": ("Pegawai", lambda w: reverse("feedback360:list_action",
                                                             args=[w.cycle, w.employee, "tambah"]), ["rater"]),
    "feedback360:form_submit": ("Pegawai", lambda w: reverse("feedback360:form_submit", args=[w.form_key]), []),
    "feedback360:form_decline": ("Pegawai", lambda w: reverse("feedback360:form_decline", args=[w.form_key]),
                                 ["reason"]),
    "performance:finalise": ("SDM instansi", lambda w: reverse("performance:finalise",
                                                               args=[w.head_unit, w.quarter_period]),
                             ["override_reason"]),
    "performance:rate": ("Penilai", lambda w: reverse("performance:rate", args=[w.employee_skp, "TW4"]),
                         ["hasil_kerja", "perilaku_kerja", "note"]),
}

#: URLs that hold no form: downloads (CSV/XLSX/PDF, evidence files), checked by their own tests.
NO_FORM = {
    "org:employees_export", "surveys:export", "performance:skp_pdf", "performance:evaluation_pdf",
    "performance:evidence", "performance:recap_export", "feedback360:report_pdf",
    "org:import_job",  # the progress page of one import job: no form (tests/org/test_import_jobs.py)
}

#: Tables whose rows change by design on a refused request.
NOT_COUNTED = re.compile(r"^(django_session|axes_.*)$")

NASTY = [
    "\x00", "a\x00b", "\x00" * 8, "\ud800", "x\udfff", "\ud83d", "\u202e\u2066gnp.exe\u2069", "\u200f\u200e\u061c",
    "\x01\x02\x1b[31m\x7f", "\t", "\r\n", " ", "", "=HYPERLINK(\"http://x.invalid\",\"klik\")", "+1", "-1", "@SUM(1)",
    "javascript:alert(1)", "//evil.invalid/x", "data:text/html,<script>alert(1)</script>", "<script>alert(1)</script>",
    "'; DROP TABLE org_employee; --", "0", "-0", "1e400", "NaN", "99999999999999999999999999", "2024-02-30",
    "\ufeff", "\uffff", "\U0010ffff", "𝕭𝖊𝖗𝕬𝕶𝕳𝕷𝕬𝕶", "ß" * 300, "%00", "../../etc/passwd",
]
HUGE = "\u27ea1 MB\u27eb"  # drawn as this marker (short in hypothesis reports), sent as 1,000,000 characters


def expand(value: str) -> str:
    return "A" * 1_000_000 if value == HUGE else value


def nasty_text():
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40),
        st.text(alphabet=st.sampled_from("\x00\ud800\udc00\u202e\u200f\x07 a=+-@\t\r\n"), min_size=1, max_size=12),
        st.just(HUGE),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
    )


def field_value(original: str, options: list[str]):
    """The submitted value of a field: its own (or a valid option) two times in three, fuzz otherwise."""
    valid = st.sampled_from(options) if options else st.just(original)
    return st.one_of(valid, valid, nasty_text())


# --- HTML forms ----------------------------------------------------------------------------------

@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, kind, value)
    options: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    multipart: bool = False

    def key(self):
        return self.method, urlsplit(self.action).path, tuple(sorted({n for n, _k, _v in self.fields} | set(self.files)))


class FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").lower()
            self.current = Form(method, a.get("action") or self.page_url,
                                multipart=a.get("enctype", "") == "multipart/form-data")
            self.forms.append(self.current)
        elif tag == "option" and self.select and self.current is not None:
            self.current.options[self.select].append(a.get("value", ""))
        elif self.current is None or "name" not in a or "disabled" in a:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "file":
                self.current.files.append(a["name"])
            elif kind in ("checkbox", "radio"):
                self.current.options.setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a or kind == "radio" and a["name"] not in {n for n, _k, _v in self.current.fields}:
                    self.current.fields.append((a["name"], kind, a.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset"):
                self.current.fields.append((a["name"], kind, a.get("value", "")))
            else:
                self.current.fields.append((a["name"], "submit", a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self.current.fields.append((a["name"], "submit", a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""
        elif tag == "select":
            self.select = a["name"]
            self.current.fields.append((a["name"], "select", ""))
            self.current.options[a["name"]] = []

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "textarea" and self.textarea and self.current:
            self.current.fields.append((self.textarea, "textarea", self.text))
            self.textarea = None
        elif tag == "select":
            self.select = None


def forms_of(html: str, url: str) -> list[Form]:
    parser = FormParser(url)
    parser.feed(html)
    return parser.forms


# --- raw request bodies (lone surrogates go out as the bytes a broken client sends) -----------------

def _bytes(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def urlencoded(pairs: list[tuple[str, str]]) -> bytes:
    return b"&".join(quote(_bytes(k), safe="").encode() + b"=" + quote(_bytes(v), safe="").encode() for k, v in pairs)


def multipart(pairs: list[tuple[str, str]], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = []
    for name, value in pairs:
        out.append(b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; name=\"" + _bytes(name)
                   + b"\"\r\n\r\n" + _bytes(value) + b"\r\n")
    for name, filename, content in files:
        out.append(b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; name=\"" + _bytes(name)
                   + b"\"; filename=\"" + _bytes(filename) + b"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                   + content + b"\r\n")
    out.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


FILE_CONTENTS = [
    b"kode,nama,induk_kode\nX1,Unit\x00X,\n",
    b"kode,nama,induk_kode\nX1," + b"y" * 140_000 + b",\n",
    b"nip,nama\n\xff\xfe\xed\xa0\x80\n",
    b"kode,nama" + b"z" * 140_000 + b",induk_kode\n",
    b"PK\x03\x04broken zip",
    b"%PDF-1.4\n\x00\x00",
    b"",
]


# --- the world -----------------------------------------------------------------------------------

def build_world() -> World:
    from berakhlak.feedback360.keys import form_key
    from berakhlak.feedback360.models import Assignment, Cycle
    from berakhlak.performance.models import Indicator, Period, Skp, SkpStatus
    from berakhlak.surveys.models import Wave, WaveMember, WaveStatus
    from berakhlak.surveys.services import invitation_token

    logins = {login.role: login.username for login in demo_load(employees=300)}
    demo = {role: User.objects.get(username=name) for role, name in logins.items()}
    users: dict[str, User | None] = {}
    employee_user = demo["Pegawai"]
    draft = Skp.objects.filter(status=SkpStatus.DRAFT).select_related("employee").order_by("pk").first()
    owner = User.objects.filter(employee=draft.employee).first()
    owner.set_password("x-" + uuid.uuid4().hex)
    owner.save()
    users["Pemilik SKP draf"] = owner
    employee = employee_user.employee
    employee_skp = Skp.objects.filter(employee=employee).order_by("-pk").first()
    rater = User.objects.filter(employee_id=employee_skp.rater_id).first() if employee_skp.rater_id else None
    if rater is not None:
        users["Penilai"] = rater
    users.update((role, demo[role]) for role in ("Pegawai", "Kepala unit", "Agen perubahan", "SDM instansi",
                                                 "Admin platform") if role in demo)
    users["anonim"] = None
    open_wave = Wave.objects.filter(status=WaveStatus.OPEN).order_by("pk").first()
    member = WaveMember.objects.filter(wave=open_wave, employee=employee).first()
    indicator = Indicator.objects.filter(result__skp=draft).select_related("result").first()
    if indicator is None:  # a draft with one hasil kerja and one indicator, so that their edit forms show
        from berakhlak.performance.services import indicator_save, result_save

        result = result_save(actor=owner, skp=draft, kind="UTAMA", text="Terlaksananya analisis jabatan")
        indicator = indicator_save(actor=owner, result=result, aspect="KUANTITAS", text="Jumlah dokumen",
                                   target="12 dokumen")
    assignment = (Assignment.objects.filter(rater=employee, cycle__status="OPEN", status="OPEN").order_by("pk").first()
                  or Assignment.objects.filter(rater=employee).order_by("pk").first())
    cycle = assignment.cycle if assignment else Cycle.objects.order_by("pk").first()
    head = users["Kepala unit"].employee
    no_password = User.objects.filter(password__startswith="!").first() or owner
    w = World(users=users, ids={
        "employee": employee.pk, "employee_nip": employee.nip, "head_unit": head.headed_units.first().pk,
        "open_wave": open_wave.pk, "closed_wave": Wave.objects.filter(status=WaveStatus.CLOSED).order_by("pk").first().pk,
        "instrument": open_wave.instrument_id, "survey_token": invitation_token(open_wave, member.pk),
        "draft_skp": draft.pk, "draft_indicator": indicator.pk, "draft_result": indicator.result_id,
        "employee_skp": employee_skp.pk,
        "submitted_skp": Skp.objects.filter(status=SkpStatus.SUBMITTED).order_by("pk").first().pk,
        "annual_period": Period.objects.filter(year=employee_skp.year, code="TAHUNAN").first().pk,
        "quarter_period": Period.objects.filter(year=employee_skp.year, code="TW4").first().pk,
        "cycle": cycle.pk, "assignment": assignment.pk if assignment else 0,
        "form_key": form_key(assignment.cycle_id, assignment.pk) if assignment else "x",
        "uid": urlsafe_base64_encode(force_bytes(no_password.pk)),
        "reset_token": default_token_generator.make_token(no_password),
    })
    return w


def start_urls(world: World, role: str) -> list[tuple[str, str]]:
    urls = []
    for name, spec, *roles in START_PAGES:
        if roles and role not in roles[0]:
            continue
        value = spec(world) if callable(spec) else spec
        urls.append((name, value if isinstance(value, str) else reverse(name.split("#")[0], kwargs=value)))
    return urls


def table_counts() -> dict[str, int]:
    tables = [t for t in connection.introspection.table_names() if not NOT_COUNTED.match(t)]
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        cur.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {qn(t)})" for t in tables))
        return dict(zip(tables, cur.fetchone()))


def url_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return "?"
    return match.view_name


def login(client: Client, user):
    client.logout()
    if user is not None:
        client.force_login(user, backend="berakhlak.accounts.backends.NipOrUsernameBackend")


def discover(world: World) -> list[tuple[str, Form]]:
    """(role, form) of every distinct form (target and field names) the roles see on the start pages; a form
    several roles see is submitted by the first of them (the roles are ordered from the most specific)."""
    found, seen = [], set()
    client = Client(raise_request_exception=False)
    for role, user in world.users.items():
        login(client, user)
        for _name, url in start_urls(world, role):
            response = client.get(url)
            assert response.status_code < 500, f"{role} GET {url}: {response.status_code}"
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_of(response.content.decode(), url):
                key = form.key()
                if key not in seen:
                    seen.add(key)
                    found.append((role, form))
    return found


def draw_submission(data, form: Form):
    pairs = []
    for name, kind, value in form.fields:
        if name == "csrfmiddlewaretoken" or kind == "submit":
            pairs.append((name, value))
        else:
            pairs.append((data.draw(st.sampled_from([name, name, name, "\x00" + name])) if kind == "hidden" else name,
                          expand(data.draw(field_value(value, form.options.get(name, []))))))
    files = [(name, data.draw(st.sampled_from(["bukti.pdf", "unit.csv", "a\x00b.csv", "\u202ecod.exe", "x" * 300])),
              data.draw(st.sampled_from(FILE_CONTENTS))) for name in form.files]
    return pairs, files


def submit(client: Client, form: Form, pairs, files):
    if form.method == "get":
        path = urlsplit(form.action).path
        return client.get(path, QUERY_STRING=urlencoded(pairs).decode())
    if form.multipart or files:
        body, content_type = multipart(pairs, files)
    else:
        body, content_type = urlencoded(pairs), "application/x-www-form-urlencoded"
    return client.generic("POST", form.action, body, content_type=content_type)


def forbidden(pairs, files) -> bool:
    """Whether the request holds a NUL character. (A lone surrogate cannot reach a view: sent as bytes it
    is not UTF-8, and Django decodes form data with U+FFFD in place of such bytes.)"""
    text = [k for k, _v in pairs] + [v for _k, v in pairs] + [f for _n, f, _c in files]
    return any("\x00" in t for t in text)


def relogin(client: Client, user):
    """Sign ``user`` in (nobody for ``None``) and fetch a page, so that the client holds a CSRF cookie."""
    login(client, user)
    client.get(reverse("accounts:login"))
    if "csrftoken" not in client.cookies:
        client.get(reverse("front:home"))


@pytest.fixture
def world(db):
    return build_world()


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_form_survives_fuzzed_input_and_a_refusal_writes_nothing(world, data):
    forms = getattr(world, "_forms", None)
    if forms is None:
        forms = world.ids["_forms"] = discover(world)
        targets = {url_name(urlsplit(f.action).path) for _role, f in forms if f.method == "post"}
        for name in sorted(FORM_TARGETS - targets):
            if name in DIRECT_FORMS:
                role, path, names = DIRECT_FORMS[name]
                form = Form("post", path(world), [("csrfmiddlewaretoken", "hidden", "")]
                            + [(n, "text", "") for n in names])
                forms.append((role, form))
        forms.sort(key=lambda rf: list(world.users).index(rf[0]))
        nul_everywhere(world, forms)
    targets = {url_name(urlsplit(f.action).path) for _role, f in forms if f.method == "post"}
    missing = FORM_TARGETS - targets
    assert not missing, f"no start page shows a form for {sorted(missing)}: add one to START_PAGES"
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    failures = []
    current_role = object()
    for role, form in forms:
        if role != current_role:
            relogin(client, world.users[role])
            current_role = role
        pairs, files = draw_submission(data, form)
        # the page's CSRF token belongs to the crawl's session: use this client's own
        token = client.cookies.get("csrftoken")
        pairs = [(k, token.value if k == "csrfmiddlewaretoken" and token else v) for k, v in pairs]
        before = table_counts()
        sid = transaction.savepoint()
        response = submit(client, form, pairs, files)
        status = response.status_code
        if status >= 500:
            transaction.savepoint_rollback(sid)
        else:
            transaction.savepoint_commit(sid)
        what = f"{role} {form.method.upper()} {form.action} {summary(pairs, files)}"
        if status >= 500:
            failures.append(f"{status}: {what}")
        elif 400 <= status < 500 and table_counts() != before:
            after = table_counts()
            changed = {t: (before[t], after[t]) for t in after if before.get(t) != after[t]}
            failures.append(f"{status} but wrote {changed}: {what}")
        elif forbidden(pairs, files) and status < 400:
            failures.append(f"{status}: a NUL or a lone surrogate was accepted: {what}")
        if form.action.endswith(reverse("accounts:logout")) or status in (301, 302) and "masuk" in response.get(
                "Location", ""):
            relogin(client, world.users[role])
    assert not failures, "\n".join(failures[:40])


def nul_everywhere(world: World, forms: list[tuple[str, Form]]) -> None:
    """Deterministic pass before the fuzz: every field of every POST form in turn (survey and 360
    comments, every SKP text…) gets a NUL character next to valid values: refused, nothing written. The
    guard middleware answers 400; a view exempt from it (the streamed import upload, which chooses its
    upload handler before the body is read) refuses the field with its form error, 422."""
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    current_role, failures = object(), []
    for role, form in forms:
        if form.method != "post":
            continue
        if role != current_role:
            relogin(client, world.users[role])
            current_role = role
        token = client.cookies.get("csrftoken")
        base = [(n, token.value if n == "csrfmiddlewaretoken" and token else v) for n, _k, v in form.fields]
        for i, (name, kind, value) in enumerate(form.fields):
            if name == "csrfmiddlewaretoken" or kind == "submit":
                continue
            pairs = list(base)
            pairs[i] = (name, (value or (form.options.get(name) or ["x"])[-1]) + "\x00")
            before = table_counts()
            response = submit(client, form, pairs, [])
            if response.status_code not in (400, 422) or table_counts() != before:
                failures.append(f"{response.status_code}: {role} POST {form.action} {name}=…NUL")
    assert not failures, "\n".join(failures)


def summary(pairs, files) -> str:
    def short(v: str) -> str:
        return repr(v if len(v) <= 40 else v[:20] + f"…({len(v)} chars)")
    return ", ".join(f"{k}={short(v)}" for k, v in pairs if k != "csrfmiddlewaretoken") + "".join(
        f", file {n}={short(f)}" for n, f, _c in files)


def _patterns(resolver: URLResolver, prefix: str = ""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else prefix
            yield from _patterns(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_every_url_is_a_start_page_or_a_form_target():
    """A new page must be listed above (start page, form target or download), or its forms escape the fuzz."""
    names = {n for n in _patterns(get_resolver()) if not n.startswith("admin:")}
    listed = {entry[0].split("#")[0] for entry in START_PAGES} | FORM_TARGETS | NO_FORM
    assert names - listed == set(), f"add these URL names to START_PAGES, FORM_TARGETS or NO_FORM: {names - listed}"
