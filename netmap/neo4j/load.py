"""Loading a graph into Neo4j: constraints first, then nodes and relationships in UNWIND batches.

A load is safe to repeat and to interrupt:

1. the bookkeeping node is marked ``loading`` (readers refuse the database until step 4);
2. nodes, then relationships, are MERGEd on their id/key in batches through the driver's
   retrying ``execute_query``, each stamped with this load's id;
3. what an older load wrote and this one did not is deleted (nothing stale is left);
4. the load is marked ``complete`` and current.

A failure part-way leaves the database marked ``loading``; running the load again completes it.
"""
from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from netmap.graph import HOME, HOST, MEMBERSHIP, PARENT, REPRESENTATION, TIE, node_fields
from netmap.model import NEO4J_REL_TYPES
from netmap.neo4j.connect import translate_error
from netmap.neo4j.queries import cypher

SCHEMA = ("create_constraint_actor_id", "create_constraint_requirement_key", "create_constraint_meta_key",
          "create_index_actor_load", "create_index_represents_body")
NODE_QUERY = {"organisation": "merge_organisations", "network": "merge_networks", "person": "merge_people"}
EDGE_QUERY = {MEMBERSHIP: "merge_memberships", REPRESENTATION: "merge_representations", HOME: "merge_homes",
              PARENT: "merge_parents", HOST: "merge_hosts", TIE: "merge_ties"}
#: Relationship type in Neo4j for each graph relation.
REL_TYPE = NEO4J_REL_TYPES
Progress = Callable[[int, int], None]


@dataclass
class LoadResult:
    """What a load wrote and how long it took."""

    load_id: str
    rows: int
    nodes: int
    relationships: int
    requirements: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")


def _props(data: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Graph attributes -> Neo4j properties: tuples as lists, no nulls, extra columns as x_<name>."""
    props = {}
    for key, value in data.items():
        if key in skip or value is None:
            continue
        if key == "extra":
            props.update({f"x_{k}": _scalar(v) for k, v in value.items()})
        else:
            props[key] = list(value) if isinstance(value, tuple) else value
    return props


def _scalar(value: Any) -> Any:
    return "; ".join(map(str, value)) if isinstance(value, list) else value


def graph_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows each load query receives, in load order (query name -> rows)."""
    rows: dict[str, list[dict[str, Any]]] = {q: [] for q in (*NODE_QUERY.values(), *EDGE_QUERY.values())}
    for order, (node, data) in enumerate(G.nodes(data=True)):
        props = _props({f: data[f] for f in node_fields() if f != "kind"} | {"extra": data.get("extra", {})})
        rows[NODE_QUERY[data["kind"]]].append({"id": node, "props": props | {"ord": order}})
    seen: Counter = Counter()
    for order, (u, v, data) in enumerate(G.edges(data=True)):
        seen[(data["rel"], u, v)] += 1
        key = f"{u}|{v}|{seen[(data['rel'], u, v)]}"
        rows[EDGE_QUERY[data["rel"]]].append(
            {"source": u, "target": v, "key": key, "props": _props(data, skip=("rel",)) | {"ord": order}})
    rows["merge_requirements"] = [
        {"key": f"{r['body_id']}|{r['perspective']}|{i}", "ord": i, **{k: v for k, v in r.items() if v is not None}}
        for i, r in enumerate(G.graph.get("requirements", []))]
    return rows


def dataset_fingerprint(G: nx.MultiDiGraph) -> str:
    """The fingerprint of the data in ``G``: :func:`netmap.runs.fingerprint`, as the run kept of a load has."""
    from netmap.graph import dataset_from_graph
    from netmap.runs import fingerprint

    return fingerprint(dataset_from_graph(G))


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _write(driver, query: str, params: dict[str, Any], database: str | None) -> None:
    driver.execute_query(cypher(query), parameters_=params, database_=database)


def load_graph(driver, G: nx.MultiDiGraph, *, database: str | None = None, batch_size: int = 5000,
               progress: Progress | None = None, source: str = "", lang: str = "nl",
               one_row_per_transaction: bool = False, fingerprint: str | None = None) -> LoadResult:
    """Load ``G`` (from :func:`netmap.graph.build_graph`) into Neo4j, replacing an earlier load.

    Validate before calling: this writes whatever it is given. ``progress(done, total)`` is
    called after every batch. Raises :class:`~netmap.errors.Neo4jError` on failure, leaving the
    database marked as an unfinished load that a re-run completes. The load's status keeps
    ``fingerprint`` (default: :func:`netmap.runs.fingerprint` of the data in ``G``).
    """
    started = time.perf_counter()
    rows = graph_rows(G)
    total = sum(len(r) for r in rows.values())
    load_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    size = 1 if one_row_per_transaction else batch_size
    try:
        for query in SCHEMA:
            _write(driver, query, {}, database)
        _write(driver, "set_load_started", {"load": load_id, "source": source or G.graph.get("source", "")},
               database)
        done = 0
        for query, query_rows in rows.items():
            for batch in _batches(query_rows, size):
                _write(driver, query, {"rows": batch, "load": load_id}, database)
                done += len(batch)
                if progress:
                    progress(done, total)
        _delete_stale(driver, load_id, database)
        counts = [len(rows[q]) for q in NODE_QUERY.values()]
        _write(driver, "set_load_complete", {"load": load_id, "fingerprint": fingerprint or dataset_fingerprint(G),
                                             "counts": counts}, database)
    except Exception as err:
        raise translate_error(err, database=database, lang=lang) from err
    nodes = G.number_of_nodes()
    return LoadResult(load_id, total, nodes, G.number_of_edges(), len(rows["merge_requirements"]),
                      time.perf_counter() - started)


def load_graph_naive(driver, G: nx.MultiDiGraph, *, database: str | None = None, **options: Any) -> LoadResult:
    """The same load with one row per transaction: the baseline the benchmark compares against."""
    return load_graph(driver, G, database=database, one_row_per_transaction=True, **options)


def _delete_stale(driver, load_id: str, database: str | None, batch: int = 10000) -> None:
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run here.
    with driver.session(database=database) as session:
        for query in ("delete_stale_relationships", "delete_stale_nodes"):
            session.run(cypher(query), load=load_id, batch=batch).consume()


def load_status(driver, *, database: str | None = None, lang: str = "nl") -> dict[str, Any]:
    """The bookkeeping of the last load: status ('complete'/'loading'/None), current load id, source."""
    try:
        records, _, _ = driver.execute_query(cypher("get_load_status"), database_=database)
    except Exception as err:
        raise translate_error(err, database=database, lang=lang) from err
    return dict(records[0]) if records else {"status": None}
