"""The *domain graph*: the loaded map as the analysis reads it, without what no finding reads.

``analyse --neo4j`` used to read the whole map back (:func:`netmap.neo4j.read.read_graph`: every property
of every node and relationship, by name). :func:`read_domain_graph` reads, as of the analysis date:

- every relationship that counts then, as a pair of load ordinals grouped by type and tie kind (a seat
  with its body): no properties, no names;
- every network and organisation, every person with a membership or a seat or who is represented, and the
  actors named in ``extra``, with the fields the analysis reads (no extra columns);
- every other person in short: id and levels (what the components, cuts and brokerage read). A second
  pass (:func:`complete_nodes`) reads in full the few of them a finding, a suggestion or the report names.

On it, the analysis computes exactly the facts the embedded engine computes on the whole map (see
:mod:`netmap.neo4j.analyse`, and ``tests/test_neo4j_parity.py``).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from netmap.graph import REPRESENTATION, TIE, node_fields
from netmap.neo4j.load import REL_TYPE
from netmap.neo4j.queries import run_query
from netmap.schema import multi_valued_attributes

#: The node fields in the order ``read_domain_actors.cypher`` returns them (after ord and id).
FIELDS = node_fields()
_RELATION = {v: k for k, v in REL_TYPE.items()}


def _node(values: list[Any]) -> dict[str, Any]:
    multi = multi_valued_attributes()
    data: dict[str, Any] = {}
    values = list(values) + [None] * (len(FIELDS) - len(values))
    for field, value in zip(FIELDS, values):
        if field in multi:
            data[field] = tuple(value or ())
        elif field == "private":
            data[field] = bool(value)
        else:
            data[field] = "" if value is None else value
    data["extra"] = {}
    return data


def _add(D: nx.MultiDiGraph, row: list[Any]) -> tuple[int, str]:
    ord_, node_id, *values = row
    data = _node(values)
    if node_id in D:
        D.nodes[node_id].update(data)
    else:
        D.add_node(node_id, **data)
    return ord_, node_id


def read_domain_graph(driver, settings, *, extra: Iterable[str] = (), requirements: list[dict] | None = None,
                      source: str = "", **options: Any) -> tuple[nx.MultiDiGraph, set[str]]:
    """The domain graph as of ``settings.as_of`` (see the module) and the ids of the people read in short
    (their name is '' until :func:`complete_nodes` reads them)."""
    as_of = settings.as_of_date()
    rows = run_query(driver, "read_domain_actors", {"as_of": as_of, "extra": sorted(set(extra), key=str)}, **options)
    D = nx.MultiDiGraph(source=source, requirements=requirements or [])
    by_ord: dict[int, str] = {}
    short: set[str] = set()
    for record in rows:
        row = record["row"]
        if len(row) == 3:  # a person in short: [ord, id, levels]
            row = [row[0], row[1], "person", None, None, row[2]]
            short.add(row[1])
        ord_, node_id = _add(D, row)
        by_ord[ord_] = node_id
    groups = run_query(driver, "read_domain_relationships", {"as_of": as_of}, **options)
    order = {rel: i for i, rel in enumerate(("HOME_ORGANISATION", "MEMBER_OF", "REPRESENTS", "PART_OF",
                                             "HOSTED_BY", "TIE"))}
    for group in sorted(groups, key=lambda g: (order.get(g["type"], 9), str(g["kind"]))):
        rel = _RELATION[group["type"]]
        data: dict[str, Any] = {"rel": rel}
        if rel == TIE:
            data |= {"kind": group["kind"] or "", "cycle_step": None, "direction": None}
        for pair in group["pairs"]:
            if rel == REPRESENTATION:
                data = {"rel": rel, "body_id": pair[2] or ""}
            D.add_edge(by_ord[pair[0]], by_ord[pair[1]], **data)
    return D, short


def complete_nodes(driver, D: nx.MultiDiGraph, ids, **options: Any) -> None:
    """Read the actors ``ids`` in full into ``D`` (the second pass)."""
    if ids:
        for record in run_query(driver, "read_actors_by_id", {"ids": sorted(ids, key=str)}, **options):
            _add(D, record["row"])
