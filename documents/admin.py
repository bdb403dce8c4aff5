from django.contrib import admin

from core.admin_access import AdministratorAccessMixin

from .models import Document


@admin.register(Document)
class DocumentAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    """Read-only: documents are made by the rendering pipeline, never edited by hand."""

    list_display = ("kind", "subject", "language", "status", "progress", "requested_by", "requested_at")
    list_filter = ("kind", "status", "language")
    list_select_related = ("requested_by",)
    readonly_fields = [f.name for f in Document._meta.fields]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
