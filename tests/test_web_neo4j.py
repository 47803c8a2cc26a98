"""netmap serve --neo4j against the real Neo4j of the test suite (tests/neo4j_fixtures.py)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from netmap.analysis import analyse
from netmap.cli import main as cli_main
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.neo4j import load_status, open_driver
from netmap.web.app import create_app
from netmap.web.service import Neo4jSettings
from tests.test_web import BAD, assert_strict_page, csv_zip, post_file, state

pytestmark = pytest.mark.neo4j


def loaded(uri: str) -> dict:
    with open_driver(uri, None, None) as driver:
        return load_status(driver)


def test_serve_keeps_the_map_in_neo4j(neo4j_clean, tmp_path):
    uri = neo4j_clean.uri
    with TestClient(create_app(tmp_path / "ws", neo4j=Neo4jSettings(uri))) as client:
        service = state(client).service
        first = service.latest()
        status = loaded(uri)
        assert status["status"] == "complete" and status["fingerprint"] == first.fingerprint
        view = service.view(1)
        assert view.base.summary.get("engine", {}).get("neo4j_cypher")  # read from the database
        embedded = analyse(build_graph(read_dataset(example_path())))
        got = client.get("/api/v1/snapshots/1/findings").json()
        want = json.loads(json.dumps([f.to_dict() for f in embedded.findings]).replace(
            '"wo_pleegzorg"', f'"{view.public_id("wo_pleegzorg")}"'))
        assert got == want
        for url in ("/s/1", "/s/1/bevindingen", "/s/1/n/rkj_friesland", "/s/1/kaart", "/momentopnamen"):
            page = client.get(url)
            assert_strict_page(page)
            assert "De kaart staat in Neo4j" in page.text
        # a bad upload loads nothing; a valid one becomes the loaded map
        bad = post_file(client, "bad.yaml", (BAD / "unknown_level.yaml").read_bytes())
        assert all(job.done.wait(120) for job in service.jobs.values())
        if bad.status_code == 303:
            bad = client.get(bad.headers["location"])
        assert "is niet opgeslagen" in bad.text
        assert loaded(uri)["fingerprint"] == first.fingerprint
        assert post_file(client, "q4.zip", csv_zip(example_path("kbl-2026q4"))).status_code == 303
        assert all(job.done.wait(120) for job in service.jobs.values())  # a slow load gets a progress page
        second = service.latest()
        assert second.id == 2 and loaded(uri)["fingerprint"] == second.fingerprint
        assert service.view(2).base.summary.get("engine")
        later = analyse(build_graph(read_dataset(example_path("kbl-2026q4"))))
        assert len(client.get("/api/v1/snapshots/2/findings").json()) == len(later.findings)
        assert client.get("/momentopnamen/verschil?old=1&new=2").status_code == 200
    # a restart on the same workspace finds the latest snapshot already loaded
    with TestClient(create_app(tmp_path / "ws", neo4j=Neo4jSettings(uri))) as client:
        assert loaded(uri)["fingerprint"] == state(client).service.latest().fingerprint


def test_serve_with_an_unreachable_neo4j_says_so(tmp_path):
    result = CliRunner().invoke(cli_main, ["serve", "--neo4j", "--uri", "bolt://127.0.0.1:1", "--workspace",
                                           str(tmp_path / "w")])
    assert result.exit_code == 1 and "Fout:" in result.output and "Traceback" not in result.output
