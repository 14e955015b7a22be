"""Database backends for the benchmarks: SQLite in a throwaway directory, or PostgreSQL.

PostgreSQL is either the server named by DATABASE_URL (each run gets its own temporary database,
created and dropped there; the database the URL names is never written to), or a throwaway cluster
started with scripts/pg.sh (`--postgres`).
"""

from __future__ import annotations

import os
import platform
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.registry import ROOT, Backend, BenchError


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


class SQLiteBackend(Backend):
    name = "sqlite"

    @contextmanager
    def fresh_database(self) -> Iterator[dict[str, str]]:
        var_dir = Path(tempfile.mkdtemp(prefix="maillage-bench-"))
        try:
            yield base_env() | {"MAILLAGE_VAR_DIR": str(var_dir)}
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)

    def describe(self) -> dict:
        return {"vendor": "sqlite", "version": sqlite3.sqlite_version}


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


class PostgresBackend(Backend):
    name = "postgresql"

    def __init__(self, url: str, origin: str):
        self.url = url
        self.origin = origin  # "DATABASE_URL" or "cluster jetable"

    def _admin(self):
        import psycopg

        return psycopg.connect(self.url.replace("postgres://", "postgresql://", 1), autocommit=True)

    @contextmanager
    def fresh_database(self) -> Iterator[dict[str, str]]:
        from psycopg import sql

        name = f"maillage_bench_{secrets.token_hex(4)}"
        try:
            with self._admin() as connection:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except Exception as exc:
            raise BenchError(
                f"impossible de créer la base temporaire {name} ({self.origin}) : {exc}"
            ) from exc
        var_dir = Path(tempfile.mkdtemp(prefix="maillage-bench-"))
        try:
            yield base_env() | {
                "MAILLAGE_VAR_DIR": str(var_dir),
                "DATABASE_URL": _with_database(self.url, name),
            }
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)
            with self._admin() as connection:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

    def describe(self) -> dict:
        with self._admin() as connection:
            version = connection.execute("SHOW server_version").fetchone()[0]
        return {"vendor": "postgresql", "version": version, "server": self.origin}


class ThrowawayCluster:
    """scripts/pg.sh start/stop around the benchmarks."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="maillage-pg-bench-"))
        self.url = ""

    def __enter__(self) -> str:
        result = subprocess.run(
            [str(ROOT / "scripts" / "pg.sh"), "start", str(self.dir)],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            self.__exit__()
            raise BenchError("le cluster PostgreSQL jetable n'a pas démarré (scripts/pg.sh start)")
        self.url = result.stdout.strip().splitlines()[-1]
        return self.url

    def __exit__(self, *exc_info):
        subprocess.run([str(ROOT / "scripts" / "pg.sh"), "stop", str(self.dir)], check=False)


def machine_info() -> dict:
    info = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": _cpu_model(),
        "memory_gb": _memory_gb(),
        # Wall times double when the 2 cores are shared: the load when the run started tells.
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None
