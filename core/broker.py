"""Sending a task from a web request: give up in seconds when the broker is down.

kombu retries a failed connection inside `apply_async` (``retry=False`` does not reach it) and
waits without a socket timeout on a broker that accepts but never answers, so a request could
hang. Sends go through a connection of their own with bounded retries and timeouts; the
worker's connections keep Celery's patient defaults.
"""

from __future__ import annotations

from typing import Any

from config.celery import app

# One quick retry, then give up: the caller leaves the row queued and it is sent again later.
QUICK_FAIL = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
SOCKET_TIMEOUTS = {"socket_connect_timeout": 2, "socket_timeout": 5}


def send_options(url: str) -> dict[str, Any] | None:
    """Transport options for a quick-failing send to `url` (by its scheme); None for the
    embedded SQLite broker, which fails at once anyway and whose connections are costly to
    open (an engine and its tables each time): it keeps the shared pool."""
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower()
    if scheme == "sqla":
        return None
    options = dict(QUICK_FAIL)
    if scheme in ("redis", "rediss"):
        options.update(SOCKET_TIMEOUTS)
    return options


def send(task: Any, *, args: list[Any], queue: str | None = None) -> None:
    """`task.apply_async(args)` that raises within seconds if the broker cannot take it."""
    options = send_options(app.conf.broker_write_url)
    if options is None:
        task.apply_async(args=args, queue=queue, retry=False)
        return
    with app.connection_for_write(transport_options=options, connect_timeout=2) as connection:
        task.apply_async(args=args, queue=queue, retry=False, connection=connection)
