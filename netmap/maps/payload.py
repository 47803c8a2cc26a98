"""The data a map page draws: a JSON-ready dict built from a :class:`MapGraph`.

Only fields put here reach the HTML. Keys are short because a national map
carries tens of thousands of nodes; the page (``assets/app.js``) reads them.
"""
from __future__ import annotations

import re

import networkx as nx

from netmap import privacy
from netmap.analysis import Settings, structure
from netmap.analysis.common import level_label
from netmap.analysis.findings import SEVERITIES, Finding, sort_findings
from netmap.analysis.kinds import kind_label
from netmap.i18n import t
from netmap.maps import style
from netmap.maps.mapgraph import MapGraph, actor_count
from netmap.maps.text import type_label
from netmap.model import LEVELS, PERSPECTIVES, perspective_label

SIZE_METRICS = ("degree", "betweenness", "memberships", "members", "none")
COLOR_SCHEMES = ("level", "perspective", "type", "community", "change")
#: The colours of a diff map: green new, red gone, amber changed, grey unchanged.
CHANGE_COLORS = {"new": "#009E73", "gone": "#D55E00", "changed": "#E69F00", "same": "#B0B7C3"}
#: Live physics (settling from the Python layout) only for free layouts up to this many nodes.
PHYSICS_MAX = 300
#: Clusters are computed up to this many drawn nodes (beyond: only when asked for or needed by the layout).
COMMUNITY_MAX = 20000


def node_metric(M: MapGraph, H: nx.Graph, size_by: str, settings: Settings | None = None) -> dict[str, float]:
    """The measure that sets node size (betweenness as the analyses compute it, with ``settings``)."""
    if size_by not in SIZE_METRICS:
        raise ValueError(f"size_by must be one of {SIZE_METRICS}, not {size_by!r}")
    if size_by == "degree":
        return {n: float(d) for n, d in H.degree}
    if size_by == "betweenness":
        s = settings or Settings()
        return structure.betweenness_for(H, s)[0]
    if size_by == "memberships":
        return {n: float(len(m.networks - {n})) for n, m in M.nodes.items()}
    if size_by == "members":
        counts = dict.fromkeys(M.nodes, 0.0)
        for e in M.edges:
            if e.style == "membership":
                counts[e.v] += e.count
        return counts
    return dict.fromkeys(M.nodes, 0.0)


def communities(H: nx.Graph, settings: Settings | None = None) -> list[set[str]]:
    """Clusters of densely tied actors: the analyses' own communities
    (:func:`netmap.analysis.structure.communities`, with the settings' seed)."""
    s = settings or Settings()
    return structure.communities(H, s.seed)[0]


def member_perspectives(counts: dict[str, int] | None, lang: str) -> list[list]:
    """A network's or body's perspectives as its members and seat holders bring them (the analysis's
    ``facts['perspectives']`` of it): ``[label, how many]`` in the perspectives' order, absent ones left out.

    >>> member_perspectives({"ouders": 2, "jongeren": 1, "onderzoek": 0}, "nl")
    [['jongeren (ervaringsdeskundig)', 1], ['ouders en verzorgers', 2]]
    """
    order = {p: i for i, p in enumerate(PERSPECTIVES)}
    codes = sorted((p for p, n in (counts or {}).items() if n), key=lambda p: (order.get(p, len(order)), p))
    return [[perspective_label(p, lang), counts[p]] for p in codes] if counts else []


def node_record(node, index: dict[str, int], size: float, community: int | None,
                perspectives: list[list] | None = None) -> dict:
    """One node as the page reads it; empty fields are left out to keep big files small. ``perspectives``:
    a network's members' (:func:`member_perspectives`)."""
    rec = {"l": node.label, "k": node.kind, "s": size}
    optional = {"id": node.public_id, "t": node.type, "lv": list(node.levels), "p": list(node.perspectives),
                "r": node.region, "ro": node.role, "th": sorted(node.themes),
                "nw": sorted(index[n] for n in node.networks if n in index), "m": node.merged,
                "tp": node.top, "c": community, "ch": node.change, "mb": node.members,
                "mn": actor_count(node) + node.merged.get("network", 0) if node.members else None,
                "mp": perspectives}
    rec.update({k: v for k, v in optional.items() if v not in (None, "", [], {})})
    return rec


def edge_record(edge, index: dict[str, int]) -> dict:
    """One line as the page reads it."""
    rec = {"a": index[edge.u], "b": index[edge.v], "st": edge.style}
    optional = {"n": edge.count if edge.count > 1 else None, "th": sorted(edge.themes),
                "sp": sorted(edge.steps), "kd": sorted(k for k in edge.kinds if k), "ch": edge.change or None}
    rec.update({k: v for k, v in optional.items() if v not in (None, [])})
    return rec


def hidden_names(G: nx.MultiDiGraph, roles_only: bool, lang: str) -> dict[str, str]:
    """Name or id of every node that must not be named -> the label shown instead."""
    out: dict[str, str] = {}
    for n, data in G.nodes(data=True):
        if privacy.is_hidden(data, roles_only):
            label = privacy.shown_label(data, lang)
            out[str(data["name"])] = label
            out[str(n)] = label
    return out


_WORD = re.compile(r"\S+")
#: where a hidden name may start: a non-space character at the text's start or after one that is not
#: alphanumeric (``[^\W_]`` is what ``str.isalnum`` accepts), with the word from there (zero-width, so every
#: such place is found, also inside a token such as "(Jan")
_START = re.compile(r"(?<![^\W_])(?=(\S+))")
_TRAILING = ".,;:!?)'\""


class NameScrubber:
    """Replaces every hidden name or id in a text by its label (longest match first).

    Built once per map: names are bucketed by their first word and sorted once, so
    scrubbing a text costs time linear in the text, not in the number of names.
    """

    def __init__(self, names: dict[str, str]):
        self.names = names
        buckets: dict[str, list[str]] = {}
        for name in names:
            if name.strip():
                buckets.setdefault(name.split()[0], []).append(name)
        self.buckets = {w: sorted(v, key=len, reverse=True) for w, v in buckets.items()}

    def _hit(self, text: str, i: int) -> str | None:
        word = _WORD.match(text, i)
        if word is None:
            return None
        hit = None
        for first in {word.group(), word.group().rstrip(_TRAILING)}:
            for name in self.buckets.get(first, ()):
                end = i + len(name)
                if text.startswith(name, i) and (end == len(text) or not text[end].isalnum()):
                    hit = name if hit is None or len(name) > len(hit) else hit
                    break
        return hit

    def __call__(self, text: str) -> str:
        """Left to right, at each place a name may start (:data:`_START`) the longest hidden name there is
        replaced, and the scan goes on after it; the text between is kept as it is."""
        if not text or not self.buckets:
            return text
        out, i, buckets = [], 0, self.buckets
        for start in _START.finditer(text):
            j = start.start()
            word = start.group(1)
            if j < i or (word not in buckets and word.rstrip(_TRAILING) not in buckets):
                continue
            hit = self._hit(text, j)
            if hit:
                out.append(text[i:j])
                out.append(self.names[hit])
                i = j + len(hit)
        out.append(text[i:])
        return "".join(out)


def scrub_text(text: str, names: dict[str, str]) -> str:
    """Replace every hidden name or id in ``text`` by its label (see :class:`NameScrubber`).

    >>> scrub_text("Jan de Vries mist Jan.", {"Jan de Vries": "coach", "Jan": "rol"})
    'coach mist rol.'
    """
    return NameScrubber(names)(text)


def finding_texts(findings: list[Finding], names: dict[str, str], lang: str) -> list[tuple[Finding, dict]]:
    """The findings in overlay order, each with its record's texts (scrubbed of hidden names): what every map
    of the same findings shares, whatever it places them on."""
    scrub = NameScrubber(names)
    return [(f, {"kind": f.kind, "kl": kind_label(f.kind, lang), "sev": f.severity, "msg": scrub(f.message),
                 "sug": scrub(f.suggestion)}) for f in sort_findings(list(findings))]


def finding_records(findings: list[Finding], M: MapGraph, index: dict[str, int], names: dict[str, str],
                    lang: str, texts: list[tuple[Finding, dict]] | None = None) -> list[dict]:
    """Findings placed on drawn nodes (through aggregation); texts scrubbed of hidden names
    (``texts``: :func:`finding_texts` of the same findings, when the caller has them)."""
    records = []
    for f, text in finding_texts(findings, names, lang) if texts is None else texts:
        placed, levels = [], []
        for s in f.subjects:
            key = M.group_of.get(s)
            if key is not None and index[key] not in placed:
                placed.append(index[key])
            elif key is None and s in LEVELS:  # a level gap is about levels: it goes on the bands
                levels.append(s)
        rec = {**text, "s": placed}
        if levels:
            rec["lv"] = levels
        records.append(rec)
    return records


def color_tables(M: MapGraph, clusters: list[set[str]], lang: str) -> dict[str, list[list[str]]]:
    """Per scheme: [key, legend label, colour], in legend order; grey is always 'unknown'."""
    levels = [[lv, level_label(lv, lang, short=True), style.LEVEL_COLORS[lv]] for lv in reversed(LEVELS)]
    levels += [["multi", t("map.ui.multi_level", lang), style.MULTI_LEVEL_COLOR],
               ["none", t("map.ui.no_level", lang), style.UNKNOWN_COLOR]]
    persp = sorted({p for n in M.nodes.values() for p in n.perspectives[:1]})
    types = sorted({n.type or n.kind for n in M.nodes.values()})
    tables = {
        "level": levels,
        "perspective": [[p, perspective_label(p, lang), c] for p, c in style.palette_for(persp).items()]
        + [["none", t("map.ui.no_perspective", lang), style.UNKNOWN_COLOR]],
        "type": [[t, type_label(t, lang), c] for t, c in style.palette_for(types).items()],
    }
    if any(n.change for n in M.nodes.values()):
        tables["change"] = [[c, t(f"map.ui.change_{c}", lang), colour] for c, colour in CHANGE_COLORS.items()]
    if clusters:
        tables["community"] = [[str(i), f"{t('map.ui.community', lang)} {i + 1}", style.PALETTE[i % 15]]
                               for i in range(min(len(clusters), 15))]
    return tables


def legend(M: MapGraph, has_findings: bool, size_by: str, lang: str, overlap_pairs: bool = False) -> dict:
    """Which shapes and lines this map uses, with their Dutch (or English) names."""
    kinds = sorted({n.kind for n in M.nodes.values()}, key=["network", "organisation", "person", "group"].index)
    styles = [s for s in style.EDGE_STYLES if any(e.style == s for e in M.edges)]
    if overlap_pairs:
        styles.append("finding")
    return {
        "kinds": [[k, t(f"map.ui.kind_{k}", lang), style.SHAPES[k]] for k in kinds],
        "edges": [[s, t(f"map.ui.rel_{s}", lang), style.EDGE_STYLES[s]] for s in styles],
        "severity": [[s, t(f"map.ui.sev_{s}", lang), style.SEVERITY_COLORS[s]] for s in SEVERITIES]
        if has_findings else [],
        "size": t("map.ui.size_note", lang, metric=t(f"map.metric.{size_by}", lang)),
        "changes": change_legend(M, lang),
    }


def change_legend(M: MapGraph, lang: str) -> list[list]:
    """On a diff map: the line styles of new, gone, changed and unchanged ties that the map draws."""
    present = {e.change for e in M.edges if e.change}
    return [[c, t(f"map.ui.change_{c}", lang), s] for c, s in style.CHANGE_EDGE_STYLES.items() if c in present]


def has_overlap_pairs(findings: list[Finding]) -> bool:
    """Whether the overlay draws overlap lines (a network_overlap finding about exactly two networks)."""
    return any(f.kind == "network_overlap" and len(f.subjects) == 2 for f in findings)


def band_records(bands: list[dict], lang: str) -> list[dict]:
    """Bands with their labels and tints."""
    return [dict(b, label=level_label(b["level"], lang, short=True) if b["level"]
                 else t("map.ui.no_level", lang).capitalize(), color=style.BAND_COLORS[b["level"]]) for b in bands]
