"""Layouts computed in Python, so the browser only draws (no physics at scale).

- :func:`level_layout`: levels IV (top) to I (bottom) as horizontal bands, plus a
  band for actors without a level. An actor on several levels sits at the mean of
  its levels, so a network spanning II and III sits on their border. Within a band
  the order comes from barycentre sweeps (the Sugiyama heuristic): each node moves
  towards the mean position of its neighbours, which keeps lines short; this is
  linear in the number of lines, so it works at national scale.
- :func:`force_layout`: a spring layout up to :data:`SPRING_MAX` nodes; beyond
  that clusters are laid out as springs and their members as discs around them.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from netmap.model import LEVELS

DX, DY = 125.0, 84.0  # horizontal node spacing and line spacing, in page pixels
BAND_PAD = 56.0
GUTTER = 200.0  # room the page keeps on the left for the band labels
SPRING_MAX = 1500
SWEEPS = 8
KIND_ORDER = {"network": 0, "group": 1, "organisation": 2, "person": 3}


def band_position(levels: tuple[str, ...]) -> float:
    """0 for I ... 3 for IV; the middle of the span for several levels; -1 for no level.

    >>> band_position(("II", "III")), band_position(("II", "IV")), band_position(())
    (1.5, 2.0, -1.0)
    """
    idx = [LEVELS.index(x) for x in levels if x in LEVELS]
    return (min(idx) + max(idx)) / 2 if idx else -1.0


def initial_order(H: nx.Graph, attrs: dict[str, dict]) -> dict[str, float]:
    """A deterministic start: by kind, region and label, as a 0..1 rank."""
    ordered = sorted(H.nodes, key=lambda n: (KIND_ORDER.get(attrs[n]["kind"], 9), attrs[n].get("region", ""),
                                           attrs[n]["label"], n))
    return {n: i / max(len(ordered) - 1, 1) for i, n in enumerate(ordered)}


def sweep_orders(H: nx.Graph, rows: dict[float, list[str]], rank: dict[str, float]) -> dict[float, list[str]]:
    """Barycentre sweeps: re-sort each row by the mean rank of each node's neighbours (numpy, linear)."""
    import numpy as np

    nodes = list(H)
    index = {n: i for i, n in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in H.edges], dtype=np.int64).reshape(-1, 2)
    eu, ev = ends[:, 0], ends[:, 1]
    deg = np.bincount(eu, minlength=len(nodes)) + np.bincount(ev, minlength=len(nodes))
    r = np.array([rank[n] for n in nodes], dtype=float)
    members = {key: np.array([index[n] for n in ms], dtype=np.int64) for key, ms in rows.items()}
    for _ in range(SWEEPS):
        total = np.bincount(eu, weights=r[ev], minlength=len(nodes)) + np.bincount(ev, weights=r[eu],
                                                                                   minlength=len(nodes))
        bary = np.where(deg > 0, total / np.maximum(deg, 1), r)
        for key, arr in members.items():
            arr = members[key] = arr[np.lexsort((r[arr], bary[arr]))]
            # Rank is position within the row scaled to 0..1, so rows of any length align.
            r[arr] = np.linspace(0.0, 1.0, len(arr)) if len(arr) > 1 else 0.5
    return {key: [nodes[i] for i in arr] for key, arr in members.items()}


def choose_columns(row_sizes: list[int], aspect: float = 1.6) -> int:
    """Columns per row group so that the whole picture is about ``aspect`` wide per unit high."""
    best, best_err = 4, math.inf
    for cols in range(4, max(5, max(row_sizes, default=1)) + 1):
        height = sum(max(math.ceil(s / cols), 1) * DY + BAND_PAD for s in row_sizes)
        width = cols * DX + GUTTER
        err = abs(math.log((width / max(height, 1.0)) / aspect))
        if err < best_err:
            best, best_err = cols, err
    return best


def place_row(members: list[str], centre_y: float, cols: int, pos: dict[str, tuple[float, float]]) -> None:
    """Fill lines column by column, so left-to-right follows the sweep order; alternate lines are staggered."""
    lines = max(math.ceil(len(members) / cols), 1)
    used_cols = math.ceil(len(members) / lines)
    for j, n in enumerate(members):
        col, line = divmod(j, lines)
        stagger = (line % 2) * DX * 0.5 if lines > 1 else 0.0
        x = (col - (used_cols - 1) / 2) * DX + stagger
        y = centre_y + (line - (lines - 1) / 2) * DY
        pos[n] = (round(x, 1), round(y, 1))


def stack_groups(rows: dict[float, list[str]], cols: int) -> dict[float, tuple[float, float]]:
    """Top and bottom y of each row group, IV at the top; empty levels keep a thin band."""
    keys = sorted(set(rows) | {0.0, 1.0, 2.0, 3.0}, reverse=True)
    keys = [k for k in keys if k >= 0] + ([-1.0] if -1.0 in rows else [])
    extent, y = {}, 0.0
    for k in keys:
        if k == -1.0:
            y += BAND_PAD
        height = max(math.ceil(len(rows.get(k, ())) / cols), 1) * DY
        extent[k] = (y, y + height)
        y += height + BAND_PAD
    return extent


def band_edges(extent: dict[float, tuple[float, float]]) -> list[dict]:
    """Bands I-IV (and 'no level'): a group on the border of two levels sits on their boundary line."""
    def boundary(upper: float) -> float:  # between level ``upper`` and the one below it
        if upper - 0.5 in extent:
            top, bottom = extent[upper - 0.5]
            return (top + bottom) / 2
        return (extent[upper][1] + extent[upper - 1][0]) / 2

    bands = []
    for i in (3, 2, 1, 0):
        top = extent[3.0][0] - BAND_PAD / 2 if i == 3 else boundary(float(i + 1))
        bottom = extent[0.0][1] + BAND_PAD / 2 if i == 0 else boundary(float(i))
        bands.append({"level": LEVELS[i], "y0": top, "y1": bottom})
    if -1.0 in extent:
        top, bottom = extent[-1.0]
        bands.append({"level": "", "y0": top - BAND_PAD / 2, "y1": bottom + BAND_PAD / 2})
    return bands


def level_layout(H: nx.Graph, attrs: dict[str, dict],
                 aspect: float = 1.6) -> tuple[dict[str, tuple[float, float]], list[dict]]:
    """Positions for the level view and the bands to draw behind it (top to bottom).

    >>> H = nx.Graph([("a", "b")])
    >>> pos, bands = level_layout(H, {"a": {"kind": "organisation", "label": "A", "levels": ("IV",)},
    ...                               "b": {"kind": "organisation", "label": "B", "levels": ("I",)}})
    >>> pos["a"][1] < pos["b"][1], [b["level"] for b in bands]
    (True, ['IV', 'III', 'II', 'I'])
    """
    rows: dict[float, list[str]] = defaultdict(list)
    for n in H.nodes:
        rows[band_position(attrs[n].get("levels", ()))].append(n)
    rows = sweep_orders(H, dict(rows), initial_order(H, attrs))
    cols = choose_columns([len(m) for m in rows.values()], aspect)
    extent = stack_groups(rows, cols)
    pos: dict[str, tuple[float, float]] = {}
    for key, members in rows.items():
        place_row(members, sum(extent[key]) / 2, cols, pos)
    half_w = max((abs(x) for x, _ in pos.values()), default=0.0) + DX
    bands = band_edges(extent)
    for band in bands:
        band.update(x0=-half_w, x1=half_w)
        band["y0"], band["y1"] = round(band["y0"], 1), round(band["y1"], 1)
    return pos, bands


def spring_array(H: nx.Graph, seed: int = 7, iterations: int = 80) -> dict:
    """Fruchterman-Reingold in numpy (dense, so only for up to a few thousand nodes), in -1..1.

    A weak pull to the centre keeps separate components and isolated actors in view.
    """
    import numpy as np

    nodes = list(H)
    index = {n: i for i, n in enumerate(nodes)}
    A = np.zeros((len(nodes), len(nodes)))
    for u, v in H.edges:
        A[index[u], index[v]] = A[index[v], index[u]] = 1.0
    pos = np.random.default_rng(seed).random((len(nodes), 2)) - 0.5
    k, t = 1.0 / math.sqrt(len(nodes)), 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.clip(np.linalg.norm(delta, axis=-1), 0.01, None)
        disp = np.einsum("ijk,ij->ik", delta, k * k / dist ** 2 - A * dist / k) - pos * 0.25
        length = np.clip(np.linalg.norm(disp, axis=-1), 0.01, None)
        pos += disp * (t / length)[:, None]
        t -= 0.1 / (iterations + 1)
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {n: (float(pos[i, 0]), float(pos[i, 1])) for i, n in enumerate(nodes)}


def spread_out(xy, min_dist: float, rounds: int = 60):
    """Push apart points closer than ``min_dist`` (pixels), so that nodes and labels do not pile up."""
    import numpy as np

    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.linalg.norm(delta, axis=-1) + np.eye(len(xy)) * 1e9
        close = dist < min_dist
        if not close.any():
            break
        push = np.where(close, (min_dist - dist) / np.maximum(dist, 1e-6) / 2, 0.0)
        xy = xy + np.einsum("ijk,ij->ik", delta, push) * 0.5
    return xy


def spring_positions(H: nx.Graph, scale: float, seed: int = 7, min_dist: float = 0.0) -> dict[Any, tuple]:
    """A spring layout scaled to page pixels, optionally spread so no two nodes are closer than ``min_dist``."""
    import numpy as np

    if len(H) <= 1:
        return dict.fromkeys(H, (0.0, 0.0))
    raw = spring_array(H, seed=seed, iterations=80 if len(H) <= 500 else 40)
    xy = np.array([raw[n] for n in H]) * scale
    if len(H) >= 20:  # far-flung small components in (see pull_in), before spreading
        radius = np.hypot(xy[:, 0], xy[:, 1])
        limit = 1.25 * float(np.quantile(radius, 0.9))
        xy *= np.minimum(1.0, limit / np.maximum(radius, 1e-9))[:, None]
    if min_dist and len(H) <= SPRING_MAX:
        xy = spread_out(xy, min_dist)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(H, xy)}


def grid_positions(count: int, spacing: float) -> list[tuple[float, float]]:
    """Points on a square grid, for more clusters than springs can handle."""
    side = math.ceil(math.sqrt(count))
    return [((i % side - side / 2) * spacing, (i // side - side / 2) * spacing) for i in range(count)]


def disc_positions(members: list[str], centre: tuple[float, float], spacing: float) -> dict[str, tuple]:
    """Members on a sunflower spiral around ``centre`` (even density, no overlaps)."""
    golden = math.pi * (3 - math.sqrt(5))
    cx, cy = centre
    return {n: (round(cx + spacing * math.sqrt(i + 0.5) * math.cos(i * golden), 1),
                round(cy + spacing * math.sqrt(i + 0.5) * math.sin(i * golden), 1))
            for i, n in enumerate(members)}


def force_layout(H: nx.Graph, clusters: list[set[str]] | None = None) -> dict[str, tuple[float, float]]:
    """A free layout: springs when small, clusters-as-springs with member discs when large."""
    if len(H) <= SPRING_MAX or not clusters:
        # Spreading is quadratic per round: only for maps small enough to read every label.
        return spring_positions(H, scale=70.0 * math.sqrt(max(len(H), 1)),
                                min_dist=110.0 if len(H) <= 300 else 70.0 if len(H) <= 800 else 0.0)
    cluster_of = {n: i for i, c in enumerate(clusters) for n in c}
    C = nx.Graph()
    C.add_nodes_from(range(len(clusters)))
    for u, v in H.edges:
        if cluster_of[u] != cluster_of[v]:
            C.add_edge(cluster_of[u], cluster_of[v])
    spacing = 18.0
    radius = [spacing * math.sqrt(len(c) + 1) for c in clusters]
    if len(C) <= SPRING_MAX:
        centres = spring_positions(C, scale=2.2 * math.sqrt(sum(r * r for r in radius)))
    else:
        centres = dict(enumerate(grid_positions(len(C), 2.2 * max(radius))))
    pos: dict[str, tuple[float, float]] = {}
    for i, members in enumerate(clusters):
        ordered = sorted(members, key=lambda n: -H.degree(n))
        pos.update(disc_positions(ordered, centres[i], spacing))
    return pos
