"""The input tables and their columns: one declaration per column, everything else derives from it.

Every column of every input table is declared once, in :data:`SCHEMA`, with what
it is (:class:`Column`): its name, whether it is required, whether a cell holds
several values, how a cell is parsed and checked (its *kind*), the attribute it
becomes on a record and in the graph, the names the exchange formats give it,
its privacy class, and (in ``netmap/texts/schema.yaml``) the explanation the
template workbook shows. Validation, the graph, the writers, the exports, the
imports, the diff, the template and the README's column table follow from it.
A column in the input that is declared nowhere is kept as it is, as an
*extra* column.

A declared column needs no field on the record classes of :mod:`netmap.model`:
:func:`record_value` and :func:`set_record_value` read and write a record's
own attribute where it has one, else its ``extra`` mapping under the column's
name (parsed by the column's kind). So adding a column is one line here plus,
for the template, its texts.

This module does no I/O beyond reading its texts from the catalogue.

>>> [c.name for c in required_columns("ties")]
['source_id', 'target_id']
>>> column("organisations", "level").attr, column("organisations", "level").export_name("flat")
('levels', 'level')
>>> columns_of_class("ties", FREE_TEXT)
('theme', 'note')
"""
from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar

from netmap.i18n import has_text, t

T = TypeVar("T")

# -- what a cell holds: the parser and check a column gets -----------------------------------------
ID = "id"                    #: a node's own id, unique over the node tables
REF = "ref"                  #: the id of a node of one of ``Column.refs`` kinds
LEVELS = "levels"            #: levels I-IV (``3`` and ``iii`` accepted)
PERSPECTIVES = "perspectives"  #: codes of the perspective vocabulary
BOOL = "bool"                #: ja/nee, yes/no, 1/0, x ...
INT = "int"                  #: a whole number >= 0
FLOAT = "float"              #: a number (a decimal comma is accepted)
DATE = "date"                #: a year or a date, kept as written
SCOPE = "scope"              #: regional, supraregional or national
CYCLE_STEP = "cycle_step"    #: a learning-cycle step 1-4
TEXT = "text"                #: any text
KINDS = (ID, REF, LEVELS, PERSPECTIVES, BOOL, INT, FLOAT, DATE, SCOPE, CYCLE_STEP, TEXT)

# -- privacy classes, read by the privacy policy ----------------------------------------------------
IDENTIFYING = "identifying"  #: names a person or organisation (names, ids, references)
FREE_TEXT = "free_text"      #: free text that may name anyone (notes, themes)
STRUCTURAL = "structural"    #: what the analyses need and what does not identify (levels, roles, ...)
PRIVACY_CLASSES = (IDENTIFYING, FREE_TEXT, STRUCTURAL)

#: The formats whose column names may differ from the input's (:meth:`Column.export_name`).
EXPORT_FORMATS = ("flat", "kumu")


@dataclass(frozen=True, eq=False)
class Column:
    """One column of one input table."""

    name: str
    kind: str = TEXT
    required: bool = False
    multi: bool = False
    #: REF: the node kinds the id may name.
    refs: tuple[str, ...] = ()
    #: The record and graph attribute; empty means the column's own name.
    attr: str = ""
    #: The value of an empty cell (multi-valued columns: the empty tuple).
    default: Any = ""
    #: Text stored in lower case (tie kinds, membership roles).
    lower: bool = False
    privacy: str = STRUCTURAL
    #: (set from ``attr``/``name``) the attribute name on records and graph nodes/edges.
    key: str = field(init=False, repr=False, default="")
    #: A node reference drawn as a graph edge of this relation instead of a node attribute.
    edge: str = ""
    #: Names in the exchange formats where they differ from the input's: format -> name.
    export: dict[str, str] = field(default_factory=dict)
    #: INT/FLOAT: the smallest value accepted (a negative weight or count is refused).
    minimum: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.attr or self.name)  # read per cell: a plain attribute
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: unknown kind {self.kind!r}; choose one of {KINDS}")
        if self.privacy not in PRIVACY_CLASSES:
            raise ValueError(f"column {self.name!r}: unknown privacy class {self.privacy!r}")
        if (self.kind == REF) != bool(self.refs):
            raise ValueError(f"column {self.name!r}: a reference names the node kinds it may refer to")

    @property
    def empty(self) -> Any:
        """The value a record holds for an empty cell."""
        return () if self.multi else self.default

    def export_name(self, fmt: str = "flat") -> str:
        """The column's name in an exchange format (``flat``: GraphML, GEXF, JSON, CSV; ``kumu``)."""
        if fmt == "kumu":
            return self.export.get("kumu") or self.export_name("flat")
        return self.export.get(fmt, self.name)


@dataclass(frozen=True)
class Table:
    """One input table: its columns in sheet order and what its rows become."""

    name: str
    columns: tuple[Column, ...]
    #: Node tables: the kind of node a row is.
    node_kind: str = ""
    #: Edge tables: the graph relation a row becomes ("" for requirements, which are no edges).
    relation: str = ""
    #: Edge tables: the two columns that are the edge's ends.
    ends: tuple[str, ...] = ()
    #: Edge tables that forbid a row linking a node to itself: the column the problem is reported on.
    self_tie_column: str = ""

    def column(self, name: str) -> Column:
        """The column called ``name``; KeyError if the table has none."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"table {self.name!r} has no column {name!r}")


_ANY_NODE = ("organisation", "network", "person")
_ORG = ("organisation",)
_NET = ("network",)


def _node_table(name: str, kind: str, *columns: Column) -> Table:
    head = (Column("id", ID, required=True, privacy=IDENTIFYING),
            Column("name", required=True, privacy=IDENTIFYING, export={"flat": "label", "kumu": "Label"}))
    return Table(name, head + columns, node_kind=kind)


_TYPE = Column("type", export={"kumu": "Category"})
_LEVEL = Column("level", LEVELS, multi=True, attr="levels")
_PERSPECTIVES = Column("perspectives", PERSPECTIVES, multi=True, export={"kumu": "Tags"})
_REGION = Column("region")
_PRIVATE = Column("private", BOOL, default=False)
_SINCE, _UNTIL = Column("since", DATE), Column("until", DATE)
_NOTE = Column("note", privacy=FREE_TEXT)

class _Tables(dict):
    """The tables by name; replacing one (``SCHEMA[name] = table``) renews every derived view."""

    version = 0

    def __setitem__(self, key: str, value: Table) -> None:
        super().__setitem__(key, value)
        self.version += 1

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.version += 1

    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        self.version += 1


#: Every input table, in the order they are read and written.
SCHEMA: dict[str, Table] = _Tables({
    "organisations": _node_table(
        "organisations", "organisation", _TYPE, _LEVEL, _PERSPECTIVES, _REGION,
        Column("parent_id", REF, refs=_ORG, privacy=IDENTIFYING, edge="parent"), _PRIVATE),
    "networks": _node_table(
        "networks", "network", _TYPE, _LEVEL, Column("scope", SCOPE), _REGION,
        Column("host_id", REF, refs=("organisation", "network"), privacy=IDENTIFYING, edge="host"),
        Column("themes", multi=True, privacy=FREE_TEXT), _PERSPECTIVES, _PRIVATE),
    "people": _node_table(
        "people", "person", Column("role"), _PERSPECTIVES,
        Column("home_organisation_id", REF, refs=_ORG, privacy=IDENTIFYING, edge="home"), _LEVEL, _PRIVATE),
    "memberships": Table("memberships", (
        Column("member_id", REF, required=True, refs=_ANY_NODE, privacy=IDENTIFYING),
        Column("network_id", REF, required=True, refs=_NET, privacy=IDENTIFYING),
        Column("role", lower=True, default="member"), _SINCE, _UNTIL),
        relation="membership", ends=("member_id", "network_id"), self_tie_column="member_id"),
    "representation": Table("representation", (
        Column("person_id", REF, required=True, refs=("person",), privacy=IDENTIFYING),
        Column("constituency_id", REF, required=True, refs=("organisation", "network"), privacy=IDENTIFYING),
        Column("body_id", REF, refs=_NET, privacy=IDENTIFYING), Column("seat")),
        relation="representation", ends=("person_id", "constituency_id")),
    "ties": Table("ties", (
        Column("source_id", REF, required=True, refs=_ANY_NODE, privacy=IDENTIFYING),
        Column("target_id", REF, required=True, refs=_ANY_NODE, privacy=IDENTIFYING),
        Column("kind", lower=True, default="learning"), Column("theme", privacy=FREE_TEXT),
        Column("cycle_step", CYCLE_STEP, default=None), Column("weight", FLOAT, default=1.0, minimum=0),
        _SINCE, _UNTIL, _NOTE),
        relation="tie", ends=("source_id", "target_id"), self_tie_column="target_id"),
    "requirements": Table("requirements", (
        Column("body_id", REF, required=True, refs=_NET, privacy=IDENTIFYING),
        Column("perspective", PERSPECTIVES, required=True),
        Column("min_count", INT, default=1, minimum=0), _NOTE)),
})

NODE_TABLES = ("organisations", "networks", "people")
EDGE_TABLES = ("memberships", "representation", "ties", "requirements")
TABLES = NODE_TABLES + EDGE_TABLES
#: node table -> the kind of node its rows are
NODE_KIND = {"organisations": "organisation", "networks": "network", "people": "person"}


# -- derived views, memoised while SCHEMA holds the same tables -------------------------------------
_memo_state: dict[str, Any] = {"version": None, "values": {}}


def derived(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorate a function of the schema alone: its results are cached until a table of :data:`SCHEMA`
    is replaced (as a test may). For column lists other modules derive and read per record."""

    @functools.wraps(fn)
    def wrapper(*args: Any) -> T:
        version = (id(SCHEMA), getattr(SCHEMA, "version", None))
        if _memo_state["version"] != version:
            _memo_state["version"], _memo_state["values"] = version, {}
        cache = _memo_state["values"]
        key = (fn.__name__, args)
        if key not in cache:
            cache[key] = fn(*args)
        return cache[key]

    return wrapper


# -- looking columns up ------------------------------------------------------------------------------
def table(name: str) -> Table:
    """The declaration of table ``name``."""
    return SCHEMA[name]


def describe_counts(counts: dict[str, int], lang: str) -> str:
    """How many records each input table holds, in the user's words; empty tables left out.

    >>> describe_counts({"organisations": 3, "people": 0, "ties": 1}, "nl")
    '3 organisaties, 1 relatie'
    >>> describe_counts({"representation": 1, "requirements": 2}, "en")
    '1 seat, 2 requirements'
    """
    return ", ".join(t(f"schema.count.{k}_1" if v == 1 else f"schema.count.{k}", lang, n=v)
                     for k, v in counts.items() if v)


def columns(table_name: str) -> tuple[Column, ...]:
    """The columns of a table in sheet order."""
    return SCHEMA[table_name].columns


def column(table_name: str, name: str) -> Column:
    """One column of one table."""
    return SCHEMA[table_name].column(name)


@derived
def column_names(table_name: str) -> tuple[str, ...]:
    """The names of a table's columns in sheet order."""
    return tuple(c.name for c in columns(table_name))


@derived
def declared_names(table_name: str) -> frozenset[str]:
    """The names of a table's columns, as a set."""
    return frozenset(column_names(table_name))


@derived
def required_columns(table_name: str) -> tuple[Column, ...]:
    """The columns a table must have."""
    return tuple(c for c in columns(table_name) if c.required)


@derived
def optional_columns(table_name: str) -> tuple[Column, ...]:
    """The columns a table may have."""
    return tuple(c for c in columns(table_name) if not c.required)


def columns_of_class(table_name: str, privacy: str) -> tuple[str, ...]:
    """The names of a table's columns of one privacy class (:data:`PRIVACY_CLASSES`)."""
    if privacy not in PRIVACY_CLASSES:
        raise ValueError(f"unknown privacy class {privacy!r}; choose one of {', '.join(PRIVACY_CLASSES)}")
    return tuple(c.name for c in columns(table_name) if c.privacy == privacy)


def is_declared(table_name: str, name: str) -> bool:
    """True if ``name`` is a declared column of the table (else it is an extra column)."""
    return name in declared_names(table_name)


@derived
def all_column_names() -> frozenset[str]:
    """Every declared column name of every table."""
    return frozenset(c.name for name in TABLES for c in columns(name))


@derived
def node_attribute_columns() -> tuple[Column, ...]:
    """The columns that become node attributes in the graph, over all node tables, once per attribute.

    The id is the node itself and a reference with an ``edge`` relation becomes an edge.
    """
    found: dict[str, Column] = {}
    for name in NODE_TABLES:
        for col in columns(name):
            if col.kind != ID and not col.edge:
                found.setdefault(col.key, col)
    return tuple(found.values())


@derived
def node_columns() -> tuple[Column, ...]:
    """Every column of the node tables but the id, once per attribute (a node record's fields)."""
    found: dict[str, Column] = {}
    for name in NODE_TABLES:
        for col in columns(name):
            if col.kind != ID:
                found.setdefault(col.key, col)
    return tuple(found.values())


@derived
def node_reference_columns() -> tuple[Column, ...]:
    """The node references drawn as graph edges (``parent_id``, ``home_organisation_id``, ``host_id``)."""
    found: dict[str, Column] = {}
    for name in NODE_TABLES:
        for col in columns(name):
            if col.edge:
                found.setdefault(col.key, col)
    return tuple(found.values())


@derived
def edge_attribute_columns(table_name: str) -> tuple[Column, ...]:
    """The columns of an edge table that become edge attributes (all but the two ends)."""
    ends = SCHEMA[table_name].ends
    return tuple(c for c in columns(table_name) if c.name not in ends)


def table_of_relation(relation: str) -> str:
    """The edge table whose rows become edges of ``relation``."""
    return next(name for name in EDGE_TABLES if SCHEMA[name].relation == relation)


@derived
def multi_valued_attributes() -> frozenset[str]:
    """Attribute names of every multi-valued column (tuples on records and in the graph)."""
    return frozenset(c.key for name in TABLES for c in columns(name) if c.multi)


# -- values on records -------------------------------------------------------------------------------
_FIELDS: dict[type, frozenset[str]] = {}


def _fields_of(record_type: type) -> frozenset[str]:
    found = _FIELDS.get(record_type)
    if found is None:
        found = frozenset(f.name for f in fields(record_type)) - {"extra"} if is_dataclass(record_type) else frozenset()
        _FIELDS[record_type] = found
    return found


def record_value(record: Any, col: Column) -> Any:
    """The value of a declared column on a record: its own attribute, else ``extra[name]``."""
    if col.key in _fields_of(type(record)):
        return getattr(record, col.key)
    return getattr(record, "extra", {}).get(col.name, col.empty)


def set_record_value(record: Any, col: Column, value: Any) -> None:
    """Store a parsed value of a declared column on a record (see :func:`record_value`)."""
    if col.key in _fields_of(type(record)):
        setattr(record, col.key, value)
    elif value not in ("", (), None):
        if not hasattr(record, "extra"):
            raise TypeError(f"{type(record).__name__} has no field {col.key!r} and no extra columns")
        record.extra[col.name] = value


@derived
def stored_in_extra(table_name: str, record_type: type) -> tuple[Column, ...]:
    """The declared columns of a table that records of ``record_type`` keep in ``extra``."""
    return tuple(c for c in columns(table_name) if c.key not in _fields_of(record_type))


def table_value(table_name: str, record: Any, col: Column) -> Any:
    """:func:`record_value` for a record of ``table_name``; a column of another table gives its empty value.

    (A node record has the typed attributes of every node table; an ``extra`` entry that happens
    to share a name with another table's column is an extra column here, not that column.)
    """
    if col.key in _fields_of(type(record)) or is_declared(table_name, col.name):
        return record_value(record, col)
    return col.empty


@derived
def getters(table_name: str, record_type: type, cols: tuple[Column, ...]) -> tuple[tuple[Column, Callable], ...]:
    """``(column, get)`` pairs, ``get(record)`` giving :func:`table_value`: for loops over many records."""
    typed, declared = _fields_of(record_type), declared_names(table_name)
    pairs = []
    for col in cols:
        get: Callable
        if col.key in typed:
            get = operator.attrgetter(col.key)
        elif col.name in declared:
            get = functools.partial(_from_extra, col.name, col.empty)
        else:
            get = functools.partial(_constant, col.empty)
        pairs.append((col, get))
    return tuple(pairs)


@derived
def setters(table_name: str, record_type: type, cols: tuple[Column, ...]) -> tuple[tuple[Column, Callable], ...]:
    """``(column, put)`` pairs, ``put(record, value)`` doing :func:`set_record_value`: for loops over many records."""
    typed = _fields_of(record_type)
    return tuple((col, functools.partial(_set_attr, col.key) if col.key in typed
                  else functools.partial(_set_extra, col.name)) for col in cols)


def _set_attr(key: str, record: Any, value: Any) -> None:
    setattr(record, key, value)


def _set_extra(name: str, record: Any, value: Any) -> None:
    if value not in ("", (), None):
        record.extra[name] = value


@derived
def row_reader(table_name: str, record_type: type, cols: tuple[Column, ...]) -> tuple[tuple[str, ...], Callable]:
    """``(keys, read)``: ``read(record)`` gives the tuple of the columns' :func:`table_value` at once.

    The fast path for loops over many records (one C-level attribute getter when every column is a field).
    """
    keys = tuple(col.key for col in cols)
    pairs = getters(table_name, record_type, cols)
    typed = _fields_of(record_type)
    if len(keys) > 1 and all(key in typed for key in keys):
        return keys, operator.attrgetter(*keys)
    gets = tuple(get for _, get in pairs)
    return keys, lambda record: tuple(get(record) for get in gets)


def _from_extra(name: str, empty: Any, record: Any) -> Any:
    return record.extra.get(name, empty)


def _constant(value: Any, record: Any) -> Any:
    return value


def extra_values(table_name: str, record: Any) -> dict[str, Any]:
    """A record's extra columns that are declared nowhere in its table (the true extras)."""
    extra = getattr(record, "extra", None)
    if not extra:
        return {}
    declared = declared_names(table_name)
    return {k: v for k, v in extra.items() if k not in declared}


# -- texts ---------------------------------------------------------------------------------------------
def explanation(table_name: str, name: str, lang: str = "nl") -> str:
    """The template's explanation of a column: its own text, else a generic one from its kind.

    A table-specific text (``schema.<table>.<column>``) wins over the column's (``schema.<column>``).
    """
    for key in (f"schema.{table_name}.{name}", f"schema.{name}"):
        if has_text(key):
            return t(key, lang)
    col = column(table_name, name)
    kind = t(f"schema.kind_{col.kind}", lang)
    return t("schema.generic_multi" if col.multi else "schema.generic", lang, kind=kind)


def column_table_markdown() -> str:
    """The README's column table (section "Input: your spreadsheet"): per table its required and optional columns."""
    rows = [("table", "required", "optional")]
    for name in TABLES:
        rows.append((f"`{name}`", ", ".join(f"`{c.name}`" for c in required_columns(name)),
                     ", ".join(f"`{c.name}`" for c in optional_columns(name))))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"| {a:<{widths[0]}} | {b:<{widths[1]}} | {c} |" for a, b, c in rows]
    lines.insert(1, f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 2)}|----------|")
    return "\n".join(lines)
