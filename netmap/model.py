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

from netmap.i18n import has_text, t
from netmap.schema import EDGE_TABLES, NODE_KIND, NODE_TABLES, TABLES  # noqa: F401  (re-exported)

LEVELS: tuple[str, ...] = ("I", "II", "III", "IV")
_LEVEL_ALIASES = {"1": "I", "2": "II", "3": "III", "4": "IV", "I": "I", "II": "II", "III": "III", "IV": "IV"}

#: The default perspective vocabulary (DOMAIN.md); configurable per dataset. Names: :func:`perspective_label`.
PERSPECTIVES: tuple[str, ...] = ("jongeren", "ouders", "clienten", "professionals", "aanbieders", "wijkteams",
                                 "gemeenten", "rijk", "onderzoek", "onderwijs", "bestuur")
SCOPES = ("regional", "supraregional", "national")
#: The usual kinds of tie (docs/input-format.md); the column is open, any other kind is valid too.
TIE_KINDS: tuple[str, ...] = ("learning", "collaboration", "funding", "back_office")
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
    key = f"vocab.perspective_{code}"
    return t(key, lang) if has_text(key) else code


def level_name(code: str, lang: str = "nl") -> str:
    """The name of level ``code`` (I-IV), the code itself when it is not a level.

    >>> level_name("III", "en")
    'Knowledge and research'
    """
    key = f"vocab.level_{code}"
    return t(key, lang) if has_text(key) else code


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
