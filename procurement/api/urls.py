from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import GuidanceView, ProjectViewSet

router = SimpleRouter()
router.register("procurement/projects", ProjectViewSet, basename="procurement-project")

urlpatterns = [
    path("procurement/guidance/", GuidanceView.as_view(), name="procurement-guidance"),
    *router.urls,
]
