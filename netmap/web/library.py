"""The one module of :mod:`netmap.web` that reaches into the library beyond its top-level entry points.

Keeping every such import here means the web layer follows a move in the library
by editing one file. Nothing here decides anything: each name is the library's
own rule (:mod:`netmap.privacy`) or label.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from netmap.analysis import analyse
from netmap.analysis.analyse import Analysis
from netmap.analysis.common import level_label as _level_label
from netmap.analysis.findings import AUDIENCES, SEVERITIES, Finding
from netmap.analysis.kinds import kind_label
from netmap.analysis.perspectives import unmet_requirements
from netmap.diff import DatasetDiff, compare_versions, pair_findings
from netmap.graph import build_graph
from netmap.i18n import t
from netmap.io.exports import DEFAULT_NAMES as EXPORT_NAMES
from netmap.io.exports import EXPORT_FORMATS, write_export
from netmap.maps import build_map_payload, write_map, write_overlap_map
from netmap.maps.html import render_page, to_script_json
from netmap.maps.text import type_label
from netmap.model import LEVELS, PERSPECTIVES, Dataset, perspective_label
from netmap.outputs import FINDINGS_FILE, FINDINGS_JSON, MAP_FILES, REPORT_FILE, REPORT_FILES
from netmap.privacy import is_hidden, pseudonyms, shown_label
from netmap.report import Triage, render_findings_html, render_html, render_markdown
from netmap.report.charts import coverage_chart, coverage_rows, level_heatmap
from netmap.report.diff import diff_blocks, diff_json, write_diff_map
from netmap.report.diff import render_html as render_diff_html
from netmap.runs import fingerprint

__all__ = [
    "AUDIENCES",
    "EXPORT_FORMATS",
    "EXPORT_NAMES",
    "FINDINGS_FILE",
    "FINDINGS_JSON",
    "LEVELS",
    "MAP_FILES",
    "PERSPECTIVES",
    "REPORT_FILE",
    "REPORT_FILES",
    "SEVERITIES",
    "Triage",
    "Analysis",
    "Dataset",
    "DatasetDiff",
    "Finding",
    "analyse",
    "build_graph",
    "build_map_payload",
    "compare_versions",
    "coverage_chart",
    "coverage_rows",
    "diff_blocks",
    "diff_json",
    "fingerprint",
    "hidden_pseudonyms",
    "is_hidden",
    "kind_label",
    "level_heatmap",
    "level_label",
    "node_hidden",
    "pair_findings",
    "perspective_label",
    "pseudonyms",
    "render_diff_html",
    "render_findings_html",
    "render_html",
    "render_markdown",
    "render_page",
    "shown_label",
    "t",
    "to_script_json",
    "type_label",
    "unmet_requirements",
    "write_diff_map",
    "write_export",
    "write_map",
    "write_overlap_map",
]


def node_hidden(G: nx.MultiDiGraph, node: str, roles_only: bool) -> bool:
    """The privacy policy for one node: private nodes always, people too in roles-only mode."""
    return is_hidden(G.nodes[node], roles_only)


def hidden_pseudonyms(G: nx.MultiDiGraph, roles_only: bool) -> dict[str, str]:
    """Hidden node -> the policy's pseudonym, for every node the service hides.

    The policy pseudonymises machine-readable output only when it is shared
    (``graph_pseudonyms``); the service treats all its JSON as shared, because a
    link to it is easily passed on, so private nodes get pseudonyms here too.
    """
    return pseudonyms(G.nodes(data=True), roles_only)


def level_label(level: str, lang: str) -> str:
    """'I Gezin en professionals': a level as the map legends and matrices name it."""
    return _level_label(level, lang, short=True)


def finding_kind_label(kind: str, lang: str) -> str:
    """A finding kind in the reader's language."""
    return kind_label(kind, lang)


def label_of(data: dict[str, Any], lang: str) -> str:
    """The label of a hidden node (role or type), never its name or id."""
    return shown_label(data, lang)
