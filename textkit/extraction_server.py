"""A warm extraction process: imports textkit.extraction once, then forks one limited child per file.

Starting `python -m textkit.extraction` for every file costs a Python start-up and the imports of
textkit, pypdf and Pillow (~0.2 s of CPU, more than the rest of the per-file work). This server pays them
once: the Django worker keeps it running (maillage/library/services/sandbox.py) and sends it one task per
file; for each task it forks a fresh child from its clean, already-imported state. The child alone touches
the file: it puts itself in its own process group (so that a timeout kills it with its Tesseract and
pdftoppm), sets its limits (address space, CPU time, no core file) and runs `textkit.extraction.main`.
A hostile file can kill only that child; the server relays the child's JSON lines and reports how it ended.
Plain Python, no Django.

Protocol, JSON lines. On stdin, one task per line:
    {"path": ..., "workdir": ..., "limits": {...}, "memory_bytes": N, "cpu_seconds": N, "stderr": PATH}
On stdout, for each task:
    {"event": "started", "pid": PID}
    the child's own lines (progress events, then one result or error)
    {"event": "exit", "code": CODE, "cpu": SECONDS}    code < 0: killed by that signal; 3: out of memory
The server exits when stdin is closed.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import traceback

# Everything a child needs, imported once here rather than in every child.
import PIL.Image
import pypdf  # noqa: F401
import pypdf.filters  # noqa: F401
import pypdf.generic  # noqa: F401

from textkit import extraction

CHILD_EVENTS = {"progress", "result", "error"}
MEMORY_EXIT = 3  # the child ran out of its address space (and said so, rather than being killed)
PIL.Image.preinit()  # Pillow's common image plugins (JPEG, PPM…), loaded on first use otherwise


def _child(task: dict, write_fd: int) -> None:
    """In the forked child: never returns."""
    code = 1
    try:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(write_fd, 1)
        stderr = os.open(task["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(stderr, 2)
        for fd in (devnull, write_fd, stderr):
            os.close(fd)
        memory, cpu = int(task["memory_bytes"]), int(task["cpu_seconds"])
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        argv = [task["path"], "--workdir", task["workdir"], "--limits", json.dumps(task["limits"])]
        code = extraction.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except MemoryError:
        code = MEMORY_EXIT
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _from_child(line: bytes) -> bool:
    """Only the child's own events pass: a child taken over by a hostile file cannot forge the server's
    "started" or "exit" lines (the client would then believe the task over while the child still runs)."""
    try:
        event = json.loads(line)
    except ValueError:
        return False
    return isinstance(event, dict) and event.get("event") in CHILD_EVENTS


def run_task(task: dict, out) -> None:
    """Fork a child for this task, relay its lines to `out`, then report how it ended."""
    out.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which ends with os._exit
        os.close(read_fd)
        _child(task, write_fd)
    os.close(write_fd)
    out.write(json.dumps({"event": "started", "pid": pid}) + "\n")
    out.flush()
    with os.fdopen(read_fd, "rb") as lines:
        for line in lines:
            if line.endswith(b"\n") and _from_child(line):  # a child killed mid-line leaves a fragment
                out.write(line.decode("utf-8", "replace"))
                out.flush()
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    cpu = round(usage.ru_utime + usage.ru_stime, 3)
    out.write(json.dumps({"event": "exit", "code": code, "cpu": cpu}) + "\n")
    out.flush()


def serve(tasks, out) -> None:
    for line in tasks:
        if line.strip():
            run_task(json.loads(line), out)


def main() -> int:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.stdin.reconfigure(encoding="utf-8")  # whatever the locale the worker left us
    sys.stdout.reconfigure(encoding="utf-8")
    serve(sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
