# netmap as a service: `netmap serve --neo4j` in a container, beside the neo4j service of
# docker-compose.yml (`docker compose up -d --wait` starts both; see the comments there and the README).
#
#   docker build -t netmap .
#   docker run --rm --network host -v netmap-werkruimte:/werkruimte netmap     # embedded, no Neo4j
#
# The image holds the package only: no data, no .env, no password (.dockerignore). The workspace
# (uploaded snapshots, the SQLite state) is the volume /werkruimte. The service runs as an
# unprivileged user and, until the workspace has accounts, listens on loopback only; docker-compose.yml
# therefore shares the host's network, so 127.0.0.1:8000 is the host's loopback.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MPLBACKEND=Agg \
    MPLCONFIGDIR=/tmp/matplotlib

WORKDIR /app
COPY pyproject.toml README.md ./
COPY netmap ./netmap
RUN pip install . \
    && useradd --create-home --uid 10001 netmap \
    && mkdir /werkruimte && chown netmap:netmap /werkruimte

USER netmap
WORKDIR /werkruimte
VOLUME ["/werkruimte"]
EXPOSE 8000

# Healthy once the application answers (a public route; every other page may need a login).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=12 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/favicon.ico', timeout=4)"]

# The embedded default (no other server). docker-compose.yml runs it with --neo4j.
CMD ["netmap", "serve", "--host", "127.0.0.1", "--port", "8000", "--workspace", "/werkruimte"]
