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


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by kind and subjects, so output is stable."""
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.kind, f.subjects))
