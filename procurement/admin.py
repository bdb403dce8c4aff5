from django.contrib import admin

from core.admin_access import AdministratorAccessMixin

from .models import ProcurementProject, RuleSetVersion


class ReadOnlyAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RuleSetVersion)
class RuleSetVersionAdmin(ReadOnlyAdmin):
    """Read-only: versions come from files through `load_rules` and are never edited."""

    list_display = ("slug", "version", "title", "effective_from", "effective_to", "loaded_at")
    list_filter = ("slug",)
    readonly_fields = [f.name for f in RuleSetVersion._meta.fields]


@admin.register(ProcurementProject)
class ProcurementProjectAdmin(ReadOnlyAdmin):
    """Read-only: saved guidance is a record of what the engine said under a rule set."""

    list_display = ("title", "body", "recommended_method", "amount", "procurement_date", "created_at")
    list_filter = ("recommended_method", "law_applies", "category")
    list_select_related = ("body", "rule_set")
    readonly_fields = [f.name for f in ProcurementProject._meta.fields]
