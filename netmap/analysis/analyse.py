"""Run every analysis: graph -> facts -> findings (+ suggestions) -> :class:`Analysis`.

The two steps are separate: :func:`compute_facts` walks the graph once per topic,
:func:`build_findings` turns facts into sentences in a language and privacy mode.
Facts computed elsewhere (for instance in Cypher) give the same findings.
"""
from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import networkx as nx

from netmap import collector, privacy
from netmap.analysis import cuts, kinds, levels, overlap, perspectives, representation, structure
from netmap.analysis.common import Context, anchors, build_context, regional
from netmap.analysis.findings import Finding, sort_findings
from netmap.analysis.settings import Settings
from netmap.analysis.suggestions import add_suggestions
from netmap.i18n import check_language, sentence
from netmap.model import LEVELS


@dataclass
class Analysis:
    """The outcome of :func:`analyse`: findings, the level matrices, a summary and the facts."""

    findings: list[Finding]
    level_matrix: dict[str, dict[str, int]]
    channel_matrix: dict[str, dict[str, int]]
    summary: dict[str, Any]
    settings: Settings
    facts: dict[str, Any] = field(default_factory=dict, repr=False)
    lang: str = "nl"
    roles_only: bool = False
    #: hidden id -> pseudonym in the JSON (:func:`netmap.privacy.graph_pseudonyms`), set with ``roles_only``
    public_ids: dict[str, str] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: summary, settings, matrices, per-network table, top actors and findings.

        With ``roles_only`` the ids of people and private nodes are pseudonyms, as in the exports.
        """
        return privacy.pseudonymise({
            "summary": self.summary,
            "settings": self.settings.to_dict(),
            "level_matrix": self.level_matrix,
            "network_level_matrix": self.facts.get("network_level_matrix", {}),
            "channel_matrix": self.channel_matrix,
            "networks": self.facts.get("network_table", []),
            "structure": self.facts.get("structure_top", {}),
            "findings": [f.to_dict() for f in self.findings],
        }, self.public_ids)

    def in_language(self, G: nx.MultiDiGraph, lang: str, roles_only: bool = False) -> Analysis:
        """The same analysis with its sentences in another language or privacy mode (facts reused)."""
        if (lang, roles_only) == (self.lang, self.roles_only):
            return self
        ctx = build_context(G, self.settings, check_language(lang), roles_only)
        findings = build_findings(ctx, self.facts)
        return Analysis(findings, self.level_matrix, self.channel_matrix, self.summary, self.settings,
                        self.facts, lang, roles_only, privacy.graph_pseudonyms(G, roles_only))


def analyse(G: nx.MultiDiGraph, settings: Settings | None = None, lang: str = "nl",
            roles_only: bool = False, facts: dict[str, Any] | None = None) -> Analysis:
    """Run every analysis on G (from :func:`netmap.graph.build_graph`): the one public entry.

    Parameters
    ----------
    G : the graph.
    settings : thresholds and rules (default :class:`Settings()`).
    lang : language of the findings' sentences, ``nl`` or ``en``.
    roles_only : name people by their role (privacy mode).
    facts : facts computed elsewhere (for instance in Cypher, keys as in :func:`compute_facts`);
        they replace the embedded computation of those facts, everything else is computed here.
    """
    settings = settings or Settings()
    with collector.paused():  # millions of small containers: the cyclic collector alone would double the run time
        return _analyse(G, settings, check_language(lang), roles_only, facts or {})


def _analyse(G: nx.MultiDiGraph, settings: Settings, lang: str, roles_only: bool, given: dict) -> Analysis:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    ctx = build_context(G, settings, lang, roles_only)
    timings["index"] = time.perf_counter() - start
    facts = compute_facts(ctx, timings, given)
    step = time.perf_counter()
    findings = build_findings(ctx, facts)
    timings["findings"] = time.perf_counter() - step
    timings["total"] = time.perf_counter() - start
    summary = build_summary(ctx, facts, findings, timings)
    return Analysis(findings, facts["level_matrix"], facts["channel_matrix"], summary, settings, facts,
                    lang, roles_only, privacy.graph_pseudonyms(ctx.G, roles_only))


def compute_facts(ctx: Context, timings: dict[str, float] | None = None,
                  given: dict[str, Any] | None = None) -> dict[str, Any]:
    """Graph -> facts, topic by topic (timed into ``timings``); facts in ``given`` are taken as they are.

    A sampled betweenness (KADABRA, the longest kernel) starts first, on a thread of its own: networkit runs
    it in C++ without holding the interpreter, so on a second core it overlaps the other topics instead of
    adding to them (:class:`_StructureView`). Its estimate is the same either way: one thread, the same seed.
    """
    timings = timings if timings is not None else {}
    facts: dict[str, Any] = dict(given or {})
    with _StructureView(ctx, facts) as view:
        for name, step in (("levels", _level_facts), ("perspectives", _perspective_facts),
                           ("representation", _representation_facts), ("overlap", _overlap_facts),
                           ("structure", partial(_structure_facts, view=view))):
            start = time.perf_counter()
            step(ctx, _Facts(facts))
            timings[name] = round(time.perf_counter() - start, 3)
    facts["network_table"] = network_table(ctx, facts)
    return facts


class _StructureView:
    """The compiled structure view (:func:`netmap.analysis.structure.structure_view`) when a centrality or the
    communities are to be computed here, and its betweenness: a sampled one started at once on a second thread
    (a context manager: leaving it waits for that thread), an exact one computed when asked for."""

    def __init__(self, ctx: Context, facts: dict[str, Any]):
        self.ctx = ctx
        given = "structure_top" in facts or all(k in facts for k in ("degree", "betweenness", "eigenvector",
                                                                      "communities"))
        self.C = None if given else structure.structure_view_of(ctx)
        self.pool: ThreadPoolExecutor | None = None
        self.pending: Future | None = None
        if self.C is not None and "betweenness" not in facts and structure.sampled(self.C.n, ctx.settings):
            self.C.networkit  # imported and converted here: the thread only runs the kernel  # noqa: B018
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netmap-betweenness")
            self.pending = self.pool.submit(structure.betweenness_for, self.C, ctx.settings)

    def betweenness(self) -> tuple[dict[str, float], dict]:
        if self.pending is not None:
            return self.pending.result()
        assert self.C is not None
        return structure.betweenness_for(self.C, self.ctx.settings)

    def __enter__(self) -> _StructureView:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)  # a kernel in C++ cannot be stopped: an error waits for it


class _Facts:
    """The facts so far; :meth:`put` computes a fact only when it was not given."""

    def __init__(self, facts: dict[str, Any]):
        self.facts = facts

    def put(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.facts:
            self.facts[key] = compute()
        return self.facts[key]


def _level_facts(ctx: Context, f: _Facts) -> None:
    G = ctx.G
    matrix = f.put("level_matrix", lambda: levels.level_matrix(G, ctx, "actors"))
    f.put("network_level_matrix", lambda: levels.level_matrix(G, ctx, "networks"))
    f.put("tie_summary", lambda: levels.tie_summary(G, ctx))
    channels = f.put("channels", lambda: levels.channel_networks(G, ctx))
    f.put("channel_matrix", lambda: levels.channel_matrix(G, ctx, channels))
    inside = f.put("network_directions", lambda: levels.network_direction_counts(G, ctx))
    f.put("network_ei", lambda: levels.network_ei(G, ctx, inside))
    f.put("single_level", lambda: levels.single_level_networks(G, ctx))
    f.put("unknown_level", lambda: levels.unknown_levels(G, ctx))
    spanning = f.put("network_ties_between", lambda: levels.network_ties_between(G, ctx))
    f.put("gaps", lambda: levels.level_gaps(matrix, channels, ctx.settings.level_gap_min, spanning))


def _perspective_facts(ctx: Context, f: _Facts) -> None:
    present = f.put("perspectives", lambda: perspectives.network_perspectives(ctx.G, ctx))
    f.put("diversity", lambda: perspectives.diversity(ctx.G, ctx, present))
    f.put("composition", lambda: perspectives.composition_checks(ctx.G, ctx))
    f.put("exclusive_roles", lambda: perspectives.exclusive_roles(ctx.G, ctx))


def _representation_facts(ctx: Context, f: _Facts) -> None:
    G = ctx.G
    f.put("without_home", lambda: representation.representatives_without_home(G, ctx))
    f.put("unrepresented", lambda: representation.unrepresented_constituencies(G, ctx))
    f.put("multiple_seats", lambda: representation.multiple_seats(G, ctx))


def _overlap_facts(ctx: Context, f: _Facts) -> None:
    G = ctx.G
    load = f.put("load", lambda: overlap.network_load(G, ctx))
    s = ctx.settings
    pairs = f.put("overlaps", lambda: overlap.network_overlap(G, ctx, s.overlap_min_shared))
    seat_only = f.put("seat_only", lambda: overlap.seat_only_organisations(G, ctx))
    # what a prescribed seat explains is taken out, and the significance step runs here whoever counted the
    # pairs (networkx or Cypher)
    own = f.put("own_overlaps", lambda: overlap.own_overlaps(pairs, seat_only, s.overlap_min_shared))
    f.put("overlap_tests", lambda: overlap.overlap_tests(own, load, s.overlap_null_model, s.overlap_fdr))
    f.put("themes", lambda: overlap.shared_themes(G, ctx))
    f.put("heavy", lambda: overlap.multi_network_load(G, ctx, load))


def _structure_facts(ctx: Context, f: _Facts, view: _StructureView) -> None:
    """Centrality and communities on the structure view, brokerage on its own; each view converted to
    its compiled form (:mod:`netmap.analysis.compiled`) once, whatever the number of kernels run on it."""
    _connectivity_facts(ctx, f)
    if "structure_top" in f.facts:
        return
    s = ctx.settings
    # what was not given (netmap.neo4j.gds gives some) is computed on one compiled view of the structure
    C = view.C
    if C is not None and "degree" not in f.facts:
        f.facts["degree"] = dict(zip(C.nodes, C.degree.tolist()))
    late = C is not None and "betweenness" not in f.facts
    if late:  # its place among the facts now (their order is kept), its value when the kernel is done
        f.facts["betweenness"] = f.facts["betweenness_method"] = None
    if C is not None and "eigenvector" not in f.facts:
        f.facts["eigenvector"], f.facts["eigenvector_converged"] = structure.eigenvector(C)
    if C is not None and "communities" not in f.facts:
        f.facts["communities"], f.facts["community_method"] = structure.communities(C, s.seed)
    brokers = f.put("brokerage", lambda: structure.brokerage(structure.brokerage_view(ctx),
                                                             structure.level_groups(ctx)))
    if late:
        f.facts["betweenness"], f.facts["betweenness_method"] = view.betweenness()
    f.facts["structure_top"] = _top_lists(ctx, f.facts["degree"], f.facts["betweenness"],
                                          f.facts["betweenness_method"], f.facts["eigenvector"],
                                          structure.level_brokers(brokers))


def _connectivity_facts(ctx: Context, f: _Facts) -> None:
    """Components, the core, cuts and isolated actors on the connectivity view (settings.connectivity_*)."""
    if all(k in f.facts for k in ("components", "separate", "isolated", "spof", "spof_trivial")):
        return
    if "connectivity" in f.facts:  # the database's results (netmap.neo4j.connectivity): blocks from those
        for key, value in cuts.contracted_facts(ctx, f.facts.pop("connectivity"), anchors(ctx)).items():
            f.facts.setdefault(key, value)
        return
    C = structure.connectivity_view(ctx)
    comps = structure.components(C)
    main = structure.main_component(comps, anchors(ctx))
    spof, trivial = cuts.cut_facts(ctx, C, anchors(ctx), comps[main] if comps else set())
    f.put("components", lambda: [len(c) for c in comps])
    f.put("separate", lambda: cuts.separate_component_facts(ctx, comps, main))
    f.put("isolated", lambda: cuts.isolated_facts(ctx, comps, main))
    f.put("spof", lambda: spof)
    f.put("spof_trivial", lambda: trivial)


def _top_lists(ctx: Context, degree: dict, between: dict, method: dict, eigen: dict, brokers: dict) -> dict:
    n = ctx.settings.top_n
    actor = {v for v, k in ctx.G.nodes(data="kind") if k in ("organisation", "person")}

    def top(values: dict, only_actors: bool = False) -> list[dict]:
        pool = ((v, x) for v, x in values.items() if not only_actors or v in actor)
        # the first n of the sorted list (ids are unique, so the order is total): without sorting every node
        best = heapq.nsmallest(n, pool, key=lambda vx: (-vx[1], str(vx[0])))
        return [{"id": v, "value": round(x, 6) if isinstance(x, float) else x} for v, x in best if x]

    between_top = top(between)
    for row in between_top:
        if "error" in method:  # the bound that holds for every node at once (with method["confidence"])
            row["error"] = method["error"]
    return {"degree": top(degree), "betweenness": between_top, "eigenvector": top(eigen),
            "level_brokers": top(brokers, only_actors=True)}


def build_findings(ctx: Context, facts: dict[str, Any]) -> list[Finding]:
    """Facts -> findings of every registered kind (:mod:`netmap.analysis.kinds`), with suggestions, sorted."""
    findings = [f for kind in kinds.kinds() for f in kind.find(ctx, facts)]
    add_suggestions(ctx, findings, facts)
    # free text (a requirement's note, a rule's label) naming a hidden node shows its label instead; a sentence
    # opening with a name or a role as the data writes it ('werkorganisatie namens ...') gets its capital
    terms = privacy.hidden_terms(ctx.G.nodes(data=True), ctx.roles_only, ctx.lang)
    for f in findings:
        f.message = sentence(privacy.scrub(f.message, terms))
        f.suggestion = sentence(privacy.scrub(f.suggestion, terms))
        f.details = privacy.scrub(f.details, terms)
        f.details.setdefault("scope", finding_scope(ctx, f))
    return sort_findings(findings)


def finding_scope(ctx: Context, f: Finding) -> str:
    """'landelijk' when a subject is national (no region, or 'landelijk') or not a node (a level), else 'regionaal'."""
    for s in f.subjects:
        if s not in ctx.G or not regional(ctx.G.nodes[s].get("region")):
            return "landelijk"
    return "regionaal"


def network_table(ctx: Context, facts: dict) -> list[dict]:
    """One row per network: levels (its own, as the data gives them, and those of its members and seat holders,
    as the level findings count them), size, ties inside, E-I, perspectives and diversity."""
    rows = []
    for net in ctx.networks:
        actors = ctx.actors_of(net)
        member_levels = {lv for a in actors for lv in ctx.levels[a]}
        rows.append({"id": net, "type": ctx.G.nodes[net].get("type") or "",
                     "levels": list(ctx.levels[net]), "member_levels": [lv for lv in LEVELS if lv in member_levels],
                     "members": len(actors),
                     "ties_inside": facts["network_directions"][net], "ei_index": facts["network_ei"][net],
                     "perspectives": facts["perspectives"][net], **facts["diversity"][net]})
    return rows


def build_summary(ctx: Context, facts: dict, findings: list[Finding], timings: dict) -> dict[str, Any]:
    """The numbers a reader sees first."""
    kinds = Counter(k for _, k in ctx.G.nodes(data="kind"))
    ties = facts["tie_summary"]
    matrix = facts["level_matrix"]
    return {
        "source": ctx.G.graph.get("source", ""), "as_of": ctx.as_of,
        "organisations": kinds["organisation"], "networks": kinds["network"], "people": kinds["person"],
        "learning_ties": ties["all"]["ties"], "horizontal": ties["all"]["horizontal"],
        "vertical": ties["all"]["vertical"], "unknown_direction": ties["all"]["unknown"],
        "actor_ties": ties["actors"], "network_ties": ties["networks"],
        "level_pairs_without_ties": sum(1 for i, a in enumerate(LEVELS) for b in LEVELS[i:] if not matrix[a][b]),
        "components": len(facts["components"]), "communities": len(facts["communities"]),
        "community_method": facts["community_method"],
        "betweenness": dict(facts["betweenness_method"]),
        "eigenvector_converged": facts["eigenvector_converged"],
        "findings": len(findings), "by_kind": dict(Counter(f.kind for f in findings)),
        "by_severity": dict(Counter(f.severity for f in findings)),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
