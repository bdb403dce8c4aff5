"""The embedded SQLite broker polls at our interval, not kombu's 1 s (a report would wait half
a second on average before a worker saw it)."""

import socket
import time

import pytest
from kombu import Connection, Queue

from config.celery import app
from config.sqlite_broker import Transport


def test_sqla_urls_use_our_transport_and_its_polling_interval(settings, tmp_path):
    settings.SQLITE_BROKER_POLLING_INTERVAL = 0.07
    transport = Connection(f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}").transport
    assert isinstance(transport, Transport)
    assert transport.polling_interval == 0.07


def test_the_default_interval_is_short(settings):
    from config.settings import base

    assert base.SQLITE_BROKER_POLLING_INTERVAL <= 0.1
    assert app.conf.broker_url  # the app is configured (the alias is registered on import)


def test_a_wait_for_messages_returns_after_one_polling_interval(settings, tmp_path):
    """Celery's worker loop sends acknowledgements between waits of 2 s: each wait must end
    after one poll, or a worker that just finished a task takes no new one for up to 2 s."""
    settings.SQLITE_BROKER_POLLING_INTERVAL = 0.05
    connection = Connection(f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}")
    with connection, connection.Consumer(Queue("empty"), callbacks=[lambda body, message: None]):
        started = time.monotonic()
        with pytest.raises(socket.timeout):
            connection.drain_events(timeout=2.0)
        assert time.monotonic() - started < 0.5
