"""The tools people already use: `netmap export`, `netmap import`, `netmap template`."""
from __future__ import annotations

from pathlib import Path

import click

from netmap.cli.common import (
    DEFAULT_OUT,
    command,
    current_lang,
    echo_paths,
    force_option,
    input_path,
    lang_option,
    option,
    out_dir_option,
    path_argument,
    read_input,
    refuse_existing,
    roles_option,
)
from netmap.io.exports import EXPORT_FORMATS
from netmap.io.imports import IMPORT_FORMATS
from netmap.io.safe import refuse_input_overlap

ALL_FORMATS = "all"


@command("export")
@path_argument
@option("-f", "--format", "formats", multiple=True, type=click.Choice((*EXPORT_FORMATS, ALL_FORMATS)),
        default=(ALL_FORMATS,), show_default=True, help="export_formats")
@out_dir_option
@roles_option
@option("--csv-comma", "plain_csv", is_flag=True, default=False, help="csv_comma")
@lang_option()
def export(path: str | None, formats: tuple[str, ...], out_dir: Path, roles_only: bool, plain_csv: bool,
           lang: str | None) -> None:
    """Export PATH for Gephi, Kumu, Neo4j, networkx or a spreadsheet."""
    from netmap.io.exports import write_exports

    lang = current_lang()
    refuse_input_overlap([out_dir], [input_path(path)], lang)
    chosen = EXPORT_FORMATS if ALL_FORMATS in formats else tuple(dict.fromkeys(formats))
    echo_paths(write_exports(read_input(path, lang), out_dir, chosen, roles_only, plain_csv, lang))


@command("import")
@click.argument("source", type=click.Path(path_type=str))
@option("-o", "--output", type=click.Path(path_type=Path), default=None, help="import_output")
@option("--from", "fmt", type=click.Choice(IMPORT_FORMATS), default=None, help="import_from")
@force_option
@lang_option()
def import_(source: str, output: Path | None, fmt: str | None, force: bool, lang: str | None) -> None:
    """Read a map from another tool into a netmap workbook."""
    from netmap.io.imports import import_file
    from netmap.io.writers import write_dataset

    lang = current_lang()
    output = output or DEFAULT_OUT / f"{Path(source).stem}-netmap.xlsx"
    refuse_input_overlap([output], [source], lang)
    refuse_existing(output, force, lang)
    dataset, report = import_file(source, fmt, lang)
    click.echo(report.render(lang))
    click.echo(str(write_dataset(dataset, output)))


@command("template")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path), required=False)
@force_option
@lang_option()
def template(output: Path | None, force: bool, lang: str | None) -> None:
    """Write an empty, documented workbook."""
    from netmap.io.template import write_template

    lang = current_lang()
    output = output or DEFAULT_OUT / "netmap-sjabloon.xlsx"
    refuse_existing(output, force, lang)
    click.echo(str(write_template(output, lang)))
