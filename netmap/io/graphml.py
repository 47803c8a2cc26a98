"""GraphML -> a flat graph, as Gephi, yEd, yFiles, igraph, Cytoscape and networkx write it.

networkx's reader keys its ``<key>`` table by id alone (Gephi declares one id for nodes
*and* edges: "no key lbl"), refuses a padded boolean (``'  true   '``, igraph), ignores
``<desc>`` and yEd's labels, and warns on the terminal about every yEd key. This reader:

- looks a ``<data>`` up by its key id *and* the element it is on (``for="node"``,
  ``"edge"``, ``"graph"`` or ``"all"``), so a shared id is two keys;
- trims every value; booleans read ``true``/``false``/``1``/``0`` in any case;
- takes a node's name from a key named ``label`` (any case), else yEd's
  ``<y:NodeLabel>`` or yFiles' ``<y:Label.Text>``/``<y:Label Text=...>``, else a key
  named ``name``, else ``<desc>``; a ``<desc>`` beside a label is kept as ``description``;
- reports yEd/yFiles graphics (geometry, fill, styles) as dropped layout, and
  hyperedges and ports as not carried;
- keeps graph-level data (netmap's own ``netmap_requirements``).

Nested graphs (yEd groups) are read flat: every node and edge at any depth.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from netmap.i18n import t
from netmap.io.xmlgraph import ISSUES, LAYOUT, child, children, local, namespace, parse_graph, text_of

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}
_LABEL_KEYS = ("label",)
_NAME_KEYS = ("name",)


class _Key:
    def __init__(self, element: ET.Element):
        self.id = element.get("id", "")
        self.domain = element.get("for", "all")
        self.name = element.get("attr.name") or ""
        self.type = (element.get("attr.type") or "string").lower()
        self.graphics = bool(element.get("yfiles.type")) or not self.name
        self.label = self.name or element.get("yfiles.type") or self.id
        default = child(element, "default")
        self.default = None if default is None else _typed(text_of(default), self.type)


def _typed(text: str, kind: str) -> Any:
    """A trimmed value: booleans as ``true``/``false`` (a word that is none stays as written)."""
    text = text.strip()
    if kind == "boolean":
        word = text.lower()
        return "true" if word in _TRUE else "false" if word in _FALSE else text
    return text


class _Reader:
    def __init__(self, root: ET.Element, lang: str):
        self.lang = lang
        self.keys: dict[tuple[str, str], _Key] = {}
        for element in (e for e in root.iter() if local(e.tag) == "key"):  # some tools declare keys in <graph>
            key = _Key(element)
            self.keys[(key.id, key.domain)] = key
        self.layout: set[str] = set()
        self.dropped: dict[str, int] = {}
        self.H = nx.MultiDiGraph()

    def key(self, key_id: str, domain: str) -> _Key | None:
        return self.keys.get((key_id, domain)) or self.keys.get((key_id, "all")) or next(
            (k for (i, _), k in self.keys.items() if i == key_id), None)

    def data(self, element: ET.Element, domain: str) -> tuple[dict[str, Any], str]:
        """An element's attributes by name (defaults first) and the label its graphics carry."""
        values = {k.name: k.default for k in self.keys.values()
                  if k.domain in (domain, "all") and not k.graphics and k.default not in (None, "")}
        label = ""
        for data in children(element, "data"):
            key = self.key(data.get("key", ""), domain)
            if key is None or key.graphics or len(data):
                label = label or _graphics_label(data)
                self.layout.add(key.label if key else "data")
                continue
            value = _typed(text_of(data), key.type)
            if value == "":
                values.pop(key.name, None)
            else:
                values[key.name] = value
        return values, label

    def read(self, graph: ET.Element) -> None:
        own = [e for e in graph.iter() if namespace(e.tag) in (GRAPHML, "")]  # not yEd's y:... elements
        for node in own:
            name = local(node.tag)
            if name == "node":
                self.read_node(node)
            elif name == "hyperedge":
                self.dropped["hyperedge"] = self.dropped.get("hyperedge", 0) + 1
        for edge in own:
            if local(edge.tag) == "edge":
                self.read_edge(edge, graph.get("edgedefault", "directed"))

    def read_node(self, node: ET.Element) -> None:
        values, graphics_label = self.data(node, "node")
        desc = child(node, "desc")
        description = "" if desc is None else text_of(desc)
        label = _pop_named(values, _LABEL_KEYS) or graphics_label or _pop_named(values, _NAME_KEYS, keep=True)
        if not label and description:
            label, description = description, ""
        if label:
            values["label"] = label
        if description:
            values.setdefault("description", description)
        if children(node, "port"):
            self.layout.add("port")
        self.H.add_node((node.get("id") or "").strip(), **values)

    def read_edge(self, edge: ET.Element, default: str) -> None:
        values, _ = self.data(edge, "edge")
        desc = child(edge, "desc")
        if desc is not None and text_of(desc):
            values.setdefault("description", text_of(desc))
        if edge.get("directed", "true" if default == "directed" else "false").strip().lower() == "false":
            values["netmap_undirected"] = True
        source, target = ((edge.get(end) or "").strip() for end in ("source", "target"))
        for end in (source, target):
            if end not in self.H:
                self.H.add_node(end)
        self.H.add_edge(source, target, **values)

    def graph_data(self, graph: ET.Element) -> None:
        values, _ = self.data(graph, "graph")
        self.H.graph.update(values)
        self.H.graph["netmap_undirected"] = graph.get("edgedefault", "directed") == "undirected"


def _pop_named(values: dict[str, Any], names: tuple[str, ...], keep: bool = False) -> str:
    for key in list(values):
        if key.strip().lower() in names and str(values[key]).strip():
            return str(values[key] if keep else values.pop(key)).strip()
    return ""


def _graphics_label(data: ET.Element) -> str:
    """The first label text in yEd/yFiles graphics: ``<y:NodeLabel>text``, ``<y:Label.Text>``, ``Text=``."""
    for element in data.iter():
        name = local(element.tag)
        if name in ("NodeLabel", "Label.Text") and text_of(element):
            own = (element.text or "").strip() if name == "NodeLabel" else text_of(element)
            if own:
                return own
        if name == "Label" and (element.get("Text") or "").strip():
            return (element.get("Text") or "").strip()
    return ""


def read_graphml(path: str | Path, lang: str = "nl") -> nx.MultiDiGraph:
    """Read a GraphML file (see module docstring) into a flat graph.

    Raises :class:`~netmap.errors.DataError` (one Dutch line, with the place) when the
    file is no XML, no GraphML, or has no ``<graph>``.
    """
    path = Path(path)
    root, graph = parse_graph(path, "graphml", lang)
    reader = _Reader(root, lang)
    reader.graph_data(graph)
    reader.read(graph)
    H = reader.H
    issues = [t("import.graphml_hyperedges", lang, n=n) for kind, n in reader.dropped.items() if kind == "hyperedge"]
    H.graph[ISSUES] = issues
    H.graph[LAYOUT] = sorted(reader.layout)
    return H
