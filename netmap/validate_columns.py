"""Columns -> a validated :class:`~netmap.model.Dataset` without per-cell Python work: the fast path.

:func:`netmap.validate.validate` walks every cell of every row and reports each problem where it
is. Valid input, the usual case, needs none of that: here every check runs on whole columns
(a character check is one regular-expression scan of a column joined into one text, a reference
check one subset test of the column's distinct values against the ids of the kinds it may name,
a duplicate check one set), and a cell of a parsed kind (levels, perspectives, yes/no, numbers,
dates ...) is parsed once per *distinct* value by :class:`netmap.validate.Validator` itself, so the
meaning of every cell is the one the exact path gives it.

:func:`validate_columns` returns None as soon as a check fails (or the schema declares something
this path does not build, such as a column kept in ``extra``); the caller then reads and validates
the exact way, which names every problem with file, row, column and value. So a clean input gives
the same Dataset either way (``tests/test_columnar.py`` compares them), and a bad one the same
messages.
"""
from __future__ import annotations

import operator
import unicodedata
from collections.abc import Iterable
from dataclasses import MISSING, fields
from itertools import repeat
from typing import Any

from netmap import schema
from netmap.io.columnar import ColumnTable, spread
from netmap.io.readers import RawTable
from netmap.model import NODE_KIND, NODE_TABLES, PERSPECTIVES, Dataset, Node
from netmap.schema import Column
from netmap.validate import DATED_EXTRAS, INVALID, INVISIBLE, RECORDS, EdgePlan, Validator


class Unclean(Exception):
    """Some check did not pass: the exact path reads this input."""


def validate_columns(tables: dict[str, ColumnTable], perspectives: Iterable[str] = PERSPECTIVES,
                     lang: str = "nl", source: str = "") -> Dataset | None:
    """The Dataset :func:`netmap.validate.validate` would give for these tables, or None if any check fails."""
    if "organisations" not in tables:
        return None
    try:
        dataset = _Columns(tables, perspectives, lang).run()
    except Unclean:
        return None
    dataset.source = source
    return dataset


class _Columns:
    def __init__(self, tables: dict[str, ColumnTable], perspectives: Iterable[str], lang: str):
        self.tables = tables
        self.checker = Validator({}, perspectives, lang)  # parses one distinct value as a cell is parsed
        self.dataset = Dataset()
        self.ids: dict[str, set[str]] = {kind: set() for kind in NODE_KIND.values()}
        self.allowed: dict[tuple[str, ...], set[str]] = {}

    def run(self) -> Dataset:
        for table in self.tables.values():
            self.check_characters(table)
            self.check_columns(table)
        for name in NODE_TABLES:
            if name in self.tables:
                self.read_nodes(self.tables[name])
        for name in NODE_TABLES:
            if name in self.tables:
                self.check_node_refs(self.tables[name])
        self.check_parent_cycles()
        for name, cls in RECORDS.items():
            if name in self.tables:
                getattr(self.dataset, name).extend(self.read_edges(self.tables[name], cls))
        return self.dataset

    # -- whole-table checks --------------------------------------------------------------------
    def check_characters(self, table: ColumnTable) -> None:
        """Ids and references free of invisible characters and already NFC (the exact path would change
        them). (:func:`~netmap.io.columnar.read_csv_columns` took no file with a control character.)"""
        if table.ascii and not table.maybe_invisible:
            return
        for col in schema.columns(table.name):
            if col.kind in (schema.ID, schema.REF) and col.name in table:
                joined = "\n".join(table.distinct(col.name)[0])  # a line feed can neither hide nor make a match
                if table.maybe_invisible and INVISIBLE.search(joined):
                    raise Unclean
                if not table.ascii and not unicodedata.is_normalized("NFC", joined):
                    raise Unclean

    def check_columns(self, table: ColumnTable) -> None:
        """Every required column present; no reference column another node table declares holding a value."""
        if any(c.name not in table for c in schema.required_columns(table.name)):
            raise Unclean
        if table.name not in NODE_TABLES:
            return
        for name in table.columns:
            if schema.is_declared(table.name, name):
                continue
            if any(schema.is_declared(other, name) and schema.column(other, name).kind == schema.REF
                   for other in NODE_TABLES if other != table.name) and any(table.distinct(name)[1]):
                raise Unclean

    def allowed_ids(self, kinds: tuple[str, ...]) -> set[str]:
        found = self.allowed.get(kinds)
        if found is None:
            found = self.allowed[kinds] = set().union(*(self.ids[k] for k in kinds))
        return found

    def check_refs(self, table: ColumnTable, name: str, kinds: tuple[str, ...]) -> None:
        named = set(table.distinct(name)[1])
        named.discard("")
        if not named <= self.allowed_ids(kinds):
            raise Unclean

    # -- cells of one column -----------------------------------------------------------------------
    def parsed(self, table: ColumnTable, col: Column) -> Any:
        """The column's parsed values (an iterable as long as the table), as the exact path parses each cell."""
        if col.name not in table:
            return repeat(col.empty, table.length)
        written, stripped, index = table.distinct(col.name)
        if col.kind in (schema.ID, schema.REF):
            return spread(stripped, index)
        if col.kind == schema.TEXT and not col.multi:
            return spread([(v.lower() if col.lower else v) if v else col.empty for v in stripped], index)
        where = RawTable(table.name, table.source, table.columns)
        values = []
        for value in written:
            before = len(self.checker.problems)
            result = self.checker.cell(where, 0, {col.name: value}, col)
            if result is INVALID or len(self.checker.problems) > before:
                raise Unclean
            values.append(result)
        return spread(values, index)

    def extras(self, table: ColumnTable) -> list[dict[str, Any]]:
        """Per row the cells of the columns the table does not declare, as the exact path keeps them."""
        extra = [c for c in table.columns if not schema.is_declared(table.name, c)]
        if not extra:
            return [{} for _ in range(table.length)]
        columns = [table.raw(c) for c in extra]
        return [{k: v for k, v in zip(extra, row) if v != ""} for row in zip(*columns)]

    # -- node tables -----------------------------------------------------------------------------
    def read_nodes(self, table: ColumnTable) -> None:
        kind = NODE_KIND[table.name]
        if "" in table.distinct("id")[1] or "" in table.distinct("name")[1]:
            raise Unclean
        ids, names = table.text("id"), table.text("name")
        by_key = {col.key: col for col in schema.columns(table.name) if col.kind != schema.ID and col.name != "name"}
        args = _arguments(Node, by_key, lambda col: self.parsed(table, col), table.length,
                          id=ids, kind=repeat(kind), name=names, extra=self.extras(table))
        before = len(self.dataset.nodes)
        self.dataset.nodes.update(zip(ids, map(Node, *args)))
        if len(self.dataset.nodes) != before + table.length:  # an id used twice
            raise Unclean
        self.ids[kind].update(ids)

    def check_node_refs(self, table: ColumnTable) -> None:
        ids = table.text("id")
        for col in schema.columns(table.name):
            if col.kind != schema.REF or col.name not in table:
                continue
            if any(map(operator.eq, table.text(col.name), ids)):  # a self reference
                raise Unclean
            self.check_refs(table, col.name, col.refs)

    def check_parent_cycles(self) -> None:
        """No organisation on a chain of parents that comes back to it (the exact path reports it)."""
        parents = {node.id: node.parent_id for node in self.dataset.nodes.values() if node.parent_id}
        state: dict[str, bool] = {}  # False: on the chain being followed; True: done
        for start in parents:
            chain, current = [], start
            while current in parents and current not in state:
                state[current] = False
                chain.append(current)
                current = parents[current]
            if state.get(current) is False:
                raise Unclean
            state.update(dict.fromkeys(chain, True))

    # -- edge tables -----------------------------------------------------------------------------
    def read_edges(self, table: ColumnTable, cls: type) -> list[Any]:
        plan = EdgePlan(table.name, cls)
        if plan.in_extra:
            raise Unclean  # a declared column kept in extra: the exact path builds those records
        for col in plan.refs:
            if col.name in table:
                if col.required and "" in table.distinct(col.name)[1]:
                    raise Unclean
                self.check_refs(table, col.name, col.refs)
        if plan.self_tie and any(map(operator.eq, table.text(plan.ends[0]), table.text(plan.ends[1]))):
            raise Unclean
        for col in plan.columns:
            if col.required and col.kind != schema.REF and "" in table.distinct(col.name)[1]:
                raise Unclean
        self.check_dates(table)
        by_key = {col.key: col for col in plan.typed}
        given: dict[str, Any] = {"extra": self.extras(table)} if plan.has_extra else {}
        args = _arguments(cls, by_key, lambda col: self.parsed(table, col), table.length, **given)
        return list(map(cls, *args))

    def check_dates(self, table: ColumnTable) -> None:
        """The dates of extra columns checked as dates parse, and no ``until`` lies before its ``since``."""
        dated = DATED_EXTRAS.get(table.name, ())
        for name in dated:
            if name in table and not schema.is_declared(table.name, name):
                self.parsed(table, Column(name, schema.DATE))
        ends = [name for name in ("since", "until")
                if name in table and (schema.is_declared(table.name, name) or name in dated)]
        if len(ends) < 2 or not any(table.distinct("since")[1]) or not any(table.distinct("until")[1]):
            return
        if any(_ends_before(since, until) for since, until in zip(table.text("since"), table.text("until"))
               if since and until):
            raise Unclean


def _ends_before(since: str, until: str) -> bool:
    n = min(len(since), len(until))  # compared at the precision both were written in (netmap.dates)
    return until[:n] < since[:n]


def _arguments(cls: type, by_key: dict[str, Column], parse: Any, length: int, **given: Any) -> list[Any]:
    """Per field of the record class, in order, an iterable of its values: given, parsed from its column,
    or its default (a field without one, or with another default factory than ``extra``'s: not this path)."""
    args = []
    for f in fields(cls):
        if f.name in given:
            args.append(given[f.name])
        elif f.name in by_key:
            args.append(parse(by_key.pop(f.name)))
        elif f.default is not MISSING:
            args.append(repeat(f.default, length))
        else:
            raise Unclean
    if by_key:  # a declared column that is no field of the record
        raise Unclean
    return args
