"""Overlap between networks, shared themes and load on organisations.

Membership is compared at organisation level, in the *overlap view*
(``settings.overlap_relations``): an organisation takes part in a network when it
is a member, or when a person holds a seat in the body on its behalf. A person's
employer does not take part through that person (unless ``home`` is configured):
the programme leader's employer is not a member of the koersgroep. Pairs of
networks are only formed when they share a member, so the cost follows the
memberships, not networks².

Which overlap is news: a pair is *substantial* at the thresholds and *more than
chance* under a null model that keeps each organisation's number of memberships
(:func:`overlap_tests`), so that parties sitting in most networks by design do not
make an overlap on their own. Both are judged on the organisations a pair shares *of their own
accord* (:func:`own_overlaps`): one that takes part in either network only through a seat is there
because the body's composition prescribes it (the vijfhoek parties in KBL's bodies), and is listed
as ``by_design`` instead.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
import numpy as np
from scipy import stats

from netmap.analysis.common import Context
from netmap.analysis.levels import context_for
from netmap.graph import MEMBERSHIP, REPRESENTATION


def network_organisations(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, set[str]]:
    """Per network: the organisations taking part in it, in the overlap view (see the module)."""
    ctx = context_for(G, ctx)
    view = set(ctx.settings.overlap_relations)
    kind = ctx.G.nodes
    orgs: dict[str, set[str]] = {net: set() for net in ctx.networks}
    for u, v, _ in ctx.edges(MEMBERSHIP):
        if v in orgs:
            if kind[u]["kind"] == "organisation" and "membership" in view:
                orgs[v].add(u)
            elif "home" in view and u in ctx.home:
                orgs[v].add(ctx.home[u])
    for u, v, d in ctx.edges(REPRESENTATION):
        if d.get("body_id") in orgs:
            if kind[v]["kind"] == "organisation" and "seat" in view:
                orgs[d["body_id"]].add(v)
            if "home" in view and u in ctx.home:
                orgs[d["body_id"]].add(ctx.home[u])
    return orgs


def network_overlap(G: nx.MultiDiGraph, ctx: Context | None = None, min_shared: int = 1) -> list[dict]:
    """Pairs of networks sharing at least ``min_shared`` organisations, with Jaccard and overlap coefficient.

    Each fact: ``networks`` (the pair, sorted), ``shared`` (ids), ``sizes`` (organisations in
    each), ``jaccard``, ``overlap`` (shared / size of the smaller) and ``tied`` (a direct
    learning tie between the two).
    """
    ctx = context_for(G, ctx)
    orgs = network_organisations(ctx.G, ctx)
    by_org: dict[str, list[str]] = defaultdict(list)
    for net, members in orgs.items():
        for org in members:
            by_org[org].append(net)
    shared: Counter = Counter()
    for nets in by_org.values():
        shared.update(combinations(sorted(nets), 2))
    facts = []
    for (a, b), n in shared.items():
        if n >= min_shared:
            facts.append(overlap_fact(a, b, orgs[a] & orgs[b], len(orgs[a]), len(orgs[b]),
                                      b in ctx.tie_neighbours.get(a, ())))
    return sort_overlaps(facts)


def overlap_fact(a: str, b: str, shared, size_a: int, size_b: int, tied: bool) -> dict:
    """One overlap fact (the one shape, whoever counted): the pair, shared ids, sizes, Jaccard, overlap, tied.

    >>> overlap_fact("A", "B", {"x", "y"}, 2, 3, False)
    {'networks': ['A', 'B'], 'shared': ['x', 'y'], 'sizes': [2, 3], 'jaccard': 0.667, 'overlap': 1.0, 'tied': False}
    """
    n = len(shared)
    return {"networks": [a, b], "shared": sorted(shared), "sizes": [size_a, size_b],
            "jaccard": round(n / (size_a + size_b - n), 3), "overlap": round(n / min(size_a, size_b), 3),
            "tied": tied}


def seat_only_organisations(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, list[str]]:
    """Per network: the organisations that take part in it only through a seat (someone holds a seat there on
    their behalf) and not as a member themselves, in the overlap view. Networks without such organisations
    are left out."""
    ctx = context_for(G, ctx)
    if "seat" not in ctx.settings.overlap_relations:
        return {}
    members: dict[str, set[str]] = defaultdict(set)
    seated: dict[str, set[str]] = defaultdict(set)
    kind = ctx.G.nodes
    networks = set(ctx.networks)
    for u, v, _ in ctx.edges(MEMBERSHIP):
        if kind[u]["kind"] == "organisation":
            members[v].add(u)
    for _, v, d in ctx.edges(REPRESENTATION):
        if d.get("body_id") in networks and kind[v]["kind"] == "organisation":
            seated[d["body_id"]].add(v)
    return {net: sorted(orgs - members[net]) for net, orgs in sorted(seated.items()) if orgs - members[net]}


def own_overlaps(facts: list[dict], seat_only: dict[str, list[str]], min_shared: int) -> list[dict]:
    """The overlap facts judged on what the two share of their own accord.

    A shared organisation that takes part in either network only through a seat
    (:func:`seat_only_organisations`) is there by design; it moves from ``shared`` to ``by_design``
    and Jaccard and the overlap coefficient are recomputed on what is left, over the same networks
    (Jaccard: shared of their own accord / all organisations in either; overlap coefficient: the same
    count / the smaller network), so both only drop. Pairs left with fewer than ``min_shared`` are dropped.

    >>> fact = overlap_fact("A", "B", {"x", "y", "z"}, 3, 4, False)
    >>> own_overlaps([fact], {"A": ["x"]}, 2)[0]["by_design"], own_overlaps([fact], {"A": ["x"]}, 2)[0]["jaccard"]
    (['x'], 0.5)
    >>> own_overlaps([fact], {"A": ["x", "y"]}, 2)
    []
    """
    out = []
    for f in facts:
        a, b = f["networks"]
        design = set(f["shared"]) & (set(seat_only.get(a, ())) | set(seat_only.get(b, ())))
        own = set(f["shared"]) - design
        if len(own) >= min_shared:
            size_a, size_b = f["sizes"]
            union = size_a + size_b - len(f["shared"])
            out.append({**overlap_fact(a, b, own, size_a, size_b, f["tied"]),
                        "jaccard": round(len(own) / union, 3), "by_design": sorted(design)})
    return sort_overlaps(out)


def overlaps_of_own_accord(G: nx.MultiDiGraph, ctx: Context | None = None, min_shared: int = 1) -> list[dict]:
    """The pairs sharing at least ``min_shared`` organisations of their own accord: :func:`network_overlap`
    judged by :func:`own_overlaps`, what the ``network_overlap`` finding counts (the overlap map draws these)."""
    ctx = context_for(G, ctx)
    return own_overlaps(network_overlap(ctx.G, ctx, min_shared), seat_only_organisations(ctx.G, ctx), min_shared)


def sort_overlaps(facts: list[dict]) -> list[dict]:
    """Most similar pair first (Jaccard), then by the pair's ids."""
    return sorted(facts, key=lambda f: (-f["jaccard"], f["networks"]))


def flagged_overlaps(facts: list[dict], jaccard: float, overlap: float, min_shared: int) -> list[dict]:
    """The overlap facts at or above either threshold (the *substantial* pairs)."""
    return [f for f in facts if len(f["shared"]) >= min_shared and (f["jaccard"] >= jaccard or f["overlap"] >= overlap)]


def overlap_tests(facts: list[dict], load: dict[str, list[str]], model: str = "degree",
                  fdr: float = 0.05) -> list[dict]:
    """Test each pair (the facts given: every pair sharing ``overlap_min_shared`` organisations) against
    chance, with Benjamini-Hochberg over all of them; the thresholds do not change the family.

    The null model fixes, in expectation, the size of every network and the number of
    memberships of every organisation (``load``: organisation -> networks, the overlap view):

    - ``degree``: organisation *i* with *d_i* memberships sits in network *A* of size *s_A* with
      probability ``min(1, d_i * s_A / L)`` (*L* = all memberships, as in the configuration
      model), and then its other *d_i - 1* memberships include *B* with probability
      ``min(1, (d_i - 1) * s_B / (L - s_A))``; the chance of being in both is the mean of the
      two orders (A then B, B then A). An organisation with one membership is never shared by
      chance, one that sits everywhere nearly always. Organisations are independent, so the
      number shared is a sum of Bernoulli variables (a Poisson binomial), computed exactly.
    - ``hypergeometric``: every organisation alike; *B*'s members drawn from the *N*
      organisations with a membership, the number shared is hypergeometric.

    Returns one record per pair: ``networks``, ``p_value`` (chance of sharing at least
    as many), ``q_value`` (Benjamini-Hochberg over the pairs given), ``expected`` (shared
    by chance), ``significant`` (``q_value <= fdr``) and ``model``.

    >>> load = {o: ["A", "B", "C", "D"] for o in "vwxy"} | {"a": ["A"], "b": ["B"]}
    >>> fact = {"networks": ["A", "B"], "shared": list("vwxy"), "sizes": [5, 5]}
    >>> overlap_tests([fact], load)[0]["significant"]   # four parties that sit everywhere
    False
    """
    # by number of memberships, not in ``load``'s order (a set's here, which changes with the hash seed; a query's
    # from Cypher): the floating-point sums below then come out the same to the last bit whoever listed them
    degrees = Counter(sorted(len(nets) for nets in load.values() if nets))
    total = sum(d * n for d, n in degrees.items())
    population = sum(degrees.values())
    records = []
    for f in facts:
        k, (size_a, size_b) = len(f["shared"]), f["sizes"]
        if model == "hypergeometric":
            p = float(stats.hypergeom(population, size_a, size_b).sf(k - 1))
            expected = size_a * size_b / population
        else:
            p, expected = _degree_tail(degrees, total, size_a, size_b, k)
        records.append({"networks": list(f["networks"]), "p_value": p, "expected": round(expected, 3),
                        "model": model})
    if records:
        qs = stats.false_discovery_control([r["p_value"] for r in records], method="bh")
        for r, q in zip(records, qs):
            r["q_value"] = float(q)
            r["significant"] = bool(q <= fdr)
    for r in records:
        r["p_value"], r["q_value"] = _round(r["p_value"]), _round(r["q_value"])
    return records


def _degree_tail(degrees: Counter, total: int, size_a: int, size_b: int, k: int) -> tuple[float, float]:
    """P(X >= k) and E[X] for X = shared organisations under the degree model (see :func:`overlap_tests`).

    Organisations with the same number of memberships are alike, so X is a sum of one
    binomial per distinct number: the distribution is their convolution, cut at k.
    """
    counts = np.array(list(degrees.values()))
    qs = np.array([both_probability(d, total, size_a, size_b) for d in degrees])
    parts = stats.binom.pmf(np.arange(k)[None, :], counts[:, None], qs[:, None])  # one scipy call per pair
    pmf = np.zeros(k)
    pmf[0] = 1.0
    for part in parts:
        pmf = np.convolve(pmf, part)[:k]
    return max(0.0, 1.0 - float(pmf.sum())), float(counts @ qs)


def both_probability(d: int, total: int, size_a: int, size_b: int) -> float:
    """The chance that an organisation with ``d`` memberships (of ``total``) is in both networks by chance.

    >>> both_probability(1, 100, 10, 10), round(both_probability(2, 100, 10, 10), 4)
    (0.0, 0.0222)
    """
    def then(first: int, second: int) -> float:
        rest = total - first
        return min(1.0, d * first / total) * (min(1.0, (d - 1) * second / rest) if rest > 0 else 0.0)

    return (then(size_a, size_b) + then(size_b, size_a)) / 2


def _round(x: float) -> float:
    """Four significant digits: p-values span many orders of magnitude."""
    return float(f"{x:.4g}")


def shared_themes(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """Themes served by two or more networks, with the networks that have no learning tie to
    another network on the same theme ("do they know each other?")."""
    ctx = context_for(G, ctx)
    by_theme: dict[str, list[str]] = defaultdict(list)
    for net in ctx.networks:
        for theme in ctx.G.nodes[net].get("themes") or ():
            by_theme[theme].append(net)
    facts = []
    for theme, nets in sorted(by_theme.items()):
        if len(nets) > 1:
            on_theme = set(nets)
            loose = [n for n in nets if not (ctx.tie_neighbours.get(n, set()) & on_theme)]
            facts.append({"theme": theme, "networks": nets, "loose": loose})
    return facts


def network_load(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, list[str]]:
    """Per organisation: the networks it takes part in, in the overlap view (:func:`network_organisations`)."""
    ctx = context_for(G, ctx)
    load: dict[str, set[str]] = defaultdict(set)
    for net, orgs in network_organisations(ctx.G, ctx).items():
        for org in orgs:
            load[org].add(net)
    return {org: sorted(nets) for org, nets in load.items()}


def multi_network_load(G: nx.MultiDiGraph, ctx: Context | None = None,
                       load: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Organisations in at least ``settings.multi_network_load`` networks."""
    ctx = context_for(G, ctx)
    load = load if load is not None else network_load(ctx.G, ctx)
    return {org: nets for org, nets in load.items()
            if ctx.G.nodes[org]["kind"] == "organisation" and len(nets) >= ctx.settings.multi_network_load}
