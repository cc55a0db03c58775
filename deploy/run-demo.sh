#!/usr/bin/env bash
# Set up Voice in .venv, load demo data into an SQLite file under var/, and serve it
# at http://127.0.0.1:8000. Safe to run again: existing data is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/voice demo
echo "Voice is at http://127.0.0.1:8000 (staff: http://127.0.0.1:8000/staff)"
exec .venv/bin/voice serve --host 127.0.0.1 --port 8000
