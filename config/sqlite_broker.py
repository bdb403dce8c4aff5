"""The embedded broker (`sqla+sqlite://`, the default for `make run`), tuned for latency.

- kombu's SQLAlchemy transport hands every transport option to `create_engine`, so its
  `polling_interval` (1 s by default: half a second of waiting, on average, before a worker sees
  a task) cannot be set through CELERY_BROKER_TRANSPORT_OPTIONS; it is set on this subclass.
- On a polling transport Celery's worker loop acknowledges finished tasks only between calls to
  `drain_events(timeout=2.0)`, and kombu keeps polling inside that call while the prefetch limit
  is reached: a worker that has just finished a task would take no new one for up to 2 s. Each
  call here returns after one polling interval instead, so acknowledgements go out at once.
"""


from django.conf import settings
from kombu.transport import sqlalchemy


class Transport(sqlalchemy.Transport):
    @property
    def polling_interval(self) -> float:
        return settings.SQLITE_BROKER_POLLING_INTERVAL

    @polling_interval.setter
    def polling_interval(self, value: float) -> None:  # kombu assigns it from options it never gets
        pass

    def drain_events(self, connection, timeout=None):
        if timeout is not None:  # a caller that asked to block (None) still blocks
            timeout = min(timeout, self.polling_interval)
        return super().drain_events(connection, timeout=timeout)
