"""API tokens: issued for a password and, where the second-factor rule asks, a one-time code.

POST /api/v1/auth/token/ takes `username`, `password` and `otp_token`. Users who must verify a
second factor (accounts.otp.otp_required: reviewers, administrators, anyone enrolled) get a
token only with a valid code from their authenticator or one of their recovery codes (used up);
the token is then marked as verified by that device (ApiTokenVerification). Everyone else gets
a token for the password alone, as before.

Every attempt counts for the lockout as a web login does: the password is checked through
`authenticate()` on the HTTP request (django-axes' backend first, so a locked account or
address is refused and each failure counted); a missing or wrong code is a failed login too
(`user_login_failed`, which axes counts and the audit log records); a token issued resets the
failures as a successful login does. Issues, failures and refusals are in the audit log.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from rest_framework.authtoken.models import Token

from audit.models import AuditEvent, AuditResult
from audit.services import audit_record

from .models import ApiTokenVerification
from .otp import otp_enrolled, otp_match, otp_method_detail, otp_required

CHANNEL = "api_token"


def api_token_obtain(*, request: HttpRequest, username: str, password: str, otp_token: str = "") -> Token:
    """The caller's API token, or a field-level ValidationError (nothing issued).

    `request` is the plain HttpRequest (not DRF's wrapper): django-axes marks a lockout on it
    and its middleware answers 429 for a locked account or address.
    """
    user = authenticate(request, username=username, password=password)
    if user is None:
        # authenticate() sent user_login_failed: axes counted it and the audit log recorded it.
        raise ValidationError(_("Unable to log in with provided credentials."), code="authorization")
    if not otp_required(user):
        with transaction.atomic():
            token = Token.objects.select_for_update().filter(user=user).first()
            if token is None or api_token_expired(token):
                Token.objects.filter(user=user).delete()
                token = Token.objects.create(user=user)
        _issued(request, user, token, second_factor=None)
        return token
    match = otp_match(user=user, token=otp_token) if otp_token else None
    if match is None:
        if not otp_enrolled(user):
            reason, message = "not_enrolled", _(
                "Your account needs a second factor. Set up an authenticator app on your Account "
                "security page first, then send its code here."
            )
        elif not otp_token.strip():
            reason, message = "missing", _(
                "Your account needs a second factor: enter the 6-digit code from your authenticator app, "
                "or one of your recovery codes."
            )
        else:
            reason, message = "invalid", _("That code is not valid. Wait for a new code and try again.")
        audit_record(event=AuditEvent.OTP_FAILED, user=user, request=request, result=AuditResult.FAILURE,
                     detail={"stage": CHANNEL, "reason": reason})
        user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
        raise ValidationError({"otp_token": message})
    device, method = match
    token = _verified_token(user=user, device=device)
    audit_record(event=AuditEvent.OTP_VERIFIED, user=user, request=request,
                 detail={"stage": CHANNEL, **otp_method_detail(device, method)})
    _issued(request, user, token, second_factor=method)
    return token


@transaction.atomic
def _verified_token(*, user, device: Device) -> Token:
    """The user's token marked as verified. A token without the mark (issued for a password
    alone, perhaps before the second factor was required) is replaced by a new key: whoever
    knew the old key only had the password."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and not api_token_expired(token) and api_token_verified_device(token=token, user=user):
        return token
    if token is not None:
        token.delete()
    token = Token.objects.create(user=user)
    ApiTokenVerification.objects.create(token=token, device_id=device.persistent_id)
    return token


def api_token_expired(token: Token) -> bool:
    """Tokens live as long as a session may (API_TOKEN_LIFETIME): then a new one is asked for,
    with the password and, where required, the second factor again."""
    return token.created + timedelta(seconds=settings.API_TOKEN_LIFETIME) <= timezone.now()


def api_token_verified_device(*, token: Token, user) -> Device | None:
    """The device that verified `token`, if it is still the user's and confirmed; else None."""
    try:
        verification = token.verification
    except ApiTokenVerification.DoesNotExist:
        return None
    device = Device.from_persistent_id(verification.device_id)
    if device is None or device.user_id != user.pk or not device.confirmed:
        return None
    return device


def api_token_refused(*, user, request: HttpRequest | None) -> None:
    """Record a token refused on use (issued without the second factor its user now needs)."""
    audit_record(event=AuditEvent.PERMISSION_DENIED, user=user, request=request, result=AuditResult.DENIED,
                 detail={"channel": CHANNEL, "reason": "second_factor_not_verified"})


def _issued(request: HttpRequest, user, token: Token, *, second_factor: str | None) -> None:
    audit_record(event=AuditEvent.LOGIN, user=user, request=request,
                 detail={"channel": CHANNEL, "second_factor": second_factor})
    if settings.AXES_RESET_ON_SUCCESS:
        _axes_reset(request, username=user.get_username())


def _axes_reset(request: HttpRequest, *, username: str) -> None:
    """Clear the failures of this account and of this address, as a successful web login does
    (axes' user_logged_in handler; not sent here, since it would open a session for an API call)."""
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address, username=username, ip_or_username=True)
