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

import gc
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from netmap import privacy, schema
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
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of new dicts, no cycles: the collector would only walk them again
    try:
        return _build(dataset)
    finally:
        if enabled:
            if not gc.get_freeze_count():  # the new node dicts to the oldest generation unwalked (as netmap.dataset)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _build(dataset: Dataset) -> nx.MultiDiGraph:
    import numpy as np  # (not at import time: the command line starts without it)

    G = nx.MultiDiGraph(source=dataset.source, requirements=[vars(r).copy() for r in dataset.requirements])
    records = list(dataset.nodes.values())
    node = _node_dicts(records)
    edges = _Edges(np, node)
    home = edges.extend_links(records)
    members: dict[str, set[str]] = {n.id: set() for n in records if n.kind == "network"}
    memberships = dataset.memberships
    for m in memberships:
        members[m.network_id].add(m.member_id)
    edges.extend(list(map(_MEMBER, memberships)), list(map(_NETWORK, memberships)),
                 _shared_attributes_of("memberships", Membership, memberships))
    seats = dataset.representation
    edges.extend(list(map(_PERSON, seats)), list(map(_CONSTITUENCY, seats)),
                 _shared_attributes_of("representation", Representation, seats))
    # every node is known now (levels need them all): the end of a tie that is none raises KeyError, as always
    own = {n: tuple(d.get("levels") or ()) for n, d in node.items()}
    levels = list(effective_levels(own, home, members).values())  # (in node order, as own)
    ties = dataset.ties
    sources, targets = list(map(_SOURCE, ties)), list(map(_TARGET, ties))
    numbers = edges.known(sources), edges.known(targets)
    directions = _directions(np, levels, *numbers)
    edges.extend(sources, targets, _shared_attributes_of("ties", Tie, ties, "direction", directions), numbers)
    G._node = node
    G._succ, G._pred = edges.adjacency()
    return G


_ID = operator.attrgetter("id")
_MEMBER, _NETWORK = operator.attrgetter("member_id"), operator.attrgetter("network_id")
_PERSON, _CONSTITUENCY = operator.attrgetter("person_id"), operator.attrgetter("constituency_id")
_SOURCE, _TARGET = operator.attrgetter("source_id"), operator.attrgetter("target_id")


def _node_dicts(records: list[Node]) -> dict[str, dict]:
    """node id -> its attributes (:func:`node_attributes`), in input order (a second record of an id adds
    to the first's, as add_node does). Made kind by kind, at C speed where the record holds every column."""
    attrs: list[Any] = [None] * len(records)
    by_kind: dict[tuple[str, type], list[int]] = {}
    for i, n in enumerate(records):
        by_kind.setdefault((n.kind, type(n)), []).append(i)
    for (kind, record_type), positions in by_kind.items():
        of_kind = [records[i] for i in positions]
        table = _TABLE_OF_KIND[kind]
        keys, read = schema.row_reader(table, record_type, schema.node_attribute_columns())
        if isinstance(read, operator.attrgetter) and hasattr(record_type, "__dataclass_fields__"):
            # {"kind": ..., the columns ..., "extra": {}}: a record's kind field is the node's kind
            made = list(map(dict, map(zip, itertools.repeat(("kind", *keys)),
                                      map(operator.attrgetter("kind", *keys), of_kind))))
            declared = schema.declared_names(table)
            for d, n in zip(made, of_kind):
                extra = n.extra
                d["extra"] = {k: v for k, v in extra.items() if k not in declared} if extra else {}
        else:
            made = list(map(_node_maker(kind, record_type), of_kind))
        for i, d in zip(positions, made):
            attrs[i] = d
    ids = list(map(_ID, records))
    node = dict(zip(ids, attrs))
    if len(node) < len(ids):
        node = {}
        for key, value in zip(ids, attrs):
            if key in node:
                node[key].update(value)
            else:
                node[key] = value
    return node


def _directions(np: Any, levels: list[tuple[str, ...]], sources: Any, targets: Any) -> list[str | None]:
    """Each tie's :func:`tie_direction` between its ends' effective levels (``levels`` by node number)."""
    kinds: dict[tuple[str, ...], int] = {}
    code = np.fromiter(map(kinds.setdefault, levels, itertools.count()), np.int64, len(levels))
    code = np.unique(code, return_inverse=True)[1]  # 0 .. distinct - 1
    distinct = list(dict.fromkeys(levels))
    width = len(distinct)
    pairs, which = np.unique(code[sources] * width + code[targets], return_inverse=True)
    named = np.empty(len(pairs), dtype=object)
    named[:] = [tie_direction(distinct[p // width], distinct[p % width]) for p in pairs.tolist()]
    return named[which].tolist()


class _Edges:
    """The edges of the graph in the order networkx's add_edge would add them: their ends as given (the
    keys networkx would use) and as node numbers (a node add_edge would add for an unknown end numbered
    after the rest, in that order), and their attribute dicts; then the adjacency built at once."""

    def __init__(self, np: Any, node: dict[str, dict]):
        self.np, self.node = np, node
        self.order = list(node)
        self.index = dict(zip(self.order, range(len(self.order))))
        self.ends: tuple[list[str], list[str]] = ([], [])
        self.numbers: tuple[list[Any], list[Any]] = ([], [])
        self.attrs: list[dict] = []

    def known(self, ids: list[str]) -> Any:
        """The numbers of nodes that must exist (KeyError for one that does not)."""
        return self.np.fromiter(map(self.index.__getitem__, ids), self.np.int64, len(ids))

    def extend(self, sources: list[str], targets: list[str], attrs: list[dict],
               numbers: tuple[Any, Any] | None = None) -> None:
        """Edges source -> target with these attributes; an unknown end becomes a node (source first), as
        add_edge makes it. ``numbers``: the ends' numbers, when known already."""
        if numbers is None:
            try:
                numbers = self.known(sources), self.known(targets)
            except KeyError:
                for pair in zip(sources, targets):
                    for n in pair:
                        if n not in self.index:
                            self.index[n] = len(self.order)
                            self.order.append(n)
                            self.node[n] = {}
                numbers = self.known(sources), self.known(targets)
        for side, ends, number in zip((0, 1), (sources, targets), numbers):
            self.ends[side].extend(ends)
            self.numbers[side].append(number)
        self.attrs.extend(attrs)

    def extend_links(self, records: list[Node]) -> dict[str, str]:
        """The edges node references become (node by node, a node's in column order); gives person -> home."""
        np = self.np
        columns = schema.node_reference_columns()
        unique = len(self.order) == len(records)  # then record i is node i
        at: list[Any] = []
        sources: list[str] = []
        targets: list[str] = []
        attrs: list[dict] = []
        home: dict[str, str] = {}
        for table, kind in NODE_KIND.items():
            positions = [i for i, n in enumerate(records) if n.kind == kind]
            of_kind = [records[i] for i in positions]
            for col, get in schema.getters(table, Node, columns):
                values = list(map(get, of_kind))
                keep = [j for j, v in enumerate(values) if v]
                at.append(np.array([positions[j] for j in keep], dtype=np.int64) * len(columns)
                          + columns.index(col))
                ids, ends = [of_kind[j].id for j in keep], [values[j] for j in keep]
                if col.edge == HOME and unique:
                    home.update(zip(ids, ends))
                sources.extend(ids)
                targets.extend(ends)
                attrs.extend(itertools.repeat({"rel": col.edge}, len(keep)))
        if not sources:
            return home
        at_all = np.concatenate(at)
        by_node = np.argsort(at_all, kind="stable")
        order = by_node.tolist()
        sources, targets, attrs = ([items[i] for i in order] for items in (sources, targets, attrs))
        numbers = None
        if unique:
            try:
                numbers = at_all[by_node] // len(columns), self.known(targets)
            except KeyError:  # (an unknown end: extend adds it)
                pass
        self.extend(sources, targets, attrs, numbers)
        if not unique:
            for source, target, a in zip(sources, targets, attrs):
                if a["rel"] == HOME:
                    home[source] = target
        return home

    def adjacency(self) -> tuple[dict, dict]:
        """``(succ, pred)``: u -> v -> key -> attrs and v -> u -> (the same key dict), in networkx's orders:
        a node's neighbours in the order of their first edge, a pair's edges keyed 0, 1, ... in edge order."""
        np, order = self.np, self.order
        n = len(order)
        if not self.attrs:
            return {u: {} for u in order}, {v: {} for v in order}
        sources, targets = (np.concatenate(numbers) for numbers in self.numbers)
        attrs, self.attrs = _objects(np, self.attrs), []
        ends_source, ends_target = (_objects(np, ends) for ends in self.ends)
        self.ends = ([], [])
        pair = sources * n + targets
        by_pair = np.argsort(pair, kind="stable")
        repeated = pair[by_pair[1:]] == pair[by_pair[:-1]]
        later = into = None
        if repeated.any():  # a pair's first edge makes its key dict, the later ones add keys 1, 2, ...
            starts = np.concatenate(([True], ~repeated))
            first = by_pair[np.flatnonzero(starts)][np.cumsum(starts) - 1]
            later, into = by_pair[1:][repeated], first[1:][repeated]
            kept = np.ones(len(pair), dtype=bool)
            kept[later] = False
            firsts = np.flatnonzero(kept)
        else:
            firsts = np.arange(len(pair))
        del pair, by_pair, repeated
        # the key dicts made in successor order (by source, then edge order), once each
        by_source = firsts[np.argsort(sources[firsts], kind="stable")]
        keys = _objects(np, ({0: a} for a in attrs[by_source]), len(by_source))
        place = np.empty(len(attrs), dtype=np.int64)
        place[by_source] = np.arange(len(by_source))
        if later is not None:  # (a stable sort: in edge order within a pair)
            for same, a in zip(keys[place[into]], attrs[later]):
                same[len(same)] = a
        del attrs
        by_target = firsts[np.argsort(targets[firsts], kind="stable")]
        succ = _grouped(np.bincount(sources[firsts], minlength=n), zip(ends_target[by_source], keys))
        pred = _grouped(np.bincount(targets[firsts], minlength=n),
                        zip(ends_source[by_target], keys[place[by_target]]))
        return dict(zip(order, succ)), dict(zip(order, pred))


def _objects(np: Any, items: Iterable[Any], count: int = -1) -> Any:
    """``items`` (``count`` of them, when not a list) as a numpy array of objects, which index arrays gather
    without a Python int per index; a tuple among them stays one object."""
    return np.fromiter(items, dtype=object, count=len(items) if isinstance(items, list) else count)


def _grouped(counts: Any, pairs: Iterator[tuple[str, dict]]) -> list[dict]:
    """The first ``counts[0]`` of ``pairs`` as a dict, then the next ``counts[1]``, ..."""
    return [dict(itertools.islice(pairs, c)) if c else {} for c in counts.tolist()]


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


def _shared_attributes_of(table: str, record_type: type, records: list[Any], after: str | None = None,
                          values: list[Any] | None = None) -> list[dict]:
    """The attributes of the edge each record becomes, as :func:`_shared_attributes` gives them (``after``:
    ``values``, one per record), all at once. When no record has extra columns and every column holds
    values of one type (None aside) and no float zero, values equal are equal in type and text too: then
    one dict lookup per record on the values alone finds its dict."""
    share = _shared_attributes(table, record_type, after)
    given = [None] * len(records) if values is None else values
    cols = schema.edge_attribute_columns(table)
    if any(map(_has_extra, records)) or not _plain(given) or not all(
            _plain(map(get, records)) for _, get in schema.getters(table, record_type, cols)):
        return list(map(share, records, given))
    _, read = schema.row_reader(table, record_type, cols)
    first: dict[Any, int] = {}
    try:
        firsts = list(map(first.setdefault, zip(map(read, records), given), itertools.count()))
    except TypeError:  # an unhashable value (a list from a YAML cell)
        return list(map(share, records, given))
    made = {i: share(records[i], given[i]) for i in first.values()}
    return list(map(made.__getitem__, firsts))


_PLAIN = frozenset({str, int, float, bool})


def _has_extra(record: Any) -> bool:
    return bool(getattr(record, "extra", None))


def _plain(column: Iterable[Any]) -> bool:
    """True if the column holds values of one of str, int, float, bool (and None), and no float zero."""
    values = column if isinstance(column, list) else list(column)
    types = set(map(type, values)) - {type(None)}
    return len(types) <= 1 and types <= _PLAIN and not (types == {float} and 0.0 in values)


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
