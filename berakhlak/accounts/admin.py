from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from berakhlak.accounts.models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["agency", "unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("BerAKHLAK", {"fields": ["employee"]}),)
    autocomplete_fields = ["employee"]
    inlines = [RoleInline]
    list_display = ["username", "first_name", "employee", "is_active", "is_superuser", "last_login"]
    list_select_related = ["employee"]
