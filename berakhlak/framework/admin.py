from django.contrib import admin

from berakhlak.framework.models import Behaviour, CoreValue, FrameworkVersion


class BehaviourInline(admin.TabularInline):
    model = Behaviour
    extra = 0


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "source", "effective_from", "is_default"]


@admin.register(CoreValue)
class CoreValueAdmin(admin.ModelAdmin):
    list_display = ["code", "name_id", "name_en", "version"]
    list_filter = ["version"]
    inlines = [BehaviourInline]
