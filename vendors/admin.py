from django.contrib import admin

from core.admin_access import AdministratorAccessMixin

from .models import Vendor


@admin.register(Vendor)
class VendorAdmin(AdministratorAccessMixin, admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
