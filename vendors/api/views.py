"""Vendor catalogue and comparison: thin views over the selectors."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.utils import int_pk, paginated_response
from procurement.comparison import GateRules

from .. import selectors
from .serializers import (
    ComparisonOutput,
    VendorCompareInput,
    VendorFilterInput,
    VendorOutput,
    VendorSummaryOutput,
)


def query_params(request, *, joined: tuple[str, ...] = ()) -> dict:
    """The query string as a plain dict; names in ``joined`` may repeat and are comma-joined."""
    data = {key: request.query_params.get(key) for key in request.query_params}
    for key in joined:
        if key in request.query_params:
            data[key] = ",".join(request.query_params.getlist(key))
    return data


def validated_query(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=query_params(request, **kwargs))
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class VendorViewSet(viewsets.ViewSet):
    @extend_schema(parameters=[VendorFilterInput], responses=VendorSummaryOutput(many=True))
    def list(self, request):
        filters = validated_query(VendorFilterInput, request)
        vendors = selectors.vendor_list(
            user=request.user,
            kind=filters.get("kind"),
            deployment_model=filters.get("deployment_model"),
            credential_kind=filters.get("credential"),
            search=filters.get("search"),
        )
        return paginated_response(request, vendors, VendorSummaryOutput, view=self)

    @extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)], responses=VendorOutput)
    def retrieve(self, request, pk=None):
        return Response(VendorOutput(selectors.vendor_get(user=request.user, pk=int_pk(pk))).data)

    @extend_schema(
        parameters=[
            VendorCompareInput,
            OpenApiParameter("ids", str, description="Vendor ids, comma-separated (2 to 10)."),
        ],
        responses=ComparisonOutput,
    )
    @action(detail=False, methods=["get"])
    def compare(self, request):
        params = validated_query(VendorCompareInput, request, joined=("ids",))
        comparison = selectors.vendor_comparison(
            user=request.user,
            ids=params["ids"],
            rules=GateRules(
                bid_deadline=params["deadline"],
                cac_assessment_required=params["cac_required"],
                min_mlps_level=params.get("min_mlps_level"),
                required_kinds=tuple(params["required"]),
                warn_window_days=params["warn_days"],
            ),
        )
        return Response(ComparisonOutput(comparison).data)
