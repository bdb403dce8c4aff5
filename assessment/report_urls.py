from django.urls import path

from .views import reports

urlpatterns = [
    path("<int:pk>/", reports.report_detail_view, name="report-detail"),
    path("<int:pk>/pdf/", reports.report_pdf_view, name="report-pdf"),
    path("<int:pk>/retry/", reports.report_retry_view, name="report-retry"),
]
