#!/usr/bin/env bash
# Sourced by scripts/run and scripts/test: makes .venv with contentfinder installed in it.
# On Debian/Ubuntu it installs what a bare machine lacks (python3-venv) when it runs as root,
# and otherwise says which package to install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
EXTRAS="${1:-}"

need_apt() {
  local packages=("$@")
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing ${packages[*]} (apt-get)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "bootstrap: please install: ${packages[*]} (e.g. sudo apt-get install ${packages[*]})" >&2
    exit 1
  fi
}

command -v "$PYTHON" >/dev/null || need_apt python3 python3-venv
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "bootstrap: contentfinder needs Python 3.11 or newer ($("$PYTHON" --version))" >&2; exit 1; }
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || need_apt python3-venv

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
STAMP="$VENV/.installed$EXTRAS"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "bootstrap: installing contentfinder$EXTRAS into .venv (log: .venv/pip.log)" >&2
  {
    "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip &&
    "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$ROOT$EXTRAS"
  } >"$VENV/pip.log" 2>&1 || {
    tail -n 30 "$VENV/pip.log" >&2
    echo "bootstrap: pip install failed; the whole log is in .venv/pip.log" >&2
    exit 1
  }
  touch "$STAMP"
fi
