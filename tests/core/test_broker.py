"""core/broker.py: sends give up quickly on a network broker; the embedded one keeps the pool."""

from core.broker import send_options


def test_a_redis_send_has_one_quick_retry_and_socket_timeouts():
    options = send_options("redis://127.0.0.1:6379/0")
    assert options["max_retries"] == 1 and options["interval_max"] <= 0.5
    assert options["socket_connect_timeout"] <= 2 and options["socket_timeout"] <= 5


def test_an_amqp_send_retries_once_without_redis_options():
    options = send_options("amqp://guest@127.0.0.1//")
    assert options["max_retries"] == 1 and "socket_timeout" not in options


def test_the_embedded_sqlite_broker_keeps_the_shared_pool():
    # Its transport options would go to SQLAlchemy's create_engine, and a connection per send
    # would build an engine each time.
    assert send_options("sqla+sqlite:////tmp/broker.sqlite3") is None
