"""The fast graph build (direct dict fill, shared attribute dicts, no collector) gives exactly the graph the
plain networkx calls give: the same nodes, edges, keys, attributes (and their types) in the same order, both
in the successor and in the predecessor adjacency."""
from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from netmap import schema
from netmap.dataset import example_path, read_dataset
from netmap.graph import HOME, build_graph, edge_attributes, node_attributes, node_levels
from netmap.model import Dataset, Membership, Node, Tie, tie_direction
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
