"""The rows a first Neo4j load sends (lists of values) hold what the MERGE load's rows (maps) hold; no server."""
import pytest

from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.model import Dataset, Membership, Node, Tie
from netmap.neo4j.load import (
    CREATE_QUERY,
    EDGE_QUERY,
    NODE_QUERY,
    _batches,
    _edge_count,
    _kind_counts,
    edge_rows,
    fresh_edge_tables,
    fresh_node_tables,
    node_rows,
)
from netmap.synth import generate

ODD = "Opmerking `x}) DETACH DELETE n //"


def extras_dataset() -> Dataset:
    """Extra columns (one whose name is no identifier) on some nodes and edges, parallel ties, a list cell."""
    return Dataset(
        nodes={"a": Node("a", "organisation", "A", levels=("I",), extra={ODD: "waarde", "lijst": ["p", "q"]}),
               "b": Node("b", "organisation", "B", levels=("II",)),
               "n": Node("n", "network", "N", extra={"x": 1}),
               "p": Node("p", "person", "P", home_organisation_id="a")},
        memberships=[Membership("a", "n"), Membership("b", "n", extra={"sinds": "2020"})],
        ties=[Tie("a", "b", note="eerste"), Tie("a", "b", note="tweede", extra={ODD: "t"}), Tie("b", "a")])


def as_maps(table) -> list[dict]:
    """A table's rows as the maps a MERGE load sends (nulls dropped, tuples as lists)."""
    lead = ["id", "ord"] if table.lead == 2 else ["source", "target", "key", "ord"]
    names = lead + table.columns
    out = []
    for row in table.rows:
        values = dict(zip(names, row[:len(names)]))
        if table.extra:
            values.update(row[len(names)])
        out.append({k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v is not None})
    return out


@pytest.mark.parametrize("graph", ["kbl", "extras", "synth"])
def test_the_first_loads_rows_hold_what_the_merge_loads_rows_hold(graph):
    dataset = {"kbl": lambda: read_dataset(example_path()), "extras": extras_dataset,
               "synth": lambda: generate(0.02, 3).dataset}[graph]()
    G = build_graph(dataset)
    nodes, edges = node_rows(G), edge_rows(G)
    tables = fresh_node_tables(G)
    assert [t.query for t in tables] == [CREATE_QUERY[q] for q in NODE_QUERY.values()]
    for table, query in zip(tables, NODE_QUERY.values()):
        assert as_maps(table) == [{"id": r["id"], **r["props"]} for r in nodes[query]]
    tables = fresh_edge_tables(G)
    assert [t.query for t in tables] == [CREATE_QUERY[q] for q in EDGE_QUERY.values()]
    for table, query in zip(tables, EDGE_QUERY.values()):
        assert as_maps(table) == [{"source": r["source"], "target": r["target"], "key": r["key"], **r["props"]}
                                  for r in edges[query]]
    assert _edge_count(G) == G.number_of_edges()
    assert _kind_counts(G) == [len(nodes[q]) for q in NODE_QUERY.values()]


def test_a_name_from_the_data_never_enters_the_query_text():
    G = build_graph(extras_dataset())
    tables = fresh_node_tables(G) + fresh_edge_tables(G)
    assert all("{set}" not in t.text() and "DETACH" not in t.text() for t in tables)
    organisations = tables[0]
    assert organisations.extra and organisations.rows[0][-1] == {f"x_{ODD}": "waarde", "x_lijst": "p; q"}
    assert "n += row[11]" in organisations.text() and "n.`name` = row[2]" in organisations.text()
    ties = tables[-1]
    assert [r[2] for r in ties.rows] == ["a|b|1", "a|b|2", "b|a|1"] and ties.extra


def test_a_batch_is_shown_by_its_length_not_its_rows():
    (batch,) = _batches([["p1", 0, "Sanne Bos"], ["p2", 1, "Jan Jansen"]], 10)
    assert repr({"rows": batch}) == "{'rows': <2 rows>}" and batch == [["p1", 0, "Sanne Bos"], ["p2", 1, "Jan Jansen"]]
