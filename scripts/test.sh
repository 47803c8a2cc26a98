#!/usr/bin/env bash
# The test command: installs what the tests need, checks the code, then runs the whole suite.
#   - a virtualenv in .venv with netmap and its test dependencies (pytest, ruff, mypy)
#   - ruff (lint) and mypy (types) on the whole repository, configured in pyproject.toml; a finding fails
#   - Debian's chromium for the map tests, and LibreOffice Calc (headless) for the workbook round trip
#     (when running as root with apt-get)
#   - Neo4j 5.26 from Maven (cached in ~/.m2); the test fixtures start and stop it on 127.0.0.1
# Extra arguments go to pytest, e.g. scripts/test.sh -k validate
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing chromium for the map tests" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "test.sh: chromium not found; install it (apt-get install chromium) or the map tests skip" >&2
    fi
fi

if ! command -v soffice >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing LibreOffice Calc for the workbook round trip" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            libreoffice-calc-nogui >/dev/null
    else
        echo "test.sh: soffice not found; install libreoffice-calc-nogui or the LibreOffice tests skip" >&2
    fi
fi

if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
    echo "test.sh: resolving Neo4j 5.26 (first run downloads it, later runs use the cache)" >&2
    .venv/bin/python -c "from tests.neo4jserver import resolve_classpath; resolve_classpath()"
else
    echo "test.sh: java/mvn not found; the Neo4j tests will skip (outside CI) or fail (in CI)" >&2
fi

echo "test.sh: ruff check" >&2
.venv/bin/ruff check .
echo "test.sh: mypy" >&2
.venv/bin/mypy

exec .venv/bin/python -m pytest "$@"
