"""The fast graph build (adjacency dicts made at once from node numbers, shared attribute dicts, no collector)
gives exactly the graph the plain networkx calls give: the same nodes, edges, keys, attributes (and their
types) in the same order, both in the successor and in the predecessor adjacency."""
from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from netmap import schema
from netmap.dataset import example_path, read_dataset
from netmap.graph import HOME, build_graph, edge_attributes, node_attributes, node_levels
from netmap.model import Dataset, Membership, Node, Representation, Tie, tie_direction
from netmap.synth import generate


def reference_build(dataset: Dataset) -> nx.MultiDiGraph:
    """The graph as networkx's own add_node/add_edge build it, one fresh attribute dict per edge."""
    G = nx.MultiDiGraph(source=dataset.source, requirements=[vars(r).copy() for r in dataset.requirements])
    for n in dataset.nodes.values():
        G.add_node(n.id, **node_attributes(n))
    home: dict[str, str] = {}
    members: dict[str, set[str]] = {n.id: set() for n in dataset.nodes.values() if n.kind == "network"}
    for n in dataset.nodes.values():
        table = {"organisation": "organisations", "network": "networks", "person": "people"}[n.kind]
        for col, get in schema.getters(table, Node, schema.node_reference_columns()):
            if get(n):
                G.add_edge(n.id, get(n), rel=col.edge)
                if col.edge == HOME:
                    home[n.id] = get(n)
    for m in dataset.memberships:
        G.add_edge(m.member_id, m.network_id, **edge_attributes("memberships", m))
        members[m.network_id].add(m.member_id)
    for r in dataset.representation:
        G.add_edge(r.person_id, r.constituency_id, **edge_attributes("representation", r))
    levels = node_levels(G, home, members)
    for tie in dataset.ties:
        attrs = edge_attributes("ties", tie)
        extra = attrs.pop("extra")
        attrs["direction"] = tie_direction(levels[tie.source_id], levels[tie.target_id])
        attrs["extra"] = extra
        G.add_edge(tie.source_id, tie.target_id, **attrs)
    return G


def dump(G: nx.MultiDiGraph) -> list[Any]:
    """Everything about G, in its iteration orders, as text (repr tells 1 from 1.0 and -0.0 from 0.0)."""
    def items(d: dict) -> str:
        return repr(list(d.items()))

    return [repr(G.graph),
            [(n, items(d)) for n, d in G.nodes(data=True)],
            [(u, v, k, items(d)) for u, nbrs in G._succ.items() for v, keys in nbrs.items() for k, d in keys.items()],
            [(v, u, k, items(d)) for v, nbrs in G._pred.items() for u, keys in nbrs.items() for k, d in keys.items()],
            all(G._succ[u][v] is G._pred[v][u] for u in G._succ for v in G._succ[u])]


@pytest.mark.parametrize("name", ["kbl", "kbl-realistisch"])
def test_build_equals_networkx_build_on_examples(name):
    ds = read_dataset(example_path(name))
    assert dump(build_graph(ds)) == dump(reference_build(ds))


def test_build_equals_networkx_build_on_synth():
    ds = generate(scale=0.1, seed=42).dataset
    G = build_graph(ds)
    assert G.number_of_edges() > 10_000
    assert dump(G) == dump(reference_build(ds))


def test_build_keeps_value_types_and_extras():
    """Ties alike but for the type or sign of a value, or an extra column, keep their own values."""
    nodes = {x: Node(x, "organisation", x.upper()) for x in "abcd"} | {"n": Node("n", "network", "N")}
    ties = [Tie("a", "b", weight=1.0), Tie("a", "c", weight=1), Tie("a", "d", weight=0.0), Tie("b", "a", weight=-0.0),
            Tie("b", "c", cycle_step=1), Tie("b", "d", cycle_step=True), Tie("c", "a", extra={"bron": "x"}),
            Tie("c", "b", extra={"bron": "y"}), Tie("c", "d"), Tie("c", "d"), Tie("d", "a", extra={"lijst": ["x"]})]
    ds = Dataset(nodes=nodes, ties=ties, memberships=[Membership("a", "n"), Membership("b", "n", role="chair")])
    assert dump(build_graph(ds)) == dump(reference_build(ds))


def test_build_with_unknown_ends_adds_them():
    """A hand-made dataset may name a node it does not hold: networkx adds it, as before."""
    ds = Dataset(nodes={"a": Node("a", "organisation", "A", parent_id="x"),
                        "p": Node("p", "person", "P", home_organisation_id="y")}, ties=[Tie("a", "p")])
    assert dump(build_graph(ds)) == dump(reference_build(ds))


def test_edges_alike_share_attributes_and_a_copy_does_not():
    """Equal ties share one attribute dict (read-only by contract); G.copy() gives each edge its own."""
    nodes = {x: Node(x, "organisation", x.upper()) for x in "abc"}
    G = build_graph(Dataset(nodes=nodes, ties=[Tie("a", "b"), Tie("b", "c")]))
    assert G.edges["a", "b", 0] is G.edges["b", "c", 0]
    H = G.copy()
    H.edges["a", "b", 0]["weight"] = 2.0
    assert G.edges["a", "b", 0]["weight"] == H.edges["b", "c", 0]["weight"] == 1.0


def test_build_with_parallel_edges_across_relations_and_loops():
    """Edges of one pair from different tables, repeated ties and self-loops get networkx's keys and orders."""
    nodes = {"o": Node("o", "organisation", "O", levels=("II",)), "q": Node("q", "organisation", "Q", parent_id="o"),
             "n": Node("n", "network", "N", host_id="o"),
             "p": Node("p", "person", "P", home_organisation_id="o"), "r": Node("r", "person", "R")}
    ties = [Tie("p", "o"), Tie("q", "o", kind="funding"), Tie("p", "o", weight=2.0), Tie("o", "o"), Tie("r", "p"),
            Tie("o", "p"), Tie("p", "o"), Tie("n", "o"), Tie("o", "o", theme="x")]
    ds = Dataset(nodes=nodes, ties=ties, memberships=[Membership("p", "n"), Membership("o", "n"), Membership("p", "n")],
                 representation=[Representation("p", "o", body_id="n"), Representation("r", "o")])
    G = build_graph(ds)
    assert list(G["p"]["o"]) == [0, 1, 2, 3, 4] and G.number_of_edges("o", "o") == 2
    assert dump(G) == dump(reference_build(ds))


def test_build_with_a_node_id_twice_merges_like_add_node():
    """A hand-made dataset may hold one id under two keys: the second record's attributes update the first's."""
    ds = Dataset(nodes={"a": Node("a", "organisation", "A", region="x"), "b": Node("b", "organisation", "B"),
                        "a2": Node("a", "person", "A2", home_organisation_id="b")}, ties=[Tie("a", "b")])
    G = build_graph(ds)
    assert list(G) == ["a", "b"] and G.nodes["a"]["kind"] == "person"
    assert dump(G) == dump(reference_build(ds))


def test_build_with_unknown_ends_of_memberships_and_seats():
    ds = Dataset(nodes={"n": Node("n", "network", "N"), "a": Node("a", "organisation", "A")},
                 memberships=[Membership("x", "n"), Membership("a", "n")],
                 representation=[Representation("y", "z"), Representation("x", "a")], ties=[Tie("a", "x")])
    G = build_graph(ds)
    assert list(G) == ["n", "a", "x", "y", "z"]
    assert dump(G) == dump(reference_build(ds))


def test_build_with_unhashable_values_and_node_extras():
    """A list in a column (a hand-made record) and node extras beside declared names: each kept as given."""
    nodes = {"a": Node("a", "organisation", "A", extra={"bron": "x", "name": "dubbel"}),
             "b": Node("b", "organisation", "B", extra={"lijst": ["y"]})}
    ties = [Tie("a", "b", theme=["t"]), Tie("a", "b", theme=["t"]), Tie("b", "a", theme="t"),
            Tie("b", "a", cycle_step=0), Tie("a", "b", cycle_step=0)]
    ds = Dataset(nodes=nodes, ties=ties)
    G = build_graph(ds)
    assert G.nodes["a"]["extra"] == {"bron": "x"} and G.nodes["a"]["extra"] is not nodes["a"].extra
    assert dump(G) == dump(reference_build(ds))


def test_build_of_an_empty_dataset_and_one_without_edges():
    assert dump(build_graph(Dataset())) == dump(reference_build(Dataset()))
    ds = Dataset(nodes={"a": Node("a", "organisation", "A"), "b": Node("b", "person", "B")})
    assert dump(build_graph(ds)) == dump(reference_build(ds))


def test_a_tie_to_an_unknown_node_is_an_error_as_before():
    with pytest.raises(KeyError):
        build_graph(Dataset(nodes={"a": Node("a", "organisation", "A")}, ties=[Tie("a", "x")]))
