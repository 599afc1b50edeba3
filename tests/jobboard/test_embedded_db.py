"""The embedded PostgreSQL: sizing, reuse, and one clear line when it cannot start."""

import subprocess
import sys
from pathlib import Path

from django.db import connection

from jobboard.embedded_db import repair_pid_list, tuned_settings

GIB = 1024**3


def test_tuned_settings_follow_the_machine():
    small = tuned_settings(2 * GIB, 1)
    big = tuned_settings(24 * GIB, 2)
    assert small["shared_buffers"] == "512MB"
    assert big["shared_buffers"] == "4096MB"
    assert big["effective_cache_size"] == "12288MB"
    assert big["work_mem"] == "64MB"
    assert big["jit"] == "off"


def test_broken_data_directory_gives_one_clear_line(tmp_path):
    pgdata = tmp_path / "postgres"
    pgdata.mkdir()
    (pgdata / "PG_VERSION").write_text("99\n")  # a data directory from no real version
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from pathlib import Path; from jobboard.embedded_db import database_url; "
            f"database_url(Path({str(tmp_path)!r}), 'jobboard')",
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: the embedded PostgreSQL under")
    assert "set DATABASE_URL" in result.stderr


def test_database_has_search_extensions(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert {"pg_trgm", "unaccent"} <= extensions


def test_a_half_written_pid_list_is_dropped_and_a_good_one_kept(tmp_path):
    pid_list = tmp_path / ".handle_pids.json"
    pid_list.write_text("")  # what a process killed mid-write leaves
    repair_pid_list(tmp_path)
    assert not pid_list.exists()
    pid_list.write_text("[123]")
    repair_pid_list(tmp_path)
    assert pid_list.read_text() == "[123]"
    repair_pid_list(tmp_path / "missing")  # no data directory yet: nothing to do
