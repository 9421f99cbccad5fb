"""Writes of the culture survey: instruments, waves, invitations, answers, imports, index runs.

Each service runs in one transaction. Set-based SQL does the bulk work (the population snapshot,
result tables, imports); nothing loops over respondents in Python.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.audit.services import audit_record
from berakhlak.lib import anonymity
from berakhlak.lib.db import load_rows
from berakhlak.org.checks import Problem
from berakhlak.org.models import Agency, Employee, Unit
from berakhlak.org.services import ImportRejected, import_problems, open_import_table
from berakhlak.surveys import invitations, rules
from berakhlak.surveys.checks import check_responses
from berakhlak.surveys.invitations import Credential
from berakhlak.surveys.models import (
    Ballot,
    BallotUnit,
    Comment,
    Draft,
    ExtraAnswer,
    Instrument,
    InstrumentKind,
    Item,
    Question,
    Response,
    Section,
    SelectionPick,
    Source,
    Wave,
    WaveMember,
    WaveStatus,
)


class SurveyError(ValueError):
    """A request the survey rules refuse (message is bilingual, shown as is)."""


# --- instruments -------------------------------------------------------------------------------

BUILTIN_LIKERT = "BERAKHLAK-LIKERT-5"
BUILTIN_SELECTION = "BERAKHLAK-PILIH"


def instrument_builtin(kind: str = InstrumentKind.LIKERT, scale: tuple[int, int] = (1, 5)) -> Instrument:
    qs = Instrument.objects.filter(agency__isnull=True, kind=kind)
    if kind == InstrumentKind.LIKERT:
        qs = qs.filter(scale_min=scale[0], scale_max=scale[1])
    instrument = qs.order_by("-version").first()
    if instrument is None:
        raise SurveyError(f"tidak ada instrumen bawaan {kind} {scale[0]}-{scale[1]} / no built-in instrument")
    return instrument


def instrument_frozen(instrument: Instrument) -> bool:
    """Used by a launched wave (or a built-in): its items can no longer change."""
    return instrument.agency_id is None or instrument.waves.exclude(status=WaveStatus.DRAFT).exists()


@transaction.atomic
def instrument_derive(*, actor, agency: Agency, base: Instrument, name: str = "",
                      scale: tuple[int, int] | None = None, max_picks: int | None = None) -> Instrument:
    """A new version of ``base`` for ``agency`` (same items), optionally on another scale."""
    code = base.code
    last = Instrument.objects.filter(agency=agency, code=code).order_by("-version").first()
    version = (last.version + 1) if last else 1
    low, high = scale or base.scale
    if (low, high) not in ((1, 4), (1, 5), (1, 6)):
        raise SurveyError("skala harus 1-4, 1-5 atau 1-6 / the scale must be 1-4, 1-5 or 1-6")
    instrument = Instrument.objects.create(
        agency=agency, code=code, version=version, kind=base.kind, name_id=name or base.name_id,
        name_en=base.name_en, scale_min=low, scale_max=high, max_picks=max_picks or base.max_picks,
        include_comment=base.include_comment, based_on=base)
    Item.objects.bulk_create([
        Item(instrument=instrument, code=i.code, section=i.section, value_code=i.value_code, text_id=i.text_id,
             text_en=i.text_en, position=i.position) for i in base.items.all()])
    audit_record(actor=actor, action="instrument.derive", agency=agency, obj=instrument,
                 after={"base": base.pk, "version": version, "scale": [low, high]})
    return instrument


@transaction.atomic
def instrument_item_add(*, actor, instrument: Instrument, value_code: str, text_id: str, text_en: str = "") -> Item:
    """Add an agency item mapped to a value (reported per item beside the value index)."""
    if instrument_frozen(instrument):
        raise SurveyError("instrumen ini sudah dipakai atau bawaan: buat versi baru / "
                          "this instrument is in use or built in: derive a new version")
    if instrument.kind != InstrumentKind.LIKERT:
        raise SurveyError("butir tambahan hanya untuk instrumen Likert / extra items need a Likert instrument")
    if value_code not in VALUE_CODES:
        raise SurveyError("pilih nilai BerAKHLAK / choose a BerAKHLAK value")
    text_id = text_id.strip()
    if not text_id:
        raise SurveyError("teks butir wajib diisi / the item text is required")
    n = instrument.items.filter(section=Section.EXTRA).count() + 1
    code = f"X{n:02d}"
    while instrument.items.filter(code=code).exists():
        n += 1
        code = f"X{n:02d}"
    item = Item.objects.create(instrument=instrument, code=code, section=Section.EXTRA, value_code=value_code,
                               text_id=text_id, text_en=text_en.strip(), position=100 + n)
    audit_record(actor=actor, action="instrument.item_add", agency=instrument.agency, obj=item,
                 after={"code": code, "value": value_code})
    return item


# --- waves ---------------------------------------------------------------------------------------

@transaction.atomic
def wave_create(*, actor, agency: Agency, code: str, title: str, instrument: Instrument, opens_on: date,
                closes_on: date, anonymous: bool = True, min_group: int = 5, min_group_comments: int = 10) -> Wave:
    code = code.strip()
    if not code:
        raise SurveyError("kode gelombang wajib diisi / the wave code is required")
    if Wave.objects.filter(agency=agency, code=code).exists():
        raise SurveyError(f"gelombang {code} sudah ada / wave {code} already exists")
    if instrument.agency_id not in (None, agency.pk):
        raise SurveyError("instrumen milik instansi lain / the instrument belongs to another agency")
    if closes_on < opens_on:
        raise SurveyError("tanggal tutup sebelum tanggal buka / the close date is before the open date")
    if min_group < 3:
        raise SurveyError("kelompok minimum paling sedikit 3 / the minimum group is at least 3")
    if min_group_comments < min_group:
        raise SurveyError("kelompok minimum komentar tidak boleh lebih kecil dari kelompok minimum / "
                          "the comment threshold cannot be below the minimum group")
    wave = Wave.objects.create(agency=agency, code=code, title=title.strip() or code, instrument=instrument,
                               opens_on=opens_on, closes_on=closes_on, anonymous=anonymous, min_group=min_group,
                               min_group_comments=min_group_comments, secret=secrets.token_hex(32))
    audit_record(actor=actor, action="wave.create", agency=agency, obj=wave,
                 after={"code": code, "instrument": instrument.pk, "anonymous": anonymous})
    return wave


@transaction.atomic
def wave_launch(*, actor, wave: Wave, send: bool = True) -> int:
    """Open the wave: freeze its population (every active employee with their unit and position at
    this moment) in one INSERT … SELECT, each with the unit their answers will be recorded under
    (``rules.record_units``), prepare the ballot slips of each unit's members without e-mail, then queue
    the invitations. Returns the population size."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.DRAFT:
        raise SurveyError("gelombang sudah dibuka / the wave was already launched")
    tree = dict(Unit.objects.filter(agency_id=wave.agency_id).values_list("id", "parent_id"))
    population = dict(Employee.objects.filter(agency_id=wave.agency_id, is_active=True).values("unit_id")
                      .annotate(n=Count("id")).values_list("unit_id", "n"))
    if not population:
        raise SurveyError("instansi belum punya pegawai aktif / the agency has no active employees")
    record = rules.record_units(tree, population, wave.min_group)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE tmp_record_unit (unit_id bigint PRIMARY KEY, record_unit_id bigint)")
        try:
            load_rows(cursor, "tmp_record_unit", ["unit_id", "record_unit_id"], sorted(record.items()))
            cursor.execute(
                """
                INSERT INTO surveys_wavemember (wave_id, employee_id, unit_id, record_unit_id, position_name,
                                                position_kind, has_email)
                SELECT %s, e.id, e.unit_id, r.record_unit_id, COALESCE(p.name, ''), COALESCE(p.kind, ''),
                       e.email <> ''
                FROM org_employee e JOIN tmp_record_unit r ON r.unit_id = e.unit_id
                LEFT JOIN org_position p ON p.id = e.position_id
                WHERE e.agency_id = %s AND e.is_active = %s
                """,
                [wave.pk, wave.agency_id, True],
            )
            size = cursor.rowcount
        finally:
            cursor.execute("DROP TABLE tmp_record_unit")
        cursor.execute(
            """
            INSERT INTO surveys_ballotunit (wave_id, unit_id, record_unit_id, eligible, used, printing)
            SELECT wave_id, unit_id, MIN(record_unit_id), COUNT(*), 0, 0 FROM surveys_wavemember
            WHERE wave_id = %s AND has_email = %s GROUP BY wave_id, unit_id
            """,
            [wave.pk, False],
        )
    wave.status = WaveStatus.OPEN
    wave.launched_at = timezone.now()
    wave.save(update_fields=["status", "launched_at"])
    audit_record(actor=actor, action="wave.launch", agency=wave.agency, obj=wave, after={"population": size})
    if send:
        from berakhlak.surveys.tasks import send_invitations

        transaction.on_commit(lambda: send_invitations.enqueue(wave.pk, False))
    return size


@transaction.atomic
def wave_close(*, actor, wave: Wave, compute: bool = True) -> Wave:
    """Close the wave, wipe unsent drafts, void unused ballot slips, and queue the index run."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise SurveyError("hanya gelombang yang dibuka dapat ditutup / only an open wave can be closed")
    wave.status = WaveStatus.CLOSED
    wave.closed_at = timezone.now()
    wave.save(update_fields=["status", "closed_at"])
    Draft.objects.filter(wave=wave).delete()  # unsent answers are wiped
    Ballot.objects.filter(ballot_unit__wave=wave).delete()  # unused slips are void
    audit_record(actor=actor, action="wave.close", agency=wave.agency, obj=wave)
    if compute:
        from berakhlak.surveys.tasks import compute_index

        transaction.on_commit(lambda: compute_index.enqueue(wave.pk))
    return wave


def invitation_token(wave: Wave, member_id: int) -> str:
    return invitations.member_token(wave, member_id)


def invitation_url(wave: Wave, member_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", args=[invitation_token(wave, member_id)])


def invitations_send(*, wave_id: int, reminder: bool = False, batch: int = 500) -> int:
    """E-mail each invited person (with an address) their personal link. The first sending goes to those
    not yet invited; a reminder goes only to those who have not answered, which only this code can tell
    (``invitations.spent_member_ids``, with the secret): nothing about it is written on the members. HR
    learns how many messages were sent, never to whom. Returns that number."""
    wave = Wave.objects.select_related("agency").get(pk=wave_id)
    if wave.status != WaveStatus.OPEN:
        return 0
    members = WaveMember.objects.filter(wave=wave, has_email=True).exclude(employee__email="")
    if not reminder:
        members = members.filter(invited_on__isnull=True)
    rows = list(members.values_list("pk", "employee__name", "employee__email").order_by("pk"))
    if reminder:
        answered = invitations.spent_member_ids(wave, (pk for pk, _, _ in rows))
        rows = [r for r in rows if r[0] not in answered]
    subject = (f"Pengingat: {wave.title}" if reminder else f"Undangan: {wave.title}")
    today = timezone.localdate()
    mail = get_connection()
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        mail.send_messages([EmailMessage(subject, _invitation_body(wave, name, invitation_url(wave, pk), reminder),
                                         settings.DEFAULT_FROM_EMAIL, [email]) for pk, name, email in chunk])
        if not reminder:
            WaveMember.objects.filter(pk__in=[pk for pk, _, _ in chunk]).update(invited_on=today)
    if reminder:
        Wave.objects.filter(pk=wave.pk).update(reminders_sent=models.F("reminders_sent") + len(rows), reminded_on=today)
        audit_record(actor=None, action="wave.remind", agency=wave.agency, obj=wave, after={"sent": len(rows)})
    return len(rows)


def _invitation_body(wave: Wave, name: str, url: str, reminder: bool) -> str:
    anonymous = ("Jawaban Anda anonim: tidak ada yang dapat mengaitkan jawaban dengan nama Anda."
                 if wave.anonymous else "Survei ini tidak anonim: jawaban Anda tercatat dengan nama Anda.")
    intro = "Anda belum mengisi survei berikut." if reminder else "Anda diundang mengisi survei berikut."
    return (f"Yth. {name},\n\n{intro}\n\n{wave.title} ({wave.agency.name})\n"
            f"Dibuka sampai {wave.closes_on:%d-%m-%Y}.\n\nTautan pribadi Anda (jangan dibagikan):\n{url}\n\n"
            f"{anonymous}\n\n— Tim Budaya Kerja {wave.agency.code}\n")


# --- answering -----------------------------------------------------------------------------------

def credential_for(token: str) -> Credential | None:
    """What a personal link or a ballot code opens, or ``None`` (see ``invitations.credential_for``)."""
    return invitations.credential_for(token)


def draft_get(credential: Credential) -> dict:
    """The answers saved so far under a link or ballot (empty when none), decrypted with its token."""
    blob = Draft.objects.filter(key=credential.draft_key).values_list("blob", flat=True).first()
    return anonymity.unseal(credential.token, blob) or {}


def is_spent(credential: Credential) -> bool:
    return invitations.spent(credential)


@transaction.atomic
def draft_save(*, credential: Credential, answers: dict | None = None, picks: dict | None = None,
               comment: str | None = None) -> dict:
    """Merge one page's answers into the draft of a link or ballot (save and resume). The draft row is
    keyed by a keyed hash and holds one encrypted blob: it names nobody, and no person row is touched."""
    wave = Wave.objects.only("status").get(pk=credential.wave.pk)
    if wave.status != WaveStatus.OPEN or is_spent(credential):
        raise SurveyError("undangan ini sudah dipakai atau survei ditutup / this invitation is spent or the survey closed")
    row = Draft.objects.select_for_update().filter(key=credential.draft_key).first()
    draft = (anonymity.unseal(credential.token, row.blob) if row else None) or {}
    draft.setdefault("answers", {}).update(answers or {})
    draft.setdefault("picks", {}).update(picks or {})
    draft.setdefault("comment", "")
    if comment is not None:
        draft["comment"] = comment
    blob = anonymity.seal(credential.token, draft)
    if row is None:
        Draft.objects.update_or_create(key=credential.draft_key, defaults={"wave_id": credential.wave.pk, "blob": blob})
    else:
        row.blob = blob
        row.save(update_fields=["blob"])
    return draft


@dataclass
class Submission:
    stored: bool  # False: the link or ballot had already been spent (a double submission)


def _lock_wave_shared(wave_id: int) -> str:
    """The wave's status, holding a share lock on its row till the end of the transaction (PostgreSQL):
    a close (``FOR UPDATE``) waits for the submissions under way, submissions do not wait for each other.
    On SQLite writers are serialised anyway. The wave row names nobody."""
    with connection.cursor() as cursor:
        lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
        cursor.execute(f"SELECT status FROM surveys_wave WHERE id = %s{lock}", [wave_id])
        return cursor.fetchone()[0]


def _spend(credential: Credential) -> bool:
    """Spend a link or ballot exactly once (False when it was already spent): a conditional write keyed
    by its keyed hash, never a write to a row that names a person."""
    with connection.cursor() as cursor:
        if credential.is_ballot:
            cursor.execute("DELETE FROM surveys_ballot WHERE key = %s", [credential.ballot_key])
            if cursor.rowcount != 1:
                return False
            cursor.execute("UPDATE surveys_ballotunit SET used = used + 1 WHERE id = %s AND used < eligible",
                           [credential.ballot_unit_id])
            if cursor.rowcount != 1:
                raise SurveyError("semua kertas suara unit ini sudah terpakai / every ballot of this unit has been used")
            return True
        cursor.execute("INSERT INTO surveys_spent (wave_id, key) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                       [credential.wave.pk, credential.spent_key])
        return cursor.rowcount == 1


@transaction.atomic
def response_submit(*, credential: Credential, pages: list[rules.Page]) -> Submission:
    """Store the draft as a response and spend the link or ballot, in one transaction.

    What is written: the ``Spent`` record (or the ballot's deletion), the response under the record unit
    with today's date, its extra answers and picks, the comment in its own table, and the draft's deletion.
    Every one of them is keyed by keyed hashes or names no one: no row that names a person is inserted,
    updated, locked or deleted (DESIGN.md "Anonymity"). A second submission stores nothing."""
    status = _lock_wave_shared(credential.wave.pk)
    if status != WaveStatus.OPEN:
        raise SurveyError("survei sudah ditutup / the survey is closed")
    # spend first: a concurrent twin waits here for the first one's commit, then finds the key taken
    if not _spend(credential):
        return Submission(stored=False)
    draft = draft_get(credential)
    if rules.missing_pages(pages, draft):
        raise SurveyError("masih ada halaman yang belum lengkap / some pages are not complete")  # rolls back
    wave = credential.wave
    answers = draft.get("answers", {})
    today = timezone.localdate()
    response = Response.objects.create(
        wave_id=wave.pk, unit_id=credential.record_unit_id, submitted_on=today, source=Source.WEB,
        member_id=credential.member_id, **{code.lower(): answers.get(code) for code in BEHAVIOUR_CODES})
    items = dict(Item.objects.filter(instrument_id=wave.instrument_id).values_list("code", "pk"))
    ExtraAnswer.objects.bulk_create([ExtraAnswer(response=response, item_id=items[code], value=v)
                                     for code, v in answers.items() if code not in BEHAVIOUR_CODES and code in items])
    SelectionPick.objects.bulk_create([
        SelectionPick(response=response, question=q, item_id=items[code])
        for q, codes in draft.get("picks", {}).items() if q in Question.values for code in codes if code in items])
    comment = (draft.get("comment") or "").strip()
    if comment and wave.instrument.include_comment:
        Comment.objects.create(wave_id=wave.pk, unit_id=credential.record_unit_id, text=comment[:rules.COMMENT_MAX],
                               submitted_on=today)
    Draft.objects.filter(key=credential.draft_key).delete()
    return Submission(stored=True)


# --- ballots (staff without e-mail) -------------------------------------------------------------------

@dataclass
class BallotSlips:
    ballot_unit: BallotUnit
    codes: list[str]


@transaction.atomic
def ballots_print(*, actor, wave: Wave, unit: Unit) -> BallotSlips:
    """Print (again) the ballot slips of one unit: as many new one-time codes as its members without
    e-mail, each stored only as a keyed hash; every unused code printed before is void. The codes are
    returned once, to be printed; they cannot be shown again. The audit records the printing, not a count."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise SurveyError("kertas suara hanya untuk survei yang dibuka / ballots are for an open survey")
    bu = BallotUnit.objects.select_for_update().filter(wave=wave, unit=unit).first()
    if bu is None:
        raise SurveyError("semua pegawai unit ini memiliki surel / everyone in this unit has an e-mail address")
    Ballot.objects.filter(ballot_unit=bu).delete()
    by_key: dict[str, str] = {}
    while len(by_key) < bu.eligible:  # one query per round, not per code; a collision only costs a new round
        fresh = {invitations.ballot_key(c): c for c in (anonymity.random_code() for _ in range(bu.eligible - len(by_key)))}
        taken = set(Ballot.objects.filter(key__in=list(fresh)).values_list("key", flat=True))
        by_key.update((k, c) for k, c in fresh.items() if k not in taken)
    codes = list(by_key.values())
    Ballot.objects.bulk_create([Ballot(ballot_unit=bu, key=k) for k in by_key])
    bu.printing += 1
    bu.save(update_fields=["printing"])
    audit_record(actor=actor, action="wave.ballots_print", agency=wave.agency, obj=wave,
                 after={"unit": unit.code, "printing": bu.printing})
    return BallotSlips(ballot_unit=bu, codes=codes)


# --- import of answers collected elsewhere -----------------------------------------------------

@dataclass
class ResponsesImportResult:
    wave: str
    agency: str
    total: int
    created: int
    updated: int
    wave_created: bool


def responses_import(*, source: str | Path | BinaryIO, agency: Agency, wave_code: str, filename: str | None = None,
                     scale: tuple[int, int] | None = None, actor=None) -> ResponsesImportResult:
    """Load Likert answers (``respondent,unit_kode,BP1…KL3``) into a wave, creating a closed, anonymous
    wave of the built-in BerAKHLAK Likert instrument when it is missing. All-or-nothing; re-running the
    same file changes nothing (upsert by respondent)."""
    table = open_import_table(source, filename, str(source))
    wave = Wave.objects.select_related("instrument").filter(agency=agency, code=wave_code).first()
    if wave is not None:
        if wave.instrument.kind != InstrumentKind.LIKERT:
            raise ImportRejected([Problem(table.name, 0, "-", "gelombang ini bukan instrumen Likert / not a Likert wave")])
        if scale and tuple(scale) != wave.scale:
            raise ImportRejected([Problem(table.name, 0, "--scale",
                                          f"gelombang {wave_code} memakai skala {wave.scale[0]}-{wave.scale[1]} / "
                                          f"the wave uses {wave.scale[0]}-{wave.scale[1]}")])
        use_scale = wave.scale
    else:
        use_scale = tuple(scale or (1, 5))
    unit_ids = dict(Unit.objects.filter(agency=agency).values_list("code", "id"))
    rows, problems = check_responses(table.name, table.header, table.rows, unit_ids=unit_ids, scale=use_scale)
    problems = import_problems(table, problems)
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([Problem(table.name, 2, "-", "berkas tidak berisi jawaban / the file holds no answers")])
    columns = ["respondent_ref", "unit_id", *(c.lower() for c in BEHAVIOUR_CODES)]
    with transaction.atomic():
        wave_created = wave is None
        if wave is None:
            instrument = instrument_builtin(InstrumentKind.LIKERT, use_scale)
            today = timezone.localdate()
            wave = Wave.objects.create(agency=agency, code=wave_code, title=f"Survei Budaya Kerja {wave_code}",
                                       instrument=instrument, opens_on=today, closes_on=today, anonymous=True,
                                       status=WaveStatus.CLOSED, closed_at=timezone.now(),
                                       secret=secrets.token_hex(32))
        before = Response.objects.filter(wave=wave).exclude(respondent_ref="").count()
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE tmp_survey_rows (respondent_ref varchar(64), unit_id bigint, "
                           + ", ".join(f"{c.lower()} smallint" for c in BEHAVIOUR_CODES) + ")")
            try:
                load_rows(cursor, "tmp_survey_rows", columns, rows)
                sets = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
                cursor.execute(
                    f"""
                    INSERT INTO surveys_response (wave_id, submitted_on, source, {', '.join(columns)})
                    SELECT %s, %s, %s, {', '.join(columns)} FROM tmp_survey_rows WHERE true
                    ON CONFLICT (wave_id, respondent_ref) WHERE NOT (respondent_ref = '') DO UPDATE SET {sets}
                    """,
                    [wave.pk, wave.closes_on, Source.IMPORT],
                )
            finally:
                cursor.execute("DROP TABLE tmp_survey_rows")
        after = Response.objects.filter(wave=wave).exclude(respondent_ref="").count()
        audit_record(actor=actor, action="survey.import_responses", agency=agency, obj=wave,
                     after={"rows": len(rows), "created": after - before, "file": table.name})
    return ResponsesImportResult(wave=wave.code, agency=agency.code, total=len(rows), created=after - before,
                                 updated=len(rows) - (after - before), wave_created=wave_created)
