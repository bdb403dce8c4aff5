"""Request-level security helpers shared by the login lockout, the audit log and middleware."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or — behind N trusted proxies — the address the
    outermost trusted proxy saw (X-Forwarded-For, counted from the right; the left part is
    whatever the client claimed and is never trusted)."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than REQUEST_MAX_BODY_BYTES with 413, before anything reads
    it. Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams files to disk without
    a limit; this bounds everything, uploads included. Each upload form checks its own, smaller
    limit (e.g. EVIDENCE_MAX_BYTES) with a field-level message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BODY_BYTES
        if length > limit:
            return self._too_large(request, limit)
        return self.get_response(request)

    @staticmethod
    def _too_large(request, limit: int) -> HttpResponse:
        megabytes = max(1, limit // (1024 * 1024))
        message = _("The request is too large: at most %(size)d MB may be sent at once.") % {"size": megabytes}
        if request.path.startswith("/api/"):
            return JsonResponse({"error": {"status": 413, "code": "too_large", "message": message}}, status=413)
        html = format_html(
            '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
            '<body><main><h1>{}</h1><p role="alert">{}</p><p><a href="/">{}</a></p></main></body></html>',
            get_language() or settings.LANGUAGE_CODE, _("Request too large"), _("Request too large"), message, _("Home"),
        )
        return HttpResponse(html, status=413)


class NoStoreMiddleware:
    """Pages and files for a signed-in user are never stored by browsers or proxies (shared
    government workstations): `Cache-Control: no-store` unless a view chose otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        attachment = "attachment" in response.get("Content-Disposition", "")
        if (attachment or (user is not None and user.is_authenticated)) and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response
