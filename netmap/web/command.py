"""``netmap serve``: the click command that starts the service (registered by the CLI package).

Until accounts exist (the next issue), the service listens on loopback only: a
``--host`` that is not 127.0.0.0/8, ``::1`` or ``localhost`` is refused with a
clear message before anything starts.
"""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import click

from netmap.i18n import t
from netmap.web.workspace import DEFAULT_WORKSPACE


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


def check_host(host: str, lang: str) -> None:
    """Refuse a non-loopback host with the Dutch (or English) reason."""
    if not is_loopback(host):
        raise click.ClickException(t("web.serve_non_loopback", lang, host=host))


def check_port_free(host: str, port: int, lang: str) -> None:
    """A clear message instead of uvicorn's traceback when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1" if host == "localhost" else host, port))
        except OSError as err:
            raise click.ClickException(t("web.serve_port_busy", lang, port=port)) from err


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres om op te luisteren; alleen deze computer (loopback) / address, loopback only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Poort / port.")
@click.option("--workspace", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_WORKSPACE,
              show_default=True, help="Werkruimte met momentopnamen en database / workspace folder.")
@click.option("--roles-only", is_flag=True,
              help="Toon personen overal als rol; afgeschermde gegevens nooit / people as roles everywhere.")
@click.option("--neo4j", "use_neo4j", is_flag=True,
              help="Houd de kaart in Neo4j: een upload wordt een netmap load / keep the map in Neo4j.")
@click.option("--uri", envvar="NETMAP_NEO4J_URI", default="bolt://127.0.0.1:7687", show_default=True,
              help="Neo4j address (with --neo4j).")
@click.option("--user", envvar="NETMAP_NEO4J_USER", default="neo4j", show_default=True, help="Neo4j user.")
@click.option("--password", envvar="NETMAP_NEO4J_PASSWORD", default=None,
              help="Password (NETMAP_NEO4J_PASSWORD); none means a server without auth.")
@click.option("--database", envvar="NETMAP_NEO4J_DATABASE", default=None, help="Database name.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None, envvar="NETMAP_LANG",
              help="Taal van de meldingen in de terminal / language of the terminal messages.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workspace: Path, roles_only: bool, use_neo4j: bool, uri: str,
          user: str, password: str | None, database: str | None, lang: str | None) -> None:
    """Start netmap as a web service on this computer and open it in a browser.

    On first start it creates WORKSPACE (default ./netmap-werkruimte) and imports the
    shipped KBL example as the first snapshot. Pages are Dutch; add ?lang=en for English.
    With --neo4j the current map lives in Neo4j (connection settings as for netmap load).

    Example: netmap serve --port 8000
    """
    lang = lang or (ctx.obj or {}).get("lang", "nl")
    check_host(host, lang)
    check_port_free(host, port, lang)
    import uvicorn

    from netmap.errors import NetmapError
    from netmap.web.app import create_app
    from netmap.web.service import Neo4jSettings

    neo4j = Neo4jSettings(uri, user, password, database) if use_neo4j else None
    try:
        app = create_app(workspace, roles_only=roles_only, neo4j=neo4j)
    except NetmapError as err:
        raise click.ClickException(str(err)) from err
    shown = f"[{host}]" if ":" in host else host
    click.echo(t("web.serve_starting", lang, url=f"http://{shown}:{port}/", workspace=workspace), err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
