from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("otp/verify/", views.otp_verify_view, name="otp-verify"),
    path("otp/setup/", views.otp_setup_view, name="otp-setup"),
    path("otp/recovery-codes/", views.recovery_codes_view, name="otp-recovery-codes"),
    path("security/", views.security_view, name="account-security"),
    path("password/change/", views.password_change_view, name="password-change"),
]
