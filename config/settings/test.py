"""Test overrides: the same settings module, made fast and deterministic for the suite."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: E402,F403
from .base import DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; Argon2 is tested apart
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that a real worker process can see what a test committed.
    # Per process, so two suites running at once on one machine never share a test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-govcloud-{os.getpid()}.sqlite3")}

# Each test session gets its own queue, so a worker started by the suite never picks up
# leftovers of an earlier run on a shared broker (CI's Redis).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", f"test-{os.getpid()}")
if not os.environ.get("CELERY_BROKER_URL"):
    CELERY_BROKER_URL = f"sqla+sqlite:///{VAR_DIR / 'test-celery-broker.sqlite3'}"
(VAR_DIR / "staticfiles").mkdir(exist_ok=True)  # WhiteNoise warns when it is missing
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic
