"""Users and their roles.

Every civil servant logs in as a ``User`` linked to their ``Employee`` (login by NIP or username).
Roles beyond "employee" are explicit ``RoleAssignment`` rows; a unit head is also anyone who is the
``head`` of a unit. ``berakhlak.accounts.scope`` turns both into the data scope selectors apply.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    employee = models.OneToOneField(
        "org.Employee", verbose_name=_("pegawai"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class Role(models.TextChoices):
    PLATFORM_ADMIN = "PLATFORM_ADMIN", _("Admin platform")
    AGENCY_HR = "AGENCY_HR", _("SDM instansi")
    UNIT_HEAD = "UNIT_HEAD", _("Kepala unit")
    CHANGE_AGENT = "CHANGE_AGENT", _("Agen perubahan")


class RoleAssignment(models.Model):
    """A role given to a user: platform-wide, for one agency, or (unit head) for one unit's subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    agency = models.ForeignKey("org.Agency", verbose_name=_("instansi"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="role_assignments")
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit kerja"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="role_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.CheckConstraint(
                name="accounts_role_shape",
                condition=(
                    Q(role=Role.PLATFORM_ADMIN, agency__isnull=True, unit__isnull=True)
                    | Q(role__in=[Role.AGENCY_HR, Role.CHANGE_AGENT], agency__isnull=False, unit__isnull=True)
                    | Q(role=Role.UNIT_HEAD, agency__isnull=False, unit__isnull=False)
                ),
            ),
            models.UniqueConstraint(fields=["user"], condition=Q(role=Role.PLATFORM_ADMIN),
                                    name="accounts_role_admin_once"),
            models.UniqueConstraint(fields=["user", "role", "agency"], condition=Q(unit__isnull=True),
                                    name="accounts_role_agency_once"),
            models.UniqueConstraint(fields=["user", "role", "unit"], condition=Q(unit__isnull=False),
                                    name="accounts_role_unit_once"),
        ]

    def __str__(self) -> str:
        target = self.unit or self.agency or ""
        return f"{self.user} · {self.get_role_display()} {target}".strip()


class RateCounter(models.Model):
    """Requests counted per (scope, key) and fixed window, for the rate limits of public forms (the
    activation and password-reset form: per client address and per account). The key is a keyed hash of
    what is counted, so the table holds no address, NIP or user id in clear. Rows older than the previous
    window are deleted as new ones come. Written by ``berakhlak.accounts.services.rate_limit_hit``."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penghitung batas permintaan")
        verbose_name_plural = _("penghitung batas permintaan")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "window_start"], name="accounts_ratecounter_once"),
        ]
        indexes = [models.Index(fields=["window_start"], name="accounts_ratecounter_window")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]}… {self.window_start:%Y-%m-%d %H:%M} × {self.count}"
