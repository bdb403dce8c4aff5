from django.urls import path

from . import assessments as a
from . import assignments as g
from . import frameworks as f
from . import reports as r

urlpatterns = [
    path("frameworks/", f.FrameworkListApi.as_view(), name="api-frameworks"),
    path("frameworks/<slug:slug>/<int:version>/", f.FrameworkDetailApi.as_view(), name="api-framework"),
    path("frameworks/<slug:slug>/<int:version>/score/", f.FrameworkScoreApi.as_view(), name="api-framework-score"),
    path("assessments/", a.AssessmentListApi.as_view(), name="api-assessments"),
    path("assessments/<str:pk>/", a.AssessmentDetailApi.as_view(), name="api-assessment"),
    path("assessments/<str:pk>/responses/", a.ResponsesApi.as_view(), name="api-responses"),
    path("assessments/<str:pk>/responses/<str:code>/", a.ResponseDetailApi.as_view(), name="api-response"),
    path("assessments/<str:pk>/score/", a.ScoreApi.as_view(), name="api-score"),
    path("assessments/<str:pk>/what-if/", a.WhatIfApi.as_view(), name="api-what-if"),
    path("assessments/<str:pk>/history/", a.HistoryApi.as_view(), name="api-history"),
    path("assessments/<str:pk>/assignments/", g.AssignmentApi.as_view(), name="api-assignments"),
    path("assessments/<str:pk>/evidence/", a.EvidenceApi.as_view(), name="api-evidence"),
    path("assessments/<str:pk>/evidence/<str:evidence_id>/", a.EvidenceDownloadApi.as_view(), name="api-evidence-download"),
    path("assessments/<str:pk>/excel/", a.ExcelApi.as_view(), name="api-excel"),
    path("assessments/<str:pk>/reports/", r.ReportRequestApi.as_view(), name="api-report-request"),
    path("reports/<str:pk>/", r.ReportDetailApi.as_view(), name="api-report"),
    path("reports/<str:pk>/pdf/", r.ReportPdfApi.as_view(), name="api-report-pdf"),
] + [
    path(f"assessments/<str:pk>/{slug}/", a.TransitionApi.as_view(action=action), name=f"api-{slug}")
    for slug, action in (("submit", "submit"), ("start-review", "start_review"), ("return", "return"),
                         ("approve", "approve"), ("reopen", "reopen"))
]
