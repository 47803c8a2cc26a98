"""Named Cypher queries, read from ``netmap/cypher/`` (one query per ``verb_noun.cypher`` file).

A file whose name starts with ``_`` is a fragment: a part several queries share (one rule, one place), put in
by ``INCLUDE _fragment word word ...`` at the end of a line, which fills the fragment's ``{placeholders}`` in
order with variable names (never with values: those stay parameters).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

_FOLDER = resources.files("netmap") / "cypher"


_INCLUDE = re.compile(r"INCLUDE (_\w+)((?: [A-Za-z_]\w*)*)\s*$")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@cache
def cypher(name: str) -> str:
    """The text of query ``name`` (the file name without ``.cypher``), comments stripped, fragments put in.

    >>> "MERGE (n:Actor" in cypher("merge_organisations")
    True
    >>> "INCLUDE" in cypher("count_level_pairs"), "levels_b" in cypher("count_level_pairs")
    (False, True)
    """
    text = (_FOLDER / f"{name}.cypher").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.lstrip().startswith("//"):
            continue
        found = _INCLUDE.search(line)
        lines.append(line[:found.start()] + _fragment(found.group(1), found.group(2).split()) if found else line)
    return "\n".join(lines).strip()


def _fragment(name: str, words: list[str]) -> str:
    """Fragment ``name`` with its placeholders, in the order they first appear, filled by ``words``."""
    text = cypher(name)
    slots = list(dict.fromkeys(_PLACEHOLDER.findall(text)))
    if len(slots) != len(words):
        raise ValueError(f"{name} takes {len(slots)} names ({', '.join(slots)}), not {len(words)}")
    filled = dict(zip(slots, words, strict=True))
    return _PLACEHOLDER.sub(lambda m: filled[m.group(1)], text)


def names() -> list[str]:
    """Every query name shipped (fragments, ``_*.cypher``, are not queries)."""
    return sorted(p.name[: -len(".cypher")] for p in _FOLDER.iterdir()
                  if p.name.endswith(".cypher") and not p.name.startswith("_"))


@dataclass
class Traffic:
    """What the queries brought to the client while :func:`traffic` was active: ``values`` (every scalar,
    list and map entry) and ``bytes``, the size Bolt sends them in (:func:`bolt_size`: PackStream, each
    record's message framing included), and ``flat_bytes``, the first estimate kept for comparison with earlier
    figures (strings by their UTF-8 length, every number 8, booleans and nulls 1, map keys as strings)."""

    values: int = 0
    bytes: int = 0
    flat_bytes: int = 0
    #: ``bytes`` per named query (:func:`run_query`)
    by_query: dict[str, int] = field(default_factory=dict)


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
    values = flat = size = 0
    for record in records:
        fields = dict(record)
        v, b = _size(fields)
        values, flat, size = values + v, flat + b, size + _record_size(list(fields.values()))
    for counter in _COUNTERS:
        counter.values += values
        counter.bytes += size
        counter.flat_bytes += flat


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


def _header(n: int) -> int:
    # a string's, list's or map's marker with its size: tiny (< 16) in the marker, else 1, 2 or 4 more bytes
    return 1 if n < 16 else 2 if n < 0x100 else 3 if n < 0x10000 else 5


def bolt_size(value: Any) -> int:
    """The bytes PackStream (Bolt's encoding) takes for ``value``: integers in 1, 2, 3, 5 or 9 bytes by size
    (-16 .. 127 in one), floats 9, strings, lists and maps a marker of 1 to 5 bytes before their content.

    >>> [bolt_size(v) for v in (7, 200, 40_000, 2 ** 40, "abc", [1, 2], {"a": None}, True)]
    [1, 3, 5, 9, 4, 3, 4, 1]
    """
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return (1 if -16 <= value <= 127 else 2 if -128 <= value <= 127 else 3 if -0x8000 <= value < 0x8000
                else 5 if -0x80000000 <= value < 0x80000000 else 9)
    if isinstance(value, float):
        return 9
    if isinstance(value, str):
        n = len(value.encode("utf-8"))
        return _header(n) + n
    if isinstance(value, dict):
        return _header(len(value)) + sum(bolt_size(str(k)) + bolt_size(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return _header(len(value)) + sum(bolt_size(v) for v in value)
    return bolt_size(str(value))


def _record_size(fields: list[Any]) -> int:
    """A RECORD message on the wire: its structure marker and signature, the field list, a 2-byte header per
    chunk of at most 65,535 bytes and the 2-byte end marker."""
    body = 2 + bolt_size(fields)
    return body + 2 * -(-body // 0xFFFF) + 2


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
    before = [counter.bytes for counter in _COUNTERS]
    rows = run_cypher(driver, cypher(name), params, **options)
    for counter, start in zip(_COUNTERS, before):
        counter.by_query[name] = counter.by_query.get(name, 0) + counter.bytes - start
    return rows
