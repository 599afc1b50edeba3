"""The Celery application. Tasks run eagerly in-process unless REDIS_URL is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")

app = Celery("jobboard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
