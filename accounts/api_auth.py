"""API token authentication that keeps the second-factor rule.

A token is issued for a password alone (POST /api/v1/auth/token/), so a token of a user who
must verify a second factor (reviewers, administrators, anyone enrolled) would bypass it. Such
users use the API through their verified session instead; their tokens are refused here.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .otp import otp_required


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if otp_required(user):
            raise exceptions.AuthenticationFailed(
                _("Your account needs a second factor: use the API through a verified session, not a token.")
            )
        return user, token
