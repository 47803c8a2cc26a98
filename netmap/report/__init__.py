"""The human report: Dutch by default (English with lang="en"), as Markdown or self-contained HTML.

>>> from netmap import build_graph, example_path, read_dataset
>>> from netmap.analysis import analyse
>>> G = build_graph(read_dataset(example_path()))
>>> render_markdown(analyse(G), G).startswith("# Leerverbindingen in kaart")
True
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from netmap import privacy
from netmap.analysis.analyse import Analysis
from netmap.io.safe import write_text
from netmap.report.charts import with_pictures
from netmap.report.document import build_document
from netmap.report.html import render_blocks_html
from netmap.report.markdown import render_blocks_md

__all__ = ["render_html", "render_markdown", "write_report"]
FORMATS = ("html", "md")


def _blocks(analysis: Analysis, G: nx.MultiDiGraph, lang: str, roles_only: bool,
            maps: dict[str, str] | None) -> list:
    """The document's blocks with the table of contents, the map links and the charts added."""
    blocks = privacy.scrub(build_document(analysis, G, lang, roles_only),  # hidden nodes named in free text
                           privacy.hidden_terms(G.nodes(data=True), roles_only, lang))
    return with_pictures(blocks, analysis.level_matrix, analysis.findings, lang, maps)


def render_markdown(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                    maps: dict[str, str] | None = None) -> str:
    """The report as Markdown."""
    return render_blocks_md(_blocks(analysis, G, lang, roles_only, maps), lang)


def render_html(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                maps: dict[str, str] | None = None) -> str:
    """The report as one self-contained HTML page (no scripts, no external resources).

    ``maps``: file name -> view (``levels``, ``force``, ``overlap``) of maps written beside the
    report; they are linked by relative address.
    """
    return render_blocks_html(_blocks(analysis, G, lang, roles_only, maps), lang)


def write_report(analysis: Analysis, G: nx.MultiDiGraph, path: str | Path, fmt: str = "html", lang: str = "nl",
                 roles_only: bool = False, maps: dict[str, str] | None = None) -> Path:
    """Write the report to ``path`` (folders created) and return the path written."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    render = render_html if fmt == "html" else render_markdown
    return write_text(Path(path), render(analysis, G, lang, roles_only, maps), lang)
