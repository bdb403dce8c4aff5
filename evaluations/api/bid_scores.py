"""POST /api/v1/procurement/bid-scores/: recompute a published result, stateless."""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.utils import validated

from ..scorecheck import score_check
from .serializers import BidScoresInput


class BidScoresView(APIView):
    """Rules (method, goods/services, price points, rounding) and bids in; price scores,
    totals, ranking and any mismatch with the published figures out. Nothing is stored."""

    @extend_schema(request=BidScoresInput, responses=OpenApiTypes.OBJECT)
    def post(self, request):
        data = validated(BidScoresInput, request)
        outcome = score_check(data)
        if outcome.get("errors"):
            raise ValidationError(outcome["errors"])
        return Response(outcome["result"])
