"""The request being served, so services deep in a call can record who and from where.

Set by audit.middleware.AuditMiddleware; empty in commands, tasks and tests without a request.
"""

from contextvars import ContextVar

from django.http import HttpRequest

current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)
