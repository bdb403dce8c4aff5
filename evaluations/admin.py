"""Evaluations in the admin: read-only (every write goes through the services and pages)."""

from django.contrib import admin

from core.admin_access import AdministratorAccessMixin

from .models import Evaluation, EvaluationEvent, SealedRecord


class ReadOnlyMixin(AdministratorAccessMixin):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyMixin, admin.TabularInline):
    model = EvaluationEvent
    extra = 0
    fields = readonly_fields = ("at", "actor", "action", "detail")


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "project", "procurement_method", "status", "created_at", "closed_at")
    list_filter = ("status", "procurement_method")
    list_select_related = ("project",)
    search_fields = ("title",)
    inlines = [EventInline]


@admin.register(SealedRecord)
class SealedRecordAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("evaluation", "sha256", "sealed_at", "sealed_by")
    list_select_related = ("evaluation", "sealed_by")
