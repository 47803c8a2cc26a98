"""Snapshots compared: what changed between two versions of the map.

:func:`diff_datasets` compares two validated datasets table by table (actors,
memberships, seats, ties, composition requirements), and, through
:func:`netmap.analysis.analyse`, the findings opened, closed and changed, the level
matrix and the perspective coverage per network before and after.
:func:`union_graph` merges both graphs with a ``change`` attribute
(``new``, ``gone``, ``changed``, ``same``) on every node and edge, for the map.
The human report is in :mod:`netmap.report.diff`.

Records are matched on what identifies them: a node on its id, a membership on
(member, network), a seat on (person, constituency, body), a tie on (source,
target, kind) and a requirement on (body, perspective). Other fields that
differ make the record *changed*, not removed and added. Findings are matched on
their identity (:func:`finding_identity`); a matched finding whose sentence,
severity, subjects or kind differ is *changed*, not closed and opened.

>>> from netmap.model import Dataset, Node, Tie
>>> a = Dataset(nodes={"x": Node("x", "organisation", "X"), "y": Node("y", "organisation", "Y")})
>>> b = Dataset(nodes=dict(a.nodes), ties=[Tie("x", "y")])
>>> d = diff_datasets(a, b, with_analysis=False)
>>> [(t["source_id"], t["target_id"]) for t in d.added["ties"]]
[('x', 'y')]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from netmap import schema
from netmap.graph import build_graph
from netmap.model import LEVELS, NODE_KIND, Dataset, Node
from netmap.privacy import private_in_either
from netmap.runs import fingerprint

#: edge table -> the fields that identify a record; every other column (and ``extra``) is compared.
RECORD_KEYS: dict[str, tuple[str, ...]] = {
    "memberships": ("member_id", "network_id"),
    "representation": ("person_id", "constituency_id", "body_id"),
    "ties": ("source_id", "target_id", "kind"),
    "requirements": ("body_id", "perspective"),
}
TABLES = ("nodes", *RECORD_KEYS)
NEW, GONE, CHANGED, SAME = "new", "gone", "changed", "same"
_TABLE_OF_KIND = {kind: table for table, kind in NODE_KIND.items()}


@dataclass
class DatasetDiff:
    """Everything that changed between ``old`` and ``new``; per table lists of plain dicts."""

    old_source: str
    new_source: str
    old_fingerprint: str
    new_fingerprint: str
    added: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    removed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    changed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    findings_opened: list[dict[str, Any]] | None = None
    findings_closed: list[dict[str, Any]] | None = None
    #: findings in both versions whose sentence, severity, subjects or kind differ; ``changes``: field -> [old, new]
    findings_changed: list[dict[str, Any]] | None = None
    level_matrix: dict[str, Any] | None = None
    channel_matrix: dict[str, Any] | None = None
    coverage: list[dict[str, Any]] | None = None
    #: the dates the old and the new version were analysed as of (``YYYY-MM-DD``); empty without the analysis
    as_of: list[str] = field(default_factory=list)
    #: per version, whether its date was given (a stored run's date, ``as_of`` in the settings); False: the
    #: data gives none and ``as_of`` is the day of the analysis, which the report must not pass off as the data's
    dated: list[bool] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True if nothing at all differs."""
        return self.old_fingerprint == self.new_fingerprint

    def counts(self) -> dict[str, dict[str, int]]:
        """Per table: how many records were added, removed and changed."""
        return {t: {"added": len(self.added.get(t, [])), "removed": len(self.removed.get(t, [])),
                    "changed": len(self.changed.get(t, []))} for t in TABLES}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        data = asdict(self)
        data["counts"] = self.counts()
        return data


def node_fields() -> tuple[str, ...]:
    """The fields a node is compared on: every column of the node tables (:mod:`netmap.schema`), then extra."""
    return (*(col.key for col in schema.node_columns()), "extra")


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def node_dict(node: Node) -> dict[str, Any]:
    """A node as a plain dict (tuples as lists)."""
    table = _TABLE_OF_KIND[node.kind]
    out: dict[str, Any] = {"id": node.id, "kind": node.kind}
    for col, get in schema.getters(table, type(node), schema.node_columns()):
        out[col.key] = _plain(get(node))
    out["extra"] = schema.extra_values(table, node)
    return out


def record_dict(table: str, record: Any) -> dict[str, Any]:
    """A membership, seat, tie or requirement as a plain dict: its columns, then ``extra`` if it has one."""
    out = {col.key: _plain(get(record)) for col, get in schema.getters(table, type(record), schema.columns(table))}
    if hasattr(record, "extra"):
        out["extra"] = schema.extra_values(table, record)
    return out


def compared_fields(table: str) -> tuple[str, ...]:
    """The fields of an edge table that make a matched record *changed* when they differ."""
    keys = RECORD_KEYS[table]
    fields = tuple(col.key for col in schema.columns(table) if col.name not in keys)
    return (*fields, "extra") if table != "requirements" else fields


def _field_changes(old: dict[str, Any], new: dict[str, Any], fields: tuple[str, ...]) -> dict[str, list[Any]]:
    return {f: [old.get(f), new.get(f)] for f in fields if old.get(f) != new.get(f)}


def diff_nodes(old: Dataset, new: Dataset) -> tuple[list[dict], list[dict], list[dict]]:
    """(added, removed, changed) nodes; a changed node lists ``changes``: field -> [old, new]."""
    added = [node_dict(n) for k, n in new.nodes.items() if k not in old.nodes]
    removed = [node_dict(n) for k, n in old.nodes.items() if k not in new.nodes]
    changed = []
    for k, n in new.nodes.items():
        if k in old.nodes:
            before, after = node_dict(old.nodes[k]), node_dict(n)
            changes = _field_changes(before, after, ("kind", *node_fields()))
            if changes:
                changed.append({**after, "changes": changes})
    return added, removed, changed


def diff_records(table: str, old: list[Any], new: list[Any]) -> tuple[list[dict], list[dict], list[dict]]:
    """(added, removed, changed) records of one edge table, matched on :data:`RECORD_KEYS`."""
    key_fields = RECORD_KEYS[table]
    added, removed, changed = match_versions(
        [(tuple(d[f] for f in key_fields), d) for d in (record_dict(table, r) for r in old)],
        [(tuple(d[f] for f in key_fields), d) for d in (record_dict(table, r) for r in new)],
        compared_fields(table))
    return added, removed, changed


def match_versions(old: list[tuple[Any, dict]], new: list[tuple[Any, dict]],
                   fields: tuple[str, ...]) -> tuple[list[dict], list[dict], list[dict]]:
    """(added, removed, changed) of two versions' items, each given as (key, dict): an item is matched to
    an old one with its key; when several share it (two ties of one kind) an identical one is preferred. A
    matched item is *changed* when one of ``fields`` differs: the new dict with ``changes``: field ->
    [old, new]."""
    olds: dict[Any, list[dict]] = {}
    for key, item in old:
        olds.setdefault(key, []).append(item)
    added, changed = [], []
    for key, item in new:
        candidates = olds.get(key)
        if not candidates:
            added.append(item)
            continue
        match = next((c for c in candidates if not _field_changes(c, item, fields)), candidates[0])
        candidates.remove(match)
        changes = _field_changes(match, item, fields)
        if changes:
            changed.append({**item, "changes": changes})
    removed = [item for rest in olds.values() for item in rest]
    return added, removed, changed


def matrix_change(old: dict[str, dict[str, int]], new: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Before, after and the difference of a 4x4 level matrix."""
    delta = {a: {b: new[a][b] - old[a][b] for b in LEVELS} for a in LEVELS}
    return {"old": old, "new": new, "delta": delta}


def coverage_change(old: dict[str, dict[str, int]], new: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Per network whose perspectives changed: before, after, gained and lost perspectives."""
    rows = []
    for net in list(new) + [n for n in old if n not in new]:
        before, after = set(old.get(net, {})), set(new.get(net, {}))
        if before != after:
            rows.append({"network": net, "old": sorted(before), "new": sorted(after),
                         "gained": sorted(after - before), "lost": sorted(before - after),
                         "status": NEW if net not in old else GONE if net not in new else CHANGED})
    return rows


#: the fields of a finding that make a matched one *changed*: what a reader reads. Its details are not
#: compared: ``priority`` (its rank) and ``candidates`` (the suggestions) move when anything else does.
FINDING_FIELDS = ("kind", "severity", "subjects", "message")
_COMPOSITION = ("missing_perspective", "composition_shortfall")


def finding_identity(f: Any) -> tuple:
    """What a finding is about, stable across versions: its kind and subjects (``Finding.key``), except where
    the subjects are the list of what it found rather than what it is about.

    - a perspective or seat rule of a network (``missing_perspective`` when unmet, ``composition_shortfall``
      when met in part): the rule, whichever of the two kinds it is in this version;
    - ``shared_theme``: its theme (the subjects are the networks sharing it);
    - the one ``single_point_of_failure`` listing the trivial cuts, and the one ``missing_level``: the kind.
    """
    kind, details = f.kind, f.details
    if kind in _COMPOSITION and details.get("check") not in ("members", "exclusive"):
        return ("composition", tuple(f.subjects))
    if kind == "shared_theme" and details.get("theme"):
        return (kind, "theme", details["theme"])
    if (kind == "single_point_of_failure" and "trivial" in details) or kind == "missing_level":
        return (kind,)
    return f.key


def pair_findings(old_findings: list[Any], new_findings: list[Any]) -> tuple[list[dict], list[dict], list[dict]]:
    """(opened, closed, changed), findings matched on :func:`finding_identity`.

    A changed finding is the new one with ``changes``: field -> [old, new] over :data:`FINDING_FIELDS`.
    Several findings may share an identity (two rules on one perspective): an identical one is preferred.
    """
    return match_versions([(finding_identity(f), f.to_dict()) for f in old_findings],
                          [(finding_identity(f), f.to_dict()) for f in new_findings], FINDING_FIELDS)


def fill_analysis_diff(result: DatasetDiff, before: Any, after: Any) -> None:
    """Fill in the analysis part of ``result`` from the analyses of the old and the new version
    (the one way, for :func:`add_analysis_diff` and :func:`compare_versions`' analyses at hand)."""
    result.findings_opened, result.findings_closed, result.findings_changed = pair_findings(
        before.findings, after.findings)
    result.as_of = [before.summary.get("as_of") or "", after.summary.get("as_of") or ""]
    result.dated = [bool(before.settings.as_of), bool(after.settings.as_of)]
    result.level_matrix = matrix_change(before.level_matrix, after.level_matrix)
    result.channel_matrix = matrix_change(before.channel_matrix, after.channel_matrix)
    result.coverage = coverage_change(before.facts.get("perspectives", {}), after.facts.get("perspectives", {}))


def diff_datasets(old: Dataset, new: Dataset, settings: Any = None, lang: str = "nl", roles_only: bool = False,
                  with_analysis: bool = True, dates: tuple[str | None, str | None] = (None, None)) -> DatasetDiff:
    """Compare two datasets; with ``with_analysis`` also findings, level matrices and perspective coverage.

    ``lang`` and ``roles_only`` set the language and privacy mode of the findings' sentences. ``dates``: the
    date each snapshot is analysed as of (its own date, e.g. a stored run's; None = ``settings.as_of``, today).
    """
    result = DatasetDiff(old.source, new.source, fingerprint(old), fingerprint(new))
    tables = {"nodes": diff_nodes(old, new)}
    for table in RECORD_KEYS:
        tables[table] = diff_records(table, getattr(old, table), getattr(new, table))
    for table, (added, removed, changed) in tables.items():
        result.added[table], result.removed[table], result.changed[table] = added, removed, changed
    if with_analysis:
        add_analysis_diff(result, old, new, settings, lang, roles_only, dates)
    return result


def compare_versions(old: Dataset, new: Dataset, settings: Any = None, lang: str = "nl", roles_only: bool = False,
                     dates: tuple[str | None, str | None] = (None, None),
                     analyses: tuple[Any, Any] | None = None) -> tuple[DatasetDiff, Dataset, Dataset]:
    """Two versions compared as every comparison shows them (``netmap diff``, ``runs compare``, the web service):
    (diff, old, new), the versions as compared.

    First :func:`netmap.privacy.private_in_either`: a node private in either version is named in neither, not
    in the records, not in the findings' sentences. The report, the JSON and the map of a diff are drawn from
    the versions returned here, never from the ones given.

    ``analyses``: both versions' own analyses, when at hand (the web service keeps them). Their facts are
    reused; a version in which the rule hides more than its own data does gets its sentences written anew
    (:func:`reworded`). Without them both versions are analysed, each as of its date in ``dates``.
    """
    compared_old, compared_new = private_in_either(old, new)
    result = diff_datasets(compared_old, compared_new, settings, lang, roles_only, with_analysis=analyses is None,
                           dates=dates)
    if analyses is not None:
        fill_analysis_diff(result, reworded(analyses[0], old, compared_old), reworded(analyses[1], new, compared_new))
    return result, compared_old, compared_new


def reworded(analysis: Any, given: Dataset, compared: Dataset) -> Any:
    """``analysis`` (of ``given``) as it reads for ``compared``, the same version with more nodes private:
    the same facts, the sentences written for a graph in which those nodes are hidden (the analysis itself when
    no more are)."""
    if _private(given) == _private(compared):
        return analysis
    from netmap.analysis import analyse

    return analyse(build_graph(compared), settings=analysis.settings, lang=analysis.lang,
                   roles_only=analysis.roles_only, facts=analysis.facts)


def _private(dataset: Dataset) -> set[str]:
    return {i for i, n in dataset.nodes.items() if n.private}


def add_analysis_diff(result: DatasetDiff, old: Dataset, new: Dataset, settings: Any, lang: str,
                      roles_only: bool, dates: tuple[str | None, str | None] = (None, None)) -> None:
    """Fill in findings opened/closed/changed, level and channel matrices and perspective coverage
    (each snapshot analysed as of its date in ``dates``)."""
    from netmap.analysis import Settings, analyse

    settings = settings or Settings()
    before = analyse(build_graph(old), settings=settings.replace(as_of=dates[0]), lang=lang, roles_only=roles_only)
    after = analyse(build_graph(new), settings=settings.replace(as_of=dates[1]), lang=lang, roles_only=roles_only)
    fill_analysis_diff(result, before, after)


def union_graph(old: Dataset, new: Dataset) -> nx.MultiDiGraph:
    """The new graph plus what disappeared, every node and edge with ``change``: new/gone/changed/same."""
    G_old, G_new = build_graph(old), build_graph(new)
    added, removed, changed = diff_nodes(old, new)
    status = {n["id"]: NEW for n in added} | {n["id"]: CHANGED for n in changed}
    U = G_new.copy()
    for n in U.nodes:
        U.nodes[n]["change"] = status.get(n, SAME)
    for n in removed:
        U.add_node(n["id"], **G_old.nodes[n["id"]], change=GONE)
    old_edges = Counter(_edge_key(u, v, d) for u, v, d in G_old.edges(data=True))
    new_edges = Counter(_edge_key(u, v, d) for u, v, d in G_new.edges(data=True))
    for u, v, d in U.edges(data=True):
        d["change"] = SAME if old_edges[_edge_key(u, v, d)] > 0 else NEW
    for u, v, d in G_old.edges(data=True):
        key = _edge_key(u, v, d)
        if new_edges[key] > 0:
            new_edges[key] -= 1
        else:
            U.add_edge(u, v, **{**d, "change": GONE})
    return U


def _edge_key(u: str, v: str, d: dict[str, Any]) -> tuple:
    return (u, v, d["rel"], d.get("kind"), d.get("body_id"))
