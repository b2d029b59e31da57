#!/usr/bin/env bash
# One-step install on a fresh machine: system packages the tests need (Chromium, for the
# Datasette browser test; redis-server, for distributed crawling and its tests; a C
# compiler with the SQLite and Python headers, for the search ranking function; antiword,
# catdoc, Tesseract with its Vietnamese model and the DejaVu fonts, for document text), then a
# virtualenv in .venv with pressarchive and its test tools.
# Re-running it is safe. Set SKIP_SYSTEM_PACKAGES=1 to leave system packages alone.
set -euo pipefail
cd "$(dirname "$0")"

MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING="$MISSING chromium"
command -v redis-server >/dev/null 2>&1 || MISSING="$MISSING redis-server"
command -v cc >/dev/null 2>&1 || MISSING="$MISSING gcc libc6-dev"
[ -f /usr/include/sqlite3.h ] || MISSING="$MISSING libsqlite3-dev"
# Document text: .doc readers, Tesseract with its Vietnamese model, the sample PDFs' font.
command -v antiword >/dev/null 2>&1 || MISSING="$MISSING antiword"
command -v catdoc >/dev/null 2>&1 || MISSING="$MISSING catdoc"
command -v tesseract >/dev/null 2>&1 || MISSING="$MISSING tesseract-ocr"
ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 \
    || MISSING="$MISSING tesseract-ocr-vie"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || MISSING="$MISSING fonts-dejavu-core"
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
# pywb (replay, and the local Wayback Machine of the backfill tests) pins redis==2.10.6;
# the distributed crawl needs redis>=5: pywb gets a virtualenv of its own, used as the
# commands `wb-manager` and `wayback` (never imported).
[ -x .venv/pywb/bin/wayback ] || { "$PYTHON" -m venv .venv/pywb \
    && .venv/pywb/bin/python -m pip install --quiet 'pywb==2.10.0'; }
.venv/bin/python -c 'import pressarchive._fts5rank' 2>/dev/null \
    || echo "warning: the search ranking function was not built (no C compiler or SQLite" \
            "headers?): search works, but slowly on large archives" >&2
echo "installed: $(.venv/bin/pressarchive --version)"
