from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin_access import AdministratorAccessMixin

from .models import Assessment, FrameworkVersion, HistoryEntry, SealedRecord
from .services.workflow import assessment_transition


class ReadOnlyAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    """Rows written only by the services: administrators read them here, never edit."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    """Versions come from files through `load_frameworks` and are never edited."""

    list_display = ("slug", "version", "title_zh", "published", "effective", "loaded_at")
    list_filter = ("slug",)
    readonly_fields = [f.name for f in FrameworkVersion._meta.fields]


def _transition_action(action: str, label):
    def run(modeladmin, request, queryset):
        done = 0
        for assessment in queryset:
            try:
                assessment_transition(actor=request.user, assessment_id=assessment.pk, action=action,
                                      comment=_("Returned from the administration site.") if action == "return" else "")
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                text = "; ".join(getattr(exc, "messages", [str(exc) or _("Not allowed.")]))
                modeladmin.message_user(request, f"{assessment}: {text}", messages.ERROR)
        if done:
            modeladmin.message_user(request, _("%(n)s assessments updated.") % {"n": done}, messages.SUCCESS)

    run.short_description = label
    run.__name__ = f"action_{action}"
    return run


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    """The same review actions as the reviewer pages, through the same services."""

    list_display = ("cloud", "year", "framework", "status", "revision", "total", "grade", "status_changed_at")
    list_filter = ("status", "year", "framework")
    list_select_related = ("cloud", "framework")
    search_fields = ("cloud__name", "cloud__owner__name")
    readonly_fields = [f.name for f in Assessment._meta.fields]
    actions = [
        _transition_action("start_review", _("Start review")),
        _transition_action("return", _("Return to the body")),
        _transition_action("approve", _("Approve and seal")),
    ]

    def has_change_permission(self, request, obj=None):
        return obj is None and self._is_admin(request)  # the list and its actions, not edits


@admin.register(HistoryEntry)
class HistoryEntryAdmin(ReadOnlyAdmin):
    list_display = ("assessment", "revision", "at", "actor", "kind", "indicator_code")
    list_filter = ("kind",)
    list_select_related = ("assessment__cloud", "actor")
    readonly_fields = [f.name for f in HistoryEntry._meta.fields]


@admin.register(SealedRecord)
class SealedRecordAdmin(ReadOnlyAdmin):
    list_display = ("assessment", "revision", "sealed_at", "sealed_by", "record_hash")
    list_select_related = ("assessment__cloud", "sealed_by")
    readonly_fields = [f.name for f in SealedRecord._meta.fields]
