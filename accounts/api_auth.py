"""API token authentication that keeps the second-factor rule.

A user who must verify a second factor (reviewers, administrators, anyone enrolled) gets a
token only by sending a one-time code with the password (accounts.api_tokens); such a token is
marked as verified by the device that accepted the code, and counts as a verified login for as
long as that device is still the user's. Any other token of such a user — issued for a password
alone, before the second factor was required — is refused here, and the refusal is audited.
"""

import functools

from django.utils.translation import gettext_lazy as _
from django_otp.middleware import is_verified
from rest_framework import authentication, exceptions

from .api_tokens import api_token_expired, api_token_refused, api_token_verified_device
from .otp import otp_required


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        if api_token_expired(token):
            raise exceptions.AuthenticationFailed(_("This token has expired. Request a new one."))
        device = None
        if otp_required(user):
            device = api_token_verified_device(token=token, user=user)
            if device is None:
                api_token_refused(user=user, request=getattr(request, "_request", request))
                raise exceptions.AuthenticationFailed(
                    _("This token was issued without your second factor. Request a new token with the "
                      "code from your authenticator app in otp_token.")
                )
        # As django_otp's middleware does for a session: the device that verified, if any.
        user.otp_device = device
        user.is_verified = functools.partial(is_verified, user)
        return user, token
