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
from django.core.mail import get_connection, EmailMessage
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.audit.services import audit_record
from berakhlak.lib.db import load_rows
from berakhlak.org.checks import Problem
from berakhlak.org.models import Agency, Unit
from berakhlak.org.services import ImportRejected, import_problems, open_import_table
from berakhlak.surveys import rules
from berakhlak.surveys.checks import check_responses
from berakhlak.surveys.models import (
    Comment, ExtraAnswer, Instrument, InstrumentKind, Item, Question, Response, Section, SelectionPick, Source, Wave,
    WaveMember, WaveStatus,
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
    if value_code not in rules.VALUE_CODES:
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
    this moment) in one INSERT … SELECT, then queue the invitations. Returns the population size."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.DRAFT:
        raise SurveyError("gelombang sudah dibuka / the wave was already launched")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO surveys_wavemember (wave_id, employee_id, unit_id, position_name, position_kind,
                                            answered, reminders)
            SELECT %s, e.id, e.unit_id, COALESCE(p.name, ''), COALESCE(p.kind, ''), %s, 0
            FROM org_employee e LEFT JOIN org_position p ON p.id = e.position_id
            WHERE e.agency_id = %s AND e.is_active = %s
            """,
            [wave.pk, False, wave.agency_id, True],
        )
        population = cursor.rowcount
    if population == 0:
        raise SurveyError("instansi belum punya pegawai aktif / the agency has no active employees")
    wave.status = WaveStatus.OPEN
    wave.launched_at = timezone.now()
    wave.save(update_fields=["status", "launched_at"])
    audit_record(actor=actor, action="wave.launch", agency=wave.agency, obj=wave, after={"population": population})
    if send:
        from berakhlak.surveys.tasks import send_invitations

        transaction.on_commit(lambda: send_invitations.enqueue(wave.pk, False))
    return population


@transaction.atomic
def wave_close(*, actor, wave: Wave, compute: bool = True) -> Wave:
    """Close the wave, wipe unsent drafts, and queue the index run."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    if wave.status != WaveStatus.OPEN:
        raise SurveyError("hanya gelombang yang dibuka dapat ditutup / only an open wave can be closed")
    wave.status = WaveStatus.CLOSED
    wave.closed_at = timezone.now()
    wave.save(update_fields=["status", "closed_at"])
    WaveMember.objects.filter(wave=wave, draft__isnull=False).update(draft=None)
    audit_record(actor=actor, action="wave.close", agency=wave.agency, obj=wave)
    if compute:
        from berakhlak.surveys.tasks import compute_index

        transaction.on_commit(lambda: compute_index.enqueue(wave.pk))
    return wave


def invitation_token(wave: Wave, member_id: int) -> str:
    return rules.token_sign(wave.secret, wave.pk, member_id)


def invitation_url(wave: Wave, member_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", args=[invitation_token(wave, member_id)])


def invitations_send(*, wave_id: int, reminder: bool = False, batch: int = 500) -> int:
    """E-mail each invited person (with an address) their personal link; a reminder goes only to those
    who have not answered. Returns the number of messages sent."""
    wave = Wave.objects.select_related("agency").get(pk=wave_id)
    if wave.status != WaveStatus.OPEN:
        return 0
    members = WaveMember.objects.filter(wave=wave).exclude(employee__email="")
    if reminder:
        members = members.filter(answered=False)
    else:
        members = members.filter(invited_on__isnull=True)
    subject = (f"Pengingat: {wave.title}" if reminder else f"Undangan: {wave.title}")
    sent = 0
    today = timezone.localdate()
    mail = get_connection()
    rows = members.values_list("pk", "employee__name", "employee__email").order_by("pk")
    chunk: list[tuple[int, str, str]] = []

    def flush():
        nonlocal sent
        messages = [EmailMessage(subject, _invitation_body(wave, name, invitation_url(wave, pk), reminder),
                                 settings.DEFAULT_FROM_EMAIL, [email]) for pk, name, email in chunk]
        mail.send_messages(messages)
        ids = [pk for pk, _, _ in chunk]
        if reminder:
            WaveMember.objects.filter(pk__in=ids).update(reminded_on=today, reminders=F("reminders") + 1)
        else:
            WaveMember.objects.filter(pk__in=ids).update(invited_on=today)
        sent += len(chunk)
        chunk.clear()

    for row in rows.iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    return sent


def _invitation_body(wave: Wave, name: str, url: str, reminder: bool) -> str:
    anonymous = ("Jawaban Anda anonim: tidak ada yang dapat mengaitkan jawaban dengan nama Anda."
                 if wave.anonymous else "Survei ini tidak anonim: jawaban Anda tercatat dengan nama Anda.")
    intro = "Anda belum mengisi survei berikut." if reminder else "Anda diundang mengisi survei berikut."
    return (f"Yth. {name},\n\n{intro}\n\n{wave.title} ({wave.agency.name})\n"
            f"Dibuka sampai {wave.closes_on:%d-%m-%Y}.\n\nTautan pribadi Anda (jangan dibagikan):\n{url}\n\n"
            f"{anonymous}\n\n— Tim Budaya Kerja {wave.agency.code}\n")


# --- answering -----------------------------------------------------------------------------------

def member_for_token(token: str) -> WaveMember | None:
    """The invitation a token belongs to, or ``None`` (malformed, forged, unknown)."""
    member_id = rules.token_member_id(token)
    if member_id is None:
        return None
    member = (WaveMember.objects.select_related("wave", "wave__instrument", "wave__agency")
              .filter(pk=member_id).first())
    if member is None or not rules.token_valid(member.wave.secret, member.wave_id, token):
        return None
    return member


@transaction.atomic
def draft_save(*, member_id: int, answers: dict | None = None, picks: dict | None = None,
               comment: str | None = None) -> dict:
    """Merge one page's answers into the invitation's draft (save and resume)."""
    member = WaveMember.objects.select_for_update().select_related("wave").get(pk=member_id)
    if member.answered or member.wave.status != WaveStatus.OPEN:
        raise SurveyError("undangan ini sudah dipakai atau survei ditutup / this invitation is spent or the survey closed")
    draft = member.draft or {"answers": {}, "picks": {}, "comment": ""}
    draft.setdefault("answers", {}).update(answers or {})
    draft.setdefault("picks", {}).update(picks or {})
    if comment is not None:
        draft["comment"] = comment
    member.draft = draft
    member.save(update_fields=["draft"])
    return draft


@dataclass
class Submission:
    stored: bool  # False: the invitation had already been spent (a double submission)


@transaction.atomic
def response_submit(*, member_id: int, pages: list[rules.Page]) -> Submission:
    """Store the draft as a response and spend the invitation, in one transaction.

    The response gets the snapshot unit and today's date, nothing else about the person (anonymous
    waves); the comment goes to its own table. A second submission finds the invitation spent and
    stores nothing."""
    # Lock the invitation and its wave (a close waits for the submissions under way), not the instrument:
    # a built-in instrument is shared by every wave, and locking its row made all submissions of all
    # agencies wait for each other (and for any index run, which locks it too).
    member = (WaveMember.objects.select_for_update(of=("self", "wave")).select_related("wave", "wave__instrument")
              .get(pk=member_id))
    wave = member.wave
    if member.answered:
        return Submission(stored=False)
    if wave.status != WaveStatus.OPEN:
        raise SurveyError("survei sudah ditutup / the survey is closed")
    draft = member.draft or {}
    if rules.missing_pages(pages, draft):
        raise SurveyError("masih ada halaman yang belum lengkap / some pages are not complete")
    answers = draft.get("answers", {})
    today = timezone.localdate()
    response = Response.objects.create(
        wave=wave, unit_id=member.unit_id, submitted_on=today, source=Source.WEB,
        member=None if wave.anonymous else member,
        **{code.lower(): answers.get(code) for code in BEHAVIOUR_CODES})
    items = dict(wave.instrument.items.values_list("code", "pk"))
    extra = [ExtraAnswer(response=response, item_id=items[code], value=v) for code, v in answers.items()
             if code not in BEHAVIOUR_CODES and code in items]
    ExtraAnswer.objects.bulk_create(extra)
    picks = [SelectionPick(response=response, question=q, item_id=items[code])
             for q, codes in draft.get("picks", {}).items() if q in Question.values for code in codes if code in items]
    SelectionPick.objects.bulk_create(picks)
    comment = (draft.get("comment") or "").strip()
    if comment and wave.instrument.include_comment:
        Comment.objects.create(wave=wave, unit_id=member.unit_id, text=comment[:rules.COMMENT_MAX], submitted_on=today)
    member.answered = True
    member.draft = None
    member.save(update_fields=["answered", "draft"])
    return Submission(stored=True)


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
