"""Pictures and navigation of the report: charts drawn offline with matplotlib, a table of contents, map links.

The charts are PNG images embedded as ``data:`` URIs, so the report stays one file that
opens offline (its Content-Security-Policy allows images from ``data:`` only).
matplotlib is a dependency for this: a well-kept library draws a heatmap a reader
trusts, and it renders without a display or a browser (the Agg backend).

New blocks, rendered by :mod:`netmap.report.html` and :mod:`netmap.report.markdown`:
``("toc", title)``, ``("img", data_uri, alt)`` and ``("links", title, [(text, href)])``.
"""
from __future__ import annotations

import base64
import io
from collections import Counter

from netmap.analysis.common import level_label
from netmap.analysis.findings import AUDIENCES, SEVERITIES, Finding
from netmap.analysis.kinds import kind_title
from netmap.i18n import t
from netmap.model import LEVELS, PERSPECTIVES, perspective_label

Block = tuple
#: The maps `netmap run` writes beside the report: file name -> view.
MAP_FILES = {"kaart-niveaus.html": "levels", "kaart-netwerk.html": "force", "kaart-overlap.html": "overlap"}
SEVERITY_COLORS = {"high": "#c53030", "medium": "#dd6b20", "low": "#3182ce", "info": "#a0aec0"}


def _figure_png(fig) -> str:
    """A matplotlib figure as a PNG data URI (no timestamp or version in the file, so output is stable)."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def level_heatmap(matrix: dict[str, dict[str, int]], lang: str = "nl") -> str:
    """The level matrix (each tie once: diagonal and above) as a heatmap, a PNG data URI.

    >>> m = {a: {b: 0 for b in LEVELS} for a in LEVELS}; m["I"]["II"] = 3
    >>> level_heatmap(m).startswith("data:image/png;base64,")
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    order = list(LEVELS)  # rows and columns as in the table beside it
    values = np.full((4, 4), np.nan)
    for r, a in enumerate(order):
        for c, b in enumerate(order):
            if LEVELS.index(b) >= LEVELS.index(a):
                values[r, c] = matrix.get(a, {}).get(b, 0)
    fig, ax = plt.subplots(figsize=(5.6, 4.4))
    top = max(float(np.nanmax(values)) if np.isfinite(values).any() else 0.0, 1.0)
    image = ax.imshow(values, cmap="Blues", vmin=0, vmax=top)
    labels = [level_label(lv, lang, short=True) for lv in order]
    ax.set_xticks(range(4), labels, rotation=25, ha="right")
    ax.xaxis.tick_top()
    ax.set_xticklabels(labels, rotation=25, ha="left")
    ax.set_yticks(range(4), labels)
    for r in range(4):
        for c in range(4):
            if np.isfinite(values[r, c]):
                v = int(values[r, c])
                ax.text(c, r, str(v), ha="center", va="center", fontsize=13, fontweight="bold",
                        color="white" if v > top * 0.55 else "#1d232a")
    ax.set_title(t("charts.heatmap_title", lang), fontsize=12)
    from matplotlib.ticker import MaxNLocator

    fig.colorbar(image, ax=ax, shrink=0.8, ticks=MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _figure_png(fig)


def findings_chart(findings: list[Finding], lang: str = "nl") -> str | None:
    """Findings per kind as horizontal bars stacked by severity (None without findings)."""
    if not findings:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # a bar per audience and kind, grouped by audience (werkorganisatie, adviesraad, bureau)
    counts = Counter(((f.audience, f.kind), f.severity) for f in findings)
    kinds = sorted({(f.audience, f.kind) for f in findings},
                   key=lambda k: (AUDIENCES.index(k[0]), -sum(counts[(k, s)] for s in SEVERITIES)))
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(kinds) + 1.2))
    left = [0] * len(kinds)
    for sev in SEVERITIES:
        widths = [counts[(k, sev)] for k in kinds]
        if any(widths):
            ax.barh(range(len(kinds)), widths, left=left, color=SEVERITY_COLORS[sev],
                    label=t(f"report.severity_{sev}", lang))
            left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(range(len(kinds)), [f"{t(f'charts.audience_{a}', lang)} · {kind_title(k, lang)}" for a, k in kinds])
    ax.invert_yaxis()
    ax.set_title(t("charts.findings_title", lang), fontsize=12)
    ax.legend(loc="best", frameon=True, framealpha=0.9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _figure_png(fig)


#: the coverage grid shows at most this many networks and bodies: the bodies first, then the largest
COVERAGE_ROWS = 30


def coverage_grid(rows: list[tuple[str, dict[str, int]]], lang: str = "nl") -> str | None:
    """Perspective coverage per network or body as a grid: a row per network, a column per perspective,
    the number of members bringing it in the cell, an empty cell where nobody does (None without rows).

    >>> coverage_grid([("Adviesraad", {"ouders": 2, "onderzoek": 3})]).startswith("data:image/png;base64,")
    True
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    if not rows:
        return None
    columns = [p for p in PERSPECTIVES if any(p in r for _, r in rows)]
    columns += sorted({p for _, r in rows for p in r} - set(columns))
    if not columns:  # nobody brings any perspective: a grid of dashes says nothing the table does not
        return None
    values = np.array([[float(r.get(p, 0)) for p in columns] for _, r in rows])
    fig, ax = plt.subplots(figsize=(1.0 + 0.62 * len(columns) + 2.6, 0.34 * len(rows) + 1.6))
    shown = np.where(values > 0, values, np.nan)
    top = max(float(np.nanmax(shown)) if np.isfinite(shown).any() else 1.0, 1.0)
    ax.imshow(shown, cmap="Greens", vmin=0, vmax=top, aspect="auto")
    for r in range(len(rows)):
        for c in range(len(columns)):
            v = int(values[r, c])
            ax.text(c, r, str(v) if v else "–", ha="center", va="center", fontsize=9,
                    color=("white" if v > top * 0.55 else "#1d232a") if v else "#c53030")
    ax.set_xticks(range(len(columns)), [perspective_label(p, lang) for p in columns], rotation=40, ha="left")
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), [name for name, _ in rows])
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    ax.grid(which="minor", color="#e2e8f0", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    ax.set_title(t("charts.coverage_title", lang), fontsize=12, pad=12)
    return _figure_png(fig)


def coverage_rows(network_table: list[dict], names: dict[str, str]) -> list[tuple[str, dict[str, int]]]:
    """The rows of :func:`coverage_grid`: KBL's bodies first, then the largest networks, at most
    :data:`COVERAGE_ROWS`."""
    ordered = sorted(network_table, key=lambda r: (r.get("type") != "body", -int(r.get("members", 0)),
                                                   names.get(r["id"], r["id"])))
    return [(names.get(r["id"], r["id"]), dict(r.get("perspectives") or {})) for r in ordered[:COVERAGE_ROWS]]


def toc_block(lang: str) -> Block:
    """The table of contents (the HTML renderer fills it with the sections that follow)."""
    return ("toc", t("charts.toc", lang))


def map_links_blocks(maps: dict[str, str] | None, lang: str) -> list[Block]:
    """Links to the map files beside the report (relative, so the folder can be moved or shared whole)."""
    if not maps:
        return []
    links = [(t(f"charts.map_{view}", lang), name) for name, view in maps.items()]
    return [("h2", t("charts.maps", lang)), ("p", t("charts.maps_text", lang)), ("links", links)]


def finding_map_link(block: Block, maps: dict[str, str] | None) -> Block:
    """A finding block with its 7th field, ``(kind, rank)``, made the address of the map focused on it
    (the overlap map for an overlap finding, else the level map; ``#finding=rank``, relative), or cut off
    when no such map is written beside the report."""
    if len(block) < 7:
        return block
    kind, rank = block[6]
    by_view = {view: name for name, view in (maps or {}).items()}
    name = by_view.get("overlap") if kind == "network_overlap" and "overlap" in by_view else by_view.get("levels")
    if name is None or rank is None:
        return block[:6]
    return (*block[:6], f"{name}#finding={rank}")


def with_pictures(blocks: list[Block], level_matrix: dict[str, dict[str, int]], findings: list[Finding],
                  lang: str, maps: dict[str, str] | None = None,
                  coverage: list[tuple[str, dict[str, int]]] | None = None) -> list[Block]:
    """``blocks`` with a table of contents after the title, map links after the summary, the heatmap after
    the level matrix table, the findings chart after the summary's counts and the perspective coverage
    grid (``coverage``, see :func:`coverage_rows`) after the table of networks."""
    out: list[Block] = []
    h2_seen, after_matrix, chart = 0, False, findings_chart(findings, lang)
    matrix_title = t("report.level_matrix", lang)
    after_networks, networks_title = False, t("report.networks_table", lang)
    for block in blocks:
        if block[0] == "finding":
            block = finding_map_link(block, maps)
        if block[0] == "h2":
            h2_seen += 1
            if h2_seen == 2:  # the summary ends: maps and the findings chart come before the first section
                if chart:
                    out.append(("img", chart, t("charts.findings_alt", lang)))
                out += map_links_blocks(maps, lang)
        out.append(block)
        if block[0] == "h1":
            out.append(toc_block(lang))
        if block[0] == "h3" and block[1] == matrix_title:
            after_matrix = True
        elif after_matrix and block[0] == "table":
            out.append(("img", level_heatmap(level_matrix, lang), t("charts.heatmap_alt", lang)))
            after_matrix = False
        if block[0] == "h3" and block[1] == networks_title:
            after_networks = True
        elif after_networks and block[0] == "table":
            grid = coverage_grid(coverage or [], lang)
            if grid:
                out.append(("img", grid, t("charts.coverage_alt", lang)))
            after_networks = False
    return out
