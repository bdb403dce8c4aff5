"""Login, second factor, password change and the lockout page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .forms import LoginForm, OTPConfirmForm, OTPTokenForm, PasswordChangeForm
from .otp import (
    otp_enrol_confirm,
    otp_enrol_start,
    otp_enrolled,
    otp_may_enrol,
    otp_qr_data_uri,
    otp_recovery_codes_issue,
    otp_required,
    otp_secret_text,
    otp_verify,
)
from .password_policy import password_expires_at
from .services import user_set_password


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this for a locked-out account or address: the login page with the
    reason, in the user's language, with 429 (never a 500)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed logins. This account or address is locked for %(minutes)d minutes; try again later."
    ) % {"minutes": minutes}
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": {"status": 429, "code": "locked_out", "message": message}}, status=429)
    form = LoginForm(request, initial={"username": (credentials or {}).get("username", "")})
    return render(request, "registration/login.html", {"form": form, "lockout_message": message}, status=429)


def _next_url(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


@never_cache
@login_required
def otp_verify_view(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not otp_enrolled(request.user):
        return redirect(f"{_setup_url()}?next={_next_url(request)}")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Wait for a new code and try again."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


def _setup_url() -> str:
    return reverse("otp-setup")


@never_cache
@login_required
def otp_setup_view(request):
    if not otp_may_enrol(request):
        return redirect(f"{_verify_url()}?next={request.get_full_path()}")
    device = otp_enrol_start(user=request.user)
    form = OTPConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = otp_enrol_confirm(request=request, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("token", _("That code does not match. Check the time on your phone and try again."))
    context = {
        "form": form, "qr": otp_qr_data_uri(device), "secret": otp_secret_text(device),
        "required": otp_required(request.user), "next": _next_url(request),
    }
    return render(request, "accounts/otp_setup.html", context)


def _verify_url() -> str:
    return reverse("otp-verify")


@never_cache
@login_required
@require_POST
def recovery_codes_view(request):
    if not request.user.is_verified():
        return redirect(f"{_verify_url()}?next={request.path}")
    codes = otp_recovery_codes_issue(request=request)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@never_cache
@login_required
def security_view(request):
    context = {
        "enrolled": otp_enrolled(request.user), "verified": request.user.is_verified(),
        "required": otp_required(request.user), "password_expires_at": password_expires_at(request.user),
    }
    return render(request, "accounts/security.html", context)


@never_cache
@login_required
def password_change_view(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_set_password(
                user=request.user, password=form.cleaned_data["new_password1"],
                current_password=form.cleaned_data["old_password"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error("new_password1" if field == "password" else field, errors)
        else:
            update_session_auth_hash(request, request.user)  # stay signed in here, nowhere else
            messages.success(request, _("Your password has been changed."))
            return redirect(_next_url(request))
    return render(request, "accounts/password_change.html", {"form": form, "next": _next_url(request)})
