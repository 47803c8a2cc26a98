"""Dataset -> the input tables again: a folder of CSV files, an .xlsx workbook or YAML.

What :func:`netmap.dataset.read_dataset` reads, these write, so a dataset makes the
round trip unchanged (tested).
"""
from __future__ import annotations

import csv
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
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, kind in NODE_KIND.items():
        rows = _rows(table, [n for n in dataset.nodes.values() if n.kind == kind])
        if rows:
            tables[table] = rows
    for table in ("memberships", "representation", "ties", "requirements"):
        records = getattr(dataset, table)
        if records:
            tables[table] = _rows(table, records)
    return tables


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
