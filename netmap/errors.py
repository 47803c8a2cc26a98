"""The exceptions netmap raises.

Every expected failure is a :class:`NetmapError`; the CLI turns it into one clean
``Error: ...`` line. The tree::

    NetmapError
    ├── DataError            input that cannot be loaded; carries every Problem at once
    ├── Neo4jError           the database is unreachable, refuses us, or fails a query
    └── MissingDependency    an optional tool (Chromium, Java, igraph) is not installed
"""
from __future__ import annotations

from dataclasses import dataclass


class NetmapError(Exception):
    """Base class of every error netmap raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the source allows.

    ``row`` is the row number a user sees in their spreadsheet (header is row 1),
    or the 1-based record number in YAML; ``None`` when the problem is about the
    whole file or table.
    """

    source: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None

    def render(self, lang: str = "nl") -> str:
        """One line naming source, row, column and value in ``lang``."""
        from netmap.i18n import t

        where = self.source
        if self.row is not None:
            where += f", {t('input.row', lang)} {self.row}"
        if self.column is not None:
            where += f", {t('input.column', lang)} '{self.column}'"
        text = f"{where}: {self.message}"
        if self.value not in (None, ""):
            text += f" ({t('input.value', lang)}: {shorten(self.value)!r})"
        return text

    def __str__(self) -> str:
        return self.render()


def shorten(value: object, limit: int = 80) -> object:
    """A value as a message shows it: text longer than ``limit`` characters is cut with an ellipsis.

    >>> shorten("x" * 100)[-3:], len(shorten("x" * 100))
    ('xx…', 80)
    """
    if isinstance(value, str) and len(value) > limit:
        return value[:limit - 1] + "…"
    return value


class DataError(NetmapError):
    """The input is invalid; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem], lang: str = "nl"):
        from netmap.i18n import t

        self.problems = list(problems)
        count = len(self.problems)
        head = t("input.problems_head_1", lang) if count == 1 else t("input.problems_head_n", lang, n=count)
        lines = "\n".join(f"  - {p.render(lang)}" for p in self.problems)
        super().__init__(f"{head}\n{lines}")


class Neo4jError(NetmapError):
    """Talking to Neo4j failed (unreachable, wrong password, unknown database, timeout ...)."""


class MissingDependency(NetmapError):
    """An optional program or library that this action needs is not installed."""
