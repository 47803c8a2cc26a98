"""The human report: Dutch by default (English with lang="en"), as Markdown or self-contained HTML.

>>> from netmap import build_graph, example_path, read_dataset
>>> from netmap.analysis import analyse
>>> G = build_graph(read_dataset(example_path()))
>>> render_markdown(analyse(G), G).startswith("# Leerverbindingen in kaart")
True
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx

from netmap import privacy
from netmap.analysis.analyse import Analysis
from netmap.dates import date_text
from netmap.i18n import t
from netmap.io.safe import write_text
from netmap.outputs import DEFINITIONS_FILE, FINDINGS_FILE
from netmap.report.charts import coverage_blocks, with_pictures
from netmap.report.document import build_document
from netmap.report.findings_page import render_findings_html, write_findings_page
from netmap.report.html import render_blocks_html
from netmap.report.markdown import render_blocks_md

__all__ = ["DEFINITIONS_FILE", "FINDINGS_FILE", "render_definitions_html", "render_findings_html", "render_html",
           "render_markdown", "write_definitions", "write_findings_page", "write_report"]
FORMATS = ("html", "md")




#: a finding's triage as the service keeps it: ``Finding.key`` -> status, author, at, reason (netmap serve)
Triage = Mapping[tuple[str, tuple[str, ...]], Mapping[str, Any]]


def _blocks(analysis: Analysis, G: nx.MultiDiGraph, lang: str, roles_only: bool,
            maps: dict[str, str] | None, triage: Triage | None = None, definitions: str | None = None,
            full_list: str | None = None, draw: bool = True) -> list:
    """The document's blocks with the table of contents, the map links and the charts added (``draw=False``:
    empty pictures, for Markdown, which shows none).

    With ``triage``, the sections list the open findings and one section lists the triaged
    ones with their status, by whom and why."""
    analysis = analysis.in_language(G, lang, roles_only)
    triaged = [(f, triage[f.key]) for f in analysis.findings
               if triage and f.key in triage and triage[f.key].get("status", "open") != "open"]
    if triaged:
        done = {f.key for f, _ in triaged}
        analysis = replace(analysis, findings=[f for f in analysis.findings if f.key not in done])
    blocks = build_document(analysis, G, lang, roles_only, definitions, full_list)
    if triaged:
        blocks = _with_triaged(blocks, triaged, G, lang, roles_only)
    blocks = privacy.scrub(blocks,  # hidden nodes named in free text
                           privacy.hidden_terms(G.nodes(data=True), roles_only, lang))
    return with_pictures(blocks, analysis.level_matrix, analysis.findings, lang, maps,
                         coverage=coverage_blocks(analysis, G, lang, roles_only, draw), draw=draw)


def _with_triaged(blocks: list, triaged: list, G: nx.MultiDiGraph, lang: str, roles_only: bool) -> list:
    """A note in the summary and, before the level section, the triaged findings as a table."""
    from netmap.report.document import involved_label

    rows = [[t(f"report.triage_status_{state['status']}", lang), f.message, involved_label(G, f, lang, roles_only),
             str(state.get("author") or ""), date_text(state.get("at"), lang), str(state.get("reason") or "")]
            for f, state in triaged]
    columns = [t(f"report.triaged_col_{c}", lang) for c in ("status", "finding", "involved", "by", "at", "reason")]
    section: list[tuple] = [("h2", t("report.triaged_section", lang)),
                            ("p", t("report.triaged_text", lang, n=len(rows))), ("table", columns, rows)]
    out: list[tuple] = []
    h2_seen, placed = 0, False
    levels_title = t("report.levels_section", lang)
    for block in blocks:
        if block[0] == "h2":
            h2_seen += 1
            if h2_seen == 2:
                out.append(("note", t("report.triaged_note", lang, n=len(rows))))
            if block[1] == levels_title and not placed:
                out += section
                placed = True
        out.append(block)
    return out if placed else out + section


def render_markdown(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                    maps: dict[str, str] | None = None, triage: Triage | None = None,
                    definitions: str | None = None, full_list: str | None = None) -> str:
    """The report as Markdown (``triage``, ``definitions``, ``full_list``: see :func:`render_html`)."""
    # Markdown shows no pictures (render_blocks_md skips them): none is drawn
    return render_blocks_md(_blocks(analysis, G, lang, roles_only, maps, triage, definitions, full_list,
                                    draw=False), lang)


def render_html(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                maps: dict[str, str] | None = None, triage: Triage | None = None,
                definitions: str | None = None, full_list: str | None = None) -> str:
    """The report as one self-contained HTML page (no scripts, no external resources).

    ``maps``: file name -> view (``levels``, ``force``, ``overlap``) of maps written beside the
    report; they are linked by relative address. ``triage``: ``Finding.key`` -> ``{"status",
    "author", "at", "reason"}`` (netmap serve): the report lists the open findings in its
    sections and the triaged ones, with status, by whom and why, in a section of their own.
    With ``maps``, each finding links to the map focused on it. ``definitions``: the relative address
    of the definitions page written beside the report (:func:`write_definitions`); without it the
    report points to the copy in the installed package. ``full_list``: the relative address of the page
    with every finding (:func:`write_findings_page`, ``bevindingen.html``): where the report shows a
    kind's top findings and counts the rest, it links to that kind's part of the page; without it the
    report points to ``bevindingen.json``.
    """
    return render_blocks_html(_blocks(analysis, G, lang, roles_only, maps, triage, definitions, full_list), lang)


def write_report(analysis: Analysis, G: nx.MultiDiGraph, path: str | Path, fmt: str = "html", lang: str = "nl",
                 roles_only: bool = False, maps: dict[str, str] | None = None,
                 definitions: str | None = None, full_list: str | None = None) -> Path:
    """Write the report to ``path`` (folders created) and return the path written."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    render = render_html if fmt == "html" else render_markdown
    return write_text(Path(path), render(analysis, G, lang, roles_only, maps, definitions=definitions,
                                         full_list=full_list), lang)


#: the Dutch text's pointer to the English one, which an English page (English first) leaves out
_ENGLISH_BELOW = "*An English version follows below.*\n"


def render_definitions_html(lang: str = "nl") -> str:
    """The definitions of every measure and kind of finding (``docs/analyses.md``, shipped in the package)
    as one self-contained HTML page with the report's styles, so a report folder sent on keeps them.
    The file holds the Dutch text, then the English one (from its ``# ... (English)`` heading): an English
    page opens with the English text, the Dutch follows."""
    from importlib import resources

    from markdown_it import MarkdownIt

    from netmap.report.html import page

    text = (resources.files("netmap") / "docs" / "analyses.md").read_text(encoding="utf-8")
    if lang == "en":
        dutch, english = re.split(r"^---\n+(?=# .*\(English\)$)", text, maxsplit=1, flags=re.MULTILINE)
        dutch = dutch.replace(_ENGLISH_BELOW, "")  # the English is above it now
        text = f"{english.rstrip()}\n\n---\n\n{dutch.strip()}\n"
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)  # raw HTML in it stays text
    return page(t("report.definitions_title", lang), body, lang)


def write_definitions(path: str | Path, lang: str = "nl") -> Path:
    """Write :func:`render_definitions_html` to ``path`` and return it."""
    return write_text(Path(path), render_definitions_html(lang), lang)
