"""The benchmark entries and what they hand back.

An entry is a function registered with `@entry(...)`: it receives a `Context` (the database backend
to use, how to run `manage.py` as a measured subprocess, where to write logs) and returns a list of
`Measurement`s. Each measurement may carry a target; the verdict is OK when the target is met.

To add an entry: write a module under bench/, decorate a function with `@entry`, and add the module
to `ENTRY_MODULES` below. `python -m bench NAME` runs one entry, `python -m bench` runs them all.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

# Modules whose import registers entries, in the order they run.
ENTRY_MODULES = ["bench.referential", "bench.library", "bench.registrations", "bench.bilan"]

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measurement:
    metric: str
    value: float
    unit: str = ""
    target: float | None = None
    higher_is_better: bool = False
    decimals: int = 1

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "—"
        ok = self.value >= self.target if self.higher_is_better else self.value < self.target
        return "OK" if ok else "NON"

    def format(self, value: float | None) -> str:
        if value is None:
            return "—"
        return f"{value:.{self.decimals}f} {self.unit}".strip()

    def format_target(self) -> str:
        if self.target is None:
            return "—"
        return ("≥ " if self.higher_is_better else "< ") + self.format(self.target)

    def as_dict(self) -> dict:
        return {
            "metric": self.metric,
            "value": round(self.value, 3),
            "unit": self.unit,
            "target": self.target,
            "higher_is_better": self.higher_is_better,
            "verdict": self.verdict,
        }


@dataclass
class Run:
    """One finished subprocess, measured."""

    command: list[str]
    returncode: int
    wall_seconds: float
    peak_rss_mb: float
    cpu_seconds: float
    log: Path

    def check(self) -> Run:
        if self.returncode != 0:
            tail = self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            raise BenchError(
                f"{' '.join(self.command)} a échoué (code {self.returncode}), journal {self.log} :\n"
                + "\n".join(tail)
            )
        return self


class BenchError(Exception):
    pass


def run_measured(command: list[str], env: dict[str, str], log: Path, cwd: Path = ROOT) -> Run:
    """Runs a command, its output to `log`; wall time, and peak RSS and CPU time of that process alone.

    `os.wait4` returns the resource usage of the one child it reaps (including its own reaped
    children), unlike RUSAGE_CHILDREN, which would mix in every earlier subprocess of the bench.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): the measured command must not outlive the bench.
            process.kill()
            process.wait()
            raise
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        command=command,
        returncode=process.returncode,
        wall_seconds=wall,
        peak_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        log=log,
    )


@dataclass
class Context:
    """What an entry gets: the backend, a fresh database on it, and `manage.py` as a measured subprocess."""

    backend: Backend
    log_dir: Path
    python: str
    notes: list[str] = field(default_factory=list)

    def fresh_database(self) -> AbstractContextManager[dict[str, str]]:
        """An empty database (and a throwaway MAILLAGE_VAR_DIR): yields the environment to run with."""
        return self.backend.fresh_database()

    def manage(self, env: dict[str, str], *args: str, log_name: str) -> Run:
        log = self.log_dir / f"{log_name}-{self.backend.name}.log"
        return run_measured([self.python, "manage.py", *args], env, log)


class Backend:
    """A database to run entries on (see bench/databases.py)."""

    name = ""

    def fresh_database(self) -> Iterator[dict[str, str]]:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> dict:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class Entry:
    name: str
    title: str
    description: str
    function: Callable[[Context], list[Measurement]]
    databases: tuple[str, ...] = ("sqlite", "postgresql")


ENTRIES: dict[str, Entry] = {}


def entry(name: str, title: str, description: str, databases: tuple[str, ...] = ("sqlite", "postgresql")):
    def register(function: Callable[[Context], list[Measurement]]):
        ENTRIES[name] = Entry(name, title, description, function, databases)
        return function

    return register


def load_entries() -> dict[str, Entry]:
    for module in ENTRY_MODULES:
        importlib.import_module(module)
    return ENTRIES
