"""Colours, shapes and line styles of the maps, chosen to read well on a projector.

Colours are colour-blind-safe where the category count allows (Okabe-Ito and
Tableau-like tints); grey always means "unknown", so gaps stay visible. The level,
change and severity colours stay apart under simulated protanopia, deuteranopia and
tritanopia (``tests/test_maps.py`` states the minimum distance); lines differ in dash
pattern as well as colour.
"""
from __future__ import annotations

LEVEL_COLORS = {"I": "#2a9d8f", "II": "#3a6ea5", "III": "#e9a23b", "IV": "#8e3b74"}
MULTI_LEVEL_COLOR = "#4a4a4a"  # dark grey: apart from teal I under deuteranopia (tests/test_maps.py)
UNKNOWN_COLOR = "#c4c9cf"
BAND_COLORS = {"I": "#e8f5f3", "II": "#e9f0f8", "III": "#fdf4e6", "IV": "#f5eaf2", "": "#f1f2f4"}

#: Qualitative palette for perspectives, types and clusters (cycled when longer).
PALETTE = ("#3a6ea5", "#e07a2e", "#2a9d8f", "#c8553d", "#8e6bb0", "#8c6d46", "#d672a6", "#5f8f3e",
           "#b8a136", "#3fa7c4", "#a63d40", "#4c5b8f", "#7fb069", "#e6a0c4", "#9a8c73")

SHAPES = {"network": "hexagon", "organisation": "dot", "person": "triangle", "group": "square"}
BASE_SIZE = {"network": 20, "organisation": 13, "person": 9, "group": 18}
SIZE_SPREAD = {"network": 22, "organisation": 18, "person": 9, "group": 30}

SEVERITY_COLORS = {"high": "#d62828", "medium": "#f77f00", "low": "#e9c46a", "info": "#7d8597"}

#: Line styles per relation; ``dashes`` is a vis-network dash pattern or False.
EDGE_STYLES = {
    "tie_horizontal": {"color": "#1f8a70", "width": 3.0, "dashes": False},
    "tie_vertical": {"color": "#d1495b", "width": 3.0, "dashes": [10, 6]},
    "tie_other": {"color": "#9a9a9a", "width": 2.0, "dashes": [3, 4]},  # grey: direction unknown
    "membership": {"color": "#aab4c0", "width": 1.0, "dashes": False},
    "representation": {"color": "#8e6bb0", "width": 1.6, "dashes": [6, 4]},
    "home": {"color": "#b49fcc", "width": 1.0, "dashes": [2, 3]},
    "parent": {"color": "#c4c9cf", "width": 1.0, "dashes": [2, 3]},
    "host": {"color": "#9aa5b1", "width": 1.2, "dashes": [8, 3, 2, 3]},
    "overlap": {"color": "#3a6ea5", "width": 2.0, "dashes": False},
    # Black dots, not red dashes: must not read as vertical learning (red, long dashes).
    "finding": {"color": "#1d2733", "width": 3.5, "dashes": [1, 7]},
}

#: Lines on a diff map, by change: colour (Okabe-Ito, as the nodes) and a dash that differs too.
CHANGE_EDGE_STYLES = {
    "new": {"color": "#009E73", "width": 3.5, "dashes": False},
    "gone": {"color": "#D55E00", "width": 3.0, "dashes": [10, 6]},
    "changed": {"color": "#E69F00", "width": 3.0, "dashes": [14, 4, 3, 4]},
    "same": {"color": "#B0B7C3", "width": 1.2, "dashes": False},
}


def palette_for(values: list[str]) -> dict[str, str]:
    """A stable colour per value, in the order given.

    >>> palette_for(["a", "b"])["b"]
    '#e07a2e'
    """
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(values)}


def node_size(kind: str, share: float) -> float:
    """Drawn size for a node whose metric is ``share`` (0..1) of the largest on the map."""
    share = min(max(share, 0.0), 1.0)
    return round(BASE_SIZE.get(kind, 12) + SIZE_SPREAD.get(kind, 15) * share ** 0.5, 1)


def page_style() -> dict:
    """The styling tables the page script reads."""
    return {"shapes": SHAPES, "levels": LEVEL_COLORS, "edges": EDGE_STYLES, "severity": SEVERITY_COLORS,
            "unknown": UNKNOWN_COLOR, "changes": CHANGE_EDGE_STYLES}
