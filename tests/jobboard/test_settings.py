import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def clean_environment() -> dict[str, str]:
    """This process's environment without what the browser tests set for themselves."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**clean_environment(), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="a-long-random-production-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="jobs.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "jobs.example.com"}
    environment = {k: v for k, v in clean_environment().items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**environment, **env},
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
