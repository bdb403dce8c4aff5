from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin_access import AdministratorAccessMixin

from .models import User
from .services import user_apply_role_rules


@admin.register(User)
class UserAdmin(AdministratorAccessMixin, DjangoUserAdmin):
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
        super().save_model(request, obj, form, change)
