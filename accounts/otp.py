"""Second factor (TOTP, django-otp) and one-time recovery codes: rules and writes.

Reviewers and administrators (settings.OTP_REQUIRED_ROLES) must verify a second factor in every
session; anyone else may enrol, and once enrolled is asked for it too. A device is enrolled only
by a user who has none yet or who verified in this session, so a stolen password alone can never
replace the authenticator.
"""

import base64
import io

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent, AuditResult
from audit.services import audit_record

TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def otp_required(user) -> bool:
    """Must `user` verify a second factor before using the application?"""
    if not user.is_authenticated:
        return False
    roles = set(settings.OTP_REQUIRED_ROLES)
    if user.role in roles or ("administrator" in roles and user.is_superuser):
        return True
    return otp_enrolled(user)


def otp_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def otp_may_enrol(request: HttpRequest) -> bool:
    return not otp_enrolled(request.user) or request.user.is_verified()


@transaction.atomic
def otp_enrol_start(*, user) -> TOTPDevice:
    """The pending (unconfirmed) authenticator to show as a QR code; the same one until confirmed."""
    device = TOTPDevice.objects.filter(user=user, name=TOTP_NAME, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


@transaction.atomic
def otp_enrol_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it. Returns the new recovery codes
    (shown once), or None when the code is wrong."""
    user = request.user
    if device.user_id != user.pk or device.confirmed or not device.verify_token(_digits(token)):
        audit_record(event=AuditEvent.OTP_FAILED, user=user, request=request, result=AuditResult.FAILURE,
                     detail={"stage": "enrol"})
        return None
    # One authenticator per user: the new one replaces any earlier one.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(event=AuditEvent.OTP_ENROLLED, user=user, request=request, obj=device)
    _session_verified(request, device)
    return otp_recovery_codes_issue(request=request)


@transaction.atomic
def otp_recovery_codes_issue(*, request: HttpRequest) -> list[str]:
    """New one-time recovery codes; the old ones stop working. Only their holder sees them."""
    user = request.user
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.OTP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit_record(event=AuditEvent.RECOVERY_CODES, user=user, request=request, detail={"count": len(codes)})
    return codes


@transaction.atomic
def otp_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code from the authenticator, or a recovery code (used up on success)."""
    user = request.user
    match = otp_match(user=user, token=token)
    if match is None:
        audit_record(event=AuditEvent.OTP_FAILED, user=user, request=request, result=AuditResult.FAILURE,
                     detail={"stage": "verify"})
        return False
    device, method = match
    _session_verified(request, device)
    audit_record(event=AuditEvent.OTP_VERIFIED, user=user, request=request, detail=otp_method_detail(device, method))
    return True


@transaction.atomic
def otp_match(*, user, token: str) -> tuple[Device, str] | None:
    """The user's confirmed device that accepts `token`, and how ("totp" or "recovery_code");
    None when none does. A device refuses a code twice (a TOTP step is remembered, a recovery
    code is deleted on use) and throttles after failures. The devices are locked while they
    check, so two requests cannot spend the same code."""
    token = (token or "").strip().replace(" ", "").replace("-", "")
    if not token:
        return None
    if token.isdigit():
        for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(token):
                return device, "totp"
    for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
        if device.verify_token(token.lower()):
            return device, "recovery_code"
    return None


def otp_method_detail(device: Device, method: str) -> dict:
    """What the audit log keeps about a successful check: the method, and for a recovery code
    how many are left."""
    if method == "recovery_code":
        return {"method": method, "remaining": device.token_set.count()}
    return {"method": method}


def otp_qr_data_uri(device: TOTPDevice) -> str:
    """The provisioning URI as an SVG QR code, drawn here (no outside service sees the secret)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def otp_secret_text(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing into an authenticator by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _digits(token: str) -> str:
    return token.strip().replace(" ", "")


def _session_verified(request: HttpRequest, device) -> None:
    # A step up in privilege: a new session key, so a key seen before is worth nothing now.
    request.session.cycle_key()
    django_otp.login(request, device)
