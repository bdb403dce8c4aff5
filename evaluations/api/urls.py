from django.urls import path
from rest_framework.routers import SimpleRouter

from .bid_scores import BidScoresView
from .views import EvaluationViewSet

router = SimpleRouter()
router.register("evaluations", EvaluationViewSet, basename="evaluation")

urlpatterns = [
    path("procurement/bid-scores/", BidScoresView.as_view(), name="procurement-bid-scores"),
    *router.urls,
]
