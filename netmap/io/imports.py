"""Imports: a map made in another tool -> a validated Dataset plus a report of what could not be mapped.

:func:`import_file` recognises the format from the path (or takes ``fmt``):

========== =====================================================================
format     input
========== =====================================================================
netmap     the netmap workbook (.xlsx), YAML, or a folder of table CSV files
kumu       a Kumu workbook (sheet ``Elements``) or Kumu JSON (``elements``)
graphml    GraphML (.graphml), e.g. from Gephi, yEd, Cytoscape or networkx
gexf       GEXF (.gexf) 1.1-1.3 from Gephi
json       JSON node-link (``nodes`` and ``links``/``edges``)
csv        a folder with ``nodes.csv`` and ``edges.csv`` (Gephi's spreadsheet headers)
========== =====================================================================

Everything except the netmap formats goes through a flat graph and
:func:`netmap.io.mapping.dataset_from_flat`, which reports what it had to drop.
"""
from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.io.kumu import read_kumu_json, read_kumu_xlsx, read_sheets
from netmap.io.mapping import ImportReport, dataset_from_flat
from netmap.io.readers import read_csv_file
from netmap.io.xmlgraph import ISSUES
from netmap.model import Dataset

IMPORT_FORMATS = ("netmap", "kumu", "graphml", "gexf", "json", "csv")
#: format -> the keys (``netmap/texts/import.yaml``) of what it cannot carry
_CANNOT_CARRY = {"gexf": ("cannot_carry_gexf",)}
_GEPHI_NODE = {"id": "id", "label": "label"}
_GEPHI_EDGE = {"source", "target", "type", "id", "label", "weight"}


def detect_format(path: str | Path) -> str:
    """The import format of ``path`` (see module docstring), from its suffix and, if needed, its content."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        names = {p.name.lower() for p in path.iterdir()}
        return "csv" if {"nodes.csv", "edges.csv"} <= names else "netmap"
    if suffix in (".graphml", ".gexf"):
        return suffix[1:]
    if suffix == ".json":
        return "kumu" if "elements" in _json(path) else "json"
    if suffix == ".xlsx" and path.exists():
        titles = {name.strip().lower() for name in read_sheets(path)}
        return "kumu" if "elements" in titles else "netmap"
    return "netmap"


def _json(path: Path, lang: str = "nl") -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as err:
        raise DataError([Problem(path.name, t("input.unreadable", lang, reason=err))], lang) from err
    if not isinstance(data, dict):
        raise DataError([Problem(path.name, t("input.unreadable", lang, reason="JSON object expected"))], lang)
    return data


def read_graph_file(path: str | Path, fmt: str, lang: str = "nl") -> nx.MultiDiGraph:
    """Read a graph file of format ``fmt`` (not ``netmap``) into a flat, directed multigraph."""
    path = Path(path)
    if not path.exists():
        raise DataError([Problem(str(path), t("input.no_such_path", lang))], lang)
    from netmap.io.gexf import read_gexf
    from netmap.io.graphml import read_graphml

    readers = {"graphml": lambda: read_graphml(path, lang),
               "gexf": lambda: read_gexf(path, lang),
               "json": lambda: _node_link(path, lang),
               "csv": lambda: _node_edge_csv(path, lang),
               "kumu": lambda: read_kumu_json(path, lang) if path.suffix.lower() == ".json"
               else read_kumu_xlsx(path, lang)}
    with library_notes(lang) as notes:
        try:
            H = readers[fmt]()
        except (ET.ParseError, nx.NetworkXError, KeyError, ValueError, TypeError, IndexError) as err:
            raise DataError([Problem(path.name, t("input.unreadable", lang, reason=err))], lang) from err
    H = _directed(H)
    H.graph[ISSUES] = [*H.graph.get(ISSUES, []), *notes]
    return H


@contextmanager
def library_notes(lang: str) -> Iterator[list[str]]:
    """Catch the warnings a reading library (openpyxl, networkx) would print; yield them as report notes.

    The raw warning text is English library talk ("Unknown extension is not supported and will
    be removed"); the user gets one Dutch line per kind of warning, saying what was not kept.
    """
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield notes
    kinds: dict[str, int] = {}
    for warning in caught:
        module = getattr(warning, "filename", "") or ""
        key = "excel_extension" if "openpyxl" in module or "extension" in str(warning.message).lower() \
            else "library_warning"
        kinds[key] = kinds.get(key, 0) + 1
    notes.extend(t(f"import.{key}", lang, n=n) for key, n in kinds.items())


def _directed(H: nx.Graph) -> nx.MultiDiGraph:
    """A directed multigraph with every edge once (an undirected edge keeps its written direction)."""
    if H.is_directed() and H.is_multigraph():
        return H
    D = nx.MultiDiGraph(**H.graph)
    D.graph["netmap_undirected"] = not H.is_directed()
    D.add_nodes_from(H.nodes(data=True))
    D.add_edges_from((u, v, dict(d)) for u, v, d in H.edges(data=True))
    return D


def _node_link(path: Path, lang: str) -> nx.MultiDiGraph:
    data = _json(path, lang)
    edges = "links" if "links" in data else "edges"
    data.setdefault("directed", True)
    data.setdefault("multigraph", True)
    return nx.node_link_graph(data, edges=edges, multigraph=True, directed=True)


def _node_edge_csv(folder: Path, lang: str) -> nx.MultiDiGraph:
    problems: list[Problem] = []
    tables = {name: read_csv_file(folder / f"{name}.csv", name, problems, lang)
              for name in ("nodes", "edges", "requirements") if (folder / f"{name}.csv").exists()}
    if problems:
        raise DataError(problems, lang)
    read = {name: table for name, table in tables.items() if table is not None}  # None only with a problem
    H = nx.MultiDiGraph()
    for _, row in read["nodes"].rows:
        attrs = {_GEPHI_NODE.get(k.lower(), k): v for k, v in row.items() if v != ""}
        H.add_node(str(attrs.pop("id", "")).strip(), **attrs)
    for _, row in read["edges"].rows:
        lowered = {k.lower(): v for k, v in row.items()}
        attrs = {k: v for k, v in row.items() if v != "" and k.lower() not in _GEPHI_EDGE}
        if attrs.get("rel", "tie") == "tie" and lowered.get("weight"):
            attrs["weight"] = lowered["weight"]
        H.add_edge(lowered.get("source", "").strip(), lowered.get("target", "").strip(), **attrs)
    if "requirements" in read:
        H.graph["netmap_requirements"] = [row for _, row in read["requirements"].rows]
    return H


def import_file(path: str | Path, fmt: str | None = None, lang: str = "nl") -> tuple[Dataset, ImportReport]:
    """Read ``path`` (format detected unless ``fmt`` is given) into a validated Dataset and a report.

    Raises :class:`~netmap.errors.DataError` if the file cannot be read, or if what
    could be mapped does not validate.
    """
    path = Path(path)
    if fmt is None:
        with library_notes(lang):  # detection opens the file too; its warnings come again when it is read
            fmt = detect_format(path)
    if fmt not in IMPORT_FORMATS:
        raise ValueError(f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}")
    if fmt == "netmap":
        from netmap.dataset import read_dataset

        with library_notes(lang) as notes:
            dataset = read_dataset(path, lang=lang)
        report = ImportReport(source=path.name, format=fmt, issues=notes)
    else:
        dataset, report = dataset_from_flat(read_graph_file(path, fmt, lang), path.name, fmt, lang)
    report.counts = {k: v for k, v in dataset.counts().items() if v}
    report.cannot_carry = [t(f"import.{key}", lang) for key in _CANNOT_CARRY.get(fmt, ())]
    return dataset, report
