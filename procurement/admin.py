from django.contrib import admin  # noqa: F401 - rule sets and projects register here
