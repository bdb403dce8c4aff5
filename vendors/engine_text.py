"""Render the comparison engine's messages in the request language."""

from django.utils.translation import gettext

from procurement.comparison import Message
from procurement.comparison.messages import CREDENTIAL_LABELS

_LABELS = frozenset(CREDENTIAL_LABELS.values())


def render(message: Message) -> str:
    """The message's template and its credential-kind label, both translated."""
    params = dict(message.params)
    if params.get("kind") in _LABELS:
        params["kind"] = gettext(params["kind"])
    return Message(message.code, params, message.field).text(gettext)
