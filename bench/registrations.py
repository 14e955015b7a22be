"""Load test of the public agenda and the registration form, served as in production.

The app runs under gunicorn on loopback (3 workers, `docs/deploiement.md`) with DEBUG=false and static
files collected into the run's temporary directory, on the bench's database (SQLite, or PostgreSQL with
`--postgres` / DATABASE_URL: the production setting). 60 upcoming sessions are seeded. Then 20
concurrent clients (threads, closed loop, no think time):
  0. warm-up (not measured): a few agenda, session pages and registrations from other addresses;
  1. GET the agenda (three variants: first page, second page, a filter), 40 requests each;
  2. GET a session page (CSRF cookie and form key) then POST a new registration, 10 times each.
Bounded in count and time; only 127.0.0.1 is targeted. Target: p95 < 150 ms and no error.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
import uuid

from bench import registrations_load as load
from bench.registry import BenchError, Context, Measurement, entry

CLIENTS = 20
AGENDA_PER_CLIENT = 40
REGISTRATIONS_PER_CLIENT = 10
TARGET_P95_MS = 150
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "3"))
CORES = os.cpu_count() or 1

CHECK_SCRIPT = (
    "import json; from django.db.models import Count, Q; from maillage.participation.models import Registration;"
    "from maillage.programme.models import Session;"
    "rows = Session.objects.filter(capacity__isnull=False).annotate("
    "held=Count('registrations', filter=Q(registrations__status__in=['confirmee', 'a_valider'])));"
    "print(json.dumps({'registrations': Registration.objects.count(),"
    "'overbooked': sum(1 for s in rows if s.held > s.capacity)}))"
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def last_json(run) -> dict:
    for line in reversed(run.log.read_text(encoding="utf-8").splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise BenchError(f"pas de résultat JSON dans {run.log}")


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    client = load.Client(port, timeout=5)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn s'est arrêté (code {process.returncode})")
        try:
            if client.request("GET", "/agenda/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise BenchError("gunicorn ne répond pas sur /agenda/ après 60 s")


class Gunicorn:
    def __init__(self, context: Context, env: dict[str, str], port: int):
        self.command = [
            context.python, "-m", "gunicorn", "maillage.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--timeout", "60",
        ]  # fmt: skip
        self.log = context.log_dir / f"registrations-gunicorn-{context.backend.name}.log"
        self.env, self.port = env, port

    def __enter__(self) -> subprocess.Popen:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.out = self.log.open("wb")
        self.process = subprocess.Popen(self.command, env=self.env, stdout=self.out, stderr=subprocess.STDOUT)
        wait_ready(self.port, self.process)
        return self.process

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.out.close()


@entry(
    "registrations",
    title="Charge : agenda public et inscription (gunicorn, 20 clients)",
    description="req/s, p50 et p95 de l'agenda public et du POST d'inscription à 20 clients concurrents",
)
def registrations_load(context: Context) -> list[Measurement]:
    port = free_port()
    with context.fresh_database() as base_env:
        env = base_env | {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "LOG_LEVEL": "ERROR",
        }
        context.manage(env, "migrate", "--noinput", log_name="registrations-migrate").check()
        context.manage(env, "collectstatic", "--noinput", log_name="registrations-collectstatic").check()
        seed = context.manage(
            env, "shell", "-c", "import runpy; runpy.run_path('bench/registrations_seed.py')",
            log_name="registrations-seed",
        ).check()  # fmt: skip
        seeded = last_json(seed)
        session_paths = [f"/agenda/seances/{pk}/" for pk in seeded["open"]]
        agenda_paths = ["/agenda/", "/agenda/?page=2", "/agenda/?format=distanciel"]
        with Gunicorn(context, env, port) as server:
            # Warm-up, not measured: every worker has served pages and registrations once (imports, connections).
            load.agenda_phase(port, 4, 10, 30, agenda_paths + session_paths)
            _, warm = load.registration_phase(port, 4, 3, 30, session_paths, "chauffe", network="127.0.1")
            agenda = load.agenda_phase(port, CLIENTS, AGENDA_PER_CLIENT, 120, agenda_paths)
            app_cpu, busy = load.process_tree_cpu_s(server.pid), load.machine_busy_s()
            page, post = load.registration_phase(
                port, CLIENTS, REGISTRATIONS_PER_CLIENT, 180, session_paths, uuid.uuid4().hex[:8]
            )
            app_cpu = load.process_tree_cpu_s(server.pid) - app_cpu
            busy = load.machine_busy_s() - busy
        check = last_json(
            context.manage(env, "shell", "-c", CHECK_SCRIPT, log_name="registrations-check").check()
        )

    results = {name: phase.summary() for name, phase in [("agenda", agenda), ("page", page), ("post", post)]}
    (context.log_dir / f"registrations-{context.backend.name}.json").write_text(
        json.dumps(results | {"check": check}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    for name, summary in results.items():
        if summary["first_errors"]:
            context.notes.append(f"{name} : premières erreurs : {'; '.join(summary['first_errors'])}")
    context.notes.append(
        f"{seeded['count']} séances publiées ; {check['registrations']} inscriptions enregistrées pour "
        f"{post.count} POST mesurés et {warm.count} de chauffe ; séances en surréservation : {check['overbooked']} ; gunicorn {WORKERS} workers"
    )
    a, p = results["agenda"], results["post"]
    pairs = max(post.count, 1)
    context.notes.append(
        f"phase d'inscription : {post.wall_s:.1f} s, machine occupée à {busy / post.wall_s / CORES:.0%} "
        f"({CORES} cœurs), dont gunicorn {app_cpu / post.wall_s / CORES:.0%} ; le reste : base de données, "
        "générateur de charge et autres processus de la machine"
    )
    return [
        Measurement("agenda : requêtes/s", a["rps"], "req/s", higher_is_better=True),
        Measurement("agenda : p50", a["p50"], "ms"),
        Measurement("agenda : p95", a["p95"], "ms", target=TARGET_P95_MS),
        Measurement("agenda : erreurs", a["errors"], "", target=1, decimals=0),
        Measurement("inscription (POST) : requêtes/s", p["rps"], "req/s", higher_is_better=True),
        Measurement("inscription (POST) : p50", p["p50"], "ms"),
        Measurement("inscription (POST) : p95", p["p95"], "ms", target=TARGET_P95_MS),
        Measurement(
            "inscription : erreurs (GET + POST)",
            p["errors"] + results["page"]["errors"],
            "",
            target=1,
            decimals=0,
        ),
        Measurement("page de séance (GET) : p95", results["page"]["p95"], "ms"),
        Measurement("CPU de gunicorn par inscription (GET + POST)", app_cpu / pairs * 1000, "ms"),
        Measurement("CPU de la machine par inscription (GET + POST)", busy / pairs * 1000, "ms"),
        Measurement("séances en surréservation", check["overbooked"], "", target=1, decimals=0),
    ]
