"""Runs textkit's extraction in a child process with limits: a hostile file can only kill that child.

The children are forked by a warm extraction server (`python -m textkit.extraction_server`), started on
first use and kept for the life of the worker process (one per thread): it has imported textkit, pypdf
and Pillow once, so a file no longer pays a Python start-up. Each file still gets a fresh child of its
own, with its own limits (address space `LIBRARY_EXTRACTION_MEMORY_MB`, CPU time and wall-clock delay
`LIBRARY_EXTRACTION_TIMEOUT`) in its own process group. A child that crashes or runs out of memory is
reported by the server, which goes on; on a timeout the child's whole group (its Tesseract and pdftoppm
too) and the server are killed, and the next file starts a new server. The worker survives all of these.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

INTERRUPTED = "L'analyse du fichier a été interrompue : temps ou mémoire autorisés dépassés (fichier trop lourd ou hostile ?)."
FAILED = "L'analyse du fichier a échoué : le fichier est probablement endommagé ou d'un format inattendu."

MEMORY_EXIT = 3  # textkit.extraction_server: the child ran out of memory
# Totals for the benchmark: files extracted, CPU seconds of their children (Tesseract and pdftoppm included).
stats = {"tasks": 0, "child_cpu": 0.0, "last_child": None}


class IngestionError(Exception):
    """A French message shown on the file and in the job list."""


def limits() -> dict:
    return {
        "max_bytes": settings.LIBRARY_MAX_UPLOAD_BYTES,
        "max_pages": settings.LIBRARY_MAX_PAGES,
        "max_pixels": settings.LIBRARY_MAX_PIXELS,
    }


# What the extraction children may see of the worker's environment: no DATABASE_URL, no secret.
ENVIRONMENT = {"PATH", "HOME", "LANG", "LANGUAGE", "TMPDIR", "TEMP", "TMP", "TESSDATA_PREFIX", "PYTHONPATH"}


def child_environment() -> dict[str, str]:
    return {
        name: value
        for name, value in os.environ.items()
        if name in ENVIRONMENT or name.startswith(("LC_", "OMP_", "TEXTKIT_"))
    }


class Server:
    """One warm extraction server (textkit/extraction_server.py) and its pipes."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "textkit.extraction_server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=settings.BASE_DIR,
            env=child_environment(),
            start_new_session=True,  # Ctrl-C in a terminal reaches the worker, which then closes stdin
            text=True,
            encoding="utf-8",
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, task: dict) -> None:
        self.process.stdin.write(json.dumps(task, ensure_ascii=False) + "\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self._close()

    def stop(self) -> None:
        """Close stdin (the server ends after its current task) and reap it."""
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
        self._close()

    def _close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        self.process.wait()


_local = threading.local()
_servers: list[Server] = []
_servers_lock = threading.Lock()


def server() -> Server:
    """This thread's warm server, started (again) when there is none or it died."""
    current = getattr(_local, "server", None)
    if current is None or not current.alive():
        if current is not None:
            _forget(current)
        current = Server()
        _local.server = current
        with _servers_lock:
            _servers.append(current)
    return current


def _forget(dead: Server) -> None:
    dead.kill()
    with _servers_lock:
        if dead in _servers:
            _servers.remove(dead)
    if getattr(_local, "server", None) is dead:
        _local.server = None


@atexit.register
def shutdown() -> None:
    """Stop every warm server (at exit; the benchmark calls it too)."""
    with _servers_lock:
        servers, _servers[:] = list(_servers), []
    for each in servers:
        each.stop()
    _local.server = None


def _kill_group(pid: int | None) -> None:
    if pid:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


def extract(
    path: Path, workdir: Path, progress: Callable[[int, int], None], timeout: int | None = None
) -> dict:
    """The extraction as a dict (see textkit.extraction.Extraction), or IngestionError."""
    timeout = timeout or settings.LIBRARY_EXTRACTION_TIMEOUT
    task = {
        "path": str(path),
        "workdir": str(workdir),
        "limits": limits(),
        "memory_bytes": settings.LIBRARY_EXTRACTION_MEMORY_MB * 1024 * 1024,
        "cpu_seconds": timeout,
        "stderr": str(workdir / "stderr.txt"),
    }
    current = server()
    try:
        current.send(task)
    except OSError:  # died between two files: once more with a new one
        _forget(current)
        current = server()
        current.send(task)
    state = {"child": None, "timed_out": False}

    def on_timeout():
        state["timed_out"] = True
        _kill_group(state["child"])
        current.process.kill()  # ends the loop below even if the server itself hangs

    timer = threading.Timer(timeout, on_timeout)
    timer.start()
    outcome = ended = None
    try:
        for line in current.process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            kind = event.get("event")
            if kind == "started":
                state["child"] = stats["last_child"] = event.get("pid")
            elif kind == "progress":
                progress(event["done"], event["total"])
            elif kind == "exit":
                ended = event
                break
            else:
                outcome = event
    finally:
        timer.cancel()
        if ended is None:  # timeout, a dead server, or an exception here: nothing to trust in its pipe
            _kill_group(state["child"])
            _forget(current)
    if ended is not None:
        stats["tasks"] += 1
        stats["child_cpu"] += ended.get("cpu", 0.0)
    if outcome and outcome.get("event") == "error":
        raise IngestionError(outcome["message"])
    code = ended["code"] if ended is not None else None
    if outcome and outcome.get("event") == "result" and code == 0:
        return outcome["extraction"]
    if state["timed_out"] or (code is not None and (code < 0 or code == MEMORY_EXIT)):
        raise IngestionError(INTERRUPTED)
    raise IngestionError(FAILED)
