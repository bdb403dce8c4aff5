"""Small helpers that keep API views thin and alike."""

from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from .pagination import PageNumberPagination


def paginated_response(request, queryset, serializer_class, *, view=None) -> Response:
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


def validated(serializer_class, request, **context) -> dict:
    """Validate request.data; raise the API's field-level 400 on failure."""
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def int_pk(pk) -> int:
    """A path id that is not an integer is simply not found (404), never a 500."""
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
