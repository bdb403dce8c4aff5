"""In-app notifications and email on submit, return, approve and reopen."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from assessment.models import Assessment, Notification

SUBJECTS = {
    "submitted": gettext_noop("Assessment submitted for review: %(assessment)s"),
    "returned": gettext_noop("Assessment returned to you: %(assessment)s"),
    "approved": gettext_noop("Assessment approved: %(assessment)s"),
    "reopened": gettext_noop("Assessment reopened: %(assessment)s"),
}


def recipients_for(*, assessment: Assessment, event: str, actor) -> list[User]:
    if event == "submitted":
        users = User.objects.filter(role=Role.REVIEWER, is_active=True)
    else:
        # The body's officials and the consultants assigned to this assessment.
        users = User.objects.filter(is_active=True).filter(
            Q(role=Role.OFFICIAL, body_id=assessment.cloud.owner_id) | Q(assignments__assessment=assessment)
        )
    return [u for u in users.distinct() if u.pk != actor.pk]


def notify(*, assessment: Assessment, event: str, actor, comment: str = "") -> None:
    if not event:
        return
    recipients = recipients_for(assessment=assessment, event=event, actor=actor)
    Notification.objects.bulk_create(
        [Notification(recipient=u, assessment=assessment, event=event, actor=actor) for u in recipients]
    )
    emails = [u.email for u in recipients if u.email]
    if emails:
        transaction.on_commit(lambda: _send(assessment, event, comment, emails))


def _send(assessment: Assessment, event: str, comment: str, emails: list[str]) -> None:
    # Mail goes out in the product's default language (Chinese); the link shows the rest.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _(SUBJECTS[event]) % {"assessment": str(assessment)}
        body = subject + (f"\n\n{comment}" if comment else "") + f"\n\n/assessments/{assessment.pk}/"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)


def notifications_mark_read(*, user) -> int:
    from django.utils import timezone

    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
