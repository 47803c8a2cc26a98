"""The command line: thin commands over the library. The only module that imports click.

Each command parses options, calls a few library functions and prints. A
:class:`~netmap.errors.NetmapError` becomes one ``Error: ...`` block and exit
code 1; a user never sees a traceback for bad input.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from netmap.errors import NetmapError

DEFAULT_OUT = Path("exports")
LANG_OPTION = click.option(
    "--lang", type=click.Choice(["nl", "en"]), default=None, envvar="NETMAP_LANG",
    help="Taal van rapport, kaart en meldingen (standaard nl) / language of output.")


class NetmapGroup(click.Group):
    """A group whose commands turn NetmapError into a clean message instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NetmapError as err:
            raise click.ClickException(str(err)) from err


@click.group(cls=NetmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netmap")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", envvar="NETMAP_LANG", show_default=True,
              help="Taal van rapport, kaart en meldingen / language of report, map and messages.")
@click.pass_context
def main(ctx: click.Context, lang: str) -> None:
    """netmap: breng het leernetwerk van de jeugdhulp (KBL) in kaart.

    Reads the network map from a workbook (.xlsx), a folder of CSV files or a YAML
    file; analyses horizontal and vertical learning, gaps and overlaps; writes
    reports and interactive maps. Run `netmap run` for the shipped KBL example.
    """
    ctx.obj = {"lang": lang}


def _lang(ctx: click.Context, override: str | None = None) -> str:
    return override or (ctx.obj or {}).get("lang", "nl")


def _dataset(path: str | None, lang: str):
    from netmap.dataset import example_path, read_dataset

    return read_dataset(Path(path) if path else example_path(), lang=lang)


PATH_ARG = click.argument("path", type=click.Path(path_type=str), required=False)


@main.command()
@PATH_ARG
@LANG_OPTION
@click.pass_context
def validate(ctx: click.Context, path: str | None, lang: str | None) -> None:
    """Check PATH and list every problem (file, row, column, value).

    PATH is an .xlsx workbook, a .yaml file, or a folder of CSV files; without
    PATH the shipped KBL example is checked. Exit code 0 means valid.

    Example: netmap validate mijn-netwerk.xlsx
    """
    lang = _lang(ctx, lang)
    dataset = _dataset(path, lang)
    counts = ", ".join(f"{v} {k}" for k, v in dataset.counts().items() if v)
    ok = "geldig" if lang == "nl" else "valid"
    click.echo(f"{dataset.source}: {ok} ({counts})")


def run_cli() -> None:
    """Entry point for ``python -m netmap``."""
    main(prog_name="netmap")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_cli())
