"""Readers: an .xlsx workbook, a folder of CSV files, or a YAML file -> raw tables.

The readers only turn bytes into rows of text; :mod:`netmap.validate` decides
what the text means. Every reading problem is collected as a
:class:`~netmap.errors.Problem` so that a user sees them all at once.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError as ElementTreeError

from netmap import schema
from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.io.cells import csv_unescape
from netmap.model import TABLES

CSV_SUFFIXES = (".csv", ".txt")
YAML_SUFFIXES = (".yaml", ".yml")
#: Excel's own limit on the characters in one cell.
MAX_CELL = 32_767
#: Generous defaults for the other limits; the environment variables raise them.
DEFAULT_MAX_ROWS = 1_000_000
DEFAULT_MAX_FILE_MB = 200
#: An unpacked part of a workbook may be this many times the file limit.
PART_FACTOR = 5
# Bytes Windows-1252 leaves undefined: their presence means the file is neither UTF-8 nor 1252.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
#: A character written in UTF-8 (a lead byte and its continuation bytes). In Windows-1252 text these pairs are
#: an accented capital or ß before punctuation such as ’ or –, which Dutch text hardly has; so bytes that are
#: no valid UTF-8 beside such sequences are a file of two encodings, read as neither (see decode_bytes).
_UTF8_CHARACTER = re.compile(rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}")


@dataclass
class RawTable:
    """One table as read: column names and rows of values, each row with its spreadsheet row number."""

    name: str
    source: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _limit(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def max_rows() -> int:
    """Rows one table may have (``NETMAP_MAX_ROWS``, default 1,000,000)."""
    return _limit("NETMAP_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_file_mb() -> int:
    """Megabytes one input file may have (``NETMAP_MAX_FILE_MB``, default 200)."""
    return _limit("NETMAP_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)


def _too_big(file: Path, problems: list[Problem], lang: str) -> bool:
    """True (and a problem reported) if ``file`` is over the file-size limit."""
    try:
        size = file.stat().st_size
    except OSError:
        return False  # the reader reports why it cannot be read
    limit = max_file_mb()
    if size > limit * 1_000_000:
        problems.append(Problem(file.name, t("input.file_too_big", lang, size=f"{size / 1e6:.1f}", limit=limit)))
        return True
    return False


def read_tables(path: str | Path, lang: str = "nl") -> dict[str, RawTable]:
    """Read every known table from ``path`` (.xlsx, .yaml/.yml, .csv, or a folder of CSV files).

    Raises :class:`~netmap.errors.DataError` listing every file that cannot be read.
    Tables with unknown names (an explanation sheet, say) are skipped.
    """
    path = Path(path)
    problems: list[Problem] = []
    if not path.exists():
        raise DataError([Problem(str(path), t("input.no_such_path", lang))], lang)
    if path.is_file() and _too_big(path, problems, lang):
        raise DataError(problems, lang)
    if path.is_dir():
        tables = _read_csv_folder(path, problems, lang)
    elif path.suffix.lower() == ".xlsx":
        tables = _read_xlsx(path, problems, lang)
    elif path.suffix.lower() == ".ods":  # LibreOffice (issue 15): netmap.io.ods
        from netmap.io.ods import read_ods

        tables = read_ods(path, problems, lang)
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
    if any(b in _CP1252_UNDEFINED for b in data) or mixed_encoding(data):
        return None
    return data.decode("cp1252")


def mixed_encoding(data: bytes) -> tuple[int, str] | None:
    """Where a file that is not valid UTF-8 yet holds characters in UTF-8 goes wrong: the line of its first
    byte that is no UTF-8 and that line with the byte shown as U+FFFD; None when the file holds no UTF-8
    character beside such bytes (all Windows-1252, or all UTF-8).

    Read as Windows-1252, every UTF-8 character in it would change unseen ('é' into 'Ã©'), so such a file
    is refused (a file pasted together from two programs' exports).

    >>> mixed_encoding("id;naam\\ncafé;".encode() + "café".encode("cp1252"))
    (2, 'café;caf\ufffd')
    >>> mixed_encoding("café".encode("cp1252")) is None, mixed_encoding("café".encode()) is None
    (True, True)
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as err:
        if not _UTF8_CHARACTER.search(data):
            return None
        start = data.rfind(b"\n", 0, err.start) + 1
        end = data.find(b"\n", err.start)
        line = data[start:len(data) if end < 0 else end].decode("utf-8", errors="replace")
        return data.count(b"\n", 0, err.start) + 1, line


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
            if _too_big(file, problems, lang):
                continue
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
    limit = max_rows()
    ok = True
    first_rows: list[tuple[int, list[str]]] = []  # a header below a title row is looked for here
    for number, values in rows:
        texts = [_cell_text(v) for v in values]
        if not any(v.strip() for v in texts):
            continue
        if len(table.rows) >= limit:
            problems.append(Problem(source, t("input.too_many_rows", lang, limit=limit)))
            return None
        for index, value in enumerate(texts):
            if len(value) > MAX_CELL:
                column = header[index] if index < len(header) and header[index] else column_letter(index)
                message = t("input.cell_too_long", lang, n=len(value), limit=MAX_CELL)
                problems.append(Problem(source, message, row=number, column=column, value=value))
                ok = False
                texts[index] = ""
        if len(first_rows) < 10:
            first_rows.append((number, texts))
        for index, value in enumerate(texts):
            if value.strip() and index not in filled:
                filled[index] = number
        table.rows.append((number, {h: v for h, v in zip(header, texts) if h}))
    first: dict[str, int] = {}
    found: list[Problem] = []  # header problems, left out when the header is below a title row
    width = max([len(header), *(index + 1 for index in filled)])
    for index in range(width):
        column = header[index] if index < len(header) else ""
        if not column:
            if index in filled:
                found.append(Problem(source, t("input.blank_header", lang, letter=column_letter(index)),
                                     row=filled[index]))
                ok = False
        elif column in first:
            if index in filled or first[column] in filled:
                found.append(Problem(source, t("input.duplicate_header", lang, name=column,
                                               first=column_letter(first[column]),
                                               second=column_letter(index)), column=column))
                ok = False
        else:
            first[column] = index
    if name in TABLES and not any(schema.is_declared(name, c) for c in header):
        required = {c.name for c in schema.required_columns(name)}
        for number, texts in first_rows:
            if required <= {v.strip() for v in texts}:
                problems.append(Problem(source, t("input.title_row", lang, header_row=number, above=number - 1)))
                return None
    problems.extend(found)
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
        mixed = mixed_encoding(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
        if mixed:
            problems.append(Problem(source, t("input.mixed_encoding", lang), row=mixed[0], value=mixed[1][:200]))
        else:
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
        header = [csv_unescape(h).strip() for h in next(reader)]
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
            rows.append((row_number, [csv_unescape(v) for v in values]))
    except csv.Error as err:
        problems.append(Problem(source, t("input.unreadable", lang, reason=err), row=reader.line_num))
        return None
    table = _table_from_rows(name, source, header, rows, problems, lang)
    return table if ok else None


def _check_workbook(path: Path, problems: list[Problem], lang: str) -> bool | None:
    """Look inside the workbook before openpyxl does: every listed sheet has its part, no part is over the
    size limit, no cell is longer than Excel allows. True if some sheet holds formulas; None if refused."""
    from xml.etree import ElementTree

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:  # Python's words ('File is not a zip file') tell a reader nothing
        problems.append(Problem(path.name, t("input.broken_workbook", lang)))
        return None
    except OSError as err:
        problems.append(Problem(path.name, t("input.unreadable", lang, reason=err.strerror or err)))
        return None
    limit_mb = max_file_mb() * PART_FACTOR
    before = len(problems)
    formulas = False
    titles: dict[str, str] = {}  # sheet part -> title, for the sheets that are tables
    merges: list[Problem] = []  # reported, but the sheets are still read
    with archive:
        names = set(archive.namelist())
        for info in archive.infolist():
            if info.file_size > limit_mb * 1_000_000:
                problems.append(Problem(path.name, t("input.part_too_big", lang, part=info.filename,
                                                     size=round(info.file_size / 1e6), limit=limit_mb)))
        if len(problems) > before:
            return None
        try:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
            return False  # openpyxl reports what is wrong with the workbook itself
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        rel_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for sheet in book.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"):
            target = targets.get(sheet.get(rel_id), "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            title = sheet.get("name", "")
            if title.strip().lower() not in TABLES:
                continue
            if target and part not in names:
                problems.append(Problem(f"{path.name} [{title}]",
                                        t("input.missing_sheet_part", lang, sheet=title)))
            elif part in names:
                titles[part] = title
        for name in sorted(names):
            if not name.endswith(".xml") or not (name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"):
                continue
            longest, has_formula, merged = _scan_part(archive, name)
            formulas |= has_formula
            for ref in merged if name in titles else ():
                merges.append(Problem(f"{path.name} [{titles[name]}]", t("input.merged_cells", lang, ref=ref)))
            if longest > MAX_CELL * 6 + 64:  # escaped text of a cell at the limit is at most 6 bytes a character
                message = t("input.part_cell_too_long", lang, limit=MAX_CELL)
                problems.append(Problem(f"{path.name} ({name})", message))
    refused = len(problems) > before
    problems.extend(merges)
    return None if refused else formulas


_MERGED = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _scan_part(archive: zipfile.ZipFile, name: str) -> tuple[int, bool, list[str]]:
    """The longest run of bytes between two tags in a part, whether it holds a formula element, and its
    merged ranges below the header row."""
    longest, run, formula, tail = 0, 0, False, b""
    merged: list[str] = []
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(1 << 20):
                window = tail + chunk
                formula = formula or b"<f>" in window or b"<f " in window or b":f>" in window or b":f " in window
                if b"mergeCell" in window:
                    merged += [m.decode() for m in _MERGED.findall(window)
                               if int(re.sub(r"\D", " ", m.decode().split(":")[1]).split()[0]) > 1]
                tail = window[-200:]
                first = chunk.find(b"<")
                if first == -1:
                    run += len(chunk)
                    longest = max(longest, run)
                    continue
                longest = max(longest, run + first, max(map(len, chunk[first:].split(b"<"))))
                run = len(chunk) - chunk.rfind(b"<") - 1
    except (zipfile.BadZipFile, OSError, EOFError):
        pass  # reported when openpyxl reads the part
    return longest, formula, list(dict.fromkeys(merged))


def table_sheets(file_name: str, titles: list[str], tables: dict[str, RawTable], problems: list[Problem],
                 lang: str) -> Iterator[tuple[str, str, str]]:
    """The sheets of a workbook (xlsx and ods alike), or the keys of a YAML file, that hold netmap tables, as
    (title, table name, source).

    A sheet's title names its table (case and spaces aside); other sheets are ignored. Two sheets for one
    table are a problem, and neither counts: the one read first is taken out of ``tables`` again.
    """
    seen: dict[str, str] = {}
    for title in titles:
        name = title.strip().lower()
        if name not in TABLES:
            continue
        source = f"{file_name} [{title}]"
        if name in seen:
            problems.append(Problem(source, t("input.two_sources", lang, table=name, other=seen[name])))
            tables.pop(name, None)
            continue
        seen[name] = source
        yield title, name, source


def _read_xlsx(path: Path, problems: list[Problem], lang: str) -> dict[str, RawTable]:
    # openpyxl warns (on stderr, in English) that it drops Excel extensions it does not support, such as
    # conditional formatting or data validation from newer Excel versions. Reading loses nothing of the data
    # by it (cell values are read in full, and netmap never writes the file back), so it is not the user's news.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
        return _read_xlsx_tables(path, problems, lang)


def _read_xlsx_tables(path: Path, problems: list[Problem], lang: str) -> dict[str, RawTable]:
    import openpyxl

    formulas = _check_workbook(path, problems, lang)
    if formulas is None:
        return {}
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formula_book = openpyxl.load_workbook(path, read_only=True, data_only=False) if formulas else None
    except (zipfile.BadZipFile, KeyError, ValueError):
        problems.append(Problem(path.name, t("input.broken_workbook", lang)))
        return {}
    except OSError as err:
        problems.append(Problem(path.name, t("input.unreadable", lang, reason=err.strerror or err)))
        return {}
    tables: dict[str, RawTable] = {}
    sheets = {sheet.title: sheet for sheet in book.worksheets}
    try:
        for title, name, source in table_sheets(path.name, list(sheets), tables, problems, lang):
            sheet = sheets[title]
            formula_sheet = formula_book[sheet.title] if formula_book is not None else None
            try:
                table = sheet_table(sheet, name, source, problems, lang, formula_sheet)
            except (ElementTreeError, zipfile.BadZipFile, EOFError, OSError) as err:
                problems.append(Problem(source, t("input.broken_sheet", lang, reason=err)))
                continue
            if table is not None:
                tables[name] = table
    finally:
        book.close()
        if formula_book is not None:
            formula_book.close()
    return tables


def _stored_values(rows: Any, formula_rows: Any, header: list[str], source: str,
                   problems: list[Problem], lang: str) -> Any:
    """Rows of cached values; a formula cell without one (what openpyxl and pandas write) is a problem."""
    for (number, values), formulas in zip(rows, formula_rows):
        for index, (value, formula) in enumerate(zip(values, formulas)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                column = header[index] if index < len(header) and header[index] else column_letter(index)
                problems.append(Problem(source, t("input.formula_without_value", lang), row=number,
                                        column=column, value=formula))
        yield number, values


def sheet_table(sheet: Any, name: str, source: str, problems: list[Problem] | None = None,
                lang: str = "nl", formula_sheet: Any = None) -> RawTable | None:
    """One worksheet as a table (row 1 the header); None if it is empty or a problem was reported.

    ``formula_sheet`` is the same sheet read with its formulas, to report formulas without a stored value.
    """
    problems = [] if problems is None else problems
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if not header_row or not any(c is not None for c in header_row):
        problems.append(Problem(source, t("input.empty_file", lang)))
        return None
    header = [_cell_text(c).strip() for c in header_row]
    while header and not header[-1]:
        header.pop()
    numbered: Any = enumerate(rows, start=2)
    if formula_sheet is not None:
        formula_rows = formula_sheet.iter_rows(values_only=True)
        next(formula_rows, None)
        numbered = _stored_values(numbered, formula_rows, header, source, problems, lang)
    before = len(problems)
    table = _table_from_rows(name, source, header, numbered, problems, lang)
    return table if len(problems) == before else None


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
        where = t("input.yaml_position", lang, n=mark.column + 1) if mark is not None else ""
        problems.append(Problem(path.name, t("input.bad_yaml", lang, reason=getattr(err, "problem", err),
                                             where=where), row=row))
        return {}
    if data is None:
        problems.append(Problem(path.name, t("input.empty_file", lang)))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path.name, t("input.yaml_not_mapping", lang)))
        return {}
    tables: dict[str, RawTable] = {}
    by_title = {str(key): records for key, records in data.items()}
    for key, name, source in table_sheets(path.name, list(by_title), tables, problems, lang):
        records = by_title[key]
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

