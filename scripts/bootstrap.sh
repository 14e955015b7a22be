#!/usr/bin/env bash
# Installs what is missing and nothing else: Debian packages (as root), the virtualenv, pinned dependencies.
# Usage: scripts/bootstrap.sh run|test
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

lists=(scripts/apt-run.txt)
[ "$mode" = test ] && lists+=(scripts/apt-test.txt)

missing=()
for pkg in $(grep -hvE '^\s*(#|$)' "${lists[@]}"); do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "→ Paquets système manquants : ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "⚠ Paquets système manquants (à installer en root) : ${missing[*]}" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "→ Création de l'environnement virtuel .venv"
  python3 -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "→ Installation des dépendances Python (versions figées)"
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
  .venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$want" >"$stamp"
fi
mkdir -p var
