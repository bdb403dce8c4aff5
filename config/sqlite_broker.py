"""The embedded broker (`sqla+sqlite://`, the default for `make run`) with our polling interval.

kombu's SQLAlchemy transport hands every transport option to `create_engine`, so its
`polling_interval` (1 s by default: half a second of waiting, on average, before a worker sees a
task) cannot be set through CELERY_BROKER_TRANSPORT_OPTIONS; it is set on this subclass instead.
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
