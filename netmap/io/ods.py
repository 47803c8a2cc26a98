"""LibreOffice/OpenOffice spreadsheets (.ods) -> raw tables, through python-calamine.

python-calamine (Rust's calamine) reads .ods fast and with typed cells, without pandas or
odfpy's slow DOM; each sheet whose name is a table becomes a table exactly as a sheet of an
.xlsx workbook does (:func:`netmap.io.readers.sheet_table`: the same header, row and cell
checks). A file calamine cannot read is refused in one Dutch line that says to save it as .xlsx.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netmap.errors import Problem
from netmap.i18n import t
from netmap.io.readers import RawTable, sheet_table, table_sheets


class _Sheet:
    """A calamine sheet with the one method :func:`sheet_table` uses."""

    def __init__(self, rows: list[list[Any]]):
        self.rows = rows

    def iter_rows(self, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        for row in self.rows:
            yield tuple(None if value == "" else value for value in row)


def read_ods(path: Path, problems: list[Problem], lang: str = "nl") -> dict[str, RawTable]:
    """Every known table of an .ods workbook; what cannot be read goes into ``problems``."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        problems.append(Problem(path.name, t("input.ods_no_reader", lang)))
        return {}
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    except Exception:  # noqa: BLE001 - calamine raises its own and Rust panics; all mean "unreadable"
        problems.append(Problem(path.name, t("input.ods_unreadable", lang)))
        return {}
    tables: dict[str, RawTable] = {}
    for title, name, source in table_sheets(path.name, list(sheets), tables, problems, lang):
        table = sheet_table(_Sheet(sheets[title]), name, source, problems, lang)
        if table is not None:
            tables[name] = table
    return tables
