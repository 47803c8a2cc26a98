"""The real Neo4j 5.26 test server (tests/neo4jserver.py) works as promised."""

from __future__ import annotations

import neo4j
import pytest

pytestmark = pytest.mark.neo4j


def _driver(server):
    return neo4j.GraphDatabase.driver(server.uri, auth=server.auth)


def test_server_answers_return_1(neo4j_server):
    assert neo4j_server.uri.startswith("bolt://127.0.0.1:")
    assert neo4j_server.auth is None
    with _driver(neo4j_server) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS x")
        assert records[0]["x"] == 1
        info = driver.get_server_info()
        assert info.agent.startswith("Neo4j/5.26")


def test_clean_fixture_empties_database(neo4j_clean):
    with _driver(neo4j_clean) as driver:
        driver.execute_query("CREATE CONSTRAINT item_id IF NOT EXISTS FOR (i:Item) REQUIRE i.id IS UNIQUE")
        driver.execute_query("CREATE INDEX item_name IF NOT EXISTS FOR (i:Item) ON (i.name)")
        driver.execute_query("UNWIND range(1, 25) AS i CREATE (:Item {id: i})-[:NEXT]->(:Other)")

    from tests.neo4j_fixtures import clean_database

    clean_database(neo4j_clean, batch_size=7)
    with _driver(neo4j_clean) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS c")
        assert records[0]["c"] == 0
        records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS c")
        assert records[0]["c"] == 0
        records, _, _ = driver.execute_query(
            "SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(*) AS c"
        )
        assert records[0]["c"] == 0


def test_data_survives_restart(neo4j_clean):
    server = neo4j_clean
    port = server.port
    with _driver(server) as driver:
        driver.execute_query("UNWIND range(1, 100) AS i CREATE (:Survivor {i: i})")
    server.restart()
    assert server.running and server.port == port
    with _driver(server) as driver:
        records, _, _ = driver.execute_query("MATCH (n:Survivor) RETURN count(n) AS c, sum(n.i) AS s")
        assert (records[0]["c"], records[0]["s"]) == (100, 5050)


def test_auth_server_rejects_wrong_password(neo4j_auth_server):
    server = neo4j_auth_server
    user, password = server.auth
    assert user == "neo4j" and len(password) >= 8
    with neo4j.GraphDatabase.driver(server.uri, auth=(user, password + "-wrong")) as driver:
        with pytest.raises(neo4j.exceptions.AuthError) as excinfo:
            driver.verify_connectivity()
    assert "unauthorized" in str(excinfo.value).lower()
    with neo4j.GraphDatabase.driver(server.uri, auth=None) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()
    with _driver(server) as driver:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query("RETURN 1 AS x")
        assert records[0]["x"] == 1
