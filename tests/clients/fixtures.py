"""Fixtures the clients tests and the permission matrix share."""
