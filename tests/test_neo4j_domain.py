"""The domain graph's first pass as columns of small numbers (netmap/neo4j/domain.py): the same graph as the
rows it replaced, for ids and values of every shape, and the bytes it is counted at are the bytes Bolt sends."""
import networkx as nx
import pytest

from netmap.analysis import Settings, analyse
from netmap.dataset import example_path, read_dataset
from netmap.graph import as_of, build_graph
from netmap.model import Node, Tie
from netmap.neo4j import analyse_neo4j, load_graph, open_driver, read_graph, traffic
from netmap.neo4j.domain import _read_columns, _read_rows, dense_ords, read_domain_graph
from netmap.neo4j.queries import run_query

pytestmark = pytest.mark.neo4j


@pytest.fixture
def driver(neo4j_clean):
    with open_driver(neo4j_clean.uri, None, None) as drv:
        yield drv


def snapshot(D: nx.MultiDiGraph) -> tuple:
    """Everything of a graph whose order or value a fact could read: nodes in order with their data, the
    edges in order with keys and data, each node's predecessors in order."""
    return (list(D.nodes(data=True)), list(D.edges(keys=True, data=True)), [list(D.pred[n]) for n in D])


def both_reads(driver) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    """The actors read as columns (with the vocabulary) and as rows, each into a graph of its own."""
    params = {"as_of": Settings().as_of_date(), "extra": [], "ords": not dense_ords(driver)}
    vocabulary = run_query(driver, "read_domain_vocabulary")[0]
    assert vocabulary["plain"]
    columns, rows = nx.MultiDiGraph(), nx.MultiDiGraph()
    read_c = _read_columns(driver, columns, params, list(vocabulary["values"]))
    read_r = _read_rows(driver, rows, params)
    assert read_c == read_r  # the node ids by load number, the people in short, the homes
    return columns, rows


def awkward_ids() -> nx.MultiDiGraph:
    # ids sharing starts of every length, one the start of the next, characters outside the BMP (two UTF-16
    # units: Cypher's substring must count them as Python does), accents, a space, and levels in odd order
    ds = read_dataset(example_path())
    home = next(n for n, node in ds.nodes.items() if node.kind == "organisation")
    ids = ["p", "p1", "p10", "p100", "p2", "q\U0001F600x", "q\U0001F600y", "q\U0001F601", "é", "éé", "e é", "zz"]
    for i, node_id in enumerate(ids):
        ds.nodes[node_id] = Node(node_id, "person", f"Persoon {i}", levels=("III", "I") if i % 2 else ("II",),
                                 home_organisation_id=home if i % 3 else "")
    ds.ties += [Tie(a, b, "learning") for a, b in zip(ids, ids[1:])]
    return build_graph(ds)


@pytest.mark.parametrize("make", [lambda: build_graph(read_dataset(example_path())), awkward_ids],
                         ids=["kbl", "awkward-ids"])
def test_the_columns_read_the_graph_the_rows_read(driver, make):
    G = make()
    load_graph(driver, G)
    columns, rows = both_reads(driver)
    assert snapshot(columns) == snapshot(rows)
    assert list(columns) == list(G)  # every id whole, in load order
    D, short, _ = read_domain_graph(driver, Settings())
    assert short and list(D) == list(G)
    # every relationship that counts, as in the map (the home organisations too), each node's in load order
    keep = ("rel", "kind", "body_id")
    A = as_of(G, Settings().as_of_date())
    assert A.number_of_edges() == D.number_of_edges()
    for n in G:
        assert [(v, {f: d.get(f) or "" for f in keep}) for _, v, d in D.out_edges(n, data=True)] == \
            [(v, {f: d.get(f) or "" for f in keep}) for _, v, d in A.out_edges(n, data=True)]
    assert [f.to_dict() for f in analyse_neo4j(driver).findings] == [f.to_dict() for f in analyse(G).findings]


def test_load_numbers_that_are_not_0_to_n_come_as_differences(driver):
    G = awkward_ids()
    load_graph(driver, G)
    with driver.session() as session:  # gaps, kept in order
        session.run("MATCH (n:Actor) SET n.ord = 3 * n.ord + 5").consume()
    assert not dense_ords(driver)
    columns, rows = both_reads(driver)
    assert snapshot(columns) == snapshot(rows)
    assert [f.to_dict() for f in analyse_neo4j(driver).findings] == [f.to_dict() for f in analyse(G).findings]


def test_values_that_are_not_text_are_read_row_by_row_as_stored(driver):
    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    before = snapshot(read_domain_graph(driver, Settings())[0])
    first = next(iter(G))
    with driver.session() as session:  # as another tool could have written it
        session.run("MATCH (n:Actor {id: $id}) SET n.region = 7", id=first).consume()
    assert run_query(driver, "read_domain_vocabulary")[0]["plain"] is False
    D = read_domain_graph(driver, Settings())[0]
    assert D.nodes[first]["region"] == 7
    D.nodes[first]["region"] = G.nodes[first]["region"]
    assert snapshot(D) == before


def test_the_count_of_bytes_is_what_the_sockets_read(driver):
    # netmap.neo4j.traffic counts the records in Bolt's own encoding (PackStream): the bytes the driver reads
    # from its sockets but the queries' summaries (a few hundred bytes a query)
    from neo4j._async_compat.network import _bolt_socket

    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    driver.verify_connectivity()
    read: list[int] = []
    cls = _bolt_socket.BoltSocketBase
    recv_into = cls.recv_into

    def counted(sock, buffer, nbytes):
        n = recv_into(sock, buffer, nbytes)
        read.append(n)
        return n

    cls.recv_into = counted
    try:
        read.clear()
        with traffic() as used:
            read_graph(driver)
        assert 0.98 * sum(read) <= used.bytes <= sum(read)
        read.clear()
        with traffic() as used:
            analyse_neo4j(driver)
        assert sum(read) - 400 * len(used.by_query) <= used.bytes <= sum(read)
        assert sum(used.by_query.values()) == used.bytes
    finally:
        cls.recv_into = recv_into
