"""Every finding on one page (``bevindingen.html``): the way from the report to all of them.

At national scale the report shows, per kind, the top findings and a count of the rest
(grouped lines, ``report_max_per_kind``); this page lists every finding, per kind, as one
table row (priority, finding, involved, suggestion and, with maps beside it, a link to the map
focused on it). It is a separate file so that the report itself stays small and quick to
open: at scale 1 (2,251 findings) the report is about 0.4 MB and this page about 1.5 MB; a
collapsed ``<details>`` in the report would have carried the same bytes into every reading.
The page has the report's styles and Content-Security-Policy (no scripts, nothing loaded).
Names follow the privacy policy (:mod:`netmap.privacy`) as in the report.
"""
from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path

import networkx as nx

from netmap import privacy
from netmap.analysis.analyse import Analysis
from netmap.analysis.findings import AUDIENCES, SEVERITIES, Finding
from netmap.analysis.kinds import kind_title
from netmap.i18n import t
from netmap.io.safe import write_text
from netmap.report.charts import finding_map_link
from netmap.report.document import finding_ranks, involved_label, kinds_in_order
from netmap.report.html import page


def kind_anchor(kind: str) -> str:
    """The anchor of a kind's table on the page (``bevindingen.html#k-level_gap``)."""
    return "k-" + kind


def render_findings_html(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                         maps: dict[str, str] | None = None, report: str | None = None) -> str:
    """All findings, per audience and kind, as one self-contained HTML page.

    ``maps`` as for :func:`netmap.report.render_html` (each row links to the map focused on its
    finding); ``report``: the relative address of the report, linked at the top.
    """
    analysis = analysis.in_language(G, lang, roles_only)
    terms = privacy.hidden_terms(G.nodes(data=True), roles_only, lang)
    rank = finding_ranks(analysis.findings)
    by_kind: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in analysis.findings:
        by_kind[(f.audience, f.kind)].append(f)
    title = t("report.all_title", lang, n=len(analysis.findings))
    parts = [f"<h1>{escape(title)}</h1>", f"<p>{escape(t('report.all_text', lang))}</p>"]
    if report:
        parts.append(f'<p><a href="{escape(report, quote=True)}">{escape(t("report.all_back", lang))}</a></p>')
    toc, sections = [], []
    cols = [t(f"report.all_col_{c}", lang) for c in ("priority", "finding", "involved", "suggestion")]
    for audience in AUDIENCES:
        found = {k: fs for (a, k), fs in by_kind.items() if a == audience}
        for kind in kinds_in_order(found):
            items = sorted(found[kind], key=lambda f: (SEVERITIES.index(f.severity), rank.get(f.key, 0)))
            head = f"{t(f'charts.audience_{audience}', lang)} · {kind_title(kind, lang)} ({len(items)})"
            toc.append(f'<li><a href="#{kind_anchor(kind)}">{escape(privacy.scrub(head, terms))}</a></li>')
            rows = []
            for f in items:
                cells = privacy.scrub([t(f"report.severity_{f.severity}", lang), f.message,
                                       involved_label(G, f, lang, roles_only), f.suggestion], terms)
                link = finding_map_link(("finding", *[""] * 5, (f.kind, rank.get(f.key))), maps)
                on_map = (f' <a class="onmap" href="{escape(link[6], quote=True)}">{escape(t("report.on_map", lang))}'
                          "</a>" if len(link) > 6 else "")
                rows.append(f'<tr class="{escape(f.severity)}"><td>{escape(cells[0])}</td>'
                            f"<td>{escape(cells[1])}{on_map}</td><td>{escape(cells[2])}</td>"
                            f"<td>{escape(cells[3])}</td></tr>")
            head_row = "".join(f"<th>{escape(c)}</th>" for c in cols)
            sections.append(f'<h2 id="{kind_anchor(kind)}">{escape(privacy.scrub(head, terms))}</h2>'
                            f'<table class="all"><thead><tr>{head_row}</tr></thead><tbody>{"".join(rows)}'
                            "</tbody></table>")
    if toc:
        parts.append(f'<nav class="toc"><h2>{escape(t("charts.toc", lang))}</h2><ol>{"".join(toc)}</ol></nav>')
    else:
        parts.append(f"<p>{escape(t('report.none_found', lang))}</p>")
    return page(title, "\n".join(parts + sections), lang)


def write_findings_page(analysis: Analysis, G: nx.MultiDiGraph, path: str | Path, lang: str = "nl",
                        roles_only: bool = False, maps: dict[str, str] | None = None,
                        report: str | None = None) -> Path:
    """Write :func:`render_findings_html` to ``path`` and return the path written."""
    return write_text(Path(path), render_findings_html(analysis, G, lang, roles_only, maps, report), lang)
