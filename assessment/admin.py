from django.contrib import admin

from core.admin_access import AdministratorAccessMixin

from .models import FrameworkVersion


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    """Read-only: versions come from files through `load_frameworks` and are never edited."""

    list_display = ("slug", "version", "title_zh", "published", "effective", "loaded_at")
    list_filter = ("slug",)
    readonly_fields = [f.name for f in FrameworkVersion._meta.fields]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
