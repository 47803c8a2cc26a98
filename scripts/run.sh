#!/usr/bin/env bash
# The main job: install netmap in .venv and run it on the shipped KBL example (or on PATH if given).
# Writes the report, the maps and the findings into exports/. Needs no database server.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/netmap run "$@"
