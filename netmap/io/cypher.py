"""A Cypher script that builds the database ``netmap load`` builds (``cypher-shell -f netmap.cypher``).

The script *is* the load, written out: the same queries from ``netmap/cypher/`` that
:func:`netmap.neo4j.load.load_graph` runs (constraints and indexes, the bookkeeping node
``NetmapMeta`` marked loading, ``MERGE`` of every actor, relationship and requirement with
the same labels, keys and properties, e.g. ``levels``, the removal of what an earlier load
left, and the bookkeeping marked complete with the data's fingerprint), on the same rows
(:func:`netmap.neo4j.load.graph_rows`). So every ``--neo4j`` command works on a database
the script built, and running it twice leaves the same database (``MERGE``, never
``CREATE``). The load id is ``script-`` plus the data's fingerprint, the same on every run.

A script cannot pass ``$parameters``, so each parameter of a query is replaced by a
literal, and :func:`cypher_string` escapes it: backslash, both quotes, and every control
character become Cypher escape sequences (so no literal spans a line); other Unicode
(``cliënten``, emoji) is kept as UTF-8. Map keys are back-quoted when they are not plain
identifiers. Nothing from the data is ever written outside a literal.

>>> print(cypher_string("O'Brien"))
'O\\'Brien'
>>> print(cypher_string("a\\\\b"))
'a\\\\b'
>>> cypher_value(["I", "II"]), cypher_value(2.0), cypher_value(True), cypher_value({"a b": 1})
("['I', 'II']", '2.0', 'true', '{`a b`: 1}')
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from netmap.model import Dataset

BATCH = 500
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}


def cypher_string(value: str) -> str:
    """``value`` as a single-quoted Cypher string literal, safely escaped."""
    out = []
    for char in str(value):
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A property key: plain identifiers as is, anything else back-quoted (backticks doubled)."""
    return name if _PLAIN_NAME.match(name) else "`" + str(name).replace("`", "``") + "`"


def cypher_value(value: Any) -> str:
    """A Python value as a Cypher literal: string, integer, float, boolean, null, list or map of those."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return cypher_string(str(value))
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return cypher_map(value)
    return cypher_string(value)


def cypher_map(props: dict[str, Any]) -> str:
    """A map literal ``{key: value, ...}``."""
    return "{" + ", ".join(f"{cypher_name(k)}: {cypher_value(v)}" for k, v in props.items()) + "}"


def with_literals(query: str, params: dict[str, Any]) -> str:
    """``query`` with every ``$parameter`` replaced by its value as a literal; ``rows`` one row a line.

    >>> with_literals("UNWIND $rows AS row SET row.load = $load", {"rows": [{"id": "a"}], "load": "x"})
    "UNWIND [\\n  {id: 'a'}\\n] AS row SET row.load = 'x'"
    """
    def literal(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in params:
            raise KeyError(f"no value for ${name}")
        value = params[name]
        if name == "rows":
            return "[\n  " + ",\n  ".join(cypher_value(row) for row in value) + "\n]"
        return cypher_value(value)

    return _PARAMETER.sub(literal, query)


def _batches(rows: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def script_statements(dataset: Dataset) -> list[str]:
    """The statements of the script, in the order ``netmap load`` runs them (see module docstring)."""
    from netmap.graph import build_graph
    from netmap.neo4j.load import NODE_QUERY, SCHEMA, dataset_fingerprint, graph_rows
    from netmap.neo4j.queries import cypher

    G = build_graph(dataset)
    rows = graph_rows(G)
    fingerprint = dataset_fingerprint(G)
    load = f"script-{fingerprint[:16]}"
    statements = [cypher(name) for name in SCHEMA]
    statements.append(with_literals(cypher("set_load_started"), {"load": load, "source": dataset.source}))
    for query, query_rows in rows.items():
        statements += [with_literals(cypher(query), {"rows": batch, "load": load}) for batch in _batches(query_rows)]
    statements += [with_literals(cypher(name), {"load": load, "batch": 10000})
                   for name in ("delete_stale_relationships", "delete_stale_nodes")]
    counts = [len(rows[q]) for q in NODE_QUERY.values()]
    statements.append(with_literals(cypher("set_load_complete"),
                                    {"load": load, "fingerprint": fingerprint, "counts": counts}))
    return statements


def to_cypher_script(dataset: Dataset) -> str:
    """The whole script: a header, then one statement after another, each ending in ``;`` on its own line end."""
    header = ("// netmap: builds the network map in Neo4j as `netmap load` does (run it twice: the same database).\n"
              "//   cypher-shell -f netmap.cypher\n"
              f"// {len(dataset.nodes)} actors, {len(dataset.ties)} ties, "
              f"{len(dataset.memberships)} memberships, {len(dataset.representation)} seats.\n")
    return header + "\n\n".join(f"{statement};" for statement in script_statements(dataset)) + "\n"


def write_cypher(dataset: Dataset, path: str | Path) -> Path:
    """Write :func:`to_cypher_script` to ``path`` (UTF-8); return the path."""
    from netmap.io.safe import write_text

    return write_text(Path(path), to_cypher_script(dataset))
