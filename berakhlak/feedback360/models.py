"""The 360-degree BerAKHLAK behaviour assessment (penilaian 360 derajat): cycles with their item set and
settings, the participants (a snapshot of unit and superior), who rates whom (assignments, nominated
and approved), save-and-resume drafts, the submitted sheets and comments, and the stored results.

Anonymity (``docs/architecture.md``, "360"; ``docs/anonymity.md``): sending a peer, cross-unit or
subordinate form inserts, updates, locks or deletes **no row that names a person**. A submitted ``Sheet``
holds the rated employee, the relationship and the answers: no rater column, no time, a random primary
key. The rater's ``Draft`` and the ``Spent`` record that makes sending exactly-once are keyed by keyed
hashes of the assignment (``feedback360.keys``, under a secret that is not in the database), hold no
assignment id and no time, and the draft's answers are encrypted. The ``Assignment`` of an anonymous
relationship never changes when its form is sent: who has sent is known only to code holding the secret
(the rater's inbox, the reminders). The superior's and the self ratings are named by design: their
assignment is marked ``SUBMITTED``. The rules are ``berakhlak.feedback360.rules`` (pure).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.feedback360 import rules


class CycleStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draf")
    OPEN = "OPEN", _("Berjalan")
    CLOSED = "CLOSED", _("Ditutup")


class Relationship(models.TextChoices):
    SELF = rules.SELF, _("Diri sendiri")
    SUPERIOR = rules.SUPERIOR, _("Atasan langsung")
    PEER = rules.PEER, _("Rekan kerja satu unit")
    CROSS = rules.CROSS, _("Rekan kerja lintas unit")
    SUBORDINATE = rules.SUBORDINATE, _("Bawahan")


class Group(models.TextChoices):
    """The groups a result is reported under (``rules.group_raters``), and the weighted score."""

    ALL = rules.ALL, _("Skor tertimbang (semua penilai selain diri sendiri)")
    SELF = rules.SELF, _("Diri sendiri")
    SUPERIOR = rules.SUPERIOR, _("Atasan langsung")
    PEER = rules.PEER, _("Rekan kerja satu unit")
    CROSS = rules.CROSS, _("Rekan kerja lintas unit")
    SUBORDINATE = rules.SUBORDINATE, _("Bawahan")
    OTHERS = rules.OTHERS, _("Penilai lain (gabungan)")


class NominationState(models.TextChoices):
    DRAFT = rules.DRAFT, _("Draf usulan")
    SUBMITTED = rules.SUBMITTED, _("Diajukan ke atasan")
    RETURNED = rules.RETURNED, _("Dikembalikan")
    APPROVED = rules.APPROVED, _("Disetujui")


class AssignmentStatus(models.TextChoices):
    """``SUBMITTED`` is only ever set on the named relationships (self, superior): an anonymous
    relationship's assignment stays ``OPEN`` once its form is sent (``Spent`` knows, under a keyed hash)."""

    NOMINATED = "NOMINATED", _("Diusulkan")
    OPEN = "OPEN", _("Belum diisi")
    SUBMITTED = "SUBMITTED", _("Terkirim")
    DECLINED = "DECLINED", _("Ditolak")


class AssignmentSource(models.TextChoices):
    PROPOSED = "PROPOSED", _("Usulan sistem")
    NOMINATED = "NOMINATED", _("Dipilih pegawai")
    ADDED = "ADDED", _("Ditambahkan atasan/SDM")


#: Why the keys of ``Draft``, ``Spent`` and ``Sheet`` to the cycle and the employee rated are not foreign-key
#: constraints in the database (``db_constraint=False``): PostgreSQL checks a foreign key on insert by
#: locking the referenced row (``SELECT … FOR KEY SHARE``), which writes the inserting transaction's id into
#: that row's ``xmax``. The cycle row names its creator and the employee row is a person: sending a form
#: would then lock rows naming people, and the attack test (``tests/feedback360/test_db_reader_attack.py``)
#: sees them change. The services write these keys from a row they have just read; deleting a cycle or an
#: employee still cascades or is refused through Django (``on_delete``), as before.
NO_LOCK = "db_constraint=False"


def _range(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=(Q(**{f"{field}__gte": 1}) & Q(**{f"{field}__lte": 5}))
                                  | Q(**{f"{field}__isnull": True}), name=name)


class Cycle(models.Model):
    """One 360 assessment of an agency (e.g. "360-2025"), with its settings (``rules`` defaults)."""

    agency = models.ForeignKey("org.Agency", verbose_name=_("instansi"), on_delete=models.PROTECT,
                               related_name="cycles360")
    code = models.CharField(_("kode"), max_length=32)
    name = models.CharField(_("nama"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun SKP yang didukung"))
    framework_version = models.ForeignKey("framework.FrameworkVersion", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=CycleStatus.choices, default=CycleStatus.DRAFT)
    deadline = models.DateField(_("batas waktu"))
    seed = models.PositiveIntegerField(_("benih usulan penilai"), default=0)
    locals().update({f"quota_{r.lower()}": models.PositiveSmallIntegerField(default=rules.DEFAULT_QUOTAS[r])
                     for r in rules.RELATIONSHIPS})
    locals().update({f"weight_{r.lower()}": models.PositiveSmallIntegerField(default=rules.DEFAULT_WEIGHTS[r])
                     for r in rules.RELATIONSHIPS})
    min_raters = models.PositiveSmallIntegerField(_("minimum penilai per kelompok"), default=rules.DEFAULT_MIN_RATERS)
    min_group = models.PositiveSmallIntegerField(_("minimum pegawai per unit"), default=5)
    max_forms = models.PositiveSmallIntegerField(_("batas formulir per penilai"), default=rules.DEFAULT_MAX_FORMS)
    suggest_above = models.DecimalField(_("ambang Di Atas Ekspektasi"), max_digits=3, decimal_places=2, default=4)
    suggest_floor = models.DecimalField(_("nilai terendah untuk Di Atas"), max_digits=3, decimal_places=2, default=3)
    suggest_below = models.DecimalField(_("ambang Di Bawah Ekspektasi"), max_digits=3, decimal_places=2, default=3)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    key_check = models.CharField(max_length=64, blank=True, editable=False)  # keys.cycle_check, set at opening
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("siklus 360")
        verbose_name_plural = _("siklus 360")
        ordering = ["-year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="f360_cycle_code_unique"),
            models.CheckConstraint(condition=Q(min_raters__gte=rules.MIN_RATERS_FLOOR) & Q(min_raters__lte=10),
                                   name="f360_cycle_min_raters_at_least_3"),
            models.CheckConstraint(condition=Q(max_forms__gte=1), name="f360_cycle_max_forms"),
            models.CheckConstraint(condition=Q(weight_self=0), name="f360_cycle_self_weight_zero"),
            models.CheckConstraint(condition=Q(quota_self__lte=1) & Q(quota_superior__lte=1),
                                   name="f360_cycle_one_self_one_superior"),
            models.CheckConstraint(condition=Q(suggest_below__lte=models.F("suggest_above")),
                                   name="f360_cycle_thresholds_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def quotas(self) -> dict[str, int]:
        return {r: getattr(self, f"quota_{r.lower()}") for r in rules.RELATIONSHIPS}

    @property
    def weights(self) -> dict[str, int]:
        return {r: getattr(self, f"weight_{r.lower()}") for r in rules.RELATIONSHIPS}

    @property
    def suggestion_rule(self) -> rules.SuggestionRule:
        return rules.SuggestionRule(above=float(self.suggest_above), floor=float(self.suggest_floor),
                                    below=float(self.suggest_below))


class Item(models.Model):
    """One of the 21 behaviours as asked in a cycle, on the anchored 1–5 scale."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("kode"), max_length=3)
    order = models.PositiveSmallIntegerField()
    text_id = models.TextField(_("pernyataan (Indonesia)"))
    text_en = models.TextField(_("pernyataan (Inggris)"), blank=True)

    class Meta:
        ordering = ["cycle", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="f360_item_code_unique"),
            models.CheckConstraint(condition=Q(code__in=BEHAVIOUR_CODES), name="f360_item_code_valid"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def value_code(self) -> str:
        return self.code[:2]


class Anchor(models.Model):
    """The behaviour that a level of the scale stands for, for one item (BARS)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="anchors")
    level = models.PositiveSmallIntegerField()
    text_id = models.CharField(max_length=300)
    text_en = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["item", "level"]
        constraints = [
            models.UniqueConstraint(fields=["item", "level"], name="f360_anchor_level_unique"),
            models.CheckConstraint(condition=Q(level__gte=1) & Q(level__lte=5), name="f360_anchor_level_range"),
        ]


class Participant(models.Model):
    """An employee assessed in a cycle: the unit and superior frozen when the cycle opened, and the state
    of their list of raters (nominations)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="participants")
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="participations360")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    superior = models.ForeignKey("org.Employee", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    nomination = models.CharField(max_length=10, choices=NominationState.choices, default=NominationState.DRAFT)
    return_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "employee"], name="f360_participant_unique")]
        indexes = [models.Index(fields=["cycle", "superior"], name="f360_participant_superior"),
                   models.Index(fields=["cycle", "unit"], name="f360_participant_unit")]


class Assignment(models.Model):
    """``rater`` rates ``ratee`` in a cycle. It never holds answers (see ``Sheet``), nor when or whether
    an anonymous form was sent (see ``Spent``)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assignments")
    ratee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+")
    relationship = models.CharField(max_length=12, choices=Relationship.choices)
    source = models.CharField(max_length=10, choices=AssignmentSource.choices, default=AssignmentSource.PROPOSED)
    status = models.CharField(max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.NOMINATED)
    decline_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "ratee", "rater"], name="f360_assignment_unique"),
            models.CheckConstraint(condition=Q(relationship__in=rules.RELATIONSHIPS), name="f360_assignment_rel_valid"),
            models.CheckConstraint(condition=Q(relationship=rules.SELF, ratee=models.F("rater"))
                                   | (~Q(relationship=rules.SELF) & ~Q(ratee=models.F("rater"))),
                                   name="f360_assignment_self_is_self"),
            models.CheckConstraint(condition=~Q(status="DECLINED") | ~Q(decline_reason=""),
                                   name="f360_assignment_decline_has_reason"),
            models.CheckConstraint(condition=~Q(status="SUBMITTED") | Q(relationship__in=rules.NAMED),
                                   name="f360_assignment_only_named_marked_submitted"),
        ]
        indexes = [models.Index(fields=["cycle", "rater", "status"], name="f360_assignment_inbox"),
                   models.Index(fields=["cycle", "ratee"], name="f360_assignment_ratee")]


class Draft(models.Model):
    """A rater's answers saved before sending (save and resume), as one encrypted blob.

    ``key`` is ``keys.draft_key(cycle, assignment)``: no assignment id, no rater, no answer column, no
    time. ``blob`` is ``lib.anonymity.seal(form key, {"answers", "na", "comments"})``. Deleted when the form
    is sent or declined, and wholesale when the cycle closes."""

    key = models.CharField(primary_key=True, max_length=64)
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="+",
                              db_constraint=False)  # see NO_LOCK
    blob = models.TextField()

    class Meta:
        db_table = "feedback360_draft_sealed"  # not the old ``feedback360_draft``, dropped by migration 0004


class Spent(models.Model):
    """That a form was sent (or declined): ``key`` is ``keys.spent_key(cycle, assignment)``, unique, so a
    form is sent exactly once. Nothing else: no assignment, no rater, no time. Deleted wholesale when the
    cycle closes (after that nothing is answered)."""

    key = models.CharField(primary_key=True, max_length=64)
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="+",
                              db_constraint=False)  # see NO_LOCK

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "key"], name="f360_spent_once")]


class Sheet(models.Model):
    """One submitted form: whom it rates, as what, and the answers (null = "tidak dapat menilai").
    No rater, no time, a random key: nothing joins it to the person who filled it in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="sheets",
                              db_constraint=False)  # see NO_LOCK
    ratee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+",
                              db_constraint=False)  # see NO_LOCK
    relationship = models.CharField(max_length=12, choices=Relationship.choices)
    locals().update({code.lower(): models.SmallIntegerField(null=True, blank=True) for code in BEHAVIOUR_CODES})

    class Meta:
        constraints = [_range(c.lower(), f"f360_sheet_{c.lower()}_range") for c in BEHAVIOUR_CODES]
        indexes = [models.Index(fields=["cycle", "ratee"], name="f360_sheet_ratee")]


class SheetComment(models.Model):
    """The optional comment of a sheet on one core value."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="comments")
    value_code = models.CharField(max_length=2)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sheet", "value_code"], name="f360_comment_unique"),
            models.CheckConstraint(condition=Q(value_code__in=VALUE_CODES), name="f360_comment_value_valid"),
        ]


# --- results (written only by the compute run, which replaces them) -------------------------------------


class Score(models.Model):
    """One result of one employee: a group (or ``ALL``, the weighted score) and a code (behaviour,
    value or ``OVERALL``). ``d1 … d5`` count the answers per level (``ALL`` rows of behaviours)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="scores")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+", db_index=False)
    grp = models.CharField(max_length=12, choices=Group.choices)
    code = models.CharField(max_length=8)
    raters = models.PositiveIntegerField()
    n = models.PositiveIntegerField()
    mean = models.FloatField()
    sd = models.FloatField(null=True)
    d1 = models.PositiveIntegerField(null=True)
    d2 = models.PositiveIntegerField(null=True)
    d3 = models.PositiveIntegerField(null=True)
    d4 = models.PositiveIntegerField(null=True)
    d5 = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "employee", "grp", "code"], name="f360_score_unique")]


class UnitScore(models.Model):
    """A unit with its whole subtree: the mean of its employees' weighted scores (and self-assessments)
    per value and ``OVERALL``; ``suppressed`` under the survey's suppression rule."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="unit_scores")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=8)
    employees = models.PositiveIntegerField()
    mean = models.FloatField(null=True)
    self_mean = models.FloatField(null=True)
    suppressed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit", "code"], name="f360_unitscore_unique"),
            models.CheckConstraint(condition=Q(suppressed=False) | (Q(mean__isnull=True) & Q(self_mean__isnull=True)),
                                   name="f360_unitscore_suppressed_has_no_numbers"),
        ]
