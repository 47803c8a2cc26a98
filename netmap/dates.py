"""Dates in the input (``since``, ``until``) and the date an analysis is made as of.

A date is written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (Excel dates arrive as the
last). A partial date stands for its whole period: ``since: 2024`` means from
1 January 2024, ``until: 2024`` means up to and including 31 December 2024. So a
record is *active* on day ``d`` when ``since <= d <= until`` compared at the
precision each was written in; an empty ``since`` or ``until`` is open-ended.
The comparison is plain string comparison of ``d`` cut to the length of the
bound, which Cypher can do too.

>>> is_active("2020", "2024", "2024-12-31"), is_active("2020", "2024", "2025-01-01")
(True, False)
>>> is_active("2025-03", "", "2025-02-28"), is_active("2025-03", "", "2025-03-01")
(False, True)
"""
from __future__ import annotations

import datetime as dt
import re

from netmap.i18n import t

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_STAMP = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ](\d{2}:\d{2}))?")


def parse_date(text: str) -> str | None:
    """``text`` as a checked ``YYYY[-MM[-DD]]`` string, ``''`` for empty, None when unreadable.

    >>> parse_date("2024-02"), parse_date(" 2024-02-29 "), parse_date(""), parse_date("2023-02-29")
    ('2024-02', '2024-02-29', '', None)
    >>> parse_date("1-3-2024") is None
    True
    """
    text = str(text or "").strip()
    if not text:
        return ""
    found = _DATE.match(text)
    if not found:
        return None
    year, month, day = found.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return text


def today() -> str:
    """Today's date as ``YYYY-MM-DD`` (the default date of an analysis)."""
    return dt.date.today().isoformat()


def as_of_date(text: str | None) -> str:
    """The date an analysis is made as of: ``text`` as a full ``YYYY-MM-DD``, today when empty.

    A partial date means its last day (``2024`` -> ``2024-12-31``): "as of 2024" is the state at the end of it.

    >>> as_of_date("2024"), as_of_date("2024-02"), as_of_date("2024-03-05")
    ('2024-12-31', '2024-02-29', '2024-03-05')
    """
    text = str(text or "").strip()
    if not text:
        return today()
    checked = parse_date(text)
    if not checked:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    parts = [int(p) for p in checked.split("-")]
    if len(parts) == 1:
        return f"{parts[0]:04d}-12-31"
    if len(parts) == 2:
        first_of_next = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return (first_of_next - dt.timedelta(days=1)).isoformat()
    return checked


def is_active(since: str | None, until: str | None, on: str) -> bool:
    """Whether a record with ``since``/``until`` counts on day ``on`` (``YYYY-MM-DD``); see the module doc."""
    since, until = str(since or "").strip(), str(until or "").strip()
    if since and on[:len(since)] < since:
        return False
    return not (until and on[:len(until)] > until)


def date_text(value: str | dt.date | None, lang: str = "nl", time: bool = False) -> str:
    """A date as a reader writes it, the one formatter of every date a person reads (report, diff report,
    web pages): ``2026-12-01`` -> ``1 december 2026`` (English ``1 December 2026``), ``2026-12`` ->
    ``december 2026``, ``2026`` -> ``2026``. A timestamp (``2026-12-01T19:43:17+00:00``) gives its
    date, with ``time`` also its hours and minutes as written. Empty gives ``''``; text that is not a date
    comes back as it is.

    >>> date_text("2026-12-01"), date_text("2026-12-01", "en"), date_text("2024-03"), date_text("2024")
    ('1 december 2026', '1 December 2026', 'maart 2024', '2024')
    >>> date_text("2026-05-09T08:05:00+00:00", time=True), date_text(""), date_text("morgen")
    ('9 mei 2026 08:05', '', 'morgen')
    """
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value or "").strip()
    found = _STAMP.match(text)
    if not found or parse_date(found.group(1)) is None:
        return text
    parts = [int(p) for p in found.group(1).split("-")]
    words = [str(parts[0])]
    if len(parts) > 1:
        words.insert(0, t(f"dates.month_{parts[1]}", lang))
    if len(parts) > 2:
        words.insert(0, str(parts[2]))
    if time and found.group(2):
        words.append(found.group(2))
    return " ".join(words)
