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
import re
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from netmap import schema
from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.io.flat import REQUIREMENTS_KEY, TIE, edge_records, node_record, requirement_rows
from netmap.io.readers import RawTable, sheet_table
from netmap.io.sheets import write_table_sheet
from netmap.model import PERSPECTIVES, TIE_KINDS, Dataset
from netmap.validate import normalise_key, split_values

ELEMENTS, CONNECTIONS, REQUIREMENTS_SHEET = "Elements", "Connections", "Requirements (ignore)"
#: The column that keeps netmap's own id where the Kumu ID had to differ from it (see :func:`kumu_ids`).
NETMAP_ID = "netmap id"
LANGS = ("nl", "en")
_SEPARATOR = "|"
#: The netmap table whose vocabularies a Kumu sheet's dropdowns use (Kumu's own columns have none).
_TABLE_OF_SHEET = {ELEMENTS: "organisations", CONNECTIONS: "ties", REQUIREMENTS_SHEET: "requirements"}
_UNSEARCHABLE = re.compile(r"[_\s]+")


def rel_word(rel: str, lang: str = "nl") -> str:
    """A relation (``membership``, ...) as Kumu connection type in ``lang``: 'lidmaatschap'."""
    return t(f"import.kumu_rel_{rel}", lang)


def tie_word(kind: str, lang: str = "nl") -> str:
    """A tie kind as Kumu connection type in the same language as the relation words; unknown kinds as written."""
    return t(f"import.kumu_tie_{kind}", lang) if kind in TIE_KINDS else kind


@cache
def _tie_kinds_by_word() -> dict[str, str]:
    """Connection type word (either language, any case) -> tie kind."""
    return {normalise_key(tie_word(kind, lang)): kind for kind in TIE_KINDS for lang in LANGS}


def kumu_ids(ids: list[str]) -> dict[str, str]:
    """netmap id -> an ID Kumu can find: no ``_`` or spaces (Kumu's search cannot select such ids), unique.

    >>> kumu_ids(["rkj_fr", "rkj-fr", "njr"])
    {'rkj_fr': 'rkj-fr-2', 'rkj-fr': 'rkj-fr', 'njr': 'njr'}
    """
    taken = {i for i in ids if not _UNSEARCHABLE.search(i)}
    out = {}
    for node_id in ids:
        if node_id in taken:
            out[node_id] = node_id
            continue
        base = _UNSEARCHABLE.sub("-", node_id).strip("-") or "id"
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        out[node_id] = candidate
    return out


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


def element_rows(dataset: Dataset, lang: str = "nl", ids: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One Kumu element row per node; ``netmap id`` keeps netmap's id where the Kumu ID differs."""
    ids = ids if ids is not None else kumu_ids(list(dataset.nodes))
    changed = any(kumu != node_id for node_id, kumu in ids.items())
    rename = _kumu_names()
    rows = []
    for node in dataset.nodes.values():
        attrs = node_record(node, join_lists=False)
        row: dict[str, Any] = {"ID": ids[node.id], "Label": node.name, "Type": kind_word(node.kind, lang),
                               "Description": "", "Tags": ""}
        if changed:
            row[NETMAP_ID] = node.id
        for key, value in attrs.items():
            if key not in ("label", "kind"):
                row[rename.get(key, key)] = _cell(value)
        rows.append(row)
    return rows


def connection_rows(dataset: Dataset, lang: str = "nl", ids: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One Kumu connection row per edge, each with its own connection ``ID`` (Kumu needs one to keep two
    connections between the same elements apart), ``Type`` in one language (``lang``)."""
    ids = ids if ids is not None else kumu_ids(list(dataset.nodes))
    rows = []
    for number, (u, v, attrs) in enumerate(edge_records(dataset, join_lists=False), start=1):
        rel = attrs["rel"]
        kind = tie_word(attrs.get("kind", "learning"), lang) if rel == TIE else rel_word(rel, lang)
        row: dict[str, Any] = {"ID": f"c{number}", "From": ids[u], "To": ids[v], "Type": kind,
                               "Direction": "directed", "Description": attrs.get("note", ""), "relation": rel}
        if rel == TIE and kind != attrs.get("kind", "learning"):
            row["kind"] = attrs.get("kind", "learning")  # the code, so the round trip needs no dictionary
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
    ids = kumu_ids(list(dataset.nodes))
    sheets = [(ELEMENTS, element_rows(dataset, lang, ids)), (CONNECTIONS, connection_rows(dataset, lang, ids))]
    if dataset.requirements:
        sheets.append((REQUIREMENTS_SHEET, requirement_rows(dataset)))
    for title, rows in sheets:
        columns = list(dict.fromkeys(k for row in rows for k in row)) or (
            ["ID", "Label", "Type"] if title == ELEMENTS else ["From", "To", "Type"])
        write_table_sheet(book, title, _TABLE_OF_SHEET[title], columns,
                          [[row.get(c, "") for c in columns] for row in rows], lang)
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
        if key in ("id", "_id", "label", NETMAP_ID) or value in (None, "", []):
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
    if "type" in attrs and "kind" not in attrs:
        word = str(attrs["type"])
        attrs["kind"] = _tie_kinds_by_word().get(normalise_key(word), word)
    if attrs.get("rel") == TIE:
        attrs.setdefault("kind", "learning")
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
        kumu_id = str(lowered.get("id") or lowered.get("_id") or label).strip()
        node_id = str(lowered.get(NETMAP_ID) or kumu_id).strip()
        if not node_id:
            continue
        H.add_node(node_id, label=label, **_element_attrs(record, vocabulary))
        by_label.setdefault(label, node_id)
        by_label.setdefault(kumu_id, node_id)  # connections name elements by their Kumu ID
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
