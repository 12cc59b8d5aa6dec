"""Settings come from the environment, strictly: a typo stops start-up with a message naming the variable."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from espportal import env

ROOT = Path(__file__).resolve().parents[2]
# What the suite itself may have set (DJANGO_ENV=test, DATABASE_URL for the PostgreSQL run...) must not leak in.
SCRUBBED = {"DJANGO_ENV", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST",
            "ESP_STAFF_IDLE_SECONDS", "ESP_REQUIRE_MFA", "DJANGO_SETTINGS_MODULE", "SQLITE_PATH",
            "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set by tests/e2e/conftest.py when the browser tests are collected


def run(tmp_path, *args, **environ):
    base = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    base.update(ESP_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="espportal.settings", **environ)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)


def import_settings(tmp_path, **environ):
    return run(tmp_path, "-c", "import espportal.settings", **environ)


def production_env():
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "esp.example.ca",
        "DATABASE_URL": "postgres://esp@db.example.ca:5432/espportal",
        "EMAIL_HOST": "smtp.example.ca",
    }


def test_it_starts_with_nothing_set(tmp_path):
    result = import_settings(tmp_path)
    assert result.returncode == 0, result.stderr


def test_it_refuses_production_without_a_secret_key(tmp_path):
    environ = production_env()
    del environ["SECRET_KEY"]
    result = import_settings(tmp_path, **environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_a_weak_production_secret_key(tmp_path):
    result = import_settings(tmp_path, **{**production_env(), "SECRET_KEY": "ab" * 30})
    assert result.returncode != 0
    assert "SECRET_KEY must be a long random value" in result.stderr


@pytest.mark.parametrize("missing", ["ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST"])
def test_it_refuses_production_without_its_servers(tmp_path, missing):
    environ = production_env()
    del environ[missing]
    result = import_settings(tmp_path, **environ)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ESP_STAFF_IDLE_SECONDS", "abc", "ESP_STAFF_IDLE_SECONDS must be an integer, got 'abc'"),
        ("ESP_STAFF_IDLE_SECONDS", "5", "ESP_STAFF_IDLE_SECONDS must be at least 60"),
        ("DEBUG", "maybe", "DEBUG must be a boolean"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL must be a postgres:// or postgresql:// URL"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must be a redis:// or rediss:// URL"),
        ("DJANGO_ENV", "prod", "DJANGO_ENV must be one of development, test, production"),
        ("ALLOWED_HOSTS", "a.example,,b.example", "ALLOWED_HOSTS must be a comma-separated list"),
    ],
)
def test_it_names_the_malformed_variable(tmp_path, name, value, message):
    result = import_settings(tmp_path, **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_it_refuses_debug_in_production(tmp_path):
    result = import_settings(tmp_path, **production_env(), DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must not be on when DJANGO_ENV=production" in result.stderr


def test_it_passes_the_deployment_checklist_in_production(tmp_path):
    result = run(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- the parsers themselves ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "parsed"), [("1", True), ("TRUE", True), (" yes ", True), ("on", True),
                                              ("0", False), ("false", False), ("No", False), ("off", False),
                                              ("", False)])
def test_it_parses_booleans(monkeypatch, raw, parsed):
    monkeypatch.setenv("ESP_FLAG", raw)
    assert env.env_bool("ESP_FLAG", not parsed) is parsed


def test_it_falls_back_to_defaults_when_unset(monkeypatch):
    for name in ("ESP_FLAG", "ESP_NUMBER", "ESP_TEXT", "ESP_LIST", "ESP_CHOICE"):
        monkeypatch.delenv(name, raising=False)
    assert env.env_bool("ESP_FLAG", True) is True
    assert env.env_int("ESP_NUMBER", 7) == 7
    assert env.env_str("ESP_TEXT", "fallback") == "fallback"
    assert env.env_list("ESP_LIST", ["a"]) == ["a"]
    assert env.env_choice("ESP_CHOICE", "x", ("x", "y")) == "x"


def test_it_treats_an_empty_string_as_unset(monkeypatch):
    monkeypatch.setenv("ESP_TEXT", "")
    assert env.env_str("ESP_TEXT", "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured, match="ESP_TEXT must be set"):
        env.env_str("ESP_TEXT", required=True)


def test_it_refuses_a_malformed_boolean(monkeypatch):
    monkeypatch.setenv("ESP_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="ESP_FLAG must be a boolean"):
        env.env_bool("ESP_FLAG", False)


def test_it_parses_integers_with_a_minimum(monkeypatch):
    monkeypatch.setenv("ESP_NUMBER", " 120 ")
    assert env.env_int("ESP_NUMBER", 0, minimum=60) == 120
    monkeypatch.setenv("ESP_NUMBER", "59")
    with pytest.raises(ImproperlyConfigured, match="ESP_NUMBER must be at least 60, got 59"):
        env.env_int("ESP_NUMBER", 0, minimum=60)
    monkeypatch.setenv("ESP_NUMBER", "1.5")
    with pytest.raises(ImproperlyConfigured, match="ESP_NUMBER must be an integer"):
        env.env_int("ESP_NUMBER", 0)


def test_it_parses_lists(monkeypatch):
    monkeypatch.setenv("ESP_LIST", "a.example, b.example")
    assert env.env_list("ESP_LIST") == ["a.example", "b.example"]
    monkeypatch.setenv("ESP_LIST", "a.example,")
    with pytest.raises(ImproperlyConfigured, match="ESP_LIST"):
        env.env_list("ESP_LIST")


def test_it_parses_choices(monkeypatch):
    monkeypatch.setenv("ESP_CHOICE", "y")
    assert env.env_choice("ESP_CHOICE", "x", ("x", "y")) == "y"
    monkeypatch.setenv("ESP_CHOICE", "z")
    with pytest.raises(ImproperlyConfigured, match="ESP_CHOICE must be one of x, y, got 'z'"):
        env.env_choice("ESP_CHOICE", "x", ("x", "y"))


def test_it_turns_a_database_url_into_settings():
    database = env.database_from_url(
        "DATABASE_URL", "postgresql://esp%40ops:p%2Fss@db.example.ca:6543/esp_portal?sslmode=require"
    )
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "esp_portal"
    assert database["USER"] == "esp@ops"
    assert database["PASSWORD"] == "p/ss"
    assert database["HOST"] == "db.example.ca"
    assert database["PORT"] == "6543"
    assert database["OPTIONS"] == {"sslmode": "require", "options": "-c jit=off"}


def test_our_connections_run_without_the_jit_unless_the_url_says_otherwise(db):
    from django.db import connection

    if connection.vendor == "postgresql":  # CI's database; make run's SQLite has no JIT
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
    own = env.database_from_url("DATABASE_URL", "postgres://db/esp?options=-c%20jit%3Don")
    assert own["OPTIONS"] == {"options": "-c jit=on"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://db/esp", "must be a postgres:// or postgresql:// URL"),
        ("postgres://db.example.ca:5432/", "must name a database"),
        ("postgres://db.example.ca:port/esp", "malformed port"),
    ],
)
def test_it_refuses_a_malformed_database_url(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        env.database_from_url("DATABASE_URL", url)


def test_it_checks_redis_urls():
    assert env.redis_url("REDIS_URL", "rediss://cache.example.ca:6380/1") == "rediss://cache.example.ca:6380/1"
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must be a redis://"):
        env.redis_url("REDIS_URL", "redis://")
