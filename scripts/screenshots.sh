#!/usr/bin/env bash
# A screenshot walk through every page of `netmap serve` (headless Chromium, 1366x768): a prepared
# workspace (two snapshots, one account per role, a triage, a comment, a share link), a real server on a
# free loopback port, one PNG per page into FOLDER (default exports/screenshots). Problems (a page that
# does not answer, a console error, an outside request, a page wider than 1366 px) are listed; exit 1 then.
#   scripts/screenshots.sh [FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
exec "$PY" -m tests.web_screenshots "${1:-exports/screenshots}"
