"""Bodies and clouds: thin views over selectors (reads) and services (writes)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from core.api.permissions import IsAdministratorOrReadOnly
from core.api.utils import int_pk, paginated_response, validated

from .. import selectors, services
from .serializers import BodyInput, BodyOutput, CloudInput, CloudOutput


class BodyViewSet(viewsets.ViewSet):
    permission_classes = [IsAdministratorOrReadOnly]
    lookup_value_regex = "[0-9]+"  # ids are integers (and typed so in the schema)

    @extend_schema(responses=BodyOutput(many=True))
    def list(self, request):
        return paginated_response(request, selectors.body_list(user=request.user), BodyOutput, view=self)

    @extend_schema(responses=BodyOutput)
    def retrieve(self, request, pk=None):
        return Response(BodyOutput(selectors.body_get(user=request.user, pk=int_pk(pk))).data)

    @extend_schema(request=BodyInput, responses={201: BodyOutput})
    def create(self, request):
        body = services.body_create(**validated(BodyInput, request))
        return Response(BodyOutput(body).data, status=status.HTTP_201_CREATED)


class CloudViewSet(viewsets.ViewSet):
    permission_classes = [IsAdministratorOrReadOnly]
    lookup_value_regex = "[0-9]+"  # ids are integers (and typed so in the schema)

    @extend_schema(responses=CloudOutput(many=True))
    def list(self, request):
        return paginated_response(request, selectors.cloud_list(user=request.user), CloudOutput, view=self)

    @extend_schema(responses=CloudOutput)
    def retrieve(self, request, pk=None):
        return Response(CloudOutput(selectors.cloud_get(user=request.user, pk=int_pk(pk))).data)

    @extend_schema(request=CloudInput, responses={201: CloudOutput})
    def create(self, request):
        cloud = services.cloud_create(**validated(CloudInput, request))
        return Response(CloudOutput(cloud).data, status=status.HTTP_201_CREATED)
