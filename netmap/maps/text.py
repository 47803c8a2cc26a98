"""What a map's reader sees: legend, controls and labels, in Dutch (default) and English.

The page gets the table for its language as data, so the JavaScript holds no
user-facing text of its own.
"""
from __future__ import annotations

from netmap.i18n import translate
from netmap.model import level_name

UI: dict[str, dict[str, str]] = {
    "search": {"nl": "Zoek een naam", "en": "Search a name"},
    "all": {"nl": "alle", "en": "all"},
    "level": {"nl": "Niveau", "en": "Level"},
    "type": {"nl": "Soort", "en": "Type"},
    "network": {"nl": "Netwerk", "en": "Network"},
    "region": {"nl": "Regio", "en": "Region"},
    "perspective": {"nl": "Perspectief", "en": "Perspective"},
    "theme": {"nl": "Thema", "en": "Theme"},
    "community": {"nl": "Cluster", "en": "Cluster"},
    "change": {"nl": "Verandering", "en": "Change"},
    "change_new": {"nl": "nieuw", "en": "new"},
    "change_gone": {"nl": "verdwenen", "en": "gone"},
    "change_changed": {"nl": "gewijzigd", "en": "changed"},
    "change_same": {"nl": "ongewijzigd", "en": "unchanged"},
    "color_by": {"nl": "Kleur naar", "en": "Colour by"},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "show_findings": {"nl": "Toon bevindingen", "en": "Show findings"},
    "no_findings": {"nl": "Geen bevindingen op deze kaart.", "en": "No findings on this map."},
    "legend": {"nl": "Legenda", "en": "Legend"},
    "details": {"nl": "Details", "en": "Details"},
    "details_hint": {"nl": "Klik op een knoop of lijn voor details.",
                     "en": "Click a node or line for details."},
    "focus": {"nl": "Focus hierop", "en": "Focus here"},
    "depth": {"nl": "Diepte", "en": "Depth"},
    "show_all": {"nl": "Toon alles", "en": "Show all"},
    "reset": {"nl": "Wis filters", "en": "Clear filters"},
    "shown": {"nl": "{shown} van {total} knopen getoond", "en": "{shown} of {total} nodes shown"},
    "no_level": {"nl": "zonder niveau", "en": "no level"},
    "multi_level": {"nl": "meerdere niveaus", "en": "several levels"},
    "no_perspective": {"nl": "geen perspectief bekend", "en": "no perspective known"},
    "no_type": {"nl": "soort onbekend", "en": "type unknown"},
    "suggestion": {"nl": "Suggestie", "en": "Suggestion"},
    "members": {"nl": "leden", "en": "members"},
    "merged": {"nl": "samengevoegd", "en": "merged"},
    "shared_members": {"nl": "Gedeelde organisaties", "en": "Shared organisations"},
    "shared_names": {"nl": "Wie", "en": "Who"},
    "jaccard": {"nl": "Overlap (deel van alle organisaties samen)", "en": "Overlap (share of all organisations)"},
    "member_count": {"nl": "Deelnemende organisaties", "en": "Organisations taking part"},
    "size_note": {"nl": "Grootte: {metric}", "en": "Size: {metric}"},
    "aggregated_note": {"nl": "Samengevoegd om de kaart leesbaar te houden: {how}.",
                        "en": "Merged to keep the map readable: {how}."},
    "focus_note": {"nl": "Focus op {name}, diepte {depth}", "en": "Focus on {name}, depth {depth}"},
    "roles_note": {"nl": "Personen getoond als rol", "en": "People shown as roles"},
    "private_label": {"nl": "afgeschermd", "en": "withheld"},
    "person": {"nl": "persoon", "en": "person"},
    "organisation": {"nl": "organisatie", "en": "organisation"},
    "nodes": {"nl": "Knopen", "en": "Nodes"},
    "lines": {"nl": "Lijnen", "en": "Lines"},
    "kind_network": {"nl": "netwerk of orgaan", "en": "network or body"},
    "kind_organisation": {"nl": "organisatie", "en": "organisation"},
    "kind_person": {"nl": "persoon", "en": "person"},
    "kind_group": {"nl": "samengevoegde groep", "en": "merged group"},
    "rel_tie_horizontal": {"nl": "horizontaal leren (binnen een niveau)",
                           "en": "horizontal learning (within a level)"},
    "rel_tie_vertical": {"nl": "verticaal leren (tussen niveaus)", "en": "vertical learning (across levels)"},
    "rel_tie_other": {"nl": "andere relatie", "en": "other tie"},
    "rel_membership": {"nl": "lidmaatschap van netwerk", "en": "network membership"},
    "rel_representation": {"nl": "vertegenwoordigt achterban", "en": "represents constituency"},
    "rel_home": {"nl": "thuisorganisatie", "en": "home organisation"},
    "rel_parent": {"nl": "onderdeel van", "en": "part of"},
    "rel_host": {"nl": "gastheer van netwerk", "en": "hosts network"},
    "rel_overlap": {"nl": "gedeelde organisaties (dikte = aantal)", "en": "shared organisations (width = count)"},
    "rel_finding": {"nl": "overlap volgens bevinding", "en": "overlap per finding"},
    "with_finding": {"nl": "heeft een bevinding (rand = ernst)", "en": "has a finding (border = severity)"},
    "sev_high": {"nl": "hoog", "en": "high"},
    "sev_medium": {"nl": "middel", "en": "medium"},
    "sev_low": {"nl": "laag", "en": "low"},
    "sev_info": {"nl": "info", "en": "info"},
    "field_kind": {"nl": "Soort knoop", "en": "Node kind"},
    "field_levels": {"nl": "Niveau", "en": "Level"},
    "field_perspectives": {"nl": "Perspectieven", "en": "Perspectives"},
    "field_type": {"nl": "Soort", "en": "Type"},
    "field_region": {"nl": "Regio", "en": "Region"},
    "field_themes": {"nl": "Thema's", "en": "Themes"},
    "field_role": {"nl": "Rol", "en": "Role"},
    "field_networks": {"nl": "Netwerken", "en": "Networks"},
    "field_members": {"nl": "Aantal", "en": "Count"},
    "field_relation": {"nl": "Relatie", "en": "Relation"},
    "field_theme": {"nl": "Thema", "en": "Theme"},
    "field_step": {"nl": "Leerstap", "en": "Learning step"},
    "field_count": {"nl": "Aantal", "en": "Count"},
    "field_metric": {"nl": "Maat", "en": "Measure"},
    "overlap_title": {"nl": "Overlap tussen netwerken", "en": "Overlap between networks"},
    "levels_title": {"nl": "Netwerkkaart per niveau", "en": "Network map by level"},
    "force_title": {"nl": "Netwerkkaart", "en": "Network map"},
}

#: Names of the size metrics, for the legend.
METRICS: dict[str, dict[str, str]] = {
    "degree": {"nl": "aantal verbindingen", "en": "number of connections"},
    "betweenness": {"nl": "brugfunctie (betweenness)", "en": "bridging (betweenness)"},
    "memberships": {"nl": "aantal netwerken", "en": "number of networks"},
    "members": {"nl": "aantal leden", "en": "number of members"},
    "organisations": {"nl": "aantal deelnemende organisaties", "en": "organisations taking part"},
    "none": {"nl": "gelijk", "en": "equal"},
}

#: Finding kinds in the reader's words.
FINDING_KINDS: dict[str, dict[str, str]] = {
    "missing_perspective": {"nl": "ontbrekend perspectief", "en": "missing perspective"},
    "composition_shortfall": {"nl": "samenstelling onvolledig", "en": "composition shortfall"},
    "unrepresented_constituency": {"nl": "achterban zonder vertegenwoordiger",
                                   "en": "unrepresented constituency"},
    "representative_without_home": {"nl": "vertegenwoordiger zonder thuisbasis",
                                    "en": "representative without home"},
    "level_gap": {"nl": "niveaukloof", "en": "level gap"},
    "network_overlap": {"nl": "overlappende netwerken", "en": "overlapping networks"},
    "multi_network_load": {"nl": "zit in veel netwerken", "en": "many networks"},
    "isolated": {"nl": "geïsoleerd", "en": "isolated"},
    "single_point_of_failure": {"nl": "kwetsbare schakel", "en": "single point of failure"},
    "single_level_network": {"nl": "netwerk op één niveau", "en": "single-level network"},
    "shared_theme": {"nl": "gedeeld thema", "en": "shared theme"},
    "multiple_seats": {"nl": "meerdere zetels", "en": "several seats"},
    "separate_component": {"nl": "los eiland", "en": "separate island"},
}

#: Network types in the reader's words (others are shown as written).
TYPES: dict[str, dict[str, str]] = {
    "rkj": {"nl": "regionale kenniswerkplaats (RKJ)", "en": "regional knowledge workshop (RKJ)"},
    "ben": {"nl": "bovenregionaal expertisenetwerk (BEN)", "en": "supra-regional expertise network (BEN)"},
    "movement": {"nl": "beweging", "en": "movement"},
    "platform": {"nl": "platform", "en": "platform"},
    "body": {"nl": "orgaan", "en": "body"},
}


def ui_text(lang: str) -> dict[str, str]:
    """Every control label of the page in ``lang`` (Dutch when unknown)."""
    return {key: entry.get(lang) or entry["nl"] for key, entry in UI.items()}


def level_label(level: str, lang: str) -> str:
    """``'I'`` -> ``'I Gezin en professionals'``.

    >>> level_label("IV", "nl")
    'IV Bestuur en overheid'
    """
    return f"{level} {level_name(level, lang)}"


def type_label(code: str, lang: str) -> str:
    """A node type in ``lang`` (as written when netmap does not know it)."""
    return TYPES.get(code, {}).get(lang, code)


def kind_label(kind: str, lang: str) -> str:
    """A finding kind in ``lang``."""
    return FINDING_KINDS.get(kind, {}).get(lang, kind.replace("_", " "))


def pick(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    """``table[key][lang]`` with Dutch as fallback."""
    return translate(table, key, lang)
