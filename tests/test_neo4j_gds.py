"""Structure measures inside Neo4j with GDS (OpenGDS on the test server) against the embedded engine,
the fallback without GDS, and the bytes an analysis from the database moves."""
import pytest
from click.testing import CliRunner

from netmap.analysis import Settings, analyse
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.model import Dataset, Membership, Node
from netmap.neo4j import analyse_neo4j, load_graph, open_driver, read_graph, traffic
from netmap.neo4j import gds as gds_module
from netmap.neo4j.gds import gds_version, structure_facts
from netmap.neo4j.queries import run_cypher

pytestmark = pytest.mark.neo4j


@pytest.fixture
def driver(neo4j_clean):
    with open_driver(neo4j_clean.uri, None, None) as drv:
        yield drv


@pytest.fixture(scope="module")
def kbl():
    return build_graph(read_dataset(example_path()))


def top(values, n):
    return [v for v, _ in sorted(values.items(), key=lambda vx: (-vx[1], str(vx[0])))[:n]]


def test_the_test_server_has_gds(driver):
    assert gds_version(driver).startswith("2.13")


def test_gds_structure_equals_the_embedded_engine(driver, kbl):
    load_graph(driver, kbl)
    settings = Settings()
    facts = structure_facts(driver, settings, settings.as_of_date())
    embedded = analyse(kbl, settings).facts
    # exact: degree and (below the sampling size) betweenness
    assert facts["degree"] == {v: d for v, d in embedded["degree"].items() if d}
    assert facts["betweenness_method"]["method"] == embedded["betweenness_method"]["method"] == "exact"
    for v, x in embedded["betweenness"].items():
        assert facts["betweenness"].get(v, 0.0) == pytest.approx(x, abs=1e-12), v
    # the eigenvector to the solver's precision (GDS on the rescaled view); Louvain another run of the optimiser
    assert facts["eigenvector"] == pytest.approx({v: x for v, x in embedded["eigenvector"].items() if x}, abs=1e-6)
    assert top(facts["eigenvector"], 20) == top(embedded["eigenvector"], 20)
    assert set().union(*facts["communities"]) == set(kbl)
    assert 0.5 * len(embedded["communities"]) <= len(facts["communities"]) <= 2 * len(embedded["communities"])


def test_the_analysis_uses_gds_and_moves_less_than_a_read_back(driver, kbl):
    load_graph(driver, kbl)
    with traffic() as full:
        G = read_graph(driver)
    with traffic() as used:
        result = analyse_neo4j(driver, graph=G)
    engine = result.summary["engine"]
    assert engine["neo4j_gds"]["version"].startswith("2.13")
    assert {"degree", "betweenness", "eigenvector", "communities"} <= set(engine["neo4j_gds"]["facts"])
    assert "notice" not in engine
    assert 0 < used.bytes < full.bytes and used.values < full.values
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in analyse(kbl).findings]
    assert result.facts["structure_top"]["degree"] == analyse(kbl).facts["structure_top"]["degree"]


def without_gds(monkeypatch):
    """The server as one without the plugin: the version probe calls a function that does not exist."""
    real = gds_module.run_query

    def run_query(driver, name, params=None, **options):
        if name == "get_gds_version":
            return run_cypher(driver, "RETURN gds_not_installed.version() AS version", **options)
        return real(driver, name, params, **options)

    monkeypatch.setattr(gds_module, "run_query", run_query)


def test_without_gds_the_analysis_falls_back_and_says_so(driver, kbl, monkeypatch):
    load_graph(driver, kbl)
    without_gds(monkeypatch)
    assert gds_version(driver) is None
    result = analyse_neo4j(driver)
    assert "Graph Data Science" in result.summary["engine"]["notice"]
    assert "neo4j_gds" not in result.summary["engine"]
    embedded = analyse(kbl)
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in embedded.findings]
    assert result.facts["communities"] == embedded.facts["communities"]


def test_cli_without_gds_prints_a_dutch_notice_not_a_traceback(neo4j_clean, monkeypatch):
    from netmap.cli import main

    runner = CliRunner()
    assert runner.invoke(main, ["load", "--uri", neo4j_clean.uri, "--no-save-run"]).exit_code == 0
    without_gds(monkeypatch)
    result = runner.invoke(main, ["analyse", "--neo4j", "--uri", neo4j_clean.uri, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "heeft geen Graph Data Science-bibliotheek" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_the_eigenvector_comes_from_gds_where_its_plain_iteration_collapses_to_zero(driver):
    # GDS 2.13.9's gds.eigenvector on the structure view itself gives every actor 0 on the synthetic field at scale
    # 0.1 (its unnormalised messages overflow after 116 iterations and it then stops "converged"): the eigenvector
    # was left to the embedded engine. The rescaled view gives the exact solver's values.
    from netmap.synth import generate

    G = build_graph(generate(0.1, 42).dataset)
    load_graph(driver, G)
    result = analyse_neo4j(driver)
    gds = result.summary["engine"]["neo4j_gds"]
    assert "eigenvector_left_to_networkx" not in gds and "eigenvector" in gds["facts"]
    top, embedded = result.facts["structure_top"]["eigenvector"], analyse(G).facts["structure_top"]["eigenvector"]
    assert len(top) == 10 and [row["id"] for row in top] == [row["id"] for row in embedded]
    assert [row["value"] for row in top] == pytest.approx([row["value"] for row in embedded], abs=2e-6)


def star_of_three():
    """Memberships only: the structure view is bipartite, a star around the network."""
    nodes = [Node("net", "network", "Netwerk", type="network")]
    nodes += [Node(f"o{i}", "organisation", f"Organisatie {i}", type="aanbieder", levels=("II",)) for i in range(3)]
    ds = Dataset(nodes={n.id: n for n in nodes}, memberships=[Membership(f"o{i}", "net") for i in range(3)])
    return build_graph(ds)


STAR_EIGENVECTOR = {"net": 2 ** -0.5, "o0": 6 ** -0.5, "o1": 6 ** -0.5, "o2": 6 ** -0.5}


def test_gds_gives_the_eigenvector_of_a_bipartite_view(driver):
    # on the star itself GDS's iteration swings between two vectors (the centre 0.7033 at 20 iterations, 0.7109 at
    # 21) until its messages overflow at 646 and it stops "converged" with every value 0; on the rescaled view it
    # converges to the eigenvector
    G = star_of_three()
    load_graph(driver, G)
    result = analyse_neo4j(driver)
    assert "eigenvector_left_to_networkx" not in result.summary["engine"]["neo4j_gds"]
    values = {row["id"]: row["value"] for row in result.facts["structure_top"]["eigenvector"]}
    assert values == pytest.approx(STAR_EIGENVECTOR, abs=2e-6)  # the top lists round to 6 decimals
    settings = Settings()
    assert structure_facts(driver, settings, settings.as_of_date())["eigenvector"] == pytest.approx(STAR_EIGENVECTOR,
                                                                                                   abs=1e-8)


def test_an_eigenvector_gds_did_not_converge_on_is_left_to_the_embedded_engine(driver, monkeypatch):
    # stopped before it converged, GDS's values are not the eigenvector: the embedded engine's are used
    monkeypatch.setattr(gds_module, "GDS_EIGENVECTOR_MAX_ITER", 3)
    G = star_of_three()
    load_graph(driver, G)
    result = analyse_neo4j(driver)
    assert result.summary["engine"]["neo4j_gds"]["eigenvector_left_to_networkx"]
    values = {row["id"]: row["value"] for row in result.facts["structure_top"]["eigenvector"]}
    assert values == pytest.approx(STAR_EIGENVECTOR, abs=2e-6)
    assert result.facts["structure_top"] == analyse(G).facts["structure_top"]
