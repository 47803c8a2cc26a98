"""`netmap serve`: the network map as a service in the browser (the service itself is :mod:`netmap.web`)."""
from __future__ import annotations

from pathlib import Path

import click

from netmap.cli.common import command, current_lang, lang_option, option, roles_option
from netmap.cli.neo4j import neo4j_options

DEFAULT_WORKSPACE = Path("netmap-werkruimte")


@command("serve")
@option("--host", default="127.0.0.1", show_default=True, help="serve_host")
@option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="serve_port")
@option("--workspace", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_WORKSPACE,
        show_default=True, help="serve_workspace")
@roles_option
@option("--neo4j", "use_neo4j", is_flag=True, help="serve_neo4j")
@neo4j_options
@lang_option()
def serve(host: str, port: int, workspace: Path, roles_only: bool, use_neo4j: bool, uri: str, user: str,
          password: str | None, database: str | None, lang: str | None) -> None:
    """Start netmap as a web service on this computer."""
    from netmap.web.server import run_server
    from netmap.web.service import Neo4jSettings

    lang = current_lang()
    neo4j = Neo4jSettings(uri, user, password, database) if use_neo4j else None
    run_server(host, port, workspace, roles_only=roles_only, neo4j=neo4j, lang=lang,
               announce=lambda line: click.echo(line, err=True))
