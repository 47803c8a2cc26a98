"""Page data assembled from a snapshot's graph and analysis facts: no analysis happens here.

Each function reads what the library computed (``Analysis.facts``, the findings,
the graph's edges) and shapes it for one page or API answer, with the view's
privacy applied: hidden nodes appear by their role or type, without a link.
"""
from __future__ import annotations

from typing import Any

from netmap.i18n import has_text
from netmap.web import library as lib
from netmap.web.service import SnapshotView

ROWS_OF_COUNTS = ("organisations", "networks", "people", "memberships", "representation", "ties", "requirements")


def ref(view: SnapshotView, node: str, lang: str) -> dict[str, Any]:
    """A node as a page shows it: label, public id, kind, and whether it has a page."""
    data = view.G.nodes[node] if node in view.G else {}
    return {"id": view.public_id(node), "label": view.label(node, lang), "kind": data.get("kind", ""),
            "link": node in view.G and not view.hidden(node)}


def finding_rows(view: SnapshotView, lang: str, findings: list[lib.Finding] | None = None) -> list[dict]:
    """Findings as page rows: the library's sentences plus links to their subjects and the map."""
    rows = []
    position = {f.key: n for n, f in enumerate(view.findings(lang))}
    for f in view.findings(lang) if findings is None else findings:
        subjects = [ref(view, s, lang) for s in f.subjects if s in view.G]
        focus = next((s["id"] for s in subjects if s["link"]), None)
        rows.append({"kind": f.kind, "kind_label": lib.finding_kind_label(f.kind, lang), "severity": f.severity,
                     "audience": f.audience, "message": f.message, "suggestion": f.suggestion,
                     "subjects": subjects, "focus": focus, "n": position.get(f.key), "key": f.key,
                     "triage": None})
    return rows


def filter_findings(view: SnapshotView, lang: str, audience: str = "", kind: str = "", severity: str = "",
                    network: str = "") -> list[lib.Finding]:
    """The findings matching every given filter (an empty filter matches all)."""
    node = view.node_for(network) if network else None
    return [f for f in view.findings(lang)
            if (not audience or f.audience == audience) and (not kind or f.kind == kind)
            and (not severity or f.severity == severity) and (not network or (node is not None and node in f.subjects))]


def matrix_rows(matrix: dict[str, dict[str, int]], lang: str) -> dict[str, Any]:
    """A level matrix as table rows (the numbers beside the chart)."""
    rows = [{"level": a, "label": lib.level_label(a, lang),
             "cells": [{"value": matrix.get(a, {}).get(b, 0), "diagonal": a == b} for b in lib.LEVELS]}
            for a in lib.LEVELS]
    return {"levels": list(lib.LEVELS), "rows": rows}


def missing_by_network(view: SnapshotView) -> dict[str, set[str]]:
    """Network id -> the perspectives its rules require and no member brings (the composition facts; a
    prescribed seat is not a perspective: the page lists seats apart)."""
    present = view.base.facts.get("perspectives", {})
    needs, _ = lib.unmet_requirements(view.base.facts.get("composition", []))
    return {net: {p for fact in facts for p in fact["requirement"]["perspectives"] if not present.get(net, {}).get(p)}
            for net, facts in needs.items()}


Coverage = tuple[list[str], list[dict]]


def coverage_grid(view: SnapshotView, lang: str, coverage: Coverage | None = None) -> dict[str, Any]:
    """Networks and bodies x perspectives: how many members bring each, what is missing, what is prescribed
    (the rows of :func:`netmap.report.charts.coverage_rows`, the same the chart draws)."""
    codes, found = coverage if coverage is not None else lib.coverage_rows(view.base, view.G)
    rows = [{"network": ref(view, r["network"], lang),
             "cells": [{"count": r["counts"].get(p, 0), "missing": p in r["missing"],
                        "prescribed": p in r["prescribed"]} for p in codes]} for r in found]
    return {"perspectives": [{"code": p, "label": lib.perspective_label(p, lang)} for p in codes], "rows": rows}


def overview(view: SnapshotView, lang: str, per_audience: int = 5, rows: list[dict] | None = None,
             coverage: Coverage | None = None) -> dict[str, Any]:
    """The Overzicht page's data. ``rows``: the finding rows with their triage (see team_pages.annotate); the
    top findings are the open ones, the triaged ones are listed apart (status, by whom, why)."""
    analysis = view.analysis(lang)
    counts = view.snapshot.counts
    rows = finding_rows(view, lang) if rows is None else rows
    triaged = [r for r in rows if r["triage"] and r["triage"]["status"] != "open"]
    open_rows = [r for r in rows if not (r["triage"] and r["triage"]["status"] != "open")]
    top = {a: [r for r in open_rows if r["audience"] == a][:per_audience] for a in lib.AUDIENCES}
    totals = {a: sum(r["audience"] == a for r in open_rows) for a in lib.AUDIENCES}
    return {"counts": [(k, counts.get(k, 0)) for k in ROWS_OF_COUNTS] + [("findings", len(rows))],
            "top": top, "totals": totals, "triaged": triaged,
            "level_matrix": matrix_rows(analysis.level_matrix, lang),
            "channel_matrix": matrix_rows(analysis.channel_matrix, lang),
            "coverage": coverage_grid(view, lang, coverage)}


def node_list(view: SnapshotView, kinds: tuple[str, ...], lang: str, query: str = "") -> list[dict[str, Any]]:
    """The nodes of some kinds that have a page, sorted by label, optionally matching ``query``."""
    q = query.strip().lower()
    out = []
    for node, data in view.G.nodes(data=True):
        if data["kind"] not in kinds or view.hidden(node):
            continue
        if q and q not in data["name"].lower() and q not in node.lower():
            continue
        out.append(ref(view, node, lang) | {"type": lib.type_label(data.get("type") or "", lang),
                                            "levels": list(data.get("levels") or ())})
    return sorted(out, key=lambda r: r["label"].lower())


def _edges(view: SnapshotView, node: str, rel: str, out: bool) -> list[tuple[str, str, dict]]:
    G = view.G
    edges = G.out_edges(node, data=True) if out else G.in_edges(node, data=True)
    return [(u, v, d) for u, v, d in edges if d["rel"] == rel]


def tie_rows(view: SnapshotView, node: str, lang: str) -> list[dict[str, Any]]:
    """The learning (and other) ties of a node: the other end, kind (the data's code and its label), theme,
    direction, step."""
    rows = []
    for u, v, d in _edges(view, node, "tie", True) + _edges(view, node, "tie", False):
        other = v if u == node else u
        direction = d.get("direction") or "unknown"
        kind = d.get("kind", "")
        label = lib.t(f"diff.tie_kind.{kind}", lang) if has_text(f"diff.tie_kind.{kind}") else kind
        rows.append({"other": ref(view, other, lang), "kind": kind, "kind_label": label, "theme": d.get("theme", ""),
                     "direction": lib.t(f"web.direction_{direction}", lang), "step": d.get("cycle_step") or ""})
    return rows


def node_page(view: SnapshotView, node: str, lang: str, history: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything the page of one network, body, organisation or person shows."""
    data = view.G.nodes[node]
    page: dict[str, Any] = {
        "node": ref(view, node, lang), "type": lib.type_label(data.get("type") or "", lang),
        "levels": [lib.level_label(lv, lang) for lv in data.get("levels") or ()],
        "perspectives": [lib.perspective_label(p, lang) for p in data.get("perspectives") or ()],
        "region": data.get("region") or "", "role": data.get("role") or "", "themes": list(data.get("themes") or ()),
        "ties": tie_rows(view, node, lang), "history": history,
        "findings": finding_rows(view, lang, [f for f in view.findings(lang) if node in f.subjects]),
    }
    if data["kind"] == "network":
        page |= network_part(view, node, lang)
    else:
        page |= actor_part(view, node, lang)
    return page


def network_part(view: SnapshotView, node: str, lang: str) -> dict[str, Any]:
    """Members, perspectives present and missing, seats and overlaps of a network or body."""
    facts = view.base.facts
    members = sorted((ref(view, u, lang) for u, _, _ in _edges(view, node, "membership", False)),
                     key=lambda r: r["label"].lower())
    present = facts.get("perspectives", {}).get(node, {})
    seats = [{"seat": d.get("seat") or "", "holder": ref(view, u, lang), "constituency": ref(view, v, lang)}
             for u, v, d in lib_edges(view, "representation") if d.get("body_id") == node]
    overlaps = []
    for row in facts.get("overlaps", []):
        if node in row["networks"]:
            other = next(n for n in row["networks"] if n != node)
            overlaps.append({"network": ref(view, other, lang), "shared": len(row["shared"]),
                             "jaccard": round(row["jaccard"], 2)})
    table: dict[str, Any] = next((r for r in facts.get("network_table", []) if r["id"] == node), {})
    return {"members": members, "seats": seats, "overlaps": overlaps, "table": table,
            "present": [{"label": lib.perspective_label(p, lang), "count": n} for p, n in sorted(present.items())],
            "missing": [lib.perspective_label(p, lang) for p in sorted(missing_by_network(view).get(node, ()))]}


def actor_part(view: SnapshotView, node: str, lang: str) -> dict[str, Any]:
    """Memberships, home organisation, seats held and people at home here, for an organisation or person."""
    networks = sorted((ref(view, v, lang) for _, v, _ in _edges(view, node, "membership", True)),
                      key=lambda r: r["label"].lower())
    home = [ref(view, v, lang) for _, v, _ in _edges(view, node, "home", True)]
    people = sorted((ref(view, u, lang) for u, _, _ in _edges(view, node, "home", False)),
                    key=lambda r: r["label"].lower())
    seats = [{"seat": d.get("seat") or "", "holder": ref(view, u, lang), "constituency": ref(view, v, lang),
              "body": ref(view, d["body_id"], lang) if d.get("body_id") in view.G else None}
             for u, v, d in lib_edges(view, "representation") if node in (u, v)]
    return {"networks": networks, "home": home, "people": people, "seats": seats}


def lib_edges(view: SnapshotView, rel: str) -> list[tuple[str, str, dict]]:
    return [(u, v, d) for u, v, d in view.G.edges(data=True) if d["rel"] == rel]


def node_json(view: SnapshotView, node: str, lang: str, history: list[dict[str, Any]]) -> dict[str, Any]:
    """The API's node data: the page's data with hidden ids as pseudonyms."""
    return view.public(node_page(view, node, lang, history))
