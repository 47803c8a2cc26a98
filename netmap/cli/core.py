"""The main job and the reading commands: validate, run, analyse, map."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from netmap import collector
from netmap.cli.common import (
    DEFAULT_OUT,
    as_of_option,
    cli_text,
    combine,
    command,
    current_lang,
    echo_paths,
    format_counts,
    input_path,
    lang_option,
    option,
    out_dir_option,
    path_argument,
    read_input,
    read_settings,
    roles_option,
    settings_option,
    status,
)
from netmap.cli.neo4j import neo4j_options
from netmap.io.safe import made_folder, refuse_input_overlap, strict_json, write_json, write_text
from netmap.maps import AGGREGATE_MODES, COLOR_SCHEMES, RENDERER_MODES, SIZE_METRICS, VIEWS
from netmap.report import FORMATS as REPORT_FORMATS

if TYPE_CHECKING:
    from netmap.analysis import Analysis, Settings

ANALYSE_FORMATS = ("text", "json", *REPORT_FORMATS)


@command("validate")
@path_argument
@lang_option()
def validate(path: str | None, lang: str | None) -> None:
    """Check PATH and list every problem."""
    lang = current_lang()
    dataset = read_input(path, lang)
    click.echo(cli_text("valid", lang, source=dataset.source, counts=format_counts(dataset.counts(), lang)))


@command("run")
@path_argument
@out_dir_option
@roles_option
@settings_option
@as_of_option
@lang_option()
def run(path: str | None, out_dir: Path, roles_only: bool, settings_file: Path | None, as_of: str | None,
        lang: str | None) -> None:
    """Report, maps and findings in one go, all from one analysis.

    The files are written into a fresh hidden folder inside OUT and moved into place together
    at the end, with ``netmap-run.json`` (the input's fingerprint and each file's SHA-256) last:
    an interrupted run leaves the previous set whole, and a set without a matching manifest is
    not one run's.
    """
    from netmap.outputs import RUN_FILES

    lang = current_lang()
    refuse_input_overlap([out_dir], [input_path(path), settings_file], lang)
    # a folder that cannot be made fails now, not after the analysis; one made here goes again if the run fails.
    # The collector is paused for the whole run: the dataset, graph and analysis live until its end
    with made_folder(out_dir, lang), collector.paused():
        work = _run(path, out_dir, roles_only, settings_file, as_of, lang)
        if EXIT.at_end:  # the process ends with the run: its data is left to the operating system
            EXIT.kept.append(work)
        del work
    status("run_done", lang)
    echo_paths(out_dir / name for name in RUN_FILES)
    EXIT.done = True


class _Exit:
    """How the ``netmap`` process ends after a finished ``netmap run`` (:func:`netmap.cli.run_cli`).

    Freeing a national run's dataset, graph and analysis one object at a time, and then the imported
    libraries, takes about a second at scale 1 after every file is written. When the run is the whole
    process (the console script, not a test's CliRunner or the service), ``at_end`` is set: the run keeps
    its work in ``kept`` and the process exits at once, with its output flushed, once ``done``."""

    def __init__(self) -> None:
        self.at_end = False
        self.done = False
        self.kept: list[object] = []


EXIT = _Exit()


def _run(path: str | None, out_dir: Path, roles_only: bool, settings_file: Path | None, as_of: str | None,
         lang: str) -> tuple[object, ...]:
    """The work of :func:`run` between its checks and its printed paths; returns the run's data
    (dataset, graph, analysis, the maps' shared work)."""
    from netmap.analysis import analyse
    from netmap.graph import build_graph
    from netmap.io.safe import run_folder
    from netmap.outputs import DEFINITIONS_FILE, FINDINGS_FILE, FINDINGS_JSON, MAP_FILES, REPORT_FILE, REPORT_FILES
    from netmap.report import write_definitions, write_findings_page, write_report
    from netmap.runs import fingerprint

    status("step.read", lang)
    settings = read_settings(settings_file, as_of)
    dataset = read_input(path, lang)
    G = build_graph(dataset)
    status("step.analyse", lang)
    result = analyse(G, settings, lang=lang, roles_only=roles_only)
    info = {"source": dataset.source if not roles_only else "", "roles_only": roles_only, "lang": lang}
    with run_folder(out_dir, fingerprint(dataset), info, lang) as stage:
        status("step.report", lang)
        for fmt, name in REPORT_FILES.items():
            write_report(result, G, stage / name, fmt=fmt, lang=lang, roles_only=roles_only,
                         maps=MAP_FILES, definitions=DEFINITIONS_FILE, full_list=FINDINGS_FILE)
        write_definitions(stage / DEFINITIONS_FILE, lang)  # beside the report: a folder sent on keeps them
        # every finding, for a reader: the report shows the top ones per kind and links here
        write_findings_page(result, G, stage / FINDINGS_FILE, lang, roles_only, maps=MAP_FILES, report=REPORT_FILE)
        write_json(stage / FINDINGS_JSON, result.to_dict(), lang, indent=2)
        status("step.maps", lang)
        from netmap.maps.shared import SharedWork

        shared = SharedWork.of_analysis(G, result)  # the three maps share their work and the analysis's facts
        for name, view in MAP_FILES.items():
            _draw(G, stage / name, view, result, lang, roles_only, shared=shared)
    return dataset, G, result, shared


def _draw(G, path: Path, view: str, result: Analysis | None, lang: str, roles_only: bool, *,
          title: str | None = None, min_overlap: int = 2, shared=None, **layout) -> Path:
    """One map of G; ``layout`` (focus, depth, color_by, size_by, aggregate) is for the views but overlap;
    ``shared``: the work the maps of one run share (:class:`netmap.maps.shared.SharedWork`)."""
    from netmap.maps import write_map, write_overlap_map

    findings = result.findings if result is not None else None
    settings = result.settings if result is not None else None
    if view == "overlap":
        return write_overlap_map(G, path, findings=findings, lang=lang, roles_only=roles_only,
                                 min_overlap=min_overlap, title=title, settings=settings, shared=shared)
    perspectives = result.facts.get("perspectives") if result is not None else None
    return write_map(G, path, view=view, findings=findings, lang=lang, roles_only=roles_only, title=title,
                     progress=_map_progress, settings=settings, shared=shared, perspectives=perspectives, **layout)


def _map_progress(line: str) -> None:
    """The stages of drawing a map, on stderr (stdout keeps only the paths written, for scripts)."""
    click.echo(line, err=True)


def threshold_options(func):
    """The options of `netmap analyse` that override one setting each."""
    return combine(
        option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
               help="rules"),
        option("--overlap-threshold", type=float, default=None, help="overlap_threshold"),
        option("--overlap-coefficient", type=float, default=None, help="overlap_coefficient"),
        option("--overlap-min-shared", type=int, default=None, help="overlap_min_shared"),
        option("--multi-network-load", type=int, default=None, help="multi_network_load"),
        option("--level-gap-min", type=int, default=None, help="level_gap_min"),
        option("--betweenness-epsilon", type=float, default=None, help="betweenness_epsilon"),
        option("--tie-kinds", default=None, help="tie_kinds"),
    )(func)


def _settings_with(settings: Settings, rules_file: Path | None, overlap_threshold: float | None,
                   overlap_coefficient: float | None, overlap_min_shared: int | None,
                   multi_network_load: int | None, level_gap_min: int | None, betweenness_epsilon: float | None,
                   tie_kinds: str | None) -> Settings:
    return settings.replace(
        overlap_threshold=overlap_threshold, overlap_coefficient_threshold=overlap_coefficient,
        overlap_min_shared=overlap_min_shared, multi_network_load=multi_network_load,
        level_gap_min=level_gap_min, betweenness_epsilon=betweenness_epsilon,
        rules_path=str(rules_file) if rules_file else None,
        tie_kinds=[k.strip() for k in tie_kinds.split(",") if k.strip()] if tie_kinds else None)


@command("analyse")
@path_argument
@option("--format", "fmt", type=click.Choice(ANALYSE_FORMATS), default="text", show_default=True,
        help="analyse_format")
@option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="analyse_output")
@settings_option
@as_of_option
@threshold_options
@roles_option
@option("--neo4j", "from_neo4j", is_flag=True, help="neo4j")
@neo4j_options
@option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, help="timeout")
@lang_option()
def analyse(path: str | None, fmt: str, output: Path | None, settings_file: Path | None, as_of: str | None,
            roles_only: bool,
            from_neo4j: bool, uri: str, user: str, password: str | None, database: str | None,
            timeout: float | None, lang: str | None, **thresholds) -> None:
    """The findings as text or JSON, or the report as Markdown or HTML."""
    from netmap.analysis import analyse as run_analysis
    from netmap.graph import build_graph
    from netmap.report import render_html, render_markdown

    lang = current_lang()
    refuse_input_overlap([output], [input_path(path) if not from_neo4j else None, settings_file,
                                    thresholds.get("rules_file")], lang)
    settings = _settings_with(read_settings(settings_file, as_of), **thresholds)
    if from_neo4j:
        if path:
            raise click.UsageError(cli_text("path_or_neo4j", lang))
        from netmap.cli.neo4j import analyse_in_neo4j

        G, result = analyse_in_neo4j(uri, user, password, database, settings, lang, roles_only, timeout)
    else:
        G = build_graph(read_input(path, lang))
        result = run_analysis(G, settings, lang=lang, roles_only=roles_only)
    if fmt == "json":
        text = strict_json(result.to_dict(), indent=2)
    elif fmt == "md":
        text = render_markdown(result, G, lang=lang, roles_only=roles_only)
    elif fmt == "html":
        text = render_html(result, G, lang=lang, roles_only=roles_only)
    else:
        text = analysis_text(result, lang)
    if output is None:
        click.echo(text)
        return
    write_text(output, text if text.endswith("\n") else text + "\n", lang)
    click.echo(str(output))


def analysis_text(result: Analysis, lang: str) -> str:
    """Plain-text findings for the terminal: one block per finding, most severe first, each named by its kind
    in the reader's words (the code, as ``missing_perspective``, is in the JSON)."""
    from netmap.analysis.kinds import kind_label

    s = result.summary
    lines = [cli_text("analysis_head", lang, source=s["source"], findings=s["findings"],
                      learning_ties=s["learning_ties"], horizontal=s["horizontal"], vertical=s["vertical"]), ""]
    for f in result.findings:
        lines.append(f"[{cli_text(f'severity.{f.severity}', lang)}] {kind_label(f.kind, lang)}: {f.message}")
        if f.suggestion:
            lines.append("  -> " + f.suggestion)
    return "\n".join(lines)


@command("map")
@path_argument
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_OUT / "netmap-kaart.html", show_default=True, help="map_output")
@option("--view", type=click.Choice(VIEWS), default="levels", show_default=True, help="view")
@option("--focus", metavar="ID", default=None, help="focus")
@option("--depth", type=click.IntRange(1, 10), default=1, show_default=True, help="depth")
@option("--color-by", type=click.Choice(COLOR_SCHEMES), default="level", show_default=True, help="color_by")
@option("--size-by", type=click.Choice(SIZE_METRICS), default="degree", show_default=True, help="size_by")
@option("--aggregate", type=click.Choice(AGGREGATE_MODES), default="auto", show_default=True, help="aggregate")
@option("--renderer", type=click.Choice(RENDERER_MODES), default="auto", show_default=True, help="renderer")
@option("--min-overlap", type=click.IntRange(1), default=2, show_default=True, help="min_overlap")
@roles_option
@settings_option
@as_of_option
@option("--no-findings", is_flag=True, help="no_findings")
@option("--png", "png", type=click.Path(dir_okay=False, path_type=Path), default=None, help="png")
@option("--title", default=None, help="title")
@lang_option()
def map_command(path: str | None, output: Path, view: str, roles_only: bool, settings_file: Path | None,
                as_of: str | None, no_findings: bool, png: Path | None, lang: str | None, **options) -> None:
    """One interactive map as a self-contained HTML file (and a PNG picture of it)."""
    from netmap.graph import build_graph
    from netmap.maps import write_png

    lang = current_lang()
    refuse_input_overlap([output, png], [input_path(path), settings_file], lang)
    status("step.read", lang)
    settings = read_settings(settings_file, as_of)
    G = build_graph(read_input(path, lang))
    result = None
    if not no_findings:
        from netmap.analysis import analyse

        status("step.analyse", lang)
        result = analyse(G, settings, lang=lang, roles_only=roles_only)
    status("step.draw", lang, n=f"{G.number_of_nodes():,}".replace(",", "." if lang == "nl" else ","))
    paths = [_draw(G, output, view, result, lang, roles_only, **options)]
    if png is not None:
        status("step.png", lang)
        paths.append(write_png(paths[0], png))
    status("map_done", lang)
    echo_paths(paths)
