"""Gates between login and the application: the second factor, then an expired password.

Both send a signed-in user to one page until the step is done; the login, logout, language
and static paths stay open. API calls on a session get a 403 in the API's error format.
"""

from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .otp import otp_enrolled, otp_required
from .password_policy import password_expired

OPEN_PREFIXES = ("/accounts/login/", "/accounts/logout/", "/i18n/", "/static/", "/health/", "/favicon.ico")


def _is_open(path: str, *extra: str) -> bool:
    return path.startswith(OPEN_PREFIXES + extra)


def _divert(request, url: str, code: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"status": 403, "code": code, "message": message}}, status=403)
    target = f"{url}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):  # htmx: load the whole page, not a fragment
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return HttpResponseRedirect(target)


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: reviewers and administrators (and anyone enrolled)
    reach nothing but the second-factor pages until they verify."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not _is_open(request.path, "/accounts/otp/")
            and not user.is_verified()
            and otp_required(user)
        ):
            name = "otp-verify" if otp_enrolled(user) else "otp-setup"
            return _divert(request, reverse(name), "second_factor_required",
                           _("Verify your second factor (authenticator code) first."))
        return self.get_response(request)


class PasswordExpiryMiddleware:
    """A password older than PASSWORD_MAX_AGE_DAYS must be changed before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not _is_open(request.path, "/accounts/otp/", "/accounts/password/") \
                and password_expired(user):
            return _divert(request, reverse("password-change"), "password_expired",
                           _("Your password has expired. Choose a new one."))
        return self.get_response(request)
