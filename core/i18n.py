"""Rendering engine messages (code + params + English template) in the active language."""

from django.utils.translation import get_language, gettext


def active_language() -> str:
    return get_language() or "zh-hans"


def render_engine_message(message) -> str:
    """Any engine Message with `.render(translate, language)` (the scoring engine's)."""
    return message.render(gettext, active_language())
