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

# Libraries Qt loads even offscreen, as Debian packages: (library file, package).
QT_LIBRARIES=(
  "libEGL.so.1 libegl1" "libGL.so.1 libgl1" "libfontconfig.so.1 libfontconfig1"
  "libglib-2.0.so.0 libglib2.0-0" "libdbus-1.so.3 libdbus-1-3"
  "libxkbcommon.so.0 libxkbcommon0"
)
# ... and for a real window on X11.
QT_WINDOW_LIBRARIES=(
  "libxcb-cursor.so.0 libxcb-cursor0" "libxcb-icccm.so.4 libxcb-icccm4"
  "libxcb-keysyms.so.1 libxcb-keysyms1" "libxcb-shape.so.0 libxcb-shape0"
  "libxcb-xkb.so.1 libxcb-xkb1" "libxkbcommon-x11.so.0 libxkbcommon-x11-0"
  "libxcb-render-util.so.0 libxcb-render-util0" "libxcb-image.so.0 libxcb-image0"
  "libX11-xcb.so.1 libx11-xcb1"
)

# Installs the packages of the libraries in "$@" (pairs as above) that the system lacks.
need_libraries() {
  command -v ldconfig >/dev/null || return 0  # not Linux with glibc: the wheels bring their own
  local missing=() pair library package
  for pair in "$@"; do
    read -r library package <<<"$pair"
    ldconfig -p | grep -q "$library" || missing+=("$package")
  done
  if [ "$#" -gt 0 ] && [ "${1%% *}" = "libEGL.so.1" ] && [ ! -d /usr/share/fonts ]; then
    missing+=(fonts-dejavu-core)
  fi
  [ "${#missing[@]}" -eq 0 ] || need_apt "${missing[@]}"
}

command -v "$PYTHON" >/dev/null || need_apt python3 python3-venv
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "bootstrap: contentfinder needs Python 3.11 or newer ($("$PYTHON" --version))" >&2; exit 1; }
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || need_apt python3-venv
need_libraries "${QT_LIBRARIES[@]}"
# The tests start a real PostgreSQL server (tests/sync/conftest.py): initdb and pg_ctl.
if [[ "$EXTRAS" == *test* ]] && ! command -v pg_ctl >/dev/null &&
  ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  need_apt postgresql
fi
# ... and render the reports' workbooks with LibreOffice, as a marketing lead opens them.
if [[ "$EXTRAS" == *test* ]] && ! command -v soffice >/dev/null; then
  need_apt libreoffice-calc-nogui
fi
# ... and check the desktop entry `install-desktop-entry` writes, as the desktop reads it.
if [[ "$EXTRAS" == *test* ]] && ! command -v desktop-file-validate >/dev/null; then
  need_apt desktop-file-utils
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
STAMP="$VENV/.installed$EXTRAS"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ] || [ "$ROOT/setup.py" -nt "$STAMP" ]; then
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
