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


_RUN_STEPS = {
    "read": {"nl": "Invoer lezen en controleren", "en": "Reading and checking the input"},
    "analyse": {"nl": "Analyseren", "en": "Analysing"},
    "report": {"nl": "Rapport schrijven", "en": "Writing the report"},
    "maps": {"nl": "Kaarten tekenen", "en": "Drawing the maps"},
    "done": {"nl": "Klaar. Open het rapport of de kaart met een dubbelklik:",
             "en": "Done. Open the report or the map with a double-click:"},
}


def _step(key: str, lang: str) -> None:
    click.echo(f"- {_RUN_STEPS[key][lang]} ...", err=True)


@main.command()
@PATH_ARG
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Map (folder) voor de uitvoer / output folder.")
@click.option("--roles-only", is_flag=True,
              help="Toon personen als rol, niet met naam (om te delen) / show people as roles.")
@LANG_OPTION
@click.pass_context
def run(ctx: click.Context, path: str | None, out_dir: Path, roles_only: bool, lang: str | None) -> None:
    """The main job: report, maps and findings for PATH in one go.

    Without PATH it runs on the shipped KBL example. Writes into OUT (default
    exports/): rapport.html and rapport.md (the report), bevindingen.json (the
    findings for other tools), kaart-niveaus.html (the level map),
    kaart-netwerk.html (free layout) and kaart-overlap.html (network overlap).

    Example: netmap run mijn-netwerk.xlsx -o exports/
    """
    from netmap.analysis import analyse
    from netmap.graph import build_graph
    from netmap.maps import write_map, write_overlap_map
    from netmap.report import write_report

    lang = _lang(ctx, lang)
    _step("read", lang)
    G = build_graph(_dataset(path, lang))
    _step("analyse", lang)
    result = analyse(G, lang=lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    _step("report", lang)
    written = [
        write_report(result, G, out_dir / "rapport.html", fmt="html", lang=lang, roles_only=roles_only),
        write_report(result, G, out_dir / "rapport.md", fmt="md", lang=lang, roles_only=roles_only),
    ]
    findings_path = out_dir / "bevindingen.json"
    findings_path.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    written.append(findings_path)
    _step("maps", lang)
    maps = {"kaart-niveaus.html": "levels", "kaart-netwerk.html": "force"}
    for name, view in maps.items():
        written.append(write_map(G, out_dir / name, view=view, findings=result.findings, lang=lang,
                                 roles_only=roles_only))
    written.append(write_overlap_map(G, out_dir / "kaart-overlap.html", findings=result.findings, lang=lang))
    click.echo(_RUN_STEPS["done"][lang], err=True)
    for file in written:
        click.echo(str(file))


# --- synth (synthetic national field for benchmarks) ---------------------------------------------

_SYNTH_TEXT = {
    "stage": {"nl": "- genereren: {stage} ...", "en": "- generating: {stage} ..."},
    "writing": {"nl": "- schrijven naar {path} ...", "en": "- writing to {path} ..."},
    "done": {"nl": "Synthetisch veld geschreven: {path} ({counts}); geplante antwoorden: {planted}",
             "en": "Synthetic field written: {path} ({counts}); planted answers: {planted}"},
}


@main.command()
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="1 = landelijke schaal (~8.000 aanbieders, ~80.000 professionals) / 1 = national scale.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Zelfde schaal en seed geven dezelfde data / same scale and seed, same data.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Map met CSV-bestanden, of .xlsx/.yaml / CSV folder, or .xlsx/.yaml by suffix "
                   "[default: exports/synth-SCALE-SEED].")
@LANG_OPTION
@click.pass_context
def synth(ctx: click.Context, scale: float, seed: int, output: Path | None, lang: str | None) -> None:
    """Generate a synthetic national youth-care field in the normal input format.

    42 regions, 342 municipalities, 8 BEN's, 15 RKJ's, 16 Werkplaatsen, and at
    --scale 1 about 8,000 providers and 80,000 professionals, with gaps and
    overlaps whose answers are written beside the data (planted.json).

    Example: netmap synth --scale 0.1 --seed 1 -o exports/synth-0.1
    """
    from netmap.synth import generate, planted_path, write_synthetic

    lang = _lang(ctx, lang)
    output = output or DEFAULT_OUT / f"synth-{scale:g}-{seed}"
    field = generate(scale, seed, progress=lambda stage: click.echo(
        _SYNTH_TEXT["stage"][lang].format(stage=stage), err=True))
    click.echo(_SYNTH_TEXT["writing"][lang].format(path=output), err=True)
    if output.suffix.lower() in (".xlsx", ".yaml", ".yml"):
        output.parent.mkdir(parents=True, exist_ok=True)
    written = write_synthetic(field, output)
    counts = ", ".join(f"{v} {k}" for k, v in field.dataset.counts().items() if v)
    click.echo(_SYNTH_TEXT["done"][lang].format(path=written, counts=counts, planted=planted_path(written)))


def run_cli() -> None:
    """Entry point for ``python -m netmap``."""
    main(prog_name="netmap")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_cli())
