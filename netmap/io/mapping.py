"""A flat graph from another tool -> netmap's tables, with a report of what could not be mapped.

GraphML, GEXF, JSON node-link, CSV node/edge lists and Kumu files are all read
into a flat graph first (attribute names as in :mod:`netmap.io.flat`); this
module maps that graph onto the domain model. What it cannot place is dropped
and *reported*, never silently lost; what it does place is then validated like
any spreadsheet (:func:`netmap.validate.validate`).

Mapping rules:

- a node's ``kind`` (``organisatie``/``organisation``, ``netwerk``/``network``/
  ``body``, ``persoon``/``person``) chooses its table; without one it becomes an
  organisation (reported);
- an edge's ``rel`` chooses what it becomes; without one it becomes a tie whose
  kind is the edge's ``kind`` or ``type`` (default ``learning``);
- unknown levels, perspectives and scopes are dropped (reported); unknown
  attributes are kept as extra columns (reported as information).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netmap import schema
from netmap.i18n import t
from netmap.io.flat import (
    EXTRA_PREFIX,
    HOME,
    HOST,
    MEMBERSHIP,
    PARENT,
    REPRESENTATION,
    REQUIREMENTS_KEY,
    TIE,
    column_of,
    edge_attrs,
    flat_column,
    reserved,
)
from netmap.io.readers import RawTable
from netmap.io.xmlgraph import ISSUES, LAYOUT
from netmap.model import NODE_KIND, PERSPECTIVES, SCOPES, Dataset, parse_level
from netmap.validate import FALSE_WORDS, TRUE_WORDS, normalise_key, split_values, validate

KIND_ALIASES = {
    "organisation": "organisation", "organisatie": "organisation", "organization": "organisation",
    "org": "organisation", "organisations": "organisation",
    "network": "network", "netwerk": "network", "body": "network", "orgaan": "network",
    "networks": "network", "netwerken": "network",
    "person": "person", "persoon": "person", "people": "person", "personen": "person", "mens": "person",
}
REL_ALIASES = {
    "membership": MEMBERSHIP, "lidmaatschap": MEMBERSHIP, "lid van": MEMBERSHIP, "member of": MEMBERSHIP,
    "representation": REPRESENTATION, "vertegenwoordiging": REPRESENTATION, "vertegenwoordigt": REPRESENTATION,
    "represents": REPRESENTATION,
    "home": HOME, "thuisorganisatie": HOME, "home organisation": HOME,
    "parent": PARENT, "moederorganisatie": PARENT, "parent organisation": PARENT,
    "host": HOST, "gastheer": HOST, "hosted by": HOST,
    "tie": TIE, "relatie": TIE,
}
TABLE_OF_KIND = {kind: table for table, kind in NODE_KIND.items()}
# Attributes that the exchange formats themselves add (layout, colours, ids): never data.
_LAYOUT = {"viz", "x", "y", "z", "size", "color", "colour", "r", "g", "b", "pid", "start", "end"}
_FORMAT_NOISE = _LAYOUT | {"networkx_key", "key", "label", "name", "kind", "id", "direction", "rel",
                           "netmap_undirected"}



def text(key: str, lang: str, **params: Any) -> str:
    """A report line in ``lang`` (``netmap/texts/import.yaml``)."""
    return t(f"import.{key}", lang, **params)


def _extra_column(key: str) -> str:
    """The column of a prefixed extra attribute; one read back without its case (Kumu ignores case: ``Weight``
    written as ``extra_Weight`` comes back ``extra_weight``) keeps its prefix rather than replace a core column."""
    column = column_of(key)
    return key if column != key and column in schema.all_column_names() else column


@dataclass
class ImportReport:
    """What an import mapped, and everything it could not map (in the user's language)."""

    source: str
    format: str
    counts: dict[str, int] = field(default_factory=dict)
    issues: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cannot_carry: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"source": self.source, "format": self.format, "counts": dict(self.counts),
                "issues": list(self.issues), "notes": list(self.notes), "cannot_carry": list(self.cannot_carry)}

    def render(self, lang: str = "nl") -> str:
        """The report as plain text lines."""
        lines = [f"{text('report_head', lang)} {self.source} ({self.format}): "
                 + schema.describe_counts(self.counts, lang)]
        for name in ("issues", "notes", "cannot_carry"):
            items = getattr(self, name)
            if items:
                lines.append(text(f"report_{name}", lang))
                lines.extend(f"  - {item}" for item in items)
        return "\n".join(lines)


def _short(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" (+{len(ids) - limit})" if len(ids) > limit else "")


class _Mapper:
    """Turns a flat graph into raw tables, collecting what does not fit."""

    def __init__(self, H: nx.MultiDiGraph, source: str, report: ImportReport, lang: str):
        self.H, self.source, self.report, self.lang = H, source, report, lang
        self.vocabulary = {normalise_key(p): p for p in PERSPECTIVES}
        self.kinds: dict[str, str] = {}
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in schema.TABLES}
        self.node_rows: dict[str, dict[str, Any]] = {}
        self.bad_values: dict[tuple[str, str], list[str]] = {}
        self.layout: set[str] = set()
        self.undirected = bool(H.graph.get("netmap_undirected"))

    def issue(self, key: str, **params: Any) -> None:
        self.report.issues.append(text(key, self.lang, **params))

    def map_nodes(self) -> None:
        no_kind: list[str] = []
        no_label: list[str] = []
        bad_kind: dict[tuple[str, bool], list[str]] = {}
        for node, data in self.H.nodes(data=True):
            node_id = str(node).strip()
            raw_kind = str(data.get("kind", "") or "").strip()
            kind = KIND_ALIASES.get(normalise_key(raw_kind))
            if kind is None:
                typed = bool(str(data.get("type", "") or "").strip())
                (bad_kind.setdefault((raw_kind, typed), []) if raw_kind else no_kind).append(node_id)
                kind = "organisation"
                if raw_kind and not typed:
                    data = {**data, "type": raw_kind}  # the other tool's type survives as the type
            name = str(data.get("label") or data.get("name") or "").strip()
            if not name:
                no_label.append(node_id)
                name = node_id
            self.kinds[node_id] = kind
            row = {"id": node_id, "name": name}
            row.update(self.node_columns(node_id, kind, data))
            self.node_rows[node_id] = row
            self.rows[TABLE_OF_KIND[kind]].append(row)
        if no_kind:
            self.issue("no_kind", n=len(no_kind), ids=_short(no_kind))
        for (value, typed), ids in bad_kind.items():
            self.issue("bad_kind_typed" if typed else "bad_kind", value=value, ids=_short(ids))
        if no_label:
            self.issue("no_label", n=len(no_label), ids=_short(no_label))

    def node_columns(self, node_id: str, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for key, value in data.items():
            if key in _LAYOUT:
                self.layout.add(key)
            if key in _FORMAT_NOISE or value in (None, ""):
                continue
            column = _extra_column(key) if key.lower().startswith(EXTRA_PREFIX) else _node_column(key)
            value_kind = _node_kind(column)
            if value_kind == schema.LEVELS:
                value = self.clean(node_id, column, value, lambda p: parse_level(p))
            elif value_kind == schema.PERSPECTIVES:
                value = self.clean(node_id, column, value, lambda p: self.vocabulary.get(normalise_key(p)))
            elif value_kind == schema.SCOPE:
                value = self.clean(node_id, column, value, lambda p: p.lower() if p.lower() in SCOPES else None)
            elif value_kind == schema.BOOL:
                value = self.flag(node_id, column, value)
            row[column] = value
        return row

    def flag(self, node_id: str, column: str, value: Any) -> str:
        word = normalise_key(str(value))
        if word not in TRUE_WORDS | FALSE_WORDS:
            self.bad_values.setdefault((column, str(value)), []).append(node_id)
        return "ja" if word in TRUE_WORDS else ""

    def clean(self, node_id: str, column: str, value: Any, parse: Any) -> str:
        kept = []
        for part in split_values(value, themes=False):
            parsed = parse(part)
            if parsed is None:
                self.bad_values.setdefault((column, part), []).append(node_id)
            elif parsed not in kept:
                kept.append(parsed)
        return ";".join(kept)

    def map_edges(self) -> None:
        no_rel = 0  # counted as the ties they become, so the report agrees with the summary's count
        homes: dict[tuple[str, str], str] = {}
        for u, v, data in self.H.edges(data=True):
            u, v = str(u).strip(), str(v).strip()
            raw = str(data.get("rel", "") or "").strip()
            rel = REL_ALIASES.get(normalise_key(raw)) if raw else None
            guessed = rel is None
            if rel is None:
                rel = TIE
                data = dict(data)
                data.setdefault("kind", raw or data.get("type") or "learning")
            if u == v:
                self.issue("self_loop", u=u)
                continue
            reason = self.misfit(rel, u, v, data)
            undirected = self.undirected or bool(data.get("netmap_undirected"))
            if reason and undirected and not self.misfit(rel, v, u, data):
                u, v, reason = v, u, None  # an undirected file does not keep the written direction
            if reason:
                self.issue("bad_rel", u=u, v=v, rel=rel, reason=text(reason, self.lang))
            elif rel in (HOME, PARENT, HOST):
                self.reference(rel, u, v, homes)
            else:
                self.rows[schema.table_of_relation(rel)].append(self.edge_row(rel, u, v, data))
                no_rel += guessed
        if no_rel:
            self.issue("no_rel", n=no_rel)

    def misfit(self, rel: str, u: str, v: str, data: dict[str, Any]) -> str | None:
        """Why an edge cannot be what it says it is (a key of ``netmap/texts/import.yaml``), or None.

        The kinds each end may have are the schema's: the references of the edge table's two end
        columns, or for a node reference (home, parent, host) the table declaring it and its references.
        """
        sources, targets = _end_kinds(rel)
        if self.kinds.get(u) not in sources:
            return _SOURCE_REASON.get(sources, "need_source")
        if self.kinds.get(v) not in targets:
            return _TARGET_REASON.get(targets, "need_target")
        return None

    def reference(self, rel: str, u: str, v: str, seen: dict[tuple[str, str], str]) -> None:
        column = next(col.name for col in schema.node_reference_columns() if col.edge == rel)
        if (u, rel) in seen:
            self.issue("second_home", u=u, rel=rel, kept=seen[(u, rel)])
            return
        seen[(u, rel)] = v
        self.node_rows[u][column] = v

    def edge_row(self, rel: str, u: str, v: str, data: dict[str, Any]) -> dict[str, Any]:
        table = schema.table(schema.table_of_relation(rel))
        row: dict[str, Any] = {table.ends[0]: u, table.ends[1]: v}
        own = set(edge_attrs(rel))
        for key, value in data.items():
            if key in reserved() - own or key in _FORMAT_NOISE - {"kind"} or value in (None, ""):
                continue
            if rel != TIE and key == "kind":
                continue
            column = _extra_column(key)
            col = next((c for c in schema.edge_attribute_columns(table.name) if c.export_name("flat") == column),
                       None)
            if col is not None and col.kind == schema.REF and self.kinds.get(str(value)) not in col.refs:
                self.bad_values.setdefault((col.name, str(value)), []).append(f"{u} -> {v}")
                continue
            if col is not None and col.kind == schema.CYCLE_STEP:
                value = self.cycle_step(col.name, value, f"{u} -> {v}")
            row[col.name if col is not None else column] = value
        return row

    def cycle_step(self, column: str, value: Any, where: str) -> str:
        step = str(value).strip().removesuffix(".0")
        if step not in {"1", "2", "3", "4"}:
            self.bad_values.setdefault((column, step), []).append(where)
            return ""
        return step

    def map_requirements(self) -> None:
        raw = self.H.graph.get(REQUIREMENTS_KEY)
        if raw in (None, ""):
            return
        try:
            rows = json.loads(raw) if isinstance(raw, str) else raw
            assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
        except (ValueError, AssertionError):
            self.issue("bad_requirements")
            return
        self.rows["requirements"] = [{k: ("" if v is None else v) for k, v in r.items()} for r in rows]

    def reader_notes(self) -> None:
        """What the file's reader could not carry (:mod:`netmap.io.xmlgraph`), in the report."""
        self.report.issues.extend(self.H.graph.get(ISSUES, []))
        self.layout.update(self.H.graph.get(LAYOUT, []))

    def finish(self) -> dict[str, RawTable]:
        for (column, value), ids in self.bad_values.items():
            self.issue("bad_value", column=column, value=value, ids=_short(ids))
        tables: dict[str, RawTable] = {}
        for name, rows in self.rows.items():
            if not rows and name != "organisations":
                continue
            columns = list(dict.fromkeys(k for row in rows for k in row)) or ["id", "name"]
            tables[name] = RawTable(name, f"{self.source} [{name}]", columns,
                                    [(number, row) for number, row in enumerate(rows, start=1)])
        self.note_extras(tables)
        if self.layout:
            self.report.notes.append(text("layout", self.lang, columns=", ".join(sorted(self.layout))))
        return tables

    def note_extras(self, tables: dict[str, RawTable]) -> None:
        for name, table in tables.items():
            extra = [c for c in table.columns if not schema.is_declared(name, c)]
            if extra:
                self.report.notes.append(text("extra_columns", self.lang, table=name, columns=", ".join(extra)))


_SOURCE_REASON: dict[tuple[str, ...], str] = {
    ("person",): "need_person", ("organisation",): "need_source_org", ("network",): "need_source_net"}
_TARGET_REASON: dict[tuple[str, ...], str] = {
    ("network",): "need_network", ("organisation",): "need_org", ("organisation", "network"): "need_org"}


def _end_kinds(rel: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The node kinds the source and the target of an edge of relation ``rel`` may have."""
    for table in schema.NODE_TABLES:
        for col in schema.columns(table):
            if col.edge == rel:
                return (NODE_KIND[table],), col.refs
    declared = schema.table(schema.table_of_relation(rel))
    source, target = (declared.column(name).refs for name in declared.ends)
    return source, target


def _node_column(name: str) -> str:
    """A flat or graph attribute name -> the input column: ``levels`` and ``level`` -> ``level``."""
    for col in schema.node_attribute_columns():
        if name == col.key:
            return col.name
    return flat_column(name)


def _node_kind(name: str) -> str | None:
    """The kind (:data:`netmap.schema.KINDS`) of a node column, None for an extra column."""
    for table in schema.NODE_TABLES:
        if schema.is_declared(table, name):
            return schema.column(table, name).kind
    return None


def dataset_from_flat(H: nx.MultiDiGraph, source: str, fmt: str, lang: str = "nl") -> tuple[Dataset, ImportReport]:
    """Map a flat graph onto the domain model; return the validated Dataset and the import report.

    Raises :class:`~netmap.errors.DataError` if what could be mapped still does not validate.
    """
    report = ImportReport(source=source, format=fmt)
    mapper = _Mapper(H, source, report, lang)
    mapper.reader_notes()
    mapper.map_nodes()
    mapper.map_edges()
    mapper.map_requirements()
    tables = mapper.finish()
    dataset = validate(tables, lang=lang, source=source)
    report.counts = {k: v for k, v in dataset.counts().items() if v}
    return dataset, report

