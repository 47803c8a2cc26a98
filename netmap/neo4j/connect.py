"""Opening a driver and turning the driver's exceptions into one-line Neo4jErrors.

Works with ``bolt://`` (one server), ``neo4j://`` and ``neo4j+s://`` (routing, e.g. Aura
or a cluster): nothing here assumes a single local server.
"""
from __future__ import annotations

import neo4j
from neo4j import exceptions as nex

from netmap.errors import Neo4jError
from netmap.i18n import t

_READ_ONLY = ("ForbiddenOnReadOnlyDatabase", "WriteOnReadOnlyAccessDatabase", "AccessMode")
_FULL = ("OutOfMemoryError", "MemoryPoolOutOfMemoryError", "TransactionOutOfMemoryError", "No space left")
_TIMEOUT = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration")


def open_driver(uri: str, user: str | None, password: str | None, *, database: str | None = None,
                lang: str = "nl", connection_timeout: float = 10.0, max_retry_time: float = 15.0) -> neo4j.Driver:
    """Open a driver, check that the server answers and ``database`` exists, and return it.

    ``user``/``password`` None means no authentication (a test server). The caller closes
    the driver. Raises :class:`~netmap.errors.Neo4jError` with a one-line message.
    """
    auth = (user or "neo4j", password) if password else None
    try:
        # notifications off: the server's hints (e.g. "property key does not exist" on a map without
        # requirements) are not the user's business and would be printed as driver warnings
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=connection_timeout,
                                            max_transaction_retry_time=max_retry_time,
                                            notifications_min_severity="OFF")
    except (ValueError, nex.ConfigurationError) as err:
        raise Neo4jError(t("input.neo4j_bad_uri", lang, uri=uri, reason=err)) from err
    try:
        driver.execute_query("RETURN 1", database_=database)
    except Exception as err:
        driver.close()
        raise translate_error(err, uri=uri, user=user or "neo4j", database=database, lang=lang) from err
    return driver


def translate_error(err: Exception, *, uri: str = "", user: str = "", database: str | None = None,
                    lang: str = "nl") -> Exception:
    """The Neo4jError a user should see for a driver exception; other exceptions pass through."""
    code = getattr(err, "code", None) or ""
    text = f"{code} {err}"
    db = database or "neo4j"
    if isinstance(err, nex.AuthError) or code.endswith("Security.Unauthorized"):
        return Neo4jError(t("input.neo4j_auth", lang, user=user))
    if isinstance(err, (nex.ServiceUnavailable, nex.SessionExpired, ConnectionError, OSError)):
        return Neo4jError(t("input.neo4j_unreachable", lang, uri=uri, reason=_short(err)))
    if "DatabaseNotFound" in code:
        return Neo4jError(t("input.neo4j_no_database", lang, database=db))
    if any(k in text for k in _READ_ONLY):
        return Neo4jError(t("input.neo4j_read_only", lang, database=db))
    if any(k in text for k in _TIMEOUT):
        return Neo4jError(t("input.neo4j_timeout", lang, reason=_short(err)))
    if any(k in text for k in _FULL):
        return Neo4jError(t("input.neo4j_full", lang, reason=_short(err)))
    if isinstance(err, nex.Neo4jError | nex.DriverError):
        return Neo4jError(t("input.neo4j_failed", lang, reason=_short(err)))
    return err


def _short(err: Exception) -> str:
    """The first line of the driver's message, without its code prefix."""
    message = getattr(err, "message", None) or str(err) or type(err).__name__
    return message.strip().splitlines()[0][:200]
