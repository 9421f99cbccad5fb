from django.contrib import admin

from berakhlak.audit.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services (audited): shown in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "agency", "action", "object_type", "object_id"]
    list_filter = ["action", "agency"]
    search_fields = ["object_id", "action"]
    list_select_related = ["actor", "agency"]
