"""The Celery application; configuration comes from Django settings (CELERY_*)."""
import os

from celery import Celery
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

# `sqla+…` broker URLs use our subclass of kombu's SQLAlchemy transport (its polling interval).
TRANSPORT_ALIASES["sqla"] = "config.sqlite_broker:Transport"

app = Celery("govcloud")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
