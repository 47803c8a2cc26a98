"""Named Cypher queries, read from ``netmap/cypher/`` (one query per ``verb_noun.cypher`` file)."""
from __future__ import annotations

from functools import cache
from importlib import resources

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
    return [dict(r) for r in records]


def run_query(driver, name: str, params: dict | None = None, **options) -> list[dict]:
    """Run the named query from ``netmap/cypher/`` (see :func:`run_cypher` for the options)."""
    return run_cypher(driver, cypher(name), params, **options)
