"""pytest fixtures for a real Neo4j 5.26 server (see tests/neo4jserver.py).

Enable them for the whole suite from the top-level ``conftest.py`` (pytest
only honours ``pytest_plugins`` there)::

    pytest_plugins = ["tests.neo4j_fixtures"]

Fixtures:

``neo4j_server`` (session)
    One server, auth off, started on first use and stopped at the end of
    the session.  Yields the :class:`~tests.neo4jserver.Neo4jServer`
    (``.uri``, ``.auth``, ``.stop()``, ``.start()``, ``.restart()``; data
    survives a restart).  Without Java 17+ or Maven the test is *skipped*
    with the reason, except in CI (``CI`` set and not false/0) where it
    fails instead: CI must run these tests.

``neo4j_clean`` (function)
    The session server, emptied first: all nodes and relationships deleted
    (in batches), all constraints and indexes dropped except Neo4j's
    built-in token LOOKUP indexes.  Restarts the server if an earlier test
    left it stopped.

``neo4j_auth_server`` (session)
    A second server, started only when a test asks for it, with auth on:
    user ``neo4j`` and a random password made for this session
    (``server.auth == ("neo4j", password)``).  For error-message tests.
"""

from __future__ import annotations

import os
import secrets

import pytest

from tests.neo4jserver import (
    Neo4jServer,
    Neo4jServerError,
    _is_ci,
    java_available,
)

START_TIMEOUT = float(os.environ.get("NETMAP_TEST_NEO4J_START_TIMEOUT", "240"))


def _require_java() -> None:
    ok, reason = java_available()
    if ok:
        return
    msg = f"Neo4j test server unavailable: {reason}"
    if _is_ci():
        pytest.fail(f"{msg} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(msg)


def _start(server: Neo4jServer) -> Neo4jServer:
    try:
        return server.start(timeout=START_TIMEOUT)
    except Neo4jServerError as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """The session's Neo4j 5.26 server, auth off (see module docstring)."""
    _require_java()
    server = Neo4jServer(data_dir=tmp_path_factory.mktemp("neo4j-server"))
    _start(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_auth_server(tmp_path_factory):
    """A second server with auth on; ``auth`` is ``("neo4j", <random password>)``."""
    _require_java()
    password = "t-" + secrets.token_urlsafe(18)
    server = Neo4jServer(
        data_dir=tmp_path_factory.mktemp("neo4j-auth-server"),
        password=password,
    )
    _start(server)
    try:
        yield server
    finally:
        server.stop()


def clean_database(server: Neo4jServer, batch_size: int = 10_000) -> None:
    """Delete all data, constraints and (non-LOOKUP) indexes of ``server``."""
    import neo4j

    with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        with driver.session(database="neo4j") as session:
            # Auto-commit query: CALL ... IN TRANSACTIONS needs one.
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } "
                f"IN TRANSACTIONS OF {int(batch_size)} ROWS"
            ).consume()
            constraints = [
                r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name RETURN name")
            ]
            for name in constraints:
                session.run(f"DROP CONSTRAINT {_quote(name)} IF EXISTS").consume()
            indexes = [
                r["name"]
                for r in session.run(
                    "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
                )
            ]
            for name in indexes:
                session.run(f"DROP INDEX {_quote(name)} IF EXISTS").consume()


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


@pytest.fixture
def neo4j_clean(neo4j_server):
    """The session server with an empty database (see module docstring)."""
    if not neo4j_server.running:  # a test stopped it and did not restart it
        _start(neo4j_server)
    clean_database(neo4j_server)
    yield neo4j_server
