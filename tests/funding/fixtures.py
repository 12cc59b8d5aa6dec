"""Fixtures the funding tests and the permission matrix share."""
