#!/usr/bin/env bash
# Serves Maillage for `make run`: a background-jobs worker plus Django's server, stopped together.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}

.venv/bin/python manage.py db_worker --queue-name "*" >var/worker.log 2>&1 &
worker=$!
.venv/bin/python manage.py run_scheduler >var/scheduler.log 2>&1 &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM

echo
echo "  Maillage : http://$host:$port/"
.venv/bin/python manage.py ensure_staff | sed 's/^/  /'
echo "  Journaux des tâches de fond : var/worker.log, var/scheduler.log"
echo
.venv/bin/python manage.py runserver "$host:$port"
