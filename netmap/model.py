"""The domain: levels, perspectives, the input tables and the validated Dataset. No I/O.

Levels I-IV are the four layers of the youth-care field; a tie between actors
that share a level is *horizontal* learning, otherwise *vertical*.

>>> parse_level("3")
'III'
>>> tie_direction(("I", "II"), ("II",))
'horizontal'
>>> tie_direction(("I",), ("IV",))
'vertical'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LEVELS: tuple[str, ...] = ("I", "II", "III", "IV")
LEVEL_NAMES: dict[str, dict[str, str]] = {
    "I": {"nl": "Gezin en professionals", "en": "Families and professionals"},
    "II": {"nl": "Organisatie en beleid", "en": "Organisation and policy"},
    "III": {"nl": "Kennis en onderzoek", "en": "Knowledge and research"},
    "IV": {"nl": "Bestuur en overheid", "en": "Governance and government"},
}
_LEVEL_ALIASES = {"1": "I", "2": "II", "3": "III", "4": "IV", "I": "I", "II": "II", "III": "III", "IV": "IV"}

#: The default perspective vocabulary (DOMAIN.md); configurable per dataset.
PERSPECTIVES: dict[str, dict[str, str]] = {
    "jongeren": {"nl": "jongeren (ervaringsdeskundig)", "en": "youth with lived experience"},
    "ouders": {"nl": "ouders en verzorgers", "en": "parents and carers"},
    "clienten": {"nl": "cliëntorganisaties", "en": "client organisations"},
    "professionals": {"nl": "professionals", "en": "professionals"},
    "aanbieders": {"nl": "aanbieders en branches", "en": "providers and branches"},
    "wijkteams": {"nl": "wijkteams", "en": "neighbourhood teams"},
    "gemeenten": {"nl": "gemeenten", "en": "municipalities"},
    "rijk": {"nl": "Rijk", "en": "national government"},
    "onderzoek": {"nl": "onderzoek", "en": "research"},
    "onderwijs": {"nl": "onderwijs en opleiding", "en": "education and training"},
    "bestuur": {"nl": "bestuur en management", "en": "management and board"},
}

NODE_TABLES = ("organisations", "networks", "people")
EDGE_TABLES = ("memberships", "representation", "ties", "requirements")
TABLES = NODE_TABLES + EDGE_TABLES

#: Per table: required columns, optional columns, multi-valued columns.
REQUIRED: dict[str, tuple[str, ...]] = {
    "organisations": ("id", "name"),
    "networks": ("id", "name"),
    "people": ("id", "name"),
    "memberships": ("member_id", "network_id"),
    "representation": ("person_id", "constituency_id"),
    "ties": ("source_id", "target_id"),
    "requirements": ("body_id", "perspective"),
}
OPTIONAL: dict[str, tuple[str, ...]] = {
    "organisations": ("type", "level", "perspectives", "region", "parent_id", "private"),
    "networks": ("type", "level", "scope", "region", "host_id", "themes", "perspectives", "private"),
    "people": ("role", "perspectives", "home_organisation_id", "level", "private"),
    "memberships": ("role", "since", "until"),
    "representation": ("body_id", "seat"),
    "ties": ("kind", "theme", "cycle_step", "weight", "since", "until", "note"),
    "requirements": ("min_count", "note"),
}
MULTI_VALUED = {"level", "perspectives", "themes"}
SCOPES = ("regional", "supraregional", "national")
NODE_KIND = {"organisations": "organisation", "networks": "network", "people": "person"}
#: The relationship type in Neo4j for each graph relation (netmap load and the Cypher script export),
#: and the one from a body to its composition requirements.
NEO4J_REL_TYPES = {"membership": "MEMBER_OF", "representation": "REPRESENTS", "home": "HOME_ORGANISATION",
                   "parent": "PART_OF", "host": "HOSTED_BY", "tie": "TIE"}
NEO4J_REQUIRES = "REQUIRES"


def perspective_label(code: str, lang: str = "nl") -> str:
    """The readable name of a perspective code, the code itself when not in the vocabulary.

    >>> perspective_label("ouders")
    'ouders en verzorgers'
    """
    entry = PERSPECTIVES.get(code)
    return entry.get(lang) or entry["nl"] if entry else code


def parse_level(text: str) -> str | None:
    """Return the Roman level for ``text`` (``'3'`` or ``'iii'`` -> ``'III'``), or None."""
    return _LEVEL_ALIASES.get(str(text).strip().upper())


def tie_direction(levels_a: tuple[str, ...], levels_b: tuple[str, ...]) -> str | None:
    """'horizontal' if the two ends share a level, 'vertical' if not, None if a level is unknown."""
    if not levels_a or not levels_b:
        return None
    return "horizontal" if set(levels_a) & set(levels_b) else "vertical"


def effective_levels(own: dict[str, tuple[str, ...]], home: dict[str, str],
                     members: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """Levels per node as every analysis, map and export uses them (the one definition).

    ``own``: each node's own levels; ``home``: person -> home organisation;
    ``members``: network -> its members. A person without levels takes the home
    organisation's; a network without levels the union of its members' (in I..IV order).
    The direction of a tie (:func:`tie_direction`) is taken between effective levels.

    >>> effective_levels({"p": (), "o": ("I",), "n": ()}, {"p": "o"}, {"n": {"p"}})
    {'p': ('I',), 'o': ('I',), 'n': ('I',)}
    """
    result = {n: lv or (own.get(home[n], ()) if n in home else ()) for n, lv in own.items()}
    for net, mem in members.items():
        if not result[net]:
            found = {lv for m in mem for lv in result[m]}
            result[net] = tuple(lv for lv in LEVELS if lv in found)
    return result


def level_span(levels_a: tuple[str, ...], levels_b: tuple[str, ...]) -> tuple[str, ...]:
    """The levels a vertical tie spans, ends included (``I``-``III`` spans I, II, III)."""
    idx = [LEVELS.index(x) for x in (*levels_a, *levels_b)]
    if not idx:
        return ()
    return LEVELS[min(idx): max(idx) + 1]


@dataclass
class Node:
    """An organisation, network/body or person."""

    id: str
    kind: str  # organisation | network | person
    name: str
    type: str = ""
    levels: tuple[str, ...] = ()
    perspectives: tuple[str, ...] = ()
    region: str = ""
    private: bool = False
    role: str = ""  # people: the role shown instead of the name in privacy mode
    parent_id: str = ""  # organisations
    home_organisation_id: str = ""  # people: the back-office tie
    host_id: str = ""  # networks
    scope: str = ""  # networks
    themes: tuple[str, ...] = ()  # networks
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Membership:
    member_id: str
    network_id: str
    role: str = "member"
    since: str = ""
    until: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Representation:
    person_id: str
    constituency_id: str
    body_id: str = ""
    seat: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Tie:
    source_id: str
    target_id: str
    kind: str = "learning"
    theme: str = ""
    cycle_step: int | None = None
    weight: float = 1.0
    since: str = ""
    until: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Requirement:
    body_id: str
    perspective: str
    min_count: int = 1
    note: str = ""


@dataclass
class Dataset:
    """A validated map: every id unique, every reference resolved."""

    nodes: dict[str, Node] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    representation: list[Representation] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    source: str = ""

    def of_kind(self, kind: str) -> list[Node]:
        """The nodes of one kind ('organisation', 'network' or 'person'), in input order."""
        return [n for n in self.nodes.values() if n.kind == kind]

    def counts(self) -> dict[str, int]:
        """How many records each table holds."""
        return {
            "organisations": len(self.of_kind("organisation")),
            "networks": len(self.of_kind("network")),
            "people": len(self.of_kind("person")),
            "memberships": len(self.memberships),
            "representation": len(self.representation),
            "ties": len(self.ties),
            "requirements": len(self.requirements),
        }
