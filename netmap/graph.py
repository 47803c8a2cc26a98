"""Dataset -> networkx graph. The one module that knows the graph's attribute names.

The graph is a :class:`networkx.MultiDiGraph`. Every node carries ``kind``
(``organisation``, ``network`` or ``person``), ``name``, ``levels`` and
``perspectives`` (tuples) and the other columns of its table. Every edge carries
``rel``, one of :data:`RELATIONS`:

- ``membership``: member -> network (``role``, ``since``, ``until``)
- ``representation``: person -> constituency (``body_id``, ``seat``)
- ``home``: person -> home organisation (the back-office tie)
- ``parent``: organisation -> parent organisation
- ``host``: network -> host organisation
- ``tie``: a learning (or other) tie, with ``kind``, ``theme``, ``cycle_step``,
  ``weight`` and the derived ``direction`` (``horizontal``/``vertical``/None), taken
  between the ends' effective levels (:func:`node_levels`: a person without a level
  counts at the home organisation's), as the analyses count it

>>> from netmap.model import Dataset, Node, Tie
>>> ds = Dataset(nodes={"a": Node("a", "organisation", "A", levels=("I",)),
...                     "b": Node("b", "organisation", "B", levels=("IV",))},
...              ties=[Tie("a", "b")])
>>> G = build_graph(ds)
>>> [(u, v, d["direction"]) for u, v, d in G.edges(data=True)]
[('a', 'b', 'vertical')]
"""
from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from netmap import privacy
from netmap.dates import is_active
from netmap.model import Dataset, Node, effective_levels, tie_direction

MEMBERSHIP, REPRESENTATION, HOME, PARENT, HOST, TIE = (
    "membership", "representation", "home", "parent", "host", "tie")
RELATIONS = (MEMBERSHIP, REPRESENTATION, HOME, PARENT, HOST, TIE)
LEARNING = "learning"
NODE_FIELDS = ("kind", "name", "type", "levels", "perspectives", "region", "private", "role",
               "scope", "themes")


def node_attributes(node: Node) -> dict:
    """The attributes a graph node gets from a Node record."""
    attrs = {f: getattr(node, f) for f in NODE_FIELDS}
    attrs["extra"] = dict(node.extra)
    return attrs


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the graph of a validated dataset; see the module docstring for its attributes."""
    G = nx.MultiDiGraph(source=dataset.source, requirements=[vars(r).copy() for r in dataset.requirements])
    G.add_nodes_from((n.id, node_attributes(n)) for n in dataset.nodes.values())
    for n in dataset.nodes.values():
        if n.home_organisation_id:
            G.add_edge(n.id, n.home_organisation_id, rel=HOME)
        if n.parent_id:
            G.add_edge(n.id, n.parent_id, rel=PARENT)
        if n.host_id:
            G.add_edge(n.id, n.host_id, rel=HOST)
    for m in dataset.memberships:
        G.add_edge(m.member_id, m.network_id, rel=MEMBERSHIP, role=m.role, since=m.since,
                   until=m.until, extra=dict(m.extra))
    for r in dataset.representation:
        G.add_edge(r.person_id, r.constituency_id, rel=REPRESENTATION, body_id=r.body_id, seat=r.seat,
                   extra=dict(r.extra))
    levels = node_levels(G)
    for tie in dataset.ties:
        direction = tie_direction(levels[tie.source_id], levels[tie.target_id])
        G.add_edge(tie.source_id, tie.target_id, rel=TIE, kind=tie.kind, theme=tie.theme,
                   cycle_step=tie.cycle_step, weight=tie.weight, since=tie.since, until=tie.until,
                   note=tie.note, direction=direction, extra=dict(tie.extra))
    return G


def node_levels(G: nx.MultiDiGraph, home: dict[str, str] | None = None,
                members: dict[str, set[str]] | None = None) -> dict[str, tuple[str, ...]]:
    """Every node's effective levels (:func:`netmap.model.effective_levels`), for directions and analyses."""
    own = {n: tuple(d.get("levels") or ()) for n, d in G.nodes(data=True)}
    return effective_levels(own, home_of(G) if home is None else home,
                            members_of(G) if members is None else members)


def edges_of(G: nx.MultiDiGraph, rel: str) -> Iterator[tuple[str, str, dict]]:
    """All edges with relation ``rel``, as (u, v, data)."""
    return ((u, v, d) for u, v, d in G.edges(data=True) if d["rel"] == rel)


def nodes_of(G: nx.MultiDiGraph, kind: str) -> list[str]:
    """Ids of the nodes of one kind, in input order."""
    return [n for n, k in G.nodes(data="kind") if k == kind]


def members_of(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """network id -> ids of its direct members (organisations, people, networks)."""
    members: dict[str, set[str]] = {n: set() for n in nodes_of(G, "network")}
    for u, v, _ in edges_of(G, MEMBERSHIP):
        members[v].add(u)
    return members


def home_of(G: nx.MultiDiGraph) -> dict[str, str]:
    """person id -> home organisation id (the back-office tie), where one is known."""
    return {u: v for u, v, _ in edges_of(G, HOME)}


def learning_ties(G: nx.MultiDiGraph, kinds: tuple[str, ...] = (LEARNING,)) -> Iterator[tuple[str, str, dict]]:
    """The ties of the given kinds (default: learning ties)."""
    return ((u, v, d) for u, v, d in edges_of(G, TIE) if d["kind"] in kinds)


def display_name(G: nx.MultiDiGraph, node: str, roles_only: bool = False, lang: str = "nl") -> str:
    """The name to show (the policy of :mod:`netmap.privacy`): never a private node's name or id;
    people as their role when ``roles_only``."""
    return privacy.label(G.nodes[node], roles_only, lang)


#: The relations that carry ``since``/``until`` (a seat's dates come from extra columns until the schema has them).
DATED = (MEMBERSHIP, REPRESENTATION, TIE)


def edge_dates(data: dict) -> tuple[str, str]:
    """An edge's ``since`` and ``until`` (its own fields, else the input's extra columns of that name)."""
    extra = data.get("extra") or {}
    return (str(data.get("since") or extra.get("since") or ""), str(data.get("until") or extra.get("until") or ""))


def inactive_edges(G: nx.MultiDiGraph, on: str) -> list[tuple[str, str, int]]:
    """The memberships, seats and ties that do not count on day ``on``: ended before it or starting after it."""
    return [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
            if d["rel"] in DATED and not is_active(*edge_dates(d), on)]


def as_of(G: nx.MultiDiGraph, on: str) -> nx.MultiDiGraph:
    """G as of day ``on`` (``YYYY-MM-DD``, :mod:`netmap.dates`): without the memberships, seats and ties
    that ended before it or start after it. G itself when nothing is inactive, else a read-only view.

    >>> from netmap.model import Dataset, Node, Tie
    >>> ds = Dataset(nodes={"a": Node("a", "organisation", "A"), "b": Node("b", "organisation", "B")},
    ...              ties=[Tie("a", "b", until="2024"), Tie("b", "a", since="2026")])
    >>> G = build_graph(ds)
    >>> as_of(G, "2024-06-01").number_of_edges(), as_of(G, "2025-06-01").number_of_edges()
    (1, 0)
    """
    inactive = inactive_edges(G, on)
    if not inactive:
        return G
    return nx.restricted_view(G, (), inactive)


def simple_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph over every relation, for structural measures (parallel edges merged)."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def dataset_from_graph(G: nx.MultiDiGraph) -> Dataset:
    """The Dataset a graph from :func:`build_graph` was built from (its exact inverse).

    Used for a graph read back from Neo4j, so it can be diffed or exported like any dataset.
    """
    from netmap.model import Membership, Representation, Requirement, Tie

    ds = Dataset(source=G.graph.get("source", ""))
    for node, data in G.nodes(data=True):
        fields = {f: data[f] for f in NODE_FIELDS if f in data}
        ds.nodes[node] = Node(id=node, extra=dict(data.get("extra", {})), **fields)
    links = {HOME: "home_organisation_id", PARENT: "parent_id", HOST: "host_id"}
    for u, v, d in G.edges(data=True):
        rel, extra = d["rel"], dict(d.get("extra", {}))
        if rel in links:
            setattr(ds.nodes[u], links[rel], v)
        elif rel == MEMBERSHIP:
            ds.memberships.append(Membership(u, v, d["role"], d["since"], d["until"], extra))
        elif rel == REPRESENTATION:
            ds.representation.append(Representation(u, v, d["body_id"], d["seat"], extra))
        elif rel == TIE:
            ds.ties.append(Tie(u, v, d["kind"], d["theme"], d["cycle_step"], d["weight"], d["since"],
                               d["until"], d["note"], extra))
    ds.requirements = [Requirement(r["body_id"], r["perspective"], int(r.get("min_count", 1)), r.get("note") or "")
                       for r in G.graph.get("requirements", [])]
    return ds
