"""Session bookkeeping at login: when it started (absolute lifetime) and the last activity."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from core.sessions import LAST_SEEN_KEY, LOGIN_AT_KEY


@receiver(user_logged_in, dispatch_uid="accounts_session_clock")
def _start_session_clock(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        now = int(time.time())
        session[LOGIN_AT_KEY] = now
        session[LAST_SEEN_KEY] = now
