"""A small closed-loop HTTP load generator for the registrations benchmark (standard library only).

Each client is a thread with its own cookie jar and, for the POSTs, its own loopback source address
(127.0.0.x: the per-address rate limit of the registration form applies to real people, not to the test).
Every loop is bounded in count and in time; only 127.0.0.1 is ever the target.
"""

from __future__ import annotations

import http.client
import os
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
KEY = re.compile(r'name="submission_key" value="([0-9a-f-]{36})"')


@dataclass
class Phase:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, ms: float, error: str = ""):
        with self.lock:
            self.latencies_ms.append(ms)
            if error:
                self.errors.append(error)

    @property
    def count(self) -> int:
        return len(self.latencies_ms)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[int(p) - 1]

    def summary(self) -> dict:
        return {
            "requests": self.count,
            "errors": len(self.errors),
            "rps": self.count / self.wall_s if self.wall_s else 0.0,
            "p50": self.percentile(50),
            "p95": self.percentile(95),
            "first_errors": self.errors[:5],
        }


class Client:
    def __init__(self, port: int, source: str = HOST, timeout: float = 30):
        self.port, self.source, self.timeout = port, source, timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(
            HOST, self.port, timeout=self.timeout, source_address=(self.source, 0)
        )
        all_headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "maillage-bench"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        start = time.perf_counter()
        try:
            connection.request(method, path, body=data, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
            elapsed = (time.perf_counter() - start) * 1000
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, content.decode("utf-8", "replace"), elapsed
        finally:
            connection.close()


def run_clients(count: int, target, deadline_s: float) -> float:
    """Start `count` threads on `target(index, deadline)` together; returns the wall time."""
    barrier = threading.Barrier(count + 1)
    deadline = time.monotonic() + deadline_s

    def body(index):
        barrier.wait()
        target(index, deadline)

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join(timeout=deadline_s + 60)
    return time.perf_counter() - start


def attempt(phase: Phase, client: Client, method: str, path: str, body=None, headers=None):
    """`client.request(...)`, or None when the connection failed (recorded in `phase` as an error)."""
    try:
        return client.request(method, path, body, headers)
    except OSError as exc:
        phase.record(0.0, f"{method} {path}: {exc}")
        return None


def agenda_phase(port: int, clients: int, per_client: int, deadline_s: float, paths: list[str]) -> Phase:
    phase = Phase("agenda")

    def work(index, deadline):
        client = Client(port)
        for n in range(per_client):
            if time.monotonic() > deadline:
                return
            path = paths[(index + n) % len(paths)]
            if answer := attempt(phase, client, "GET", path):
                status, _content, ms = answer
                phase.record(ms, "" if status == 200 else f"GET {path}: HTTP {status}")

    phase.wall_s = run_clients(clients, work, deadline_s)
    return phase


def registration_phase(
    port: int,
    clients: int,
    per_client: int,
    deadline_s: float,
    session_paths: list[str],
    run_id: str,
    network: str = "127.0.0",
) -> tuple[Phase, Phase]:
    """Each client: GET the session page (CSRF cookie and form key), then POST a new registration.

    Client `i` comes from `{network}.{10 + i}` (the rate limit allows 10 attempts per address)."""
    get_phase, post_phase = Phase("page de séance"), Phase("inscription")

    def work(index, deadline):
        client = Client(port, source=f"{network}.{10 + index}")
        for n in range(per_client):
            if time.monotonic() > deadline:
                return
            path = session_paths[(index + n) % len(session_paths)]
            if not (answer := attempt(get_phase, client, "GET", path)):
                continue
            status, content, ms = answer
            key = KEY.search(content)
            get_phase.record(ms, "" if status == 200 and key else f"GET {path}: HTTP {status}")
            if not key or "csrftoken" not in client.cookies:
                continue
            form = {
                "csrfmiddlewaretoken": client.cookies["csrftoken"],
                "submission_key": key.group(1),
                "first_name": "Charge",
                "last_name": f"Client{index}",
                "email": f"charge-{run_id}-{index}-{n}@exemple.fr",
                "organisation_name": "Ville de test",
                "function": "agent",
                "consent_events": "on",
                "site_web": "",
            }
            headers = {"Referer": f"http://{HOST}:{port}{path}", "Origin": f"http://{HOST}:{port}"}
            if not (answer := attempt(post_phase, client, "POST", path, form, headers)):
                continue
            status, _content, ms = answer
            post_phase.record(ms, "" if status == 302 else f"POST {path}: HTTP {status}")

    wall = run_clients(clients, work, deadline_s)
    get_phase.wall_s = post_phase.wall_s = wall
    return get_phase, post_phase


def process_tree_cpu_s(root_pid: int) -> float:
    """User + system CPU seconds of a process and its live children (the gunicorn workers), from /proc."""
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(stat.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))  # ppid, ticks
    tree = {root_pid}
    for pid, (ppid, _ticks) in sorted(stats.items()):
        if pid == root_pid or ppid in tree:
            tree.add(pid)
    ticks = sum(stats[pid][1] for pid in tree if pid in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU seconds spent busy by the whole machine since boot (all cores), from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")
