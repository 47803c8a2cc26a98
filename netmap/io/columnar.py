"""CSV files -> columns, parsed by pyarrow's CSV reader: the fast path of :func:`netmap.dataset.read_dataset`.

:mod:`netmap.io.readers` reads a file row by row and names every problem it finds. This module
reads the same bytes into one list of values per column, at the parser's speed, and takes only
input it can prove clean: UTF-8 (with or without BOM) or Windows-1252, a ``,``/``;``/tab delimiter
(:func:`~netmap.io.readers.sniff_delimiter`), a header of distinct non-blank names, every row as
wide as the header, no cell over Excel's limit, no more rows than the limit. For anything else it
returns None and the caller reads the exact way, which reports what is wrong with the very
messages users know. So a clean file gives the same values either way, and a bad one the same
problems.

pyarrow splits fields and rows like the stdlib ``csv`` module (quotes, doubled quotes, line
breaks inside quotes, ``\\r\\n``/``\\n``/``\\r``, stray quotes inside a field);
``tests/test_columnar.py`` checks this differentially on random text.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from netmap.io.cells import csv_unescape
from netmap.io.readers import (
    CSV_SUFFIXES,
    MAX_CELL,
    decode_bytes,
    max_file_mb,
    max_rows,
    sniff_delimiter,
)
from netmap.model import TABLES

_BOM = b"\xef\xbb\xbf"
#: Every byte but the C0 controls and DEL (tab, line feed and carriage return are text, and kept).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 or b == 0x7F) or b in b"\t\n\r")
#: The C1 controls U+0080-U+009F in UTF-8. Together with the bytes above: the characters of
#: :data:`netmap.validate.CONTROL` (lone surrogates are no valid UTF-8).
_C1 = re.compile(b"\xc2[\x80-\x9f]")
#: Every byte but those that start the UTF-8 of a character in :data:`netmap.validate.INVISIBLE`
#: (U+00A0, U+00AD: C2; U+180E: E1; U+200B-U+2069: E2; U+FEFF: EF).
_NOT_INVISIBLE_LEAD = bytes(b for b in range(256) if b not in b"\xc2\xe1\xe2\xef")
#: Enough text to hold any header line.
_HEAD = 1 << 16


class ColumnTable:
    """One table as columns: the header, and per column its values as written (a removed formula guard
    ``'`` apart) and stripped, rows in file order without blank rows.

    A column is kept as pyarrow read it and turned into Python values on demand, through its distinct
    values (:meth:`distinct`): a column of levels or roles holds a handful, each made and checked once.
    """

    def __init__(self, name: str, source: str, columns: list[str], data: Any, escaped: bool,
                 maybe_invisible: bool = True, ascii: bool = False):
        self.name, self.source, self.columns = name, source, columns
        #: False when the file holds no byte that starts an invisible character (no need to look for one).
        self.maybe_invisible = maybe_invisible
        #: True when the file is plain ASCII (so every id is NFC already).
        self.ascii = ascii
        self._escaped = escaped
        self._load(data)
        blank = self._blank_rows()
        if blank:
            import pyarrow as pa

            self._load(data.filter(pa.array([i not in blank for i in range(self.length)])))

    def _load(self, data: Any) -> None:
        self._arrays = dict(zip(self.columns, data.columns))
        self.length: int = data.num_rows
        self._distinct: dict[str, tuple[list[str], list[str], Any]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._arrays

    def distinct(self, name: str) -> tuple[list[str], list[str], Any]:
        """The column's distinct values as written and stripped, and per row the index of its value."""
        found = self._distinct.get(name)
        if found is None:
            from pyarrow import compute

            encoded = self._arrays[name].combine_chunks().dictionary_encode()
            written = encoded.dictionary.to_numpy(zero_copy_only=False).tolist()
            # a cell may carry the formula guard netmap writes (a leading '): undo it where it does
            if self._escaped and compute.any(compute.starts_with(encoded.dictionary, pattern="'")).as_py():
                written = list(map(csv_unescape, written))
            found = self._distinct[name] = (written, list(map(str.strip, written)), encoded.indices.to_numpy())
        return found

    def raw(self, name: str) -> list[str]:
        """The column's values as written."""
        written, _, index = self.distinct(name)
        return spread(written, index)

    def text(self, name: str) -> list[str]:
        """The column's values stripped of white space (as validation reads every cell)."""
        _, stripped, index = self.distinct(name)
        return spread(stripped, index)

    def _blank_rows(self) -> set[int]:
        """The rows whose every cell is empty or white space (a reader skips them)."""
        if not self.columns or "" not in self.distinct(self.columns[0])[1]:
            return set()
        first = self.text(self.columns[0])
        candidates = [i for i, value in enumerate(first) if not value]
        stripped = [self.distinct(c)[1:] for c in self.columns]
        return {i for i in candidates if not any(values[index[i]] for values, index in stripped)}


def spread(values: list[Any], index: Any) -> list[Any]:
    """``[values[i] for i in index]`` at C speed (the values may be tuples: they stay tuples)."""
    import numpy as np

    return np.fromiter(values, dtype=object, count=len(values))[index].tolist()


def read_csv_columns(path: Path) -> dict[str, ColumnTable] | None:
    """Every known table in ``path`` (a folder of CSV files or one CSV file) as columns, or None when the
    input is not provably clean (then :func:`netmap.io.readers.read_tables` reads it and names why)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency; a broken install still reads the exact way
        return None
    if path.is_dir():
        files = [(f.stem.strip().lower(), f) for f in sorted(path.iterdir())
                 if f.suffix.lower() in CSV_SUFFIXES and f.stem.strip().lower() in TABLES]
    elif path.is_file() and path.suffix.lower() in CSV_SUFFIXES:
        files = [(path.stem.lower(), path)]
    else:
        return None
    names = [name for name, _ in files]
    if len(set(names)) != len(names):
        return None
    tables: dict[str, ColumnTable] = {}
    for name, file in files:
        table = read_csv_table(file, name)
        if table is None:
            return None
        tables[name] = table
    return tables or None


def read_csv_table(file: Path, name: str) -> ColumnTable | None:
    """One CSV file as columns, or None if it is not provably clean."""
    try:
        if file.stat().st_size > max_file_mb() * 1_000_000:
            return None
        data = file.read_bytes()
    except OSError:
        return None
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # Windows-1252 if decode_bytes says so; the parser reads UTF-8
        decoded = decode_bytes(data)
        if decoded is None:
            return None
        text, data = decoded, decoded.encode("utf-8")
    if b"\x00" in data or not text or text.isspace() or has_control(data):
        return None
    head = text[:_HEAD]
    if "\n" not in head and len(text) > _HEAD:
        return None
    delimiter = sniff_delimiter(head.split("\n", 1)[0])
    try:
        # the header is the first record (checked against the parser's first row below)
        first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
    except (StopIteration, csv.Error):
        return None
    header = [csv_unescape(h).strip() for h in first]
    if not header or not all(header) or len(set(header)) != len(header):
        return None
    parsed = _parse(data, delimiter, len(header))
    if parsed is None or len(parsed) - 1 > max_rows() or (len(data) > MAX_CELL and _longest(parsed) > MAX_CELL):
        return None
    if [column.to_pylist() for column in parsed.slice(0, 1).columns] != [[h] for h in first]:
        return None
    return ColumnTable(name, file.name, header, parsed.slice(1), escaped=b"'" in data,
                       maybe_invisible=bool(data.translate(None, _NOT_INVISIBLE_LEAD)), ascii=data.isascii())


def has_control(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds a control character a cell may not hold (one pass at C speed)."""
    return bool(data.translate(None, _NOT_CONTROL)) or _C1.search(data) is not None


def _parse(data: bytes, delimiter: str, width: int) -> Any:
    """The file as a pyarrow table of text columns (header row included); None if a row is not ``width`` wide."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    names = [f"f{i}" for i in range(width)]
    try:
        return pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                              escape_char=False, newlines_in_values=True,
                                              ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 null_values=[], check_utf8=True))
    except (pa.ArrowException, ValueError):
        return None


def _longest(parsed: Any) -> int:
    """The most characters in one cell of a pyarrow table."""
    from pyarrow import compute

    return max((compute.max(compute.utf8_length(column)).as_py() or 0) for column in parsed.columns)
