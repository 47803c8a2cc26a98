"""Starting the service: the loopback check, the port check, and uvicorn (no click; ``netmap serve`` is
:mod:`netmap.cli.serve`).

Until the workspace has accounts (``netmap users add``), the service listens on loopback
only: a host that is not 127.0.0.0/8, ``::1`` or ``localhost`` is refused with a clear
message before anything starts. With accounts every page needs a login, so it may listen
beyond loopback (behind a TLS reverse proxy; see the README).
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from netmap.errors import NetmapError
from netmap.i18n import t
from netmap.web.service import Neo4jSettings


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1).

    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "192.168.1.5", "example.org")]
    [True, True, True, False, False, False]
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, lang: str = "nl", accounts: bool = False) -> None:
    """Refuse a non-loopback host with the Dutch (or English) reason, unless the workspace has accounts."""
    if not is_loopback(host) and not accounts:
        raise NetmapError(t("web.serve_non_loopback", lang, host=host))


def has_accounts(workspace: Path) -> bool:
    """Whether the workspace at this path has any account (without creating anything)."""
    from netmap.web.team import TeamStore

    db = Path(workspace) / "netmap.sqlite"
    if not db.is_file():
        return False
    try:
        return TeamStore(db).open().has_accounts()
    except Exception:  # noqa: BLE001 - an unreadable database: treat as no accounts (refuse)
        return False


def check_port_free(host: str, port: int, lang: str = "nl") -> None:
    """A clear message instead of uvicorn's traceback when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    address = "::1" if family == socket.AF_INET6 else "127.0.0.1" if host == "localhost" else host
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((address, port))
        except OSError as err:
            raise NetmapError(t("web.serve_port_busy", lang, port=port)) from err


def run_server(host: str, port: int, workspace: Path, *, roles_only: bool = False,
               neo4j: Neo4jSettings | None = None, lang: str = "nl",
               announce: Callable[[str], None] = lambda _: None) -> None:
    """Check host and port, open the workspace (and Neo4j), and serve until stopped (Ctrl+C).

    Raises :class:`~netmap.errors.NetmapError` (a refused host, a taken port, Neo4j
    unreachable) before anything listens.
    """
    check_host(host, lang, accounts=has_accounts(workspace))
    check_port_free(host, port, lang)
    import uvicorn

    from netmap.web.app import create_app

    app = create_app(workspace, roles_only=roles_only, neo4j=neo4j)
    shown = f"[{host}]" if ":" in host else host
    announce(t("web.serve_starting", lang, url=f"http://{shown}:{port}/", workspace=workspace))
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
