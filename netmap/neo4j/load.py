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

A first load sends its rows as lists of values (:func:`fresh_node_tables`, :func:`fresh_edge_tables`:
no property names repeated in every row, made in one pass over the graph, each shared edge attribute
dict converted once) and writes them ``CREATE_WRITERS`` transactions at a time (all the nodes first,
then the relationships; no deadlock was seen in the measured runs, and one would be retried as any
transient error). The fingerprint of the data is computed while the server writes the relationships.
"""
from __future__ import annotations

import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from netmap.graph import HOME, HOST, MEMBERSHIP, PARENT, REPRESENTATION, TIE, node_fields
from netmap.model import NEO4J_REL_TYPES, Dataset
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
#: Transactions a first load (CREATE) keeps under way at a time; a MERGE load writes one at a time.
CREATE_WRITERS = 2
#: A property name load.py writes into a query's text: the graph's own attribute names; any other
#: name (an extra column from the data) travels as a parameter, in the row's map.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
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
    #: the data's fingerprint the load's status keeps (:func:`netmap.runs.fingerprint`)
    fingerprint: str = ""

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
    rows["merge_requirements"] = requirement_rows(G)
    return rows


def requirement_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The rows of the requirement query (maps: a few hundred at most)."""
    return [{"key": f"{r['body_id']}|{r['perspective']}|{i}", "ord": i, **{k: v for k, v in r.items() if v is not None}}
            for i, r in enumerate(G.graph.get("requirements", []))]


def graph_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The rows each load query receives, in load order (query name -> rows)."""
    return node_rows(G) | edge_rows(G)


def dataset_fingerprint(G: nx.MultiDiGraph) -> str:
    """The fingerprint of the data in ``G``: :func:`netmap.runs.fingerprint`, as the run kept of a load has."""
    from netmap.graph import dataset_from_graph

    return _fingerprint(dataset_from_graph(G))


def _fingerprint(dataset: Dataset) -> str:
    from netmap.runs import fingerprint

    return fingerprint(dataset)


class _Rows(list):
    """A batch of rows, shown by its length: the driver formats every query's parameters for its debug
    log whether or not that log is on (``repr`` of 5,000 rows: a tenth of the client's time in a load,
    and the people's names in any debug log)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield _Rows(items[start:start + size])


def batch_rows(rows: list[dict[str, Any]], writes: int = WRITES_PER_BATCH) -> int:
    """Rows per transaction so that one carries about ``writes`` writes (a node or relationship and each
    of its properties), between 100 and 20,000 rows; measured on the first rows."""
    if not rows:
        return 1
    sample = rows[:200]
    width = sum(1 + (len(r) if isinstance(r, list) else len(r["p"] if "p" in r else r.get("props", r)))
                for r in sample) / len(sample)
    return max(100, min(20_000, int(writes / width)))


@dataclass
class Table:
    """The rows of one CREATE query as lists: the leading values (``id, ord`` of a node; ``source,
    target, key, ord`` of a relationship), one value per column, then, when ``extra``, a map of the
    properties whose names are not the graph's own (``x_<column>``); a short row reads as nulls."""

    query: str
    lead: int
    columns: list[str]
    rows: list[Any]
    extra: bool = False

    def text(self) -> str:
        """The query with its ``{set}`` filled in: ``v.`column` = row[i], `` per column (names matched
        by ``_NAME``, nothing from the data), then ``v += row[i], `` for the map."""
        var = "n" if self.lead == 2 else "r"
        sets = "".join(f"{var}.`{c}` = row[{self.lead + i}], " for i, c in enumerate(self.columns))
        if self.extra:
            sets += f"{var} += row[{self.lead + len(self.columns)}], "
        return cypher(self.query).replace("{set}", sets)


def _close(table: Table, extras: dict[int, dict[str, Any]]) -> Table:
    """Every row of ``table`` padded to its columns and given its map, when some row has one."""
    if extras:
        table.extra = True
        width = table.lead + len(table.columns)
        for i, row in enumerate(table.rows):
            row.extend([None] * (width - len(row)))
            row.append(extras.get(i, {}))
    return table


def fresh_node_tables(G: nx.MultiDiGraph) -> list[Table]:
    """The node rows of a first load (the rows of :func:`node_rows` as lists), one table per kind."""
    fields = [f for f in node_fields() if f != "kind"]
    named = [f for f in fields if _NAME.match(f)]
    odd = [f for f in fields if not _NAME.match(f)]
    tables = {q: Table(CREATE_QUERY[q], 2, named, []) for q in NODE_QUERY.values()}
    extras: dict[str, dict[int, dict[str, Any]]] = {q: {} for q in NODE_QUERY.values()}
    for order, (node, data) in enumerate(G.nodes(data=True)):
        query = NODE_QUERY[data["kind"]]
        rows = tables[query].rows
        extra = data.get("extra")
        if extra or odd:
            props = {f: data[f] for f in odd if data[f] is not None}
            props.update({f"x_{k}": _scalar(v) for k, v in (extra or {}).items()})
            if props:
                extras[query][len(rows)] = props
        rows.append([node, order, *[data[f] for f in named]])
    return [_close(tables[q], extras[q]) for q in NODE_QUERY.values()]


def fresh_edge_tables(G: nx.MultiDiGraph) -> list[Table]:
    """The relationship rows of a first load (the rows of :func:`edge_rows` as lists), one table per type.

    Edges with equal attributes share one dict (:func:`netmap.graph.build_graph`): each dict is
    converted once. The edges between two nodes come one after another, so their keys (``u|v|n``, n
    counting the edges of that relation from u to v) need no counter over the whole graph.
    """
    tables = {rel: Table(CREATE_QUERY[q], 4, [], []) for rel, q in EDGE_QUERY.items()}
    slots: dict[str, dict[str, int]] = {rel: {} for rel in EDGE_QUERY}
    extras: dict[str, dict[int, dict[str, Any]]] = {rel: {} for rel in EDGE_QUERY}
    converted: dict[int, tuple[str, list[Any], dict[str, Any] | None]] = {}

    def convert(data: dict[str, Any]) -> tuple[str, list[Any], dict[str, Any] | None]:
        rel = data["rel"]
        slot = slots[rel]
        values: list[Any] = []
        props: dict[str, Any] = {}
        for key, value in data.items():
            if key == "rel" or value is None:
                continue
            if key == "extra":
                props.update({f"x_{k}": _scalar(v) for k, v in value.items()})
            elif not _NAME.match(key):
                props[key] = list(value) if isinstance(value, tuple) else value
            else:
                i = slot.setdefault(key, len(slot))
                if i >= len(tables[rel].columns):
                    tables[rel].columns.append(key)
                values.extend([None] * (i + 1 - len(values)))
                values[i] = list(value) if isinstance(value, tuple) else value
        found = converted[id(data)] = (rel, values, props or None)
        return found

    order = 0
    for u, targets in G.adjacency():
        for v, keyed in targets.items():
            counts: dict[str, int] = {}
            for data in keyed.values():
                rel, values, props = converted.get(id(data)) or convert(data)
                n = counts[rel] = counts.get(rel, 0) + 1
                rows = tables[rel].rows
                if props:
                    extras[rel][len(rows)] = props
                rows.append([u, v, f"{u}|{v}|{n}", order, *values])
                order += 1
    return [_close(tables[rel], extras[rel]) for rel in EDGE_QUERY]


def holds_netmap_data(driver, database: str | None) -> bool:
    """Whether the database holds any actor or requirement (then a load MERGEs)."""
    records, _, _ = driver.execute_query(cypher("get_load_contents"), database_=database)
    return bool(records[0]["actors"] or records[0]["requirements"])


def _write(driver, query: str, params: dict[str, Any], database: str | None) -> None:
    driver.execute_query(cypher(query), parameters_=params, database_=database)


def load_graph(driver, G: nx.MultiDiGraph, *, database: str | None = None, batch_size: int | None = None,
               progress: Progress | None = None, source: str = "", lang: str = "nl",
               one_row_per_transaction: bool = False, fingerprint: str | None = None,
               dataset: Dataset | None = None, mode: str = "auto") -> LoadResult:
    """Load ``G`` (from :func:`netmap.graph.build_graph`) into Neo4j, replacing an earlier load.

    Validate before calling: this writes whatever it is given. ``progress(done, total)`` is
    called after every batch. ``batch_size``: rows per transaction (default: sized by writes,
    :func:`batch_rows`). ``mode``: 'auto' CREATEs into a database without netmap data and MERGEs
    otherwise; 'merge' always MERGEs. Raises :class:`~netmap.errors.Neo4jError` on failure, leaving
    the database marked as an unfinished load that a re-run completes. The load's status keeps
    ``fingerprint``; without it, :func:`netmap.runs.fingerprint` of ``dataset`` (the dataset ``G`` was built
    from: 1.9 cpu s at national scale) or else of the data in ``G`` (rebuilt from the graph first: 5 cpu s),
    computed while the server writes the relationships.
    """
    started = time.perf_counter()
    load_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    requirements = len(G.graph.get("requirements", []))
    edges = _edge_count(G)
    total = G.number_of_nodes() + edges + requirements
    writer: _Writer | None = None
    try:
        for query in SCHEMA:
            _write(driver, query, {}, database)
        fresh = mode == "auto" and not holds_netmap_data(driver, database)
        _write(driver, "set_load_started", {"load": load_id, "source": source or G.graph.get("source", "")},
               database)
        writers = CREATE_WRITERS if fresh and not one_row_per_transaction else 1
        writer = _Writer(driver, database, load_id, total, progress, writers)
        # each part is made while the server writes the one before; the nodes are all written before
        # the relationships (looking them up) are sent
        for part in (_fresh_parts(G) if fresh else _merge_parts(G)):
            writer.wait()
            for query, query_rows in part:
                size = 1 if one_row_per_transaction else batch_size or batch_rows(query_rows)
                for batch in _batches(query_rows, size):
                    writer.submit(query, batch)
        if not fingerprint:  # while the server writes the relationships
            fingerprint = _fingerprint(dataset) if dataset is not None else dataset_fingerprint(G)
        writer.finish()
        if not fresh:
            _delete_stale(driver, load_id, database)
        _write(driver, "set_load_complete", {"load": load_id, "fingerprint": fingerprint,
                                             "counts": _kind_counts(G)}, database)
    except Exception as err:
        if writer is not None:
            writer.abandon()
        raise translate_error(err, database=database, lang=lang) from err
    return LoadResult(load_id, total, G.number_of_nodes(), edges, requirements,
                      time.perf_counter() - started, "create" if fresh else "merge", fingerprint)


Part = list[tuple[str, list[Any]]]


def _fresh_parts(G: nx.MultiDiGraph) -> Iterator[Part]:
    """The queries (text) and rows of a first load: the nodes, then (made while the server writes them)
    the relationships and requirements."""
    yield [(t.text(), t.rows) for t in fresh_node_tables(G)]
    yield [(t.text(), t.rows) for t in fresh_edge_tables(G)] + [(cypher("create_requirements"), requirement_rows(G))]


def _merge_parts(G: nx.MultiDiGraph) -> Iterator[Part]:
    """The queries and rows of a re-load: the nodes, then the relationships and requirements."""
    yield [(cypher(q), rows) for q, rows in node_rows(G).items()]
    yield [(cypher(q), rows) for q, rows in edge_rows(G).items()]


def _edge_count(G: nx.MultiDiGraph) -> int:
    """``G.number_of_edges()`` without networkx's degree view (a second at scale 1)."""
    return sum(len(keyed) for _, targets in G.adjacency() for keyed in targets.values())


def _kind_counts(G: nx.MultiDiGraph) -> list[int]:
    """Organisations, networks and people in ``G`` (the order of ``NODE_QUERY``)."""
    kinds = Counter(kind for _, kind in G.nodes(data="kind"))
    return [kinds[k] for k in NODE_QUERY]


class _Writer:
    """Writes batches on ``workers`` threads, so that making the next rows overlaps the server's work
    (and, with two, the server works on one transaction while the next is sent).

    The first failure stops it: later batches are skipped and :meth:`wait`/:meth:`finish` raise that error.
    """

    def __init__(self, driver, database: str | None, load_id: str, total: int, progress: Progress | None,
                 workers: int = 1):
        from concurrent.futures import ThreadPoolExecutor

        self.driver, self.database, self.load_id, self.total, self.progress = driver, database, load_id, total, progress
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="netmap-load")
        self.futures: list = []
        self.error: BaseException | None = None
        self.done = 0
        self.lock = threading.Lock()

    def submit(self, query: str, batch: list) -> None:
        if self.error is not None:
            raise self.error
        self.futures.append(self.pool.submit(self._run, query, batch))

    def _run(self, query: str, batch: list) -> None:
        if self.error is not None:
            return
        try:
            self.driver.execute_query(query, parameters_={"rows": batch, "load": self.load_id},
                                      database_=self.database)
        except BaseException as err:
            with self.lock:
                self.error = self.error or err
            raise
        with self.lock:
            self.done += len(batch)
            if self.progress:
                self.progress(self.done, self.total)

    def wait(self) -> None:
        """Return when every batch submitted so far is written; raise the first failure."""
        for future in self.futures:
            future.exception()
        self.futures = []
        if self.error is not None:
            raise self.error

    def finish(self) -> None:
        self.wait()
        self.pool.shutdown()

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
