"""Loading a graph into Neo4j: constraints first, then nodes and relationships in UNWIND batches.

A load is safe to repeat and to interrupt:

1. the bookkeeping node is marked ``loading`` (readers refuse the database until step 4);
2. nodes, then relationships (one query per relationship type), are written in batches through
   the driver's retrying ``execute_query``, each stamped with this load's id. Into a database
   that holds no netmap data (no ``:Actor``, no ``:Requirement``: a first load) they are
   ``CREATE``d (``create_*.cypher``): nothing to look up or replace. Otherwise they are
   ``MERGE``d on their id/key (``merge_*.cypher``), so a re-load replaces the earlier one in place;
3. what an older load wrote and this one did not is deleted (nothing stale is left);
4. the load is marked ``complete`` and current.

A failure part-way leaves the database marked ``loading``; running the load again completes it
(the batches already written make it a MERGE load). Batches are sized by writes, not rows
(:func:`batch_rows`): a transaction carries about ``writes_per_batch`` property writes whatever
the width of the rows.
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
#: The CREATE query of a first load for each MERGE query.
CREATE_QUERY = {q: "create_" + q[len("merge_"):] for q in (*NODE_QUERY.values(), *EDGE_QUERY.values(),
                                                           "merge_requirements")}
#: Property writes per transaction the batches aim at (rows of ~10 properties: ~5,000 rows).
WRITES_PER_BATCH = 50_000
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
    #: 'create' for a first load into a database without netmap data, 'merge' for a re-load
    mode: str = "merge"

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


def node_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows of the node queries, in load order (query name -> rows)."""
    rows: dict[str, list[dict[str, Any]]] = {q: [] for q in NODE_QUERY.values()}
    fields = [f for f in node_fields() if f != "kind"]
    for order, (node, data) in enumerate(G.nodes(data=True)):
        props = _props({f: data[f] for f in fields} | {"extra": data.get("extra", {})})
        props["ord"] = order
        rows[NODE_QUERY[data["kind"]]].append({"id": node, "props": props})
    return rows


def edge_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows of the relationship and requirement queries, in load order (query name -> rows)."""
    rows: dict[str, list[dict[str, Any]]] = {q: [] for q in EDGE_QUERY.values()}
    seen: Counter = Counter()
    for order, (u, v, data) in enumerate(G.edges(data=True)):
        rel = data["rel"]
        seen[(rel, u, v)] += 1
        props = _props(data, skip=("rel",))
        props["ord"] = order
        rows[EDGE_QUERY[rel]].append({"source": u, "target": v, "key": f"{u}|{v}|{seen[(rel, u, v)]}",
                                      "props": props})
    rows["merge_requirements"] = [
        {"key": f"{r['body_id']}|{r['perspective']}|{i}", "ord": i, **{k: v for k, v in r.items() if v is not None}}
        for i, r in enumerate(G.graph.get("requirements", []))]
    return rows


def graph_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows each load query receives, in load order (query name -> rows)."""
    return node_rows(G) | edge_rows(G)


def dataset_fingerprint(G: nx.MultiDiGraph) -> str:
    """The fingerprint of the data in ``G``: :func:`netmap.runs.fingerprint`, as the run kept of a load has."""
    from netmap.graph import dataset_from_graph
    from netmap.runs import fingerprint

    return fingerprint(dataset_from_graph(G))


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def batch_rows(rows: list[dict[str, Any]], writes: int = WRITES_PER_BATCH) -> int:
    """Rows per transaction so that one carries about ``writes`` writes (a node or relationship and each
    of its properties), between 100 and 20,000 rows; measured on the first rows."""
    if not rows:
        return 1
    sample = rows[:200]
    width = sum(1 + len(r["p"] if "p" in r else r.get("props", r)) for r in sample) / len(sample)
    return max(100, min(20_000, int(writes / width)))


def fresh_rows(query: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a MERGE query in the shape of its CREATE query: properties flat (nodes) or under
    ``p`` with the key (relationships), ends as ``s`` and ``t``."""
    if query in NODE_QUERY.values():
        return [{"id": r["id"], **r["props"]} for r in rows]
    if query in EDGE_QUERY.values():
        return [{"s": r["source"], "t": r["target"], "p": {"key": r["key"], **r["props"]}} for r in rows]
    return rows


def holds_netmap_data(driver, database: str | None) -> bool:
    """Whether the database holds any actor or requirement (then a load MERGEs)."""
    records, _, _ = driver.execute_query(cypher("get_load_contents"), database_=database)
    return bool(records[0]["actors"] or records[0]["requirements"])


def _write(driver, query: str, params: dict[str, Any], database: str | None) -> None:
    driver.execute_query(cypher(query), parameters_=params, database_=database)


def load_graph(driver, G: nx.MultiDiGraph, *, database: str | None = None, batch_size: int | None = None,
               progress: Progress | None = None, source: str = "", lang: str = "nl",
               one_row_per_transaction: bool = False, fingerprint: str | None = None,
               mode: str = "auto") -> LoadResult:
    """Load ``G`` (from :func:`netmap.graph.build_graph`) into Neo4j, replacing an earlier load.

    Validate before calling: this writes whatever it is given. ``progress(done, total)`` is
    called after every batch. ``batch_size``: rows per transaction (default: sized by writes,
    :func:`batch_rows`). ``mode``: 'auto' CREATEs into a database without netmap data and MERGEs
    otherwise; 'merge' always MERGEs. Raises :class:`~netmap.errors.Neo4jError` on failure, leaving
    the database marked as an unfinished load that a re-run completes. The load's status keeps
    ``fingerprint`` (default: :func:`netmap.runs.fingerprint` of the data in ``G``).
    """
    started = time.perf_counter()
    load_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    nodes = node_rows(G)
    total = sum(len(r) for r in nodes.values()) + G.number_of_edges() + len(G.graph.get("requirements", []))
    writer = _Writer(driver, database, load_id, total, progress)
    try:
        for query in SCHEMA:
            _write(driver, query, {}, database)
        fresh = mode == "auto" and not holds_netmap_data(driver, database)
        _write(driver, "set_load_started", {"load": load_id, "source": source or G.graph.get("source", "")},
               database)
        rows = dict(nodes)
        for part in _parts(G, rows):  # the server writes the nodes while the relationships' rows are made
            for query, query_rows in part.items():
                if fresh:
                    query, query_rows = CREATE_QUERY[query], fresh_rows(query, query_rows)
                size = 1 if one_row_per_transaction else batch_size or batch_rows(query_rows)
                for batch in _batches(query_rows, size):
                    writer.submit(query, batch)
        writer.finish()
        if not fresh:
            _delete_stale(driver, load_id, database)
        counts = [len(rows[q]) for q in NODE_QUERY.values()]
        _write(driver, "set_load_complete", {"load": load_id, "fingerprint": fingerprint or dataset_fingerprint(G),
                                             "counts": counts}, database)
    except Exception as err:
        writer.abandon()
        raise translate_error(err, database=database, lang=lang) from err
    return LoadResult(load_id, total, G.number_of_nodes(), G.number_of_edges(), len(rows["merge_requirements"]),
                      time.perf_counter() - started, "create" if fresh else "merge")


def _parts(G: nx.MultiDiGraph, rows: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """The node rows (already in ``rows``), then the relationship rows, made only when asked for (added to ``rows``)."""
    yield dict(rows)
    edges = edge_rows(G)
    rows.update(edges)
    yield edges


class _Writer:
    """Writes batches in order on one thread, so that making the next rows overlaps the server's work.

    The first failure stops it: later batches are skipped and :meth:`finish` raises that error.
    """

    def __init__(self, driver, database: str | None, load_id: str, total: int, progress: Progress | None):
        from concurrent.futures import ThreadPoolExecutor

        self.driver, self.database, self.load_id, self.total, self.progress = driver, database, load_id, total, progress
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="netmap-load")
        self.futures: list = []
        self.error: BaseException | None = None
        self.done = 0

    def submit(self, query: str, batch: list) -> None:
        if self.error is not None:
            raise self.error
        self.futures.append(self.pool.submit(self._run, query, batch))

    def _run(self, query: str, batch: list) -> None:
        if self.error is not None:
            return
        try:
            _write(self.driver, query, {"rows": batch, "load": self.load_id}, self.database)
        except BaseException as err:
            self.error = err
            raise
        self.done += len(batch)
        if self.progress:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        for future in self.futures:
            future.result()
        self.pool.shutdown()
        if self.error is not None:
            raise self.error

    def abandon(self) -> None:
        self.error = self.error or RuntimeError("load abandoned")
        self.pool.shutdown(wait=True, cancel_futures=True)


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
