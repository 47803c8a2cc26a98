"""GEXF (Gephi) -> a flat graph, for every version Gephi and the GEXF website write (1.1draft to 1.3).

networkx's reader knows only some namespaces (not Gephi 0.10's ``http://gexf.net/1.3``
nor the website's ``http://www.gexf.net/1.2``), reads ``null`` values as numbers and
fails on them; this reader goes by local element names, so every version reads alike:

- nodes with their ``label`` and attribute values (``attvalue``'s ``for``, or ``id`` in
  1.1draft); ``null`` (what Gephi writes for a missing value) is a missing value;
- nodes nested in nodes (GEXF hierarchies) and ``pid`` become the ``parent`` relation;
- edges with ``weight``, ``kind`` and ``label``; an undirected graph or edge is marked so;
- time (``start``/``end``, ``startopen``/``endopen``, one ``spell``, or one ``timestamp``)
  becomes an edge's ``since``/``until`` where it is a date or a year; time on nodes, and
  several spells, do not fit netmap and are reported;
- a value that changes over time keeps its latest value (reported);
- ``viz`` (colour, position, size, shape, thickness) is reported as dropped layout.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.dates import parse_date
from netmap.i18n import t
from netmap.io.flat import PARENT
from netmap.io.xmlgraph import ISSUES, LAYOUT, child, children, local, namespace, parse_graph

NULL = "null"
_YEAR = re.compile(r"^(\d{4})(?:\.0*)?$")
_TIME_ATTRS = (("start", "startopen"), ("end", "endopen"))
_VIZ = {"color": "viz:color", "position": "viz:position", "size": "viz:size", "shape": "viz:shape",
        "thickness": "viz:thickness"}


class _Reader:
    def __init__(self, graph: ET.Element, source: str, lang: str):
        self.graph, self.source, self.lang = graph, source, lang
        self.timeformat = graph.get("timeformat", "double")
        self.attributes: dict[str, dict[str, tuple[str, str | None]]] = {"node": {}, "edge": {}}
        self.H = nx.MultiDiGraph()
        self.H.graph["netmap_undirected"] = graph.get("defaultedgetype", "undirected") == "undirected"
        self.layout: set[str] = set()
        self.counts: dict[str, int] = {}
        self.untimed: list[str] = []
        self.changing: set[str] = set()

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def read_attributes(self) -> None:
        for block in children(self.graph, "attributes"):
            cls = block.get("class", "node")
            for attribute in children(block, "attribute"):
                default = child(attribute, "default")
                title = attribute.get("title") or attribute.get("id") or ""
                self.attributes.setdefault(cls, {})[attribute.get("id", "")] = (
                    "weight" if cls == "edge" and title.strip().lower() == "weight" else title,
                    None if default is None or default.text is None else default.text.strip())

    def values(self, element: ET.Element, cls: str) -> dict[str, Any]:
        """An element's attribute values by title: defaults, then its own; the latest of changing values."""
        declared = self.attributes.get(cls, {})
        values: dict[str, Any] = {title: default for title, default in declared.values() if default not in (None, "")}
        latest: dict[str, str] = {}
        holders = [element, *children(element, "attvalues")]
        for value in (v for holder in holders for v in children(holder, "attvalue")):
            key = value.get("for") or value.get("id") or ""
            title = declared.get(key, (key, None))[0]
            when = _first(value, "start", "startopen", "timestamp") or ""
            if title in latest:
                self.changing.add(title)
                if when < latest[title]:
                    continue
            latest[title] = when
            raw = (value.get("value") or "").strip()
            if raw.lower() == NULL or raw == "":
                self.count("null")
                values.pop(title, None)
            else:
                values[title] = raw
        return values

    def viz(self, element: ET.Element) -> None:
        for part in element:
            name = local(part.tag)
            if name in _VIZ and ("viz" in namespace(part.tag) or part.tag == name):
                self.layout.add(_VIZ[name])

    def read_nodes(self, holder: ET.Element, parent: str | None = None) -> None:
        for nodes in children(holder, "nodes"):
            for node in children(nodes, "node"):
                node_id = (node.get("id") or "").strip()
                attrs = self.values(node, "node")
                label = (node.get("label") or "").strip()
                if label:
                    attrs["label"] = label
                self.viz(node)
                if _has_time(node):
                    self.untimed.append(node_id)
                self.H.add_node(node_id, **attrs)
                owner = node.get("pid") or parent
                if owner:
                    self.H.add_edge(node_id, owner.strip(), rel=PARENT)
                self.read_nodes(node, node_id)  # a hierarchy: nodes inside a node

    def read_edges(self) -> None:
        for edges in children(self.graph, "edges"):
            for edge in children(edges, "edge"):
                attrs = self.values(edge, "edge")
                for name in ("weight", "kind", "label"):
                    if edge.get(name) not in (None, ""):
                        attrs.setdefault(name, edge.get(name, "").strip())
                if edge.get("type") in ("undirected", "mutual"):
                    attrs["netmap_undirected"] = True
                self.viz(edge)
                attrs.update(self.period(edge))
                source, target = (edge.get(end, "").strip() for end in ("source", "target"))
                for end in (source, target):
                    if end not in self.H:
                        self.H.add_node(end)
                self.H.add_edge(source, target, **attrs)

    def period(self, edge: ET.Element) -> dict[str, str]:
        """An edge's time as ``since``/``until``, where it fits (see module docstring)."""
        spells = [s for holder in children(edge, "spells") for s in children(holder, "spell")]
        stamps = [s for holder in children(edge, "timestamps") for s in children(holder, "timestamp")]
        if _has_time(edge) and not spells and not stamps:
            spells = [edge]
        if len(spells) + len(stamps) > 1:
            self.count("spells")
            return {}
        if stamps or edge.get("timestamp") or edge.get("timestamps"):
            stamp = stamps[0].get("value") if stamps else edge.get("timestamp") or edge.get("timestamps", "")
            if "," in (stamp or ""):
                self.count("spells")
                return {}
            date = self.date(stamp)
            return {"since": date, "until": date} if date else {}
        if not spells:
            return {}
        period = {}
        for (name, open_name), column in zip(_TIME_ATTRS, ("since", "until")):
            raw = spells[0].get(name) or spells[0].get(open_name)
            if raw not in (None, ""):
                date = self.date(raw)
                if date:
                    period[column] = date
        return period

    def date(self, raw: str | None) -> str:
        """A GEXF time as a netmap date (a year, or YYYY-MM-DD), '' when it is neither (counted).

        A year-like number (``2004``, ``2004.0``) is a year whatever ``timeformat`` says, and an ISO
        date or dateTime is its day: files often leave ``timeformat`` out or state it wrongly.
        """
        raw = (raw or "").strip()
        year = _YEAR.match(raw)
        if year:
            return year.group(1)
        date = parse_date(raw[:10]) if len(raw) == 10 or raw[10:11] == "T" else None
        if date:
            return date
        self.count("bad_time")
        return ""

    def notes(self) -> list[str]:
        lang, found = self.lang, []
        if self.untimed:
            found.append(t("import.gexf_node_time", lang, n=len(self.untimed)))
        if self.counts.get("spells"):
            found.append(t("import.gexf_spells", lang, n=self.counts["spells"]))
        if self.counts.get("bad_time"):
            found.append(t("import.gexf_bad_time", lang, n=self.counts["bad_time"], format=self.timeformat))
        if self.changing:
            found.append(t("import.gexf_changing", lang, columns=", ".join(sorted(self.changing))))
        if self.counts.get("null"):
            found.append(t("import.gexf_null", lang, n=self.counts["null"]))
        return found


def _first(element: ET.Element, *names: str) -> str | None:
    return next((element.get(n) for n in names if element.get(n) not in (None, "")), None)


def _has_time(element: ET.Element) -> bool:
    names = ("start", "end", "startopen", "endopen", "timestamp", "timestamps")
    return any(element.get(n) for n in names) or bool(children(element, "spells"))


def read_gexf(path: str | Path, lang: str = "nl") -> nx.MultiDiGraph:
    """Read a GEXF file of any version (see module docstring) into a flat graph.

    Raises :class:`~netmap.errors.DataError` (one Dutch line, with the place) when the
    file is no XML, no GEXF, or has no ``<graph>``.
    """
    path = Path(path)
    _, graph = parse_graph(path, "gexf", lang)
    reader = _Reader(graph, path.name, lang)
    reader.read_attributes()
    reader.read_nodes(graph)
    reader.read_edges()
    H = reader.H
    H.graph[ISSUES] = reader.notes()
    H.graph[LAYOUT] = sorted(reader.layout)
    return H
