"""``missing_perspective``: a network or body lacks a perspective its composition rules require, or a seat they
prescribe is empty (count 0).

Subjects: the network id followed by the required perspective code(s)
(``['rkj_nv', 'ouders']``). High when the rule comes from the requirements table or
names the body itself, medium when it comes from the rules for the network's type.
"""
from __future__ import annotations

from itertools import islice

from netmap.analysis.common import Context, regional, with_reasons
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.analysis.perspectives import requirement_label, rule_words
from netmap.i18n import has_text, t
from netmap.model import perspective_label


def severity(fact: dict) -> str:
    """High for a rule of the body itself (table or body rule), medium for a rule of its type."""
    return "high" if fact["source"] in ("table", "body") else "medium"


def perspective_finding(kind: Kind, ctx: Context, fact: dict, message_key: str) -> Finding:
    """A finding about one unmet perspective requirement (shared with ``composition_shortfall``)."""
    req = fact["requirement"]
    seat = req.get("allowed") is not None
    # a seat's message names whom it is for ({who}); the rule's own words follow: its note, else its label
    # (a label or note given in both languages is read in the reader's; plain text is quoted as written)
    asks = rule_words(req["note"], ctx.lang) or (requirement_label(req, ctx.lang) if seat and req.get("label") else "")
    note = t("analysis.rule_note", ctx.lang, note=asks) if asks else ""  # never '(...) (...)'

    key = f"{message_key}_seat" if seat else message_key
    if seat and fact["count"] == 1 and has_text(f"finding.{kind.name}.{key}_1"):
        key += "_1"  # '1 zetel', never 'zetel(s)'
    message = kind.text(key, ctx.lang, net=ctx.name(fact["network"]), p=requirement_label(req, ctx.lang),
                        n=fact["count"], min=req["min_count"], note=note, who=seat_holders(ctx, req))
    # the perspective codes (and seat constituencies) follow the network id: every finding has its own key
    wanted = [*req.get("represents", ()), *req.get("represents_type", ())]
    return kind.finding([fact["network"], *req["perspectives"], *wanted], severity(fact), message,
                        details={**fact, "perspectives": req["perspectives"]})


def seat_holders(ctx: Context, req: dict) -> str:
    """Whom a seat requirement asks for: 'ZonMw', or the type names when no such organisation is known."""
    if req.get("allowed"):
        return ctx.names(req["allowed"], 4)
    return f" {t('analysis.or', ctx.lang)} ".join([*req.get("represents_type", ()), *req.get("represents", ())])


def find(ctx: Context, facts: dict) -> list[Finding]:
    return [perspective_finding(KIND, ctx, fact, "message") for fact in facts["composition"]
            if fact["check"] == "perspective" and fact["count"] == 0]


def suggest(ctx: Context, index, f: Finding):
    """Organisations that bring the wanted perspective, same region and known to members first; for a
    prescribed seat (:func:`suggest_seat`) the people who work at the organisations it stands for."""
    if f.details["requirement"].get("allowed") is not None:
        return suggest_seat(ctx, index, f)
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
    names = ", ".join(_explain(ctx, n, same, knows) for _, n, same, knows, _ in top)
    p = " / ".join(perspective_label(x, ctx.lang) for x in wanted)
    return t("analysis.suggest_perspective", ctx.lang, p=p, names=names), [n for _, n, *_ in top]


def suggest_seat(ctx: Context, index, f: Finding):
    """Who could take a seat on behalf of the organisations a rule names: their staff in the map (people
    whose home organisation it is) not yet seated in the body, those who know its members first; when
    the map has none, the advice to ask the organisation for a representative."""
    net, req = f.subjects[0], f.details["requirement"]
    actors, seated = ctx.actors_of(net), ctx.seats.get(net, set())
    known = {x for m in actors for x in ctx.tie_neighbours.get(m, ())}
    pool = {p for org in req["allowed"] for p in index.staff_of.get(org, ()) if p not in seated}
    ranked = sorted(pool, key=lambda p: (p not in known, -index.degree[p], str(p)))[:ctx.settings.max_suggestions]
    who = seat_holders(ctx, req)
    if not ranked:
        return KIND.text("suggest_seat_none", ctx.lang, who=who), []
    names = ", ".join(with_reasons(ctx.name(p), [t("analysis.why_known", ctx.lang)] if p in known else [])
                      for p in ranked)
    return KIND.text("suggest_seat", ctx.lang, who=who, names=names), ranked


def _explain(ctx: Context, n: str, same: bool, knows: bool) -> str:
    # "not heavily loaded" only ranks; said of every candidate it would tell the reader nothing
    why = [t(f"analysis.{k}", ctx.lang) for k, flag in (("why_region", same), ("why_known", knows)) if flag]
    return with_reasons(ctx.name(n), why)


KIND = Kind("missing_perspective", "adviesraad", ("high", "medium"),
            "high when the rule is the body's own (requirements table or body rule), medium for a type rule",
            ("composition",), find, suggest)
