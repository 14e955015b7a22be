"""Runs textkit's extraction in a child process with limits: a hostile file can only kill that child."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings


class IngestionError(Exception):
    """A French message shown on the file and in the job list."""


def limits() -> dict:
    return {
        "max_bytes": settings.LIBRARY_MAX_UPLOAD_BYTES,
        "max_pages": settings.LIBRARY_MAX_PAGES,
        "max_pixels": settings.LIBRARY_MAX_PIXELS,
    }


def _child_limits(memory_bytes: int, cpu_seconds: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def extract(
    path: Path, workdir: Path, progress: Callable[[int, int], None], timeout: int | None = None
) -> dict:
    """The extraction as a dict (see textkit.extraction.Extraction), or IngestionError."""
    timeout = timeout or settings.LIBRARY_EXTRACTION_TIMEOUT
    memory = settings.LIBRARY_EXTRACTION_MEMORY_MB * 1024 * 1024
    command = [
        sys.executable, "-m", "textkit.extraction", str(path),
        "--workdir", str(workdir), "--limits", json.dumps(limits()),
    ]  # fmt: skip
    stderr_path = workdir / "stderr.txt"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=settings.BASE_DIR,
            preexec_fn=_child_limits(memory, timeout),  # noqa: PLW1509
            text=True,
        )
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        outcome = None
        try:
            for line in process.stdout:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if event.get("event") == "progress":
                    progress(event["done"], event["total"])
                else:
                    outcome = event
            process.wait()
        finally:
            timer.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
    if outcome and outcome["event"] == "error":
        raise IngestionError(outcome["message"])
    if outcome and outcome["event"] == "result" and process.returncode == 0:
        return outcome["extraction"]
    if process.returncode is not None and process.returncode < 0:
        raise IngestionError(
            "L'analyse du fichier a été interrompue : temps ou mémoire autorisés dépassés (fichier trop lourd ou hostile ?)."
        )
    raise IngestionError(
        "L'analyse du fichier a échoué : le fichier est probablement endommagé ou d'un format inattendu."
    )
