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
from collections.abc import Iterable, Sequence
from itertools import zip_longest
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.errors import Neo4jError
from netmap.i18n import t
from netmap.neo4j.load import (
    EDGE_QUERY,
    NODE_QUERY,
    REL_TYPE,
    Table,
    dataset_fingerprint,
    fresh_edge_tables,
    fresh_node_tables,
    requirement_rows,
)

LABEL = {"merge_organisations": "Organisation", "merge_networks": "Network", "merge_people": "Person"}
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _column_type(values: Iterable[Any]) -> str:
    """The import type of a column, from its first value (as the online load types the property)."""
    for value in values:
        if isinstance(value, list | tuple):
            inner = next((v for v in value), "")
            return _TYPES.get(type(inner), "string") + "[]"
        if value is not None:
            return _TYPES.get(type(value), "string")
    return "string"


def _text(value: Any) -> str | None:
    """One cell as text: None and an empty list are no property, a list is joined by the array delimiter."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ";".join(map(str, value)) if value else None
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _cells(values: Sequence[Any], kind: str) -> Any:
    """A column's cells as a pyarrow array: text, numbers and booleans converted at C speed when every
    value has the column's type, else each value as its text (:func:`_text`)."""
    import pyarrow as pa

    arrow = {"string": pa.string(), "long": pa.int64(), "double": pa.float64(), "boolean": pa.bool_()}.get(kind)
    if arrow is not None:
        try:
            return pa.array(values, type=arrow, from_pandas=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            pass
    return pa.array(list(map(_text, values)), type=pa.string())


def _write_table(path: Path, fixed: list[str], lead: list[Sequence[Any]], props: dict[str, Sequence[Any]],
                 types: dict[str, str] | None = None) -> None:
    """One file: the fixed columns (``lead``: load numbers, or text for a column named ``...:string``),
    then every property with its import type (``types``, else from its first value: :func:`_column_type`).
    Written by
    pyarrow's CSV writer with every value quoted and None as an empty field, so "" is an empty string and
    an empty field no property, as the online load stores them."""
    import pyarrow as pa
    from pyarrow import csv

    header = list(fixed)
    arrays = [_cells(values, "string" if name.endswith(":string") else "long") for name, values in zip(fixed, lead)]
    for key, values in props.items():
        kind = (types or {}).get(key) or _column_type(values)
        header.append(f"{key}:{kind}")
        arrays.append(_cells(values, kind))
    table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(header))])
    with open(path, "wb") as out:  # in a staged folder
        out.write((",".join('"' + h.replace('"', '""') + '"' for h in header) + "\n").encode("utf-8"))
        csv.write_csv(table, out, csv.WriteOptions(include_header=False, quoting_style="all_valid"))


def _columns(table: Table, load_id: str) -> tuple[list[Sequence[Any]], dict[str, Sequence[Any]]]:
    """A first load's table (:func:`netmap.neo4j.load.fresh_node_tables`, ``fresh_edge_tables``) as
    columns: the leading ones, then each property (the graph's own, those in the rows' maps, ``_load``)."""
    width = table.lead + len(table.columns) + table.extra
    # a row may be short (its last columns null) unless the table has maps (then padded: ``_close``)
    cols: list[Sequence[Any]] = list(zip_longest(*table.rows)) if table.rows else []
    cols += [(None,) * len(table.rows)] * (width - len(cols))
    names = {"ord": cols[table.lead - 1]} | dict(zip(table.columns, cols[table.lead:], strict=False))
    if table.extra:
        maps = cols[-1]
        for key in dict.fromkeys(k for m in maps for k in m):
            names[key] = [m.get(key) for m in maps]
    names["_load"] = [load_id] * len(table.rows)
    return cols[:table.lead - 1], names


def write_import_files(G: nx.MultiDiGraph, folder: Path, *, tool_folder: str | Path | None = None,
                       source: str = "", fingerprint: str | None = None) -> dict[str, Any]:
    """The import tool's files for ``G`` in ``folder`` and ``import.args`` naming them as the tool will
    find them (in ``tool_folder``: where the folder is mounted for the tool, default ``folder``); returns
    the load's id, the row count and the arguments. ``folder`` exists and is staged: the CLI writes into
    :func:`netmap.io.safe.atomic_folder`, so a cut-off write leaves no half set of files.

    The rows are a first online load's (:func:`netmap.neo4j.load.fresh_node_tables`, ``fresh_edge_tables``):
    the same properties, keys and load order."""
    where = str(tool_folder or folder).rstrip("/")
    load_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}-bulk"
    # the tool's own report goes beside the files, not into whatever folder the tool was started from
    # the tool finds a relationship's ends by the actors' load numbers (``ord``, their place in the graph):
    # numbers need no string index in the tool, which makes the import 20-30 % faster than by ids
    args: list[str] = ["--array-delimiter=;", "--multiline-fields=true", "--id-type=integer",
                       f"--report-file={where}/import.report"]
    rows = 0
    counts = []
    for query, table in zip(NODE_QUERY.values(), fresh_node_tables(G), strict=True):
        (ids,), props = _columns(table, load_id)
        name = f"{LABEL[query].lower()}.csv"
        _write_table(folder / name, ["id:string", "ord:ID(Actor)"], [ids, props.pop("ord")], props)
        args.append(f"--nodes=Actor:{LABEL[query]}={where}/{name}")
        rows += len(table.rows)
        counts.append(len(table.rows))
    number = {node: order for order, node in enumerate(G)}  # as fresh_node_tables numbers them
    for rel, table in zip(EDGE_QUERY, fresh_edge_tables(G), strict=True):
        (sources, targets, keys), props = _columns(table, load_id)
        name = f"{REL_TYPE[rel].lower()}.csv"
        _write_table(folder / name, [":START_ID(Actor)", ":END_ID(Actor)"],
                     [list(map(number.__getitem__, sources)), list(map(number.__getitem__, targets))],
                     {"key": keys, **props})
        args.append(f"--relationships={REL_TYPE[rel]}={where}/{name}")
        rows += len(table.rows)
    # as the online load's MATCH on the body: a requirement of a body not in the graph is not stored
    requirements = [r for r in requirement_rows(G) if r["body_id"] in number]
    if requirements:
        items = [{**r, "_load": load_id} for r in requirements]
        keys = list(dict.fromkeys(k for item in items for k in item if k != "key"))
        # a requirement's number is its ``ord``; the key stays a property, as the online load keeps it
        _write_table(folder / "requirement.csv", [":ID(Requirement)", "key:string"],
                     [[i["ord"] for i in items], [i["key"] for i in items]],
                     {k: [i.get(k) for i in items] for k in keys})
        _write_table(folder / "requires.csv", [":START_ID(Actor)", ":END_ID(Requirement)"],
                     [[number[i["body_id"]] for i in items], [i["ord"] for i in items]],
                     {"key": [i["key"] for i in items], "_load": [load_id] * len(items)})
        args += [f"--nodes=Requirement={where}/requirement.csv",
                 f"--relationships=REQUIRES={where}/requires.csv"]
        rows += len(items)
    finished = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    _write_table(folder / "meta.csv", [":ID(NetmapMeta)", "key:string"], [[0], ["netmap"]],
                 {"status": ["complete"], "current": [load_id], "source": [source or G.graph.get("source", "")],
                  "fingerprint": [fingerprint or dataset_fingerprint(G)], "counts": [counts],
                  "finished": [finished]}, types={"finished": "datetime"})
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
