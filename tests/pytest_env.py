"""Loaded with -p before pytest-django imports settings: the suite runs with DJANGO_ENV=test."""

import os

os.environ.setdefault("DJANGO_ENV", "test")
