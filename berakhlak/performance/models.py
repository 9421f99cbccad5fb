"""Employee performance (SKP) per PermenPANRB 6/2022: years and periods, plans (hasil kerja, indicators,
expectations of behaviour), realisations with evidence, continuous feedback, ratings and predikat, the
organisation's result, unit finalisation under the distribution rules of SE MenPANRB 3/2023, and the
angka kredit tables of PermenPANRB 1/2023.

The rules themselves are the pure functions of ``berakhlak.performance.rules``; these models hold the
state and enforce its invariants (unique, check and foreign-key constraints).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from berakhlak.performance import rules


class Frequency(models.TextChoices):
    QUARTERLY = rules.QUARTERLY, _("Triwulanan")
    MONTHLY = rules.MONTHLY, _("Bulanan")


class Rating(models.TextChoices):
    DIATAS = rules.DIATAS, _("Di Atas Ekspektasi")
    SESUAI = rules.SESUAI, _("Sesuai Ekspektasi")
    DIBAWAH = rules.DIBAWAH, _("Di Bawah Ekspektasi")


class Predikat(models.TextChoices):
    SANGAT_BAIK = rules.SANGAT_BAIK, _("Sangat Baik")
    BAIK = rules.BAIK, _("Baik")
    BUTUH_PERBAIKAN = rules.BUTUH_PERBAIKAN, _("Butuh Perbaikan")
    KURANG = rules.KURANG, _("Kurang/Misconduct")
    SANGAT_KURANG = rules.SANGAT_KURANG, _("Sangat Kurang")


class OrgResult(models.TextChoices):
    ISTIMEWA = rules.ISTIMEWA, _("Istimewa")
    BAIK = rules.BAIK, _("Baik")
    BUTUH_PERBAIKAN = rules.BUTUH_PERBAIKAN, _("Butuh Perbaikan")
    KURANG = rules.KURANG, _("Kurang")
    SANGAT_KURANG = rules.SANGAT_KURANG, _("Sangat Kurang")


class SkpStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("Draf")
    SUBMITTED = rules.SUBMITTED, _("Diajukan")
    RETURNED = rules.RETURNED, _("Dikembalikan")
    APPROVED = rules.APPROVED, _("Disetujui")
    EVALUATED = rules.EVALUATED, _("Dinilai (tahunan)")
    FINAL = rules.FINAL, _("Final")


class SkpStyle(models.TextChoices):
    """PermenPANRB 6/2022 Lampiran: the qualitative SKP (most positions) and the quantitative one."""

    QUALITATIVE = "QUALITATIVE", _("Kualitatif")
    QUANTITATIVE = "QUANTITATIVE", _("Kuantitatif")


class Aspect(models.TextChoices):
    KUANTITAS = "KUANTITAS", _("Kuantitas")
    KUALITAS = "KUALITAS", _("Kualitas")
    WAKTU = "WAKTU", _("Waktu")
    BIAYA = "BIAYA", _("Biaya")


class ResultKind(models.TextChoices):
    UTAMA = "UTAMA", _("Utama")
    TAMBAHAN = "TAMBAHAN", _("Tambahan")


class Source(models.TextChoices):
    PLATFORM = "PLATFORM", _("Platform")
    IMPORT = "IMPORT", _("Impor (e-Kinerja)")


class PerformanceYear(models.Model):
    """An agency's SKP year and how often it evaluates within it."""

    agency = models.ForeignKey("org.Agency", verbose_name=_("instansi"), on_delete=models.PROTECT,
                               related_name="performance_years")
    year = models.PositiveSmallIntegerField(_("tahun"))
    frequency = models.CharField(_("penilaian periodik"), max_length=9, choices=Frequency.choices,
                                 default=Frequency.QUARTERLY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tahun kinerja")
        verbose_name_plural = _("tahun kinerja")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="perf_year_unique"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values), name="perf_year_frequency_valid"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="perf_year_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}"


class Period(models.Model):
    year = models.ForeignKey(PerformanceYear, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(_("kode"), max_length=8)
    order = models.PositiveSmallIntegerField(_("urutan"))
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    label_id = models.CharField(max_length=40)
    label_en = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="perf_period_unique"),
            models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")), name="perf_period_dates"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_annual(self) -> bool:
        return self.code == rules.ANNUAL

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        return self.label_en if (get_language() or "id")[:2] == "en" else self.label_id


class Delegation(models.Model):
    """Authority to rate delegated by a Pejabat Penilai Kinerja to another official (PermenPANRB 6/2022:
    "pejabat lain yang diberikan pendelegasian kewenangan"), for one year."""

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.ForeignKey(PerformanceYear, on_delete=models.CASCADE, related_name="delegations")
    delegator = models.ForeignKey("org.Employee", verbose_name=_("pemberi delegasi"), on_delete=models.CASCADE,
                                  related_name="+")
    delegate = models.ForeignKey("org.Employee", verbose_name=_("penerima delegasi"), on_delete=models.CASCADE,
                                 related_name="+")
    reason = models.CharField(_("alasan"), max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegasi penilai")
        verbose_name_plural = _("delegasi penilai")
        constraints = [
            models.UniqueConstraint(fields=["year", "delegator"], name="perf_delegation_once"),
            models.CheckConstraint(condition=~Q(delegator=models.F("delegate")), name="perf_delegation_not_self"),
        ]


class Skp(models.Model):
    """One employee's SKP for one year, with a snapshot of where they stood when it was made."""

    year = models.ForeignKey(PerformanceYear, verbose_name=_("tahun"), on_delete=models.PROTECT, related_name="skps")
    employee = models.ForeignKey("org.Employee", verbose_name=_("pegawai"), on_delete=models.PROTECT,
                                 related_name="skps")
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey("org.Position", verbose_name=_("jabatan"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey("org.Employee", verbose_name=_("pejabat penilai kinerja"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="skps_to_rate")
    rater_delegated_from = models.ForeignKey(
        "org.Employee", verbose_name=_("atas delegasi dari"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+")
    framework_version = models.ForeignKey("framework.FrameworkVersion", null=True, on_delete=models.PROTECT,
                                          related_name="+")
    style = models.CharField(_("model SKP"), max_length=12, choices=SkpStyle.choices, default=SkpStyle.QUALITATIVE)
    status = models.CharField(_("status"), max_length=9, choices=SkpStatus.choices, default=SkpStatus.DRAFT)
    returned_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    # Lampiran SKP
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), blank=True)
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), blank=True)
    konsekuensi = models.TextField(_("konsekuensi"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["year", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "employee"], name="perf_skp_one_per_year"),
            models.CheckConstraint(condition=Q(status__in=SkpStatus.values), name="perf_skp_status_valid"),
            models.CheckConstraint(condition=~Q(rater=models.F("employee")), name="perf_skp_not_own_rater"),
        ]
        indexes = [models.Index(fields=["rater", "status"], name="perf_skp_rater_status"),
                   models.Index(fields=["unit", "year"], name="perf_skp_unit_year")]

    def __str__(self) -> str:
        return f"SKP {self.year.year} {self.employee_id}"


class WorkResult(models.Model):
    """Rencana hasil kerja (A. Utama / B. Tambahan), with the superior's hasil kerja it supports."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("jenis"), max_length=8, choices=ResultKind.choices, default=ResultKind.UTAMA)
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    text = models.TextField(_("rencana hasil kerja"))
    supports = models.ForeignKey("self", verbose_name=_("hasil kerja atasan yang diintervensi"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="supported_by")
    supports_text = models.CharField(_("hasil kerja atasan / sasaran organisasi"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("hasil kerja")
        verbose_name_plural = _("hasil kerja")
        ordering = ["skp", "kind", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ResultKind.values), name="perf_result_kind_valid"),
            models.CheckConstraint(condition=~Q(supports=models.F("id")), name="perf_result_not_own_support"),
        ]


#: A. Utama before B. Tambahan (the Lampiran's order), then as written.
RESULT_ORDER = (models.Case(models.When(kind=ResultKind.UTAMA, then=models.Value(0)), default=models.Value(1)),
                "order", "id")


class Indicator(models.Model):
    """Indikator kinerja individu of a hasil kerja, with its aspect and target."""

    result = models.ForeignKey(WorkResult, on_delete=models.CASCADE, related_name="indicators")
    aspect = models.CharField(_("aspek"), max_length=9, choices=Aspect.choices, default=Aspect.KUANTITAS)
    text = models.TextField(_("indikator kinerja individu"))
    target = models.CharField(_("target"), max_length=200)
    target_value = models.DecimalField(_("target (angka)"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(_("satuan"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["result", "id"]
        constraints = [models.CheckConstraint(condition=Q(aspect__in=Aspect.values), name="perf_indicator_aspect_valid")]


class BehaviourExpectation(models.Model):
    """Ekspektasi khusus pimpinan for one core value of the SKP's framework version."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="expectations")
    value_code = models.CharField(_("nilai"), max_length=2)
    text = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["skp", "value_code"], name="perf_expectation_once")]


class Realisation(models.Model):
    """Realisasi of one indicator in one period (the employee's own account)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("realisasi"))
    value = models.DecimalField(_("realisasi (angka)"), max_digits=14, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="perf_realisation_once")]


def evidence_path(instance, filename: str) -> str:
    return f"skp-bukti/{instance.realisation.indicator.result.skp_id}/{instance.realisation_id}/{filename}"


class Evidence(models.Model):
    """Bukti dukung of a realisation: an uploaded file (type and size checked) or a link."""

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("berkas"), upload_to=evidence_path, blank=True)
    filename = models.CharField(_("nama berkas"), max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField(_("tautan"), max_length=500, blank=True)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")), name="perf_evidence_file_or_link")]


class Feedback(models.Model):
    """Umpan balik berkelanjutan: one entry by the rater or the employee, optionally about a period."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="feedback")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # what the entry is about: one indicator (hasil kerja), one core value (perilaku kerja), or the whole SKP
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback")
    value_code = models.CharField(_("nilai"), max_length=2, blank=True)
    author = models.ForeignKey("org.Employee", null=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(max_length=255)
    text = models.TextField(_("umpan balik"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=Q(indicator__isnull=True) | Q(value_code=""),
                                              name="perf_feedback_one_subject")]


class Evaluation(models.Model):
    """A rating of one employee for one period: hasil kerja, perilaku kerja and the predikat from the
    matrix. Platform ratings belong to an SKP; imported ones (e-Kinerja) may have none. The unit is
    where the employee stood when rated, so recaps of past years do not move with later transfers."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="evaluations")
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="evaluations",
                                 db_index=False)
    skp = models.ForeignKey(Skp, null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    rating_hasil_kerja = models.CharField(_("hasil kerja"), max_length=7, choices=Rating.choices)
    rating_perilaku_kerja = models.CharField(_("perilaku kerja"), max_length=7, choices=Rating.choices)
    predikat = models.CharField(_("predikat"), max_length=15, choices=Predikat.choices)
    hasil_from_org = models.BooleanField(_("hasil kerja dari capaian organisasi"), default=False)
    note = models.TextField(_("catatan penilai"), blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.PLATFORM)
    is_final = models.BooleanField(_("final"), default=False)
    rated_by = models.ForeignKey("org.Employee", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        constraints = [
            models.UniqueConstraint(fields=["employee", "period"], name="perf_evaluation_once"),
            models.CheckConstraint(condition=Q(rating_hasil_kerja__in=Rating.values)
                                   & Q(rating_perilaku_kerja__in=Rating.values), name="perf_evaluation_ratings_valid"),
            # the kuadran itself, as a database invariant (rules.MATRIX)
            models.CheckConstraint(name="perf_evaluation_predikat_matrix", condition=(
                Q(predikat=rules.SANGAT_BAIK, rating_hasil_kerja=rules.DIATAS, rating_perilaku_kerja=rules.DIATAS)
                | Q(predikat=rules.BAIK, rating_hasil_kerja__in=[rules.DIATAS, rules.SESUAI],
                    rating_perilaku_kerja=rules.SESUAI)
                | Q(predikat=rules.BAIK, rating_hasil_kerja=rules.SESUAI, rating_perilaku_kerja=rules.DIATAS)
                | Q(predikat=rules.KURANG, rating_hasil_kerja__in=[rules.DIATAS, rules.SESUAI],
                    rating_perilaku_kerja=rules.DIBAWAH)
                | Q(predikat=rules.SANGAT_KURANG, rating_hasil_kerja=rules.DIBAWAH, rating_perilaku_kerja=rules.DIBAWAH)
                | Q(predikat=rules.BUTUH_PERBAIKAN, rating_hasil_kerja=rules.DIBAWAH,
                    rating_perilaku_kerja__in=[rules.SESUAI, rules.DIATAS])
            )),
        ]
        indexes = [models.Index(fields=["period", "unit", "predikat"], name="perf_eval_period_unit"),
                   models.Index(fields=["employee", "period"], name="perf_eval_employee")]


class OrgPerformance(models.Model):
    """Capaian kinerja organisasi of a unit in a period, set before its employees' predikat."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    result = models.CharField(_("capaian kinerja organisasi"), max_length=15, choices=OrgResult.choices)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="perf_orgresult_once"),
            models.CheckConstraint(condition=Q(result__in=OrgResult.values), name="perf_orgresult_valid"),
        ]


class Finalisation(models.Model):
    """A unit's ratings of a period made final by its head (or HR), with the distribution as it stood
    and, when it broke the rules of SE MenPANRB 3/2023, the reason for going ahead."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    org_result = models.CharField(max_length=15, choices=OrgResult.choices)
    counts = models.JSONField()
    breaches = models.JSONField(default=list)
    override_reason = models.TextField(_("alasan"), blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    finalised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-finalised_at", "-id"]
        constraints = [models.CheckConstraint(
            condition=Q(breaches=[]) | ~Q(override_reason=""), name="perf_finalisation_breach_needs_reason")]


class CreditRate(models.Model):
    """Share of the annual coefficient per predikat (PermenPANRB 1/2023), dated."""

    predikat = models.CharField(max_length=15, choices=Predikat.choices)
    percent = models.PositiveSmallIntegerField()
    effective_from = models.DateField()
    source = models.CharField(max_length=200, default="PermenPANRB 1/2023")

    class Meta:
        verbose_name = _("persentase angka kredit")
        verbose_name_plural = _("persentase angka kredit")
        constraints = [models.UniqueConstraint(fields=["predikat", "effective_from"], name="perf_creditrate_once")]


class CreditCoefficient(models.Model):
    """Annual angka kredit coefficient of a jenjang jabatan fungsional (PermenPANRB 1/2023), dated."""

    jenjang = models.CharField(max_length=40)
    coefficient = models.DecimalField(max_digits=6, decimal_places=2)
    effective_from = models.DateField()
    source = models.CharField(max_length=200, default="PermenPANRB 1/2023")

    class Meta:
        verbose_name = _("koefisien angka kredit")
        verbose_name_plural = _("koefisien angka kredit")
        constraints = [models.UniqueConstraint(fields=["jenjang", "effective_from"], name="perf_creditcoef_once")]
