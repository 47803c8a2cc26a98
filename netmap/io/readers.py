"""Readers: an .xlsx workbook, a folder of CSV files, or a YAML file -> raw tables.

The readers only turn bytes into rows of text; :mod:`netmap.validate` decides
what the text means. Every reading problem is collected as a
:class:`~netmap.errors.Problem` so that a user sees them all at once.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.model import TABLES

CSV_SUFFIXES = (".csv", ".txt")
YAML_SUFFIXES = (".yaml", ".yml")
# Bytes Windows-1252 leaves undefined: their presence means the file is neither UTF-8 nor 1252.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@dataclass
class RawTable:
    """One table as read: column names and rows of values, each row with its spreadsheet row number."""

    name: str
    source: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def read_tables(path: str | Path, lang: str = "nl") -> dict[str, RawTable]:
    """Read every known table from ``path`` (.xlsx, .yaml/.yml, .csv, or a folder of CSV files).

    Raises :class:`~netmap.errors.DataError` listing every file that cannot be read.
    Tables with unknown names (an explanation sheet, say) are skipped.
    """
    path = Path(path)
    problems: list[Problem] = []
    if not path.exists():
        raise DataError([Problem(str(path), t("input.no_such_path", lang))], lang)
    if path.is_dir():
        tables = _read_csv_folder(path, problems, lang)
    elif path.suffix.lower() == ".xlsx":
        tables = _read_xlsx(path, problems, lang)
    elif path.suffix.lower() in YAML_SUFFIXES:
        tables = _read_yaml(path, problems, lang)
    elif path.suffix.lower() in CSV_SUFFIXES:
        table = read_csv_file(path, path.stem.lower(), problems, lang)
        tables = {table.name: table} if table else {}
    else:
        raise DataError([Problem(path.name, t("input.unknown_format", lang))], lang)
    if not problems and not tables:
        problems.append(Problem(path.name, t("input.no_tables", lang)))
    if problems:
        raise DataError(problems, lang)
    return tables


def decode_bytes(data: bytes) -> str | None:
    """Decode CSV bytes as UTF-8 (with or without BOM), else Windows-1252; None if neither fits.

    >>> decode_bytes("cliënten".encode("cp1252"))
    'cliënten'
    >>> decode_bytes("\\ufeffid;name".encode("utf-8"))
    'id;name'
    """
    if b"\x00" in data:  # UTF-16/32 or a binary file
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if any(b in _CP1252_UNDEFINED for b in data):
        return None
    return data.decode("cp1252")


def sniff_delimiter(header: str) -> str:
    """Pick ';', ',' or tab from the header line: Dutch Excel writes ';'.

    >>> sniff_delimiter("id;name;type")
    ';'
    >>> sniff_delimiter("id,name")
    ','
    """
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv_folder(folder: Path, problems: list[Problem], lang: str) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    seen: dict[str, str] = {}
    for file in sorted(folder.iterdir()):
        name = file.stem.strip().lower()
        if file.suffix.lower() in CSV_SUFFIXES and name in TABLES:
            if name in seen:
                problems.append(Problem(file.name, t("input.two_sources", lang, table=name, other=seen[name])))
                tables.pop(name, None)
                continue
            seen[name] = file.name
            table = read_csv_file(file, name, problems, lang)
            if table:
                tables[name] = table
    return tables


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': a column as a spreadsheet names it.

    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _table_from_rows(name: str, source: str, header: list[str], rows: Any,
                     problems: list[Problem], lang: str) -> RawTable | None:
    """A RawTable from ``(row number, values)`` pairs; a blank or duplicate header column holding data is a problem.

    Rows whose every value is empty are skipped.
    """
    table = RawTable(name, source, header)
    filled: dict[int, int] = {}  # column index -> the first row with a value there
    for number, values in rows:
        texts = [_cell_text(v) for v in values]
        if not any(v.strip() for v in texts):
            continue
        for index, value in enumerate(texts):
            if value.strip() and index not in filled:
                filled[index] = number
        table.rows.append((number, {h: v for h, v in zip(header, texts) if h}))
    ok = True
    first: dict[str, int] = {}
    for index, column in enumerate(header):
        if not column:
            if index in filled:
                problems.append(Problem(source, t("input.blank_header", lang, letter=column_letter(index)),
                                        row=filled[index]))
                ok = False
        elif column in first:
            if index in filled or first[column] in filled:
                problems.append(Problem(source, t("input.duplicate_header", lang, name=column,
                                                  first=column_letter(first[column]),
                                                  second=column_letter(index)), column=column))
                ok = False
        else:
            first[column] = index
    return table if ok else None


def read_csv_file(file: Path, name: str, problems: list[Problem], lang: str) -> RawTable | None:
    source = file.name
    try:
        data = file.read_bytes()
    except OSError as err:
        problems.append(Problem(source, t("input.unreadable", lang, reason=err.strerror or err)))
        return None
    text = decode_bytes(data)
    if text is None:
        problems.append(Problem(source, t("input.bad_encoding", lang)))
        return None
    if not text.strip():
        problems.append(Problem(source, t("input.empty_file", lang)))
        return None
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    ok = True
    try:
        header = [h.strip() for h in next(reader)]
        while header and not header[-1]:
            header.pop()
        line = reader.line_num
        for values in reader:
            row_number = line + 1
            line = reader.line_num
            if len(values) > len(header) and any(v.strip() for v in values[len(header):]):
                shown = delimiter if delimiter != "\t" else "tab"
                problems.append(Problem(source, t("input.too_many_fields", lang, n=len(values), m=len(header),
                                                  delimiter=shown), row=row_number))
                ok = False
                continue
            rows.append((row_number, values))
    except csv.Error as err:
        problems.append(Problem(source, t("input.unreadable", lang, reason=err), row=reader.line_num))
        return None
    table = _table_from_rows(name, source, header, rows, problems, lang)
    return table if ok else None


def _read_xlsx(path: Path, problems: list[Problem], lang: str) -> dict[str, RawTable]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        problems.append(Problem(path.name, t("input.unreadable", lang, reason=err)))
        return {}
    tables: dict[str, RawTable] = {}
    seen: dict[str, str] = {}
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name not in TABLES:
                continue
            source = f"{path.name} [{sheet.title}]"
            if name in seen:
                problems.append(Problem(source, t("input.two_sources", lang, table=name, other=seen[name])))
                tables.pop(name, None)
                continue
            seen[name] = source
            table = sheet_table(sheet, name, source, problems, lang)
            if table is not None:
                tables[name] = table
    finally:
        book.close()
    return tables


def sheet_table(sheet: Any, name: str, source: str, problems: list[Problem] | None = None,
                lang: str = "nl") -> RawTable | None:
    """One worksheet as a table (row 1 the header); None if it is empty or a problem was reported."""
    problems = [] if problems is None else problems
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if not header_row or not any(c is not None for c in header_row):
        problems.append(Problem(source, t("input.empty_file", lang)))
        return None
    header = [_cell_text(c).strip() for c in header_row]
    while header and not header[-1]:
        header.pop()
    return _table_from_rows(name, source, header, enumerate(rows, start=2), problems, lang)


def _cell_text(value: Any) -> str:
    """Excel cell -> the text a user typed: 3.0 -> '3', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_yaml(path: Path, problems: list[Problem], lang: str) -> dict[str, RawTable]:
    import yaml

    from netmap.io.safeyaml import YamlLimit, load_data

    try:
        data = load_data(path.read_bytes())
    except OSError as err:
        problems.append(Problem(path.name, t("input.unreadable", lang, reason=err.strerror or err)))
        return {}
    except YamlLimit as err:
        problems.append(Problem(path.name, t(f"input.{err.text}", lang, **err.params), row=err.line))
        return {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problems.append(Problem(path.name, t("input.bad_yaml", lang, reason=getattr(err, "problem", err)), row=row))
        return {}
    if data is None:
        problems.append(Problem(path.name, t("input.empty_file", lang)))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path.name, t("input.yaml_not_mapping", lang)))
        return {}
    tables: dict[str, RawTable] = {}
    seen: dict[str, str] = {}
    for key, records in data.items():
        name = str(key).strip().lower()
        if name not in TABLES:
            continue
        source = f"{path.name} [{key}]"
        if name in seen:
            problems.append(Problem(source, t("input.two_sources", lang, table=name, other=seen[name])))
            tables.pop(name, None)
            continue
        seen[name] = source
        if not isinstance(records, list):
            problems.append(Problem(source, t("input.yaml_not_list", lang)))
            continue
        tables[name] = _yaml_table(name, source, records, problems, lang)
    return tables


def _yaml_table(name: str, source: str, records: list, problems: list[Problem], lang: str) -> RawTable:
    columns: dict[str, None] = {}
    table = RawTable(name, source, [])
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(Problem(source, t("input.yaml_not_record", lang), row=number, value=record))
            continue
        row = {str(k).strip(): _yaml_value(v) for k, v in record.items()}
        columns.update(dict.fromkeys(row))
        table.rows.append((number, row))
    table.columns = list(columns)
    return table


def _yaml_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return [_yaml_value(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return _cell_text(value)
