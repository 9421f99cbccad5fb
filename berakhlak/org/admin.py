from django.contrib import admin

from berakhlak.org.models import Agency, Employee, Position, Unit


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "framework_version"]
    search_fields = ["code", "name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "agency", "parent", "depth", "head"]
    list_filter = ["agency", "depth"]
    search_fields = ["code", "name"]
    list_select_related = ["agency", "parent", "head"]
    autocomplete_fields = ["head"]
    readonly_fields = ["agency", "parent", "path", "depth"]  # moves go through the import (paths stay right)

    def has_add_permission(self, request):
        return False  # the tree is built by import (paths and depths must stay consistent)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "agency"]
    list_filter = ["kind", "agency"]
    search_fields = ["name"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["nip", "name", "agency", "unit", "position", "employment_type", "is_active"]
    list_filter = ["agency", "employment_type", "is_active", "position__kind"]
    search_fields = ["nip", "name", "email"]
    list_select_related = ["agency", "unit", "position"]
    autocomplete_fields = ["unit", "position", "superior"]
    readonly_fields = ["sex", "birth_date", "created_at", "updated_at"]
