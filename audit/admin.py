"""The audit log in the Django admin: administrators read and filter it; nobody edits it."""

from django.contrib import admin

from core.admin_access import AdministratorAccessMixin

from .models import AuditRecord


@admin.register(AuditRecord)
class AuditRecordAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ("seq", "created_at", "event", "result", "actor_username", "ip_address", "object_type", "object_repr")
    list_filter = ("event", "result", "created_at", "object_type")
    search_fields = ("actor_username", "ip_address", "object_type", "object_id", "object_repr")
    date_hierarchy = "created_at"
    ordering = ("-seq",)
    readonly_fields = [f.name for f in AuditRecord._meta.fields]
    actions = None
    list_per_page = 100

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
