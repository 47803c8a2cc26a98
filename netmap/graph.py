"""Dataset -> networkx graph. The one module that knows the graph's attribute names.

The graph is a :class:`networkx.MultiDiGraph`. Every node carries ``kind``
(``organisation``, ``network`` or ``person``) and one attribute per column of
the node tables (:func:`node_fields`, read from :mod:`netmap.schema`): ``name``,
``levels`` and ``perspectives`` (tuples), ... A column of another node table
holds its empty value; columns the schema does not declare are in ``extra``.
Every edge carries ``rel``, one of :data:`RELATIONS`, and the columns of its table:

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

from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx

from netmap import collector, privacy, schema
from netmap.dates import is_active
from netmap.model import NODE_KIND, Dataset, Membership, Node, Representation, Tie, effective_levels, tie_direction

MEMBERSHIP, REPRESENTATION, HOME, PARENT, HOST, TIE = (
    "membership", "representation", "home", "parent", "host", "tie")
RELATIONS = (MEMBERSHIP, REPRESENTATION, HOME, PARENT, HOST, TIE)
LEARNING = "learning"
_TABLE_OF_KIND = {kind: table for table, kind in NODE_KIND.items()}


def node_fields() -> tuple[str, ...]:
    """The attributes every graph node carries: ``kind``, then one per column (:mod:`netmap.schema`)."""
    return ("kind", *(c.key for c in schema.node_attribute_columns()))


def node_attributes(node: Node) -> dict:
    """The attributes a graph node gets from a Node record (columns of other tables: their empty value)."""
    return _node_maker(node.kind, type(node))(node)


def _node_maker(kind: str, record_type: type) -> Callable[[Node], dict]:
    """:func:`node_attributes` for many nodes of one kind, with the schema looked up once."""
    table = _TABLE_OF_KIND[kind]
    keys, read = schema.row_reader(table, record_type, schema.node_attribute_columns())
    declared = schema.declared_names(table)

    def make(node: Node) -> dict:
        attrs: dict[str, Any] = {"kind": kind}
        attrs.update(zip(keys, read(node)))
        extra = node.extra
        attrs["extra"] = {k: v for k, v in extra.items() if k not in declared} if extra else {}
        return attrs

    return make


def edge_attributes(table: str, record: object) -> dict:
    """The attributes of the edge a membership, seat or tie becomes (``rel``, its columns, ``extra``)."""
    return _edge_maker(table, type(record))(record)


def _edge_maker(table: str, record_type: type) -> Callable[[Any], dict]:
    """:func:`edge_attributes` for many records of one table, with the schema looked up once."""
    rel = schema.table(table).relation
    keys, read = schema.row_reader(table, record_type, schema.edge_attribute_columns(table))
    declared = schema.declared_names(table)

    def make(record: Any) -> dict:
        attrs: dict[str, Any] = {"rel": rel}
        attrs.update(zip(keys, read(record)))
        extra = getattr(record, "extra", None)
        attrs["extra"] = {k: v for k, v in extra.items() if k not in declared} if extra else {}
        return attrs

    return make


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the graph of a validated dataset; see the module docstring for its attributes.

    Edges with equal attributes share one attribute dict (a national network has hundreds of thousands
    of ties and a few hundred kinds of attributes): treat an edge's data as read-only, and write to a copy
    (``G.copy()`` gives every edge a dict of its own). Node attribute dicts are each node's own.
    """
    # hundreds of thousands of new dicts, no cycles: the collector would only walk them again
    with collector.paused(hand_over=True):
        return _build(dataset)


def _build(dataset: Dataset) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(source=dataset.source, requirements=[vars(r).copy() for r in dataset.requirements])
    makers = {(kind, Node): _node_maker(kind, Node) for kind in NODE_KIND.values()}
    for n in dataset.nodes.values():
        maker = makers.get((n.kind, type(n))) or makers.setdefault((n.kind, type(n)), _node_maker(n.kind, type(n)))
        _add_node(G, n.id, maker(n))
    links = {kind: [(col.edge, get, {"rel": col.edge}) for col, get in
                    schema.getters(table, Node, schema.node_reference_columns())]
             for table, kind in NODE_KIND.items()}
    home: dict[str, str] = {}
    add = _edge_adder(G)
    for n in dataset.nodes.values():
        for rel, get, attrs in links[n.kind]:
            target = get(n)
            if target:
                add(n.id, target, attrs)
                if rel == HOME:
                    home[n.id] = target
    members: dict[str, set[str]] = {n.id: set() for n in dataset.nodes.values() if n.kind == "network"}
    share = _shared_attributes("memberships", Membership)
    for m in dataset.memberships:
        add(m.member_id, m.network_id, share(m, None))
        members[m.network_id].add(m.member_id)
    share = _shared_attributes("representation", Representation)
    for r in dataset.representation:
        add(r.person_id, r.constituency_id, share(r, None))
    levels = node_levels(G, home, members)
    share = _shared_attributes("ties", Tie, after="direction")
    directions: dict[tuple[tuple[str, ...], tuple[str, ...]], str | None] = {}  # a few level pairs, many ties
    for tie in dataset.ties:
        pair = (levels[tie.source_id], levels[tie.target_id])
        direction = directions.get(pair, "")
        if direction == "":
            direction = directions[pair] = tie_direction(*pair)
        add(tie.source_id, tie.target_id, share(tie, direction))
    return G


def _shared_attributes(table: str, record_type: type, after: str | None = None) -> Callable[[Any, Any], dict]:
    """``share(record, value)``: the attributes of the edge a record becomes (:func:`edge_attributes`, with
    ``after: value`` put before ``extra`` when ``after`` is given), one dict for all records whose values
    are equal in value and in type. A record with extra columns gets a dict of its own."""
    make = _edge_maker(table, record_type)
    _, read = schema.row_reader(table, record_type, schema.edge_attribute_columns(table))
    known: dict[tuple, dict] = {}

    def fresh(record: Any, value: Any) -> dict:
        attrs = make(record)
        if after is not None:
            extra = attrs.pop("extra")  # ``after`` before extra, the order the graph always had
            attrs[after] = value
            attrs["extra"] = extra
        return attrs

    def share(record: Any, value: Any) -> dict:
        if getattr(record, "extra", None):
            return fresh(record, value)
        values = (*read(record), value)
        # equal is not enough: 1 == 1.0 == True and 0.0 == -0.0, so the types, and for a zero its text, too
        key = (values, tuple(map(type, values)), tuple(map(repr, values)) if 0 in values else None)
        try:
            return known[key]
        except KeyError:
            attrs = known[key] = fresh(record, value)
            return attrs
        except TypeError:  # an unhashable value (a list from a YAML cell)
            return fresh(record, value)

    return share


# networkx keeps a MultiDiGraph as dicts (its documented data structure, the one its own add_node and add_edge
# fill): node -> attributes in ``_node``, u -> v -> key -> attributes in ``_succ`` and the same key dict under
# v -> u in ``_pred``; a new edge's key is the number of edges u -> v so far. Filling them directly saves its
# per-call checks (a quarter of a second at scale 1); a node it does not know yet goes through add_edge.
def _add_node(G: nx.MultiDiGraph, node: str, attrs: dict) -> None:
    if node in G._node:
        G._node[node].update(attrs)
    else:
        G._node[node], G._succ[node], G._pred[node] = attrs, {}, {}


def _edge_adder(G: nx.MultiDiGraph) -> Callable[[str, str, dict], None]:
    """``add(u, v, attrs)``: the edge u -> v with ``attrs`` (that very dict) added to G."""
    succ, pred = G._succ, G._pred

    def add(u: str, v: str, attrs: dict) -> None:
        out, into = succ.get(u), pred.get(v)
        if out is None or into is None:
            G.add_edge(u, v, **attrs)
            return
        keys = out.get(v)
        if keys is None:
            out[v] = into[u] = {0: attrs}
        else:
            keys[len(keys)] = attrs

    return add


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
    dated = set(DATED)
    return [(u, v, k) for u, nbrs in G._succ.items() for v, keys in nbrs.items() for k, d in keys.items()
            if d["rel"] in dated and (d.get("since") or d.get("until") or d.get("extra"))
            and not is_active(*edge_dates(d), on)]


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
    ds = Dataset(source=G.graph.get("source", ""))
    for node, data in G.nodes(data=True):
        table = _TABLE_OF_KIND[data["kind"]]
        record = Node(id=node, kind=data["kind"], name=data["name"], extra=dict(data.get("extra", {})))
        for col, put in schema.setters(table, Node, schema.node_attribute_columns()):
            if col.key in data:  # (another table's column without a Node field holds its empty value)
                put(record, data[col.key])
        ds.nodes[node] = record
    links = {col.edge: col for col in schema.node_reference_columns()}
    records = {MEMBERSHIP: ("memberships", Membership), REPRESENTATION: ("representation", Representation),
               TIE: ("ties", Tie)}
    for u, v, d in G.edges(data=True):
        rel = d["rel"]
        if rel in links:
            schema.set_record_value(ds.nodes[u], links[rel], v)
        elif rel in records:
            table, cls = records[rel]
            getattr(ds, table).append(_record_from_edge(table, cls, u, v, d))
    ds.requirements = [_requirement(r) for r in G.graph.get("requirements", [])]
    return ds


def _record_from_edge(table: str, cls: type, u: str, v: str, data: dict) -> Any:
    record = cls(u, v, extra=dict(data.get("extra", {})))
    for col, put in schema.setters(table, cls, schema.edge_attribute_columns(table)):
        if col.key in data:
            put(record, data[col.key])
    return record


def _requirement(row: dict) -> Any:
    from netmap.model import Requirement

    record = Requirement(row["body_id"], row["perspective"])
    for col in schema.optional_columns("requirements"):
        if row.get(col.key) not in (None, ""):
            schema.set_record_value(record, col, row[col.key])
    record.min_count = int(record.min_count)
    return record
