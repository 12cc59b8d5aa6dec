"""The outcomes settings come from the environment, strictly (see tests/espportal/test_settings.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRUBBED = {"DJANGO_ENV", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SQLITE_PATH",
            "ESP_QUALITY_PAY_THRESHOLD", "ESP_RETENTION_MILESTONES"}


def run(tmp_path, *args, **environ):
    base = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    base.update(ESP_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="espportal.settings", **environ)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)


def _print(tmp_path, **environ):
    return run(tmp_path, "-c", "import espportal.settings as s; "
               "print(s.ESP_QUALITY_PAY_THRESHOLD, s.ESP_RETENTION_MILESTONES)", **environ)


def test_it_defaults_to_twenty_dollars_and_one_three_six_twelve_months(tmp_path):
    result = _print(tmp_path)
    assert result.stdout.strip() == "20.00 [1, 3, 6, 12]", result.stderr


def test_it_reads_both_from_the_environment(tmp_path):
    result = _print(tmp_path, ESP_QUALITY_PAY_THRESHOLD="22.50", ESP_RETENTION_MILESTONES="12, 3,24")
    assert result.stdout.strip() == "22.50 [3, 12, 24]", result.stderr


@pytest.mark.parametrize(("name", "value"), [
    ("ESP_QUALITY_PAY_THRESHOLD", "twenty"), ("ESP_QUALITY_PAY_THRESHOLD", "-1"),
    ("ESP_QUALITY_PAY_THRESHOLD", "NaN"), ("ESP_RETENTION_MILESTONES", "1,x"),
    ("ESP_RETENTION_MILESTONES", "0,3"), ("ESP_RETENTION_MILESTONES", "1,,3"),
])
def test_it_refuses_a_malformed_value_naming_the_variable(tmp_path, name, value):
    result = _print(tmp_path, **{name: value})
    assert result.returncode != 0
    assert name in result.stderr
