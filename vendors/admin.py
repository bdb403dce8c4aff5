"""Admin-side editing of the catalogue; every save and delete goes through the services, which
write the change log shown on each vendor and under "Catalogue changes"."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin_access import AdministratorAccessMixin

from . import services
from .models import (
    CatalogueVersion,
    Credential,
    GovCloudReference,
    MarketFact,
    ServiceRegion,
    Vendor,
    VendorChange,
    VendorDeployment,
)
from .services.catalogue import credential_check

NOTE = "admin"


class ServiceWritesMixin:
    """Route the admin's writes through the services (validation and history)."""

    def save_model(self, request, obj, form, change):
        services.vendor_record_save(actor=request.user, record=obj, note=NOTE)

    def delete_model(self, request, obj):
        services.vendor_record_delete(actor=request.user, record=obj, note=NOTE)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.vendor_record_delete(actor=request.user, record=obj, note=NOTE)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.vendor_record_delete(actor=request.user, record=obj, note=NOTE)
        for obj in instances:
            services.vendor_record_save(actor=request.user, record=obj, note=NOTE)
        formset.save_m2m()


class CredentialForm(forms.ModelForm):
    class Meta:
        model = Credential
        fields = [
            "vendor", "kind", "title", "level", "number", "issuer", "scope", "valid_from",
            "valid_to", "evidence", "source_file", "source_section", "secondary",
        ]

    def clean(self):
        data = super().clean()
        try:
            credential_check(
                kind=data.get("kind", ""),
                level=data.get("level"),
                evidence=data.get("evidence", ""),
                number=data.get("number", ""),
                valid_from=data.get("valid_from"),
                valid_to=data.get("valid_to"),
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return data


SOURCE_FIELDS = ("source_file", "source_section", "secondary")


class CredentialInline(AdministratorAccessMixin, admin.StackedInline):
    model = Credential
    form = CredentialForm
    extra = 0
    fields = (
        ("kind", "level", "evidence"), "title", ("number", "issuer"), "scope",
        ("valid_from", "valid_to"), SOURCE_FIELDS,
    )


class DeploymentInline(AdministratorAccessMixin, admin.TabularInline):
    model = VendorDeployment
    extra = 0
    fields = ("model", *SOURCE_FIELDS)


class RegionInline(AdministratorAccessMixin, admin.TabularInline):
    model = ServiceRegion
    extra = 0
    fields = ("name", "note", *SOURCE_FIELDS)


class ReferenceInline(AdministratorAccessMixin, admin.TabularInline):
    model = GovCloudReference
    extra = 0
    fields = ("name", "region", "since", "note", *SOURCE_FIELDS)


class MarketFactInline(AdministratorAccessMixin, admin.TabularInline):
    model = MarketFact
    extra = 0
    fields = ("text", "figure", "unit", "year", "period", *SOURCE_FIELDS)


class ChangeInline(AdministratorAccessMixin, admin.TabularInline):
    model = VendorChange
    verbose_name_plural = _("history")
    extra = 0
    max_num = 0
    can_delete = False
    fields = readonly_fields = ("at", "actor", "entity", "entity_id", "action", "changes", "note")
    ordering = ("-at", "-id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vendor)
class VendorAdmin(ServiceWritesMixin, AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "updated_at")
    list_filter = ("kind",)
    search_fields = ("name",)
    fields = ("name", "kind", "summary", SOURCE_FIELDS, "seed_key")
    readonly_fields = ("seed_key",)
    inlines = [
        CredentialInline, DeploymentInline, RegionInline, ReferenceInline, MarketFactInline,
        ChangeInline,
    ]


@admin.register(MarketFact)
class MarketFactAdmin(ServiceWritesMixin, AdministratorAccessMixin, admin.ModelAdmin):
    """Market facts, including market-wide ones that belong to no vendor."""

    list_display = ("text", "vendor", "figure", "unit", "year", "secondary")
    list_filter = ("secondary", "year")
    list_select_related = ("vendor",)
    fields = ("vendor", "text", "figure", "unit", "year", "period", *SOURCE_FIELDS)


class ReadOnlyAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VendorChange)
class VendorChangeAdmin(ReadOnlyAdmin):
    list_display = ("at", "vendor_name", "entity", "action", "actor", "note")
    list_filter = ("entity", "action")
    search_fields = ("vendor_name", "note")
    list_select_related = ("actor",)


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(ReadOnlyAdmin):
    list_display = ("slug", "version", "content_hash", "file_name", "loaded_at")
