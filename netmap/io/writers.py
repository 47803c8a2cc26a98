"""Dataset -> the input tables again: a folder of CSV files, an .xlsx workbook or YAML.

What :func:`netmap.dataset.read_dataset` reads, these write, so a dataset makes the
round trip unchanged (tested).
"""
from __future__ import annotations

import csv
import operator
from collections.abc import Callable
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from netmap import schema
from netmap.io.cells import csv_escape
from netmap.io.safe import atomic_folder, save_with, write_text
from netmap.io.sheets import write_table_sheet
from netmap.model import NODE_KIND, TABLES, Dataset


def to_tables(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    """The dataset as table name -> rows; multi-valued cells stay lists; empty tables are left out.

    Every declared column of a table (:mod:`netmap.schema`) is written, then the extra columns.
    """
    return {table: _rows(table, records) for table, records in table_records(dataset).items()}


def table_records(dataset: Dataset) -> dict[str, list[Any]]:
    """The dataset's records as table name -> records, in :func:`to_tables`' order; empty tables left out."""
    tables: dict[str, list[Any]] = {}
    for table, kind in NODE_KIND.items():
        nodes = [n for n in dataset.nodes.values() if n.kind == kind]
        if nodes:
            tables[table] = nodes
    for table in ("memberships", "representation", "ties", "requirements"):
        records = getattr(dataset, table)
        if records:
            tables[table] = records
    return tables


def json_lines(table: str, records: list[Any], encode: Callable[[Any], str]) -> list[str]:
    """``encode(row)`` of each of :func:`to_tables`' rows of ``records``, in no particular order.

    ``encode`` is a ``json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode``;
    the rows without true extras (nearly all) are encoded a column at a time and put together by one
    template, which gives the same text ~2x faster than a dict and an encoder call per row
    (tests/test_diff.py checks the two agree).

    >>> from netmap.model import Node
    >>> import json
    >>> encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    >>> rows = [Node("x", "organisation", "X 'é' 100%", levels=("I", "II"))]
    >>> json_lines("organisations", rows, encode) == [encode(r) for r in _rows("organisations", rows)]
    True
    """
    cols, names, declared = schema.columns(table), schema.column_names(table), schema.declared_names(table)
    order = sorted(range(len(names)), key=names.__getitem__)  # sort_keys: the keys are the column names
    template = "{" + ",".join(encode_basestring(names[i]).replace("%", "%%") + ":%s" for i in order) + "}"
    by_type: dict[type, list[Any]] = {}
    for record in records:
        by_type.setdefault(type(record), []).append(record)
    lines: list[str] = []
    plain: list[tuple[Any, ...]] = []
    for record_type, group in by_type.items():
        values = list(map(schema.row_reader(table, record_type, cols)[1], group))
        if hasattr(group[0], "extra"):
            extras = map(operator.attrgetter("extra"), group)
            odd = [i for i, extra in enumerate(extras) if extra and not declared.issuperset(extra)]
            lines += (encode(row) for row in _rows(table, [group[i] for i in odd]))
            for i in reversed(odd):
                del values[i]
        plain += values
    if plain:
        columns = list(zip(*plain))
        lines += map(template.__mod__, zip(*(_json_cells(columns[i], encode) for i in order)))
    return lines


def _json_cells(values: tuple[Any, ...], encode: Callable[[Any], str]) -> list[str]:
    """Each value of one column as ``encode`` gives it in a row (after :func:`_cell`)."""
    if set(map(type, values)) == {str}:
        return list(map(encode_basestring, values))
    texts: dict[tuple[Any, ...], str] = {}  # repeated level and perspective tuples, encoded once
    out = []
    for value in values:
        kind = value.__class__
        if kind is str:
            out.append(encode_basestring(value))
        elif kind is tuple:
            text = texts.get(value)
            if text is None:
                text = encode(list(value))
                if all(v.__class__ is str for v in value):  # (1,) == (True,): only text tuples are shared
                    texts[value] = text
            out.append(text)
        elif kind is int:
            out.append(int.__repr__(value))
        elif kind is float and value.is_integer():  # as _cell: a whole float is written as an int
            out.append(int.__repr__(int(value)))
        elif value is None:
            out.append('""')
        else:
            out.append(encode(_cell(value)))
    return out


def _rows(table: str, records: list[Any]) -> list[dict[str, Any]]:
    """The rows of ``records``: every declared column (:func:`_cell`), then the true extras
    (:func:`netmap.schema.extra_values`); the table's columns and each record type's reader looked up once."""
    cols, names, declared = schema.columns(table), schema.column_names(table), schema.declared_names(table)
    readers: dict[type, Any] = {}
    rows = []
    for record in records:
        read = readers.get(type(record))
        if read is None:
            read = readers[type(record)] = schema.row_reader(table, type(record), cols)[1]
        row = dict(zip(names, [v if v.__class__ is str else _cell(v) for v in read(record)]))  # most are text
        extra = getattr(record, "extra", None)
        if extra:  # the true extras (schema.extra_values)
            row.update({k: v for k, v in extra.items() if k not in declared})
        rows.append(row)
    return rows


def _cell(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, bool):
        return "ja" if value else ""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _flat(value: Any) -> str:
    return ";".join(str(v) for v in value) if isinstance(value, list) else str(value)


def write_csv_folder(dataset: Dataset, folder: str | Path, delimiter: str = ";",
                     encoding: str = "utf-8-sig") -> Path:
    """Write one CSV file per table into ``folder`` (created if needed); return the folder.

    The default (``;`` and a UTF-8 byte order mark) is what Dutch Excel opens by double-click.
    """
    with atomic_folder(folder) as tmp:
        for name, rows in to_tables(dataset).items():
            columns = _columns(rows)
            with open(tmp / f"{name}.csv", "w", encoding=encoding, errors="replace", newline="") as handle:
                writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
                writer.writerow([csv_escape(c) for c in columns])
                writer.writerows([csv_escape(_flat(row.get(c, ""))) for c in columns] for row in rows)
    return Path(folder)


def write_xlsx(dataset: Dataset, path: str | Path, lang: str = "nl") -> Path:
    """Write the dataset as a workbook with one sheet per table; return the path.

    Numbers are stored as numbers, the header is bold and frozen, and the columns with a
    vocabulary have dropdowns (:mod:`netmap.io.sheets`).
    """
    import openpyxl

    path = Path(path)
    book = openpyxl.Workbook(write_only=True)
    for name, rows in to_tables(dataset).items():
        columns = _columns(rows)
        write_table_sheet(book, name, name, columns, [[_value(row.get(c, "")) for c in columns] for row in rows], lang)
    return save_with(path, book.save)


def _value(value: Any) -> Any:
    """A workbook cell: numbers stay numbers, lists joined with ';'."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return _flat(value)


def write_yaml(dataset: Dataset, path: str | Path) -> Path:
    """Write the dataset as YAML, one top-level key per table; return the path."""
    import yaml

    path = Path(path)
    tables = {name: rows for name, rows in to_tables(dataset).items() if name in TABLES}
    return write_text(path, yaml.safe_dump(tables, allow_unicode=True, sort_keys=False))


def write_dataset(dataset: Dataset, path: str | Path) -> Path:
    """Write in the format the path names: .xlsx, .yaml/.yml, else a CSV folder."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(dataset, path)
    if suffix in (".yaml", ".yml"):
        return write_yaml(dataset, path)
    return write_csv_folder(dataset, path)
