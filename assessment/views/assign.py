"""Assigning consultants (reviewers and administrators) and reading notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from assessment.access import may_review
from assessment.services.assessments import assessment_assign
from assessment.services.notifications import notifications_mark_read

from .common import error_map, visible_assessment


@login_required
@require_POST
def assign_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    if not may_review(request.user):
        raise PermissionDenied
    consultant = User.objects.filter(pk=request.POST.get("consultant") or 0, role=Role.CONSULTANT).first()
    try:
        if consultant is None:
            raise ValidationError({"consultant": _("Choose an active consultant.")})
        assessment_assign(actor=request.user, assessment=assessment, consultant=consultant)
    except ValidationError as exc:
        for errors in error_map(exc).values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("Consultant assigned."))
    return redirect("assessment-detail", pk=assessment.pk)


@login_required
@require_POST
def notifications_read_view(request):
    notifications_mark_read(user=request.user)
    return redirect("home")
