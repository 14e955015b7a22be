"""Runs textkit's extraction in a child process with limits: a hostile file can only kill that child.

The children are forked by a warm extraction server (`python -m textkit.extraction_server`), started on
first use and kept for the life of the worker process (one per file at a time): it has imported textkit, pypdf
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
stats = {"tasks": 0, "child_cpu": 0.0, "last_child": None, "last_server": None}


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


# Idle servers, ready for the next file; a thread takes one for the length of a file (another thread
# meanwhile starts its own), and gives it back. Beyond MAX_IDLE idle servers the extra ones are stopped, so
# that a thread per request (runserver with the immediate tasks backend) does not leave servers behind.
MAX_IDLE = 1
_idle: list[Server] = []
_live: set[Server] = set()
_lock = threading.Lock()


def _start() -> Server:
    started = Server()
    with _lock:
        _live.add(started)
    return started


def _acquire() -> Server:
    with _lock:
        while _idle:
            candidate = _idle.pop()
            if candidate.alive():
                return candidate
            _live.discard(candidate)
            candidate.kill()
    return _start()


def _release(used: Server) -> None:
    with _lock:
        if used.alive() and len(_idle) < MAX_IDLE:
            _idle.append(used)
            return
        _live.discard(used)
    used.stop()


def _forget(dead: Server) -> None:
    dead.kill()
    with _lock:
        _live.discard(dead)


def server() -> Server:
    """The idle warm server the next file will use, started (again) when there is none or it died."""
    with _lock:
        while _idle and not _idle[-1].alive():
            dead = _idle.pop()
            _live.discard(dead)
            dead.kill()
        if _idle:
            return _idle[-1]
    started = _start()
    _release(started)
    return started


@atexit.register
def shutdown() -> None:
    """Stop every warm server (at exit; the benchmark calls it too)."""
    with _lock:
        servers = list(_live)
        _live.clear()
        _idle.clear()
    for each in servers:
        each.stop()


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
    current = _acquire()
    try:
        current.send(task)
    except OSError:  # died between two files: once more with a new one
        _forget(current)
        current = _start()
        try:
            current.send(task)
        except OSError as exc:
            _forget(current)
            raise IngestionError(FAILED) from exc
    stats["last_server"] = current.pid
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
            if not isinstance(event, dict):
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
        else:
            _release(current)
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
