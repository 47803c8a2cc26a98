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
from netmap.analysis.common import label
from netmap.i18n import t
from netmap.io.safe import write_text
from netmap.report.charts import coverage_rows, with_pictures
from netmap.report.document import build_document
from netmap.report.html import render_blocks_html
from netmap.report.markdown import render_blocks_md

__all__ = ["DEFINITIONS_FILE", "render_definitions_html", "render_html", "render_markdown", "write_definitions",
           "write_report"]
FORMATS = ("html", "md")


#: the definitions page `netmap run` writes beside the report (the report links to it by this relative name)
DEFINITIONS_FILE = "definities.html"


def _blocks(analysis: Analysis, G: nx.MultiDiGraph, lang: str, roles_only: bool,
            maps: dict[str, str] | None, definitions: str | None = None) -> list:
    """The document's blocks with the table of contents, the map links and the charts added."""
    blocks = privacy.scrub(build_document(analysis, G, lang, roles_only, definitions),  # hidden names in free text
                           privacy.hidden_terms(G.nodes(data=True), roles_only, lang))
    names = {row["id"]: label(G, row["id"], roles_only, lang) for row in analysis.facts.get("network_table", [])}
    coverage = coverage_rows(analysis.facts.get("network_table", []), names)
    return with_pictures(blocks, analysis.level_matrix, analysis.findings, lang, maps, coverage)


def render_markdown(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                    maps: dict[str, str] | None = None, definitions: str | None = None) -> str:
    """The report as Markdown."""
    return render_blocks_md(_blocks(analysis, G, lang, roles_only, maps, definitions), lang)


def render_html(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                maps: dict[str, str] | None = None, definitions: str | None = None) -> str:
    """The report as one self-contained HTML page (no scripts, no external resources).

    ``maps``: file name -> view (``levels``, ``force``, ``overlap``) of maps written beside the
    report; they are linked by relative address, and each finding links to the map focused on it.
    ``definitions``: the relative address of the definitions page written beside the report
    (:func:`write_definitions`); without it the report points to the copy in the installed package.
    """
    return render_blocks_html(_blocks(analysis, G, lang, roles_only, maps, definitions), lang)


def write_report(analysis: Analysis, G: nx.MultiDiGraph, path: str | Path, fmt: str = "html", lang: str = "nl",
                 roles_only: bool = False, maps: dict[str, str] | None = None,
                 definitions: str | None = None) -> Path:
    """Write the report to ``path`` (folders created) and return the path written."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    render = render_html if fmt == "html" else render_markdown
    return write_text(Path(path), render(analysis, G, lang, roles_only, maps, definitions), lang)


def render_definitions_html(lang: str = "nl") -> str:
    """The definitions of every measure and kind of finding (``docs/analyses.md``, shipped in the package)
    as one self-contained HTML page with the report's styles, so a report folder sent on keeps them."""
    from importlib import resources

    from markdown_it import MarkdownIt

    from netmap.report.html import page

    text = (resources.files("netmap") / "docs" / "analyses.md").read_text(encoding="utf-8")
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)  # raw HTML in it stays text
    return page(t("report.definitions_title", lang), body, lang)


def write_definitions(path: str | Path, lang: str = "nl") -> Path:
    """Write :func:`render_definitions_html` to ``path`` and return it."""
    return write_text(Path(path), render_definitions_html(lang), lang)
