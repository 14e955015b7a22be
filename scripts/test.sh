#!/usr/bin/env bash
# `make test` (after `scripts/bootstrap.sh test`): ruff, the migrations check, then the whole pytest suite
# on SQLite and on a throwaway PostgreSQL 15 cluster (free local port, unprivileged user, temporary
# directory, stopped and removed on exit whatever happens). Every step runs even when an earlier one
# failed; a summary closes the run and the exit status is non-zero if any step failed.
#
#   scripts/test.sh                          everything (what `make test` and CI run)
#   scripts/test.sh --sqlite tests/core      one database only, pytest arguments after the option;
#   scripts/test.sh --postgres -k qpv        lint and the migrations check are skipped then
#   scripts/test.sh --fresh-clone            `make test` in a fresh clone of the committed HEAD (new .venv,
#                                            ../shared linked beside it): what CI will see
#
# See docs/tests.md.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
PY=.venv/bin/python

if [ "${1:-}" = --fresh-clone ]; then
  # CI runs on a fresh clone: nothing installed by hand in this checkout's .venv, no uncommitted file.
  fresh=$(mktemp -d "${TMPDIR:-/tmp}/maillage-fresh.XXXXXX")
  trap 'rm -rf "$fresh"' EXIT
  git clone -q "$ROOT" "$fresh/maillage" || exit 1
  if [ -d "$ROOT/../shared" ]; then
    ln -s "$(cd "$ROOT/../shared" && pwd)" "$fresh/shared"
  fi
  echo "→ make test dans un clone neuf de $(git -C "$fresh/maillage" log -1 --format='%h %s')"
  make -C "$fresh/maillage" test
  exit $?
fi

passes=(sqlite postgresql)
lint=1
case "${1:-}" in
  --sqlite)
    passes=(sqlite)
    lint=0
    shift
    ;;
  --postgres | --postgresql)
    passes=(postgresql)
    lint=0
    shift
    ;;
esac
pytest_args=("$@")
[ ${#pytest_args[@]} -gt 0 ] || pytest_args=(tests)

if [ ! -x "$PY" ]; then
  echo "✗ $PY introuvable : lancez d'abord scripts/bootstrap.sh test (ou make test)." >&2
  exit 1
fi

mkdir -p var
# Throwaway var/ for the test runs (secret key, media, uploads): the dev database is never touched.
# One per run, so that two runs in the same checkout don't collide.
RUN_DIR=$(mktemp -d "$ROOT/var/test-run.XXXXXX")
PG_DIR=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [ -n "$PG_DIR" ]; then
    scripts/pg.sh stop "$PG_DIR" || true
  fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

names=()
results=()
durations=()
failed=0

record() { # name status seconds
  names+=("$1")
  results+=("$2")
  durations+=("$3")
  case $2 in OK*) ;; *) failed=1 ;; esac
}

step() { # name command… : runs the command, records OK or ÉCHEC
  local name=$1 start status
  shift
  echo
  echo "━━━ $name"
  start=$SECONDS
  "$@"
  status=$?
  if [ $status -eq 0 ]; then
    record "$name" OK $((SECONDS - start))
  else
    record "$name" "ÉCHEC (code $status)" $((SECONDS - start))
  fi
}

# A hung pass (a browser waiting forever, a lock) must not eat the whole CI budget: each pytest pass is
# stopped after MAILLAGE_TEST_TIMEOUT seconds (35 min by default) and the next step still runs.
PASS_TIMEOUT=${MAILLAGE_TEST_TIMEOUT:-2100}

pytest_step() { # name var_dir database_url
  local name=$1 var_dir=$2 url=$3 start status verdict out totals
  echo
  echo "━━━ $name"
  start=$SECONDS
  mkdir -p "$var_dir"
  out="$var_dir/pytest.out"
  if [ -n "$url" ]; then
    MAILLAGE_VAR_DIR="$var_dir" DATABASE_URL="$url" timeout --kill-after=30 "$PASS_TIMEOUT" \
      "$PY" -m pytest -q -ra --durations=5 "${pytest_args[@]}" 2>&1 | tee "$out"
  else
    env -u DATABASE_URL MAILLAGE_VAR_DIR="$var_dir" timeout --kill-after=30 "$PASS_TIMEOUT" \
      "$PY" -m pytest -q -ra --durations=5 "${pytest_args[@]}" 2>&1 | tee "$out"
  fi
  status=${PIPESTATUS[0]}
  totals=$(grep -E '^=* ?[0-9]+ (passed|failed|error|skipped|deselected|xfailed|xpassed).* in [0-9.]+s' "$out" |
    tail -n 1 | sed -E 's/^=+ //; s/ =+$//; s/ in [0-9.]+s.*$//')
  case $status in
    0) verdict="OK" ;;
    5) verdict="ÉCHEC (aucun test exécuté)" ;;
    124 | 137) verdict="ÉCHEC (délai de ${PASS_TIMEOUT} s dépassé)" ;;
    *) verdict="ÉCHEC (code $status)" ;;
  esac
  [ -n "$totals" ] && verdict="$verdict — $totals"
  record "$name" "$verdict" $((SECONDS - start))
}

if [ $lint -eq 1 ]; then
  step "ruff check" .venv/bin/ruff check .
  step "ruff format --check" .venv/bin/ruff format --check .
  step "makemigrations --check" env -u DATABASE_URL MAILLAGE_VAR_DIR="$RUN_DIR/migrations" \
    "$PY" manage.py makemigrations --check --dry-run
fi

for pass in "${passes[@]}"; do
  if [ "$pass" = sqlite ]; then
    pytest_step "pytest SQLite" "$RUN_DIR/sqlite" ""
  else
    echo
    echo "━━━ PostgreSQL jetable"
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/maillage-pg.XXXXXX")
    if url=$(scripts/pg.sh start "$PG_DIR"); then
      pytest_step "pytest PostgreSQL" "$RUN_DIR/postgresql" "$url"
    else
      record "pytest PostgreSQL" "ÉCHEC (PostgreSQL n'a pas démarré)" 0
    fi
    scripts/pg.sh stop "$PG_DIR" || true
    PG_DIR=""
  fi
done

echo
echo "━━━ Résumé"
for i in "${!names[@]}"; do
  printf '  %-24s %5ss  %s\n' "${names[$i]}" "${durations[$i]}" "${results[$i]}"
done
if [ $failed -eq 0 ]; then
  echo "✓ Tout est passé."
else
  echo "✗ Au moins une étape a échoué."
fi
exit $failed
