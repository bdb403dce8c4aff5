"""Request-level security helpers shared by the login lockout and the audit log."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


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

