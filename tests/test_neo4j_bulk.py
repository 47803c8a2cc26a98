"""netmap load --bulk: the import files for neo4j-admin database import build the same graph as the online load."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.dataset import example_path, read_dataset
from netmap.errors import Neo4jError
from netmap.graph import build_graph
from netmap.neo4j import load_graph, load_status, open_driver, read_graph
from netmap.neo4j.bulk import create_schema, import_command, run_import, write_import_files
from tests.test_neo4j_load import NASTY, counts, signature

pytestmark = pytest.mark.neo4j


def test_the_import_files_name_every_file_for_the_tool(tmp_path):
    G = build_graph(read_dataset(example_path()))
    (tmp_path / "imp").mkdir()
    info = write_import_files(G, tmp_path / "imp", tool_folder="/import")
    args = (tmp_path / "imp" / "import.args").read_text(encoding="utf-8").splitlines()
    assert info["rows"] == G.number_of_nodes() + G.number_of_edges() + len(G.graph["requirements"])
    files = [a.split("=", 2)[-1] for a in args if a.startswith(("--nodes=", "--relationships="))]
    assert all(f.startswith("/import/") for f in files)
    assert {f.rsplit("/", 1)[1] for f in files} == {p.name for p in (tmp_path / "imp").glob("*.csv")}
    assert import_command(["neo4j-admin"], "/import")[-3:] == ["neo4j", "--overwrite-destination",
                                                               "@/import/import.args"]


def test_bulk_import_gives_the_graph_the_online_load_gives(neo4j_clean, tmp_path):
    """Into the stopped test server, through neo4j-admin on the harness classpath."""
    from netmap.model import Node

    server = neo4j_clean
    dataset = read_dataset(example_path())
    dataset.nodes["njr"].name = NASTY  # quotes, commas and markup survive the CSV files
    dataset.nodes["extra"] = Node("extra", "organisation", "Regel 1\nRegel 2, \"met\" komma", levels=("I",))
    # columns only some rows have (from other tools' files), a weight that is not whole, an empty text
    dataset.nodes["extra"].extra = {"kvk": "1234", "aantal": 12, "sinds jaar": 2019}
    dataset.ties[0].extra = {"bron": "gephi;export", "score": 0.25}
    dataset.ties[1].weight = 0.1
    dataset.ties[1].note = ""
    G = build_graph(dataset)
    expected = signature(G)
    # a requirement of a body the graph lacks: the online load's MATCH stores none, and neither does the import
    G.graph["requirements"] = [*G.graph["requirements"], {**G.graph["requirements"][0], "body_id": "bestaat_niet"}]
    (tmp_path / "imp").mkdir()
    write_import_files(G, tmp_path / "imp")
    admin, env = server.admin_command()
    server.stop()
    try:
        run_import(admin, tmp_path / "imp", env=env)
    finally:
        server.start()
    # the tool's report lands beside the files, never in the folder netmap was started from
    assert (tmp_path / "imp" / "import.report").is_file() and not Path("import.report").exists()
    with open_driver(server.uri, None, None) as driver:
        create_schema(driver)
        assert load_status(driver)["status"] == "complete"
        assert signature(read_graph(driver)) == expected
        assert counts(driver) == (G.number_of_nodes(), G.number_of_edges())
        bulk_stored = stored(driver)
        load_graph(driver, G)  # a re-load over the imported graph MERGEs onto it: nothing doubles
        assert counts(driver) == (G.number_of_nodes(), G.number_of_edges())
        assert signature(read_graph(driver)) == expected
    from tests.neo4j_fixtures import clean_database

    clean_database(server)
    with open_driver(server.uri, None, None) as driver:
        load_graph(driver, G)
        assert stored(driver) == bulk_stored


def stored(driver):
    """Labels, relationship types and properties as stored, without the load's id and empty values
    (the import tool writes no empty list; the read-back restores it)."""
    def clean(props):
        return sorted(str(kv) for kv in props if kv[0] != "_load" and kv[1] != [])

    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE n:Actor OR n:Requirement RETURN labels(n) AS l, [k IN keys(n) | [k, n[k]]] AS p")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.key) AS a, coalesce(b.id, b.key) AS b, type(r) AS t, "
        "[k IN keys(r) | [k, r[k]]] AS p")
    return (sorted((sorted(r["l"]), clean(r["p"])) for r in nodes),
            sorted((r["a"], r["b"], r["t"], clean(r["p"])) for r in rels))


def test_a_failing_import_is_one_dutch_line(tmp_path):
    (tmp_path / "imp").mkdir()
    write_import_files(build_graph(read_dataset(example_path())), tmp_path / "imp")
    with pytest.raises(Neo4jError, match="neo4j-admin database import is mislukt"):
        run_import(["false"], tmp_path / "imp")
    with pytest.raises(Neo4jError, match="neo4j-admin database import is mislukt"):
        run_import([str(tmp_path / "no-such-tool")], tmp_path / "imp")


def test_cli_bulk_writes_the_files_and_says_what_to_run(tmp_path):
    from netmap.cli import main

    result = CliRunner().invoke(main, ["load", "--bulk", str(tmp_path / "imp"), "--tool-folder", "/import"])
    assert result.exit_code == 0, result.output
    assert "importbestanden voor 375 rijen" in result.output
    # what it is doing, step by step (a national map takes half a minute)
    assert "- importbestanden voor neo4j-admin schrijven ..." in result.output
    assert "neo4j-admin importeert" not in result.output  # no tool given: it is not run
    assert "neo4j-admin database import full neo4j --overwrite-destination @/import/import.args" in result.output
    assert (tmp_path / "imp" / "person.csv").is_file()
    bad = CliRunner().invoke(main, ["load", "tests/data/bad/dangling_id.yaml", "--bulk", str(tmp_path / "bad")])
    assert bad.exit_code == 1 and "er is niets geladen" in bad.output
    assert not (tmp_path / "bad").exists()
