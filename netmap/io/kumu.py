"""Kumu: the workbook Kumu imports (sheets ``Elements`` and ``Connections``) and Kumu's files read back.

Written from Kumu's published import format: an ``Elements`` sheet whose
first column is ``ID`` (Kumu then matches elements on it, so two people with
the same name stay two) followed by ``Label``, ``Type``, ``Description`` and
``Tags``; a ``Connections`` sheet with ``From``, ``To`` (element IDs),
``Type`` and ``Direction``; multi-valued cells separated by ``|``. Any other
column becomes a Kumu field. netmap writes:

- Elements: ``Type`` is the kind (Organisatie / Netwerk / Persoon), ``Tags``
  the perspectives, ``Category`` netmap's own ``type`` column (``rkj``,
  ``gemeente``, ...), then ``level``, ``region``, ``role``, ``scope``,
  ``themes``, ``private`` and the extra columns;
- Connections: ``Type`` is the tie kind (``learning``, ...) or the relation
  in words (lidmaatschap, ...), ``relation`` netmap's relation, ``Description``
  a tie's note, then the other columns of the edge's table;
- the composition requirements on a sheet named ``Requirements (ignore)``,
  which Kumu skips (sheets with "(ignore)" in the name) and netmap reads back.

Reading accepts that workbook, a Kumu-made workbook (IDs optional: then
labels identify elements) and Kumu JSON (a blueprint with ``elements`` and
``connections``, or Kumu's own export whose records nest an ``attributes`` map).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from netmap import schema
from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.io.cells import xlsx_row
from netmap.io.flat import REQUIREMENTS_KEY, TIE, edge_records, node_record, requirement_rows
from netmap.io.readers import RawTable, sheet_table
from netmap.model import PERSPECTIVES, Dataset
from netmap.validate import normalise_key, split_values

ELEMENTS, CONNECTIONS, REQUIREMENTS_SHEET = "Elements", "Connections", "Requirements (ignore)"
REL_WORDS = {"membership": "lidmaatschap", "representation": "vertegenwoordiging", "home": "thuisorganisatie",
             "parent": "moederorganisatie", "host": "gastheer"}
_SEPARATOR = "|"


def kind_word(kind: str, lang: str = "nl") -> str:
    """A node kind as Kumu's element ``Type``: 'organisation' -> 'Organisatie'."""
    return t(f"import.kumu_kind_{kind}", lang)


def _kumu_names() -> dict[str, str]:
    """flat attribute name -> Kumu field name, where the schema gives the column a Kumu name of its own."""
    return {c.export_name("flat"): c.export_name("kumu") for c in schema.node_attribute_columns()
            if c.export_name("kumu") != c.export_name("flat")}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return _SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else ""
    return value


def element_rows(dataset: Dataset, lang: str = "nl") -> list[dict[str, Any]]:
    """One Kumu element row per node."""
    rename = _kumu_names()
    rows = []
    for node in dataset.nodes.values():
        attrs = node_record(node, join_lists=False)
        row: dict[str, Any] = {"ID": node.id, "Label": node.name, "Type": kind_word(node.kind, lang),
                               "Description": "", "Tags": ""}
        for key, value in attrs.items():
            if key not in ("label", "kind"):
                row[rename.get(key, key)] = _cell(value)
        rows.append(row)
    return rows


def connection_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One Kumu connection row per edge."""
    rows = []
    for u, v, attrs in edge_records(dataset, join_lists=False):
        rel = attrs["rel"]
        row: dict[str, Any] = {"From": u, "To": v, "Type": attrs.get("kind", "learning") if rel == TIE
                               else REL_WORDS[rel], "Direction": "directed", "Description": attrs.get("note", ""),
                               "relation": rel}
        for key, value in attrs.items():
            if key not in ("rel", "label", "kind", "note", "direction"):
                row[key] = _cell(value)
        rows.append(row)
    return rows


def write_kumu(dataset: Dataset, path: str | Path, lang: str = "nl") -> Path:
    """Write the Kumu import workbook (see module docstring); return the path."""
    import openpyxl

    path = Path(path)
    book = openpyxl.Workbook(write_only=True)
    sheets = [(ELEMENTS, element_rows(dataset, lang)), (CONNECTIONS, connection_rows(dataset))]
    if dataset.requirements:
        sheets.append((REQUIREMENTS_SHEET, requirement_rows(dataset)))
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        columns = list(dict.fromkeys(k for row in rows for k in row)) or (
            ["ID", "Label", "Type"] if title == ELEMENTS else ["From", "To", "Type"])
        sheet.append(xlsx_row(sheet, columns))
        for row in rows:
            sheet.append(xlsx_row(sheet, [row.get(c, "") for c in columns]))
    from netmap.io.safe import save_with

    return save_with(path, book.save)


# -- reading ---------------------------------------------------------------------------------
def _norm(key: str) -> str:
    """Kumu field names are case-insensitive and use spaces: 'Cycle step' -> 'cycle_step'."""
    key = str(key).strip().lower()
    snake = key.replace(" ", "_")
    return snake if snake in schema.all_column_names() else key


def _element_attrs(record: dict[str, Any], vocabulary: dict[str, str]) -> dict[str, Any]:
    """A Kumu element's fields -> flat node attributes (kind, label, perspectives, type, ...)."""
    attrs: dict[str, Any] = {}
    for key, value in record.items():
        key = _norm(key)
        if key in ("id", "_id", "label") or value in (None, "", []):
            continue
        if key in ("type", "element type"):
            attrs["kind"] = value
        elif key == "category":
            attrs["type"] = value
        elif key == "tags":
            tags = split_values(value if isinstance(value, list) else str(value).replace(_SEPARATOR, ";"),
                                themes=True)
            known = [t for t in tags if normalise_key(t) in vocabulary]
            other = [t for t in tags if normalise_key(t) not in vocabulary]
            if known:
                attrs["perspectives"] = ";".join(known)
            if other:
                attrs["tags"] = ";".join(other)
        else:
            attrs[key] = _pipes(value)
    return attrs


def _pipes(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value).replace(_SEPARATOR, ";") if isinstance(value, str) else value


def _connection_attrs(record: dict[str, Any]) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    for key, value in record.items():
        key = _norm(key)
        if key in ("from", "to", "id", "_id", "direction") or value in (None, "", []):
            continue
        if key in ("type", "connection type"):
            attrs["type"] = value
        elif key == "description":
            attrs["note"] = value
        elif key == "relation":
            attrs["rel"] = value
        else:
            attrs[key] = _pipes(value)
    if "rel" not in attrs and "type" in attrs:
        attrs["rel"] = attrs["type"]  # the mapper knows the relation words; anything else becomes a tie kind
    if attrs.get("rel") == TIE:
        attrs.setdefault("kind", attrs.get("type", "learning"))
    attrs.pop("type", None)
    return attrs


def kumu_graph(elements: list[dict[str, Any]], connections: list[dict[str, Any]],
               requirements: list[dict[str, Any]] | None = None) -> nx.MultiDiGraph:
    """Kumu records -> a flat graph (see :mod:`netmap.io.flat`). IDs identify elements, else labels."""
    vocabulary = {normalise_key(p): p for p in PERSPECTIVES}
    H = nx.MultiDiGraph()
    by_label: dict[str, str] = {}
    for record in elements:
        record = _flatten_kumu(record)
        lowered = {_norm(k): v for k, v in record.items()}
        label = str(lowered.get("label", "") or "").strip()
        node_id = str(lowered.get("id") or lowered.get("_id") or label).strip()
        if not node_id:
            continue
        H.add_node(node_id, label=label, **_element_attrs(record, vocabulary))
        by_label.setdefault(label, node_id)
    for record in connections:
        record = _flatten_kumu(record)
        lowered = {_norm(k): v for k, v in record.items()}
        ends = [str(lowered.get(e, "") or "").strip() for e in ("from", "to")]
        ends = [e if e in H else by_label.get(e, e) for e in ends]
        for target in ends[1].split(_SEPARATOR):  # Kumu: several targets in one "To" cell
            H.add_edge(ends[0], by_label.get(target.strip(), target.strip()), **_connection_attrs(record))
    if requirements:
        H.graph[REQUIREMENTS_KEY] = requirements
    return H


def _flatten_kumu(record: dict[str, Any]) -> dict[str, Any]:
    """Kumu's own JSON export nests fields in ``attributes``; blueprints do not."""
    flat = {k: v for k, v in record.items() if k != "attributes"}
    flat.update(record.get("attributes") or {})
    return flat


def read_kumu_json(path: str | Path, lang: str = "nl") -> nx.MultiDiGraph:
    """Read a Kumu JSON file (blueprint or Kumu's export) into a flat graph."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if not isinstance(data, dict) or not isinstance(data.get("elements", []), list):
            raise ValueError("expected an object with 'elements' and 'connections'")
    except (OSError, ValueError) as err:
        raise DataError([Problem(path.name, t("import.kumu_unreadable_json", lang, reason=err))], lang) from err
    return kumu_graph(data.get("elements", []), data.get("connections", []))


def read_kumu_xlsx(path: str | Path, lang: str = "nl") -> nx.MultiDiGraph:
    """Read a Kumu workbook (sheets Elements and Connections, any case) into a flat graph."""
    sheets = read_sheets(Path(path), lang)
    by_name = {name.strip().lower(): table for name, table in sheets.items()}
    if "elements" not in by_name:
        raise DataError([Problem(Path(path).name, t("import.kumu_no_elements", lang))], lang)
    requirements = by_name.get(REQUIREMENTS_SHEET.lower())
    return kumu_graph(_records(by_name["elements"]), _records(by_name.get("connections")),
                      _records(requirements) if requirements else None)


def read_sheets(path: Path, lang: str = "nl") -> dict[str, RawTable]:
    """Every non-empty sheet of a workbook, whatever its name, as raw tables keyed by sheet title."""
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise DataError([Problem(path.name, t("input.unreadable", lang, reason=err))], lang) from err
    try:
        tables = {s.title: sheet_table(s, s.title, f"{path.name} [{s.title}]") for s in book.worksheets}
    finally:
        book.close()
    return {title: table for title, table in tables.items() if table is not None}


def _records(table: RawTable | None) -> list[dict[str, Any]]:
    return [values for _, values in table.rows] if table else []
