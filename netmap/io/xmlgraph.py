"""What the GEXF and GraphML readers share: parsing a file safely, local names, and the notes they leave.

Both formats are read by their *local* element names, so every namespace a tool
writes (``http://www.gexf.net/1.2draft``, ``http://gexf.net/1.3``,
``http://www.gephi.org/gexf/1.1draft``, yEd's ``y:`` elements, ...) is read alike.
A reader returns a flat graph (:mod:`netmap.io.flat`) and leaves what it could not
carry in the graph attributes :data:`ISSUES` (sentences for the import report) and
:data:`LAYOUT` (names of layout attributes dropped), which :mod:`netmap.io.mapping`
reports.

The standard library's expat parser refuses entity expansion bombs and never
fetches external entities, so a hostile file cannot make the reader read other
files or the network.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from netmap.errors import DataError, Problem
from netmap.i18n import t

ISSUES = "netmap_issues"
LAYOUT = "netmap_layout"


def local(tag: Any) -> str:
    """The local name of an element tag: ``{http://gexf.net/1.3}node`` -> ``node`` (comments: '')."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag: str) -> str:
    """The namespace of a tag, '' when it has none."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def children(element: ET.Element, name: str) -> list[ET.Element]:
    """The direct children of ``element`` with local name ``name``."""
    return [child for child in element if local(child.tag) == name]


def child(element: ET.Element, name: str) -> ET.Element | None:
    """The first direct child with local name ``name``, or None."""
    return next((c for c in element if local(c.tag) == name), None)


def parse(path: Path, root_name: str, lang: str) -> ET.Element:
    """The root element of ``path``; a file that is no XML, or whose root is not ``root_name``, is refused."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        line, column = err.position
        raise DataError([Problem(path.name, t("import.xml_broken", lang, line=line, column=column))], lang) from err
    except OSError as err:
        raise DataError([Problem(path.name, t("input.unreadable", lang, reason=err.strerror or err))], lang) from err
    if local(root.tag) != root_name:
        raise DataError([Problem(path.name, t("import.xml_wrong_root", lang, found=local(root.tag),
                                              expected=root_name))], lang)
    return root


def parse_graph(path: Path, root_name: str, lang: str) -> tuple[ET.Element, ET.Element]:
    """The root and its ``<graph>`` element (:func:`parse`); a file without a ``<graph>`` is refused too."""
    root = parse(path, root_name, lang)
    graph = child(root, "graph")
    if graph is None:
        raise DataError([Problem(path.name, t(f"import.{root_name}_no_graph", lang))], lang)
    return root, graph


def text_of(element: ET.Element) -> str:
    """All text inside ``element`` (CDATA included, comments not), stripped."""
    return "".join(element.itertext()).strip()
