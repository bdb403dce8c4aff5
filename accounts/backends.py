"""Lockout before authentication: django-axes' backend, for every login that has a request."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuse a locked-out account or address (django-axes), then let ModelBackend check the
    password. Every web and API login passes a request; a call without one (the test client's
    `login()`, a management command) has no address to count, so it goes straight to the
    password check — its failures are still audited."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
