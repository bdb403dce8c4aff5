from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api_tokens import api_token_obtain
from core.api.utils import validated


class TokenObtainInput(serializers.Serializer):
    username = serializers.CharField(label=_("Username"), max_length=150)
    password = serializers.CharField(
        label=_("Password"), max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )
    otp_token = serializers.CharField(
        label=_("One-time code"), max_length=32, required=False, allow_blank=True, default="",
        help_text=_(
            "The 6-digit code from your authenticator app, or one of your recovery codes (each works "
            "once). Required for reviewers, administrators and anyone who has set up an authenticator."
        ),
    )


class TokenObtainView(APIView):
    """Exchange a username, password and — where a second factor is required — a one-time code
    for an API token (send as `Authorization: Token …`)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=TokenObtainInput,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Field-level errors: {error: {status, code, message, fields}}; "
                                             "a missing or wrong one-time code is an error on `otp_token`"),
            429: OpenApiResponse(description="Too many failed logins: the account or address is locked"),
        },
        examples=[
            OpenApiExample("With a second factor", request_only=True,
                           value={"username": "reviewer", "password": "…", "otp_token": "123456"}),
        ],
        auth=[],
    )
    def post(self, request):
        data = validated(TokenObtainInput, request)
        token = api_token_obtain(
            request=request._request, username=data["username"], password=data["password"],
            otp_token=data["otp_token"],
        )
        return Response({"token": token.key})
