from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username or password is wrong. Both are case-sensitive."),
        "inactive": _("This account is disabled. Ask your administrator."),
    }


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
    )


class OTPConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"), max_length=8, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("Scan the QR code, then enter the 6-digit code the app shows."),
    )


class PasswordChangeForm(forms.Form):
    """Input only: the rules are checked by accounts.services.user_set_password."""

    old_password = forms.CharField(label=_("Current password"), strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password1 = forms.CharField(label=_("New password"), strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                    help_text=password_validators_help_text_html)
    new_password2 = forms.CharField(label=_("New password again"), strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_password1") and cleaned.get("new_password1") != cleaned.get("new_password2"):
            self.add_error("new_password2", _("The two new passwords differ."))
        return cleaned
