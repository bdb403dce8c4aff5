from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from audit.services import audit_record
from core.admin_access import AdministratorAccessMixin

from .models import User
from .services import user_apply_role_rules

# The fields whose change is a change of role or permission (audited).
PRIVILEGE_FIELDS = ("role", "body_id", "is_active", "is_staff", "is_superuser")


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            audit_record(event=AuditEvent.PASSWORD_CHANGE, obj=user, detail={"by_administrator": True})
        return user


@admin.register(User)
class UserAdmin(AdministratorAccessMixin, DjangoUserAdmin):
    change_password_form = AuditedPasswordChangeForm
    list_display = ("username", "full_name", "role", "body", "is_active", "last_login")
    list_filter = ("role", "is_active")
    list_select_related = ("body",)
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("body",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email")}),
        (_("Role"), {"fields": ("role", "body", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2", "role", "body", "full_name")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RoleCheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                probe = User(role=cleaned.get("role"), body=cleaned.get("body"))
                user_apply_role_rules(probe)  # raises field-level ValidationError
                return cleaned

        return RoleCheckedForm

    def save_model(self, request, obj, form, change):
        user_apply_role_rules(obj)
        before = User.objects.filter(pk=obj.pk).values(*PRIVILEGE_FIELDS).first() if change else None
        super().save_model(request, obj, form, change)
        after = {name: getattr(obj, name) for name in PRIVILEGE_FIELDS}
        if before is None:
            audit_record(event=AuditEvent.USER_CREATED, request=request, obj=obj, detail={"new": after})
        elif before != after:
            audit_record(event=AuditEvent.ROLE_CHANGE, request=request, obj=obj, detail={"old": before, "new": after})


# --- Second factor and lockout, for administrators -------------------------------------------
# django-otp's own admin shows each authenticator's secret and QR code: replaced by one that
# lists devices and lets an administrator delete one (the user then enrols again) — audited.
for _model in (TOTPDevice, StaticDevice, AccessAttempt):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class _DeviceAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ("user", "name", "confirmed", "last_used_at")
    list_filter = ("confirmed",)
    list_select_related = ("user",)
    search_fields = ("user__username", "user__full_name")
    fields = ("user", "name", "confirmed", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        audit_record(event=AuditEvent.OTP_RESET, request=request, obj=obj.user,
                     detail={"device": obj._meta.label, "name": obj.name})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("user"):
            self.delete_model(request, obj)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(_DeviceAdmin):
    pass


@admin.register(StaticDevice)
class RecoveryCodesAdmin(_DeviceAdmin):
    pass


@admin.register(AccessAttempt)
class LockoutAdmin(AdministratorAccessMixin, AccessAttemptAdmin):
    """Failed-login counters; deleting one lifts that lockout (audited)."""

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        audit_record(event=AuditEvent.UNLOCK, request=request, username=obj.username or "",
                     detail={"username": obj.username, "ip_address": obj.ip_address})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
