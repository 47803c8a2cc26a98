"""Neo4j: the connection options every database command shares, and `netmap load`."""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from netmap import collector
from netmap.cli.common import (
    cli_text,
    combine,
    command,
    current_lang,
    input_path,
    lang_option,
    option,
    path_argument,
    read_input,
    runs_dir_option,
    status,
)

if TYPE_CHECKING:
    import networkx as nx

    from netmap.analysis import Analysis, Settings
    from netmap.model import Dataset

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"


def read_dotenv(path: Path = Path(".env")) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (comments and blanks skipped); {} if there is none."""
    if not path.is_file():
        return {}
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            pairs[key.strip()] = value.strip().strip('"').strip("'")
    return pairs


def _from_dotenv(key: str, fallback: str | None = None) -> Callable[[], str | None]:
    """Default from a .env file in the working folder; real environment variables win (click envvar)."""
    return lambda: read_dotenv().get(key, fallback)


def neo4j_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--uri, --user, --password, --database: from options, NETMAP_NEO4J_* or a .env file."""
    return combine(
        option("--uri", envvar="NETMAP_NEO4J_URI", default=_from_dotenv("NETMAP_NEO4J_URI", DEFAULT_URI),
               show_default=DEFAULT_URI, help="uri"),
        option("--user", envvar="NETMAP_NEO4J_USER", default=_from_dotenv("NETMAP_NEO4J_USER", DEFAULT_USER),
               show_default=DEFAULT_USER, help="user"),
        option("--password", envvar="NETMAP_NEO4J_PASSWORD", default=_from_dotenv("NETMAP_NEO4J_PASSWORD"),
               help="password"),
        option("--database", envvar="NETMAP_NEO4J_DATABASE", default=_from_dotenv("NETMAP_NEO4J_DATABASE"),
               help="database"),
    )(func)


@command("load")
@path_argument
@neo4j_options
@option("--batch-size", default=None, type=click.IntRange(1, 100_000), help="batch_size")
@option("--bulk", "bulk", default=None, type=click.Path(file_okay=False, path_type=Path), help="bulk")
@option("--neo4j-admin", "neo4j_admin", default=None, help="neo4j_admin")
@option("--tool-folder", default=None, help="tool_folder")
@option("--save-run/--no-save-run", default=True, show_default=True, help="save_run")
@runs_dir_option
@lang_option()
def load(path: str | None, uri: str, user: str, password: str | None, database: str | None, batch_size: int | None,
         bulk: Path | None, neo4j_admin: str | None, tool_folder: str | None, save_run: bool, runs_dir: Path,
         lang: str | None) -> None:
    """Validate PATH, then load it into Neo4j, replacing the earlier load."""
    from netmap.graph import build_graph
    from netmap.neo4j import load_graph, open_driver

    lang = current_lang()
    if bulk is not None:
        from netmap.io.safe import refuse_input_overlap

        refuse_input_overlap([bulk], [input_path(path)], lang)
    # the collector paused for the command, as for netmap run: the dataset and graph live until its end, and
    # each collection only walked them again (2.5-4 cpu s of the import files and fingerprint at scale 2)
    with collector.paused():
        dataset = read_input(path, lang)
        G = build_graph(dataset)
        if bulk is not None:
            bulk_load(G, dataset, bulk, neo4j_admin, tool_folder, database or "neo4j", lang)
            return
        with open_driver(uri, user, password, database=database, lang=lang) as driver:
            with Progress(cli_text("load_progress", lang)) as progress:
                result = load_graph(driver, G, database=database, batch_size=batch_size, progress=progress,
                                    source=dataset.source, lang=lang, dataset=dataset)
    click.echo(cli_text("loaded", lang, source=dataset.source, nodes=result.nodes,
                        relationships=result.relationships, rows=result.rows, seconds=f"{result.seconds:.1f}",
                        rate=f"{result.rows_per_second:,.0f}"))
    if save_run:
        from netmap.runs import save_run as store

        saved = store(runs_dir, dataset, {"neo4j_load": result.load_id, "uri": uri, "database": database},
                      digest=result.fingerprint)
        click.echo(cli_text("saved", lang, path=saved), err=True)


def bulk_load(G: nx.MultiDiGraph, dataset: Dataset, folder: Path, admin: str | None, tool_folder: str | None,
              database: str, lang: str) -> None:
    """``netmap load --bulk``: the import files (one folder, written whole), then neo4j-admin when given."""
    import shlex
    import time

    from netmap.runs import fingerprint

    source = dataset.source

    from netmap.io.safe import atomic_folder
    from netmap.neo4j.bulk import import_command, run_import, write_import_files

    shown = tool_folder or str(folder.resolve())
    start = time.perf_counter()
    status("step.bulk_files", lang)
    with atomic_folder(folder, lang) as tmp:
        info = write_import_files(G, Path(tmp), tool_folder=shown, source=source, fingerprint=fingerprint(dataset))
    if not admin:
        command = shlex.join(import_command(["neo4j-admin"], shown, database))
        click.echo(cli_text("bulk_written", lang, source=source, rows=info["rows"], folder=folder, command=command))
        return
    status("step.bulk_tool", lang)
    run_import(shlex.split(admin), Path(shown), database, lang=lang)
    seconds = time.perf_counter() - start
    click.echo(cli_text("bulk_loaded", lang, source=source, rows=info["rows"], seconds=f"{seconds:.1f}",
                        rate=f"{info['rows'] / seconds:,.0f}"))


def read_neo4j_graph(uri: str, user: str, password: str | None, database: str | None, lang: str) -> nx.MultiDiGraph:
    """The graph loaded in Neo4j now."""
    from netmap.neo4j import open_driver, read_graph

    with open_driver(uri, user, password, database=database, lang=lang) as driver:
        return read_graph(driver, database=database, lang=lang)


def analyse_in_neo4j(uri: str, user: str, password: str | None, database: str | None, settings: Settings,
                     lang: str, roles_only: bool, timeout: float | None) -> tuple[nx.MultiDiGraph, Analysis]:
    """The analysis of the map loaded in Neo4j, and that map as a graph (for the report)."""
    from netmap.neo4j import open_driver
    from netmap.neo4j.analyse import analyse_neo4j_graph

    with open_driver(uri, user, password, database=database, lang=lang) as driver:
        # the domain graph, not the whole map (netmap.neo4j.domain): the report names its nodes from it
        G, result = analyse_neo4j_graph(driver, settings, database=database, lang=lang, roles_only=roles_only,
                                        timeout=timeout)
    notice = result.summary.get("engine", {}).get("notice")
    if notice:
        click.echo(notice, err=True)
    return G, result


class Progress:
    """A progress(done, total) callback drawing a bar on stderr when it is a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty():
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr).__enter__()
        self.bar.update(done - self.bar.pos)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
