"""The embedded SQLite broker polls at our interval, not kombu's 1 s (a report would wait half
a second on average before a worker saw it)."""

from kombu import Connection

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
