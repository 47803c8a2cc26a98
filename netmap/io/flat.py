"""A Dataset as a flat graph, the common ground of the graph exchange formats.

GraphML, GEXF, JSON node-link, CSV node/edge lists and Kumu all store *nodes and
edges with simple attributes*. :func:`to_flat_graph` turns a Dataset into such
a graph once; every graph exporter writes it. Reading goes the other way through
:mod:`netmap.io.mapping`.

Node attributes use the input table's column names, or the flat export name
:mod:`netmap.schema` gives a column (:func:`node_attrs`): ``label`` (the name),
``kind``, ``type``, ``level``, ``perspectives``, ``region``, ``private``,
``role``, ``scope``, ``themes``, ... and any extra columns. Edge attributes: ``rel``
(one of :data:`RELATIONS`, the same names as :mod:`netmap.graph`), ``label``
(for display in Gephi), and the columns of the edge's table (:func:`edge_attrs`).
Empty values are left out, so typed formats never see a mixed type.

>>> from netmap.model import Dataset, Node, Tie
>>> ds = Dataset(nodes={"a": Node("a", "organisation", "A", levels=("I", "II")),
...                     "b": Node("b", "organisation", "B")}, ties=[Tie("a", "b", theme="x")])
>>> H = to_flat_graph(ds)
>>> H.nodes["a"]["level"], [d["rel"] for _, _, d in H.edges(data=True)]
('I;II', ['tie'])
"""
from __future__ import annotations

import json
from typing import Any

import networkx as nx

from netmap import schema
from netmap.model import NODE_KIND, Dataset, Node, effective_levels, tie_direction

# The same relation names as netmap.graph (io may not import graph; a test keeps them equal).
MEMBERSHIP, REPRESENTATION, HOME, PARENT, HOST, TIE = (
    "membership", "representation", "home", "parent", "host", "tie")
RELATIONS = (MEMBERSHIP, REPRESENTATION, HOME, PARENT, HOST, TIE)
#: Attributes the formats add or we derive, beside the columns; never read back as data.
FORMAT_ATTRS = {"id", "name", "rel", "direction", "source", "target", "key", "networkx_key"}
#: The column names the export formats use themselves (Gephi's CSV headers, Kumu's sheets), compared
#: without case as Gephi and Kumu do: an extra column with one of these names is written prefixed.
FORMAT_COLUMNS = frozenset({"id", "label", "source", "target", "type", "weight", "description", "tags", "category",
                            "from", "to", "element type", "relation", "_id"})
EXTRA_PREFIX = "extra_"
REQUIREMENTS_KEY = "netmap_requirements"
_TABLE_OF_KIND = {kind: table for table, kind in NODE_KIND.items()}
_EDGE_TABLE = {MEMBERSHIP: "memberships", REPRESENTATION: "representation", TIE: "ties"}


@schema.derived
def name_attr() -> str:
    """The flat name of a node's name (``label``, what Gephi and yEd show)."""
    return schema.column("organisations", "name").export_name("flat")


@schema.derived
def node_attrs() -> tuple[str, ...]:
    """The flat names of the node attributes: ``label``, ``kind``, then the other node columns."""
    names = [c.export_name("flat") for c in schema.node_attribute_columns()]
    return (names[0], "kind", *names[1:])


@schema.derived
def edge_attrs(rel: str) -> tuple[str, ...]:
    """The flat names of the attributes of one relation's edges (the columns of its table but the ends)."""
    table = _EDGE_TABLE.get(rel)
    return tuple(c.export_name("flat") for c in schema.edge_attribute_columns(table)) if table else ()


@schema.derived
def reserved() -> frozenset[str]:
    """Names an extra column cannot keep in the flat graph (they get :data:`EXTRA_PREFIX`)."""
    return frozenset(node_attrs()) | FORMAT_ATTRS


def flat_column(name: str) -> str:
    """The input column a flat node attribute stands for: ``label`` -> ``name``, else the name itself."""
    for col in schema.node_attribute_columns():
        if col.export_name("flat") == name:
            return col.name
    return name


def extra_key(column: str) -> str:
    """The attribute name of an extra column: its own name unless that is reserved."""
    taken = column in reserved() or column.strip().lower() in FORMAT_COLUMNS | reserved()
    return EXTRA_PREFIX + column if taken or column.lower().startswith(EXTRA_PREFIX) else column


def column_of(key: str) -> str:
    """Inverse of :func:`extra_key`."""
    if key.lower().startswith(EXTRA_PREFIX):
        return key[len(EXTRA_PREFIX):]
    return key


def flat_value(value: Any, join_lists: bool = True) -> Any:
    """A cell as a simple value: tuples/lists joined with ';' (or kept as lists), None -> ''."""
    if isinstance(value, (tuple, list)):
        parts = [str(v) for v in value]
        return ";".join(parts) if join_lists else parts
    if value is None:
        return ""
    return value


def _put(attrs: dict[str, Any], key: str, value: Any, join_lists: bool) -> None:
    value = flat_value(value, join_lists)
    if value is not False and not (isinstance(value, (str, list)) and not value):
        attrs[key] = value


def node_record(node: Node, join_lists: bool = True) -> dict[str, Any]:
    """The flat attributes of one node (empty values left out)."""
    table = _TABLE_OF_KIND[node.kind]
    attrs: dict[str, Any] = {}
    pairs = schema.getters(table, type(node), schema.node_attribute_columns())
    for number, (col, get) in enumerate(pairs):
        _put(attrs, col.export_name("flat"), get(node), join_lists)
        if number == 0:  # the name first, then the kind, as Gephi's tables show them
            _put(attrs, "kind", node.kind, join_lists)
    for column, value in schema.extra_values(table, node).items():
        _put(attrs, extra_key(column), value, join_lists)
    return attrs


def _record_attrs(rel: str, record: Any, join_lists: bool) -> dict[str, Any]:
    attrs: dict[str, Any] = {"rel": rel}
    table = _EDGE_TABLE[rel]
    for col, get in schema.getters(table, type(record), schema.edge_attribute_columns(table)):
        _put(attrs, col.export_name("flat"), get(record), join_lists)
    for column, value in schema.extra_values(table, record).items():
        _put(attrs, extra_key(column), value, join_lists)
    attrs["label"] = attrs.get("kind", rel) if rel == TIE else rel
    return attrs


def edge_records(dataset: Dataset, join_lists: bool = True) -> list[tuple[str, str, dict[str, Any]]]:
    """Every edge as (source, target, attributes), in a stable order: node references, then tables."""
    edges: list[tuple[str, str, dict[str, Any]]] = []
    refs = schema.node_reference_columns()
    for node in dataset.nodes.values():
        for col, get in schema.getters(_TABLE_OF_KIND[node.kind], type(node), refs):
            target = get(node)
            if target:
                edges.append((node.id, target, {"rel": col.edge, "label": col.edge}))
    for m in dataset.memberships:
        edges.append((m.member_id, m.network_id, _record_attrs(MEMBERSHIP, m, join_lists)))
    for r in dataset.representation:
        edges.append((r.person_id, r.constituency_id, _record_attrs(REPRESENTATION, r, join_lists)))
    members: dict[str, set[str]] = {n.id: set() for n in dataset.nodes.values() if n.kind == "network"}
    for m in dataset.memberships:
        members[m.network_id].add(m.member_id)
    levels = effective_levels({n.id: tuple(n.levels) for n in dataset.nodes.values()},
                              {n.id: n.home_organisation_id for n in dataset.nodes.values() if n.home_organisation_id},
                              members)
    for tie in dataset.ties:
        attrs = _record_attrs(TIE, tie, join_lists)
        attrs["weight"] = float(tie.weight)
        direction = tie_direction(levels[tie.source_id], levels[tie.target_id])
        if direction:
            attrs["direction"] = direction
        edges.append((tie.source_id, tie.target_id, attrs))
    return edges


def requirement_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """The requirements as plain rows (they are not part of the graph)."""
    cols = schema.columns("requirements")
    return [{col.export_name("flat"): schema.record_value(r, col) for col in cols} for r in dataset.requirements]


def to_flat_graph(dataset: Dataset, join_lists: bool = True, requirements_as_json: bool = True) -> nx.MultiDiGraph:
    """The dataset as a flat MultiDiGraph (see module docstring); edge keys are ``e1``, ``e2``, ...

    ``join_lists=False`` keeps multi-valued cells as lists (for JSON); requirements
    go into the graph attribute ``netmap_requirements`` (a JSON string unless
    ``requirements_as_json`` is False).
    """
    H = nx.MultiDiGraph()
    if dataset.requirements:
        rows = requirement_rows(dataset)
        H.graph[REQUIREMENTS_KEY] = (json.dumps(rows, ensure_ascii=False, allow_nan=False) if requirements_as_json
                                     else rows)
    H.add_nodes_from((n.id, node_record(n, join_lists)) for n in dataset.nodes.values())
    for number, (u, v, attrs) in enumerate(edge_records(dataset, join_lists), start=1):
        H.add_edge(u, v, key=f"e{number}", **attrs)
    return H
