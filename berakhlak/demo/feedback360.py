"""The demo agency's 360-degree BerAKHLAK assessments (``berakhlak.feedback360``): one closed cycle with
results, one running.

What is loaded, once per cycle (a cycle whose code exists is left alone):

- **360-2023** ("Penilaian 360 Derajat 2023", deadline 2023-11-30, so that it informs the SKP 2023
  cycle of ``demo.performance``): created and opened through the services by HR (``sdm``), every list
  approved by HR at once (``services.nominations_approve_pending``), then about 92 % of the open forms
  answered in November 2023 (a few declined with a reason, the rest left unanswered), then closed, which
  computes the results (``Score``, ``UnitScore``). Every form about the demo employee is answered, so
  their report shows a peer group of their own.
- **360-2025** ("Penilaian 360 Derajat 2025", deadline 2025-12-15), running: the demo employee's list is
  still a draft (they can edit and submit it); a few lists of the demo head's direct subordinates are
  submitted and wait for the head's approval (``services.nomination_submit`` as the employee when they
  have a login); every other list is approved. The demo employee has open forms as a rater, one of them
  saved half-way (``services.form_save``: save and resume). About 40 % of the other open forms are
  answered, so HR's tracker shows progress.

The answers are simulated: every employee has a latent level per core value (around 3.85 on the 1–5
scale, Adaptif the weakest, as in the national Indeks BerAKHLAK where Adaptif is the lowest value; the
weighted scores come out around 3.7) and each rater adds a leniency of their own, a halo per form and
noise per item; the self-assessment is about 0.4 higher, the superior a little stricter; "tidak dapat
menilai" (null) now and then, more often for cross-unit peers. Some forms carry short comments.
Everything is seeded.

The bulk (sheets, comments) is written set-based with ``insert_rows`` (the sheet's random key drawn from
the seeded generator, the rows shuffled so that the table's order says nothing about the assignments).
As the services do (``docs/anonymity.md``): every form sent or declined gets its spent record (a keyed
hash, ``feedback360.keys``), only the superior's and the self assignments are marked ``SUBMITTED``, the
anonymous ones stay ``OPEN``, and no day of sending is kept; closing the 2023 cycle deletes its spent
records. One audit row ``demo.feedback360`` per cycle carries the counts; the services leave their own audit
rows (and refresh the planner's statistics of
the tables they fill in bulk). About 8 s of CPU on SQLite, three quarters of it in the
services (the first ``cycle_open`` and the results of ``cycle_close``).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from berakhlak.accounts.models import Role, User
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.audit.services import audit_record
from berakhlak.demo.performance import insert_rows
from berakhlak.feedback360 import keys, rules
from berakhlak.feedback360 import services as f360
from berakhlak.feedback360.models import (
    Assignment,
    AssignmentStatus,
    Cycle,
    NominationState,
    Participant,
    Sheet,
    SheetComment,
    Spent,
)
from berakhlak.org.models import Agency, Employee

CLOSED = ("360-2023", "Penilaian 360 Derajat 2023", 2023, date(2023, 11, 30))
RUNNING = ("360-2025", "Penilaian 360 Derajat 2025", 2025, date(2025, 12, 15))

#: The agency's latent level per value on the 1–5 scale (before the raters' effects): Adaptif clearly the
#: weakest, then Kolaboratif and Kompeten, Akuntabel the strongest, echoing the national Indeks BerAKHLAK
#: 2022 (AD 38.9, KO 56.7, BP 57.9 … AK 74.1). The weighted scores come out about 0.1 lower (the superior
#: weighs 50 and is stricter), around 3.75 overall.
LEVELS = {"BP": 3.90, "AK": 4.05, "KO": 3.80, "HA": 3.90, "LO": 3.95, "AD": 3.50, "KL": 3.85}
#: How much the whole agency moved by 2025 (Adaptif most, after two years of programmes).
GAIN_2025 = {"BP": 0.05, "AK": 0.03, "KO": 0.05, "HA": 0.02, "LO": 0.02, "AD": 0.15, "KL": 0.06}
#: The demo employee's own profile (strong Kompeten and Berorientasi Pelayanan, Adaptif to develop), so
#: that their report has clear strengths and a clear area to work on.
PEGAWAI_LEVELS = {"BP": 4.30, "AK": 4.00, "KO": 4.40, "HA": 4.10, "LO": 4.00, "AD": 3.45, "KL": 3.90}
#: rater effects: shift by relationship (self ≈ +0.4 on average, the superior stricter) and the share of
#: "tidak dapat menilai" per item
SHIFT = {rules.SELF: 0.40, rules.SUPERIOR: -0.15, rules.PEER: 0.05, rules.CROSS: 0.0, rules.SUBORDINATE: 0.05}
CANNOT_JUDGE = {rules.SELF: 0.0, rules.SUPERIOR: 0.01, rules.PEER: 0.02, rules.CROSS: 0.07, rules.SUBORDINATE: 0.04}
PERSON_SD, VALUE_SD, LENIENCY_SD, HALO_SD, NOISE_SD = 0.30, 0.20, 0.20, 0.20, 0.55
#: the share of raters who never answer, and of the forms the others send; declines among the unsent
SILENT, SENDS, DECLINES = 0.03, 0.95, 0.06
COMMENTED = 0.30  # the share of sheets (other than self) with comments

COMMENTS = {  # (good, to develop) per value: who rates writes about the rated employee
    "BP": (("Cepat menanggapi pertanyaan instansi tentang status usul layanan kepegawaian.",
            "Ramah dan sabar saat menjelaskan persyaratan layanan kepada pengguna.",
            "Selalu menindaklanjuti keluhan pengguna layanan sampai tuntas."),
           ("Perlu lebih konsisten memberi kabar perkembangan layanan kepada pengusul.",
            "Kadang menunda balasan surel dari instansi saat pekerjaan menumpuk.")),
    "AK": (("Menyelesaikan tugas tepat waktu dan melaporkan hasilnya dengan jelas.",
            "Rapi mendokumentasikan pekerjaan sehingga mudah ditelusuri.",
            "Menggunakan anggaran dan barang milik negara dengan hemat dan tertib."),
           ("Laporan kegiatan sebaiknya disampaikan lebih tepat waktu.",)),
    "KO": (("Menguasai aturan manajemen ASN dan sering menjadi rujukan rekan satu tim.",
            "Aktif mengikuti pelatihan dan membagikan materinya kepada tim.",
            "Sering membantu rekan baru memahami aplikasi kepegawaian."),
           ("Perlu meningkatkan kemampuan analisis data agar rekomendasinya lebih tajam.",
            "Masih perlu pendampingan untuk tugas yang bersifat teknis.")),
    "HA": (("Menghargai pendapat rekan meskipun berbeda pandangan.",
            "Membangun suasana kerja yang nyaman dan saling menghormati.",
            "Peduli pada rekan yang sedang menghadapi kesulitan."),
           ("Sesekali perlu menyampaikan ketidaksetujuan dengan cara yang lebih santun.",)),
    "LO": (("Menjaga kerahasiaan data pegawai dengan sangat baik.",
            "Menjaga nama baik instansi, di kantor maupun di media sosial.",
            "Tetap berkomitmen menjalankan keputusan pimpinan walau awalnya berbeda pendapat."),
           ("Perlu lebih memahami arah kebijakan instansi dalam menyusun prioritas kerja.",)),
    "AD": (("Cepat menyesuaikan diri saat aplikasi layanan diperbarui.",
            "Berani mengusulkan cara kerja baru yang lebih efisien."),
           ("Masih cenderung bertahan dengan cara kerja lama ketika ada sistem baru.",
            "Perlu lebih proaktif mencari solusi saat prosedur kerja berubah.",
            "Diharapkan lebih terbuka terhadap digitalisasi layanan dan kerja jarak jauh.")),
    "KL": (("Mudah diajak bekerja sama lintas unit dalam kegiatan bersama.",
            "Terbuka berbagi data dan informasi yang dibutuhkan unit lain.",
            "Aktif membantu menyelesaikan pekerjaan tim saat tenggat mendekat."),
           ("Perlu lebih melibatkan rekan dari unit lain sejak awal kegiatan.",)),
}
DECLINE_REASONS = (
    "Jarang berinteraksi langsung dalam pekerjaan sehari-hari.",
    "Baru dipindahkan ke unit ini sehingga belum cukup mengenal cara kerjanya.",
    "Tidak pernah terlibat dalam kegiatan yang sama selama periode penilaian.",
    "Berbeda lokasi kerja (kantor regional), interaksi sangat terbatas.",
    "Sedang menjalani tugas belajar pada sebagian besar periode penilaian.",
)
ITEMS = tuple((code.lower(), code[:2]) for code in BEHAVIOUR_CODES)


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _seed(text: str) -> int:
    return random.Random(text).getrandbits(64)


class _People:
    """Every employee's latent level per value and leniency as a rater (seeded, by employee id)."""

    def __init__(self, agency: Agency, pegawai_id: int | None):
        gen = np.random.default_rng(_seed("demo-360-people"))
        ids = sorted(Employee.objects.filter(agency=agency).values_list("id", flat=True))
        self.index = {eid: i for i, eid in enumerate(ids)}
        n = len(ids)
        self.level = (np.array([LEVELS[v] for v in VALUE_CODES]) + gen.normal(0, PERSON_SD, (n, 1))
                      + gen.normal(0, VALUE_SD, (n, len(VALUE_CODES))))
        self.leniency = gen.normal(0, LENIENCY_SD, n)
        if pegawai_id in self.index:
            self.level[self.index[pegawai_id]] = [PEGAWAI_LEVELS[v] for v in VALUE_CODES]
        self.item_offset = gen.normal(0, 0.08, len(ITEMS))

    def levels(self, eid: int) -> dict[str, float]:
        return dict(zip(VALUE_CODES, self.level[self.index[eid]].tolist()))


ITEM_VALUE = np.array([VALUE_CODES.index(v) for _c, v in ITEMS])


def simulate(gen: np.random.Generator, people: _People, forms: list[tuple[int, int, int, str]],
             gain: dict[str, float]) -> list[list[int | None]]:
    """The answers of ``forms`` (assignment, ratee, rater, relationship): 21 levels 1–5 each, ``None`` for
    "tidak dapat menilai" (never all of them)."""
    n = len(forms)
    ratee = np.fromiter((people.index[f[1]] for f in forms), dtype=np.int64, count=n)
    rater = np.fromiter((people.index[f[2]] for f in forms), dtype=np.int64, count=n)
    shift = (np.fromiter((SHIFT[f[3]] for f in forms), dtype=float, count=n) + people.leniency[rater]
             + gen.normal(0, HALO_SD, n))
    x = (people.level[ratee][:, ITEM_VALUE] + np.array([gain[v] for v in VALUE_CODES])[ITEM_VALUE]
         + people.item_offset + shift[:, None] + gen.normal(0, NOISE_SD, (n, len(ITEMS))))
    answers = np.clip(np.floor(x + 0.5), 1, 5).astype(np.int64).astype(object)
    na = gen.random((n, len(ITEMS))) < np.fromiter((CANNOT_JUDGE[f[3]] for f in forms), dtype=float, count=n)[:, None]
    na[na.all(axis=1), 0] = False
    answers[na] = None
    return answers.tolist()


class _Writer:
    """Sheets and comments of the submitted forms, and the assignments marked, in bulk."""

    def __init__(self, cycle: Cycle, people: _People, rng: random.Random, gain: dict[str, float]):
        self.cycle, self.people, self.rng, self.gain = cycle, people, rng, gain
        self.gen = np.random.default_rng(rng.getrandbits(64))
        self.native_uuid = connection.features.has_native_uuid_field

    def _spend(self, forms: list[tuple[int, int, int, str]]) -> None:
        spent = sorted(keys.spent_key(self.cycle.pk, aid) for aid, *_rest in forms)
        insert_rows(Spent, ("key", "cycle"), [(k, self.cycle.pk) for k in spent])

    def submit(self, forms: list[tuple[int, int, int, str]]) -> tuple[int, int]:
        """``forms``: (assignment id, ratee, rater, relationship). Returns (sheets, comments)."""
        rng, gen = self.rng, self.gen
        answers = simulate(gen, self.people, forms, self.gain)
        commented = gen.random(len(forms)) < COMMENTED
        sheets, comments, named = [], [], []
        for i, (aid, ratee, _rater, rel) in enumerate(forms):
            key = uuid.UUID(int=rng.getrandbits(128))
            pk = key if self.native_uuid else key.hex
            sheets.append((pk, self.cycle.pk, ratee, rel, *answers[i]))
            if commented[i] and rel != rules.SELF:
                for value in rng.sample(VALUE_CODES, rng.choice((1, 1, 2))):
                    mine = [a for a, (_c, v) in zip(answers[i], ITEMS) if v == value and a is not None]
                    good = not mine or sum(mine) / len(mine) >= 4
                    comments.append((pk, value, rng.choice(COMMENTS[value][0 if good else 1])))
            if rel in rules.NAMED:
                named.append(aid)
        rng.shuffle(sheets)  # the table's order says nothing about who answered when
        rng.shuffle(comments)
        insert_rows(Sheet, ("id", "cycle", "ratee", "relationship", *(c for c, _v in ITEMS)), sheets)
        insert_rows(SheetComment, ("sheet", "value_code", "text"), comments)
        self._spend(forms)
        for i in range(0, len(named), 5000):
            Assignment.objects.filter(pk__in=named[i:i + 5000]).update(status=AssignmentStatus.SUBMITTED)
        return len(sheets), len(comments)

    def decline(self, forms: list[tuple[int, int, int, str]]) -> int:
        self._spend(forms)
        by_reason: dict[str, list[int]] = {}
        for aid, *_rest in forms:
            by_reason.setdefault(self.rng.choice(DECLINE_REASONS), []).append(aid)
        for reason, ids in sorted(by_reason.items()):
            Assignment.objects.filter(pk__in=ids).update(status=AssignmentStatus.DECLINED, decline_reason=reason)
        return len(forms)


def _open_forms(cycle: Cycle):
    return list(Assignment.objects.filter(cycle=cycle, status=AssignmentStatus.OPEN).order_by("id")
                .values_list("id", "ratee_id", "rater_id", "relationship"))


def demo_feedback360(agency: Agency, logins: list | None = None) -> dict | None:
    """Load the demo 360 cycles 2023 (closed, with results) and 2025 (running), each once; ``None`` when
    both are there. ``logins``: the demo logins (``demo_users()``), to find HR, the head and the employee."""
    codes = set(Cycle.objects.filter(agency=agency, code__in=(CLOSED[0], RUNNING[0])).values_list("code", flat=True))
    if len(codes) == 2:
        return None
    if logins is None:
        from berakhlak.demo.services import demo_users

        logins = demo_users()
    by_role = {str(login.role): login.username for login in logins}
    hr = User.objects.get(username=by_role.get(str(Role.AGENCY_HR.label), "sdm"))
    head_user = User.objects.filter(username=by_role.get(str(Role.UNIT_HEAD.label), "")).first()
    pegawai_user = User.objects.filter(username=by_role.get("Pegawai", "")).first()
    pegawai = pegawai_user.employee_id if pegawai_user else None
    people = _People(agency, pegawai)
    counts = {}
    if CLOSED[0] not in codes:
        counts[CLOSED[0]] = _closed_cycle(agency, hr, people, pegawai)
    if RUNNING[0] not in codes:
        counts[RUNNING[0]] = _running_cycle(agency, hr, head_user, pegawai_user, people)
    return counts


def _closed_cycle(agency: Agency, hr: User, people: _People, pegawai: int | None) -> dict:
    code, name, year, deadline = CLOSED
    rng = random.Random(f"demo-{code}")
    opened, closed = date(2023, 10, 30), date(2023, 12, 1)
    with transaction.atomic():
        cycle = f360.cycle_create(actor=hr, agency=agency, code=code, name=name, year=year, deadline=deadline)
        participants = f360.cycle_open(actor=hr, cycle=cycle)
        cycle.refresh_from_db()
        f360.nominations_approve_pending(actor=hr, cycle=cycle)
        forms = _open_forms(cycle)
        silent = {r for r in sorted({f[2] for f in forms}) if rng.random() < SILENT} - {pegawai}
        sent, declined = [], []
        for form in forms:
            _aid, ratee, rater, rel = form
            if ratee == pegawai or (rater not in silent and rng.random() < SENDS):
                sent.append(form)
            elif rules.may_decline(rel) and rng.random() < DECLINES:
                declined.append(form)
        writer = _Writer(cycle, people, rng, dict.fromkeys(VALUE_CODES, 0.0))
        sheets, comments = writer.submit(sent)
        n_declined = writer.decline(declined)
        f360.cycle_close(actor=hr, cycle=cycle)
        Participant.objects.filter(cycle=cycle).update(decided_at=_at(opened + timedelta(days=4), 16))
        Cycle.objects.filter(pk=cycle.pk).update(created_at=_at(opened - timedelta(days=14)), opened_at=_at(opened),
                                                 closed_at=_at(closed, 8), computed_at=_at(closed, 8))
        counts = {"participants": participants, "forms": len(forms), "sheets": sheets, "comments": comments,
                  "declined": n_declined, "unanswered": len(forms) - sheets - n_declined}
        audit_record(actor=hr, action="demo.feedback360", agency=agency, obj=cycle, after=counts)
    return counts


def _running_cycle(agency: Agency, hr: User, head_user: User | None, pegawai_user: User | None,
                   people: _People) -> dict:
    code, name, year, deadline = RUNNING
    rng = random.Random(f"demo-{code}")
    opened = date(2025, 11, 10)  # the demo shows the cycle as of 2025-11-28
    pegawai = pegawai_user.employee_id if pegawai_user else None
    head = head_user.employee_id if head_user else None
    with transaction.atomic():
        cycle = f360.cycle_create(actor=hr, agency=agency, code=code, name=name, year=year, deadline=deadline)
        participants = f360.cycle_open(actor=hr, cycle=cycle)
        cycle.refresh_from_db()
        Cycle.objects.filter(pk=cycle.pk).update(created_at=_at(opened - timedelta(days=10)), opened_at=_at(opened))

        # the lists: the demo employee's stays a draft; a few of the head's staff wait for the head
        rated_by_pegawai = set(Assignment.objects.filter(cycle=cycle, rater_id=pegawai).exclude(
            relationship=rules.SELF).values_list("ratee_id", flat=True)) if pegawai else set()
        with_login = set(User.objects.filter(employee__agency=agency).values_list("employee_id", flat=True))
        staff = sorted(Participant.objects.filter(cycle=cycle, superior_id=head).exclude(employee_id=pegawai)
                       .exclude(employee_id__in=rated_by_pegawai).values_list("employee_id", "employee__nip"),
                       key=lambda p: (p[0] not in with_login, p[1])) if head else []
        waiting = [eid for eid, _nip in staff[:3]]
        for eid in waiting:
            p = Participant.objects.select_related("cycle").get(cycle=cycle, employee_id=eid)
            if eid in with_login:
                f360.nomination_submit(actor=User.objects.get(employee_id=eid), participant=p)
            else:
                Participant.objects.filter(pk=p.pk).update(nomination=NominationState.SUBMITTED)
        keep = [*waiting, *([pegawai] if pegawai else [])]
        approved = Participant.objects.filter(cycle=cycle).exclude(employee_id__in=keep).update(
            nomination=NominationState.APPROVED, decided_by=hr, decided_at=_at(opened + timedelta(days=3), 15))
        Assignment.objects.filter(cycle=cycle, status=AssignmentStatus.NOMINATED).exclude(ratee_id__in=keep).update(
            status=AssignmentStatus.OPEN)

        # the demo employee's forms: open, the first saved half-way
        mine = list(Assignment.objects.filter(cycle=cycle, rater_id=pegawai, status=AssignmentStatus.OPEN)
                    .exclude(relationship=rules.SELF).order_by("relationship", "id")) if pegawai else []
        if mine:
            level = people.levels(mine[0].ratee_id)
            f360.form_save(actor=pegawai_user, assignment=mine[0], answers={
                c: min(5, max(1, int(level[c[:2]] + 0.5))) for c in BEHAVIOUR_CODES[:9]},
                comments={"KO": COMMENTS["KO"][0][2]})

        # about 40 % of the other open forms sent, a few declined
        sent, declined = [], []
        for form in _open_forms(cycle):
            if form[2] == pegawai:
                continue
            draw = rng.random()
            if draw < 0.40:
                sent.append(form)
            elif draw < 0.405 and rules.may_decline(form[3]):
                declined.append(form)
        writer = _Writer(cycle, people, rng, GAIN_2025)
        sheets, comments = writer.submit(sent)
        n_declined = writer.decline(declined)
        counts = {"participants": participants, "approved": approved, "waiting": len(waiting),
                  "forms": Assignment.objects.filter(cycle=cycle).exclude(status=AssignmentStatus.NOMINATED).count(),
                  "sheets": sheets, "comments": comments, "declined": n_declined, "pegawai_forms": len(mine)}
        audit_record(actor=hr, action="demo.feedback360", agency=agency, obj=cycle, after=counts)
    return counts
