"""Monitoring over time: `netmap diff` and `netmap runs` (save, list, compare)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from netmap.cli.common import (
    NetmapGroup,
    as_of_option,
    cli_text,
    command,
    current_lang,
    echo_paths,
    format_counts,
    lang_option,
    option,
    out_dir_option,
    path_argument,
    read_input,
    read_settings,
    roles_option,
    runs_dir_option,
    settings_option,
    status,
)
from netmap.cli.neo4j import neo4j_options, read_neo4j_graph
from netmap.report import FORMATS as REPORT_FORMATS

if TYPE_CHECKING:
    from netmap.model import Dataset

DIFF_FORMATS = (*REPORT_FORMATS, "json")
#: The word that stands for the map loaded in Neo4j now, in place of a snapshot path.
NEO4J_SNAPSHOT = "neo4j"


def read_snapshot(path: str, lang: str, neo4j: dict | None = None) -> Dataset:
    """A dataset from a data path, a stored run file (.json written by `netmap runs save`),
    or ``neo4j``: the map loaded in Neo4j now (connection settings in ``neo4j``)."""
    from netmap.runs import dataset_of_run, load_run

    if path == NEO4J_SNAPSHOT and neo4j is not None:
        from netmap.graph import dataset_from_graph

        return dataset_from_graph(read_neo4j_graph(lang=lang, **neo4j))
    if path.lower().endswith(".json"):
        return dataset_of_run(load_run(path), lang)
    return read_input(path, lang)


def snapshot_date(path: str) -> str | None:
    """A snapshot's own date: a stored run's analysis date (else the day it was saved); None (today) for data."""
    from netmap.runs import load_run

    if not path.lower().endswith(".json"):
        return None
    record = load_run(path)
    return (record.get("settings") or {}).get("as_of") or str(record.get("created", ""))[:10] or None


def write_diff(old: Dataset, new: Dataset, out_dir: Path, formats: tuple[str, ...], with_map: bool, lang: str,
               roles_only: bool, dates: tuple[str | None, str | None] = (None, None)) -> list[Path]:
    """Write the diff of two snapshots (each analysed as of its date), print its first blocks, return the files."""
    from netmap.diff import compare_versions
    from netmap.io.safe import write_json
    from netmap.report.diff import diff_blocks, diff_json, render_markdown, write_diff_map, write_diff_report

    # a node private in one version is shown in neither by name; everything below draws on the versions compared
    result, old, new = compare_versions(old, new, lang=lang, roles_only=roles_only, dates=dates)
    written = [write_diff_report(result, old, new, out_dir / f"verschillen.{fmt}", fmt, lang, roles_only)
               for fmt in formats if fmt in REPORT_FORMATS]
    if "json" in formats:
        path = out_dir / "verschillen.json"
        data = diff_json(result, old, new, roles_only)
        write_json(path, data, lang, indent=1)
        written.append(path)
    if with_map:
        written.append(write_diff_map(old, new, out_dir / "kaart-verschillen.html", lang, roles_only, diff=result))
    blocks = diff_blocks(result, old, new, lang, roles_only)
    click.echo(render_markdown(blocks if result.unchanged else blocks[:4]).strip())
    return written


@command("diff")
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@out_dir_option
@option("-f", "--format", "formats", type=click.Choice(DIFF_FORMATS), multiple=True, default=DIFF_FORMATS,
        show_default=True, help="diff_formats")
@option("--map/--no-map", "with_map", default=True, show_default=True, help="with_map")
@roles_option
@neo4j_options
@lang_option()
def diff(old: str, new: str, out_dir: Path, formats: tuple[str, ...], with_map: bool, roles_only: bool, uri: str,
         user: str, password: str | None, database: str | None, lang: str | None) -> None:
    """What changed between two snapshots OLD and NEW of the map."""
    lang = current_lang()
    from netmap.io.safe import refuse_input_overlap

    refuse_input_overlap([out_dir], [old, new], lang)
    conn = {"uri": uri, "user": user, "password": password, "database": database}
    written = write_diff(read_snapshot(old, lang, conn), read_snapshot(new, lang, conn), out_dir, formats,
                         with_map, lang, roles_only, (snapshot_date(old), snapshot_date(new)))
    status("written", lang)
    echo_paths(written)


@click.group("runs", cls=NetmapGroup)
def runs() -> None:
    """Store analysis runs and compare them later."""


@runs.command("save", help_key="runs_save")
@path_argument
@runs_dir_option
@settings_option
@as_of_option
@lang_option()
def runs_save(path: str | None, runs_dir: Path, settings_file: Path | None, as_of: str | None,
              lang: str | None) -> None:
    """Analyse PATH and store the run in RUNS_DIR."""
    from netmap.analysis import analyse
    from netmap.graph import build_graph
    from netmap.runs import save_run

    lang = current_lang()
    dataset = read_input(path, lang)
    settings = read_settings(settings_file, as_of)
    result = analyse(build_graph(dataset), settings=settings, lang=lang)
    saved = save_run(runs_dir, dataset, settings.to_dict(), result.to_dict())
    click.echo(cli_text("saved", lang, path=saved))


@runs.command("list", help_key="runs_list")
@runs_dir_option
@lang_option()
def runs_list(runs_dir: Path, lang: str | None) -> None:
    """List the stored runs, oldest first, numbered."""
    from netmap.dates import date_text
    from netmap.runs import list_runs

    lang = current_lang()
    stored = list_runs(runs_dir)
    if not stored:
        click.echo(cli_text("no_runs", lang, folder=runs_dir))
    for number, info in enumerate(stored, start=1):
        created = date_text(info.created, lang, time=True)  # the one date formatter
        click.echo(f"{number}. {created}  {info.fingerprint[:12]}  {info.source}  ({format_counts(info.counts, lang)})"
                   f"  {info.path}")


def run_path(ref: str, runs_dir: Path, lang: str) -> str:
    """The file of a stored run: a number from `netmap runs list`, or a path."""
    from netmap.runs import list_runs

    if ref.isdigit():
        stored = list_runs(runs_dir)
        if 1 <= int(ref) <= len(stored):
            return str(stored[int(ref) - 1].path)
    elif Path(ref).is_file():
        return ref
    raise click.ClickException(cli_text("bad_run", lang, ref=ref, folder=runs_dir))


@runs.command("compare", help_key="runs_compare")
@click.argument("old")
@click.argument("new")
@runs_dir_option
@out_dir_option
@roles_option
@lang_option()
def runs_compare(old: str, new: str, runs_dir: Path, out_dir: Path, roles_only: bool, lang: str | None) -> None:
    """Compare two stored runs, like `netmap diff`."""
    lang = current_lang()
    old, new = run_path(old, runs_dir, lang), run_path(new, runs_dir, lang)
    written = write_diff(read_snapshot(old, lang), read_snapshot(new, lang), out_dir, DIFF_FORMATS, True, lang,
                         roles_only, (snapshot_date(old), snapshot_date(new)))
    status("written", lang)
    echo_paths(written)
