"""Organisation: agencies (instansi), the work-unit tree (unit kerja), positions (jabatan), employees (ASN).

The unit tree is a materialised path: ``Unit.path`` is ``/<root id>/<child id>/…/<own id>/``, so a
subtree is one indexed ``path LIKE '/1/5/%'`` and the ancestors are the ids in the path; no query ever
recurses in Python.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PUSAT = "PUSAT", _("Instansi pusat")
    DAERAH = "DAERAH", _("Instansi daerah")


class PositionKind(models.TextChoices):
    """Jenis jabatan (UU 20/2023 and PermenPANRB 6/2022 wording)."""

    JPT = "JPT", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    PELAKSANA = "PELAKSANA", _("Pelaksana")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")


class EmploymentType(models.TextChoices):
    """Jenis pegawai ASN: PNS or PPPK."""

    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")


class Sex(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Agency(models.Model):
    """An agency (instansi): a ministry, a national agency or a regional government."""

    code = models.CharField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    kind = models.CharField(_("jenis"), max_length=8, choices=AgencyKind.choices, default=AgencyKind.PUSAT)
    framework_version = models.ForeignKey(
        "framework.FrameworkVersion", verbose_name=_("versi kerangka BerAKHLAK"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="agencies",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Unit(models.Model):
    """A work unit (unit kerja) in an agency's tree."""

    agency = models.ForeignKey(Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("kode"), max_length=64)
    name = models.CharField(_("nama"), max_length=255)
    parent = models.ForeignKey(
        "self", verbose_name=_("unit induk"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("jalur"), max_length=1024, editable=False)
    depth = models.PositiveSmallIntegerField(_("tingkat"), default=0, editable=False)
    head = models.ForeignKey(
        "Employee", verbose_name=_("kepala unit"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="headed_units",
    )

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="org_unit_code_unique_in_agency"),
            models.UniqueConstraint(fields=["agency"], condition=models.Q(parent__isnull=True),
                                    name="org_unit_one_root_per_agency"),
            models.UniqueConstraint(fields=["path"], name="org_unit_path_unique"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="org_unit_not_own_parent"),
            models.CheckConstraint(condition=models.Q(path__startswith="/") & models.Q(path__endswith="/"),
                                   name="org_unit_path_shape"),
        ]
        indexes = [
            # LIKE 'prefix%' on PostgreSQL uses a btree only with the pattern operator class.
            models.Index(fields=["path"], name="org_unit_path_like", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["agency", "parent"], name="org_unit_agency_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids of the ancestors, root first (from the path, no query)."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class UnitClosure(models.Model):
    """Closure table of the unit tree: one row per (ancestor, descendant) pair, the unit itself included
    (distance 0). Subtree aggregates join it on indexed integer keys on every database; the import
    service keeps it in step with ``Unit.path``."""

    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="descendant_links")
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ancestor_links")
    distance = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("relasi leluhur unit")
        verbose_name_plural = _("relasi leluhur unit")
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="org_unitclosure_pair_unique"),
        ]
        indexes = [models.Index(fields=["descendant", "ancestor"], name="org_unitclosure_desc_anc")]

    def __str__(self) -> str:
        return f"{self.ancestor_id} ⊇ {self.descendant_id} ({self.distance})"


class Position(models.Model):
    """A position (jabatan) within an agency, e.g. "Analis SDM Aparatur Ahli Muda" (FUNGSIONAL)."""

    agency = models.ForeignKey(Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="positions")
    name = models.CharField(_("nama jabatan"), max_length=255)
    kind = models.CharField(_("jenis jabatan"), max_length=16, choices=PositionKind.choices)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name", "kind"], name="org_position_unique_in_agency"),
            models.CheckConstraint(condition=models.Q(kind__in=PositionKind.values), name="org_position_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    """A civil servant (ASN, PNS or PPPK), identified nationally by NIP."""

    # agency and unit are indexed by the composite indexes below (agency, name) and (unit, name)
    agency = models.ForeignKey(Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="employees",
                               db_index=False)
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    employment_type = models.CharField(_("jenis pegawai"), max_length=4, choices=EmploymentType.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="employees",
                             db_index=False)
    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), null=True, blank=True, on_delete=models.PROTECT, related_name="employees"
    )
    superior = models.ForeignKey(
        "self", verbose_name=_("atasan langsung"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    email = models.EmailField(_("surel"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name", "nip"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(superior=models.F("id")), name="org_employee_not_own_superior"),
            models.CheckConstraint(condition=models.Q(sex__in=Sex.values), name="org_employee_sex_valid"),
            models.CheckConstraint(condition=models.Q(employment_type__in=EmploymentType.values),
                                   name="org_employee_type_valid"),
        ]
        indexes = [
            models.Index(fields=["agency", "name"], name="org_employee_agency_name"),
            models.Index(fields=["unit", "name"], name="org_employee_unit_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"


class ImportKind(models.TextChoices):
    UNITS = "units", _("Unit kerja")
    EMPLOYEES = "employees", _("Pegawai")


class ImportJobStatus(models.TextChoices):
    QUEUED = "QUEUED", _("Menunggu giliran")
    CHECKING = "CHECKING", _("Memeriksa baris")
    IMPORTING = "IMPORTING", _("Menyimpan")
    DONE = "DONE", _("Selesai")
    REJECTED = "REJECTED", _("Ada masalah")
    FAILED = "FAILED", _("Gagal")


class ImportJob(models.Model):
    """One import uploaded through the web page (``berakhlak.org.tasks.run_import_job`` runs it).

    The upload is streamed to a private file under ``IMPORT_UPLOAD_DIR`` (``stored_name``) and deleted
    when the job ends. Seen only by HR of its agency and the platform admin (``selectors.import_job_get``).
    ``problems`` keeps the first ``IMPORT_PROBLEMS_KEPT`` problem lines (``ROW: column: reason``);
    ``problem_count`` counts them all.
    """

    RUNNING = (ImportJobStatus.QUEUED, ImportJobStatus.CHECKING, ImportJobStatus.IMPORTING)

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    kind = models.CharField(_("jenis data"), max_length=16, choices=ImportKind.choices)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    stored_name = models.CharField(max_length=64, blank=True)  # inside IMPORT_UPLOAD_DIR; "" once deleted
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    dry_run = models.BooleanField(_("periksa saja"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ImportJobStatus.choices,
                              default=ImportJobStatus.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)  # estimated from the line count (CSV)
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)  # {"total", "created", "updated", "unchanged"}
    error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = _("impor berkas")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "-created_at"], name="org_importjob_agency_recent")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ImportJobStatus.values), name="org_importjob_status_valid"),
            models.CheckConstraint(condition=models.Q(kind__in=ImportKind.values), name="org_importjob_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int | None:
        """Share of rows checked, 0-100; ``None`` while the total is unknown (XLSX)."""
        if self.status == ImportJobStatus.DONE:
            return 100
        if not self.rows_total:
            return None
        return min(100, int(100 * self.rows_done / self.rows_total))

    def problem_rows(self) -> list[tuple[str, str, str]]:
        """The kept problem lines as (row, column, reason) for a table."""
        out = []
        for line in self.problems:
            row, column, reason = ([*str(line).split(": ", 2), "", ""])[:3]
            out.append((row, column, reason))
        return out


__all__ = ["Agency", "AgencyKind", "Employee", "EmploymentType", "ImportJob", "ImportJobStatus", "ImportKind",
           "Position", "PositionKind", "Sex", "Unit", "UnitClosure"]
