"""`make run` works on its embedded default, SQLite: every migration applies and the demo seeds (CI runs the rest
of the suite on PostgreSQL, so a PostgreSQL-only index in a migration broke `make run` unseen: "unsupported use of
NULLS FIRST", caseload 0012, found 2026-11-30)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(tmp_path, *args):
    environ = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SQLITE_PATH"}}
    environ.update(ESP_VAR_DIR=str(tmp_path), SQLITE_PATH=str(tmp_path / "demo.sqlite3"))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True,
                          text=True, timeout=900)


def test_the_migrations_apply_and_the_demo_seeds_on_sqlite(tmp_path):
    migrated = manage(tmp_path, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    assert "WARNING" not in migrated.stderr.upper(), migrated.stderr[-3000:]
    seeded = manage(tmp_path, "seed_demo", "--if-empty")
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    assert (tmp_path / "demo.sqlite3").stat().st_size > 0
