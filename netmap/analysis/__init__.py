"""The learning-connection analyses: levels, perspectives, representation, overlap, structure.

One topic per module, each function taking G first and named for what it returns;
:func:`analyse` runs them all and returns an :class:`Analysis`.
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
