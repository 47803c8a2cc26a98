"""Worksheets people accept without a second look: typed cells, a bold frozen header, widths, dropdowns.

Every table sheet netmap writes (the workbook export, the template, the Kumu workbook)
goes through :func:`write_table_sheet`:

- numbers (``cycle_step``, ``weight``, ``min_count``) are stored as numbers, not as text
  (Excel would flag "number stored as text"); text stays text (:func:`netmap.io.cells.xlsx_row`);
- the header row is bold and frozen, columns are as wide as their content (within limits);
- columns with a controlled vocabulary get a dropdown (data validation) from the schema
  and the model: levels, perspectives, scope, tie kinds, learning-cycle steps, yes/no.
  Multi-valued and open columns (``level``, ``perspectives``, tie ``kind``) offer the list
  but accept other text, since ``I;II`` or a new tie kind are valid; ``cycle_step`` and
  ``scope`` accept only the list.
"""
from __future__ import annotations

from typing import Any

from netmap import schema
from netmap.i18n import t
from netmap.io.cells import xlsx_row, xlsx_text
from netmap.model import LEVELS, PERSPECTIVES, SCOPES, TIE_KINDS

MIN_WIDTH, MAX_WIDTH = 8, 60
LAST_ROW = 1048576  # Excel's last row: the dropdown also serves rows added later
_NUMBER_KINDS = (schema.INT, schema.FLOAT, schema.CYCLE_STEP)


def vocabulary(table: str, column: str) -> tuple[tuple[str, ...], bool] | None:
    """The dropdown of a column: (values, strict), or None when the column has no vocabulary."""
    if not schema.is_declared(table, column):
        return None
    col = schema.column(table, column)
    if col.kind == schema.LEVELS:
        return LEVELS, False
    if col.kind == schema.PERSPECTIVES:
        return PERSPECTIVES, not col.multi
    if col.kind == schema.SCOPE:
        return SCOPES, True
    if col.kind == schema.CYCLE_STEP:
        return ("1", "2", "3", "4"), True
    if col.kind == schema.BOOL:
        return ("ja", "nee"), False
    if table == "ties" and column == "kind":
        return TIE_KINDS, False
    return None


def typed(table: str, column: str, value: Any) -> Any:
    """A cell value with numbers as numbers: ``'2'`` in a number column becomes 2, ``'2.5'`` 2.5."""
    if not isinstance(value, str) or not schema.is_declared(table, column):
        return value
    if schema.column(table, column).kind not in _NUMBER_KINDS or not value.strip():
        return value
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return value
    return int(number) if number.is_integer() else number


def _width(values: list[Any]) -> float:
    longest = max((len(line) for v in values for line in str(v if v is not None else "").splitlines()), default=0)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def add_dropdowns(sheet: Any, table: str, columns: list[str], lang: str = "nl") -> None:
    """Data validation lists on every column of ``table`` that has a vocabulary (see module docstring)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(columns, start=1):
        found = vocabulary(table, column)
        if found is None:
            continue
        values, strict = found
        check = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                               showErrorMessage=strict, showInputMessage=True,
                               promptTitle=column[:32], prompt=t("template.dropdown_strict" if strict
                                                                 else "template.dropdown_open", lang)[:255],
                               errorTitle=column[:32], error=t("template.dropdown_error", lang,
                                                               values=", ".join(values))[:255])
        check.add(f"{_letter(index)}2:{_letter(index)}{LAST_ROW}")
        sheet.data_validations.append(check)  # write-only sheets have the list, not the method


def write_table_sheet(book: Any, title: str, table: str, columns: list[str], rows: list[list[Any]],
                      lang: str = "nl") -> Any:
    """Add a sheet to a write-only or normal openpyxl ``book``: header, typed rows, widths, freeze, dropdowns."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    numeric = [i for i, c in enumerate(columns)
               if schema.is_declared(table, c) and schema.column(table, c).kind in _NUMBER_KINDS]
    cells = [list(row) for row in rows]
    for row in cells:
        for i in numeric:
            row[i] = typed(table, columns[i], row[i])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[_letter(index)].width = _width([column, *(row[index - 1] for row in cells[:2000])])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    if getattr(book, "write_only", False):
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=xlsx_text(str(column)))
            cell.data_type, cell.font = "s", bold
            header.append(cell)
        sheet.append(header)
        for row in cells:
            sheet.append(xlsx_row(sheet, row))
    else:
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = bold
        for row in cells:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
    add_dropdowns(sheet, table, list(columns), lang)
    return sheet
