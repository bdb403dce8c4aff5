from django.contrib import admin

from core.admin_access import AdministratorAccessMixin

from .models import Engagement, GovernmentBody, GovernmentCloud
from .services import engagement_grant


@admin.register(GovernmentBody)
class GovernmentBodyAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ("name", "division_code", "level", "parent")
    list_filter = ("level",)
    list_select_related = ("parent",)
    search_fields = ("name", "division_code")
    autocomplete_fields = ("parent",)


@admin.register(GovernmentCloud)
class GovernmentCloudAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "owner", "deployment_model", "cooperation_model")
    list_filter = ("kind", "deployment_model", "cooperation_model")
    list_select_related = ("owner",)
    search_fields = ("name", "owner__name")
    autocomplete_fields = ("owner",)
    filter_horizontal = ("operating_vendors",)


@admin.register(Engagement)
class EngagementAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ("consultant", "body", "active", "granted_by", "granted_at")
    list_filter = ("active",)
    list_select_related = ("consultant", "body", "granted_by")
    autocomplete_fields = ("consultant", "body")
    readonly_fields = ("granted_by", "granted_at")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # New engagements go through the service, which checks the consultant's role.
        saved = engagement_grant(consultant=obj.consultant, body=obj.body, granted_by=request.user)
        obj.pk, obj.granted_by, obj.granted_at = saved.pk, saved.granted_by, saved.granted_at
