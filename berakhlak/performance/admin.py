"""Admin: the dated angka kredit tables are configuration (editable); SKP data is changed only through the
services (audited), so it is read-only here."""

from django.contrib import admin

from berakhlak.audit.admin import ReadOnlyAdmin
from berakhlak.performance.models import CreditCoefficient, CreditRate, Delegation, PerformanceYear


@admin.register(CreditRate)
class CreditRateAdmin(admin.ModelAdmin):
    list_display = ("predikat", "percent", "effective_from", "source")
    list_filter = ("effective_from",)
    ordering = ("-effective_from", "predikat")


@admin.register(CreditCoefficient)
class CreditCoefficientAdmin(admin.ModelAdmin):
    list_display = ("jenjang", "coefficient", "effective_from", "source")
    list_filter = ("effective_from",)
    ordering = ("-effective_from", "jenjang")


@admin.register(PerformanceYear)
class PerformanceYearAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "frequency")
    list_filter = ("frequency",)


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ("year", "delegator", "delegate", "reason", "created_at")
    list_select_related = ("year", "delegator", "delegate")
