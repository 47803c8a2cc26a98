"""Trends over all snapshots: the numbers from each snapshot's analysis, and charts of them.

The numbers are the library's (``Analysis.summary``, ``Analysis.facts``); the charts
are drawn by matplotlib as SVG on the server (offline, no script in the page), an
optional dependency (``pip install 'netmap[charts]'``): without it the Trends page
shows the same numbers as a table only.
"""
from __future__ import annotations

import io
import math
from typing import Any

from netmap.report.charts import CHART_TEXT_PT
from netmap.web import library as lib
from netmap.web.service import Service

CHARTS = ("ties", "findings", "coverage")
COLORS = ("#0b6e99", "#ef6c00", "#3f9142", "#c62828", "#6a1b9a", "#607d8b", "#f9a825", "#00838f", "#8d6e63",
          "#ad1457", "#283593", "#558b2f", "#4e342e", "#37474f")


def trend_rows(service: Service, lang: str) -> list[dict[str, Any]]:
    """One row per snapshot: ties by direction, open findings by kind, perspective coverage of the bodies."""
    rows = []
    for snapshot in service.snapshots():
        view = service.view(snapshot.id)
        assert view is not None
        summary = view.base.summary
        table = view.base.facts.get("network_table", [])
        lacking = {c["network"] for c in view.base.facts.get("composition", []) if c.get("check") == "perspective"}
        rows.append({"id": snapshot.id, "created": snapshot.created, "horizontal": summary.get("horizontal", 0),
                     "vertical": summary.get("vertical", 0), "findings": summary.get("findings", 0),
                     "by_kind": dict(summary.get("by_kind", {})), "networks": len(table),
                     "lacking": len(lacking),
                     "mean_perspectives": round(sum(r.get("perspective_count", 0) for r in table) / len(table), 2)
                     if table else 0.0})
    return rows


def tick_label(row: dict[str, Any], lang: str) -> str:
    """A chart's label for one snapshot: its number and, under it, its date as the table writes it."""
    from netmap.web.render import local_date_text

    return f"{row['id']}\n{local_date_text(row['created'], lang)}"


def charts_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def chart_svg(name: str, rows: list[dict[str, Any]], lang: str) -> bytes:
    """One trend chart as SVG bytes (text drawn as paths, no date in the file)."""
    fig = chart_figure(name, rows, lang)
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def chart_figure(name: str, rows: list[dict[str, Any]], lang: str):
    """The matplotlib figure of one trend chart: every text at least ``CHART_TEXT_PT``, the legend below
    the axes (never on the data), the figure as tall as its legend needs."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    def t(key: str, **params: object) -> str:
        return lib.t(f"web.{key}", lang, **params)

    labels = [tick_label(r, lang) for r in rows]
    x = list(range(len(rows)))
    fig = Figure(figsize=(7.5, 3.4), dpi=96, layout="constrained")
    ax = fig.add_subplot()
    if name == "ties":
        ax.plot(x, [r["horizontal"] for r in rows], marker="o", color=COLORS[0], label=t("direction_horizontal"))
        ax.plot(x, [r["vertical"] for r in rows], marker="s", color=COLORS[1], label=t("direction_vertical"))
        ax.set_title(t("trend_ties"))
    elif name == "findings":
        kinds = sorted({k for r in rows for k in r["by_kind"]})
        bottom = [0] * len(rows)
        for i, kind in enumerate(kinds):
            values = [r["by_kind"].get(kind, 0) for r in rows]
            ax.bar(x, values, bottom=bottom, color=COLORS[i % len(COLORS)], label=lib.finding_kind_label(kind, lang))
            bottom = [b + v for b, v in zip(bottom, values)]
        ax.set_title(t("trend_findings"))
    elif name == "coverage":
        ax.plot(x, [r["lacking"] for r in rows], marker="o", color=COLORS[3], label=t("trend_lacking"))
        ax.plot(x, [r["mean_perspectives"] for r in rows], marker="s", color=COLORS[2], label=t("trend_mean"))
        ax.set_title(t("trend_coverage"))
    else:
        raise ValueError(f"unknown chart {name!r}")
    if len(rows) > 5:  # dates in words are wider than ISO dates: slant them rather than let them overlap
        ax.set_xticks(x, labels, fontsize=CHART_TEXT_PT, rotation=30, ha="right")
    else:
        ax.set_xticks(x, labels, fontsize=CHART_TEXT_PT)
    ax.tick_params(axis="y", labelsize=CHART_TEXT_PT)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    handles, names = ax.get_legend_handles_labels()
    if names:
        # below the axes, in up to three columns: a legend of many finding kinds beside the axes would
        # squeeze the plot or run off the figure; each further row of it makes the figure taller
        ncol = min(len(names), 3 if max(map(len, names)) <= 30 else 2)
        fig.set_figheight(3.4 + 0.2 * math.ceil(len(names) / ncol))
        fig.legend(handles, names, loc="outside lower center", ncol=ncol, fontsize=CHART_TEXT_PT, frameon=False)
    return fig
