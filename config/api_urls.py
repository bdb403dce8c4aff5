"""Everything under /api/v1/."""

from django.urls import include, path

from core.api.auth import TokenObtainView

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="api-token"),
    path("", include("orgs.api.urls")),
    path("", include("procurement.api.urls")),
    path("", include("assessment.api.urls")),
    path("", include("vendors.api.urls")),
    path("", include("evaluations.api.urls")),
    path("", include("documents.api.urls")),
]
