#!/usr/bin/env bash
# One-step install on a fresh machine: a virtualenv in .venv with pressarchive and its
# test tools. Re-running it is safe.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
echo "installed: $(.venv/bin/pressarchive --version)"
