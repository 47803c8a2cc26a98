"""A first load into an empty database through ``neo4j-admin database import full`` (offline, fast).

:func:`write_import_files` writes the same graph :func:`netmap.neo4j.load.load_graph` writes (labels,
properties, the relationships' keys and load order, the requirements and the bookkeeping node marked
complete) as the import tool's CSV files; :func:`import_command` is the tool's command line for them;
:func:`run_import` runs it. The database must be stopped (or not yet created) while the tool runs; its
constraints and indexes are created by the next ``netmap load`` or by :func:`create_schema` once the
server is up again. The tool replaces the database (``--overwrite-destination``): only for a first load.

With docker compose (the tool is in the image; the folder is mounted at /import)::

    netmap load mijn-netwerk.xlsx --bulk import/            # writes import/*.csv and import/import.args
    docker compose stop neo4j
    docker compose run --rm -v "$PWD/import:/import" neo4j \\
        neo4j-admin database import full neo4j --overwrite-destination @/import/import.args
    docker compose start neo4j

With the test harness (tests/neo4jserver.py), ``Neo4jServer.admin_command()`` gives the tool on the
harness classpath, and ``netmap load --bulk DIR --neo4j-admin "<that command>"`` runs it.
"""
from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.errors import Neo4jError
from netmap.i18n import t
from netmap.neo4j.load import EDGE_QUERY, NODE_QUERY, REL_TYPE, dataset_fingerprint, edge_rows, node_rows

LABEL = {"merge_organisations": "Organisation", "merge_networks": "Network", "merge_people": "Person"}
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _column_type(values: list[Any]) -> str:
    for value in values:
        if isinstance(value, list):
            inner = next((v for v in value), "")
            return _TYPES.get(type(inner), "string") + "[]"
        if value is not None:
            return _TYPES.get(type(value), "string")
    return "string"


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(map(str, value)) if value else None
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _field(value: Any) -> str:
    """One CSV field: strings quoted (so "" is an empty string), numbers bare, None an empty field (no
    property), as the online load writes them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return repr(value) if isinstance(value, float) else str(value)


def _write(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:  # in a staged folder
        fh.write(",".join(_field(h) for h in header) + "\n")
        fh.writelines(",".join(map(_field, row)) + "\n" for row in rows)


def _table(items: list[dict[str, Any]], fixed: list[tuple[str, str]]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of one file: the fixed columns, then every property with its import type."""
    keys: dict[str, list[Any]] = {}
    for item in items:
        for key, value in item["props"].items():
            keys.setdefault(key, []).append(value)
    columns = list(keys)
    header = [h for h, _ in fixed] + [f"{k}:{_column_type(keys[k])}" for k in columns]
    rows = [[item[f] for _, f in fixed] + [_cell(item["props"].get(k)) for k in columns] for item in items]
    return header, rows


def write_import_files(G: nx.MultiDiGraph, folder: Path, *, tool_folder: str | Path | None = None,
                       source: str = "", fingerprint: str | None = None) -> dict[str, Any]:
    """The import tool's files for ``G`` in ``folder`` and ``import.args`` naming them as the tool will
    find them (in ``tool_folder``: where the folder is mounted for the tool, default ``folder``); returns
    the load's id, the row count and the arguments. ``folder`` exists and is staged: the CLI writes into
    :func:`netmap.io.safe.atomic_folder`, so a cut-off write leaves no half set of files."""
    where = str(tool_folder or folder).rstrip("/")
    load_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}-bulk"
    # the tool's own report goes beside the files, not into whatever folder the tool was started from
    args: list[str] = ["--array-delimiter=;", "--multiline-fields=true", "--id-type=string",
                       f"--report-file={where}/import.report"]
    rows = 0
    nodes = node_rows(G)
    for query, items in nodes.items():
        for item in items:
            item["props"]["_load"] = load_id
        header, table = _table(items, [("id:ID(Actor)", "id")])
        name = f"{LABEL[query].lower()}.csv"
        _write(folder / name, header, table)
        args.append(f"--nodes=Actor:{LABEL[query]}={where}/{name}")
        rows += len(items)
    edges = edge_rows(G)
    for query, items in edges.items():
        if query == "merge_requirements":
            continue
        rel = REL_TYPE[next(r for r, q in EDGE_QUERY.items() if q == query)]
        for item in items:
            item["props"] = {"key": item["key"], **item["props"], "_load": load_id}
        header, table = _table(items, [(":START_ID(Actor)", "source"), (":END_ID(Actor)", "target")])
        name = f"{rel.lower()}.csv"
        _write(folder / name, header, table)
        args.append(f"--relationships={rel}={where}/{name}")
        rows += len(items)
    requirements = edges["merge_requirements"]
    if requirements:
        items = [{"key": r["key"], "body": r["body_id"], "props": {**r, "_load": load_id}} for r in requirements]
        header, table = _table(items, [("key:ID(Requirement)", "key")])
        header, table = header[:1] + header[2:], [row[:1] + row[2:] for row in table]  # the key once
        _write(folder / "requirement.csv", header, table)
        _write(folder / "requires.csv", [":START_ID(Actor)", ":END_ID(Requirement)", "key", "_load"],
               [[i["body"], i["key"], i["key"], load_id] for i in items])
        args += [f"--nodes=Requirement={where}/requirement.csv",
                 f"--relationships=REQUIRES={where}/requires.csv"]
        rows += len(items)
    counts = [len(nodes[q]) for q in NODE_QUERY.values()]
    _write(folder / "meta.csv", ["key:ID(NetmapMeta)", "status", "current", "source", "fingerprint",
                                 "counts:long[]", "finished:datetime"],
           [["netmap", "complete", load_id, source or G.graph.get("source", ""),
             fingerprint or dataset_fingerprint(G), ";".join(map(str, counts)),
             time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())]])
    args.append(f"--nodes=NetmapMeta={where}/meta.csv")
    (folder / "import.args").write_text("\n".join(args) + "\n", encoding="utf-8")  # in a staged folder
    return {"load_id": load_id, "rows": rows, "args": args}


def import_command(admin: list[str], folder: str | Path, database: str = "neo4j") -> list[str]:
    """The command line that imports ``folder`` (from :func:`write_import_files`, as the tool sees it)
    into ``database``."""
    # the database first: the file options take every word after them
    args_file = f"@{str(folder).rstrip('/')}/import.args"
    return [*admin, "database", "import", "full", database, "--overwrite-destination", args_file]


def run_import(admin: list[str], folder: Path, database: str = "neo4j", *, env: dict[str, str] | None = None,
               lang: str = "nl", timeout: float = 3600) -> float:
    """Run the import tool; returns its seconds. Raises Neo4jError with the tool's last lines on failure."""
    start = time.perf_counter()
    try:
        done = subprocess.run(import_command(admin, folder, database), capture_output=True, text=True,
                              env=env, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as err:
        raise Neo4jError(t("input.neo4j_bulk_failed", lang, reason=str(err)[:300])) from err
    if done.returncode != 0:
        tail = " | ".join((done.stdout + done.stderr).strip().splitlines()[-3:])
        raise Neo4jError(t("input.neo4j_bulk_failed", lang, reason=tail[:500]))
    return time.perf_counter() - start


def create_schema(driver, *, database: str | None = None) -> None:
    """The constraints and indexes the online load creates, after an import (idempotent)."""
    from netmap.neo4j.load import SCHEMA
    from netmap.neo4j.queries import cypher

    for query in SCHEMA:
        driver.execute_query(cypher(query), database_=database)
