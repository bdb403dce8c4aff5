from django.urls import path

from .views import assign, benchmark, evidence, excel, fill, pages, reports, review

urlpatterns = [
    path("", pages.assessment_list_view, name="assessment-list"),
    path("new/", pages.assessment_create_view, name="assessment-create"),
    path("review-queue/", pages.review_queue_view, name="review-queue"),
    path("<int:pk>/", pages.assessment_detail_view, name="assessment-detail"),
    path("<int:pk>/history/", pages.assessment_history_view, name="assessment-history"),
    path("<int:pk>/review/", review.review_view, name="assessment-review"),
    path("<int:pk>/benchmark/", benchmark.benchmark_view, name="assessment-benchmark"),
    path("<int:pk>/reports/", reports.report_request_view, name="report-request"),
    path("<int:pk>/assign/", assign.assign_view, name="assessment-assign"),
    path("notifications/read/", assign.notifications_read_view, name="notifications-read"),
    path("<int:pk>/comments/", review.comment_view, name="assessment-comment"),
    path("<int:pk>/fill/<slug:dimension>/", fill.fill_view, name="assessment-fill"),
    path("<int:pk>/fill/<slug:dimension>/preview/", fill.preview_view, name="assessment-preview"),
    path("<int:pk>/actions/<slug:action>/", pages.assessment_transition_view, name="assessment-transition"),
    path("<int:pk>/evidence/", evidence.evidence_upload_view, name="evidence-upload"),
    path("<int:pk>/evidence/<int:evidence_id>/", evidence.evidence_download_view, name="evidence-download"),
    path("<int:pk>/evidence/<int:evidence_id>/remove/", evidence.evidence_remove_view, name="evidence-remove"),
    path("<int:pk>/excel/template/", excel.excel_template_view, name="assessment-excel-template"),
    path("<int:pk>/excel/import/", excel.excel_import_view, name="assessment-excel-import"),
]
