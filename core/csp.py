"""Content-Security-Policy on every HTML response: scripts and styles only from our own files.

Templates carry no inline <script>, no event-handler attributes and no style attributes; htmx
is told by its meta config not to inject styles nor evaluate code. The vendored Swagger UI
(/api/docs/) writes inline script and style, so that one path gets settings.CSP_RELAXED_PATHS.
"""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and response.get("Content-Type", "").startswith("text/html"):
            response["Content-Security-Policy"] = self.policy_for(request.path)
        return response

    @staticmethod
    def policy_for(path: str) -> str:
        for prefix, policy in settings.CSP_RELAXED_PATHS.items():
            if path.startswith(prefix):
                return policy
        return settings.CSP_POLICY
