"""Assigning consultants over the API (reviewers and administrators)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role, User
from assessment.access import may_review
from assessment.selectors.assessments import assessment_get
from assessment.services.assessments import assessment_assign
from core.api.utils import int_pk, validated

from .serializers import AssessmentOutput


class AssignmentInput(serializers.Serializer):
    consultant = serializers.IntegerField()


class AssignmentApi(APIView):
    @extend_schema(request=AssignmentInput, responses=AssessmentOutput)
    def post(self, request, pk):
        from django.http import Http404

        from assessment.models import Assessment

        try:
            assessment = assessment_get(user=request.user, pk=int_pk(pk))
        except Assessment.DoesNotExist:
            raise Http404 from None
        if not may_review(request.user):
            raise PermissionDenied
        data = validated(AssignmentInput, request)
        consultant = User.objects.filter(pk=data["consultant"], role=Role.CONSULTANT).first()
        if consultant is None:
            raise ValidationError({"consultant": [_("Choose an active consultant.")]})
        assessment_assign(actor=request.user, assessment=assessment, consultant=consultant)
        return Response(AssessmentOutput(assessment_get(user=request.user, pk=assessment.pk)).data)
