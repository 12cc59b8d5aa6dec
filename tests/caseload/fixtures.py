"""Fixtures the caseload tests and the permission matrix share."""
