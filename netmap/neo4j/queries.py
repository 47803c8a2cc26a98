"""Named Cypher queries, read from ``netmap/cypher/`` (one query per ``verb_noun.cypher`` file)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_FOLDER = resources.files("netmap") / "cypher"


@cache
def cypher(name: str) -> str:
    """The text of query ``name`` (the file name without ``.cypher``), comments stripped.

    >>> "MERGE (n:Actor" in cypher("merge_organisations")
    True
    """
    text = (_FOLDER / f"{name}.cypher").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


def names() -> list[str]:
    """Every query name shipped."""
    return sorted(p.name[: -len(".cypher")] for p in _FOLDER.iterdir() if p.name.endswith(".cypher"))


@dataclass
class Traffic:
    """What the queries brought to the client while :func:`traffic` was active: values and bytes
    (strings by their UTF-8 length, numbers 8, booleans and nulls 1, map keys counted as strings)."""

    values: int = 0
    bytes: int = 0


_COUNTERS: list[Traffic] = []


@contextmanager
def traffic() -> Iterator[Traffic]:
    """Count the values and bytes of every record netmap's Neo4j queries return in this block."""
    counter = Traffic()
    _COUNTERS.append(counter)
    try:
        yield counter
    finally:
        _COUNTERS.remove(counter)


def count_records(records: Iterable[Any]) -> None:
    """Add the size of ``records`` (driver records or dicts) to every active :func:`traffic` counter."""
    if not _COUNTERS:
        return
    values = size = 0
    for record in records:
        v, b = _size(dict(record))
        values, size = values + v, size + b
    for counter in _COUNTERS:
        counter.values += values
        counter.bytes += size


def _size(value: Any) -> tuple[int, int]:
    if isinstance(value, str):
        return 1, len(value.encode("utf-8"))
    if value is None or isinstance(value, bool):
        return 1, 1
    if isinstance(value, int | float):
        return 1, 8
    if isinstance(value, dict):
        pairs = [_size(k) for k in value] + [_size(v) for v in value.values()]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    if isinstance(value, list | tuple | set):
        parts = [_size(v) for v in value]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)
    return 1, len(str(value).encode("utf-8"))


def run_cypher(driver, text: str, params: dict | None = None, *, database: str | None = None,
               timeout: float | None = None, lang: str = "nl") -> list[dict]:
    """Run a read query (with an optional time limit in seconds) and return its records as dicts.

    Driver errors become :class:`~netmap.errors.Neo4jError` (see connect.translate_error).
    """
    import neo4j

    from netmap.neo4j.connect import translate_error

    try:
        records, _, _ = driver.execute_query(neo4j.Query(text, timeout=timeout), parameters_=params or {},
                                             database_=database, routing_=neo4j.RoutingControl.READ)
    except Exception as err:
        raise translate_error(err, database=database, lang=lang) from err
    count_records(records)
    return [dict(r) for r in records]


def run_query(driver, name: str, params: dict | None = None, **options) -> list[dict]:
    """Run the named query from ``netmap/cypher/`` (see :func:`run_cypher` for the options)."""
    return run_cypher(driver, cypher(name), params, **options)
