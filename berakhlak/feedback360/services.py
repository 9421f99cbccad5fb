"""Writes of the 360 assessment. Each service runs in one transaction and checks who may act; changes to
cycles, lists of raters and assignments are audited. Answers are never audited nor logged. Saving and
sending an anonymous form touch no row that names a person (see "answering" below, the ``models``
docstring and ``docs/anonymity.md``).

Who acts:
- HR of the agency (and the platform admin): cycles, settings, opening, closing, reminders, and the
  approver's part for anyone;
- the employee: their own list of raters while it is a draft or returned;
- the approver of a list: the employee's superior in the cycle's snapshot (or HR);
- a rater: their own forms.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

import ibis
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from berakhlak.accounts.scope import Scope, scope_for
from berakhlak.analytics import feedback360 as engine
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.analytics.suppression import suppress_subtree_counts
from berakhlak.audit.services import audit_record
from berakhlak.feedback360 import item_bank, keys, rules
from berakhlak.feedback360.models import (
    Anchor,
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Cycle,
    CycleStatus,
    Draft,
    Item,
    NominationState,
    Participant,
    Score,
    Sheet,
    SheetComment,
    Spent,
    UnitScore,
)
from berakhlak.lib.anonymity import seal, unseal
from berakhlak.lib.db import expression_sql, load_rows
from berakhlak.org.models import Agency, Employee, Unit

SETTINGS = (*(f"quota_{r.lower()}" for r in rules.RELATIONSHIPS), *(f"weight_{r.lower()}" for r in rules.RELATIONSHIPS),
            "min_raters", "min_group", "max_forms", "suggest_above", "suggest_floor", "suggest_below", "deadline")


class Feedback360Error(ValueError):
    """A request the 360 rules refuse (the message is shown as is)."""


def _clean_text(text: str | None, limit: int) -> str:
    """Free text from a form, trimmed to ``limit``: a NUL byte or a lone surrogate (which PostgreSQL and
    UTF-8 cannot store) is refused with a message instead of failing later."""
    text = (text or "").strip()
    if any(ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in text):
        raise Feedback360Error(_("Teks mengandung karakter yang tidak dapat disimpan (NUL atau surrogate)."))
    return text[:limit]


def _is_hr(scope: Scope, agency_id: int) -> bool:
    return scope.platform_admin or agency_id in scope.hr_agency_ids


def _require_hr(actor, agency_id: int) -> Scope:
    scope = scope_for(actor)
    if not _is_hr(scope, agency_id):
        raise Feedback360Error(_("Hanya SDM instansi yang dapat melakukan ini."))
    return scope


def _check_settings(values: Mapping) -> None:
    try:
        rules.check_quotas({r: int(values[f"quota_{r.lower()}"]) for r in rules.RELATIONSHIPS})
        rules.check_weights({r: int(values[f"weight_{r.lower()}"]) for r in rules.RELATIONSHIPS})
        rules.check_min_raters(int(values["min_raters"]))
        rules.SuggestionRule(above=float(values["suggest_above"]), floor=float(values["suggest_floor"]),
                             below=float(values["suggest_below"]))
    except rules.RuleError as exc:
        raise Feedback360Error(str(exc)) from None
    if int(values["max_forms"]) < 1 or int(values["min_group"]) < 2:
        raise Feedback360Error(_("Batas formulir minimal 1 dan minimum pegawai per unit minimal 2."))


# --- cycles -------------------------------------------------------------------------------------------


def cycle_create(*, actor, agency: Agency, code: str, name: str, year: int, deadline: date,
                 **settings_: object) -> Cycle:
    """A new cycle (draft) with the built-in anchored items of the agency's framework version and the
    default settings, or those given."""
    _require_hr(actor, agency.pk)
    if agency.framework_version_id is None:
        raise Feedback360Error(_("Instansi belum memilih versi kerangka BerAKHLAK."))
    code = code.strip()
    if not code:
        raise Feedback360Error(_("Kode siklus wajib diisi."))
    if Cycle.objects.filter(agency=agency, code=code).exists():
        raise Feedback360Error(_("Kode siklus %(code)s sudah dipakai.") % {"code": code})
    cycle = Cycle(agency=agency, code=code, name=name.strip() or code, year=year, deadline=deadline,
                  framework_version_id=agency.framework_version_id, created_by=actor if actor.pk else None,
                  seed=zlib.crc32(f"{agency.code}/{code}".encode()) % 2_000_000_000)
    for key, value in settings_.items():
        if key not in SETTINGS:
            raise Feedback360Error(f"unknown setting {key!r}")
        setattr(cycle, key, value)
    _check_settings({k: getattr(cycle, k) for k in SETTINGS})
    with transaction.atomic():
        cycle.save()
        items = Item.objects.bulk_create([
            Item(cycle=cycle, code=it.code, order=i, text_id=it.text_id, text_en=it.text_en)
            for i, it in enumerate(item_bank.ITEMS, start=1)])
        Anchor.objects.bulk_create([
            Anchor(item=obj, level=level, text_id=text_id, text_en=text_en)
            for obj, it in zip(items, item_bank.ITEMS) for level, (text_id, text_en) in enumerate(it.anchors, start=1)])
        audit_record(actor=actor, action="cycle360.create", agency=agency, obj=cycle,
                     after={k: str(getattr(cycle, k)) for k in ("code", "year", *SETTINGS)})
    return cycle


def cycle_update(*, actor, cycle: Cycle, name: str | None = None, **settings_: object) -> Cycle:
    """Change the settings while the cycle is a draft (the deadline also while it runs)."""
    _require_hr(actor, cycle.agency_id)
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.status == CycleStatus.CLOSED:
            raise Feedback360Error(_("Siklus sudah ditutup."))
        changed = {k: v for k, v in settings_.items() if getattr(cycle, k) != v}
        if cycle.status != CycleStatus.DRAFT and set(changed) - {"deadline"}:
            raise Feedback360Error(_("Setelah siklus dibuka hanya batas waktu yang dapat diubah."))
        before = {k: str(getattr(cycle, k)) for k in changed}
        for key, value in changed.items():
            if key not in SETTINGS:
                raise Feedback360Error(f"unknown setting {key!r}")
            setattr(cycle, key, value)
        if name is not None and name.strip():
            cycle.name = name.strip()
        _check_settings({k: getattr(cycle, k) for k in SETTINGS})
        cycle.save()
        audit_record(actor=actor, action="cycle360.update", agency=cycle.agency, obj=cycle, before=before,
                     after={k: str(getattr(cycle, k)) for k in changed})
    return cycle


def _people_table():
    return ibis.table({"id": "int64", "unit_id": "int64", "parent_id": "int64", "superior_id": "int64"},
                      name="f360_people")


def cycle_open(*, actor, cycle: Cycle) -> int:
    """Open the cycle: freeze the population (active employees, their unit and superior) and propose
    each one's raters from the organisation (``analytics.feedback360.proposals``, run in the app
    database). Self-assessments open at once; the rest wait for the approval of each list. Returns the
    number of participants."""
    _require_hr(actor, cycle.agency_id)
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.status != CycleStatus.DRAFT:
            raise Feedback360Error(_("Hanya siklus draf yang dapat dibuka."))
        with connection.cursor() as cursor:
            cursor.execute(
                f"""INSERT INTO {Participant._meta.db_table} (cycle_id, employee_id, unit_id, superior_id, nomination,
                        return_reason)
                    SELECT %s, e.id, e.unit_id,
                           CASE WHEN s.id IS NOT NULL AND s.is_active AND s.agency_id = e.agency_id THEN s.id END,
                           %s, ''
                    FROM {Employee._meta.db_table} e LEFT JOIN {Employee._meta.db_table} s ON s.id = e.superior_id
                    WHERE e.agency_id = %s AND e.is_active""",
                [cycle.pk, NominationState.DRAFT, cycle.agency_id])
            population = cursor.rowcount
            if population == 0:
                raise Feedback360Error(_("Instansi belum punya pegawai aktif."))
            _analyze(cursor, Participant)
            people = (f"(SELECT p.employee_id AS id, p.unit_id AS unit_id, u.parent_id AS parent_id, "
                      f"p.superior_id AS superior_id FROM {Participant._meta.db_table} p "
                      f"JOIN {Unit._meta.db_table} u ON u.id = p.unit_id WHERE p.cycle_id = {int(cycle.pk)})")
            expr = engine.proposals(_people_table(), seed=cycle.seed, quotas=cycle.quotas, max_forms=cycle.max_forms)
            sql = expression_sql(expr).replace('"f360_people"', people)
            cursor.execute(
                f"""INSERT INTO {Assignment._meta.db_table} (cycle_id, ratee_id, rater_id, relationship, source, status,
                        decline_reason)
                    SELECT %s, q.ratee_id, q.rater_id, q.relationship, %s,
                           CASE WHEN q.relationship = %s THEN %s ELSE %s END, ''
                    FROM ({sql}) q""",
                [cycle.pk, AssignmentSource.PROPOSED, rules.SELF, AssignmentStatus.OPEN, AssignmentStatus.NOMINATED])
            proposed = cursor.rowcount
        cycle.status = CycleStatus.OPEN
        cycle.opened_at = timezone.now()
        cycle.key_check = keys.cycle_check(cycle.pk)
        cycle.save(update_fields=["status", "opened_at", "key_check"])
        audit_record(actor=actor, action="cycle360.open", agency=cycle.agency, obj=cycle,
                     after={"participants": population, "proposed": proposed})
    return population


def cycle_close(*, actor, cycle: Cycle, compute: bool = True) -> Cycle:
    """Close the cycle: no more answers (it waits for forms being sent, ``_cycle_gate``); unsent drafts
    and the spent records are deleted wholesale, so that after closing not even the secret's holder can
    tell who sent a form; the results are computed."""
    _require_hr(actor, cycle.agency_id)
    with transaction.atomic():
        _cycle_gate(cycle.pk, exclusive=True)
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.status != CycleStatus.OPEN:
            raise Feedback360Error(_("Hanya siklus yang berjalan dapat ditutup."))
        Draft.objects.filter(cycle=cycle).delete()
        Spent.objects.filter(cycle=cycle).delete()
        cycle.status = CycleStatus.CLOSED
        cycle.closed_at = timezone.now()
        cycle.save(update_fields=["status", "closed_at"])
        audit_record(actor=actor, action="cycle360.close", agency=cycle.agency, obj=cycle)
        if compute:
            results_compute(cycle=cycle)
    return cycle


# --- nominations ---------------------------------------------------------------------------------------


def _participant(cycle: Cycle, employee_id: int) -> Participant:
    p = Participant.objects.filter(cycle=cycle, employee_id=employee_id).select_related("employee").first()
    if p is None:
        raise Feedback360Error(_("Pegawai ini tidak termasuk peserta siklus."))
    return p


def _person(p: Participant) -> rules.Person:
    return rules.Person(id=p.employee_id, unit_id=p.unit_id, superior_id=p.superior_id)


def is_approver(scope: Scope, participant: Participant) -> bool:
    """The employee's superior in the cycle's snapshot, or HR of the agency."""
    return (scope.employee_id is not None and participant.superior_id == scope.employee_id) or \
        _is_hr(scope, participant.cycle.agency_id)


def _open_cycle(cycle: Cycle) -> None:
    if cycle.status != CycleStatus.OPEN:
        raise Feedback360Error(_("Siklus tidak sedang berjalan."))


def _load(cycle: Cycle, rater_id: int) -> int:
    return Assignment.objects.filter(
        cycle=cycle, rater_id=rater_id, relationship__in=rules.ANONYMOUS,
    ).exclude(status=AssignmentStatus.DECLINED).count()


def nominee_add(*, actor, participant: Participant, rater: Employee) -> Assignment:
    """Put ``rater`` on the participant's list: by the employee while the list is editable (a nominee),
    or by the approver at any time while the cycle runs (to replace one who declined). The relationship
    follows from the organisation snapshot; the quota of that relationship and the rater's cap hold."""
    scope = scope_for(actor)
    cycle = participant.cycle
    _open_cycle(cycle)
    own = scope.employee_id == participant.employee_id
    approver = is_approver(scope, participant)
    if not own and not approver:
        raise Feedback360Error(_("Anda tidak dapat mengubah daftar penilai ini."))
    if own and not approver and not rules.editable_by_employee(participant.nomination):
        raise Feedback360Error(_("Daftar penilai sudah diajukan; hanya atasan yang dapat mengubahnya."))
    other = Participant.objects.filter(cycle=cycle, employee=rater).first()
    if other is None:
        raise Feedback360Error(_("%(name)s bukan peserta siklus ini.") % {"name": rater.name})
    relationship = rules.relationship_of(_person(participant), _person(other))
    if not rules.nominable(relationship):
        raise Feedback360Error(_("Diri sendiri dan atasan langsung sudah ditetapkan dari organisasi."))
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        mine = Assignment.objects.filter(cycle=cycle, ratee_id=participant.employee_id)
        if mine.filter(rater=rater).exists():
            raise Feedback360Error(_("%(name)s sudah ada di daftar.") % {"name": rater.name})
        quota = cycle.quotas[relationship]
        if mine.filter(relationship=relationship).exclude(status=AssignmentStatus.DECLINED).count() >= quota:
            raise Feedback360Error(_("Jumlah %(rel)s sudah %(n)s (batas siklus).") % {
                "rel": _relationship_label(relationship), "n": quota})
        if _load(cycle, rater.pk) >= cycle.max_forms:
            raise Feedback360Error(_("%(name)s sudah menerima %(n)s formulir (batas per penilai).") % {
                "name": rater.name, "n": cycle.max_forms})
        approved = participant.nomination == NominationState.APPROVED
        a = Assignment.objects.create(
            cycle=cycle, ratee_id=participant.employee_id, rater=rater, relationship=relationship,
            source=AssignmentSource.NOMINATED if own and not approved else AssignmentSource.ADDED,
            status=AssignmentStatus.OPEN if approved else AssignmentStatus.NOMINATED)
        audit_record(actor=actor, action="nomination360.add", agency=cycle.agency, obj=a,
                     after={"ratee": participant.employee_id, "rater": rater.pk, "relationship": relationship})
    return a


def nominee_remove(*, actor, assignment: Assignment) -> None:
    """Take a peer, cross-unit peer or subordinate off a list before it is approved (the employee while
    it is editable, or the approver)."""
    scope = scope_for(actor)
    participant = _participant(assignment.cycle, assignment.ratee_id)
    _open_cycle(assignment.cycle)
    own = scope.employee_id == participant.employee_id
    if not (own and rules.editable_by_employee(participant.nomination)) and not (
            is_approver(scope, participant) and participant.nomination != NominationState.APPROVED):
        raise Feedback360Error(_("Daftar penilai ini tidak dapat diubah sekarang."))
    if not rules.nominable(assignment.relationship) or assignment.status != AssignmentStatus.NOMINATED:
        raise Feedback360Error(_("Penilai ini tidak dapat dihapus dari daftar."))
    with transaction.atomic():
        audit_record(actor=actor, action="nomination360.remove", agency=assignment.cycle.agency, obj=assignment,
                     before={"ratee": assignment.ratee_id, "rater": assignment.rater_id})
        assignment.delete()


def _nomination_step(*, actor, participant: Participant, action: str, reason: str = "") -> Participant:
    reason = _clean_text(reason, 2000)
    scope = scope_for(actor)
    _open_cycle(participant.cycle)
    if action == "submit":
        if scope.employee_id != participant.employee_id:
            raise Feedback360Error(_("Hanya pegawai yang bersangkutan yang mengajukan daftarnya."))
        role = rules.EMPLOYEE
    else:
        if not is_approver(scope, participant):
            raise Feedback360Error(_("Hanya atasan langsung atau SDM yang menyetujui daftar penilai."))
        role = rules.APPROVER
    with transaction.atomic():
        participant = Participant.objects.select_for_update().select_related("cycle").get(pk=participant.pk)
        before = participant.nomination
        try:
            participant.nomination = rules.nomination_transition(before, action, role, reason)
        except rules.RuleError as exc:
            raise Feedback360Error(str(exc)) from None
        participant.return_reason = reason.strip() if action == "return" else ""
        if action in ("approve", "return"):
            participant.decided_by = actor if actor.pk else None
            participant.decided_at = timezone.now()
        participant.save(update_fields=["nomination", "return_reason", "decided_by", "decided_at"])
        if action == "approve":
            Assignment.objects.filter(cycle=participant.cycle, ratee_id=participant.employee_id,
                                      status=AssignmentStatus.NOMINATED).update(status=AssignmentStatus.OPEN)
        audit_record(actor=actor, action=f"nomination360.{action}", agency=participant.cycle.agency, obj=participant,
                     before={"state": before}, after={"state": participant.nomination, "reason": reason.strip()})
    return participant


def nomination_submit(*, actor, participant: Participant) -> Participant:
    return _nomination_step(actor=actor, participant=participant, action="submit")


def nomination_approve(*, actor, participant: Participant) -> Participant:
    return _nomination_step(actor=actor, participant=participant, action="approve")


def nomination_return(*, actor, participant: Participant, reason: str) -> Participant:
    return _nomination_step(actor=actor, participant=participant, action="return", reason=reason)


def nominations_approve_pending(*, actor, cycle: Cycle) -> int:
    """HR approves every list not yet approved, as it stands (at the deadline); returns how many."""
    _require_hr(actor, cycle.agency_id)
    _open_cycle(cycle)
    with transaction.atomic():
        pending = Participant.objects.select_for_update().filter(cycle=cycle).exclude(nomination=NominationState.APPROVED)
        ids = list(pending.values_list("employee_id", flat=True))
        pending.update(nomination=NominationState.APPROVED, return_reason="", decided_by=actor if actor.pk else None,
                       decided_at=timezone.now())
        Assignment.objects.filter(cycle=cycle, ratee_id__in=ids, status=AssignmentStatus.NOMINATED).update(
            status=AssignmentStatus.OPEN)
        audit_record(actor=actor, action="nomination360.approve_pending", agency=cycle.agency, obj=cycle,
                     after={"approved": len(ids)})
    return len(ids)


# --- answering -----------------------------------------------------------------------------------------
#
# DESIGN.md "Anonymity": saving and sending a peer, cross-unit or subordinate form insert, update, lock or
# delete no row that names a person (no assignment, participant, employee, user, session or audit row;
# PostgreSQL's ``SELECT … FOR UPDATE`` would write ``xmax`` on the assignment). They read the assignment
# (plain SELECT) and write only the draft, the spent record, the sheet and its comments, all keyed by
# keyed hashes or random keys. The superior's and the self ratings are named: their assignment is marked.


class AlreadySent(Feedback360Error):
    """The form was already sent or declined: nothing is written."""


def _own_form(actor, assignment: Assignment) -> Assignment:
    scope = scope_for(actor)
    if scope.employee_id is None or assignment.rater_id != scope.employee_id:
        raise Feedback360Error(_("Formulir ini bukan milik Anda."))
    _open_cycle(assignment.cycle)
    _same_secret(assignment.cycle)
    if assignment.status in (AssignmentStatus.SUBMITTED, AssignmentStatus.DECLINED):
        raise AlreadySent(_("Formulir ini sudah dikirim atau ditolak."))
    if assignment.status != AssignmentStatus.OPEN:
        raise Feedback360Error(_("Formulir ini belum dapat diisi: daftar penilai belum disetujui."))
    if Spent.objects.filter(key=keys.spent_key(assignment.cycle_id, assignment.pk)).exists():
        raise AlreadySent(_("Formulir ini sudah dikirim atau ditolak."))
    return assignment


def _same_secret(cycle: Cycle) -> None:
    """Refuse to save or send when the secret changed since the cycle opened: the spent keys would differ
    and forms already sent could be sent twice (``keys.cycle_check``)."""
    if cycle.key_check != keys.cycle_check(cycle.pk):
        raise Feedback360Error(_("Kunci rahasia server berubah sejak siklus dibuka; formulir tidak dapat disimpan "
                                 "atau dikirim agar tidak terhitung dua kali. Hubungi SDM."))


def _clean_answers(answers: Mapping[str, int | None], not_applicable: Iterable[str]) -> tuple[dict, set]:
    na = set(not_applicable)
    unknown = (set(answers) | na) - set(BEHAVIOUR_CODES)
    if unknown:
        raise Feedback360Error(_("Butir tidak dikenal: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    clean = {}
    for code, value in answers.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise Feedback360Error(_("Jawaban %(code)s harus 1–5.") % {"code": code})
        if code in na:
            raise Feedback360Error(_("%(code)s tidak bisa dinilai sekaligus ditandai tidak dapat menilai.") % {
                "code": code})
        clean[code] = value
    return clean, na


def _sealed_draft(k: keys.FormKeys) -> dict | None:
    return unseal(k.form, Draft.objects.filter(key=k.draft).values_list("blob", flat=True).first())


def form_save(*, actor, assignment: Assignment, answers: Mapping[str, int | None],
              not_applicable: Iterable[str] = (), comments: Mapping[str, str] | None = None) -> dict:
    """Save (part of) a form to resume later. Given codes replace what was saved; others stay. The draft
    is one encrypted blob under the draft key (``Draft``); no row naming a person is touched. Returns the
    draft as saved."""
    assignment = Assignment.objects.select_related("cycle").get(pk=assignment.pk)
    _own_form(actor, assignment)
    clean, na = _clean_answers(answers, not_applicable)
    comments = comments or {}
    if set(comments) - set(VALUE_CODES):
        raise Feedback360Error(_("Komentar untuk nilai yang tidak dikenal."))
    comments = {v: _clean_text(t, 2000) for v, t in comments.items()}
    k = keys.keys_of(assignment)
    for attempt in (1, 2):  # a second tab may insert the same draft at the same instant: then update it
        try:
            return _save_draft(assignment, k, answers, clean, na, comments)
        except IntegrityError:
            if attempt == 2:
                raise


def _save_draft(assignment, k, answers, clean, na, comments) -> dict:
    with transaction.atomic():
        # the draft row names nobody: locking it is harmless, and keeps two tabs from losing a page
        blob = Draft.objects.select_for_update().filter(key=k.draft).values_list("blob", flat=True).first()
        data = unseal(k.form, blob) or {"answers": {}, "na": [], "comments": {}}
        saved_na = set(data["na"])
        for code in set(answers) | na:
            data["answers"][code] = clean.get(code)
            saved_na.discard(code)
            if code in na:
                saved_na.add(code)
        data["na"] = sorted(saved_na)
        for value, text in comments.items():
            if text:
                data["comments"][value] = text
            else:
                data["comments"].pop(value, None)
        sealed = seal(k.form, data)
        if blob is None:
            Draft.objects.create(key=k.draft, cycle_id=assignment.cycle_id, blob=sealed)
        else:
            Draft.objects.filter(key=k.draft).update(blob=sealed)
    return data


def draft_answers(draft: dict | None) -> tuple[dict[str, int | None], set[str], dict[str, str]]:
    """What a draft holds: answers, codes marked "tidak dapat menilai", comments per value."""
    if not draft:
        return {}, set(), {}
    saved = draft.get("answers", {})
    answers = {c: saved.get(c) for c in BEHAVIOUR_CODES}
    na = set(draft.get("na", [])) & set(BEHAVIOUR_CODES)
    comments = {v: t for v, t in draft.get("comments", {}).items() if v in VALUE_CODES and t}
    return answers, na, comments


def missing_items(draft: dict | None) -> list[str]:
    answers, na, _comments = draft_answers(draft)
    return [c for c in BEHAVIOUR_CODES if answers.get(c) is None and c not in na]


def _cycle_gate(cycle_id: int, *, exclusive: bool) -> None:
    """Keep sending and closing apart without locking the cycle row (it names its creator): sending
    takes a shared PostgreSQL advisory lock on the cycle, closing an exclusive one, so no sheet can be
    written into a cycle being closed. Advisory locks leave nothing in any row. On SQLite every write
    transaction is serialised, and ``form_submit`` reads the cycle's status after its first write."""
    if connection.vendor == "postgresql":
        fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {fn}(%s, %s)", [GATE_NAMESPACE, cycle_id])


GATE_NAMESPACE = 360_360  # the first key of the advisory locks of ``_cycle_gate``


def form_submit(*, actor, assignment: Assignment) -> Sheet:
    """Send the saved form: every behaviour answered or marked "tidak dapat menilai", at least one
    answered. In one transaction: the spent record (its unique key: exactly once; a second submission
    raises ``AlreadySent`` and writes nothing), the sheet (no rater) and its comments, and the draft
    deleted. An anonymous relationship's assignment is not touched; the superior's and the self
    assignment is marked ``SUBMITTED``."""
    assignment = Assignment.objects.select_related("cycle").get(pk=assignment.pk)
    _own_form(actor, assignment)
    k = keys.keys_of(assignment)
    draft = _sealed_draft(k)
    missing = missing_items(draft)
    if missing:
        raise Feedback360Error(_("Belum dinilai: %(codes)s") % {"codes": ", ".join(missing)})
    answers, na, comments = draft_answers(draft)
    if len(na) == len(BEHAVIOUR_CODES):
        raise Feedback360Error(_("Nilailah setidaknya satu perilaku, atau tolak formulir ini."))
    try:
        with transaction.atomic():
            _cycle_gate(assignment.cycle_id, exclusive=False)
            Spent.objects.create(key=k.spent, cycle_id=assignment.cycle_id)
            if Cycle.objects.filter(pk=assignment.cycle_id).values_list("status", flat=True).first() != CycleStatus.OPEN:
                raise Feedback360Error(_("Siklus tidak sedang berjalan."))
            sheet = Sheet.objects.create(cycle_id=assignment.cycle_id, ratee_id=assignment.ratee_id,
                                         relationship=assignment.relationship,
                                         **{c.lower(): answers[c] for c in BEHAVIOUR_CODES})
            SheetComment.objects.bulk_create([SheetComment(sheet=sheet, value_code=v, text=t)
                                              for v, t in sorted(comments.items())])
            Draft.objects.filter(key=k.draft).delete()
            if assignment.relationship in rules.NAMED:
                Assignment.objects.filter(pk=assignment.pk, status=AssignmentStatus.OPEN).update(
                    status=AssignmentStatus.SUBMITTED)
    except IntegrityError:
        raise AlreadySent(_("Formulir ini sudah dikirim atau ditolak.")) from None
    return sheet


def form_decline(*, actor, assignment: Assignment, reason: str) -> Assignment:
    """A peer, cross-unit peer or subordinate declines a form, with a reason (the approver sees it and
    may add another rater): a named act, audited. The form's key is spent as well, so a form is either
    sent or declined, once; a draft is deleted."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().select_related("cycle").get(pk=assignment.pk)
        scope = scope_for(actor)
        if scope.employee_id is None or assignment.rater_id != scope.employee_id:
            raise Feedback360Error(_("Formulir ini bukan milik Anda."))
        _open_cycle(assignment.cycle)
        _same_secret(assignment.cycle)
        if not rules.may_decline(assignment.relationship):
            raise Feedback360Error(_("Atasan langsung dan penilaian diri tidak dapat ditolak."))
        if assignment.status not in (AssignmentStatus.OPEN, AssignmentStatus.NOMINATED):
            raise AlreadySent(_("Formulir ini sudah dikirim atau ditolak."))
        reason = _clean_text(reason, 1000)
        if not reason:
            raise Feedback360Error(_("Tuliskan alasan penolakan."))
        k = keys.keys_of(assignment)
        try:
            with transaction.atomic():
                Spent.objects.create(key=k.spent, cycle_id=assignment.cycle_id)
        except IntegrityError:
            raise AlreadySent(_("Formulir ini sudah dikirim atau ditolak.")) from None
        Draft.objects.filter(key=k.draft).delete()
        assignment.status = AssignmentStatus.DECLINED
        assignment.decline_reason = reason
        assignment.save(update_fields=["status", "decline_reason"])
        audit_record(actor=actor, action="form360.decline", agency=assignment.cycle.agency, obj=assignment,
                     after={"reason": assignment.decline_reason})
    return assignment


def sent_keys(cycle_id: int, spent: Iterable[str]) -> set[str]:
    """Which of the given spent keys are recorded in the cycle."""
    spent = list(spent)
    found: set[str] = set()
    for i in range(0, len(spent), 2000):
        found.update(Spent.objects.filter(cycle_id=cycle_id, key__in=spent[i:i + 2000]).values_list("key", flat=True))
    return found


# --- reminders -----------------------------------------------------------------------------------------


def reminders_send(*, actor, cycle: Cycle) -> int:
    """E-mail every rater (with an address) who still has forms to send: how many, and the deadline. No
    names of those rated are put in the message. Who has sent is computed here, with the secret (the
    spent key of every open form); HR learns only how many messages were sent (the return value and the
    audit row), never to whom. Returns the number of messages sent."""
    _require_hr(actor, cycle.agency_id)
    _open_cycle(cycle)
    forms = list(Assignment.objects.filter(cycle=cycle, status=AssignmentStatus.OPEN).exclude(rater__email="")
                 .values_list("pk", "rater_id"))
    spent = {pk: keys.spent_key(cycle.pk, pk) for pk, _rater in forms}
    sent = sent_keys(cycle.pk, spent.values())
    todo: dict[int, int] = defaultdict(int)
    for pk, rater in forms:
        if spent[pk] not in sent:
            todo[rater] += 1
    people = Employee.objects.filter(pk__in=list(todo)).values_list("pk", "name", "email")
    url = settings.SITE_URL.rstrip("/") + reverse("feedback360:home")
    messages = [EmailMessage(
        f"Pengingat penilaian 360: {cycle.name}",
        (f"Yth. {name},\n\nAnda masih memiliki {todo[pk]} formulir penilaian 360 derajat yang belum "
         f"dikirim ({cycle.name}, batas {cycle.deadline:%d-%m-%Y}).\n\nIsi di: {url}\n\n"
         f"Jawaban Anda untuk rekan kerja dan atasan bersifat anonim.\n\n— Tim SDM {cycle.agency.code}\n"),
        settings.DEFAULT_FROM_EMAIL, [email]) for pk, name, email in sorted(people, key=lambda p: p[2])]
    if messages:
        get_connection().send_messages(messages)
    audit_record(actor=actor, action="cycle360.remind", agency=cycle.agency, obj=cycle, after={"sent": len(messages)})
    return len(messages)


# --- results ---------------------------------------------------------------------------------------------


def _sheets_table():
    return ibis.table({"cycle_id": "int64", "ratee_id": "int64", "relationship": "string",
                       **{c.lower(): "int64" for c in BEHAVIOUR_CODES}}, name=Sheet._meta.db_table)


def results_expression(cycle: Cycle):
    s = _sheets_table()
    mine = s.filter(s.cycle_id == cycle.pk)
    sheets = mine.select("ratee_id", "relationship", **{c: mine[c.lower()] for c in BEHAVIOUR_CODES})
    return engine.results(sheets, weights=cycle.weights, min_raters=cycle.min_raters)


def results_compute(*, cycle: Cycle) -> int:
    """Compute and store every result of a closed cycle, replacing the previous run (idempotent):
    per employee (``Score``, by ``analytics.feedback360.results`` inside the database) and per unit
    with its subtree (``UnitScore``: the mean of the employees' weighted scores, under the survey's
    suppression rule with the cycle's ``min_group``). Returns the number of employees with a result."""
    if cycle.status != CycleStatus.CLOSED:
        raise Feedback360Error(_("Hasil dihitung setelah siklus ditutup."))
    cols = engine.RESULT_COLUMNS
    with transaction.atomic():
        Score.objects.filter(cycle=cycle).delete()
        UnitScore.objects.filter(cycle=cycle).delete()
        with connection.cursor() as cursor:
            _analyze(cursor, Sheet)
            cursor.execute(
                f"""INSERT INTO {Score._meta.db_table} (cycle_id, employee_id, grp, code, raters, n, mean, sd,
                        d1, d2, d3, d4, d5)
                    SELECT %s, {', '.join('r.' + c for c in cols)} FROM ({expression_sql(results_expression(cycle))}) r""",
                [cycle.pk])
            cursor.execute(
                f"""SELECT c.ancestor_id, s.code, COUNT(*), SUM(s.mean), SUM(m.mean), COUNT(m.mean)
                    FROM {Score._meta.db_table} s
                    JOIN {Participant._meta.db_table} p ON p.cycle_id = s.cycle_id AND p.employee_id = s.employee_id
                    JOIN org_unitclosure c ON c.descendant_id = p.unit_id
                    LEFT JOIN {Score._meta.db_table} m ON m.cycle_id = s.cycle_id AND m.employee_id = s.employee_id
                         AND m.code = s.code AND m.grp = %s
                    WHERE s.cycle_id = %s AND s.grp = %s AND (s.code = %s OR s.code IN ({', '.join(['%s'] * 7)}))
                    GROUP BY c.ancestor_id, s.code""",
                [rules.SELF, cycle.pk, rules.ALL, engine.OVERALL, *VALUE_CODES])
            sums = cursor.fetchall()
        employees = Score.objects.filter(cycle=cycle, grp=rules.ALL, code=engine.OVERALL).count()
        counts = {unit: n for unit, code, n, *_rest in sums if code == engine.OVERALL}
        units = dict(Unit.objects.filter(agency_id=cycle.agency_id).values_list("id", "parent_id"))
        visible = suppress_subtree_counts(units, counts, cycle.min_group).visible
        rows = []
        for unit, code, n, total, self_total, self_n in sums:
            shown = unit in visible
            rows.append((cycle.pk, unit, code, n, total / n if shown else None,
                         self_total / self_n if shown and self_n else None, not shown))
        with connection.cursor() as cursor:
            load_rows(cursor, UnitScore._meta.db_table,
                      ("cycle_id", "unit_id", "code", "employees", "mean", "self_mean", "suppressed"), rows)
        cycle.computed_at = timezone.now()
        cycle.save(update_fields=["computed_at"])
        audit_record(actor=None, action="cycle360.compute", agency=cycle.agency, obj=cycle,
                     after={"employees": employees})
    return employees


def _analyze(cursor, model) -> None:
    """Refresh the planner's statistics of a table just filled in bulk, before a query joins it: SQLite
    never gathers them by itself (without them it joins the sheets to their groups by scanning, 100×
    slower on an agency of 2,400), and PostgreSQL's autovacuum comes later. Allowed inside a transaction
    on both."""
    cursor.execute(f"ANALYZE {model._meta.db_table}")


def _relationship_label(relationship: str) -> str:
    from berakhlak.feedback360.models import Relationship

    return str(Relationship(relationship).label).lower()
