"""The findings contract (DATA-FORMAT.md): what every analysis emits, machine-readable.

A finding has a stable snake_case ``kind`` (one of the registered kinds,
:func:`netmap.analysis.kinds.names`), the ``subjects`` (ids) it is about,
a ``severity``, a ``message`` in the report language, and optionally a
``suggestion`` (who could close the gap), the ``audience`` it matters to most
and ``details`` (numbers behind it).

>>> f = Finding("isolated", ["x"], "low", "x heeft geen verbindingen.")
>>> f.to_dict()["kind"]
'isolated'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("high", "medium", "low", "info")
AUDIENCES = ("werkorganisatie", "adviesraad", "bureau")


@dataclass
class Finding:
    """One thing the analyses found, in the shape other tools read."""

    kind: str
    subjects: list[str]
    severity: str
    message: str
    suggestion: str = ""
    audience: str = "werkorganisatie"
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")
        if self.audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {AUDIENCES}, not {self.audience!r}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """What identifies a finding across runs (kind and subjects), for diffs and parity checks."""
        return (self.kind, tuple(self.subjects))


#: the scope of a finding (``details['scope']``): national matters to more of KBL than regional
SCOPES = ("landelijk", "regionaal")


def priority_key(f: Finding) -> tuple:
    """The stated priority: severity, then scope (national before regional), then audience
    (werkorganisatie, adviesraad, bureau), then kind and subjects so the order is stable."""
    scope = f.details.get("scope", SCOPES[0])
    return (SEVERITIES.index(f.severity), SCOPES.index(scope) if scope in SCOPES else 0,
            AUDIENCES.index(f.audience), f.kind, f.subjects)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """In order of :func:`priority_key`; each finding's rank is written to ``details['priority']`` (1 first)."""
    ordered = sorted(findings, key=priority_key)
    for rank, f in enumerate(ordered, 1):
        f.details["priority"] = rank
    return ordered
