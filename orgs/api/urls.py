from rest_framework.routers import SimpleRouter

from .views import BodyViewSet, CloudViewSet

router = SimpleRouter()
router.register("bodies", BodyViewSet, basename="body")
router.register("clouds", CloudViewSet, basename="cloud")
urlpatterns = router.urls
