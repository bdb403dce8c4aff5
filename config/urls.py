from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core import views as core_views

admin.site.site_header = _("GovCloud Assess administration")
admin.site.site_title = _("GovCloud Assess")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("accounts/", include("accounts.urls")),
    path("procurement/", include("procurement.urls")),
    path("vendors/", include("vendors.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("documents/", include("documents.urls")),
    path("assessments/", include("assessment.urls")),
    path("reports/", include("assessment.report_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
