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
from netmap.io.cells import csv_unescape
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
    for file in sorted(folder.iterdir()):
        name = file.stem.lower()
        if file.suffix.lower() in CSV_SUFFIXES and name in TABLES:
            table = read_csv_file(file, name, problems, lang)
            if table:
                tables[name] = table
    return tables


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
    try:
        header = [csv_unescape(h).strip() for h in next(reader)]
        table = RawTable(name, source, header)
        line = reader.line_num
        for values in reader:
            row_number = line + 1
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            table.rows.append((row_number, dict(zip(header, map(csv_unescape, values)))))
    except csv.Error as err:
        problems.append(Problem(source, t("input.unreadable", lang, reason=err), row=reader.line_num))
        return None
    return table


def _read_xlsx(path: Path, problems: list[Problem], lang: str) -> dict[str, RawTable]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        problems.append(Problem(path.name, t("input.unreadable", lang, reason=err)))
        return {}
    tables: dict[str, RawTable] = {}
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name not in TABLES:
                continue
            table = sheet_table(sheet, name, f"{path.name} [{sheet.title}]")
            if table is None:
                problems.append(Problem(f"{path.name} [{sheet.title}]", t('input.empty_file', lang)))
            else:
                tables[name] = table
    finally:
        book.close()
    return tables


def sheet_table(sheet: Any, name: str, source: str) -> RawTable | None:
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if not header_row or not any(c is not None for c in header_row):
        return None
    header = [_cell_text(c).strip() for c in header_row]
    table = RawTable(name, source, header)
    for number, values in enumerate(rows, start=2):
        if not any(v is not None and str(v).strip() for v in values):
            continue
        table.rows.append((number, {h: _cell_text(v) for h, v in zip(header, values) if h}))
    return table


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

    try:
        data = yaml.safe_load(path.read_bytes())
    except OSError as err:
        problems.append(Problem(path.name, t("input.unreadable", lang, reason=err.strerror or err)))
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
    for key, records in data.items():
        name = str(key).strip().lower()
        if name not in TABLES:
            continue
        source = f"{path.name} [{key}]"
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
