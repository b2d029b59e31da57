#!/usr/bin/env bash
# One-step install on a fresh machine: system packages the tests need (Chromium, for the
# Datasette browser test; redis-server, for distributed crawling and its tests), then a
# virtualenv in .venv with pressarchive and its test tools.
# Re-running it is safe. Set SKIP_SYSTEM_PACKAGES=1 to leave system packages alone.
set -euo pipefail
cd "$(dirname "$0")"

MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING="$MISSING chromium"
command -v redis-server >/dev/null 2>&1 || MISSING="$MISSING redis-server"
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

PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
echo "installed: $(.venv/bin/pressarchive --version)"
