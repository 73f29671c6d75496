"""Production settings are safe by default: required secrets, and ``check --deploy`` is clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def hearth(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "HEARTH_MODE", "DEBUG",
                         "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "-m", "hearth.cli", *args], env={**base, **env},
                          capture_output=True, text=True, check=False)


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = hearth("check", HEARTH_MODE="production", ALLOWED_HOSTS="hearth.example.org",
                    DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    assert result.returncode == 2
    assert "the settings are incomplete: Set the SECRET_KEY environment variable" in result.stderr
    assert "HEARTH_MODE=demo" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = hearth("check", "--deploy", "--fail-level", "WARNING", HEARTH_MODE="production",
                    SECRET_KEY="x" * 20 + "-not-a-real-key-" + "y" * 40,
                    ALLOWED_HOSTS="hearth.example.org",
                    DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    result = hearth("check", HEARTH_MODE="staging", DATABASE_URL=f"sqlite:///{tmp_path}/x")
    assert result.returncode != 0
    assert "HEARTH_MODE must be production, demo, dev or test, not 'staging'" in result.stderr
