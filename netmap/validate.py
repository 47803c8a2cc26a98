"""Raw tables -> a validated :class:`~netmap.model.Dataset`, or every problem at once.

Nothing downstream sees unvalidated data: a :class:`~netmap.errors.DataError`
is raised before anything is built or loaded anywhere.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from netmap import schema
from netmap.dates import parse_date
from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.io.readers import RawTable
from netmap.model import (
    LEVELS,
    NODE_KIND,
    NODE_TABLES,
    PERSPECTIVES,
    SCOPES,
    Dataset,
    Membership,
    Node,
    Representation,
    Requirement,
    Tie,
    parse_level,
)
from netmap.schema import Column

_SPLIT_LIST = re.compile(r"[;,|]")
_SPLIT_THEMES = re.compile(r"[;|]")
#: The words a yes/no cell may hold (compared after :func:`normalise_key`, so 'privé' is 'prive').
TRUE_WORDS = frozenset({"1", "true", "ja", "yes", "y", "j", "x", "waar", "prive", "private", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "nee", "no", "n", "onwaar", "off"})
_CYCLE_STEPS = {"1", "2", "3", "4"}
#: What a row of each edge table becomes.
RECORDS = {"memberships": Membership, "representation": Representation, "ties": Tie, "requirements": Requirement}
#: Extra columns checked as dates although the schema does not declare them (a seat's since/until,
#: applied by graph.as_of from the extra columns).
DATED_EXTRAS = {"representation": ("since", "until")}
INVALID = object()  # a cell that did not parse (its problem is reported)
#: Control characters no cell may hold (tab, line feed and carriage return are text), and lone surrogates.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Characters that look like nothing (or like a space) and so make two ids that look the same differ.
INVISIBLE = re.compile("[\u00a0\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def kind_label(kind: str, lang: str = "nl") -> str:
    """'organisation' -> 'organisatie': a kind of node as a user reads it."""
    return t(f"input.kind_{kind}", lang)


def normalise_key(text: str) -> str:
    """Lower-case, accents removed: 'Cliënten' -> 'clienten'.

    >>> normalise_key(" Cliënten ")
    'clienten'
    """
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_values(value: Any, themes: bool = False) -> list[str]:
    """A multi-valued cell (``'I; II'`` or a YAML list) -> its trimmed, non-empty parts."""
    if isinstance(value, list):
        parts: Iterable[Any] = value
    else:
        parts = (_SPLIT_THEMES if themes else _SPLIT_LIST).split(str(value))
    return [str(p).strip() for p in parts if str(p).strip()]


class Validator:
    """Collects problems while turning raw tables into records."""

    def __init__(self, tables: dict[str, RawTable], perspectives: Iterable[str], lang: str):
        self.tables = tables
        self.lang = lang
        self.vocabulary = {normalise_key(p): p for p in perspectives}
        self.problems: list[Problem] = []
        self.where: dict[str, str] = {}  # id -> "table, row n", for duplicate messages
        self.dataset = Dataset()
        self.parsers = {kind: getattr(self, f"parse_{kind}", None) for kind in schema.KINDS}

    def problem(self, table: RawTable, key: str, row: int | None = None, column: str | None = None,
                value: Any = None, **params: Any) -> None:
        self.problems.append(Problem(table.source, t(f"input.{key}", self.lang, **params), row, column, value))

    def check_characters(self) -> None:
        """Refuse control characters and lone surrogates in any cell, and invisible characters in ids and
        references; ids and references are NFC-normalised (``e`` + combining diaeresis is ``ë``)."""
        for name, table in self.tables.items():
            ids = {c.name for c in schema.columns(name) if c.kind in (schema.ID, schema.REF)} \
                if name in schema.SCHEMA else set()
            for row, values in table.rows:
                for column, value in values.items():
                    for part in value if isinstance(value, list) else [value]:
                        if isinstance(part, str) and self.bad_character(table, row, column, part, column in ids):
                            break
                    if column in ids and isinstance(value, str):  # reported; checked further without them
                        values[column] = unicodedata.normalize("NFC", INVISIBLE.sub("", value))

    def bad_character(self, table: RawTable, row: int, column: str, text: str, is_id: bool) -> bool:
        found = CONTROL.search(text) or (INVISIBLE.search(text) if is_id else None)
        if found is None:
            return False
        char = found.group()
        if 0xD800 <= ord(char) <= 0xDFFF:
            key = "lone_surrogate"
        else:
            key = "control_character" if CONTROL.match(char) else "invisible_character"
        self.problem(table, key, row, column, text,
                     char=f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip(), position=found.start() + 1)
        return True

    def usable(self, name: str) -> RawTable | None:
        """The table if present and all its required columns exist (else report them)."""
        table = self.tables.get(name)
        if table is None:
            return None
        missing = [c.name for c in schema.required_columns(name) if c.name not in table.columns]
        for column in missing:
            self.problem(table, "missing_column", column=column, found=", ".join(table.columns) or "-")
        if name in NODE_TABLES:
            self.foreign_references(table, name)
        return None if missing else table

    def foreign_references(self, table: RawTable, name: str) -> None:
        """A reference column another node table declares (``host_id`` on organisations) would be kept as an
        extra column and draw no edge: report it where it holds a value, naming the table it belongs to."""
        for column in table.columns:
            if schema.is_declared(name, column):
                continue
            owners = [other for other in NODE_TABLES if other != name and schema.is_declared(other, column)
                      and schema.column(other, column).kind == schema.REF]
            if not owners:
                continue
            row = next((number for number, values in table.rows if _text(values.get(column, ""))), None)
            if row is not None:
                self.problem(table, "foreign_reference", row, column, table_name=name, owners=", ".join(owners))

    # -- node tables -------------------------------------------------------------------
    def read_nodes(self) -> None:
        for name in NODE_TABLES:
            table = self.usable(name)
            if table is None:
                continue
            cells = [(col, put) for col, put in schema.setters(name, Node, schema.columns(name))
                     if col.kind != schema.ID and col.name != "name"]
            for row, values in table.rows:
                node = self.node(table, name, row, values, cells)
                if node is not None:
                    self.dataset.nodes[node.id] = node

    def node(self, table: RawTable, name: str, row: int, values: dict[str, Any],
             cells: list[tuple[Column, Any]]) -> Node | None:
        node_id = self.required(table, row, values, "id")
        label = self.required(table, row, values, "name")
        if node_id is None or label is None:
            return None
        if node_id in self.where:
            self.problem(table, "duplicate_id", row, "id", node_id, other=self.where[node_id])
            return None
        self.where[node_id] = f"{table.source}, {t('input.row', self.lang)} {row}"
        node = Node(id=node_id, kind=NODE_KIND[name], name=label, extra=_extra(name, values))
        for col, put in cells:
            if col.kind == schema.REF:  # checked once every node is known (check_node_refs)
                put(node, _text(values.get(col.name, "")))
            else:
                value = self.cell(table, row, values, col)
                if value is not INVALID:
                    put(node, value)
        return node

    def required(self, table: RawTable, row: int, values: dict[str, Any], column: str) -> str | None:
        value = _text(values.get(column, ""))
        if not value:
            self.problem(table, "empty_required", row, column)
            return None
        return value

    # -- one cell, parsed by its column's kind -------------------------------------------------------
    def cell(self, table: RawTable, row: int, values: dict[str, Any], col: Column) -> Any:
        """The parsed value of one cell, its column's empty value, or INVALID (the problem is reported)."""
        value = values.get(col.name, "")
        text = _text(value)
        if not text:
            return col.empty
        parse = self.parsers[col.kind]
        if parse is None:  # text, date, id, ref: kept as written
            if col.multi:
                return tuple(split_values(value, themes=True))
            return text.lower() if col.lower else text
        return parse(table, row, col, value)

    def parse_levels(self, table: RawTable, row: int, col: Column, value: Any) -> tuple[str, ...] | str:
        found: list[str] = []
        for part in split_values(value):
            level = parse_level(part)
            if level is None:
                self.problem(table, "unknown_level", row, col.name, part)
            elif level not in found:
                found.append(level)
        levels = tuple(sorted(found, key=LEVELS.index))
        return levels if col.multi else (levels[0] if levels else "")

    def parse_perspectives(self, table: RawTable, row: int, col: Column, value: Any) -> Any:
        found: list[str] = []
        for part in split_values(value):
            key = self.vocabulary.get(normalise_key(part))
            if key is None:
                known = ", ".join(self.vocabulary.values())
                self.problem(table, "unknown_perspective", row, col.name, part, known=known)
            elif key not in found:
                found.append(key)
        if col.multi:
            return tuple(found)
        # a single-valued cell naming several perspectives means any one of them (netmap.analysis.perspectives)
        return ";".join(found) if found else INVALID

    def parse_bool(self, table: RawTable, row: int, col: Column, value: Any) -> Any:
        text = normalise_key(_text(value))
        if text in TRUE_WORDS:
            return True
        if text not in FALSE_WORDS:
            self.problem(table, "bad_bool", row, col.name, value)
        return False

    def parse_scope(self, table: RawTable, row: int, col: Column, value: Any) -> Any:
        text = _text(value).lower()
        if text not in SCOPES:
            self.problem(table, "bad_scope", row, col.name, value)
            return ""
        return text

    def parse_date(self, table: RawTable, row: int, col: Column, value: Any) -> Any:
        """A date cell as written (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); else a problem and empty."""
        checked = parse_date(_text(value))
        if checked is None:
            self.problem(table, "bad_date", row, col.name, value)
            return ""
        return checked

    def parse_cycle_step(self, table: RawTable, row: int, col: Column, value: Any) -> Any:
        text = _text(value)
        if text in _CYCLE_STEPS:
            return int(text)
        self.problem(table, "bad_cycle_step", row, col.name, value)
        return INVALID

    def parse_float(self, table: RawTable, row: int, col: Column, value: Any) -> Any:
        try:
            number = float(_text(value).replace(",", "."))
        except ValueError:
            self.problem(table, "not_a_number", row, col.name, value)
            return INVALID
        if not math.isfinite(number):  # NaN and infinity: no weight, and never valid JSON
            self.problem(table, "not_finite", row, col.name, value)
            return INVALID
        if col.minimum is not None and number < col.minimum:
            self.problem(table, "below_minimum", row, col.name, value, minimum=_number_text(col.minimum))
            return INVALID
        return number

    def parse_int(self, table: RawTable, row: int, col: Column, value: Any) -> Any:
        number = self.parse_float(table, row, col, value)
        if number is INVALID:
            return INVALID
        if not float(number).is_integer():
            self.problem(table, "not_whole_number", row, col.name, value)
            return INVALID
        return int(number)

    # -- references --------------------------------------------------------------------
    def ref(self, table: RawTable, row: int, column: str, value: str, kinds: tuple[str, ...]) -> bool:
        """True if ``value`` names a node of one of ``kinds``; otherwise report why not."""
        node = self.dataset.nodes.get(value)
        if node is None:
            if value not in self.where:  # a duplicate id was reported already
                self.problem(table, "dangling_id", row, column, value)
            return False
        if node.kind not in kinds:
            expected = " / ".join(kind_label(k, self.lang) for k in kinds)
            self.problem(table, "wrong_kind", row, column, value,
                         found=kind_label(node.kind, self.lang), expected=expected)
            return False
        return True

    def check_node_refs(self) -> None:
        refs = [(name, col) for name in NODE_TABLES for col in schema.columns(name) if col.kind == schema.REF]
        # parent organisations first, then people, then networks: the order users have seen since v1
        refs.sort(key=lambda pair: ("organisations", "people", "networks").index(pair[0]))
        for name, col in refs:
            table = self.tables.get(name)
            if table is None:
                continue
            for row, values in table.rows:
                value = _text(values.get(col.name, ""))
                node = self.dataset.nodes.get(_text(values.get("id", "")))
                if value and node is not None and node.kind == NODE_KIND[name]:
                    if value == node.id:
                        self.problem(table, "self_reference", row, col.name, value)
                    else:
                        self.ref(table, row, col.name, value, col.refs)

    # -- edge tables -------------------------------------------------------------------
    def read_edges(self) -> None:
        for name, cls in RECORDS.items():
            table = self.usable(name)
            if table is None:
                continue
            plan = EdgePlan(name, cls)
            for row, values in table.rows:
                record = self.edge(table, plan, row, values)
                if record is not None:
                    getattr(self.dataset, name).append(record)

    def edge(self, table: RawTable, plan: EdgePlan, row: int, values: dict[str, Any]) -> Any:
        """One row of an edge table as its record, or None if a problem was reported."""
        refs = {col.name: self.required(table, row, values, col.name) for col in plan.required_refs}
        ok = True
        for col in plan.refs:
            value = refs[col.name] if col.required else _text(values.get(col.name, ""))
            if value:
                ok &= self.ref(table, row, col.name, value, col.refs)
            elif col.required:
                ok = False
        if ok and plan.self_tie and refs[plan.ends[0]] == refs[plan.ends[1]]:
            self.problem(table, "self_tie", row, plan.self_tie, refs[plan.self_tie])
            ok = False
        parsed: dict[str, Any] = {}
        for col in plan.columns:
            if col.kind == schema.REF:
                parsed[col.name] = _text(values.get(col.name, ""))
            elif col.required and not _text(values.get(col.name, "")):
                self.problem(table, "empty_required", row, col.name)
                ok = False
            else:
                parsed[col.name] = value = self.cell(table, row, values, col)
                ok &= value is not INVALID
        for name in DATED_EXTRAS.get(plan.name, ()):  # a seat's dates: extra columns, checked as dates
            if _text(values.get(name, "")):
                parsed.setdefault(name, self.parse_date(table, row, Column(name, schema.DATE), values[name]))
        since, until = parsed.get("since"), parsed.get("until")
        if isinstance(since, str) and isinstance(until, str) and since and until:
            n = min(len(since), len(until))  # compared at the precision both were written in (netmap.dates)
            if until[:n] < since[:n]:
                self.problem(table, "until_before_since", row, "until", until, since=since)
                ok = False
        if not ok:
            return None
        record = plan.cls(**{col.key: parsed[col.name] for col in plan.typed})
        if plan.has_extra:
            record.extra = _extra(plan.name, values)
        for col, put in plan.in_extra:
            put(record, parsed[col.name])
        return record

    def check_parent_cycles(self) -> None:
        table = self.tables.get("organisations")
        if table is None:
            return
        nodes = self.dataset.nodes
        reported: set[str] = set()
        for row, values in table.rows:
            start = _text(values.get("id", ""))
            seen, current = set(), start
            while current in nodes and nodes[current].parent_id and current not in seen:
                seen.add(current)
                current = nodes[current].parent_id
            if current == start and len(seen) > 1 and not (seen & reported):  # a self-parent: self_reference
                reported |= seen
                self.problem(table, "parent_cycle", row, "parent_id", nodes[start].parent_id)


class EdgePlan:
    """What reading one edge table needs from the schema, looked up once per table instead of per row."""

    def __init__(self, name: str, cls: type):
        declared = schema.table(name)
        self.name, self.cls, self.columns, self.ends = name, cls, declared.columns, declared.ends
        self.self_tie = declared.self_tie_column
        self.refs = tuple(c for c in declared.columns if c.kind == schema.REF)
        self.required_refs = tuple(c for c in self.refs if c.required)
        typed = {f.name for f in fields(cls)}
        self.typed = tuple(c for c in declared.columns if c.key in typed)
        self.has_extra = "extra" in typed
        self.in_extra = schema.setters(name, cls, schema.stored_in_extra(name, cls))


def validate(tables: dict[str, RawTable], perspectives: Iterable[str] = PERSPECTIVES,
             lang: str = "nl", source: str = "") -> Dataset:
    """Check every table and return the Dataset; raise DataError listing all problems.

    ``perspectives`` is the vocabulary that ``perspectives`` cells may use
    (accents and case are ignored when matching).
    """
    checker = Validator(tables, perspectives, lang)
    if "organisations" not in tables:
        checker.problems.append(Problem(source or "invoer", t("input.missing_table", lang)))
    checker.check_characters()
    checker.read_nodes()
    checker.check_node_refs()
    checker.check_parent_cycles()
    checker.read_edges()
    if checker.problems:
        raise DataError(checker.problems, lang)
    checker.dataset.source = source
    return checker.dataset


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v).strip() for v in value)
    return str(value).strip() if value is not None else ""


def _extra(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """The cells of columns the table does not declare, kept as they are."""
    known = schema.declared_names(table)
    return {k: v for k, v in values.items() if k and k not in known and v not in ("", [])}


__all__ = ["FALSE_WORDS", "TRUE_WORDS", "kind_label", "normalise_key", "split_values", "validate"]
