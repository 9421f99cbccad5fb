"""Culture survey: instruments, waves, the frozen population, answers and computed results.

Anonymity (DESIGN.md "Anonymity", ``docs/anonymity.md``): at submission no row that names a person is
inserted, updated, locked or deleted. ``WaveMember`` (the frozen population, each person's invitation) is
written at launch and never again while the wave runs: it holds no "answered" flag, no draft, no reminder
date. Everything the answering path touches is keyed by a keyed hash of the invitation under a secret kept
outside the database (``berakhlak.lib.anonymity``): the encrypted ``Draft`` and the ``Spent`` record whose
unique key makes a submission happen exactly once. Staff without e-mail answer with anonymous one-time
``Ballot`` codes printed per unit. A ``Response`` is recorded under the member's ``record_unit``: their unit,
or its nearest ancestor whose frozen population reaches ``min_group``; it carries a date, never a time;
free-text comments live in their own table with no link to the answers.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.org.models import Agency, Employee, Unit


class InstrumentKind(models.TextChoices):
    LIKERT = "LIKERT", _("Skala Likert BerAKHLAK")
    SELECTION = "SELECTION", _("Pemilihan perilaku (votes)")


class Section(models.TextChoices):
    BERAKHLAK = "BERAKHLAK", _("Perilaku BerAKHLAK")
    ENGAGEMENT = "ENGAGEMENT", _("Employee Engagement")
    BRANDING = "BRANDING", _("Employer Branding")
    EXTRA = "EXTRA", _("Butir tambahan instansi")
    OPTION = "OPTION", _("Pilihan perilaku")
    LIMITING = "LIMITING", _("Perilaku penghambat")


class Instrument(models.Model):
    """A versioned questionnaire. Built-in instruments have no agency; an agency may derive its own
    version (other scale, added items). An instrument used by a launched wave is frozen."""

    agency = models.ForeignKey(Agency, verbose_name=_("instansi"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="instruments")
    code = models.CharField(_("kode"), max_length=32)
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    kind = models.CharField(_("jenis"), max_length=16, choices=InstrumentKind.choices)
    name_id = models.CharField(_("nama"), max_length=255)
    name_en = models.CharField(_("nama (Inggris)"), max_length=255, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("skala minimum"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("skala maksimum"), default=5)
    max_picks = models.PositiveSmallIntegerField(_("pilihan maksimum"), default=10)
    include_comment = models.BooleanField(_("komentar terbuka"), default=True)
    based_on = models.ForeignKey("self", verbose_name=_("turunan dari"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="derived")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instrumen")
        verbose_name_plural = _("instrumen")
        ordering = ["agency_id", "code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], condition=Q(agency__isnull=True),
                                    name="surveys_instrument_builtin_unique"),
            models.UniqueConstraint(fields=["agency", "code", "version"], condition=Q(agency__isnull=False),
                                    name="surveys_instrument_agency_unique"),
            models.CheckConstraint(condition=Q(scale_min=1) & Q(scale_max__in=[4, 5, 6]),
                                   name="surveys_instrument_scale"),
            models.CheckConstraint(condition=Q(max_picks__gte=1) & Q(max_picks__lte=21),
                                   name="surveys_instrument_max_picks"),
        ]

    def __str__(self) -> str:
        return f"{self.name_id} (v{self.version})"

    @property
    def scale(self) -> tuple[int, int]:
        return (self.scale_min, self.scale_max)


class Item(models.Model):
    """One statement (Likert) or one option (value selection) of an instrument."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("kode"), max_length=16)
    section = models.CharField(_("bagian"), max_length=16, choices=Section.choices)
    value_code = models.CharField(_("nilai"), max_length=2, blank=True)
    text_id = models.TextField(_("teks"))
    text_en = models.TextField(_("teks (Inggris)"), blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("butir")
        verbose_name_plural = _("butir")
        ordering = ["instrument_id", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="surveys_item_code_unique"),
            models.CheckConstraint(condition=Q(value_code="") | Q(value_code__in=VALUE_CODES),
                                   name="surveys_item_value_code"),
            models.CheckConstraint(condition=~Q(section__in=["BERAKHLAK", "EXTRA", "OPTION"]) | ~Q(value_code=""),
                                   name="surveys_item_value_required"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text_id[:60]}"


class WaveStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draf")
    OPEN = "OPEN", _("Dibuka")
    CLOSED = "CLOSED", _("Ditutup")


class Wave(models.Model):
    """One run of a survey in one agency (e.g. the yearly culture survey "2024")."""

    agency = models.ForeignKey(Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="waves")
    code = models.CharField(_("kode"), max_length=32)
    title = models.CharField(_("judul"), max_length=255)
    instrument = models.ForeignKey(Instrument, verbose_name=_("instrumen"), on_delete=models.PROTECT,
                                   related_name="waves")
    opens_on = models.DateField(_("dibuka tanggal"))
    closes_on = models.DateField(_("ditutup tanggal"))
    anonymous = models.BooleanField(_("anonim"), default=True)
    status = models.CharField(_("status"), max_length=8, choices=WaveStatus.choices, default=WaveStatus.DRAFT)
    min_group = models.PositiveSmallIntegerField(_("kelompok minimum"), default=5)
    min_group_comments = models.PositiveSmallIntegerField(_("kelompok minimum komentar"), default=10)
    # A per-wave salt of the personal links; on its own it derives nothing (the secret is not in the database).
    secret = models.CharField(max_length=64, editable=False)
    reminders_sent = models.PositiveIntegerField(default=0)
    reminded_on = models.DateField(null=True, blank=True)
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gelombang survei")
        verbose_name_plural = _("gelombang survei")
        ordering = ["agency_id", "-opens_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="surveys_wave_code_unique_in_agency"),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="surveys_wave_dates"),
            models.CheckConstraint(condition=Q(min_group__gte=3), name="surveys_wave_min_group"),
            models.CheckConstraint(condition=Q(min_group_comments__gte=models.F("min_group")),
                                   name="surveys_wave_min_group_comments"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    @property
    def scale(self) -> tuple[int, int]:
        return self.instrument.scale


class WaveMember(models.Model):
    """The frozen population of a wave (taken at launch) and each person's invitation.

    Written at launch (and ``invited_on`` when the first invitations go out), never by the answering path:
    it knows nothing of whether, what or when its person answered. ``record_unit`` is where the answers of
    its person are recorded (the unit, or the nearest ancestor with at least ``min_group`` members)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="members")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="survey_invitations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    record_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    position_name = models.CharField(max_length=255, blank=True)
    position_kind = models.CharField(max_length=16, blank=True)
    has_email = models.BooleanField(default=True)
    invited_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan survei")
        verbose_name_plural = _("undangan survei")
        constraints = [models.UniqueConstraint(fields=["wave", "employee"], name="surveys_member_unique")]
        indexes = [models.Index(fields=["wave", "unit"], name="surveys_member_wave_unit")]

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.employee_id}"


class Draft(models.Model):
    """Answers saved so far (save and resume), keyed by a keyed hash of the invitation or ballot and
    encrypted with a key derived from its link (``lib.anonymity.seal``). No time, no key to a person.
    Deleted at submission and at close."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="drafts")
    key = models.CharField(max_length=64, unique=True)
    blob = models.TextField()


class Spent(models.Model):
    """That an invitation has been used: its keyed hash (``lib.anonymity.keyed_hash``), unique per wave,
    so that a second submission stores nothing. Only code holding the secret can tell whose it is."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="spent")
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wave", "key"], name="surveys_spent_unique")]


class BallotUnit(models.Model):
    """The ballot slips of one unit of a wave: as many as its members without e-mail (``eligible``), how
    many have been used in all (never more than ``eligible``), and the print run in force."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="ballot_units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    record_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    eligible = models.PositiveIntegerField()
    used = models.PositiveIntegerField(default=0)
    printing = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "unit"], name="surveys_ballotunit_unique"),
            models.CheckConstraint(condition=Q(used__lte=models.F("eligible")), name="surveys_ballotunit_cap"),
        ]


class Ballot(models.Model):
    """One anonymous one-time code of a printed slip, stored as a keyed hash; deleted when used, and every
    unused one of a unit when its slips are printed again."""

    ballot_unit = models.ForeignKey(BallotUnit, on_delete=models.CASCADE, related_name="ballots")
    key = models.CharField(max_length=64, unique=True)


class Source(models.TextChoices):
    WEB = "WEB", _("Formulir web")
    IMPORT = "IMPORT", _("Impor berkas")


class Response(models.Model):
    """One respondent's answers. The 21 BerAKHLAK behaviours are columns (the instrument every wave
    shares, and the shape the index pipeline reads); other items are ``ExtraAnswer`` rows."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField()
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    respondent_ref = models.CharField(max_length=64, blank=True, default="")  # imported files only
    member = models.ForeignKey(WaveMember, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")  # identified waves only
    locals().update({code.lower(): models.SmallIntegerField(null=True, blank=True) for code in BEHAVIOUR_CODES})

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(fields=["wave", "respondent_ref"], condition=~Q(respondent_ref=""),
                                    name="surveys_response_ref_unique"),
            *(models.CheckConstraint(condition=Q(**{f"{c.lower()}__gte": 1, f"{c.lower()}__lte": 6})
                                     | Q(**{f"{c.lower()}__isnull": True}), name=f"surveys_response_{c.lower()}_range")
              for c in BEHAVIOUR_CODES),
        ]
        indexes = [models.Index(fields=["wave", "unit"], name="surveys_response_wave_unit")]


class ExtraAnswer(models.Model):
    """An answer to a Likert item outside the 21 behaviours (engagement, branding, agency items)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="extra_answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="surveys_extra_answer_unique"),
            models.CheckConstraint(condition=Q(value__gte=1) & Q(value__lte=6), name="surveys_extra_answer_range"),
        ]


class Question(models.TextChoices):
    PERSONAL = "PERSONAL", _("Nilai pribadi")
    CURRENT = "CURRENT", _("Budaya saat ini")
    DESIRED = "DESIRED", _("Budaya yang diharapkan")


class SelectionPick(models.Model):
    """One pick of the value-selection instrument."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="picks")
    question = models.CharField(max_length=8, choices=Question.choices)
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question", "item"], name="surveys_pick_unique")]


class Comment(models.Model):
    """A free-text comment, stored apart from the answers (no link to a response)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="comments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    submitted_on = models.DateField()


# --- results (written only by the index run; dashboards and `index show` read them) ----------------

class WaveResult(models.Model):
    """The last index run of a wave."""

    wave = models.OneToOneField(Wave, on_delete=models.CASCADE, related_name="result")
    computed_at = models.DateTimeField()
    respondents = models.PositiveIntegerField()
    scale_min = models.PositiveSmallIntegerField()
    scale_max = models.PositiveSmallIntegerField()
    min_group = models.PositiveSmallIntegerField()


class UnitResult(models.Model):
    """A unit with its whole subtree in one wave. Suppressed: every number is null."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="unit_results")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    suppressed = models.BooleanField()
    respondents = models.PositiveIntegerField(null=True)
    overall = models.FloatField(null=True)
    comments_visible = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "unit"], name="surveys_unitresult_unique"),
            models.CheckConstraint(condition=Q(suppressed=False) | (Q(respondents__isnull=True) & Q(overall__isnull=True)),
                                   name="surveys_unitresult_suppressed_null"),
        ]


class Metric(models.TextChoices):
    VALUE = "VALUE", _("Indeks nilai")
    BEHAVIOUR = "BEHAVIOUR", _("Indeks perilaku")
    ALPHA = "ALPHA", _("Cronbach alfa")
    ITEM_TOTAL = "ITEM_TOTAL", _("Korelasi butir-total")
    DIMENSION = "DIMENSION", _("Indeks dimensi")
    ITEM = "ITEM", _("Indeks butir tambahan")
    VOTES_PERSONAL = "V_PERSONAL", _("Suara nilai pribadi")
    VOTES_CURRENT = "V_CURRENT", _("Suara budaya saat ini")
    VOTES_DESIRED = "V_DESIRED", _("Suara budaya diharapkan")
    VALUE_SHARE = "VALUE_SHARE", _("Porsi implementasi nilai")
    SELECTION_INDEX = "SEL_INDEX", _("Indeks budaya (pemilihan)")


class MetricResult(models.Model):
    """One number of a visible unit in one wave: unique per wave, unit, metric and code (a value,
    behaviour, item or index code). Only visible (unsuppressed) units have rows."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="metric_results")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=12, choices=Metric.choices)
    code = models.CharField(max_length=40)
    value = models.FloatField(null=True)
    count = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wave", "unit", "metric", "code"],
                                               name="surveys_metricresult_unique")]
