"""A Cypher script that rebuilds the graph in an empty Neo4j database (``cypher-shell -f``).

A script cannot use ``$parameters``, so every value is written as a literal and
:func:`cypher_string` escapes it: backslash, both quotes, and every control
character become Cypher escape sequences; other Unicode (``cliënten``, emoji)
is kept as UTF-8. Property names are back-quoted when they are not plain
identifiers. Nothing from the data is ever written outside a literal.

Nodes get the label ``Actor`` plus ``Organisation``, ``Network`` or ``Person``;
relationships are typed as ``netmap load`` types them (:data:`netmap.model.NEO4J_REL_TYPES`:
``MEMBER_OF``, ``REPRESENTS``, ``HOME_ORGANISATION``, ``PART_OF``, ``HOSTED_BY``, ``TIE``); a
composition requirement is a ``Requirement`` node that its body ``REQUIRES``, so queries written
for a loaded database work on a database rebuilt from the script.

>>> print(cypher_string("O'Brien"))
'O\\'Brien'
>>> print(cypher_string("a\\\\b"))
'a\\\\b'
>>> cypher_value(["I", "II"]), cypher_value(2.0), cypher_value(True)
("['I', 'II']", '2.0', 'true')
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from netmap.io.flat import edge_records, name_attr, node_record, requirement_rows
from netmap.model import NEO4J_REL_TYPES, NEO4J_REQUIRES, Dataset

LABELS = {"organisation": "Organisation", "network": "Network", "person": "Person"}
BATCH = 500
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
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
    """A Python value as a Cypher literal: string, integer, float, boolean or list of those."""
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
    return cypher_string(value)


def cypher_map(props: dict[str, Any]) -> str:
    """A map literal ``{key: value, ...}``."""
    return "{" + ", ".join(f"{cypher_name(k)}: {cypher_value(v)}" for k, v in props.items()) + "}"


def _batches(rows: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def node_statements(dataset: Dataset) -> list[str]:
    """``UNWIND [...] AS row CREATE (n:Actor:Kind) SET n = row`` per kind and batch."""
    statements = []
    for kind, label in LABELS.items():
        rows = []
        for node in dataset.nodes.values():
            if node.kind == kind:
                props = {"id": node.id, **node_record(node, join_lists=False)}
                props["name"] = props.pop(name_attr())
                props.pop("kind")
                rows.append(cypher_map(props))
        for batch in _batches(rows):
            body = ",\n  ".join(batch)
            statements.append(f"UNWIND [\n  {body}\n] AS row\nCREATE (n:Actor:{label}) SET n = row;")
    return statements


def edge_statements(dataset: Dataset) -> list[str]:
    """``UNWIND [...] AS row MATCH ... CREATE (a)-[r:REL]->(b) SET r = row.props`` per relation and batch."""
    by_rel: dict[str, list[str]] = {}
    for u, v, attrs in edge_records(dataset, join_lists=False):
        props = {k: val for k, val in attrs.items() if k not in ("rel", "label")}
        by_rel.setdefault(attrs["rel"], []).append(
            "{source: " + cypher_value(u) + ", target: " + cypher_value(v) + ", props: " + cypher_map(props) + "}")
    statements = []
    for rel, rows in by_rel.items():
        for batch in _batches(rows):
            statements.append("UNWIND [\n  " + ",\n  ".join(batch) + "\n] AS row\n"
                              "MATCH (a:Actor {id: row.source}), (b:Actor {id: row.target})\n"
                              f"CREATE (a)-[r:{NEO4J_REL_TYPES[rel]}]->(b) SET r = row.props;")
    return statements


def requirement_statements(dataset: Dataset) -> list[str]:
    """One statement per batch of composition requirements."""
    rows = [cypher_map({k: v for k, v in r.items() if v not in ("", None)}) for r in requirement_rows(dataset)]
    return ["UNWIND [\n  " + ",\n  ".join(batch) + "\n] AS row\n"
            "MATCH (b:Actor {id: row.body_id})\n"
            f"CREATE (q:Requirement) SET q = row CREATE (b)-[:{NEO4J_REQUIRES}]->(q);" for batch in _batches(rows)]


def to_cypher_script(dataset: Dataset) -> str:
    """The whole script: a header, a uniqueness constraint, nodes, relationships, requirements."""
    header = ("// netmap: rebuilds the network map in Neo4j. Run it on an empty database:\n"
              "//   cypher-shell -f netmap.cypher\n"
              f"// {len(dataset.nodes)} actors, {len(dataset.ties)} ties, "
              f"{len(dataset.memberships)} memberships, {len(dataset.representation)} seats.\n")
    statements = ["CREATE CONSTRAINT netmap_actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;"]
    statements += node_statements(dataset) + edge_statements(dataset) + requirement_statements(dataset)
    return header + "\n\n".join(statements) + "\n"


def write_cypher(dataset: Dataset, path: str | Path) -> Path:
    """Write :func:`to_cypher_script` to ``path`` (UTF-8); return the path."""
    from netmap.io.safe import write_text

    return write_text(Path(path), to_cypher_script(dataset))
