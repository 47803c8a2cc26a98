"""Raw tables -> a validated :class:`~netmap.model.Dataset`, or every problem at once.

Nothing downstream sees unvalidated data: a :class:`~netmap.errors.DataError`
is raised before anything is built or loaded anywhere.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from netmap.dates import parse_date
from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.io.readers import RawTable
from netmap.model import (
    MULTI_VALUED,
    NODE_KIND,
    NODE_TABLES,
    OPTIONAL,
    PERSPECTIVES,
    REQUIRED,
    SCOPES,
    Dataset,
    Membership,
    Node,
    Representation,
    Requirement,
    Tie,
    parse_level,
)

_SPLIT_LIST = re.compile(r"[;,|]")
_SPLIT_THEMES = re.compile(r"[;|]")
_TRUE = {"1", "true", "ja", "yes", "y", "j", "x", "waar", "privé", "prive", "private"}
_FALSE = {"", "0", "false", "nee", "no", "n", "onwaar"}
KIND_LABEL = {
    "organisation": {"nl": "organisatie", "en": "organisation"},
    "network": {"nl": "netwerk of orgaan", "en": "network or body"},
    "person": {"nl": "persoon", "en": "person"},
}


def normalise_key(text: str) -> str:
    """Lower-case, accents removed: 'Cliënten' -> 'clienten'.

    >>> normalise_key(" Cliënten ")
    'clienten'
    """
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_values(value: Any, themes: bool = False) -> list[str]:
    """A multi-valued cell (``'I; II'`` or a YAML list) -> its trimmed, non-empty parts."""
    if isinstance(value, list):
        parts: Iterable[Any] = value
    else:
        parts = (_SPLIT_THEMES if themes else _SPLIT_LIST).split(str(value))
    return [str(p).strip() for p in parts if str(p).strip()]


class _Validator:
    """Collects problems while turning raw tables into records."""

    def __init__(self, tables: dict[str, RawTable], perspectives: Iterable[str], lang: str):
        self.tables = tables
        self.lang = lang
        self.vocabulary = {normalise_key(p): p for p in perspectives}
        self.problems: list[Problem] = []
        self.where: dict[str, str] = {}  # id -> "table, row n", for duplicate messages
        self.dataset = Dataset()

    def problem(self, table: RawTable, key: str, row: int | None = None, column: str | None = None,
                value: Any = None, **params: Any) -> None:
        self.problems.append(Problem(table.source, t(f"input.{key}", self.lang, **params), row, column, value))

    def usable(self, name: str) -> RawTable | None:
        """The table if present and all its required columns exist (else report them)."""
        table = self.tables.get(name)
        if table is None:
            return None
        missing = [c for c in REQUIRED[name] if c not in table.columns]
        for column in missing:
            self.problem(table, "missing_column", column=column, found=", ".join(table.columns) or "-")
        return None if missing else table

    # -- node tables -------------------------------------------------------------------
    def read_nodes(self) -> None:
        for name in NODE_TABLES:
            table = self.usable(name)
            if table is None:
                continue
            for row, values in table.rows:
                node = self.node(table, name, row, values)
                if node is not None:
                    self.dataset.nodes[node.id] = node

    def node(self, table: RawTable, name: str, row: int, values: dict[str, Any]) -> Node | None:
        node_id = self.required(table, row, values, "id")
        label = self.required(table, row, values, "name")
        if node_id is None or label is None:
            return None
        if node_id in self.where:
            self.problem(table, "duplicate_id", row, "id", node_id, other=self.where[node_id])
            return None
        self.where[node_id] = f"{table.source}, {t('input.row', self.lang)} {row}"
        node = Node(id=node_id, kind=NODE_KIND[name], name=label)
        node.levels = self.levels(table, row, values.get("level", ""))
        node.perspectives = self.perspectives(table, row, values.get("perspectives", ""))
        node.private = self.boolean(table, row, values, "private")
        for attr in ("type", "region", "role", "parent_id", "home_organisation_id", "host_id"):
            setattr(node, attr, _text(values.get(attr, "")))
        node.scope = self.scope(table, row, values.get("scope", ""))
        node.themes = tuple(split_values(values.get("themes", ""), themes=True))
        node.extra = _extra(name, values)
        return node

    def required(self, table: RawTable, row: int, values: dict[str, Any], column: str) -> str | None:
        value = _text(values.get(column, ""))
        if not value:
            self.problem(table, "empty_required", row, column)
            return None
        return value

    def levels(self, table: RawTable, row: int, value: Any) -> tuple[str, ...]:
        found: list[str] = []
        for part in split_values(value):
            level = parse_level(part)
            if level is None:
                self.problem(table, "unknown_level", row, "level", part)
            elif level not in found:
                found.append(level)
        return tuple(sorted(found, key=("I", "II", "III", "IV").index))

    def perspectives(self, table: RawTable, row: int, value: Any, column: str = "perspectives") -> tuple[str, ...]:
        found: list[str] = []
        for part in split_values(value):
            key = self.vocabulary.get(normalise_key(part))
            if key is None:
                known = ", ".join(self.vocabulary.values())
                self.problem(table, "unknown_perspective", row, column, part, known=known)
            elif key not in found:
                found.append(key)
        return tuple(found)

    def boolean(self, table: RawTable, row: int, values: dict[str, Any], column: str) -> bool:
        text = normalise_key(_text(values.get(column, "")))
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.problem(table, "bad_bool", row, column, values.get(column))
        return False

    def scope(self, table: RawTable, row: int, value: Any) -> str:
        text = _text(value).lower()
        if text and text not in SCOPES:
            self.problem(table, "bad_scope", row, "scope", value)
            return ""
        return text

    # -- references --------------------------------------------------------------------
    def ref(self, table: RawTable, row: int, column: str, value: str, kinds: tuple[str, ...]) -> bool:
        """True if ``value`` names a node of one of ``kinds``; otherwise report why not."""
        node = self.dataset.nodes.get(value)
        if node is None:
            if value not in self.where:  # a duplicate id was reported already
                self.problem(table, "dangling_id", row, column, value)
            return False
        if node.kind not in kinds:
            expected = " / ".join(KIND_LABEL[k][self.lang] for k in kinds)
            self.problem(table, "wrong_kind", row, column, value,
                         found=KIND_LABEL[node.kind][self.lang], expected=expected)
            return False
        return True

    def check_node_refs(self) -> None:
        refs = (("organisations", "parent_id", ("organisation",)),
                ("people", "home_organisation_id", ("organisation",)),
                ("networks", "host_id", ("organisation", "network")))
        for name, column, kinds in refs:
            table = self.tables.get(name)
            if table is None:
                continue
            for row, values in table.rows:
                value = _text(values.get(column, ""))
                node = self.dataset.nodes.get(_text(values.get("id", "")))
                if value and node is not None and node.kind == NODE_KIND[name]:
                    self.ref(table, row, column, value, kinds)

    def read_edges(self) -> None:
        self.read_memberships()
        self.read_representation()
        self.read_ties()
        self.read_requirements()

    def read_memberships(self) -> None:
        table = self.usable("memberships")
        if table is None:
            return
        for row, values in table.rows:
            member = self.required(table, row, values, "member_id")
            network = self.required(table, row, values, "network_id")
            ok = member is not None and self.ref(table, row, "member_id", member, ("organisation", "person", "network"))
            ok &= network is not None and self.ref(table, row, "network_id", network, ("network",))
            if ok and member == network:
                self.problem(table, "self_tie", row, "member_id", member)
            elif ok and member is not None and network is not None:
                self.dataset.memberships.append(Membership(
                    member, network, _text(values.get("role", "")).lower() or "member",
                    self.date(table, row, values, "since"), self.date(table, row, values, "until"),
                    _extra("memberships", values)))

    def read_representation(self) -> None:
        table = self.usable("representation")
        if table is None:
            return
        for row, values in table.rows:
            person = self.required(table, row, values, "person_id")
            constituency = self.required(table, row, values, "constituency_id")
            body = _text(values.get("body_id", ""))
            ok = person is not None and self.ref(table, row, "person_id", person, ("person",))
            ok &= constituency is not None and self.ref(table, row, "constituency_id", constituency,
                                                        ("organisation", "network"))
            if body:
                ok &= self.ref(table, row, "body_id", body, ("network",))
            for column in ("since", "until"):  # a seat's dates (extra columns until the schema names them)
                self.date(table, row, values, column)
            if ok and person is not None and constituency is not None:
                self.dataset.representation.append(Representation(
                    person, constituency, body, _text(values.get("seat", "")), _extra("representation", values)))

    def read_ties(self) -> None:
        table = self.usable("ties")
        if table is None:
            return
        for row, values in table.rows:
            source = self.required(table, row, values, "source_id")
            target = self.required(table, row, values, "target_id")
            ok = source is not None and self.ref(table, row, "source_id", source, tuple(KIND_LABEL))
            ok &= target is not None and self.ref(table, row, "target_id", target, tuple(KIND_LABEL))
            if ok and source == target:
                self.problem(table, "self_tie", row, "target_id", target)
                ok = False
            step = self.cycle_step(table, row, values.get("cycle_step", ""))
            weight = self.number(table, row, "weight", values.get("weight", ""), default=1.0)
            if ok and source is not None and target is not None and step is not False and weight is not None:
                self.dataset.ties.append(Tie(
                    source, target, _text(values.get("kind", "")).lower() or "learning",
                    _text(values.get("theme", "")), step, weight, self.date(table, row, values, "since"),
                    self.date(table, row, values, "until"), _text(values.get("note", "")), _extra("ties", values)))

    def date(self, table: RawTable, row: int, values: dict[str, Any], column: str) -> str:
        """A ``since``/``until`` cell as written (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); else a problem."""
        value = values.get(column, "")
        checked = parse_date(_text(value))
        if checked is None:
            self.problem(table, "bad_date", row, column, value)
            return ""
        return checked

    def cycle_step(self, table: RawTable, row: int, value: Any) -> int | None | bool:
        text = _text(value)
        if not text:
            return None
        if text in {"1", "2", "3", "4"}:
            return int(text)
        self.problem(table, "bad_cycle_step", row, "cycle_step", value)
        return False

    def number(self, table: RawTable, row: int, column: str, value: Any, default: float) -> float | None:
        text = _text(value).replace(",", ".")
        if not text:
            return default
        try:
            number = float(text)
        except ValueError:
            self.problem(table, "not_a_number", row, column, value)
            return None
        if not math.isfinite(number):  # NaN and infinity: no weight, and never valid JSON
            self.problem(table, "not_finite", row, column, value)
            return None
        return number

    def read_requirements(self) -> None:
        table = self.usable("requirements")
        if table is None:
            return
        for row, values in table.rows:
            body = self.required(table, row, values, "body_id")
            perspective = self.perspectives(table, row, values.get("perspective", ""), "perspective")
            count = self.number(table, row, "min_count", values.get("min_count", ""), default=1)
            if count is not None and (count < 0 or not float(count).is_integer()):
                self.problem(table, "not_a_number", row, "min_count", values.get("min_count"))
                count = None
            ok = body is not None and self.ref(table, row, "body_id", body, ("network",))
            if not _text(values.get("perspective", "")):
                self.problem(table, "empty_required", row, "perspective")
            elif ok and body is not None and perspective and count is not None:
                self.dataset.requirements.append(Requirement(
                    body, perspective[0], int(count), _text(values.get("note", ""))))

    def check_parent_cycles(self) -> None:
        table = self.tables.get("organisations")
        if table is None:
            return
        nodes = self.dataset.nodes
        reported: set[str] = set()
        for row, values in table.rows:
            start = _text(values.get("id", ""))
            seen, current = set(), start
            while current in nodes and nodes[current].parent_id and current not in seen:
                seen.add(current)
                current = nodes[current].parent_id
            if current == start and seen and not (seen & reported):
                reported |= seen
                self.problem(table, "parent_cycle", row, "parent_id", nodes[start].parent_id)


def validate(tables: dict[str, RawTable], perspectives: Iterable[str] = PERSPECTIVES,
             lang: str = "nl", source: str = "") -> Dataset:
    """Check every table and return the Dataset; raise DataError listing all problems.

    ``perspectives`` is the vocabulary that ``perspectives`` cells may use
    (accents and case are ignored when matching).
    """
    checker = _Validator(tables, perspectives, lang)
    if "organisations" not in tables:
        checker.problems.append(Problem(source or "invoer", t("input.missing_table", lang)))
    checker.read_nodes()
    checker.check_node_refs()
    checker.check_parent_cycles()
    checker.read_edges()
    if checker.problems:
        raise DataError(checker.problems, lang)
    checker.dataset.source = source
    return checker.dataset


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v).strip() for v in value)
    return str(value).strip() if value is not None else ""


def _extra(table: str, values: dict[str, Any]) -> dict[str, Any]:
    known = set(REQUIRED[table]) | set(OPTIONAL[table])
    return {k: v for k, v in values.items() if k and k not in known and v not in ("", [])}


__all__ = ["validate", "normalise_key", "split_values", "MULTI_VALUED"]
