"""Make the request known to the audit service, and record every permission denial (403)."""

from .context import current_request
from .models import AuditEvent, AuditResult
from .services import audit_record


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                audit_record(event=AuditEvent.PERMISSION_DENIED, request=request, result=AuditResult.DENIED)
            return response
        finally:
            current_request.reset(token)
