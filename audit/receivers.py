"""Authentication events into the audit log (signals are the only hook Django and axes give)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent, AuditResult
from .services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    audit_record(event=AuditEvent.LOGIN, user=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(event=AuditEvent.LOGOUT, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    locked = bool(getattr(request, "axes_locked_out", False))
    audit_record(
        event=AuditEvent.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")),
        result=AuditResult.DENIED if locked else AuditResult.FAILURE,
        detail={"locked_out": locked} if locked else None,
    )


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(
        event=AuditEvent.LOCKOUT, request=request, username=str(username or ""), result=AuditResult.DENIED,
        detail={"ip_address": ip_address},
    )
