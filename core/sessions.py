"""Idle timeout and absolute lifetime of a signed-in session.

A session ends after SESSION_IDLE_TIMEOUT seconds without a request (at most 30 minutes) and
SESSION_COOKIE_AGE seconds after login whatever the activity. Ending it deletes it on the server.
Activity is written at most once a minute, so most requests do not write the session.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record

LOGIN_AT_KEY = "_session_login_at"
LAST_SEEN_KEY = "_session_last_seen"
ACTIVITY_RESOLUTION = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request, user)
        return self.get_response(request)

    def _check(self, request, user) -> None:
        session, now = request.session, int(time.time())
        login_at = session.get(LOGIN_AT_KEY, now)
        last_seen = session.get(LAST_SEEN_KEY, now)
        idle = settings.SESSION_IDLE_TIMEOUT
        if now - last_seen > idle or now - login_at > settings.SESSION_COOKIE_AGE:
            reason = "idle" if now - last_seen > idle else "lifetime"
            audit_record(event=AuditEvent.SESSION_EXPIRED, user=user, request=request, detail={"reason": reason})
            session.flush()  # deletes the server-side session and issues a new, empty one
            request.user = AnonymousUser()
            if hasattr(request, "_messages"):
                messages.info(request, _("Your session expired. Please log in again."))
            return
        if LOGIN_AT_KEY not in session or now - last_seen >= ACTIVITY_RESOLUTION or LAST_SEEN_KEY not in session:
            session[LOGIN_AT_KEY] = login_at
            session[LAST_SEEN_KEY] = now
            # The stored session expires when the idle time runs out, unless activity renews it.
            session.set_expiry(min(idle, max(1, settings.SESSION_COOKIE_AGE - (now - login_at))))
