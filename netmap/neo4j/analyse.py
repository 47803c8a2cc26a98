"""Analyses from the database: what Cypher expresses well runs as Cypher, the structure measures in
GDS when the server has it, the rest on the *domain graph* (:mod:`netmap.neo4j.domain`), through the
analysis's one public entry (:func:`netmap.analysis.analyse`).

With GDS (:mod:`netmap.neo4j.gds`): degree, betweenness (exact, up to 3,000 actors), eigenvector centrality
and communities are computed in the database and only what the analysis shows comes back (the top values,
the communities' sizes). Without it, they are computed in Python, and the analysis says so
(``summary['engine']['notice']``, printed by the CLI). With GDS the components, separate groups, isolated actors and
cuts come from :mod:`netmap.neo4j.connectivity` too (the fact ``connectivity``: the components, the core's
articulation points and fragments, from which :func:`netmap.analysis.cuts.contracted_facts` builds the blocks).
The brokerage roles are counted by one Cypher query, with GDS or without (:mod:`netmap.neo4j.brokerage`; the
fact ``brokerage``, for the ``top_n`` actors with the most brokerage between levels: all that ``structure_top``
reads of it).

Computed in Cypher (``netmap/cypher/count_*.cypher`` and ``find_*.cypher``): the learning ties by the ends'
level sets, as of the analysis date (the level matrices, the directions per scope, the ties with a network
spanning a level pair), the actors without a level, the networks' actors by level set (the channels between
levels, the networks at one level), the ties inside each network by direction, the perspectives each network's
actors bring (from which its diversity follows), the seats per person, composition counts per requirement
(missing perspectives, shortfalls and seats), the actors of an exclusive body with a role in another of KBL's
bodies, the pairs of networks sharing organisations, the networks per organisation (``load``) and the
organisations in a body only through a seat (``seat_only``), all three in the overlap view (one fragment,
``_overlap_organisations.cypher``), the themes several networks serve with the loose ones among them, and
unrepresented constituencies. They are handed to ``analyse(..., facts=...)``, which computes everything else
(the significance of each overlap, the organisations in many networks, suggestions; connectivity and cuts
without GDS) on the domain graph and skips what it was given.

The domain graph is read in two passes (:func:`analyse_neo4j_graph`): first every relationship as load
numbers grouped by type and source, networks and organisations in full, people with a role without their
name and role, and every other person in short (id, home and levels); a first analysis with a
:func:`marker` for every name (and every person's role, which names a hidden person) shows which actors a
finding, a suggestion or the structure lists name, and those (and the hidden ones whose name or id the
findings' text holds: the text is scrubbed of every hidden name and id) are read in full for the second,
which gives the findings. Every fact the analysis computes on it reads only what it holds in full, so the
findings equal the embedded engine's on the whole map.
"""
from __future__ import annotations

import re
from typing import Any

import networkx as nx

from netmap import privacy
from netmap.analysis import (
    Analysis,
    Settings,
    analyse,
    channels_from_level_sets,
    composition_facts,
    composition_rules,
    kbl_bodies,
    level_set_facts,
    network_directions_from_level_sets,
    overlap_fact,
    seat_bodies,
    seat_facts,
    sort_overlaps,
)
from netmap.graph import nodes_of
from netmap.i18n import check_language, t
from netmap.neo4j.brokerage import brokerage_roles
from netmap.neo4j.connectivity import connectivity_summary, constituency_types
from netmap.neo4j.domain import complete_nodes, read_domain_graph
from netmap.neo4j.gds import gds_version, structure_facts
from netmap.neo4j.queries import run_query
from netmap.neo4j.read import require_complete
from netmap.privacy import MIN_SCRUB_LENGTH

#: The facts computed in Cypher, each as of the analysis date (a membership, seat or tie counts when
#: ``netmap/cypher/_counts_on.cypher`` says so, the rule :func:`netmap.graph.as_of` applies to the graph).
CYPHER_FACTS = ("level_matrix", "network_level_matrix", "tie_summary", "network_ties_between", "unknown_level",
                "channels", "single_level", "network_directions", "perspectives", "without_home", "multiple_seats",
                "composition", "exclusive_roles", "overlaps", "load", "seat_only", "themes", "unrepresented")


def level_facts(driver, G: nx.MultiDiGraph, settings: Settings, **options: Any) -> dict[str, Any]:
    """The facts the levels decide, counted in Cypher as of the analysis date (a few dozen to a few thousand
    rows, never one per actor):

    - the learning ties by their ends' level sets, read by :func:`netmap.analysis.level_set_facts`: the 4x4
      matrices of ties between actors (``level_matrix``) and with a network at an end
      (``network_level_matrix``), the directions per scope (``tie_summary``) and the ties with a network
      spanning each level pair (``network_ties_between``);
    - the actors without a level (``unknown_level``);
    - per network its actors by level set (:func:`netmap.analysis.channels_from_level_sets`): the channels
      between levels (``channels``) and the networks at one level (``single_level``);
    - per network the ties inside it by their ends' level sets: their directions (``network_directions``;
      ``G`` lists the networks, those without such ties at zero).
    """
    params = {"kinds": list(settings.tie_kinds), "as_of": settings.as_of_date()}
    rows = run_query(driver, "count_level_pairs", params, **options)
    facts = level_set_facts((row["levels_a"], row["levels_b"], row["with_network"], row["ties"]) for row in rows)
    facts["unknown_level"] = [row["id"] for row in run_query(driver, "find_unknown_levels", **options)]
    rows = run_query(driver, "count_network_levels", {"as_of": settings.as_of_date()}, **options)
    facts["channels"], facts["single_level"] = channels_from_level_sets((r["network"], r["sets"]) for r in rows)
    rows = run_query(driver, "count_network_ties", params, **options)
    facts["network_directions"] = network_directions_from_level_sets(
        nodes_of(G, "network"),
        ((r["network"], r["levels_a"], r["levels_b"], r["ties"]) for r in rows))
    return facts


def network_perspectives(driver, G: nx.MultiDiGraph, settings: Settings, **options: Any) -> dict[str, dict[str, int]]:
    """Per network or body (``G`` lists them): perspective -> how many of its actors bring it, counted in Cypher
    (as :func:`netmap.analysis.perspectives.network_perspectives`; the diversity follows from it)."""
    found = {r["network"]: dict(map(tuple, r["counts"]))
             for r in run_query(driver, "count_network_perspectives", {"as_of": settings.as_of_date()}, **options)}
    return {net: found.get(net, {}) for net in nodes_of(G, "network")}


def seat_holders(driver, settings: Settings, **options: Any) -> dict[str, list[dict]]:
    """The seat holders without a home organisation (``without_home``) and those with several constituencies or
    bodies (``multiple_seats``), from the seats per person counted in Cypher (:func:`netmap.analysis.seat_facts`)."""
    rows = run_query(driver, "find_seats_by_person", {"as_of": settings.as_of_date()}, **options)
    seats = {r["person"]: {"constituencies": list(r["constituencies"]),
                           "bodies": list(dict.fromkeys(b for bodies in r["bodies"] for b in bodies if b))}
             for r in rows}
    return seat_facts(seats, {r["person"] for r in rows if r["home"]})


def composition_checks(driver, rules: dict[str, dict], settings: Settings, **options: Any) -> list[dict]:
    """Unmet requirements per network or body (``rules``: :func:`netmap.analysis.composition_rules`), with the
    counts from Cypher (as the embedded engine's facts)."""
    requests = [{"key": f"{net}|{i}", "network": net, "perspectives": list(req["perspectives"]),
                 "together": bool(req["together"]), "represents": req.get("allowed")}
                for net, rule in rules.items() for i, req in enumerate(rule["requires"])]
    requests += [{"key": f"{net}|size", "network": net, "perspectives": [], "together": False, "represents": None}
                 for net, rule in rules.items() if rule["members"]]
    counts = {r["key"]: r for r in run_query(driver, "count_composition",
                                             {"requirements": requests, "as_of": settings.as_of_date()}, **options)}
    return composition_facts(rules, lambda net, i, req: counts[f"{net}|{i}"]["count"],
                             lambda net: counts[f"{net}|size"]["actors"])


def network_overlap(driver, settings: Settings, **options: Any) -> list[dict]:
    """Pairs of networks sharing organisations (the overlap view), with Jaccard and overlap coefficient, from Cypher."""
    rows = run_query(driver, "find_network_overlaps", {"min_shared": settings.overlap_min_shared,
                                                       "as_of": settings.as_of_date(),
                                                       "kinds": list(settings.tie_kinds),
                                                       "relations": list(settings.overlap_relations)}, **options)
    return sort_overlaps([overlap_fact(row["a"], row["b"], row["shared"], row["size_a"], row["size_b"], row["tied"])
                          for row in rows])


def network_load(driver, settings: Settings, **options: Any) -> dict[str, list[str]]:
    """Per organisation: the networks it takes part in (the overlap view), sorted, from Cypher (one row per
    organisation). The organisations' order is not the embedded engine's (a set's, which changes with the hash
    seed) and need not be: ``overlap_tests`` sorts the counts it takes from it, the finding on organisations in
    many networks sorts them, the suggestions and the overlap map look organisations up."""
    rows = run_query(driver, "find_network_load", {"as_of": settings.as_of_date(),
                                                   "relations": list(settings.overlap_relations)}, **options)
    return {r["org"]: sorted(r["networks"]) for r in rows}


def seat_only_organisations(driver, settings: Settings, **options: Any) -> dict[str, list[str]]:
    """Per body (sorted by id): the organisations that take part in it only through a seat, sorted, from Cypher;
    none when the overlap view leaves seats out (as :func:`netmap.analysis.overlap.seat_only_organisations`)."""
    if "seat" not in settings.overlap_relations:
        return {}
    rows = run_query(driver, "find_seat_only_organisations", {"as_of": settings.as_of_date()}, **options)
    return {r["network"]: sorted(r["organisations"]) for r in sorted(rows, key=lambda r: r["network"])}


def shared_themes(driver, settings: Settings, **options: Any) -> list[dict]:
    """The themes (sorted) two or more networks serve, with those networks and the loose ones among them (no tie
    of ``settings.tie_kinds`` to another on the theme), from Cypher (one row per theme)."""
    rows = run_query(driver, "find_shared_themes", {"as_of": settings.as_of_date(),
                                                    "kinds": list(settings.tie_kinds)}, **options)
    return [{"theme": r["theme"], "networks": r["networks"], "loose": r["loose"]}
            for r in sorted(rows, key=lambda r: r["theme"])]


def exclusive_roles(driver, G: nx.MultiDiGraph, rules: dict[str, dict], settings: Settings,
                    **options: Any) -> list[dict]:
    """The actors of a body whose rule (``rules``) is exclusive with a role in another of KBL's bodies (``G``
    supplies them), each with those bodies, from Cypher (one row per such body); in the rules' order, the actors
    and bodies sorted by id (as :func:`netmap.analysis.perspectives.exclusive_roles`)."""
    exclusive = [net for net, rule in rules.items() if rule["exclusive"]]
    if not exclusive:
        return []
    rows = run_query(driver, "find_exclusive_roles", {"networks": exclusive, "bodies": kbl_bodies(G, settings),
                                                      "as_of": settings.as_of_date()}, **options)
    roles = {r["network"]: r["roles"] for r in rows}
    return [{"network": net, "actor": actor, "others": sorted(others, key=str)}
            for net in exclusive for actor, others in sorted(roles.get(net, ()), key=lambda role: str(role[0]))]


def unrepresented_constituencies(driver, G: nx.MultiDiGraph, settings: Settings, **options: Any) -> list[str]:
    """Constituencies without a seat in a KBL body and no membership (as the settings say), from Cypher.

    ``G`` (the graph read back) supplies KBL's bodies; the type names are matched in Python
    (:func:`netmap.analysis.is_constituency_type`) and handed over as they are stored.
    """
    params = {"types": constituency_types(driver, settings, **options), "bodies": seat_bodies(G, settings),
              "count_membership": settings.unrepresented_counts_membership, "as_of": settings.as_of_date()}
    return [r["id"] for r in run_query(driver, "find_unrepresented_constituencies", params, **options)]


def cypher_facts(driver, G: nx.MultiDiGraph, settings: Settings, **options: Any) -> dict[str, Any]:
    """The facts computed in the database (:data:`CYPHER_FACTS`, keys as in
    :func:`netmap.analysis.compute_facts`), as of the analysis date.

    ``G`` (the graph read back, or the domain graph) supplies the composition rules that apply to each
    network, KBL's bodies and the list of networks.
    """
    rules = composition_rules(G, settings)
    return {**level_facts(driver, G, settings, **options),
            "perspectives": network_perspectives(driver, G, settings, **options),
            **seat_holders(driver, settings, **options),
            "composition": composition_checks(driver, rules, settings, **options),
            "exclusive_roles": exclusive_roles(driver, G, rules, settings, **options),
            "overlaps": network_overlap(driver, settings, **options),
            "load": network_load(driver, settings, **options),
            "seat_only": seat_only_organisations(driver, settings, **options),
            "themes": shared_themes(driver, settings, **options),
            "unrepresented": unrepresented_constituencies(driver, G, settings, **options)}


def _free_texts(settings: Settings, requirements: list[dict]) -> list[str]:
    """The free text a finding may quote: the requirements' notes and the rules' labels and notes."""
    texts = [str(r.get("note") or "") for r in requirements]
    for table in ("types", "bodies"):
        for rule in (settings.rules.get(table) or {}).values():
            for req in rule.get("requires") or ():
                for words in (req.get("label"), req.get("note")):  # either may be {nl: ..., en: ...}
                    texts += [str(v) for v in (words.values() if isinstance(words, dict) else [words]) if v]
    return sorted({text for text in texts if len(text) >= MIN_SCRUB_LENGTH})


def marker(i: int) -> str:
    """The first pass's name of the ``i``-th actor: private-use characters no id or name holds, so that the
    findings' scrubbing of hidden names and ids (any case, anywhere in a word) leaves it whole.

    >>> [ord(c) - 0xE000 for c in marker(12)]
    [0, 257, 258, 1]
    """
    return "\ue000" + "".join(chr(0xE100 + int(c)) for c in str(i)) + "\ue001"


_MARKER = re.compile("\ue000([\ue100-\ue109]+)\ue001")


def _named(result: Analysis, nodes: list[str]) -> set[str]:
    """The actors (``nodes``, in graph order) that a finding, suggestion or the structure lists name (by their
    :func:`marker`) or point to (by id)."""
    found: set[str] = set()
    ids = set(nodes)

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if value in ids:
                found.add(value)
            for m in _MARKER.findall(value):
                found.add(nodes[int("".join(str(ord(c) - 0xE100) for c in m))])
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list | tuple | set):
            for v in value:
                walk(v)

    walk([f.to_dict() for f in result.findings])
    walk(result.facts.get("structure_top", {}))
    return found


def ids_in_fixed_text(first: Analysis, G: nx.MultiDiGraph, candidates: set[str], roles_only: bool) -> set[str]:
    """The hidden ``candidates`` whose id (4 characters or more, any case) the first pass's fixed text holds:
    its findings' sentences and suggestions apart from the names (markers). The embedded engine scrubs every
    hidden id from the text by the node's label (:func:`netmap.privacy.scrub`), so these are read in full."""
    terms = privacy.HiddenTerms({str(c): "" for c in candidates if len(str(c)) >= MIN_SCRUB_LENGTH
                                 and privacy.is_hidden(G.nodes[c], roles_only)})
    fragments = {part for f in first.findings for text in (f.message, f.suggestion or "")
                 for part in _MARKER.sub("\n", text).split("\n") if part}
    if not terms or not fragments:
        return set()
    pattern = terms.compiled()[0]
    by_lower = {str(c).lower(): c for c in terms}
    return {by_lower[m.group(0).lower()] for part in fragments for m in pattern.finditer(part)
            if m.group(0).lower() in by_lower}


def read_for_analysis(driver, settings: Settings, *, database: str | None = None, lang: str = "nl",
                      timeout: float | None = None) -> tuple[nx.MultiDiGraph, set[str], set[str]]:
    """The domain graph (:func:`netmap.neo4j.domain.read_domain_graph`) of the loaded map, the people read
    in short and every person (read without name and role)."""
    status = require_complete(driver, database=database, lang=lang)
    options: dict[str, Any] = {"database": database, "timeout": timeout, "lang": lang}
    requirements = [{"body_id": r["body_id"], "perspective": r["perspective"], "min_count": r["min_count"],
                     "note": r["note"] or ""} for r in run_query(driver, "read_requirements", **options)]
    return read_domain_graph(driver, settings, requirements=requirements, source=status.get("source") or "",
                             **options)


def hidden_namesakes(driver, G: nx.MultiDiGraph, settings: Settings, short: set[str], roles_only: bool,
                     shown: list[str], **options: Any) -> list[str]:
    """The hidden actors (:func:`netmap.privacy.is_hidden`) among ``short`` whose name a text may hold: one of
    the names ``shown`` (the actors the findings name) or within one of them, or a name or id in the free text
    (the requirements' notes, the rules' labels, the networks' themes). The findings' text is scrubbed of
    every hidden name (:func:`netmap.privacy.hidden_terms`), so these are read in full."""
    themes = {str(x) for _, d in G.nodes(data="themes") for x in d or ()}
    texts = sorted({x.lower() for x in (*_free_texts(settings, G.graph.get("requirements") or []), *themes, *shown)})
    rows = run_query(driver, "find_hidden_namesakes",
                     {"names": sorted({x.lower() for x in shown}), "texts": texts, "roles_only": roles_only},
                     **options)
    return [r["id"] for r in rows if r["id"] in short]


def analyse_neo4j(driver, settings: Settings | None = None, *, database: str | None = None, lang: str = "nl",
                  roles_only: bool = False, timeout: float | None = None,
                  graph: nx.MultiDiGraph | None = None, use_gds: bool = True) -> Analysis:
    """Run the analyses on the map loaded in Neo4j; the findings equal the embedded engine's.

    ``graph``: the map as already read with :func:`netmap.neo4j.read.read_graph` (else the domain graph is
    read, :func:`analyse_neo4j_graph`). ``use_gds``: compute the structure measures with GDS when the server
    has it.
    """
    return analyse_neo4j_graph(driver, settings, database=database, lang=lang, roles_only=roles_only,
                               timeout=timeout, graph=graph, use_gds=use_gds)[1]


def analyse_neo4j_graph(driver, settings: Settings | None = None, *, database: str | None = None,
                        lang: str = "nl", roles_only: bool = False, timeout: float | None = None,
                        graph: nx.MultiDiGraph | None = None,
                        use_gds: bool = True) -> tuple[nx.MultiDiGraph, Analysis]:
    """:func:`analyse_neo4j`, and the graph the analysis ran on (the report names its nodes from it):
    ``graph`` when given, else the domain graph (:mod:`netmap.neo4j.domain`), read in two passes: the
    facts first, then in full the people they name."""
    settings = settings or Settings()
    check_language(lang)
    options: dict[str, Any] = {"database": database, "timeout": timeout, "lang": lang}
    short: set[str] = set()
    partial: set[str] = set()
    if graph is not None:
        G = graph
    else:
        G, short, partial = read_for_analysis(driver, settings, database=database, lang=lang, timeout=timeout)
    facts = cypher_facts(driver, G, settings, **options)
    # only the top actors: all that structure_top reads of it, so not among CYPHER_FACTS (compared whole)
    facts["brokerage"] = brokerage_roles(driver, settings, top_n=settings.top_n, **options)
    engine: dict[str, Any] = {"neo4j_cypher": list(facts)}
    version = gds_version(driver, database=database) if use_gds else None
    if version:
        structure = structure_facts(driver, settings, settings.as_of_date(), database=database, timeout=timeout,
                                    lang=lang, top_n=settings.top_n)
        structure["connectivity"] = connectivity_summary(driver, settings, **options)
        engine["neo4j_gds"] = {"version": version, **structure.pop("gds"), "facts": list(structure)}
        facts |= structure
    elif use_gds:
        engine["notice"] = t("input.neo4j_no_gds", lang)
    if graph is None:
        engine["domain_graph"] = {"nodes": G.number_of_nodes(), "relationships": G.number_of_edges(),
                                  "people_in_short": len(short), "people_without_name": len(partial)}
    engine["networkx_on_read_back_graph" if graph is not None else "networkx_on_domain_graph"] = "rest"
    # first pass with every name a marker, so that every actor a text names can be found; then the same facts
    # with the people they name (and hidden namesakes) read in full, in the language and privacy mode asked for
    if partial:
        real = {n: d["name"] for n, d in G.nodes(data=True) if n not in partial}
        nodes = list(G)
        for i, (n, d) in enumerate(G.nodes(data=True)):
            d["name"] = marker(i)
            if n in partial:  # a hidden person is shown by its role: the role must name it too
                d["role"] = marker(i)
        first = analyse(G, settings, lang, False, facts=facts)
        named = _named(first, nodes)
        facts = first.facts
        for n, name in real.items():
            G.nodes[n]["name"] = name
        for node in partial:
            G.nodes[node]["name"] = G.nodes[node]["role"] = ""
        complete_nodes(driver, G, named & partial, **options)
        shown = sorted({str(G.nodes[n].get(key) or "") for n in named for key in ("name", "role")} - {""})
        candidates = partial - named
        namesakes = set(hidden_namesakes(driver, G, settings, candidates, roles_only, shown, **options))
        namesakes |= ids_in_fixed_text(first, G, candidates, roles_only)
        complete_nodes(driver, G, namesakes, **options)
        engine["domain_graph"] |= {"people_named": len(named & partial), "hidden_namesakes": len(namesakes)}
    result = analyse(G, settings, lang, roles_only, facts=facts)
    result.summary["engine"] = engine
    return G, result
