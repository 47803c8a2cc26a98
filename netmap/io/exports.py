"""Exports for the tools people already use: Gephi, Kumu, Neo4j, spreadsheets, scripts.

One entry point, :func:`write_export`, writes a Dataset in one of
:data:`EXPORT_FORMATS`; ``roles_only=True`` applies privacy mode
(:func:`netmap.privacy.apply_privacy`) first, so it holds for every format.

======== ============================================ ==========================================
format   file                                         what it cannot carry
======== ============================================ ==========================================
graphml  GraphML (networkx, Gephi, yEd, Cytoscape)    everything is carried
gexf     GEXF 1.2draft (Gephi)                        composition requirements
json     JSON node-link (networkx, D3)                everything is carried
csv      nodes.csv + edges.csv (+ requirements.csv)   everything is carried
cypher   a Cypher script that rebuilds the graph      (export only)
kumu     Kumu workbook (Elements, Connections)        everything (requirements on an ignored sheet)
xlsx     the netmap input workbook                    everything is carried
======== ============================================ ==========================================

"Everything" means the seven input tables; the round-trip tests check it per format.

GEXF is written as 1.2draft (namespace ``http://www.gexf.net/1.2draft``, ``version="1.2"``), the version
current Gephi (0.10) reads completely and networkx, igraph-based tools and sigma.js read too; 1.3, which
Gephi 0.10 writes, adds nothing netmap uses (it changes dynamics and colours) and networkx cannot read it.
The suite validates every export against the official 1.2draft schema.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.io.cells import csv_escape, xlsx_text
from netmap.io.flat import REQUIREMENTS_KEY, name_attr, requirement_rows, to_flat_graph
from netmap.io.safe import atomic_folder, ensure_folder, save_with, strict_json, write_text
from netmap.model import Dataset
from netmap.privacy import apply_privacy

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "cypher", "kumu", "xlsx")
#: The file (or folder, for csv) each format gets when the caller names only a folder.
DEFAULT_NAMES = {
    "graphml": "netmap.graphml", "gexf": "netmap.gexf", "json": "netmap.json", "csv": "netmap-csv",
    "cypher": "netmap.cypher", "kumu": "netmap-kumu.xlsx", "xlsx": "netmap-invoer.xlsx",
}
NODE_HEADER = ("Id", "Label")
EDGE_HEADER = ("Source", "Target", "Type", "Id", "Label", "Weight")
GEXF_VERSION = "1.2draft"
_GRAPH_NAME = re.compile(r'(<graph\b[^>]*?) name="[^"]*"')


def write_graphml(dataset: Dataset, path: str | Path) -> Path:
    """Write GraphML with every attribute typed (string, long, double, boolean); return the path.

    Requirements travel as the graph attribute ``netmap_requirements`` (JSON text).
    """
    H = _xml_safe(to_flat_graph(dataset))
    return save_with(path, lambda tmp: nx.write_graphml(H, tmp, encoding="utf-8"))


def _xml_safe(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with every text an XML file cannot hold (control characters, lone surrogates) as U+FFFD."""
    def clean(value: Any) -> Any:
        return xlsx_text(value) if isinstance(value, str) else value

    G = nx.MultiDiGraph(**{k: clean(v) for k, v in H.graph.items()})
    G.add_nodes_from((clean(n), {k: clean(v) for k, v in d.items()}) for n, d in H.nodes(data=True))
    G.add_edges_from((clean(u), clean(v), key, {k: clean(x) for k, x in d.items()})
                     for u, v, key, d in H.edges(keys=True, data=True))
    return G


def write_gexf(dataset: Dataset, path: str | Path) -> Path:
    """Write GEXF 1.2draft for Gephi (labels, typed attributes, tie weights); return the path."""
    path = Path(path)
    H = _xml_safe(to_flat_graph(dataset))
    H.graph.pop(REQUIREMENTS_KEY, None)  # GEXF has no graph-level data
    xml = "\n".join(nx.generate_gexf(H, encoding="utf-8", version=GEXF_VERSION))
    # networkx writes <graph name="">, which the GEXF schema does not allow; only that tag is touched.
    xml = _GRAPH_NAME.sub(r"\1", xml, count=1)
    return write_text(path, '<?xml version="1.0" encoding="UTF-8"?>\n' + xml.strip() + "\n")


def write_node_link_json(dataset: Dataset, path: str | Path) -> Path:
    """Write JSON node-link data (``nodes``, ``links``, multi-valued cells as lists); return the path."""
    path = Path(path)
    H = to_flat_graph(dataset, join_lists=False, requirements_as_json=False)
    data = nx.node_link_data(H, edges="links")
    data["graph"]["generator"] = "netmap"
    return write_text(path, strict_json(data, indent=1))


#: CSV as Dutch Excel opens it by double-click: ';' between cells and a UTF-8 byte order mark
#: (without the mark Excel reads the bytes as Windows-1252: 'cliÃ«nten').
EXCEL_CSV = {"delimiter": ";", "encoding": "utf-8-sig"}
#: Plain CSV, for scripts and Gephi's spreadsheet import: ',' and UTF-8 without a mark.
PLAIN_CSV = {"delimiter": ",", "encoding": "utf-8"}


def write_node_edge_csv(dataset: Dataset, folder: str | Path, delimiter: str = ";",
                        encoding: str = "utf-8-sig") -> Path:
    """Write ``nodes.csv`` and ``edges.csv`` (Gephi's spreadsheet import headers) into ``folder``.

    ``requirements.csv`` is added when the dataset has requirements. The default is what Dutch
    Excel opens by double-click (:data:`EXCEL_CSV`); ``**PLAIN_CSV`` gives comma-separated UTF-8.
    netmap reads both back. Returns the folder.
    """
    with atomic_folder(folder) as tmp:
        _write_node_edge_csv(dataset, tmp, delimiter, encoding)
    return Path(folder)


def _write_node_edge_csv(dataset: Dataset, folder: Path, delimiter: str, encoding: str) -> None:
    H = to_flat_graph(dataset)
    label = name_attr()
    nodes = [{"Id": n, "Label": d.get(label, n), **{k: v for k, v in d.items() if k != label}}
             for n, d in H.nodes(data=True)]
    _write_rows(folder / "nodes.csv", nodes, NODE_HEADER, delimiter, encoding)
    edges = [_edge_row(u, v, key, d) for u, v, key, d in H.edges(keys=True, data=True)]
    _write_rows(folder / "edges.csv", edges, EDGE_HEADER, delimiter, encoding)
    if dataset.requirements:
        _write_rows(folder / "requirements.csv", requirement_rows(dataset), (), delimiter, encoding)


def _edge_row(u: str, v: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    # Gephi wants a weight on every edge; the importer reads it back only for ties.
    row = {"Source": u, "Target": v, "Type": "Directed", "Id": key, "Label": data.get("label", ""),
           "Weight": data.get("weight", 1.0)}
    row.update((k, v) for k, v in data.items() if k not in ("label", "weight"))
    return row


def _write_rows(path: Path, rows: list[dict[str, Any]], first: tuple[str, ...], delimiter: str,
                encoding: str) -> None:
    columns = list(dict.fromkeys([*first, *(k for row in rows for k in row)]))
    with open(path, "w", encoding=encoding, errors="replace", newline="") as handle:  # in a staged folder
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([csv_escape(c) for c in columns])
        writer.writerows([csv_escape(_csv_cell(row.get(c, ""))) for c in columns] for row in rows)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else ""
    return value


def write_export(dataset: Dataset, fmt: str, path: str | Path, roles_only: bool = False,
                 plain_csv: bool = False, lang: str = "nl") -> Path:
    """Write ``dataset`` as ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``path``; return what was written.

    ``roles_only`` applies privacy mode first: people appear as their role with a
    pseudonymous id, private nodes are masked (see :mod:`netmap.privacy`). ``plain_csv``
    writes the csv format comma-separated without byte order mark (default: as Dutch Excel opens it).
    ``lang`` is the language of the words a workbook holds (Kumu's types, the dropdowns' hints).
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if roles_only:
        dataset = apply_privacy(dataset)
    if fmt == "csv":
        return write_node_edge_csv(dataset, path, **(PLAIN_CSV if plain_csv else EXCEL_CSV))
    if fmt in ("kumu", "xlsx"):
        return _writer(fmt)(dataset, path, lang)
    return _writer(fmt)(dataset, path)


def _writer(fmt: str) -> Any:
    from netmap.io import cypher, kumu, writers

    return {
        "graphml": write_graphml, "gexf": write_gexf, "json": write_node_link_json, "csv": write_node_edge_csv,
        "cypher": cypher.write_cypher, "kumu": kumu.write_kumu, "xlsx": writers.write_xlsx,
    }[fmt]


def write_exports(dataset: Dataset, folder: str | Path, formats: tuple[str, ...] = EXPORT_FORMATS,
                  roles_only: bool = False, plain_csv: bool = False, lang: str = "nl") -> list[Path]:
    """Write several formats into ``folder`` under :data:`DEFAULT_NAMES`; return the paths written."""
    folder = ensure_folder(folder)
    return [write_export(dataset, fmt, folder / DEFAULT_NAMES[fmt], roles_only, plain_csv, lang) for fmt in formats]
