"""Language choice: zh-hans unless the user switched (cookie).

Pages ignore the browser's Accept-Language on purpose: the product is Chinese first and a
government workstation's browser locale says little about its user. API clients set
Accept-Language deliberately, so /api/ honours it.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self._choose(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

    @staticmethod
    def _choose(request) -> str:
        if request.path.startswith("/api/"):
            return translation.get_language_from_request(request)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie:
            try:
                return translation.get_supported_language_variant(cookie)
            except LookupError:
                pass
        return settings.LANGUAGE_CODE
