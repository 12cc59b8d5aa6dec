"""Fixtures the outcomes tests and the permission matrix share."""
