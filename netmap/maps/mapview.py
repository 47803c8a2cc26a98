"""The network map: level view (bands I-IV) or free view, as one self-contained HTML file."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from netmap.analysis import Settings
from netmap.analysis.common import level_label
from netmap.analysis.findings import Finding
from netmap.i18n import t, texts_with_prefix
from netmap.maps import style
from netmap.maps.html import write_page
from netmap.maps.layout import SPRING_MAX, force_layout, level_layout
from netmap.maps.mapgraph import MapGraph, actor_count, build_map_graph, resolve_renderer
from netmap.maps.payload import (
    COLOR_SCHEMES,
    COMMUNITY_MAX,
    PHYSICS_MAX,
    band_records,
    color_tables,
    communities,
    edge_record,
    finding_records,
    finding_texts,
    has_overlap_pairs,
    hidden_names,
    legend,
    member_perspectives,
    node_metric,
    node_record,
)
from netmap.maps.shared import SharedWork, memo_for
from netmap.maps.text import type_label
from netmap.model import LEVELS, PERSPECTIVES, perspective_label

VIEWS = ("levels", "force")
CYCLE_STEPS = (1, 2, 3, 4)


def check_options(view: str, color_by: str, lang: str, depth: int) -> None:
    """Reject programming errors early, with the allowed values in the message."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    if color_by not in COLOR_SCHEMES:
        raise ValueError(f"color_by must be one of {COLOR_SCHEMES}, not {color_by!r}")
    if lang not in ("nl", "en"):
        raise ValueError(f"lang must be 'nl' or 'en', not {lang!r}")
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")


def facet_values(M: MapGraph, index: dict[str, int], lang: str) -> list[dict]:
    """The filter menus: each facet with its [value, label] pairs (facets without values left out)."""
    nodes = M.nodes.values()
    levels = [[lv, level_label(lv, lang, short=True)] for lv in LEVELS if any(lv in n.levels for n in nodes)]
    if any(not n.levels for n in nodes):
        levels.append(["none", t("map.ui.no_level", lang)])
    networks = sorted(((index[k], n.label) for k, n in M.nodes.items() if n.kind == "network"),
                      key=lambda kv: kv[1].lower())
    facets = {
        "level": levels,
        "type": [[t, type_label(t, lang)] for t in sorted({n.type or n.kind for n in nodes})],
        "network": [list(kv) for kv in networks],
        "region": [[r, r] for r in sorted({n.region for n in nodes if n.region})],
        "perspective": [[p, perspective_label(p, lang)] for p in sorted({p for n in nodes for p in n.perspectives})],
        "theme": [[t, t] for t in sorted({t for n in nodes for t in n.themes})],
    }
    return [{"name": name, "values": values} for name, values in facets.items() if values]


def label_tables(M: MapGraph, lang: str) -> dict[str, dict]:
    """Code -> reader's word, for the details panel."""
    return {
        "kind": {k: t(f"map.ui.kind_{k}", lang) for k in ("network", "organisation", "person", "group")},
        "type": {t: type_label(t, lang) for t in sorted({n.type for n in M.nodes.values() if n.type})},
        "level": {lv: level_label(lv, lang, short=True) for lv in LEVELS},
        "perspective": {p: perspective_label(p, lang) for p in PERSPECTIVES}
        | {p: perspective_label(p, lang) for n in M.nodes.values() for p in n.perspectives},
        "edge": {s: t(f"map.ui.rel_{s}", lang) for s in style.EDGE_STYLES},
        "step": {i: t(f"map.step.{i}", lang) for i in CYCLE_STEPS},
    }


def data_title(G: nx.MultiDiGraph, settings: Settings | None) -> str:
    """The data's name as the report's title gives it (the ``title`` setting, else the source made readable)."""
    from netmap.report.document import prettify  # one rule for the report's title and the map's subtitle

    return (settings.title if settings is not None else "") or prettify(G.graph.get("source") or "")


def notes(G: nx.MultiDiGraph, M: MapGraph, roles_only: bool, size_by: str, lang: str,
          settings: Settings | None = None) -> list[str]:
    """The subtitle: the data's name, what was reduced and how, so a reader knows what is not shown."""
    out = [data_title(G, settings)]
    if M.focus is not None:
        focus_label = M.nodes[M.group_of[M.focus]].label if M.focus in M.group_of else M.focus  # a region
        out.append(t("map.ui.focus_note", lang, name=focus_label, depth=M.depth))
    if M.aggregated != "none":
        out.append(t("map.ui.aggregated_note", lang, how=t(f"map.aggregated.{M.aggregated}", lang)))
    if roles_only:
        out.append(t("map.ui.roles_note", lang))
    return [n for n in out if n]


def lay_out(M: MapGraph, H: nx.Graph, view: str, clusters: list[set[str]]) -> tuple[dict, list[dict]]:
    """Positions (and bands, for the level view) of the drawn nodes."""
    if view == "levels":
        attrs = {k: {"kind": n.kind, "label": n.label, "levels": n.levels, "region": n.region}
                 for k, n in M.nodes.items()}
        # National groups: wider than high, so a band has fewer lines and its largest groups room for a name.
        return level_layout(H, attrs, aspect=2.2 if M.aggregated == "structure" else 1.6)
    return force_layout(H, clusters), []


def build_map_payload(G: nx.MultiDiGraph, *, view: str = "levels", findings: list[Finding] | None = None,
                      lang: str = "nl", roles_only: bool = False, focus: str | None = None, depth: int = 1,
                      color_by: str = "level", size_by: str = "degree", title: str | None = None,
                      aggregate: str = "auto", settings: Settings | None = None,
                      progress: Callable[[str], None] | None = None, renderer: str = "auto",
                      shared: SharedWork | None = None,
                      perspectives: dict[str, dict[str, int]] | None = None) -> dict:
    """Everything the map page needs, as a JSON-ready dict (see :func:`write_map` for the options)."""
    check_options(view, color_by, lang, depth)
    resolve_renderer(renderer, 0)  # a wrong value fails before the work
    memo = memo_for(shared, G, lang, roles_only)
    step = progress_reporter(progress, lang)
    step("graph")
    drawn = (focus, depth, aggregate)  # what the level and free maps of one run share
    M = memo(("map", *drawn), lambda: build_map_graph(G, roles_only=roles_only, focus=focus, depth=depth,
                                                      aggregate=aggregate, lang=lang))
    H = memo(("simple", *drawn), M.simple)
    want_clusters = len(H) <= COMMUNITY_MAX or color_by == "community" or (view == "force" and len(H) > SPRING_MAX)
    if want_clusters:
        step("clusters")
    seed = (settings or Settings()).seed
    clusters = memo(("clusters", *drawn, seed), lambda: communities(H, settings)) if want_clusters else []
    cluster_of = {n: i for i, c in enumerate(clusters) for n in c}
    step("layout", n=f"{len(H):,}".replace(",", "." if lang == "nl" else ","))
    pos, bands = lay_out(M, H, view, clusters)
    step("sizes")
    metric = node_metric(M, H, size_by, settings)
    if M.aggregated == "structure":  # a group's size is how many actors it stands for
        metric.update({k: float(actor_count(n)) for k, n in M.nodes.items() if n.kind == "group"})
    top: dict[str, float] = {}
    for k, node in M.nodes.items():  # with groups, each kind is scaled to its own largest: they do not compete
        kind = node.kind if M.aggregated in ("regions", "structure") else ""
        top[kind] = max(top.get(kind, 0.0), metric[k])
    index = {k: i for i, k in enumerate(M.nodes)}
    nodes = []
    for k, node in M.nodes.items():
        share = metric[k] / (top[node.kind if M.aggregated in ("regions", "structure") else ""] or 1.0)
        brought = member_perspectives(perspectives.get(k), lang) if perspectives and node.kind == "network" else None
        rec = node_record(node, index, style.node_size(node.kind, share), cluster_of.get(k), brought)
        rec["x"], rec["y"] = pos[k]
        nodes.append(rec)
    given, findings = findings, list(findings or [])
    names, texts = shared_finding_texts(memo, G, given, findings, roles_only, lang)
    default_title = t("map.ui.levels_title" if view == "levels" else "map.ui.force_title", lang)
    meta = {"title": title or default_title, "lang": lang, "view": view, "colorBy": color_by, "sizeBy": size_by,
            "depth": depth, "physics": view == "force" and len(H) <= PHYSICS_MAX and M.aggregated != "structure",
            "aggregated": M.aggregated, "sourceNodes": M.total_nodes,
            "renderer": resolve_renderer(renderer, len(M.nodes)),
            "focusIndex": index[M.group_of[focus]] if focus is not None and focus in M.group_of else None,
            "notes": notes(G, M, roles_only, size_by, lang, settings)}
    return {
        "meta": meta, "text": texts_with_prefix("map.ui", lang), "nodes": nodes,
        "edges": [edge_record(e, index) for e in M.edges],
        "findings": finding_records(findings, M, index, names, lang, texts),
        "colors": color_tables(M, clusters, lang),
        "legend": legend(M, bool(findings), size_by, lang, has_overlap_pairs(findings)),
        "bands": band_records(bands, lang), "facets": facet_values(M, index, lang),
        "labels": label_tables(M, lang),
        "style": style.page_style(),
    }


def shared_finding_texts(memo: Callable, G: nx.MultiDiGraph, given: list[Finding] | None, findings: list[Finding],
                         roles_only: bool, lang: str) -> tuple[dict[str, str], list[tuple[Finding, dict]] | None]:
    """The hidden names and the findings' scrubbed texts (:func:`finding_texts`), computed once per run's maps
    for the same findings list (``given``, the caller's object)."""
    if not findings:
        return {}, None
    names = memo(("hidden_names",), lambda: hidden_names(G, roles_only, lang))
    kept = memo(("finding_texts", id(given)), lambda: (given, finding_texts(findings, names, lang)))
    return names, kept[1] if kept[0] is given else finding_texts(findings, names, lang)


def progress_reporter(progress: Callable[[str], None] | None, lang: str) -> Callable[..., None]:
    """``step(key, **params)``: hands the reader's text of a stage to ``progress`` (nothing without one)."""
    def step(key: str, **params: object) -> None:
        if progress is not None:
            progress(t(f"map.progress.{key}", lang, **params))
    return step


def write_map(G: nx.MultiDiGraph, path: str | Path, *, view: str = "levels", findings: list[Finding] | None = None,
              lang: str = "nl", roles_only: bool = False, focus: str | None = None, depth: int = 1,
              color_by: str = "level", size_by: str = "degree", title: str | None = None,
              aggregate: str = "auto", settings: Settings | None = None,
              progress: Callable[[str], None] | None = None, renderer: str = "auto",
              shared: SharedWork | None = None, perspectives: dict[str, dict[str, int]] | None = None) -> Path:
    """Write an interactive network map of ``G`` to ``path`` (one self-contained HTML file).

    Parameters
    ----------
    view : ``"levels"`` (bands I-IV; horizontal learning runs along a band, vertical
        learning crosses bands) or ``"force"`` (free layout).
    findings : :class:`~netmap.analysis.findings.Finding` objects to overlay.
    lang : ``"nl"`` (default) or ``"en"`` for every text on the page.
    roles_only : show people as their role; their names and ids never reach the file.
    focus, depth : draw only what lies within ``depth`` steps of node ``focus`` (an id, or a region's
        name: everything in that region is the start).
    color_by : ``level``, ``perspective``, ``type`` or ``community`` (switchable in the page).
    size_by : ``degree``, ``betweenness``, ``memberships``, ``members`` or ``none``.
    aggregate : ``auto`` (merge above :data:`~netmap.maps.mapgraph.AGGREGATE_AT` nodes),
        ``none``, ``organisations`` or ``regions``.
    settings : the analysis settings (communities and betweenness are computed as the analyses
        compute them; default :class:`~netmap.analysis.Settings()`).
    progress : called with a line of text (in ``lang``) as each stage starts, for long maps.
    renderer : ``auto`` (WebGL with sigma.js above :data:`~netmap.maps.mapgraph.WEBGL_AT` drawn
        nodes, else vis-network's canvas), ``canvas`` or ``webgl``; the page and its controls are the same.
    shared : work the maps of one run share (:class:`~netmap.maps.shared.SharedWork`); used only when it was
        made for ``G``, ``lang`` and ``roles_only``.
    perspectives : the analysis's perspectives per network or body (``Analysis.facts['perspectives']``): a
        network's details then say which perspectives its members and seat holders bring, beside its own.

    Returns
    -------
    Path
        The file written.
    """
    payload = build_map_payload(G, view=view, findings=findings, lang=lang, roles_only=roles_only, focus=focus,
                                depth=depth, color_by=color_by, size_by=size_by, title=title, aggregate=aggregate,
                                settings=settings, progress=progress, renderer=renderer, shared=shared,
                                perspectives=perspectives)
    progress_reporter(progress, lang)("page")
    return write_page(payload, path)
