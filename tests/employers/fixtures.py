"""Fixtures the employers tests and the permission matrix share."""
