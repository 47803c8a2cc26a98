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
    result = analyse(G, lang=lang, roles_only=roles_only)
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
    written.append(write_overlap_map(G, out_dir / "kaart-overlap.html", findings=result.findings, lang=lang,
                                     roles_only=roles_only))
    click.echo(_RUN_STEPS["done"][lang], err=True)
    for file in written:
        click.echo(str(file))


# Shared by load and the monitoring commands (diff, runs).
_X_TEXT = {
    "written": {"nl": "Geschreven:", "en": "Written:"},
    "exists": {"nl": "{path} bestaat al; kies een andere naam of gebruik --force",
               "en": "{path} already exists; choose another name or use --force"},
    "no_runs": {"nl": "Nog geen opgeslagen runs in {folder}.", "en": "No stored runs in {folder} yet."},
    "bad_run": {"nl": "run {ref!r} niet gevonden in {folder} (gebruik een pad of een nummer uit 'netmap runs list')",
                "en": "run {ref!r} not found in {folder} (use a path or a number from 'netmap runs list')"},
    "saved": {"nl": "Run opgeslagen: {path}", "en": "Run saved: {path}"},
}
DEFAULT_RUNS = DEFAULT_OUT / "runs"
RUNS_DIR_OPTION = click.option("--runs-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_RUNS,
                               show_default=True, help="Map met opgeslagen runs / folder of stored runs.")


# --- Neo4j ---------------------------------------------------------------------------------------


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


def _neo4j_default(key: str, fallback: str | None = None):
    """Default from a .env file in the working folder; real environment variables win (click envvar)."""
    return lambda: read_dotenv().get(key, fallback)


def neo4j_options(func):
    """The connection options shared by every command that talks to Neo4j."""
    options = [
        click.option("--uri", envvar="NETMAP_NEO4J_URI", default=_neo4j_default("NETMAP_NEO4J_URI",
                     "bolt://127.0.0.1:7687"), show_default="bolt://127.0.0.1:7687",
                     help="Neo4j address: bolt://host:7687, or neo4j+s://xxxx.databases.neo4j.io (Aura)."),
        click.option("--user", envvar="NETMAP_NEO4J_USER", default=_neo4j_default("NETMAP_NEO4J_USER", "neo4j"),
                     show_default="neo4j", help="Neo4j user (NETMAP_NEO4J_USER)."),
        click.option("--password", envvar="NETMAP_NEO4J_PASSWORD", default=_neo4j_default("NETMAP_NEO4J_PASSWORD"),
                     help="Password (NETMAP_NEO4J_PASSWORD or .env); none means a server without auth."),
        click.option("--database", envvar="NETMAP_NEO4J_DATABASE",
                     default=_neo4j_default("NETMAP_NEO4J_DATABASE"),
                     help="Database name (default: the server's default database)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@PATH_ARG
@neo4j_options
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(1, 100_000),
              help="Rows per transaction.")
@click.option("--save-run/--no-save-run", default=True, show_default=True,
              help="Bewaar wat geladen is als run (voor netmap diff) / keep a snapshot of what was loaded.")
@RUNS_DIR_OPTION
@LANG_OPTION
@click.pass_context
def load(ctx: click.Context, path: str | None, uri: str, user: str, password: str | None,
         database: str | None, batch_size: int, save_run: bool, runs_dir: Path, lang: str | None) -> None:
    """Validate PATH, then load it into Neo4j, replacing the earlier load.

    Nothing is written when PATH has problems. Loading the same data twice leaves
    the same graph; a newer version replaces the older one without stale nodes or
    ties. If a load is cut off (server stopped, connection lost), the database is
    marked unfinished and running the command again completes it. Connection
    settings come from options, NETMAP_NEO4J_* variables or a .env file.

    Example: netmap load mijn-netwerk.xlsx --uri bolt://127.0.0.1:7687
    """
    from netmap.graph import build_graph
    from netmap.neo4j import load_graph, open_driver

    lang = _lang(ctx, lang)
    dataset = _dataset(path, lang)
    G = build_graph(dataset)
    with open_driver(uri, user, password, database=database, lang=lang) as driver:
        with _Progress("Laden in Neo4j" if lang == "nl" else "Loading into Neo4j") as progress:
            result = load_graph(driver, G, database=database, batch_size=batch_size, progress=progress,
                                source=dataset.source, lang=lang)
    label = "geladen" if lang == "nl" else "loaded"
    click.echo(f"{dataset.source}: {label}: {result.nodes} nodes, {result.relationships} relaties, "
               f"{result.rows} rijen in {result.seconds:.1f} s ({result.rows_per_second:,.0f} rijen/s)")
    if save_run:
        from netmap.runs import save_run as store

        saved = store(runs_dir, dataset, {"neo4j_load": result.load_id, "uri": uri, "database": database})
        click.echo(_X_TEXT["saved"][lang].format(path=saved), err=True)


class _Progress:
    """A progress(done, total) callback drawing a bar on stderr when it is a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty():
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr).__enter__()
        self.bar.update(done - self.bar.pos)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


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


# -- diff, export, import, template, runs (monitoring over time and other tools) -----------------------
ROLES_OPTION = click.option("--roles-only", is_flag=True,
                            help="Toon personen als rol, niet met naam (om te delen) / show people as roles.")


NEO4J_SNAPSHOT = "neo4j"


def _snapshot(path: str, lang: str, neo4j: dict | None = None):
    """A dataset from a data path, a stored run file (.json written by `netmap runs save`),
    or ``neo4j``: the map loaded in Neo4j now (connection settings in ``neo4j``)."""
    from netmap.runs import dataset_of_run, load_run

    if path == NEO4J_SNAPSHOT and neo4j is not None:
        from netmap.graph import dataset_from_graph
        from netmap.neo4j import open_driver, read_graph

        with open_driver(neo4j["uri"], neo4j["user"], neo4j["password"], database=neo4j["database"],
                         lang=lang) as driver:
            return dataset_from_graph(read_graph(driver, database=neo4j["database"], lang=lang))
    if path.lower().endswith(".json"):
        return dataset_of_run(load_run(path), lang)
    return _dataset(path, lang)


def _write_diff(old, new, out_dir: Path, formats: tuple[str, ...], with_map: bool, lang: str,
                roles_only: bool) -> list[Path]:
    from netmap.diff import diff_datasets
    from netmap.report.diff import diff_blocks, diff_json, render_markdown, write_diff_map, write_diff_report

    result = diff_datasets(old, new, lang=lang, roles_only=roles_only)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_diff_report(result, old, new, out_dir / f"verschillen.{fmt}", fmt, lang, roles_only)
               for fmt in formats if fmt in ("html", "md")]
    if "json" in formats:
        path = out_dir / "verschillen.json"
        data = diff_json(result, old, new, roles_only)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    if with_map:
        written.append(write_diff_map(old, new, out_dir / "kaart-verschillen.html", lang, roles_only))
    blocks = diff_blocks(result, old, new, lang, roles_only)
    click.echo(render_markdown(blocks if result.unchanged else blocks[:4]).strip())
    return written


@main.command()
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Map voor de uitvoer / output folder.")
@click.option("-f", "--format", "formats", type=click.Choice(["html", "md", "json"]), multiple=True,
              default=("html", "md", "json"), show_default=True, help="Uitvoerformaten / output formats.")
@click.option("--map/--no-map", "with_map", default=True, show_default=True,
              help="Ook een kaart van wat nieuw, weg en gewijzigd is / also a change map.")
@ROLES_OPTION
@neo4j_options
@LANG_OPTION
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, out_dir: Path, formats: tuple[str, ...], with_map: bool,
         roles_only: bool, uri: str, user: str, password: str | None, database: str | None,
         lang: str | None) -> None:
    """What changed between two snapshots OLD and NEW of the map.

    OLD and NEW are workbooks, YAML files or CSV folders, or runs stored with
    `netmap runs save` (.json), or the word `neo4j` for the map loaded in Neo4j now
    (netmap load stores a run of every load, so two loads can be compared). Writes
    verschillen.html/.md/.json (actors, memberships,
    seats and ties added and removed, findings opened and closed, the level matrix
    before and after) and kaart-verschillen.html (new, gone and unchanged coloured).

    Example: netmap diff examples/kbl examples/kbl-2026q4 -o exports/

    Example: netmap diff exports/runs/20260901T120000-ab12cd34.json neo4j --uri bolt://127.0.0.1:7687
    """
    lang = _lang(ctx, lang)
    conn = {"uri": uri, "user": user, "password": password, "database": database}
    written = _write_diff(_snapshot(old, lang, conn), _snapshot(new, lang, conn), out_dir, formats, with_map,
                          lang, roles_only)
    click.echo(_X_TEXT["written"][lang], err=True)
    for path in written:
        click.echo(str(path))


@main.command()
@PATH_ARG
@click.option("-f", "--format", "formats", multiple=True,
              type=click.Choice(["graphml", "gexf", "json", "csv", "cypher", "kumu", "xlsx", "all"]),
              default=("all",), show_default=True, help="Exportformaat (herhaalbaar) / export format (repeatable).")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Map voor de uitvoer / output folder.")
@ROLES_OPTION
@LANG_OPTION
@click.pass_context
def export(ctx: click.Context, path: str | None, formats: tuple[str, ...], out_dir: Path, roles_only: bool,
           lang: str | None) -> None:
    """Export PATH for Gephi, Kumu, Neo4j, networkx or a spreadsheet.

    Formats: graphml, gexf (Gephi), json (node-link), csv (nodes.csv + edges.csv),
    cypher (a script that rebuilds the graph in Neo4j), kumu (Elements and
    Connections sheets) and xlsx (the netmap workbook, to edit and read back).
    --roles-only applies to every format: people appear as their role.

    Example: netmap export mijn-netwerk.xlsx -f gexf -f kumu --roles-only
    """
    from netmap.io.exports import EXPORT_FORMATS, write_exports

    lang = _lang(ctx, lang)
    chosen = EXPORT_FORMATS if "all" in formats else tuple(dict.fromkeys(formats))
    for written in write_exports(_dataset(path, lang), out_dir, chosen, roles_only):
        click.echo(str(written))


@main.command("import")
@click.argument("source", type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Netmap-werkmap (.xlsx), .yaml of CSV-map (standaard exports/<naam>-netmap.xlsx).")
@click.option("--from", "fmt", type=click.Choice(["kumu", "graphml", "gexf", "json", "csv", "netmap"]),
              default=None, help="Formaat van SOURCE (standaard: herkend) / format of SOURCE (default: detected).")
@click.option("--force", is_flag=True, help="Overschrijf OUTPUT als die al bestaat / overwrite OUTPUT.")
@LANG_OPTION
@click.pass_context
def import_(ctx: click.Context, source: str, output: Path | None, fmt: str | None, force: bool,
            lang: str | None) -> None:
    """Read a map from Kumu, Gephi (GraphML, GEXF), JSON or CSV into a netmap workbook.

    Prints what was read and everything that could not be mapped onto netmap's
    tables (unknown kinds, relations that do not fit, unknown levels ...).

    Example: netmap import kaart-uit-kumu.xlsx -o mijn-netwerk.xlsx
    """
    from netmap.io.imports import import_file
    from netmap.io.writers import write_dataset

    lang = _lang(ctx, lang)
    output = output or DEFAULT_OUT / f"{Path(source).stem}-netmap.xlsx"
    if output.exists() and not force:
        raise click.ClickException(_X_TEXT["exists"][lang].format(path=output))
    dataset, report = import_file(source, fmt, lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    click.echo(report.render(lang))
    click.echo(str(write_dataset(dataset, output)))


@main.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--force", is_flag=True, help="Overschrijf OUTPUT als die al bestaat / overwrite OUTPUT.")
@LANG_OPTION
@click.pass_context
def template(ctx: click.Context, output: Path | None, force: bool, lang: str | None) -> None:
    """Write an empty, documented workbook to start a map from scratch.

    One sheet per table with the column headers and example rows, and a sheet
    'uitleg' explaining every column and the vocabularies (levels, perspectives,
    scopes, learning-cycle steps). Default OUTPUT: exports/netmap-sjabloon.xlsx.

    Example: netmap template mijn-netwerk.xlsx
    """
    from netmap.io.template import write_template

    lang = _lang(ctx, lang)
    output = output or DEFAULT_OUT / "netmap-sjabloon.xlsx"
    if output.exists() and not force:
        raise click.ClickException(_X_TEXT["exists"][lang].format(path=output))
    output.parent.mkdir(parents=True, exist_ok=True)
    click.echo(str(write_template(output, lang)))


@main.group()
def runs() -> None:
    """Store analysis runs and compare them later (nothing is overwritten).

    Example: netmap runs save mijn-netwerk.xlsx; netmap runs list; netmap runs compare 1 2
    """


@runs.command("save")
@PATH_ARG
@RUNS_DIR_OPTION
@click.option("--settings", "settings_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="YAML met drempels en regels / YAML with thresholds and rules.")
@LANG_OPTION
@click.pass_context
def runs_save(ctx: click.Context, path: str | None, runs_dir: Path, settings_path: Path | None,
              lang: str | None) -> None:
    """Analyse PATH and store the run (input fingerprint, settings, results) in RUNS_DIR."""
    from netmap.analysis import Settings, analyse
    from netmap.graph import build_graph
    from netmap.runs import save_run

    lang = _lang(ctx, lang)
    dataset = _dataset(path, lang)
    settings = Settings.from_file(settings_path) if settings_path else Settings()
    result = analyse(build_graph(dataset), settings=settings, lang=lang)
    saved = save_run(runs_dir, dataset, settings.to_dict(), result.to_dict())
    click.echo(_X_TEXT["saved"][lang].format(path=saved))


@runs.command("list")
@RUNS_DIR_OPTION
@LANG_OPTION
@click.pass_context
def runs_list(ctx: click.Context, runs_dir: Path, lang: str | None) -> None:
    """List the stored runs, oldest first, numbered for `netmap runs compare`."""
    from netmap.runs import list_runs

    lang = _lang(ctx, lang)
    stored = list_runs(runs_dir)
    if not stored:
        click.echo(_X_TEXT["no_runs"][lang].format(folder=runs_dir))
    for number, info in enumerate(stored, start=1):
        counts = ", ".join(f"{v} {k}" for k, v in info.counts.items() if v)
        click.echo(f"{number}. {info.created[:19].replace('T', ' ')}  {info.fingerprint[:12]}  {info.source}  ({counts})  {info.path}")


def _run_path(ref: str, runs_dir: Path, lang: str) -> str:
    from netmap.runs import list_runs

    if ref.isdigit():
        stored = list_runs(runs_dir)
        if 1 <= int(ref) <= len(stored):
            return str(stored[int(ref) - 1].path)
    elif Path(ref).is_file():
        return ref
    raise click.ClickException(_X_TEXT["bad_run"][lang].format(ref=ref, folder=runs_dir))


@runs.command("compare")
@click.argument("old")
@click.argument("new")
@RUNS_DIR_OPTION
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Map voor de uitvoer / output folder.")
@ROLES_OPTION
@LANG_OPTION
@click.pass_context
def runs_compare(ctx: click.Context, old: str, new: str, runs_dir: Path, out_dir: Path, roles_only: bool,
                 lang: str | None) -> None:
    """Compare two stored runs (numbers from `netmap runs list`, or paths), like `netmap diff`."""
    lang = _lang(ctx, lang)
    before = _snapshot(_run_path(old, runs_dir, lang), lang)
    after = _snapshot(_run_path(new, runs_dir, lang), lang)
    written = _write_diff(before, after, out_dir, ("html", "md", "json"), True, lang, roles_only)
    click.echo(_X_TEXT["written"][lang], err=True)
    for path in written:
        click.echo(str(path))


# --- map (interactive network maps) ----------------------------------------------------------------

_MAP_TEXT = {
    "read": {"nl": "- invoer lezen en controleren ...", "en": "- reading and checking the input ..."},
    "analyse": {"nl": "- analyseren voor de bevindingen ...", "en": "- analysing for the findings ..."},
    "draw": {"nl": "- kaart tekenen ({n} knopen) ...", "en": "- drawing the map ({n} nodes) ..."},
    "png": {"nl": "- afbeelding maken met Chromium ...", "en": "- taking the picture with Chromium ..."},
    "done": {"nl": "Kaart geschreven; open hem met een dubbelklik:", "en": "Map written; open it with a double-click:"},
}


def _map_status(key: str, lang: str, **params: object) -> None:
    """A status line on stderr, only on a terminal (quiet when piped)."""
    if sys.stderr.isatty():
        click.echo(_MAP_TEXT[key][lang].format(**params), err=True)


@main.command("map")
@PATH_ARG
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUT / "netmap-kaart.html", show_default=True, help="HTML-bestand / HTML file.")
@click.option("--view", type=click.Choice(["levels", "force", "overlap"]), default="levels", show_default=True,
              help="levels: banden I-IV; force: vrije indeling; overlap: netwerken en hun gedeelde leden.")
@click.option("--focus", metavar="ID", default=None, help="Alleen wat rond dit id ligt / only what lies around ID.")
@click.option("--depth", type=click.IntRange(1, 10), default=1, show_default=True,
              help="Stappen rond --focus / steps around --focus.")
@click.option("--color-by", type=click.Choice(["level", "perspective", "type", "community"]), default="level",
              show_default=True, help="Kleur naar / colour by.")
@click.option("--size-by", type=click.Choice(["degree", "betweenness", "memberships", "members", "none"]),
              default="degree", show_default=True, help="Grootte naar / size by.")
@click.option("--aggregate", type=click.Choice(["auto", "none", "organisations", "regions"]), default="auto",
              show_default=True, help="Samenvoegen voor grote kaarten / merge for big maps.")
@click.option("--min-overlap", type=click.IntRange(1), default=2, show_default=True,
              help="Overlapkaart: minimum gedeelde organisaties / overlap map: minimum shared.")
@click.option("--roles-only", is_flag=True,
              help="Toon personen als rol, niet met naam (om te delen) / show people as roles.")
@click.option("--no-findings", is_flag=True, help="Geen bevindingen op de kaart / no findings overlay.")
@click.option("--png", "png", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ook een PNG-afbeelding (heeft Chromium nodig) / also a PNG picture (needs Chromium).")
@click.option("--title", default=None, help="Titel boven de kaart / title above the map.")
@LANG_OPTION
@click.pass_context
def map_command(ctx: click.Context, path: str | None, output: Path, view: str, focus: str | None, depth: int,
                color_by: str, size_by: str, aggregate: str, min_overlap: int, roles_only: bool, no_findings: bool,
                png: Path | None, title: str | None, lang: str | None) -> None:
    """Draw an interactive network map of PATH as one HTML file that opens offline.

    Without PATH the shipped KBL example is drawn. The file holds everything
    (no internet needed) and can be shared; use --roles-only to show people by role.

    Examples: netmap map mijn-netwerk.xlsx -o kaart.html;
    netmap map --focus rkj_friesland --depth 2 --png friesland.png
    """
    from netmap.graph import build_graph
    from netmap.maps import write_map, write_overlap_map, write_png

    lang = _lang(ctx, lang)
    _map_status("read", lang)
    G = build_graph(_dataset(path, lang))
    findings = None
    if not no_findings:
        from netmap.analysis import analyse

        _map_status("analyse", lang)
        findings = analyse(G, lang=lang).findings
    _map_status("draw", lang, n=f"{G.number_of_nodes():,}".replace(",", "."))
    if view == "overlap":
        written = write_overlap_map(G, output, findings=findings, lang=lang, min_overlap=min_overlap, title=title,
                                    roles_only=roles_only)
    else:
        written = write_map(G, output, view=view, findings=findings, lang=lang, roles_only=roles_only, focus=focus,
                            depth=depth, color_by=color_by, size_by=size_by, title=title, aggregate=aggregate)
    paths = [written]
    if png is not None:
        _map_status("png", lang)
        paths.append(write_png(written, png))
    click.echo(_MAP_TEXT["done"][lang], err=True)
    for file in paths:
        click.echo(str(file))


# --- analyse (learning-connection analyses and the report) ---------------------------------------

_SEVERITY_WORD = {"nl": {"high": "HOOG", "medium": "MIDDEL", "low": "LAAG", "info": "INFO"},
                  "en": {"high": "HIGH", "medium": "MEDIUM", "low": "LOW", "info": "INFO"}}


def _analysis_text(result, lang: str) -> str:
    """Plain-text findings for the terminal: one block per finding, most severe first."""
    s = result.summary
    head = (f"{s['source']}: {s['findings']} bevindingen, {s['learning_ties']} leerrelaties "
            f"({s['horizontal']} horizontaal, {s['vertical']} verticaal)" if lang == "nl" else
            f"{s['source']}: {s['findings']} findings, {s['learning_ties']} learning ties "
            f"({s['horizontal']} horizontal, {s['vertical']} vertical)")
    lines = [head, ""]
    arrow = "  -> "
    for f in result.findings:
        lines.append(f"[{_SEVERITY_WORD[lang][f.severity]}] {f.kind}: {f.message}")
        if f.suggestion:
            lines.append(arrow + f.suggestion)
    return "\n".join(lines)


@main.command()
@PATH_ARG
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text",
              show_default=True, help="Uitvoer: tekst, JSON (bevindingen), Markdown- of HTML-rapport.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Schrijf naar dit bestand in plaats van naar het scherm / write to FILE.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="YAML-bestand met drempels en regels / YAML file with thresholds and rules.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Eigen samenstellingsregels (YAML) in plaats van de standaardregels.")
@click.option("--overlap-threshold", type=float, default=None, help="Jaccard-drempel voor overlap (0-1).")
@click.option("--overlap-coefficient", type=float, default=None,
              help="Drempel voor de overlapcoëfficiënt (0-1).")
@click.option("--overlap-min-shared", type=int, default=None, help="Minimaal aantal gedeelde organisaties.")
@click.option("--multi-network-load", type=int, default=None,
              help="Meld organisaties in zoveel netwerken of meer.")
@click.option("--level-gap-min", type=int, default=None,
              help="Minimum aantal directe leerrelaties tussen twee niveaus.")
@click.option("--betweenness-k", type=int, default=None,
              help="Steekproefgrootte voor betweenness op grote netwerken.")
@click.option("--tie-kinds", default=None,
              help="Soorten relaties die als leerrelatie tellen, gescheiden door komma's (standaard: learning).")
@click.option("--roles-only", is_flag=True, help="Toon personen als rol, niet met naam / show people as roles.")
@click.option("--neo4j", "from_neo4j", is_flag=True,
              help="Analyseer de kaart die in Neo4j geladen is (zie netmap load) / analyse the map loaded in Neo4j.")
@neo4j_options
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Tijdslimiet per Neo4j-query in seconden / time limit per Neo4j query.")
@LANG_OPTION
@click.pass_context
def analyse(ctx: click.Context, path: str | None, fmt: str, output: Path | None, settings_file: Path | None,
            rules_file: Path | None, overlap_threshold: float | None, overlap_coefficient: float | None,
            overlap_min_shared: int | None, multi_network_load: int | None, level_gap_min: int | None,
            betweenness_k: int | None, tie_kinds: str | None, roles_only: bool, from_neo4j: bool, uri: str,
            user: str, password: str | None, database: str | None, timeout: float | None,
            lang: str | None) -> None:
    """Analyse learning connections in PATH: levels, gaps, perspectives, overlap, weak links.

    Without PATH the shipped KBL example is analysed. Prints the findings (text),
    or with --format json the findings for other tools, or the report as Markdown
    or HTML. Thresholds come from --settings FILE and the options (options win).
    Exit code 0 also when there are findings.

    With --neo4j the map loaded in Neo4j is analysed instead of PATH (connection
    options as for netmap load); its findings equal those of the embedded engine.

    Example: netmap analyse mijn-netwerk.xlsx --format html -o rapport.html
    """
    from netmap.analysis import Settings
    from netmap.analysis import analyse as run_analysis
    from netmap.graph import build_graph
    from netmap.report import render_html, render_markdown

    lang = _lang(ctx, lang)
    settings = Settings.from_file(settings_file) if settings_file else Settings()
    settings = settings.replace(
        overlap_threshold=overlap_threshold, overlap_coefficient_threshold=overlap_coefficient,
        overlap_min_shared=overlap_min_shared, multi_network_load=multi_network_load,
        level_gap_min=level_gap_min, betweenness_k=betweenness_k,
        rules_path=str(rules_file) if rules_file else None,
        tie_kinds=[k.strip() for k in tie_kinds.split(",") if k.strip()] if tie_kinds else None)
    if from_neo4j:
        if path:
            raise click.UsageError("give either PATH or --neo4j, not both")
        G, result = _analyse_neo4j(uri, user, password, database, settings, lang, roles_only, timeout)
    else:
        G = build_graph(_dataset(path, lang))
        result = run_analysis(G, settings, lang=lang, roles_only=roles_only)
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    elif fmt == "md":
        text = render_markdown(result, G, lang=lang, roles_only=roles_only)
    elif fmt == "html":
        text = render_html(result, G, lang=lang, roles_only=roles_only)
    else:
        text = _analysis_text(result, lang)
    if output is None:
        click.echo(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    click.echo(str(output))


def _analyse_neo4j(uri, user, password, database, settings, lang, roles_only, timeout):
    from netmap.neo4j import analyse_neo4j, open_driver, read_graph

    with open_driver(uri, user, password, database=database, lang=lang) as driver:
        G = read_graph(driver, database=database, lang=lang)
        return G, analyse_neo4j(driver, settings, database=database, lang=lang, roles_only=roles_only,
                                timeout=timeout, graph=G)


def run_cli() -> None:
    """Entry point for ``python -m netmap``."""
    main(prog_name="netmap")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_cli())
