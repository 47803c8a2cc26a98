"""Reading the loaded map back from Neo4j into the same networkx graph that build_graph makes."""
from __future__ import annotations

from typing import Any

import networkx as nx

from netmap.errors import Neo4jError
from netmap.graph import HOME, HOST, PARENT, TIE, node_fields
from netmap.i18n import t
from netmap.neo4j.connect import translate_error
from netmap.neo4j.load import REL_TYPE, load_status
from netmap.neo4j.queries import count_records, cypher
from netmap.schema import multi_valued_attributes

_RELATION = {v: k for k, v in REL_TYPE.items()}
_BOOKKEEPING = {"ord", "_load", "key"}


def require_complete(driver, *, database: str | None = None, lang: str = "nl") -> dict[str, Any]:
    """The load status, or a Neo4jError if nothing was loaded or the last load did not finish."""
    status = load_status(driver, database=database, lang=lang)
    if status.get("status") is None:
        raise Neo4jError(t("input.neo4j_empty", lang))
    if status["status"] != "complete":
        raise Neo4jError(t("input.neo4j_incomplete", lang, source=status.get("source") or "?"))
    return status


def _attributes(props: dict[str, Any], fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    extra = {k[2:]: v for k, v in props.items() if k.startswith("x_")}
    for key, value in props.items():
        if key in _BOOKKEEPING or key.startswith("x_") or key == "id":
            continue
        data[key] = tuple(value) if key in multi_valued_attributes() else value
    for field in fields or ():
        data.setdefault(field, () if field in multi_valued_attributes() else "")
    data["extra"] = extra
    return data


def read_graph(driver, *, database: str | None = None, lang: str = "nl") -> nx.MultiDiGraph:
    """The graph as :func:`netmap.graph.build_graph` would build it from the loaded data."""
    status = require_complete(driver, database=database, lang=lang)
    try:
        actors, _, _ = driver.execute_query(cypher("read_actors"), database_=database)
        rels, _, _ = driver.execute_query(cypher("read_relationships"), database_=database)
        reqs, _, _ = driver.execute_query(cypher("read_requirements"), database_=database)
    except Exception as err:
        raise translate_error(err, database=database, lang=lang) from err
    for records in (actors, rels, reqs):
        count_records(records)
    requirements = [{"body_id": r["body_id"], "perspective": r["perspective"], "min_count": r["min_count"],
                     "note": r["note"] or ""} for r in reqs]
    G = nx.MultiDiGraph(source=status.get("source") or "", requirements=requirements)
    for record in actors:
        G.add_node(record["id"], kind=record["kind"], **_attributes(record["props"], node_fields()[1:]))
    for record in rels:
        relation = _RELATION[record["type"]]
        data = _attributes(record["props"])
        if relation == TIE:
            data.setdefault("cycle_step", None)
            data.setdefault("direction", None)
        elif relation in (HOME, PARENT, HOST):
            del data["extra"]  # build_graph gives these structural edges no extra columns
        G.add_edge(record["source"], record["target"], rel=relation, **data)
    return G
