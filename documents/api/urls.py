from django.urls import path

from . import views

urlpatterns = [
    path("procurement/projects/<str:pk>/memo/", views.ProjectMemoApi.as_view(), name="api-document-memo"),
    path("evaluations/<str:pk>/dossier/", views.EvaluationDossierApi.as_view(), name="api-document-dossier"),
    path("documents/vendor-comparison/", views.ComparisonDocumentApi.as_view(), name="api-document-comparison"),
    path("documents/<str:pk>/", views.DocumentDetailApi.as_view(), name="api-document"),
    path("documents/<str:pk>/pdf/", views.DocumentPdfApi.as_view(), name="api-document-pdf"),
]
