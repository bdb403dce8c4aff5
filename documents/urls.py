"""Pages under /documents/ (include with namespace "documents")."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("procurement/<int:pk>/memo/", views.memo_request_view, name="memo-request"),
    path("evaluations/<int:pk>/dossier/", views.dossier_request_view, name="dossier-request"),
    path("vendor-comparison/", views.comparison_request_view, name="comparison-request"),
    path("<int:pk>/", views.document_detail_view, name="detail"),
    path("<int:pk>/pdf/", views.document_pdf_view, name="pdf"),
    path("<int:pk>/retry/", views.document_retry_view, name="retry"),
]
