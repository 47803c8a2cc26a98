"""The finding-kind registry: one module per kind, each declaring one :class:`Kind`.

A kind turns facts (computed by the topic modules: levels, perspectives,
representation, overlap, cuts, structure) into findings, suggests who could close
the gap, and owns its texts. The texts live in a YAML sidecar beside the module
(``level_gap.py`` + ``level_gap.yaml``), registered in the catalogue under
``finding.<kind>.<key>``; every kind has at least ``title`` and ``explanation``
(the report heading and the paragraph under it) and ``label`` (the map's word).

Every module in this package that defines ``KIND`` is registered on import of
:mod:`netmap.analysis`, in module-name order; :func:`names` is that order.
Adding a kind is adding one module and its sidecar (see docs/dev-finding-kinds.md).

>>> kind_title("level_gap", "en")
'Gaps between levels'
>>> kind_label("missing_level", "nl")
'onbekend niveau'
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from netmap.analysis.findings import AUDIENCES, SEVERITIES, Finding
from netmap.i18n import add_texts, has_text, t

if TYPE_CHECKING:
    from netmap.analysis.common import Context
    from netmap.analysis.suggestions import Index

#: The texts every kind must have (the catalogue test checks both languages of each).
REQUIRED_TEXTS = ("title", "explanation", "label")

Finder = Callable[["Context", dict], list[Finding]]
Suggester = Callable[["Context", "Index", Finding], tuple[str, list]]


@dataclass(frozen=True)
class Kind:
    """Everything about one kind of finding.

    Parameters
    ----------
    name : the stable snake_case code in ``Finding.kind`` (and the module's name).
    audience : who it matters to most (one of :data:`netmap.analysis.findings.AUDIENCES`).
    severities : the severities it can have; ``severity_rule`` says when which, in words.
    reads : the fact keys (from :func:`netmap.analysis.compute_facts`) ``find`` reads.
    find : ``(ctx, facts) -> [Finding]``.
    suggest : ``(ctx, index, finding) -> (sentence, candidate ids)``, or None for no suggestion.
    """

    name: str
    audience: str
    severities: tuple[str, ...]
    severity_rule: str
    reads: tuple[str, ...]
    find: Finder
    suggest: Suggester | None = None

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise ValueError(f"kind {self.name!r}: audience must be one of {AUDIENCES}, not {self.audience!r}")
        unknown = set(self.severities) - set(SEVERITIES)
        if not self.severities or unknown:
            raise ValueError(f"kind {self.name!r}: severities must come from {SEVERITIES}")

    def text(self, key: str, lang: str = "nl", /, **params: object) -> str:
        """This kind's text ``key`` (``finding.<name>.<key>`` in the catalogue)."""
        return t(f"finding.{self.name}.{key}", lang, **params)

    def finding(self, subjects: list[str], severity: str, message: str,
                details: dict[str, Any] | None = None) -> Finding:
        """A finding of this kind (its audience filled in)."""
        if severity not in self.severities:
            raise ValueError(f"kind {self.name!r} cannot be {severity!r} (only {self.severities})")
        return Finding(self.name, list(subjects), severity, message, audience=self.audience,
                       details=details if details is not None else {})


_registry: dict[str, Kind] = {}


def register(kind: Kind, texts: dict[str, Any], origin: str = "") -> Kind:
    """Add ``kind`` with its texts (key -> {nl, en}) to the registry and the catalogue."""
    if kind.name in _registry and _registry[kind.name] is not kind:
        raise ValueError(f"finding kind {kind.name!r} registered twice")
    missing = [key for key in REQUIRED_TEXTS if key not in texts]
    if missing:
        raise ValueError(f"finding kind {kind.name!r} ({origin}) lacks the texts {', '.join(missing)}")
    add_texts(f"finding.{kind.name}", texts, origin=origin or f"kind {kind.name}")
    _registry[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind from the registry (for tests that register one at run time)."""
    _registry.pop(name, None)


def kinds() -> Iterator[Kind]:
    """Every registered kind, in registry order."""
    return iter(list(_registry.values()))


def names() -> tuple[str, ...]:
    """The names of the registered kinds, in registry order."""
    return tuple(_registry)


def get(name: str) -> Kind | None:
    """The kind called ``name``, or None."""
    return _registry.get(name)


def kind_title(kind: str, lang: str = "nl") -> str:
    """The report heading of a kind (the code itself when unknown)."""
    key = f"finding.{kind}.title"
    return t(key, lang) if has_text(key) else kind


def kind_explanation(kind: str, lang: str = "nl") -> str:
    """The paragraph under a kind's report heading ('' when unknown)."""
    key = f"finding.{kind}.explanation"
    return t(key, lang) if has_text(key) else ""


def kind_label(kind: str, lang: str = "nl") -> str:
    """A kind in the reader's words, as the map shows it (the code with spaces when unknown)."""
    key = f"finding.{kind}.label"
    return t(key, lang) if has_text(key) else kind.replace("_", " ")


def _discover() -> None:
    """Import every module of this package and register its ``KIND`` with its sidecar texts."""
    folder = resources.files(__name__)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if kind is None:
            continue
        sidecar = folder / f"{info.name}.yaml"
        texts = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        register(kind, texts or {}, origin=f"netmap/analysis/kinds/{info.name}.yaml")


_discover()
