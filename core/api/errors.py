"""One error format for the whole API, with field-level messages in the user's language.

    {"error": {"status": 400, "code": "invalid", "message": "…",
               "fields": {"name": ["…"], "answers.P1.value": ["…"]}}}

Service-layer `django.core.exceptions.ValidationError` is turned into the same shape, so a
rule enforced in a service reads the same as one enforced by a serializer.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def exception_handler(exc, context):
    exc = _normalise(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    fields = _flatten(detail) if isinstance(exc, exceptions.ValidationError) else {}
    code = _code(exc)
    message = (
        _("The request has errors; see the fields.")
        if isinstance(exc, exceptions.ValidationError)
        else _first_message(detail)
    )
    body = {"status": response.status_code, "code": code, "message": message}
    if fields:
        body["fields"] = fields
    response.data = {"error": body}
    return response


def _normalise(exc):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(
                {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
            )
        return exceptions.ValidationError({NON_FIELD: exc.messages})
    if isinstance(exc, (Http404, ObjectDoesNotExist)):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _code(exc) -> str:
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(codes, str):
        return codes
    return getattr(exc, "default_code", "error")


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            for k, v in _flatten(value, path).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            out[prefix or NON_FIELD] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                if item:
                    out.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
    else:
        out[prefix or NON_FIELD] = [str(detail)]
    return out


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        return _first_message(next(iter(detail.values()), ""))
    if isinstance(detail, list):
        return _first_message(detail[0]) if detail else ""
    return str(detail)
