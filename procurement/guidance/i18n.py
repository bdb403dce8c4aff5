"""The translation hooks the engine's message and label tables share (no Django).

Templates and labels are wrapped in the local no-op :func:`gettext_noop` so that Django's
``makemessages`` extracts them; the Django layer passes its real ``gettext`` as ``translate``.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def gettext_noop(s: str) -> str:
    """Mark ``s`` for extraction by ``makemessages``; returns it unchanged."""
    return s


def identity(s: str) -> str:
    """The default ``translate``: the English text as written."""
    return s
