"""The security audit log: append-only records chained by hash, and the chain's head.

The application never updates or deletes a record: `save()` refuses anything but an insert, the
queryset refuses bulk update and delete, and the database refuses UPDATE (a trigger, see the
migration). Only `audit.services.audit_purge` removes records, and only a prefix of the chain
older than the retention period; the chain head then keeps the last removed hash as its anchor.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS_HASH


class AuditLogImmutable(Exception):
    """Raised on any attempt to change or remove an audit record from the application."""


class AuditEvent(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOGOUT = "logout", _("Logout")
    LOCKOUT = "lockout", _("Account or address locked out")
    SESSION_EXPIRED = "session_expired", _("Session expired")
    OTP_ENROLLED = "otp_enrolled", _("Second factor enrolled")
    OTP_VERIFIED = "otp_verified", _("Second factor verified")
    OTP_FAILED = "otp_failed", _("Second factor failed")
    RECOVERY_CODES = "recovery_codes", _("Recovery codes issued")
    OTP_RESET = "otp_reset", _("Second factor reset by an administrator")
    UNLOCK = "unlock", _("Lockout lifted by an administrator")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    PERMISSION_DENIED = "permission_denied", _("Permission denied")
    USER_CREATED = "user_created", _("User created")
    ROLE_CHANGE = "role_change", _("Role or permission change")
    APPROVAL = "approval", _("Approval")
    WORKFLOW = "workflow", _("Workflow transition")
    EXPORT = "export", _("Export")
    DOWNLOAD = "download", _("Download")
    AUDIT_PURGE = "audit_purge", _("Audit log purge")


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    DENIED = "denied", _("Denied")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogImmutable("Audit records cannot be updated.")

    def delete(self):
        raise AuditLogImmutable("Audit records cannot be deleted; see audit_purge.")

    def _purge(self) -> int:
        """The one removal path, used by audit.services.audit_purge only."""
        return self._raw_delete(self.db)


class AuditRecord(models.Model):
    seq = models.BigIntegerField(_("sequence"), unique=True, editable=False)
    created_at = models.DateTimeField(_("time (UTC)"), db_index=True, editable=False)
    event = models.CharField(_("event"), max_length=32, choices=AuditEvent.choices, db_index=True)
    result = models.CharField(_("result"), max_length=16, choices=AuditResult.choices)
    # No foreign key: a record must survive its user unchanged (a cascade would rewrite it).
    actor_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    actor_username = models.CharField(_("user"), max_length=150, blank=True, db_index=True)
    ip_address = models.CharField(_("address"), max_length=45, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event} {self.actor_username or '-'} {self.result}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogImmutable("Audit records cannot be updated.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogImmutable("Audit records cannot be deleted; see audit_purge.")


class AuditChain(models.Model):
    """The single head row (pk=1): writers lock it, so records are chained one at a time.

    `anchor_*` is where verification starts: the genesis, or the last record a purge removed.
    """

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    anchor_seq = models.BigIntegerField(default=0)
    anchor_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    purged_before = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"audit chain at seq {self.last_seq} (anchor {self.anchor_seq})"
