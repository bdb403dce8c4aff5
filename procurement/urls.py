"""Pages under /procurement/ (include with namespace "procurement")."""

from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("guidance/", views.guidance_wizard, name="guidance"),
    path("guidance/result/", views.guidance_result, name="guidance-result"),
    path("projects/", views.project_list_page, name="project-list"),
    path("projects/new/", views.project_create, name="project-create"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
]
