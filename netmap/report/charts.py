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
SEVERITY_COLORS = {"high": "#c53030", "medium": "#dd6b20", "low": "#3182ce", "info": "#a0aec0"}
#: The smallest text of every chart (report and Trends), in points: legible on a meeting room's projector.
CHART_TEXT_PT = 9


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


def coverage_rows(analysis, G) -> tuple[list[str], list[dict]]:
    """Networks and bodies x perspectives, from the analysis's facts and the rules: the perspective codes in
    order, and per network ``{"network", "counts", "missing", "prescribed", "needs", "seats"}``: members
    bringing each perspective; the perspectives a rule asks for that no member brings; those its rule
    prescribes (any one of a multi-perspective cell); the unmet perspective requirements (count 0) and the
    empty or short prescribed seats (composition facts, :func:`netmap.analysis.perspectives.unmet_requirements`).
    A seat (on behalf of ZonMw, say) is never a missing perspective.

    >>> from netmap import build_graph, example_path, read_dataset
    >>> from netmap.analysis import analyse
    >>> G = build_graph(read_dataset(example_path())); codes, rows = coverage_rows(analyse(G), G)
    >>> row = next(r for r in rows if r["network"] == "kbl_adviesraad"); sorted(row["missing"])
    ['ouders']
    >>> "jongeren" in row["prescribed"] and "ouders" in row["prescribed"]
    True
    """
    from netmap.analysis.perspectives import composition_rules, unmet_requirements

    present = analysis.facts.get("perspectives", {})
    needs, seats = unmet_requirements(analysis.facts.get("composition", []))
    rules = composition_rules(G, analysis.settings)
    codes = list(PERSPECTIVES) + sorted({p for ps in present.values() for p in ps} - set(PERSPECTIVES))
    rows = []
    for net, counts in present.items():
        if net not in G:
            continue
        prescribed = {p for req in rules.get(net, {}).get("requires", ()) for p in req.get("perspectives") or ()}
        missing = {p for fact in needs.get(net, ()) for p in fact["requirement"]["perspectives"] if not counts.get(p)}
        rows.append({"network": net, "counts": dict(counts), "missing": missing, "prescribed": prescribed,
                     "needs": needs.get(net, []), "seats": seats.get(net, [])})
    return codes, rows


def seat_text(G, fact: dict, roles_only: bool, lang: str) -> str:
    """An empty or short prescribed seat for the coverage table: '1 van ZonMw: 0 van 1 bezet'.

    Named by the rule's label or note, else by the organisations (or types) it may be held for."""
    from netmap.analysis.common import label
    from netmap.analysis.perspectives import rule_words

    req = fact["requirement"]
    name = rule_words(req.get("label"), lang) or rule_words(req.get("note"), lang)
    if not name:
        held_for = [label(G, n, roles_only, lang) for n in req.get("allowed") or ()][:4]
        name = ", ".join(held_for or [*req.get("represents_type", ()), *req.get("represents", ())])
    return t("charts.coverage_seat", lang, seat=name, n=fact["count"], min=req["min_count"])


#: the coverage chart draws at most this many networks (those missing most first); the table has them all
COVERAGE_CHART_ROWS = 25


def coverage_chart(rows: list[dict], codes: list[str], labels: dict[str, str], lang: str = "nl") -> str | None:
    """The perspective-coverage grid (rows from :func:`coverage_rows`) as a PNG data URI, None without rows."""
    fig = coverage_figure(rows, codes, labels, lang)
    return _figure_png(fig) if fig is not None else None


def coverage_figure(rows: list[dict], codes: list[str], labels: dict[str, str], lang: str = "nl"):
    """The matplotlib figure of :func:`coverage_chart` (None without rows).

    A cell's shade is the number of members bringing the perspective; a red hatched cell is
    missing (required, absent); a dark frame marks a perspective its rule prescribes.
    ``labels``: network id -> the name to show (the caller applies privacy).
    """
    if not rows:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Patch, Rectangle

    shown = sorted(rows, key=lambda r: -len(r["missing"]) - len(r.get("seats", ())))[:COVERAGE_CHART_ROWS] \
        if len(rows) > COVERAGE_CHART_ROWS else rows
    values = np.array([[r["counts"].get(p, 0) for p in codes] for r in shown], dtype=float)
    fig, ax = plt.subplots(figsize=(7.6, 0.32 * len(shown) + 2.4))
    top = max(float(values.max()), 1.0)
    masked = np.ma.masked_equal(values, 0)
    ax.imshow(masked, cmap="Blues", vmin=0, vmax=top, aspect="auto")
    for r, row in enumerate(shown):
        for c, p in enumerate(codes):
            v = int(values[r, c])
            if p in row["missing"]:
                ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor="#fde2e2", edgecolor="#c53030",
                                       hatch="///", linewidth=0.8))
            elif p in row["prescribed"]:
                ax.add_patch(Rectangle((c - 0.45, r - 0.45), 0.9, 0.9, fill=False, edgecolor="#1d232a", linewidth=1.4))
            if v:
                ax.text(c, r, str(v), ha="center", va="center", fontsize=CHART_TEXT_PT,
                        color="white" if v > top * 0.55 else "#1d232a")
    names = [labels.get(r["network"], r["network"]) for r in shown]
    names = [n if len(n) <= 38 else n[:37] + "…" for n in names]
    # names from the data are text, never matplotlib mathtext ("$...$" would be parsed, or fail)
    ax.set_yticks(range(len(shown)), [plain_text(n) for n in names], fontsize=CHART_TEXT_PT)
    ax.set_xticks(range(len(codes)), [perspective_label(p, lang) for p in codes], rotation=40, ha="left",
                  fontsize=CHART_TEXT_PT)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.5, len(codes) - 0.5)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    title = t("charts.coverage_title", lang)
    if len(shown) < len(rows):
        title += "\n" + t("charts.coverage_top", lang, n=len(shown), total=len(rows))
    ax.set_title(title, fontsize=11, pad=12)
    ax.legend(handles=[Patch(facecolor="#9ecae1", label=t("charts.coverage_present", lang)),
                       Patch(facecolor="#fde2e2", edgecolor="#c53030", hatch="///",
                             label=t("charts.coverage_missing", lang)),
                       Patch(fill=False, edgecolor="#1d232a", label=t("charts.coverage_prescribed", lang))],
              loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3, frameon=False, fontsize=CHART_TEXT_PT)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    return fig


def plain_text(text: str) -> str:
    r"""A label from the data for matplotlib: dollar signs escaped, so it is drawn as it is, never as mathtext.

    >>> plain_text("a $x$ b")
    'a \\$x\\$ b'
    """
    return text.replace("$", r"\$")


def coverage_blocks(analysis, G, lang: str, roles_only: bool, draw: bool = True) -> list[Block]:
    """The report's coverage section: the chart and, for screen readers and print, the numbers as a table.

    ``draw=False``: the same blocks with an empty picture (for a format that shows no pictures, as Markdown)."""
    from netmap.analysis.common import label
    from netmap.analysis.perspectives import requirement_label

    codes, rows = coverage_rows(analysis, G)
    labels = {r["network"]: label(G, r["network"], roles_only, lang) for r in rows}
    chart = coverage_chart(rows, codes, labels, lang) if draw else ("" if rows else None)
    if chart is None:
        return []
    # one row per network, the perspectives as text: a table as wide as the page, read in order; a prescribed
    # seat has a column of its own, so nobody reads the ZonMw seat as a perspective
    table = [[labels[r["network"]],
              "; ".join(f"{perspective_label(p, lang)}: {r['counts'][p]}" for p in codes if r["counts"].get(p)),
              "; ".join(dict.fromkeys(requirement_label(f["requirement"], lang) for f in r["needs"])),
              "; ".join(seat_text(G, f, roles_only, lang) for f in r["seats"])] for r in rows]
    blocks: list[Block] = [("h3", t("charts.coverage_title", lang)), ("p", t("charts.coverage_text", lang)),
                           ("img", chart, t("charts.coverage_alt", lang))]
    if len(table) > COVERAGE_TABLE_ROWS:
        table = [table[i] for i, r in enumerate(rows) if r["needs"] or r["seats"]][:COVERAGE_TABLE_ROWS]
        blocks.append(("p", t("charts.coverage_table_top", lang, n=len(table), total=len(rows))))
    blocks.append(("table", [t("report.col_network", lang), t("charts.coverage_col_present", lang),
                             t("charts.coverage_col_missing", lang), t("charts.coverage_col_seats", lang)], table))
    return blocks


#: the report's coverage table lists at most this many networks (at national scale: those missing something)
COVERAGE_TABLE_ROWS = 50


def findings_chart(findings: list[Finding], lang: str = "nl") -> str | None:
    """Findings per audience and kind as horizontal bars stacked by severity, each with its count
    (None without findings): :func:`findings_figure` as a PNG data URI."""
    fig = findings_figure(findings, lang)
    return _figure_png(fig) if fig is not None else None


def findings_figure(findings: list[Finding], lang: str = "nl"):
    """The matplotlib figure of :func:`findings_chart` (None without findings); its legend sits below
    the axes, never on a bar.

    At national scale one kind can outnumber the rest a hundred times (2,202 networks on one
    level beside a handful of weak spots): then the axis ends a little past the second-longest
    bar, the longest is cut off there with a break mark and its count written on it, so every
    other bar stays readable.
    """
    if not findings:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # a bar per audience and kind, grouped by audience (werkorganisatie, adviesraad, bureau)
    counts = Counter(((f.audience, f.kind), f.severity) for f in findings)
    kinds = bar_order(findings, counts)
    totals = [sum(counts[(k, s)] for s in SEVERITIES) for k in kinds]
    limit = axis_limit(totals)
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(kinds) + 1.6), layout="constrained")
    left = [0] * len(kinds)
    for sev in SEVERITIES:
        widths = [counts[(k, sev)] for k in kinds]
        if any(widths):
            shown = [max(0.0, min(w, limit - x)) for w, x in zip(widths, left)]  # cut at the axis end
            ax.barh(range(len(kinds)), shown, left=left, color=SEVERITY_COLORS[sev],
                    label=t(f"report.severity_{sev}", lang))
            left = [a + b for a, b in zip(left, widths)]
    for i, total in enumerate(totals):
        if total > limit:  # the cut bar: a white break mark and its count inside its end
            ax.text(limit * 0.985, i, f"{total} ≫", ha="right", va="center", fontsize=10, fontweight="bold",
                    color="white")
        else:
            ax.text(total + limit * 0.01, i, str(total), ha="left", va="center", fontsize=CHART_TEXT_PT,
                    color="#1d232a")
    ax.set_xlim(0, limit)
    ax.set_yticks(range(len(kinds)), [f"{t(f'charts.audience_{a}', lang)} · {kind_title(k, lang)}" for a, k in kinds])
    ax.invert_yaxis()
    title = t("charts.findings_title", lang)
    if max(totals) > limit:
        title += "\n" + t("charts.findings_cut", lang)
    ax.set_title(title, fontsize=12)
    handles, names = ax.get_legend_handles_labels()  # in the ticks' size (10 pt), below the axes
    fig.legend(handles, names, loc="outside lower center", ncol=len(names), frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def bar_order(findings: list[Finding], counts: Counter | None = None) -> list[tuple[str, str]]:
    """The findings chart's bars, (audience, kind) from top to bottom: by audience, then most findings first,
    then by kind (so equal counts keep one order in every process, whatever its string hashing).

    >>> fs = [Finding(k, [s], "low", "") for k, s in (("b_kind", "x"), ("a_kind", "y"), ("c_kind", "z"),
    ...                                                  ("c_kind", "w"))]
    >>> bar_order(fs)
    [('werkorganisatie', 'c_kind'), ('werkorganisatie', 'a_kind'), ('werkorganisatie', 'b_kind')]
    """
    counts = counts if counts is not None else Counter(((f.audience, f.kind), f.severity) for f in findings)
    return sorted({(f.audience, f.kind) for f in findings},
                  key=lambda k: (AUDIENCES.index(k[0]), -sum(counts[(k, s)] for s in SEVERITIES), k[1]))


def axis_limit(totals: list[int]) -> float:
    """Where the findings chart's axis ends: past the longest bar, or, when the longest is more than
    four times the next, a little past the next (the longest is then drawn cut off).

    >>> axis_limit([10, 8, 1]), axis_limit([2202, 23, 8]), axis_limit([5])
    (11.5, 32.2, 5.75)
    """
    ordered = sorted(totals, reverse=True)
    if len(ordered) > 1 and ordered[0] > 4 * max(ordered[1], 1):
        return round(max(ordered[1], 1) * 1.4, 2)
    return round(max(ordered[0], 1) * 1.15, 2)


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
                  lang: str, maps: dict[str, str] | None = None, coverage: list[Block] | None = None,
                  draw: bool = True) -> list[Block]:
    """``blocks`` with a table of contents after the title, map links after the summary, the heatmap after
    the level matrix table, the findings chart after the summary's counts and the ``coverage`` blocks
    (:func:`coverage_blocks`) after the per-network table. ``draw=False``: the same blocks with empty
    pictures, nothing drawn (for a format that shows no pictures, as Markdown)."""
    out: list[Block] = []
    chart = findings_chart(findings, lang) if draw else ("" if findings else None)
    h2_seen, after_matrix = 0, False
    matrix_title = t("report.level_matrix", lang)
    networks_title, after_networks = t("report.networks_table", lang), False
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
            out.append(("img", level_heatmap(level_matrix, lang) if draw else "", t("charts.heatmap_alt", lang)))
            after_matrix = False
        if block[0] == "h3" and block[1] == networks_title:
            after_networks = True
        elif after_networks and block[0] == "table":
            out += coverage or []
            after_networks = False
    return out
