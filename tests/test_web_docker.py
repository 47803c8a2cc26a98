"""docker-compose.yml and the Dockerfile (issue 13): no Docker on the test machine, so the files are read
for what `docker compose up -d --wait` needs: both services, health checks, loopback only, the command,
and no password or other secret in either file."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined, comments left out."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_compose_has_neo4j_and_netmap_with_health_checks():
    services = compose()["services"]
    assert {"neo4j", "netmap"} <= set(services)
    netmap = services["netmap"]
    assert netmap["build"] == "." and (ROOT / "Dockerfile").is_file()
    assert netmap["depends_on"]["neo4j"]["condition"] == "service_healthy"  # --wait waits for both
    for name in ("neo4j", "netmap"):
        check = services[name]["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL") and check["retries"] >= 3
    assert "127.0.0.1:8000" in " ".join(netmap["healthcheck"]["test"])


def test_netmap_serves_neo4j_on_loopback_only():
    services = compose()["services"]
    netmap = services["netmap"]
    command = netmap["command"] if isinstance(netmap["command"], list) else shlex.split(netmap["command"])
    assert command[:3] == ["netmap", "serve", "--neo4j"]
    assert command[command.index("--host") + 1] == "127.0.0.1"  # refuses anything else without accounts
    # the host's loopback: shared network, or ports published on 127.0.0.1 only
    assert netmap.get("network_mode") == "host" or all(str(p).startswith("127.0.0.1:") for p in netmap["ports"])
    assert netmap["environment"]["NETMAP_NEO4J_URI"] == "bolt://127.0.0.1:7687"
    for port in services["neo4j"]["ports"]:
        assert str(port).startswith("127.0.0.1:"), port
    assert "netmap-werkruimte:/werkruimte" in netmap["volumes"]
    assert "netmap-werkruimte" in compose()["volumes"]


def test_no_password_in_either_file():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    for key, value in compose()["services"]["netmap"]["environment"].items():
        if "PASSWORD" in key:
            assert re.fullmatch(r"\$\{NETMAP_NEO4J_PASSWORD:\?[^}]+\}", value), value  # from .env, never literal
    assert "NEO4J_AUTH: neo4j/${NETMAP_NEO4J_PASSWORD" in text
    docker = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert not re.search(r"(?i)password\s*=|NETMAP_NEO4J_PASSWORD", docker)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and ".git" in ignored and ".venv" in ignored


def test_dockerfile_installs_netmap_and_runs_it_unprivileged_with_a_health_check():
    steps = dockerfile()
    words = [w for w, _ in steps]
    assert words[0] == "FROM" and re.match(r"python:3\.1[0-9]", steps[0][1])
    assert any(w == "RUN" and "pip install ." in a for w, a in steps)
    user = [a for w, a in steps if w == "USER"]
    assert user and user[-1] not in ("root", "0")
    assert words.index("USER") < words.index("CMD")
    health = next(a for w, a in steps if w == "HEALTHCHECK")
    assert "127.0.0.1:8000" in health
    cmd = next(a for w, a in steps if w == "CMD")
    import json

    args = json.loads(cmd)  # the exec form: signals reach netmap, not a shell
    assert args[:2] == ["netmap", "serve"] and args[args.index("--host") + 1] == "127.0.0.1"
    # what the image copies exists, and the package's data files come with it
    for w, a in steps:
        if w == "COPY":
            for source in a.split()[:-1]:
                assert (ROOT / source).exists(), source


def test_the_health_check_route_is_public(tmp_path):
    """The health check asks a route every principal may read, also once the workspace has accounts."""
    from fastapi.testclient import TestClient

    from netmap.web.app import create_app

    app = create_app(tmp_path / "ws")
    app.state.team.add_user("boss", "beheerder", "correct horse battery")
    r = TestClient(app).get("/favicon.ico", follow_redirects=False)
    assert r.status_code == 200
