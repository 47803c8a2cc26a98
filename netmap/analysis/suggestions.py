"""Network weaving: for each gap, who could close it, ranked and explained.

:func:`add_suggestions` fills ``Finding.suggestion`` (a sentence) and
``details['candidates']`` (ranked ids) from the findings' facts and the graph.
Every search is bounded (``settings.suggestion_pool`` candidates looked at,
``settings.max_suggestions`` named), so it stays cheap on national-scale graphs.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import islice

from netmap.analysis.common import Context, anchors, level_label, regional
from netmap.analysis.findings import Finding
from netmap.analysis.perspectives import network_perspectives
from netmap.i18n import translate
from netmap.model import perspective_label

TEXT: dict[str, dict[str, str]] = {
    "pair": {"nl": "{a} en {b} (samen in {via})", "en": "{a} and {b} (together in {via})"},
    "pair_plain": {"nl": "{a} en {b}", "en": "{a} and {b}"},
    "level_gap": {"nl": "Breng actoren op {a} en {b} rechtstreeks met elkaar in gesprek, bijvoorbeeld {pairs}.",
                  "en": "Bring actors at {a} and {b} into direct contact, for example {pairs}."},
    "level_gap_bridge": {"nl": "Actoren die op beide niveaus werken kunnen de brug slaan: {names}.",
                         "en": "Actors working at both levels can bridge the gap: {names}."},
    "perspective": {"nl": "Kandidaten die het perspectief {p} kunnen inbrengen: {names}.",
                    "en": "Candidates who could bring in the perspective {p}: {names}."},
    "members": {"nl": "Vul de samenstelling aan; kijk daarbij eerst naar de perspectieven die nog ontbreken.",
                "en": "Complete the composition, starting with the perspectives that are still missing."},
    "why_region": {"nl": "zelfde regio", "en": "same region"},
    "why_known": {"nl": "kent al leden", "en": "already knows members"},
    "home": {"nl": "Leg vast bij welke thuisorganisatie {person} werkt en hoe de terugkoppeling naar {cons} loopt.",
             "en": "Record the home organisation of {person} and how feedback to {cons} is organised."},
    "unrepresented_home": {"nl": "Mensen die er al werken en een zetel kunnen krijgen: {names}.",
                           "en": "People who already work there and could take a seat: {names}."},
    "unrepresented_peer": {"nl": "Vraag een vertegenwoordiger van een verwante achterban om ook {cons} te "
                                 "betrekken: {names}.",
                           "en": "Ask a representative of a related constituency to involve {cons} as well: {names}."},
    "unrepresented_none": {"nl": "Zoek een vertegenwoordiger bij {cons} zelf.",
                           "en": "Look for a representative within {cons} itself."},
    "multiple_seats": {"nl": "Ga na of één persoon al deze achterbannen kan blijven dragen; een tweede "
                             "vertegenwoordiger spreidt de last en het risico.",
                       "en": "Check whether one person can keep carrying all these constituencies; a second "
                             "representative spreads the load and the risk."},
    "overlap": {"nl": "Ga na of {a} en {b} elkaar kennen en kunnen afstemmen; {names} zit(ten) in beide en kan "
                      "de verbinding leggen.",
                "en": "Check whether {a} and {b} know each other and can coordinate; {names} sit(s) in both and "
                      "can make the connection."},
    "theme_all": {"nl": "Breng {loose} met elkaar in contact, bijvoorbeeld in een gezamenlijke leerbijeenkomst "
                        "over '{theme}'.",
                  "en": "Bring {loose} into contact, for example in a joint learning session on '{theme}'."},
    "theme": {"nl": "Verbind {loose} met {hub}, dat al op dit thema samenwerkt.",
              "en": "Connect {loose} with {hub}, which already works with others on this theme."},
    "load": {"nl": "Kijk of een organisatie met hetzelfde perspectief een deel kan overnemen: {names}.",
             "en": "See whether an organisation with the same perspective could take over a part: {names}."},
    "load_none": {"nl": "Bespreek met {org} welke netwerken de meeste prioriteit hebben.",
                  "en": "Discuss with {org} which networks matter most."},
    "isolated": {"nl": "Netwerken waar {actor} goed bij zou passen: {names}.",
                 "en": "Networks that would suit {actor}: {names}."},
    "isolated_none": {"nl": "Ga na of {actor} nog betrokken is, of dat relaties in de gegevens ontbreken.",
                      "en": "Check whether {actor} is still involved, or whether ties are missing from the data."},
    "spof": {"nl": "Leg een tweede verbinding, zodat niet alles via {via} loopt: bijvoorbeeld een leerrelatie "
                   "tussen {best} en een KBL-orgaan of een ander netwerk.",
             "en": "Add a second connection so that not everything runs through {via}: for example a learning "
                   "tie between {best} and a KBL body or another network."},
    "single_level": {"nl": "Haal leden van een ander niveau erbij, bijvoorbeeld {names}.",
                     "en": "Bring in members from another level, for example {names}."},
    "single_level_none": {"nl": "Haal leden van een ander niveau erbij, zodat er ook verticaal geleerd wordt.",
                          "en": "Bring in members from another level so that vertical learning can happen."},
    "component": {"nl": "Ga na of deze groep echt los staat, of dat een lidmaatschap of relatie in de gegevens "
                        "ontbreekt.",
                  "en": "Check whether this group really stands apart, or a membership or tie is missing from "
                        "the data."},
    "missing_level": {"nl": "Vul de kolom 'level' in (I-IV) voor deze actoren.",
                      "en": "Fill in the 'level' column (I-IV) for these actors."},
}


def _t(ctx: Context, key: str, **params: object) -> str:
    return translate(TEXT, key, ctx.lang, **params)


class Index:
    """Lookups built once per run for the suggestion searches (all linear to build)."""

    def __init__(self, ctx: Context, facts: dict):
        self.load = facts["load"]
        self.bodies = anchors(ctx)
        self.lacking: dict[str, list[str]] = defaultdict(list)
        for fact in facts["composition"]:
            for p in fact.get("requirement", {}).get("perspectives", []):
                self.lacking[p].append(fact["network"])
        self.degree: Counter[str] = Counter()
        for u, v in ctx.G.edges():
            self.degree[u] += 1
            self.degree[v] += 1
        self.by_perspective: dict[str, list[str]] = defaultdict(list)
        self.by_level: dict[str, list[str]] = defaultdict(list)
        for n, kind in ctx.G.nodes(data="kind"):
            if kind == "organisation":
                for p in ctx.perspectives[n]:
                    self.by_perspective[p].append(n)
                for lv in ctx.levels[n]:
                    self.by_level[lv].append(n)
        for lists in (self.by_perspective, self.by_level):
            for key in lists:
                lists[key].sort(key=lambda n: -self.degree[n])
        self.staff_of: dict[str, list[str]] = defaultdict(list)
        for person, org in ctx.home.items():
            self.staff_of[org].append(person)
        self.reps_by_perspective: dict[str, set[str]] = defaultdict(set)
        for cons, people in ctx.represented.items():
            for p in ctx.perspectives[cons]:
                self.reps_by_perspective[p].update(people)
        self.nets_by_region: dict[str, list[str]] = defaultdict(list)
        self.nets_by_perspective: dict[str, list[str]] = defaultdict(list)
        for net, present in network_perspectives(ctx.G, ctx).items():
            self.nets_by_region[regional(ctx.G.nodes[net].get("region"))].append(net)
            for p in present:
                self.nets_by_perspective[p].append(net)


def add_suggestions(ctx: Context, findings: list[Finding], facts: dict) -> None:
    """Fill the suggestion of every finding whose kind has a suggester (``facts``: from compute_facts)."""
    index = Index(ctx, facts)
    for f in findings:
        suggester = SUGGESTERS.get(f.kind)
        if suggester:
            text, candidates = suggester(ctx, index, f)
            f.suggestion = text
            if candidates:
                f.details["candidates"] = candidates


def _level_gap(ctx: Context, index: Index, f: Finding):
    a, b = f.details["levels"]
    pairs = _co_member_pairs(ctx, index, a, b, f.details["channels"])
    la, lb = level_label(a, ctx.lang), level_label(b, ctx.lang)
    if pairs:
        text = "; ".join(_t(ctx, "pair", a=ctx.name(u), b=ctx.name(v), via=ctx.name(net)) for u, v, net in pairs)
        return _t(ctx, "level_gap", a=la, b=lb, pairs=text), [[u, v] for u, v, _ in pairs]
    both = [n for n in islice(index.by_level.get(a, []), ctx.settings.suggestion_pool) if b in ctx.levels[n]]
    if both and a != b:
        top = both[:ctx.settings.max_suggestions]
        return _t(ctx, "level_gap_bridge", names=ctx.names(top)), top
    pairs = list(zip(index.by_level.get(a, [])[:3], index.by_level.get(b, [])[1 if a == b else 0:4]))
    pairs = [(u, v) for u, v in pairs if u != v][:ctx.settings.max_suggestions]
    text = "; ".join(_t(ctx, "pair_plain", a=ctx.name(u), b=ctx.name(v)) for u, v in pairs)
    return (_t(ctx, "level_gap", a=la, b=lb, pairs=text), [list(p) for p in pairs]) if pairs else ("", [])


def _co_member_pairs(ctx: Context, index: Index, a: str, b: str, channels: list[str]):
    """Untied pairs of actors at a and b who already meet in a channel network, best first."""
    scored = {}
    for net in channels[:20]:
        actors = sorted(ctx.actors_of(net), key=lambda n: -index.degree[n])
        at_a = [n for n in actors if a in ctx.levels[n]][:6]
        at_b = [n for n in actors if b in ctx.levels[n]][:6]
        for u in at_a:
            for v in at_b:
                key = tuple(sorted((u, v)))
                if u != v and v not in ctx.tie_neighbours.get(u, ()) and key not in scored:
                    shared = len(ctx.networks_of.get(u, set()) & ctx.networks_of.get(v, set()))
                    scored[key] = ((shared, index.degree[u] + index.degree[v]), u, v, net)
    best = sorted(scored.values(), key=lambda s: (-s[0][0], -s[0][1], s[1], s[2]))
    return [(u, v, net) for _, u, v, net in best[:ctx.settings.max_suggestions]]


def _perspective(ctx: Context, index: Index, f: Finding):
    if f.details.get("check") == "members":
        return _t(ctx, "members"), []
    net, wanted = f.subjects[0], f.details["perspectives"]
    region = regional(ctx.G.nodes[net].get("region"))
    actors = ctx.actors_of(net)
    known = {x for m in actors for x in ctx.tie_neighbours.get(m, ())}
    present = actors | {ctx.org_of(m) for m in actors}
    pool = {n for p in wanted for n in islice(index.by_perspective.get(p, []), ctx.settings.suggestion_pool)}
    scored = []
    for n in pool - present:
        same = bool(region) and (ctx.G.nodes[n].get("region") or "") == region
        knows, free = n in known, len(index.load.get(n, ())) < ctx.settings.multi_network_load
        scored.append(((-same * 3 - knows * 2 - free, -index.degree[n], n), n, same, knows, free))
    scored.sort()
    top = scored[:ctx.settings.max_suggestions]
    if not top:
        return "", []
    names = ", ".join(_explain(ctx, n, same, knows, free) for _, n, same, knows, free in top)
    p = " / ".join(perspective_label(x, ctx.lang) for x in wanted)
    return _t(ctx, "perspective", p=p, names=names), [n for _, n, *_ in top]


def _explain(ctx: Context, n: str, same: bool, knows: bool, free: bool) -> str:
    # "not heavily loaded" only ranks; said of every candidate it would tell the reader nothing
    why = [_t(ctx, k) for k, flag in (("why_region", same), ("why_known", knows)) if flag]
    return f"{ctx.name(n)} ({', '.join(why)})" if why else ctx.name(n)


def _without_home(ctx: Context, index: Index, f: Finding):
    cons = f.details["constituencies"]
    return _t(ctx, "home", person=ctx.name(f.subjects[0]), cons=ctx.names(cons)), list(cons)


def _unrepresented(ctx: Context, index: Index, f: Finding):
    cons = f.subjects[0]
    staff = sorted(index.staff_of.get(cons, []), key=str)[:ctx.settings.max_suggestions]
    if staff:
        return _t(ctx, "unrepresented_home", names=ctx.names(staff)), staff
    peers = {p for q in ctx.perspectives[cons] for p in index.reps_by_perspective.get(q, ())}
    ranked = sorted(peers, key=lambda p: (len(ctx.constituencies_of.get(p, ())), str(p)))
    ranked = ranked[:ctx.settings.max_suggestions]
    if ranked:
        return _t(ctx, "unrepresented_peer", cons=ctx.name(cons), names=ctx.names(ranked)), ranked
    return _t(ctx, "unrepresented_none", cons=ctx.name(cons)), []


def _multiple_seats(ctx: Context, index: Index, f: Finding):
    return _t(ctx, "multiple_seats"), []


def _overlap(ctx: Context, index: Index, f: Finding):
    a, b = f.subjects
    shared = sorted(f.details["shared"], key=lambda n: -index.degree[n])[:2]
    return _t(ctx, "overlap", a=ctx.name(a), b=ctx.name(b), names=ctx.names(shared)), shared


def _theme(ctx: Context, index: Index, f: Finding):
    loose = f.details["loose"]
    tied = [n for n in f.details["networks"] if n not in loose]
    if not tied:
        top = loose[:ctx.settings.max_suggestions + 2]
        return _t(ctx, "theme_all", loose=ctx.names(top), theme=f.details["theme"]), top
    hub = max(tied, key=lambda n: (index.degree[n], str(n)))
    rest = [n for n in loose if n != hub][:ctx.settings.max_suggestions + 2]
    if not rest:
        return "", []
    return _t(ctx, "theme", loose=ctx.names(rest), hub=ctx.name(hub)), [hub, *rest]


def _load(ctx: Context, index: Index, f: Finding):
    org = f.subjects[0]
    region = regional(ctx.G.nodes[org].get("region"))
    pool = {n for p in ctx.perspectives[org] for n in islice(index.by_perspective.get(p, []),
                                                             ctx.settings.suggestion_pool)} - {org}
    # only organisations from the same region (or national ones for a national one) can stand in
    light = [n for n in pool if len(index.load.get(n, ())) < len(f.details["networks"]) // 2 + 1
             and regional(ctx.G.nodes[n].get("region")) == region and index.degree[n]]
    light.sort(key=lambda n: (len(index.load.get(n, ())), str(n)))
    top = light[:ctx.settings.max_suggestions]
    if not top:
        return _t(ctx, "load_none", org=ctx.name(org)), []
    return _t(ctx, "load", names=ctx.names(top)), top


def _isolated(ctx: Context, index: Index, f: Finding):
    actor = f.subjects[0]
    region = regional(ctx.G.nodes[actor].get("region"))
    cap, bodies = ctx.settings.suggestion_pool, index.bodies
    scored: dict[str, int] = Counter()
    for net in (index.nets_by_region.get(region, [])[:cap] if region else []):
        scored[net] += 2
    for p in ctx.perspectives[actor]:
        for net in index.lacking.get(p, [])[:cap]:
            scored[net] += 3  # the network misses exactly what this actor brings
        for net in index.nets_by_perspective.get(p, [])[:cap]:
            scored[net] += 1
    ranking = sorted((-score, str(net), net) for net, score in scored.items() if net not in bodies)
    top = [net for *_, net in ranking[:ctx.settings.max_suggestions]]
    if not top:
        return _t(ctx, "isolated_none", actor=ctx.name(actor)), []
    return _t(ctx, "isolated", actor=ctx.name(actor), names=ctx.names(top)), top


def _spof(ctx: Context, index: Index, f: Finding):
    via = ctx.names(f.subjects)
    if len(f.subjects) == 2:
        via = ("de relatie tussen " if ctx.lang == "nl" else "the tie between ") + via
    best = [p["best"] for p in f.details["pieces"]]
    return _t(ctx, "spof", via=via, best=ctx.names(best, 3)), best


def _single_level(ctx: Context, index: Index, f: Finding):
    net, level = f.subjects[0], f.details["level"]
    actors = ctx.actors_of(net)
    seen: Counter = Counter()
    for m in actors:
        for other in islice(ctx.networks_of.get(m, ()), 20):
            for n in islice(ctx.actors_of(other), ctx.settings.suggestion_pool):
                if n not in actors and ctx.levels[n] and level not in ctx.levels[n]:
                    seen[n] += 1
    top = [n for n, _ in sorted(seen.items(), key=lambda kv: (-kv[1], -index.degree[kv[0]], str(kv[0])))]
    top = top[:ctx.settings.max_suggestions]
    if not top:
        return _t(ctx, "single_level_none"), []
    return _t(ctx, "single_level", names=ctx.names(top)), top


SUGGESTERS = {
    "level_gap": _level_gap,
    "missing_perspective": _perspective,
    "composition_shortfall": _perspective,
    "representative_without_home": _without_home,
    "unrepresented_constituency": _unrepresented,
    "multiple_seats": _multiple_seats,
    "network_overlap": _overlap,
    "shared_theme": _theme,
    "multi_network_load": _load,
    "isolated": _isolated,
    "single_point_of_failure": _spof,
    "single_level_network": _single_level,
    "separate_component": lambda ctx, index, f: (_t(ctx, "component"), []),
    "missing_level": lambda ctx, index, f: (_t(ctx, "missing_level"), []),
}

