"""Evaluations API: thin views over selectors (reads) and services (writes)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import User
from core.api.utils import int_pk, paginated_response, validated
from procurement.models import ProcurementProject
from procurement.selectors.projects import project_get
from vendors.models import Vendor

from .. import selectors, services
from ..models import Bid
from ..permissions import sees_all_member_scores, sees_member_scores, sees_result
from ..results import (
    evaluation_ocds,
    evaluation_record,
    evaluation_result,
    evaluation_sensitivity,
)
from ..services.scores import ScoreEntry
from .serializers import (
    EvaluationBidInput,
    EvaluationBidOutput,
    EvaluationBidUpdateInput,
    EvaluationInput,
    EvaluationOutput,
    EvaluationUpdateInput,
    EvaluationUserRef,
    MemberScoreOutput,
    MemberScoresInput,
    PanelMemberInput,
)

ID = OpenApiParameter("id", int, OpenApiParameter.PATH)
BID_ID = OpenApiParameter("bid_pk", int, OpenApiParameter.PATH)
USER_ID = OpenApiParameter("user_pk", int, OpenApiParameter.PATH)


def _vendor(pk):
    if pk is None:
        return None
    vendor = Vendor.objects.filter(pk=pk).first()
    if vendor is None:
        raise ValidationError({"vendor": _("No such vendor.")})
    return vendor


class EvaluationViewSet(viewsets.ViewSet):
    def _get(self, request, pk):
        return selectors.evaluation_get(user=request.user, pk=int_pk(pk))

    @extend_schema(responses=EvaluationOutput(many=True))
    def list(self, request):
        return paginated_response(
            request, selectors.evaluation_list(user=request.user), EvaluationOutput, view=self
        )

    @extend_schema(parameters=[ID], responses=EvaluationOutput)
    def retrieve(self, request, pk=None):
        return Response(EvaluationOutput(self._get(request, pk)).data)

    @extend_schema(request=EvaluationInput, responses={201: EvaluationOutput})
    def create(self, request):
        data = validated(EvaluationInput, request)
        try:
            project = project_get(user=request.user, pk=data.pop("project"))
        except ProcurementProject.DoesNotExist:
            raise ValidationError({"project": _("No such procurement project.")}) from None
        evaluation = services.evaluation_create(user=request.user, project=project, **data)
        evaluation = self._get(request, evaluation.pk)
        return Response(EvaluationOutput(evaluation).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[ID], request=EvaluationUpdateInput, responses=EvaluationOutput)
    def partial_update(self, request, pk=None):
        evaluation = self._get(request, pk)
        services.evaluation_update(
            user=request.user, evaluation=evaluation, **validated(EvaluationUpdateInput, request)
        )
        return Response(EvaluationOutput(self._get(request, pk)).data)

    # --- bids ---------------------------------------------------------------------------
    @extend_schema(methods=["GET"], parameters=[ID], responses=EvaluationBidOutput(many=True))
    @extend_schema(methods=["POST"], parameters=[ID], request=EvaluationBidInput, responses={201: EvaluationBidOutput})
    @action(detail=True, methods=["get", "post"])
    def bids(self, request, pk=None):
        evaluation = self._get(request, pk)
        if request.method == "GET":
            return paginated_response(
                request, selectors.bid_list(evaluation=evaluation), EvaluationBidOutput, view=self
            )
        data = validated(EvaluationBidInput, request)
        data["vendor"] = _vendor(data.get("vendor"))
        bid = services.bid_create(user=request.user, evaluation=evaluation, **data)
        return Response(EvaluationBidOutput(bid).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["PATCH"], parameters=[ID, BID_ID], request=EvaluationBidUpdateInput, responses=EvaluationBidOutput)
    @extend_schema(methods=["DELETE"], parameters=[ID, BID_ID], responses={204: None})
    @action(detail=True, methods=["patch", "delete"], url_path=r"bids/(?P<bid_pk>[^/.]+)")
    def bid_detail(self, request, pk=None, bid_pk=None):
        evaluation = self._get(request, pk)
        bid = get_object_or_404(Bid, evaluation=evaluation, pk=int_pk(bid_pk))
        if request.method == "DELETE":
            services.bid_delete(user=request.user, bid=bid)
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = validated(EvaluationBidUpdateInput, request)
        if "vendor" in data:
            data["vendor"] = _vendor(data["vendor"])
        bid = services.bid_update(user=request.user, bid=bid, **data)
        return Response(EvaluationBidOutput(bid).data)

    # --- panel --------------------------------------------------------------------------
    @extend_schema(methods=["GET"], parameters=[ID], responses=EvaluationUserRef(many=True))
    @extend_schema(methods=["POST"], parameters=[ID], request=PanelMemberInput, responses={201: EvaluationUserRef})
    @action(detail=True, methods=["get", "post"])
    def panel(self, request, pk=None):
        evaluation = self._get(request, pk)
        if request.method == "GET":
            return Response([EvaluationUserRef(m.user).data for m in evaluation.panel.all()])
        member = User.objects.filter(pk=validated(PanelMemberInput, request)["user"]).first()
        if member is None:
            raise ValidationError({"user": _("No such user.")})
        entry = services.panel_member_add(user=request.user, evaluation=evaluation, member=member)
        return Response(EvaluationUserRef(entry.user).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[ID, USER_ID], responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"panel/(?P<user_pk>[^/.]+)")
    def panel_member(self, request, pk=None, user_pk=None):
        evaluation = self._get(request, pk)
        member = get_object_or_404(User, pk=int_pk(user_pk))
        services.panel_member_remove(user=request.user, evaluation=evaluation, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- member scores ------------------------------------------------------------------
    @extend_schema(methods=["GET"], parameters=[ID], responses=MemberScoreOutput(many=True))
    @extend_schema(methods=["POST"], parameters=[ID], request=MemberScoresInput, responses=MemberScoreOutput(many=True))
    @action(detail=True, methods=["get", "post"], url_path="member-scores")
    def member_scores(self, request, pk=None):
        evaluation = self._get(request, pk)
        if request.method == "GET":
            if not sees_member_scores(request.user, evaluation):
                raise PermissionDenied
            scores = selectors.member_score_list(user=request.user, evaluation=evaluation)
            return paginated_response(request, scores, MemberScoreOutput, view=self)
        entries = [
            ScoreEntry(bid_id=s["bid"], criterion=s["criterion"], points=s["points"])
            for s in validated(MemberScoresInput, request)["scores"]
        ]
        saved = services.member_scores_submit(user=request.user, evaluation=evaluation, entries=entries)
        return Response(MemberScoreOutput(saved, many=True).data)

    # --- derived ------------------------------------------------------------------------
    @extend_schema(parameters=[ID], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        evaluation = self._get(request, pk)
        if not sees_result(request.user, evaluation):
            raise PermissionDenied
        return Response(evaluation_result(user=request.user, evaluation=evaluation))

    @extend_schema(parameters=[ID], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def sensitivity(self, request, pk=None):
        evaluation = self._get(request, pk)
        if not sees_result(request.user, evaluation):
            raise PermissionDenied
        return Response(evaluation_sensitivity(evaluation=evaluation))

    @extend_schema(parameters=[ID], request=None, responses=EvaluationOutput)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        services.evaluation_close(user=request.user, evaluation=self._get(request, pk))
        return Response(EvaluationOutput(self._get(request, pk)).data)

    @extend_schema(parameters=[ID], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def ocds(self, request, pk=None):
        return Response(evaluation_ocds(evaluation=self._get(request, pk)))

    @extend_schema(parameters=[ID], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def record(self, request, pk=None):
        evaluation = self._get(request, pk)
        if not sees_all_member_scores(request.user, evaluation):
            raise PermissionDenied
        return Response(evaluation_record(evaluation=evaluation))
