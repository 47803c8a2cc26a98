"""The learning-connection analyses: levels, perspectives, representation, overlap, structure.

One topic per module computes facts, each function taking G first and named for what it
returns; :mod:`netmap.analysis.kinds` holds one module per kind of finding, turning facts
into findings (importing this package registers them). :func:`analyse` runs them all
and returns an :class:`Analysis`.
"""
from netmap.analysis.analyse import Analysis, analyse, build_findings, compute_facts
from netmap.analysis.common import kbl_bodies
from netmap.analysis.findings import Finding, sort_findings
from netmap.analysis.kinds import Kind, kind_explanation, kind_label, kind_title
from netmap.analysis.levels import (
    channels_from_level_sets,
    level_set_facts,
    matrix_from_counts,
    network_directions_from_level_sets,
)
from netmap.analysis.overlap import overlap_fact, sort_overlaps
from netmap.analysis.perspectives import composition_facts, composition_rules
from netmap.analysis.representation import is_constituency_type, seat_bodies, seat_facts
from netmap.analysis.settings import Settings, SettingsError, load_rules
from netmap.analysis.structure import BETWEEN_LEVELS, role_table
from netmap.analysis.structure import ROLES as BROKERAGE_ROLES

__all__ = [
    "BETWEEN_LEVELS",
    "BROKERAGE_ROLES",
    "Analysis",
    "Finding",
    "Kind",
    "Settings",
    "SettingsError",
    "analyse",
    "build_findings",
    "composition_facts",
    "composition_rules",
    "channels_from_level_sets",
    "compute_facts",
    "is_constituency_type",
    "kbl_bodies",
    "kind_explanation",
    "kind_label",
    "kind_title",
    "level_set_facts",
    "load_rules",
    "matrix_from_counts",
    "network_directions_from_level_sets",
    "overlap_fact",
    "role_table",
    "seat_bodies",
    "seat_facts",
    "sort_findings",
    "sort_overlaps",
]
