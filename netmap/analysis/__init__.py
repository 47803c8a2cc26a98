"""The learning-connection analyses: levels, perspectives, representation, overlap, structure.

One topic per module computes facts, each function taking G first and named for what it
returns; :mod:`netmap.analysis.kinds` holds one module per kind of finding, turning facts
into findings (importing this package registers them). :func:`analyse` runs them all
and returns an :class:`Analysis`.
"""
from netmap.analysis.analyse import Analysis, analyse, build_findings, compute_facts
from netmap.analysis.findings import Finding, sort_findings
from netmap.analysis.settings import Settings, SettingsError, load_rules

__all__ = [
    "Analysis",
    "Finding",
    "Settings",
    "SettingsError",
    "analyse",
    "build_findings",
    "compute_facts",
    "load_rules",
    "sort_findings",
]
