"""The *domain graph*: the loaded map as the analysis reads it, without what no finding reads.

``analyse --neo4j`` used to read the whole map back (:func:`netmap.neo4j.read.read_graph`: every property
of every node and relationship, by name). :func:`read_domain_graph` reads, as of the analysis date:

- every relationship that counts then, grouped by type and tie kind and in each group by source: one
  list of load ordinals per source (a seat's targets with their body), no properties, no names; a home
  organisation as an ordinal in its person's row;
- every network and organisation, every person with a membership or a seat or who is represented, and the
  actors named in ``extra``, with the fields the analysis reads (no extra columns); a person without name
  and role;
- every other person in short: id, home and levels (what the components, cuts and brokerage read);
- an actor's load number only when the numbers are not 0 .. n - 1 (:func:`dense_ords`): else it is the
  row's place.

Both come as columns of small numbers (one record for the actors, one per relationship type and tie
kind), since Bolt sends an integer from -16 to 127 in one byte and every record with a few bytes of framing:
an id as the length of the start it shares with the one before and the rest, the fields' values as codes into
the list of distinct values (``read_domain_vocabulary.cypher``), load numbers as differences from the one
before in their list. A map whose ids or coded fields are not all text (as another tool could write them) is
read row by row with the values as stored (``read_domain_rows.cypher``). Either way the graph is the same, in
the same order.

A second pass (:func:`complete_nodes`) reads in full the few people a finding, a suggestion or the report
names, and the hidden ones whose name or id their text holds.

On it, the analysis computes exactly the facts the embedded engine computes on the whole map (see
:mod:`netmap.neo4j.analyse`, and ``tests/test_neo4j_parity.py``).
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate, islice
from typing import Any

import networkx as nx

from netmap.graph import HOME, REPRESENTATION, TIE, node_fields
from netmap.neo4j.load import REL_TYPE
from netmap.neo4j.queries import run_query
from netmap.schema import multi_valued_attributes

#: The node fields in the order ``read_actors_by_id.cypher`` returns them (after ord and id).
FIELDS = node_fields()
#: The fields of a first-pass row of ``read_domain_rows.cypher`` (after ord, id and homes): a person's
#: name and role are not there (the second pass reads them for the people the findings name).
FIRST_FIELDS = ("kind", "type", "levels", "perspectives", "region", "private", "scope", "themes", "name", "role")
_KIND = {"o": "organisation", "n": "network", "p": "person"}
_KINDS = ("organisation", "network", "person")
_RELATION = {v: k for k, v in REL_TYPE.items()}
#: The order the relationship groups are added in (a node's relations then come in this order, as before).
_ORDER = {rel: i for i, rel in enumerate(("HOME_ORGANISATION", "MEMBER_OF", "REPRESENTS", "PART_OF",
                                          "HOSTED_BY", "TIE"))}


def _node(values: list[Any], fields: tuple[str, ...] = FIELDS) -> dict[str, Any]:
    multi = multi_valued_attributes()
    data: dict[str, Any] = {}
    values = list(values) + [None] * (len(fields) - len(values))
    for field, value in zip(fields, values):
        if field in multi:
            data[field] = tuple(value or ())
        elif field == "private":
            data[field] = bool(value)
        elif field == "kind":
            data[field] = _KIND.get(value, value)
        else:
            data[field] = "" if value is None else value
    data["extra"] = {}
    return data


def _add(D: nx.MultiDiGraph, row: list[Any], fields: tuple[str, ...] = FIELDS) -> tuple[int, str]:
    ord_, node_id, *values = row
    data = _node(values, fields)
    if node_id in D:
        D.nodes[node_id].update(data)
    else:
        D.add_node(node_id, **data)
    return ord_, node_id


def dense_ords(driver, **options: Any) -> bool:
    """Whether the actors' load numbers are 0 .. n - 1, each once (as a fresh load numbers them): then an
    actor's number is its place in load order, and the domain graph's rows need not carry it."""
    row = run_query(driver, "count_actor_ords", **options)[0]
    return bool(row["actors"]) and row["low"] == 0 and row["high"] == row["actors"] - 1 == row["distinct"] - 1


def read_domain_graph(driver, settings, *, extra: Iterable[str] = (), requirements: list[dict] | None = None,
                      source: str = "", **options: Any) -> tuple[nx.MultiDiGraph, set[str], set[str]]:
    """The domain graph as of ``settings.as_of`` (see the module), the ids of the people read in short and
    those of every person (their name and role are '' until :func:`complete_nodes` reads them)."""
    as_of = settings.as_of_date()
    ords = not dense_ords(driver, **options)
    D = nx.MultiDiGraph(source=source, requirements=requirements or [])
    params = {"as_of": as_of, "extra": sorted(set(extra), key=str), "ords": ords}
    vocabulary = run_query(driver, "read_domain_vocabulary", **options)[0]
    if vocabulary["plain"]:
        by_ord, short, homes = _read_columns(driver, D, params, list(vocabulary["values"]), **options)
    else:
        by_ord, short, homes = _read_rows(driver, D, params, **options)
    people = {n for n, kind in D.nodes(data="kind") if kind == "person"}
    for node_id, home in homes:
        for target in home:
            D.add_edge(node_id, by_ord[target], rel=HOME)
    groups = run_query(driver, "read_domain_relationships", {"as_of": as_of}, **options)
    for group in sorted(groups, key=lambda g: (_ORDER.get(g["type"], 9), str(g["kind"]))):
        rel = _RELATION[group["type"]]
        data: dict[str, Any] = {"rel": rel}
        if rel == TIE:
            data |= {"kind": group["kind"] or "", "cycle_step": None, "direction": None}
        targets = iter(accumulate(group["targets"]))
        bodies = iter(group["bodies"])
        for source_ord, count in zip(accumulate(group["sources"]), group["counts"]):
            u = by_ord[source_ord]
            for target in islice(targets, count):
                if rel == REPRESENTATION:
                    D.add_edge(u, by_ord[target], rel=rel, body_id=next(bodies))
                else:
                    D.add_edge(u, by_ord[target], **data)
    return D, short, people


def _read_columns(driver, D: nx.MultiDiGraph, params: dict[str, Any], values: list[str],
                  **options: Any) -> tuple[dict[int, str], set[str], list[tuple[str, list[int]]]]:
    """The actors from ``read_domain_actors.cypher`` (one row of columns, the fields' values as codes into
    ``values``) into ``D``: the node ids by load number, the people read in short and each actor's homes."""
    codes = {value: i for i, value in enumerate(values)}
    row = run_query(driver, "read_domain_actors", params | {"codes": codes}, **options)[0]
    flags, levels, homes = row["flags"], row["levels"], row["homes"]
    ords = list(accumulate(row["ords"])) if row["ords"] is not None else range(len(flags))
    details, names = iter(row["details"]), iter(row["names"])
    by_ord: dict[int, str] = {}
    short: set[str] = set()
    with_homes: list[tuple[str, list[int]]] = []
    node_id = ""
    for i, (shared, suffix) in enumerate(zip(row["shared"], row["suffixes"])):
        node_id = node_id[:shared] + suffix
        flag = flags[i]
        kind = _KINDS[flag & 3]
        own = tuple(values[c] for c in levels[i])
        if flag & 4:
            type_, perspectives, region, scope, themes = next(details)
            name, role = next(names) if kind != "person" else ("", "")
            data = {"kind": kind, "type": values[type_], "levels": own,
                    "perspectives": tuple(values[c] for c in perspectives), "region": values[region],
                    "private": bool(flag & 8), "scope": values[scope], "themes": tuple(values[c] for c in themes),
                    "name": name, "role": role}
        else:
            data = {"kind": kind, "type": "", "levels": own, "perspectives": (), "region": "", "private": False,
                    "scope": "", "themes": (), "name": "", "role": ""}
            short.add(node_id)
        data["extra"] = {}
        D.add_node(node_id, **data)
        by_ord[ords[i]] = node_id
        if homes[i]:
            with_homes.append((node_id, homes[i]))
    return by_ord, short, with_homes


def _read_rows(driver, D: nx.MultiDiGraph, params: dict[str, Any],
               **options: Any) -> tuple[dict[int, str], set[str], list[tuple[str, list[int]]]]:
    """:func:`_read_columns` row by row, with the values as stored (``read_domain_rows.cypher``), for a map
    whose ids or coded fields are not all text."""
    rows = run_query(driver, "read_domain_rows", params, **options)
    by_ord: dict[int, str] = {}
    short: set[str] = set()
    homes: list[tuple[str, list[int]]] = []
    for i, record in enumerate(rows):
        ord_, node_id, home, *values = record["row"] if params["ords"] else [i, *record["row"]]
        if len(values) == 1:  # a person in short: [ord, id, homes, levels]
            values = ["p", None, values[0]]
            short.add(node_id)
        _add(D, [ord_, node_id, *values], FIRST_FIELDS)
        by_ord[ord_] = node_id
        if home:
            homes.append((node_id, home))
    return by_ord, short, homes


def complete_nodes(driver, D: nx.MultiDiGraph, ids, **options: Any) -> None:
    """Read the actors ``ids`` in full into ``D`` (the second pass)."""
    if ids:
        for record in run_query(driver, "read_actors_by_id", {"ids": sorted(ids, key=str)}, **options):
            _add(D, record["row"])
