"""The report as a list of plain blocks, rendered to Markdown or HTML by their own modules.

Blocks are tuples: ``("h1"|"h2"|"h3"|"p"|"note", text)``, ``("ul", [text])``,
``("table", headers, rows)`` and ``("finding", severity, severity_label, message,
involved, suggestion[, place])``; ``place`` is ``(kind, rank)`` of a single finding (rank as the
map pages number it, see :func:`finding_ranks`), which :mod:`netmap.report.charts` turns into the
address of the map focused on it. All text is plain (unescaped); names come through
:func:`netmap.analysis.common.label`, so privacy mode and private nodes are respected.
"""
from __future__ import annotations

from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx

from netmap.analysis.analyse import Analysis
from netmap.analysis.common import join_names, label, level_label
from netmap.analysis.findings import AUDIENCES, SEVERITIES, Finding, sort_findings
from netmap.analysis.kinds import kind_explanation, kind_title
from netmap.analysis.perspectives import requirement_label
from netmap.dates import date_text
from netmap.i18n import grouped, has_text, number, t, texts_with_prefix, word
from netmap.model import LEVELS, PERSPECTIVES, perspective_label

Block = tuple


def build_document(analysis: Analysis, G: nx.MultiDiGraph, lang: str = "nl", roles_only: bool = False,
                   definitions: str | None = None, full_list: str | None = None) -> list[Block]:
    """All blocks of the report, in reading order.

    ``definitions``: the address of the definitions page written beside the report (relative, e.g.
    ``definities.html``); without it the report points to the copy inside the installed package.
    ``full_list``: the address of the page with every finding (:mod:`netmap.report.findings_page`,
    ``bevindingen.html``); a kind whose findings the report does not all show links to its part.
    """
    analysis = analysis.in_language(G, lang, roles_only)
    blocks: list[Block] = [("h1", t("report.title", lang, source=report_title(analysis)))]
    blocks += summary_blocks(analysis, lang, roles_only, G)
    if definitions:
        blocks.append(("link", t("report.definitions", lang), t("report.definitions_page", lang), definitions))
    else:
        blocks.append(("link", t("report.definitions", lang), DEFINITIONS_NAME, definitions_uri()))
    for audience in AUDIENCES:
        blocks += audience_blocks(analysis, G, audience, lang, roles_only, full_list)
    blocks += level_blocks(analysis, G, lang, roles_only)
    blocks += structure_blocks(analysis, G, lang, roles_only)
    blocks += settings_blocks(analysis, G, lang)
    return blocks


def summary_blocks(analysis: Analysis, lang: str, roles_only: bool, G: nx.MultiDiGraph | None = None) -> list[Block]:
    s = analysis.summary
    unknown = t("report.summary_unknown", lang, n=s["unknown_direction"]) if s["unknown_direction"] else ""
    sev = {k: s["by_severity"].get(k, 0) for k in SEVERITIES}
    blocks: list[Block] = [
        ("h2", t("report.summary", lang)),
        ("p", t("report.summary_map", lang, orgs=s["organisations"], nets=s["networks"], people=s["people"],
                 ties=s["learning_ties"], h=s["horizontal"], v=s["vertical"], u=unknown,
                 a=s.get("actor_ties", {}).get("ties", 0), w=s.get("network_ties", {}).get("ties", 0))),
        ("p", t("report.summary_findings", lang, n=s["findings"], **sev)),
    ]
    if s.get("as_of"):
        blocks.append(("p", as_of_sentence(analysis, lang)))
    top = summary_points(analysis.findings, G, lang, roles_only)
    if top:
        blocks += [("p", t("report.summary_top", lang)), ("ul", top)]
    if roles_only:
        blocks.append(("note", t("report.privacy_note", lang)))
    blocks += [("h3", t("report.how_to_read", lang)), ("p", t("report.how_to_read_text", lang))]
    return blocks


def as_of_sentence(analysis: Analysis, lang: str) -> str:
    """The date the analysis holds on. Without one given (``as_of`` in the settings, ``--as-of``) it is the day
    of the analysis, and the sentence says so: that date is not the data's (the diff report's rule)."""
    date = date_text(analysis.summary["as_of"], lang)
    return t("report.as_of" if analysis.settings.as_of else "report.as_of_undated", lang, date=date)


def kinds_in_order(by_kind: dict[str, list[Finding]]) -> list[str]:
    """The kinds of a section in reading order: the one with the most severe finding first, then by name."""
    return sorted(by_kind, key=lambda k: (min(SEVERITIES.index(f.severity) for f in by_kind[k]), k))


def audience_blocks(analysis: Analysis, G: nx.MultiDiGraph, audience: str, lang: str,
                    roles_only: bool, full_list: str | None = None) -> list[Block]:
    """One section: per kind of finding a heading, its explanation and the findings.

    Per kind at most ``report_max_per_kind`` findings are printed, the most severe first; the
    low and informative ones of a kind with a group sentence become one line from ``GROUP_MIN``
    on. From ``NATIONAL_FROM`` findings on (a national field) a kind prints at most its ``NATIONAL_TOP``
    most important ones. Whatever is not printed one by one is counted, and with ``full_list`` linked."""
    blocks: list[Block] = [("h2", t(f"report.section_{audience}", lang)), ("p", t(f"report.intro_{audience}", lang))]
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for f in analysis.findings:
        if f.audience == audience:
            by_kind[f.kind].append(f)
    if not by_kind:
        return blocks + [("p", t("report.none_found", lang))]
    order = kinds_in_order(by_kind)
    rank = finding_ranks(analysis.findings)
    cap = analysis.settings.report_max_per_kind
    if len(analysis.findings) > NATIONAL_FROM:  # a national field: the top few per kind, the rest counted
        cap = min(cap, NATIONAL_TOP)
    for kind in order:
        blocks += [("h3", f"{kind_title(kind, lang)} ({grouped(len(by_kind[kind]), lang)})"),
                   ("p", kind_explanation(kind, lang))]
        shown, start = 0, len(blocks)
        for severity in SEVERITIES:
            found = [f for f in by_kind[kind] if f.severity == severity]
            if not found:
                continue
            group = has_text(f"finding.{kind}.group") and severity != "high" and len(found) >= GROUP_MIN
            if group:  # near-identical lines become one finding that lists its subjects
                names = [item_label(G, f, lang, roles_only) for f in found]
                message = t(f"finding.{kind}.group", lang, n=len(found), names=join_names(names, lang, GROUP_NAMES))
                blocks.append(("finding", severity, t(f"report.severity_{severity}", lang), message, "",
                               "" if full_list else t("report.group_suggestions", lang)))
                shown += len(found)
                continue
            for f in found[:max(cap - shown, 0)]:
                blocks.append(("finding", f.severity, t(f"report.severity_{f.severity}", lang), f.message,
                               involved_label(G, f, lang, roles_only), f.suggestion, (f.kind, rank.get(f.key))))
            shown += min(len(found), max(cap - shown, 0))
        one_by_one = sum(1 for b in blocks[start:] if b[0] == "finding" and len(b) > 6)
        if full_list and one_by_one < len(by_kind[kind]):
            rest = len(by_kind[kind]) - one_by_one
            key = "report.more_page_one" if rest == 1 else "report.more_page"
            blocks.append(("link", t(key, lang, n=rest), t("report.more_page_link", lang, n=len(by_kind[kind])),
                           f"{full_list}#k-{kind}"))
        elif len(by_kind[kind]) > shown:
            blocks.append(("note", t("report.more", lang, n=len(by_kind[kind]) - shown)))
    return blocks


def finding_ranks(findings: list[Finding]) -> dict[tuple, int]:
    """Each finding's place in priority order (0 first): the number a map page knows it by (``#finding=``)."""
    ranks: dict[tuple, int] = {}
    for i, f in enumerate(sort_findings(list(findings))):
        ranks.setdefault(f.key, i)
    return ranks


#: a report with more findings than this is at national scale: per kind only the top ``NATIONAL_TOP`` are printed
NATIONAL_FROM = 200
NATIONAL_TOP = 5
#: the summary lists this many points, high and medium findings in priority order
SUMMARY_TOP = 5


def summary_points(findings: list[Finding], G: nx.MultiDiGraph | None, lang: str, roles_only: bool) -> list[str]:
    """The summary's main points: the first ``SUMMARY_TOP`` high and medium findings in priority order, where
    findings about one weak spot make one point.

    One weak spot seen from several sides is one point: the single points of failure that cut off the same
    part (Hanze and RKJ Friesland each hold Werkplaats Sociaal Domein Noord) are named together in one
    sentence (:func:`same_spot_text`); later findings about a spot already listed join its point.
    """
    points: list[tuple[set[str], list[Finding]]] = []  # (the spot's parts, its findings)
    for f in findings:
        if f.severity not in ("high", "medium"):
            continue
        spot = weak_spot(f)
        same = next((p for p in points if spot and p[0] & spot), None)
        if same is not None:
            same[0].update(spot)
            same[1].append(f)
        elif len(points) < SUMMARY_TOP:
            points.append((set(spot), [f]))
    return [group[0].message if len(group) == 1 or G is None else same_spot_text(G, group, lang, roles_only)
            for _, group in points]


def weak_spot(f: Finding) -> set[str]:
    """The part a single point of failure cuts off (the best-known node of each cut-off piece); empty for any
    other finding (and for the trivial cuts, which are one low finding)."""
    if f.kind != "single_point_of_failure":
        return set()
    return {p["best"] for p in f.details.get("pieces") or () if p.get("best")}


def same_spot_text(G: nx.MultiDiGraph, group: list[Finding], lang: str, roles_only: bool) -> str:
    """One sentence for several single points of failure cutting off the same part: 'Als A of B wegvalt, raakt
    X (4 tot 5 actoren) los van de kern met de KBL-organen (2 kwetsbare schakels voor hetzelfde deel).'"""
    spot = set.intersection(*(weak_spot(f) for f in group)) or set.union(*(weak_spot(f) for f in group))
    via = []
    for f in group:
        names = [label(G, s, roles_only, lang) for s in f.subjects if s in G]
        via.append(t("finding.single_point_of_failure.via_tie", lang, names=join_names(names, lang))
                   if len(names) == 2 else join_names(names, lang))
    parts = []
    for best in sorted(spot, key=lambda b: label(G, b, roles_only, lang) if b in G else b):
        pieces = [p for f in group for p in f.details.get("pieces") or () if p.get("best") == best]
        low, high = min(p["size"] for p in pieces), max(p["size"] for p in pieces)
        name = label(G, best, roles_only, lang) if best in G else best
        if high == 1:
            parts.append(name)
            continue
        n = grouped(high, lang) if low == high else t("report.size_range", lang, low=low, high=high)
        network = pieces[0]["networks"] == 1 and best in G and G.nodes[best].get("kind") == "network"
        key = "network_size" if network else "group_size"
        parts.append(t(f"finding.single_point_of_failure.{key}", lang, name=name, n=n))
    key = "report.summary_same_spot_many" if len(parts) > 1 else "report.summary_same_spot"
    return t(key, lang, via=join_or(via, lang), groups=join_names(parts, lang, 4), n=len(group))


def join_or(names: list[str], lang: str) -> str:
    """'A, B of C' (English 'A, B or C')."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {t('report.or', lang)} " + names[-1]
#: a kind's findings of one severity are grouped from this many on (kinds with a ``group`` text)
GROUP_MIN = 4
#: a grouped finding names this many subjects, then '... en n anderen'
GROUP_NAMES = 12
#: the name of the definitions document (docs/analyses.md, shipped as netmap/docs/analyses.md)
DEFINITIONS_NAME = "docs/analyses.md"


def definitions_uri() -> str:
    """Where the definitions of every measure are: the copy inside the installed package (works offline)."""
    path = Path(str(resources.files("netmap") / "docs" / "analyses.md"))
    return path.resolve().as_uri() if path.exists() else DEFINITIONS_NAME


def report_title(analysis: Analysis) -> str:
    """The data's name: the ``title`` setting, else the file or folder name made readable ('kbl' -> 'KBL').

    >>> prettify("mijn_netwerk-2026.xlsx"), prettify("kbl"), prettify("kbl-realistisch")
    ('Mijn netwerk 2026', 'KBL', 'KBL realistisch')
    """
    return getattr(analysis.settings, "title", "") or prettify(analysis.summary.get("source") or "") or "netmap"


def prettify(source: str) -> str:
    """A file or folder name as a title (see :func:`report_title`)."""
    stem = Path(source).name
    for suffix in (".xlsx", ".xls", ".csv", ".yaml", ".yml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    words = [w for w in stem.replace("_", " ").replace("-", " ").split() if w]
    # short all-letter words of a file name are abbreviations (kbl, rkj, ben, njr)
    words = [w.upper() if len(w) <= 3 and w.isalpha() and w.lower() in ABBREVIATIONS else w for w in words]
    if words and not words[0].isupper():
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


ABBREVIATIONS = {"kbl", "rkj", "ben", "njr", "nji", "vws", "vng", "sbj", "jz", "awtj"}


def involved_label(G: nx.MultiDiGraph, f: Finding, lang: str, roles_only: bool) -> str:
    """The parties of a finding: its subjects that are actors, networks or bodies (never a perspective code);
    a finding about levels names the levels."""
    nodes = [s for s in f.subjects if s in G]
    if not nodes:
        nodes = [s for s in f.subjects if s in LEVELS]
    return join_names([subject_label(G, s, lang, roles_only) for s in nodes], lang, 6)


def item_label(G: nx.MultiDiGraph, f: Finding, lang: str, roles_only: bool) -> str:
    """One finding as an item of a grouped finding: 'A', 'A en B', or 'RKJ X (ouders en verzorgers)'; a finding
    about a theme is named by its theme: "'wachttijden' (A en B)"."""
    if f.details.get("theme") and f.subjects:
        networks = join_names([subject_label(G, s, lang, roles_only) for s in f.subjects], lang, 2)
        return f"'{f.details['theme']}' ({networks})"
    nodes = [subject_label(G, s, lang, roles_only) for s in f.subjects if s in G]
    rest = [subject_label(G, s, lang, roles_only) for s in f.subjects if s not in G]
    text = join_names(nodes, lang, 3) if nodes else join_names(rest, lang, 3)
    return f"{text} ({', '.join(rest)})" if nodes and rest else text


def subject_label(G: nx.MultiDiGraph, subject: str, lang: str, roles_only: bool) -> str:
    """A subject as a reader knows it: a node's name, a level, or a perspective."""
    if subject in G:
        return label(G, subject, roles_only, lang)
    if subject in LEVELS:
        return level_label(subject, lang)
    if subject in PERSPECTIVES:
        return perspective_label(subject, lang)
    return subject


def matrix_rows(matrix: dict[str, dict[str, int]], lang: str, upper: bool = False) -> list[list[str]]:
    """The rows of a level matrix; ``upper``: only the diagonal and above (a tie matrix counts each tie once)."""
    return [[level_label(a, lang)] + ["" if upper and LEVELS.index(b) < LEVELS.index(a) else grouped(matrix[a][b], lang)
                                      for b in LEVELS] for a in LEVELS]


def _tie_matrix_text(key: str, counts: dict[str, int], lang: str) -> str:
    unknown = t("report.matrix_unknown", lang, n=counts["unknown"]) if counts["unknown"] else ""
    return t(key, lang, n=counts["horizontal"] + counts["vertical"], h=counts["horizontal"], v=counts["vertical"],
             u=unknown)


def level_blocks(analysis: Analysis, G: nx.MultiDiGraph, lang: str, roles_only: bool) -> list[Block]:
    """The level matrices and the per-network table."""
    headers = [t("report.col_level", lang)] + list(LEVELS)
    zero = {"horizontal": 0, "vertical": 0, "unknown": 0}
    actor_ties, network_ties = analysis.summary.get("actor_ties", zero), analysis.summary.get("network_ties", zero)
    blocks: list[Block] = [
        ("h2", t("report.levels_section", lang)),
        ("h3", t("report.level_matrix", lang)), ("p", _tie_matrix_text("report.level_matrix_text", actor_ties, lang)),
        ("table", headers, matrix_rows(analysis.level_matrix, lang, upper=True)),
    ]
    if analysis.facts.get("network_level_matrix"):
        blocks += [("h3", t("report.network_level_matrix", lang)),
                   ("p", _tie_matrix_text("report.network_level_matrix_text", network_ties, lang)),
                   ("table", headers, matrix_rows(analysis.facts["network_level_matrix"], lang, upper=True))]
    blocks += [
        ("h3", t("report.channel_matrix", lang)), ("p", t("report.channel_matrix_text", lang)),
        ("table", headers, matrix_rows(analysis.channel_matrix, lang)),
        ("h3", t("report.networks_table", lang)), ("p", t("report.networks_table_text", lang)),
    ]
    rows = []
    for row in analysis.facts.get("network_table", []):
        ties = row["ties_inside"]
        ei = "" if row["ei_index"] is None else number(row["ei_index"], lang, "+.2f")
        inside = f"{grouped(ties['horizontal'], lang)}/{grouped(ties['vertical'], lang)}"
        levels = ", ".join(row["levels"])
        members = row.get("member_levels")
        if members and members != row["levels"]:  # BEN Oost is declared II, its members sit on II and III
            levels = t("report.levels_of_members", lang, levels=levels or "?", members=", ".join(members))
        rows.append([label(G, row["id"], roles_only, lang), word("types", row["type"], lang),
                     levels, grouped(row["members"], lang), inside, ei,
                     str(row["perspective_count"]), number(row["blau"], lang)])
    cols = ["col_network", "col_type", "col_levels", "col_members", "col_ties", "col_ei", "col_perspectives",
            "col_diversity"]
    cap = TABLE_ROWS
    if len(rows) > cap:  # at national scale: the largest networks here, every one in bevindingen.json
        order = sorted(range(len(rows)), key=lambda i: -int(rows[i][3]))[:cap]
        blocks.append(("p", t("report.networks_table_top", lang, n=cap, total=len(rows))))
        rows = [rows[i] for i in sorted(order)]
    blocks.append(("table", [t(f"report.{c}", lang) for c in cols], rows))
    return blocks


#: the per-network table shows at most this many networks (the largest)
TABLE_ROWS = 25


def structure_blocks(analysis: Analysis, G: nx.MultiDiGraph, lang: str, roles_only: bool) -> list[Block]:
    """Top actors by degree, betweenness, eigenvector and brokerage between levels."""
    s, top = analysis.summary, analysis.facts.get("structure_top", {})
    blocks: list[Block] = [("h2", t("report.structure_section", lang)), ("p", t("report.structure_text", lang)),
                           ("p", t("report.structure_counts", lang, c=s["components"], m=s["communities"],
                                    method=s["community_method"].capitalize()))]  # Leiden, Louvain: names
    if s["betweenness"]["method"] == "sampled":
        how = s["betweenness"]
        blocks.append(("note", t("report.betweenness_sampled", lang, samples=how["samples"],
                                 confidence=number(100 * how["confidence"], lang, ".0f") + "%",
                                 error=number(how["error"], lang, ".4f"))))
    if not s["eigenvector_converged"]:
        blocks.append(("note", t("report.eigenvector_approx", lang)))
    for key in ("degree", "betweenness", "eigenvector", "level_brokers"):
        rows = []
        for row in top.get(key, []):
            raw = row["value"]
            value = number(raw, lang, ".4f") if isinstance(raw, float) else \
                grouped(raw, lang) if isinstance(raw, int) else str(raw)
            if "error" in row:
                value += " ± " + number(row["error"], lang, ".4f")
            rows.append([label(G, row["id"], roles_only, lang), value])
        if rows:
            head = [t("report.col_actor", lang), t("report.col_value", lang)]
            blocks += [("h3", t(f"report.top_{key}", lang)), ("table", head, rows)]
    return blocks


def settings_blocks(analysis: Analysis, G: nx.MultiDiGraph, lang: str) -> list[Block]:
    """The thresholds with their meaning, the rule set and the data's requirements."""
    settings = analysis.settings.to_dict()
    rows = [[name, setting_value(name, settings[name], lang), meaning]
            for name, meaning in texts_with_prefix("report.setting", lang).items()]
    if not analysis.settings.as_of:  # the day of the analysis stands in for a date nobody gave
        rows = [[n, v + t("report.as_of_default", lang) if n == "as_of" else v, m] for n, v, m in rows]
    blocks: list[Block] = [("h2", t("report.settings_section", lang)), ("p", t("report.settings_text", lang)),
                           ("table", [t("report.col_setting", lang), t("report.col_value", lang),
                                      t("report.col_meaning", lang)], rows),
                           ("h3", t("report.rules_section", lang)),
                           ("p", t("report.rules_text", lang, path=settings["rules_path"]))]
    rules = analysis.settings.rules
    items = [(t("report.rule_type", lang, name=word("types", k, lang)), r) for k, r in rules["types"].items()]
    items += [(label(G, k, lang=lang) if k in G else k, r) for k, r in rules["bodies"].items()]
    blocks.append(("ul", [f"{name}: {_rule_text(rule, lang)}" for name, rule in items]))
    table = G.graph.get("requirements") or []
    if table:
        blocks += [("h3", t("report.requirements_table", lang)),
                   ("ul", [f"{label(G, r['body_id'], lang=lang) if r['body_id'] in G else r['body_id']}: "
                           + t("report.rule_at_least", lang, n=r.get("min_count", 1),
                               p=perspective_label(r["perspective"], lang))
                           + (f" ({r['note']})" if r.get("note") else "") for r in table])]
    return blocks


#: The settings whose values are codes of the data, and the catalogue topic that names each code for a reader
#: (the words the findings and maps use for them too).
SETTING_CODE_TOPICS = {"tie_kinds": "diff.tie_kind", "brokerage_tie_kinds": "diff.tie_kind",
                       "constituency_types": "types"}


def setting_value(name: str, value, lang: str) -> str:
    """The value of setting ``name`` as a reader reads it: codes in the reader's words (``learning`` ->
    ``leerrelatie``), the date written out, numbers with the reader's decimal comma; a list without the
    repeats its words make (``ouderorganisatie`` and ``parent organisation`` are one word in Dutch).

    >>> setting_value("tie_kinds", ["learning", "mentoring"], "nl"), setting_value("tie_kinds", ["learning"], "en")
    ('leerrelatie, mentoring', 'learning tie')
    >>> setting_value("overlap_threshold", 0.5, "nl"), setting_value("as_of", "2026-12-02", "nl")
    ('0,5', '2 december 2026')
    """
    if name == "as_of":
        return date_text(value, lang)
    topic = SETTING_CODE_TOPICS.get(name)
    items = value if isinstance(value, list) else [value]
    shown = [word(topic, str(item), lang) if topic else _reader_value(item, lang) for item in items]
    return ", ".join(dict.fromkeys(shown))


def _reader_value(value, lang: str) -> str:
    if isinstance(value, float):
        return number(value, lang, "g")
    if isinstance(value, int) and not isinstance(value, bool):
        return grouped(value, lang)
    return str(value)


def _rule_text(rule: dict, lang: str) -> str:
    parts = []
    bounds = rule.get("members") or {}
    if bounds:
        parts.append(t("report.rule_members", lang, min=bounds.get("min", 0), max=bounds.get("max", "…")))
    for req in rule["requires"]:
        what = requirement_label(req, lang)
        # a seat's label may say how many itself ('2 bestuursleden SBJ'): then not 'minstens 2× 2 bestuursleden'
        counted = what.startswith(f"{req['min_count']} ")
        parts.append(what if counted else t("report.rule_at_least", lang, n=req["min_count"], p=what))
    return "; ".join(parts)
