#!/usr/bin/env bash
# One-step install on a fresh machine: system packages the tests need (Chromium, for the
# Datasette browser test; redis-server, for distributed crawling and its tests; a C
# compiler with the SQLite and Python headers, for the search ranking function), then a
# virtualenv in .venv with pressarchive and its test tools.
# Re-running it is safe. Set SKIP_SYSTEM_PACKAGES=1 to leave system packages alone.
set -euo pipefail
cd "$(dirname "$0")"

MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING="$MISSING chromium"
command -v redis-server >/dev/null 2>&1 || MISSING="$MISSING redis-server"
command -v cc >/dev/null 2>&1 || MISSING="$MISSING gcc libc6-dev"
[ -f /usr/include/sqlite3.h ] || MISSING="$MISSING libsqlite3-dev"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
    || MISSING="$MISSING python3-dev"
if [ -z "${SKIP_SYSTEM_PACKAGES:-}" ] && [ -n "$MISSING" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    if command -v apt-get >/dev/null 2>&1; then
        $SUDO apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
    else
        echo "warning: install$MISSING yourself (no apt-get here)" >&2
    fi
fi

"$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
.venv/bin/python -c 'import pressarchive._fts5rank' 2>/dev/null \
    || echo "warning: the search ranking function was not built (no C compiler or SQLite" \
            "headers?): search works, but slowly on large archives" >&2
# pywb (the web-archive engine the backfill tests run as a local Wayback Machine) pins
# redis==2.10.6, which pressarchive's redis>=5 excludes: it gets a virtualenv of its own,
# used as the commands `wb-manager` and `wayback` (never imported).
"$PYTHON" -m venv .venv-pywb
.venv-pywb/bin/python -m pip install --quiet 'pywb==2.10.0'
echo "installed: $(.venv/bin/pressarchive --version)"
