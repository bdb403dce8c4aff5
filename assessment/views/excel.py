"""Excel template download and import (all-or-nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessment.access import may_fill
from assessment.forms import ImportForm
from assessment.services.excel import excel_import, excel_template
from audit.services import audit_record
from core.i18n import active_language

from .common import error_map, lock_version_from, visible_assessment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def excel_template_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    content = excel_template(assessment=assessment, language_zh=active_language().startswith("zh"))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.pk}-r{assessment.revision}.xlsx"'
    audit_record(event="export", user=request.user, obj=assessment, request=request, detail={"format": "xlsx"})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def excel_import_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    if not may_fill(request.user, assessment):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            excel_import(
                actor=request.user, assessment_id=assessment.pk,
                content=form.cleaned_data["file"].read(), lock_version=lock_version_from(request),
            )
        except ValidationError as exc:
            errors = [e for messages_ in error_map(exc).values() for e in messages_]
        else:
            messages.success(request, _("Imported. Every value in the file was saved."))
            return redirect("assessment-detail", pk=assessment.pk)
    return render(request, "assessment/import.html", {"assessment": assessment, "form": form, "errors": errors})
