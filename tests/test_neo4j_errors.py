"""Clear one-line errors, never a traceback, for each way Neo4j can fail us (real servers)."""
import pytest
from click.testing import CliRunner

from netmap.cli import main
from netmap.dataset import example_path, read_dataset
from netmap.errors import Neo4jError
from netmap.graph import build_graph
from netmap.neo4j import load_graph, open_driver
from netmap.neo4j.queries import run_cypher
from tests.neo4jserver import Neo4jServer, free_port

pytestmark = pytest.mark.neo4j


def test_server_unreachable():
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(Neo4jError) as info:
        open_driver(uri, "neo4j", "geheim-wachtwoord", connection_timeout=2, max_retry_time=1)
    assert str(info.value).startswith(f"Neo4j is niet bereikbaar op {uri}: start de server of controleer")


def test_wrong_password(neo4j_auth_server):
    with pytest.raises(Neo4jError) as info:
        open_driver(neo4j_auth_server.uri, "neo4j", "fout-wachtwoord")
    assert str(info.value) == ("Neo4j weigert de inlog van gebruiker 'neo4j': controleer NETMAP_NEO4J_USER "
                               "en NETMAP_NEO4J_PASSWORD")


def test_right_password(neo4j_auth_server):
    user, password = neo4j_auth_server.auth
    open_driver(neo4j_auth_server.uri, user, password).close()


def test_unknown_database(neo4j_server):
    with pytest.raises(Neo4jError) as info:
        open_driver(neo4j_server.uri, None, None, database="bestaatniet")
    assert str(info.value) == "database 'bestaatniet' bestaat niet op deze Neo4j-server"


def test_query_timeout(neo4j_server):
    with open_driver(neo4j_server.uri, None, None) as driver:
        with pytest.raises(Neo4jError) as info:
            run_cypher(driver, "UNWIND range(1, 1000000000) AS x RETURN sum(x) AS s", timeout=0.2)
    assert str(info.value).startswith("de Neo4j-query duurde langer dan de ingestelde tijdslimiet")


@pytest.fixture(scope="module")
def spare_server(tmp_path_factory):
    """A server whose database was created normally; tests restart it with other settings."""
    server = Neo4jServer(data_dir=tmp_path_factory.mktemp("neo4j-spare"))
    server.start(timeout=240)
    yield server
    server.stop()


def restart_with(server, conf):
    server.stop()
    server.extra_conf = conf
    server.start(timeout=240)
    return server


def big_graph(n):
    from netmap.model import Dataset, Node, Tie

    nodes = {f"o{i}": Node(f"o{i}", "organisation", f"Organisatie {i} " + "x" * 200, levels=("II",))
             for i in range(n)}
    return build_graph(Dataset(nodes=nodes, ties=[Tie(f"o{i}", f"o{i + 1}") for i in range(n - 1)]))


def test_read_only_database(spare_server):
    server = restart_with(spare_server, {"server.databases.default_to_read_only": "true"})
    with open_driver(server.uri, None, None) as driver:
        with pytest.raises(Neo4jError) as info:
            load_graph(driver, build_graph(read_dataset(example_path())))
    assert str(info.value) == "database 'neo4j' is alleen-lezen: er kan niets geladen worden"


def test_full_database_memory_limit(spare_server):
    server = restart_with(spare_server, {"db.memory.transaction.max": "8m"})
    with open_driver(server.uri, None, None) as driver:
        with pytest.raises(Neo4jError) as info:
            load_graph(driver, big_graph(20000), batch_size=100000)
    assert str(info.value).startswith("Neo4j heeft geen ruimte meer (geheugen of schijf vol)")


def test_cli_errors_are_one_line_without_traceback():
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["load", "--uri", uri, "--user", "neo4j", "--password", "x" * 10])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith(f"Fout: Neo4j is niet bereikbaar op {uri}")
    assert len(result.output.strip().splitlines()) == 1
