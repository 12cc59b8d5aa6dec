"""Writes for the quality app, split by sub-domain; import the module you need (services.complaints...)."""
