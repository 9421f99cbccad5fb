"""The BerAKHLAK core-value framework: 7 values (nilai dasar) and 21 behaviours (panduan perilaku).

Source: SE MenPANRB 20/2021 (2021 wording) and UU 20/2023 Pasal 4 (reworded guides); REGULATIONS.md §1.
The framework is versioned so that an agency can pick the wording in force; each agency has one active
version (``Agency.framework_version``).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class FrameworkVersion(models.Model):
    code = models.CharField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    source = models.CharField(_("dasar hukum"), max_length=300)
    effective_from = models.DateField(_("berlaku sejak"))
    is_default = models.BooleanField(_("bawaan untuk instansi baru"), default=False)

    class Meta:
        verbose_name = _("versi kerangka BerAKHLAK")
        verbose_name_plural = _("versi kerangka BerAKHLAK")
        ordering = ["effective_from", "code"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=models.Q(is_default=True),
                                    name="framework_one_default_version"),
        ]

    def __str__(self) -> str:
        return self.name


class _Bilingual:
    def localized(self, field: str) -> str:
        lang = (get_language() or "id")[:2]
        value = getattr(self, f"{field}_en") if lang == "en" else ""
        return value or getattr(self, f"{field}_id")


class CoreValue(_Bilingual, models.Model):
    """A core value (nilai dasar), e.g. ``AD`` Adaptif."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(_("kode"), max_length=2)
    order = models.PositiveSmallIntegerField(_("urutan"))
    name_id = models.CharField(_("nama (Indonesia)"), max_length=100)
    name_en = models.CharField(_("nama (Inggris)"), max_length=100)
    definition_id = models.TextField(_("definisi (Indonesia)"))
    definition_en = models.TextField(_("definisi (Inggris)"))

    class Meta:
        verbose_name = _("nilai dasar")
        verbose_name_plural = _("nilai dasar")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="framework_value_code_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="framework_value_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_id}"

    @property
    def name(self) -> str:
        return self.localized("name")

    @property
    def definition(self) -> str:
        return self.localized("definition")


class Behaviour(_Bilingual, models.Model):
    """A behaviour guide (panduan perilaku), e.g. ``AD1`` "Cepat menyesuaikan diri menghadapi perubahan"."""

    value = models.ForeignKey(CoreValue, on_delete=models.CASCADE, related_name="behaviours")
    code = models.CharField(_("kode"), max_length=3)
    number = models.PositiveSmallIntegerField(_("nomor"))
    text_id = models.TextField(_("teks (Indonesia)"))
    text_en = models.TextField(_("teks (Inggris)"))

    class Meta:
        verbose_name = _("panduan perilaku")
        verbose_name_plural = _("panduan perilaku")
        ordering = ["value__order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["value", "number"], name="framework_behaviour_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=3), name="framework_behaviour_1_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text_id}"

    @property
    def text(self) -> str:
        return self.localized("text")
