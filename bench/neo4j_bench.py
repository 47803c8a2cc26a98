"""The Neo4j section of the benchmark: netmap's loads beside the server's own tools, and the bytes
``analyse --neo4j`` moves beside a full read-back.

    .venv/bin/python bench/neo4j_bench.py --scale 1              # starts a Neo4j 5.26 with GDS (tests/neo4jserver.py)
    .venv/bin/python bench/neo4j_bench.py --scale 2 --no-analyse

Steps, each on an emptied database:

- ``netmap load`` (:func:`netmap.neo4j.load_graph`, the online load) of the whole graph: rows/s;
- the server's own ``LOAD CSV`` with ``CALL {} IN TRANSACTIONS OF 5000 ROWS`` of the same rows (the
  load's own rows written as CSV files into the server's import folder; the same labels, properties
  and relationships, ``CREATE`` since the database is empty; the same constraints and indexes as
  netmap's load, ``--csv-schema id`` for only the actors' id constraint, as before 2026-12-02):
  rows/s, and netmap's ratio to it;
- ``netmap load --bulk`` (``neo4j-admin database import full``, offline) when the server was started
  here (it needs the server's folders): rows/s including the tool's JVM start, and its ratio to the
  online load;
- ``analyse --neo4j``: the bytes its queries brought to the client (the records' size in Bolt's encoding,
  as :func:`netmap.neo4j.traffic` counts them, per query, and the bytes really read from the sockets) beside
  those of a full read-back of the graph, where they go (the first pass's columns), and its findings beside
  the embedded engine's (Dutch, and English roles-only; ``--no-parity`` skips this).

``run.py --start-neo4j`` calls :func:`run_neo4j_section` per scale; this script runs it alone.
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- LOAD CSV, the server's own online load ---------------------------------------------------
def _csv_value(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _cast(column: str, sample: Any) -> str:
    """The Cypher expression for a CSV column holding values like ``sample``: the same value netmap's load
    writes (an empty cell is '' or [] as in the graph, not a missing property)."""
    ref = f"row.`{column}`"
    if sample is None:
        return ref
    if isinstance(sample, list):
        return f"CASE WHEN {ref} IS NULL THEN [] ELSE split({ref}, ';') END"
    if isinstance(sample, str):
        return f"coalesce({ref}, '')"
    if isinstance(sample, bool):
        return f"toBoolean({ref})"
    if isinstance(sample, int):
        return f"toInteger({ref})"
    if isinstance(sample, float):
        return f"toFloat({ref})"
    return ref


def write_load_csv(G, folder: Path) -> list[tuple[str, str, int]]:
    """The load's rows as CSV files in ``folder``; returns (file name, LOAD CSV query, rows) in load order."""
    from netmap.neo4j.load import EDGE_QUERY, NODE_QUERY, REL_TYPE, graph_rows

    rows = graph_rows(G)
    labels = {"merge_organisations": "Organisation", "merge_networks": "Network", "merge_people": "Person"}
    rel_of = {query: REL_TYPE[rel] for rel, query in EDGE_QUERY.items()}
    plan = []
    for query, items in rows.items():
        if not items or query == "merge_requirements":
            continue
        flat = [({"id": r["id"]} if query in NODE_QUERY.values() else
                 {"source": r["source"], "target": r["target"], "key": r["key"]}) | r["props"] for r in items]
        columns: dict[str, Any] = {}
        present: dict[str, int] = {}
        for r in flat:
            for k, v in r.items():
                present[k] = present.get(k, 0) + 1
                if columns.get(k) is None or columns[k] in ("", []):
                    columns[k] = v
        # a column some rows lack (an extra column) stays missing there, as in netmap's load
        columns = {k: (v if present[k] == len(flat) else None) for k, v in columns.items()}
        name = f"{query}.csv"
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows([_csv_value(r.get(c)) for c in columns] for r in flat)
        if query in NODE_QUERY.values():
            sets = ", ".join(f"n.`{c}` = {_cast(c, s)}" for c, s in columns.items() if c != "id")
            body = f"CREATE (n:Actor:{labels[query]} {{id: row.id}}) SET {sets}, n._load = 'csv'"
        else:
            sets = ", ".join(f"r.`{c}` = {_cast(c, s)}" for c, s in columns.items() if c not in ("source", "target"))
            body = (f"MATCH (a:Actor {{id: row.source}}) MATCH (b:Actor {{id: row.target}}) "
                    f"CREATE (a)-[r:{rel_of[query]}]->(b) SET {sets}, r._load = 'csv'")
        text = (f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row "
                f"CALL (row) {{ {body} }} IN TRANSACTIONS OF 5000 ROWS")
        plan.append((name, text, len(items)))
    return plan


def run_load_csv(driver, plan: list[tuple[str, str, int]], schema: bool = True) -> dict[str, Any]:
    """Run the LOAD CSV plan after the constraints and indexes netmap's load creates (``schema``; else
    only the uniqueness constraint on the actors' id, which the lookups need); rows and seconds."""
    from netmap.neo4j.load import SCHEMA
    from netmap.neo4j.queries import cypher

    start = time.perf_counter()
    for query in (SCHEMA if schema else ("create_constraint_actor_id",)):
        driver.execute_query(cypher(query))
    per_file = {}
    with driver.session() as session:
        for name, text, rows in plan:
            step = time.perf_counter()
            session.run(text).consume()
            per_file[name] = {"rows": rows, "seconds": round(time.perf_counter() - step, 3)}
    seconds = time.perf_counter() - start
    rows = sum(n for *_, n in plan)
    return {"rows": rows, "seconds": round(seconds, 3), "rows_per_s": round(rows / seconds), "per_file": per_file}


def empty_database(driver) -> None:
    """Everything deleted, constraints and indexes dropped (as tests/neo4j_fixtures.py)."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for record in list(session.run("SHOW CONSTRAINTS YIELD name RETURN name")):
            session.run(f"DROP CONSTRAINT `{record['name']}` IF EXISTS").consume()
        for record in list(session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")):
            session.run(f"DROP INDEX `{record['name']}` IF EXISTS").consume()


# -- the section ------------------------------------------------------------------------------
def run_neo4j_section(G, driver, *, import_dir: Path | None = None, server=None,
                      analyse: bool = True, repeat: int = 1, parity: bool = True,
                      csv_schema: bool = True, dataset=None) -> dict[str, Any]:
    """Every Neo4j measurement on graph ``G``; ``import_dir``: the server's import folder (for LOAD CSV),
    ``server``: the tests.neo4jserver.Neo4jServer started here (for --bulk). With ``repeat`` > 1 the online
    load and LOAD CSV take turns that many times on the same server (the first turn also warms its JVM for
    the second), and the best of each is kept: one load first on a cold server and the other second on a
    warm one is not a comparison. ``dataset``: the one ``G`` was built from, given to the online load as
    ``netmap load`` gives it (the load's fingerprint is computed from it, not from ``G``)."""
    from netmap import collector
    from netmap.neo4j import load_graph

    out: dict[str, Any] = {"rows": None}
    plan = write_load_csv(G, import_dir) if import_dir is not None else None
    for turn in range(max(repeat, 1)):
        empty_database(driver)
        log(f"  netmap load (online), turn {turn + 1} ...")
        gc.collect()
        with collector.paused():  # as `netmap load` has it
            online = load_graph(driver, G, dataset=dataset)
        out["rows"] = online.rows
        log(f"    {online.rows:,} rows in {online.seconds:.1f} s = {online.rows_per_second:,.0f} rows/s")
        if "online" not in out or online.rows_per_second > out["online"]["rows_per_s"]:
            out["online"] = {"rows": online.rows, "seconds": round(online.seconds, 3),
                             "rows_per_s": round(online.rows_per_second), "mode": getattr(online, "mode", ""),
                             "turns": repeat}
        if turn == 0 and analyse:
            out["analyse"] = measure_analyse(driver, G, parity)
        if plan is not None:
            empty_database(driver)
            log(f"  LOAD CSV, turn {turn + 1} ...")
            found = run_load_csv(driver, plan, schema=csv_schema)
            log(f"    {found['rows']:,} rows in {found['seconds']:.1f} s = {found['rows_per_s']:,} rows/s")
            if "load_csv" not in out or found["rows_per_s"] > out["load_csv"]["rows_per_s"]:
                out["load_csv"] = {**found, "rows_netmap_counts": online.rows, "turns": repeat,
                                   "schema": "netmap" if csv_schema else "id"}
    if plan is not None and import_dir is not None:
        out["online_vs_load_csv"] = round(out["online"]["rows_per_s"] / out["load_csv"]["rows_per_s"], 2)
        for name, *_ in plan:
            (import_dir / name).unlink(missing_ok=True)
    if server is not None:
        out["bulk"] = measure_bulk(G, server, dataset)
        if out["bulk"].get("rows_per_s"):
            out["bulk_vs_online"] = round(out["bulk"]["rows_per_s"] / out["online"]["rows_per_s"], 2)
    return out


class WireBytes:
    """The bytes the driver really reads from its Bolt sockets while active (the ground truth beside
    :func:`netmap.neo4j.traffic`'s count of the records): a wrapper around the driver's socket reads, in this
    benchmark only."""

    def __init__(self) -> None:
        self.bytes = 0

    def __enter__(self) -> WireBytes:
        from neo4j._async_compat.network import _bolt_socket

        self._cls = _bolt_socket.BoltSocketBase
        self._recv, self._recv_into = self._cls.recv, self._cls.recv_into
        counter, recv, recv_into = self, self._recv, self._recv_into

        def counted_recv(sock, n):
            data = recv(sock, n)
            counter.bytes += len(data)
            return data

        def counted_recv_into(sock, buffer, nbytes):
            n = recv_into(sock, buffer, nbytes)
            counter.bytes += n
            return n

        self._cls.recv, self._cls.recv_into = counted_recv, counted_recv_into  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc) -> None:
        self._cls.recv, self._cls.recv_into = self._recv, self._recv_into  # type: ignore[method-assign]


def domain_parts(driver) -> dict[str, dict[str, int]]:
    """The bytes of the domain graph's first-pass queries, column by column (PackStream sizes)."""
    from netmap.analysis import Settings
    from netmap.neo4j.domain import dense_ords
    from netmap.neo4j.queries import bolt_size, run_query

    as_of = Settings().as_of_date()
    values = run_query(driver, "read_domain_vocabulary")[0]["values"]
    codes = {v: i for i, v in enumerate(values)}
    actors = run_query(driver, "read_domain_actors", {"as_of": as_of, "extra": [], "ords": not dense_ords(driver),
                                                      "codes": codes})[0]
    parts = {"actors": {column: bolt_size(value) for column, value in actors.items()},
             "relationships": {}}
    for group in run_query(driver, "read_domain_relationships", {"as_of": as_of}):
        for column, value in group.items():
            parts["relationships"][column] = parts["relationships"].get(column, 0) + bolt_size(value)
    return parts


def measure_analyse(driver, G, parity: bool = True) -> dict[str, Any]:
    """Bytes the analysis from the database brought over, beside a full read-back of the graph: as
    :func:`netmap.neo4j.traffic` counts the records (PackStream, per query) and as read from the sockets;
    with ``parity``, its findings beside the embedded engine's on ``G`` (Dutch, and English roles-only)."""
    from netmap.analysis import analyse
    from netmap.neo4j import analyse_neo4j, read_graph, traffic

    driver.verify_connectivity()
    with traffic() as full, WireBytes() as full_wire:
        read_graph(driver)
    start, cpu = time.perf_counter(), time.process_time()
    with traffic() as used, WireBytes() as used_wire:
        result = analyse_neo4j(driver)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    out: dict[str, Any] = {"read_back_bytes": full.bytes, "read_back_wire_bytes": full_wire.bytes,
           "read_back_flat_bytes": full.flat_bytes, "read_back_values": full.values,
           "analyse_bytes": used.bytes, "analyse_wire_bytes": used_wire.bytes, "analyse_flat_bytes": used.flat_bytes,
           "analyse_values": used.values, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
           "share": round(used.bytes / full.bytes, 4) if full.bytes else None,
           "wire_share": round(used_wire.bytes / full_wire.bytes, 4) if full_wire.bytes else None,
           "by_query": dict(sorted(used.by_query.items(), key=lambda kv: -kv[1])),
           "parts": domain_parts(driver), "engine": result.summary.get("engine")}
    log(f"    analyse --neo4j: {used.bytes:,} bytes vs full read-back {full.bytes:,} bytes "
        f"({100 * (out['share'] or 0):.2f} %; read from the sockets {used_wire.bytes:,} vs {full_wire.bytes:,}), "
        f"{seconds:.1f} s (client cpu {cpu:.1f} s)")
    if parity:
        out["parity"] = {}
        for lang, roles_only in (("nl", False), ("en", True)):
            log(f"    findings beside the embedded engine ({lang}{', roles only' if roles_only else ''}) ...")
            from_db = result if (lang, roles_only) == ("nl", False) else \
                analyse_neo4j(driver, lang=lang, roles_only=roles_only)
            embedded = analyse(G, lang=lang, roles_only=roles_only)
            same = [json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
                    for f in from_db.findings] == \
                   [json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
                    for f in embedded.findings]
            out["parity"][f"{lang}{'-roles' if roles_only else ''}"] = {"findings": len(from_db.findings),
                                                                        "same": same}
            log(f"      {len(from_db.findings):,} findings, {'the same' if same else 'DIFFERENT'}")
    return out


def run_analyse_only(G, driver, load: bool = True, parity: bool = True) -> dict[str, Any]:
    """``--analyse-only``: the map loaded (online, unless ``load`` is False), then only :func:`measure_analyse`."""
    from netmap.neo4j import load_graph

    out: dict[str, Any] = {"rows": None}
    if load:
        empty_database(driver)
        log("  netmap load (online) ...")
        out["rows"] = load_graph(driver, G).rows
    out["analyse"] = measure_analyse(driver, G, parity)
    return out


def measure_bulk(G, server, dataset=None) -> dict[str, Any]:
    """``netmap load --bulk`` into the server's database (stopped for the import, started again); with
    ``dataset``, its fingerprint is timed as ``netmap load --bulk`` computes it."""
    from netmap import collector
    from netmap.neo4j.bulk import create_schema, run_import, write_import_files
    from netmap.neo4j.connect import open_driver
    from netmap.runs import fingerprint

    folder = Path(tempfile.mkdtemp(prefix="netmap-bulk-"))
    admin, env = server.admin_command()
    log("  netmap load --bulk ...")
    server.stop()
    try:
        gc.collect()
        with collector.paused():  # as `netmap load` has it
            start = time.perf_counter()
            info = write_import_files(G, folder, fingerprint=fingerprint(dataset) if dataset is not None else None)
            written = time.perf_counter() - start
            tool = run_import(admin, folder, env=env)
            seconds = time.perf_counter() - start
    finally:
        server.start()
        shutil.rmtree(folder, ignore_errors=True)
    # the online load creates its constraints and indexes within its time: so does this (the server's
    # start between the two is not counted)
    with open_driver(server.uri, None, None) as driver:
        start = time.perf_counter()
        create_schema(driver)
        schema = time.perf_counter() - start
    seconds += schema
    out = {"rows": info["rows"], "seconds": round(seconds, 3), "files_s": round(written, 3),
           "tool_s": round(tool, 3), "schema_s": round(schema, 3), "rows_per_s": round(info["rows"] / seconds)}
    log(f"    {out['rows']:,} rows in {seconds:.1f} s (files {written:.1f} s, neo4j-admin {tool:.1f} s, "
        f"constraints and indexes {schema:.1f} s) = {out['rows_per_s']:,} rows/s")
    return out


def print_section(results: dict[str, Any], scale: float | None = None, file=None) -> None:
    """The section's lines: rows/s beside the reference and the ratio, and the bytes moved."""
    import builtins
    import functools

    print = functools.partial(builtins.print, file=file or sys.stdout)  # noqa: A001
    at = f", scale {scale:g}" if scale is not None else ""
    print(f"\nNeo4j{at} ({results.get('rows') or 0:,} rows)")
    online = results.get("online", {})
    if online:
        print(f"  netmap load (online)        {online.get('rows_per_s', 0):>9,} rows/s"
              f"  {online.get('seconds', 0):7.1f} s")
    csv_ = results.get("load_csv")
    if csv_:
        schema = "netmap's schema" if csv_.get("schema") == "netmap" else "the id constraint only"
        print(f"  LOAD CSV IN TRANSACTIONS    {csv_['rows_per_s']:>9,} rows/s  {csv_['seconds']:7.1f} s"
              f"   netmap / LOAD CSV = {results['online_vs_load_csv']:.2f} (target >= 1.0; LOAD CSV after {schema})")
    bulk = results.get("bulk")
    if bulk and bulk.get("rows_per_s"):
        print(f"  netmap load --bulk          {bulk['rows_per_s']:>9,} rows/s  {bulk['seconds']:7.1f} s"
              f"   bulk / online = {results['bulk_vs_online']:.2f} (target >= 2.0 at scale 2)")
    elif bulk:
        print(f"  netmap load --bulk          n/a ({bulk.get('missing')})")
    a = results.get("analyse")
    if a:
        print(f"  analyse --neo4j moved       {a['analyse_bytes']:>9,} bytes ({a['analyse_values']:,} values)"
              f" vs full read-back {a['read_back_bytes']:,} bytes = {100 * (a['share'] or 0):.2f} % (target < 5 %)")
        if "analyse_wire_bytes" in a:
            print(f"    read from the sockets: {a['analyse_wire_bytes']:,} vs {a['read_back_wire_bytes']:,} bytes ="
                  f" {100 * (a['wire_share'] or 0):.2f} %; as first estimated (numbers 8 bytes):"
                  f" {a['analyse_flat_bytes']:,} vs {a['read_back_flat_bytes']:,}")
        for name, size in list(a.get("by_query", {}).items())[:6]:
            print(f"    {name:34s} {size:>10,} bytes")
        for query, columns in a.get("parts", {}).items():
            print(f"    first pass, {query}: " + ", ".join(f"{c} {n:,}" for c, n in columns.items()))
        for mode, p in a.get("parity", {}).items():
            print(f"    findings {mode}: {p['findings']:,}, {'the same as' if p['same'] else 'NOT the same as'}"
                  f" the embedded engine's")
        if "cpu_seconds" in a:
            print(f"    analyse --neo4j took {a['seconds']:.1f} s wall, {a['cpu_seconds']:.1f} s client cpu")


def start_server(heap: str = "4g"):
    """A throwaway Neo4j 5.26 with GDS and an import folder; returns (server, import folder)."""
    from tests.neo4jserver import Neo4jServer

    data_dir = Path(tempfile.mkdtemp(prefix="netmap-bench-neo4j-"))
    import_dir = data_dir / "import"
    import_dir.mkdir()
    server = Neo4jServer(port=None, data_dir=data_dir, password=None, heap=heap,
                         extra_conf={"server.directories.import": str(import_dir)})
    log("starting Neo4j ...")
    server.start()
    return server, import_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-analyse", action="store_true")
    parser.add_argument("--no-bulk", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=2,
                        help="turns of online load and LOAD CSV, taken alternately; the best of each is kept")
    parser.add_argument("--writers", type=int, default=None,
                        help="transactions a first online load keeps under way (netmap.neo4j.load.CREATE_WRITERS)")
    parser.add_argument("--csv-schema", choices=("netmap", "id"), default="netmap",
                        help="LOAD CSV after netmap's constraints and indexes, or only the actors' id constraint")
    parser.add_argument("--analyse-only", action="store_true",
                        help="only the bytes and time of analyse --neo4j (no LOAD CSV, no --bulk)")
    parser.add_argument("--uri", default=None,
                        help="a running Neo4j with GDS (auth off) instead of starting one")
    parser.add_argument("--no-load", action="store_true",
                        help="with --uri: the same map is loaded already (same --scale and --seed)")
    parser.add_argument("--no-parity", action="store_true",
                        help="do not compare the findings with the embedded engine's (Dutch, English roles-only)")
    args = parser.parse_args(argv)
    import neo4j

    from netmap.graph import build_graph
    from netmap.synth import generate

    if args.writers:
        import netmap.neo4j.load

        netmap.neo4j.load.CREATE_WRITERS = args.writers
    log(f"generating scale {args.scale:g} ...")
    dataset = generate(args.scale, args.seed).dataset
    G = build_graph(dataset)
    if args.uri:
        with neo4j.GraphDatabase.driver(args.uri) as driver:
            results = run_analyse_only(G, driver, load=not args.no_load, parity=not args.no_parity)
    else:
        server, import_dir = start_server()
        try:
            with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
                if args.analyse_only:
                    results = run_analyse_only(G, driver, parity=not args.no_parity)
                else:
                    results = run_neo4j_section(G, driver, import_dir=import_dir,
                                                server=None if args.no_bulk else server,
                                                analyse=not args.no_analyse, repeat=args.repeat,
                                                parity=not args.no_parity,
                                                csv_schema=args.csv_schema == "netmap", dataset=dataset)
        finally:
            server.stop()
            shutil.rmtree(server.data_dir, ignore_errors=True)
    print_section(results, args.scale)
    if args.json:
        args.json.write_text(json.dumps({"scale": args.scale, **results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
