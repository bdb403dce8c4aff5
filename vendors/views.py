"""Vendor pages: catalogue, details, side-by-side comparison and its Excel export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.services import audit_record
from procurement.comparison import GateRules

from . import selectors
from .exports import comparison_workbook
from .forms import ComparisonForm, VendorFilterForm
from .models import Vendor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def vendor_list(request):
    form = VendorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    vendors = selectors.vendor_list(
        user=request.user, kind=filters.get("kind") or None, search=filters.get("search") or None
    )
    return render(request, "vendors/vendor_list.html", {"form": form, "vendors": vendors})


@require_GET
@login_required
def vendor_detail(request, pk: int):
    try:
        vendor = selectors.vendor_get(user=request.user, pk=pk)
    except Vendor.DoesNotExist:
        raise Http404 from None
    history = vendor.changes.select_related("actor")[:20] if request.user.is_administrator else None
    return render(request, "vendors/vendor_detail.html", {"vendor": vendor, "history": history})


def _comparison(request):
    """The bound form and, when it and the gate rules are valid, the comparison."""
    form = ComparisonForm.from_query(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        comparison = selectors.vendor_comparison(
            user=request.user,
            ids=data["ids"],
            rules=GateRules(
                bid_deadline=data["deadline"],
                cac_assessment_required=data["cac_required"],
                min_mlps_level=data["min_mlps_level"],
                required_kinds=tuple(data["required"]),
                warn_window_days=data["warn_days"],
            ),
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        return form, None
    return form, comparison


@require_GET
@login_required
def vendor_compare(request):
    form, comparison = _comparison(request)
    status = 200 if comparison is not None else 400
    return render(
        request,
        "vendors/compare.html",
        {"form": form, "comparison": comparison, "query": request.GET.urlencode()},
        status=status,
    )


@require_GET
@login_required
def vendor_compare_xlsx(request):
    form, comparison = _comparison(request)
    if comparison is None:
        return render(
            request, "vendors/compare.html", {"form": form, "comparison": None}, status=400
        )
    response = HttpResponse(comparison_workbook(comparison), content_type=XLSX)
    name = f"vendor-comparison-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit_record(event="export", user=request.user, request=request, detail={"format": "xlsx", "export": "vendor-comparison", "query": request.GET.urlencode()[:500]})
    # The export reflects the signed-in user's query: never cache it anywhere.
    response["Cache-Control"] = "no-store"
    return response
