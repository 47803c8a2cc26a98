"""The privacy policy: which nodes a reader may not see by name, what they see instead, which ids they get.

Every output asks this module, so one node is hidden alike in the report, the
findings JSON, the maps, the diff, the exports and the stored-run comparison:

- :func:`is_hidden` answers *whether*: a node marked ``private`` is hidden from
  every reader; people are hidden too when the output is to be shared
  (``roles_only``, the :class:`Audience` ``SHARED``).
- :func:`shown_label` answers *what instead*: a person's role (else "persoon"),
  any other node its type in the reader's words plus "(afgeschermd)"; never the
  name, never the id (ids are often names too: ``jan_de_vries_bv``).
- :data:`HIDDEN_FIELDS` lists what a hidden node loses (identifying and free-text
  fields), :data:`RELATION_HIDDEN_FIELDS` what a relation touching one loses.
- :func:`pseudonyms` gives hidden nodes ids that say nothing (``persoon-1``,
  ``afgeschermd-1``, numbered in input order) for machine-readable outputs that
  are shared; :func:`apply_privacy` returns a Dataset copy with all of it applied
  (every export goes through it), :func:`pseudonymise` replaces ids in JSON data.

Machine-readable outputs that are *not* shared (exports without ``roles_only``)
carry the data as it is: they are the owner's own data, read back by netmap.

>>> node = {"kind": "organisation", "name": "Jan de Vries BV", "type": "aanbieder", "private": True}
>>> is_hidden(node), shown_label(node), shown_label(node, "en")
(True, 'aanbieder (afgeschermd)', 'care provider (withheld)')
>>> person = {"kind": "person", "name": "Klaas", "role": "coach"}
>>> is_hidden(person), is_hidden(person, roles_only=True), shown_label(person)
(False, True, 'coach')
"""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from netmap.i18n import t, word
from netmap.model import Dataset, Node

PERSON_PREFIX = "persoon"
PRIVATE_PREFIX = "afgeschermd"
#: What a hidden node loses: its identifying and free-text fields. (The lead wires this to the
#: schema's column privacy classes once ``netmap/schema.py`` has them.)
HIDDEN_FIELDS = ("id", "name", "region", "themes", "note", "extra")
#: What a relation (membership, seat, tie) touching a hidden node loses.
RELATION_HIDDEN_FIELDS = ("note", "extra")


@dataclass(frozen=True)
class Audience:
    """Who reads an output. Today one question: is the output to be shared (people as roles)?

    Later the reader's role (bureau, adviesraad, the public) decides more; every
    function here takes an Audience or, for short, ``roles_only`` as a bool.
    """

    roles_only: bool = False

    @classmethod
    def of(cls, value: Audience | bool | None) -> Audience:
        """An Audience from an Audience or a ``roles_only`` flag."""
        return value if isinstance(value, Audience) else (SHARED if value else INTERNAL)


INTERNAL = Audience(roles_only=False)
SHARED = Audience(roles_only=True)


def _get(data: Mapping[str, Any] | Node, field: str) -> Any:
    return data.get(field) if isinstance(data, Mapping) else getattr(data, field, None)


def is_hidden(data: Mapping[str, Any] | Node, roles_only: Audience | bool = False) -> bool:
    """Whether this node's name, id and identifying fields must stay out of the output.

    ``data`` is a graph node's attributes or a :class:`~netmap.model.Node`.
    """
    return bool(_get(data, "private")) or (Audience.of(roles_only).roles_only and _get(data, "kind") == "person")


def shown_label(data: Mapping[str, Any] | Node, lang: str = "nl") -> str:
    """What a hidden node is called instead of its name: a person's role, else its type, withheld."""
    kind = _get(data, "kind") or ""
    if kind == "person":
        return _get(data, "role") or t("privacy.person", lang)
    code = _get(data, "type") or ""
    what = word("types", code, lang) if code else (t(f"privacy.{kind}", lang) if kind in ("organisation", "network")
                                                   else kind)
    return t("privacy.hidden_label", lang, what=what)


def label(data: Mapping[str, Any] | Node, roles_only: Audience | bool = False, lang: str = "nl") -> str:
    """The name a reader sees: the node's name, or :func:`shown_label` when it is hidden from them."""
    return shown_label(data, lang) if is_hidden(data, roles_only) else str(_get(data, "name") or "")


def visible(data: Mapping[str, Any], roles_only: Audience | bool = False) -> dict[str, Any]:
    """The fields of a node a reader may see: all of them, or all but :data:`HIDDEN_FIELDS` when hidden."""
    if not is_hidden(data, roles_only):
        return dict(data)
    return {k: v for k, v in data.items() if k not in HIDDEN_FIELDS}


def pseudonyms(nodes: Iterable[tuple[str, Mapping[str, Any] | Node]],
               roles_only: Audience | bool = True) -> dict[str, str]:
    """Original id -> pseudonymous id for every hidden node of ``(id, data)`` pairs, in their order.

    >>> pseudonyms([("jan", {"kind": "person"}), ("bv", {"kind": "organisation", "private": True})])
    {'jan': 'persoon-1', 'bv': 'afgeschermd-1'}
    """
    nodes = list(nodes)
    taken = {node_id for node_id, _ in nodes}
    mapping: dict[str, str] = {}
    counters = {PERSON_PREFIX: 0, PRIVATE_PREFIX: 0}
    for node_id, data in nodes:
        if not is_hidden(data, roles_only):
            continue
        prefix = PERSON_PREFIX if _get(data, "kind") == "person" else PRIVATE_PREFIX
        while True:
            counters[prefix] += 1
            candidate = f"{prefix}-{counters[prefix]}"
            if candidate not in taken:
                break
        taken.add(candidate)
        mapping[node_id] = candidate
    return mapping


def graph_pseudonyms(G: Any, roles_only: Audience | bool) -> dict[str, str]:
    """:func:`pseudonyms` of a graph's nodes; empty unless the output is shared (``roles_only``)."""
    if not Audience.of(roles_only).roles_only:
        return {}
    return pseudonyms(G.nodes(data=True), roles_only)


def pseudonymise(value: Any, ids: Mapping[str, str]) -> Any:
    """``value`` (JSON-ready data) with every string that is a hidden id replaced by its pseudonym."""
    if not ids:
        return value
    if isinstance(value, dict):
        return {ids.get(k, k) if isinstance(k, str) else k: pseudonymise(v, ids) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [pseudonymise(v, ids) for v in value]
    return ids.get(value, value) if isinstance(value, str) else value


def _cleared(record: Any, fields: Iterable[str]) -> dict[str, Any]:
    empty: dict[str, Any] = {"extra": {}, "themes": ()}
    return {f: empty.get(f, "") for f in fields if hasattr(record, f)}


#: Shorter names and ids are not searched for in free text (they would blank ordinary words).
MIN_SCRUB_LENGTH = 4


def hidden_terms(nodes: Iterable[tuple[str, Mapping[str, Any] | Node]], roles_only: Audience | bool = True,
                 lang: str = "nl") -> dict[str, str]:
    """The name and id of every hidden node -> what a reader sees instead (its shown label).

    >>> hidden_terms([("jan_bv", {"kind": "organisation", "name": "Jan BV", "type": "aanbieder", "private": True})])
    {'Jan BV': 'aanbieder (afgeschermd)', 'jan_bv': 'aanbieder (afgeschermd)'}
    """
    terms = HiddenTerms()
    for node_id, data in nodes:
        if is_hidden(data, roles_only):
            shown = shown_label(data, lang)
            for term in (str(_get(data, "name") or "").strip(), str(node_id).strip()):
                if len(term) >= MIN_SCRUB_LENGTH and term != shown:
                    terms.setdefault(term, shown)
    return terms


class HiddenTerms(dict):
    """What :func:`hidden_terms` returns: a dict that compiles its search pattern once, for :func:`scrub`."""

    _compiled: tuple[re.Pattern[str], dict[str, str]] | None = None

    def compiled(self) -> tuple[re.Pattern[str], dict[str, str]]:
        if self._compiled is None:
            # the same terms come back for each document of one run (findings, report, full list): compiled once
            self._compiled = _compiled_for(tuple(self.items()))  # in order: the order the terms are tried in
        return self._compiled


@lru_cache(maxsize=4)  # a run's documents share one set of terms; the service has a few snapshots (thread-safe)
def _compiled_for(terms: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    return _compile_terms(dict(terms))


def _compile_terms(terms: Mapping[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One case-insensitive pattern for every term, as a trie (each position is tried against the terms' shared
    prefixes, not against every term: linear in the text, whatever the number of hidden nodes), and the
    lower-cased term -> label table. The longest term wins where several start at one place."""
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for ch in term.lower():
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a term may end here: a longer one is tried first (greedy), then this one
            return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    lowered = {k.lower(): v for k, v in terms.items()}
    return re.compile(pattern(trie), re.IGNORECASE), lowered


def scrub(value: Any, terms: Mapping[str, str]) -> Any:
    """Free text with every hidden node's name or id (any case) replaced by its shown label.

    Lists, tuples and dicts are scrubbed value by value; other values are returned as they are.

    >>> scrub("Overleg met JAN BV en Jan BV", {"Jan BV": "aanbieder (afgeschermd)"})
    'Overleg met aanbieder (afgeschermd) en aanbieder (afgeschermd)'
    """
    if not terms:
        return value
    if isinstance(value, str):
        pattern, lowered = terms.compiled() if isinstance(terms, HiddenTerms) else _compile_terms(terms)
        return pattern.sub(lambda m: lowered.get(m.group().lower(), m.group()), value)
    if isinstance(value, (list, tuple)):
        return type(value)(scrub(v, terms) for v in value)
    if isinstance(value, dict):
        return {k: scrub(v, terms) for k, v in value.items()}
    return value


def private_in_either(old: Dataset, new: Dataset) -> tuple[Dataset, Dataset]:
    """Copies of two versions in which a node marked private in either is private in both.

    A comparison of versions (``netmap diff``, ``runs compare``) shows a node that was private
    before and is not now, or the reverse, by its shown label only: neither its old private
    name, id or region nor its new ones. The flag's change itself is not reported.

    >>> a = Dataset(nodes={"x": Node("x", "organisation", "Geheim BV", type="aanbieder", private=True)})
    >>> b = Dataset(nodes={"x": Node("x", "organisation", "Open BV", type="aanbieder")})
    >>> [d.nodes["x"].private for d in private_in_either(a, b)]
    [True, True]
    """
    hidden = {i for d in (old, new) for i, n in d.nodes.items() if n.private}

    def marked(dataset: Dataset) -> Dataset:
        out = copy.copy(dataset)
        out.nodes = {i: replace(n, private=True) if i in hidden and not n.private else n
                     for i, n in dataset.nodes.items()}
        return out

    return marked(old), marked(new)


def apply_privacy(dataset: Dataset, roles_only: Audience | bool = True) -> Dataset:
    """A copy of ``dataset`` with hidden nodes under pseudonyms, labelled by :func:`shown_label`.

    Hidden nodes lose :data:`HIDDEN_FIELDS`; memberships, seats and ties touching them lose
    :data:`RELATION_HIDDEN_FIELDS`. Levels, perspectives, roles, types and the structure are
    kept: the analyses need them and they identify no one.

    >>> ds = Dataset(nodes={"jan": Node("jan", "person", "Jan de Vries", role="voorzitter")})
    >>> [(n.id, n.name) for n in apply_privacy(ds).nodes.values()]
    [('persoon-1', 'voorzitter')]
    """
    mapping = pseudonyms(dataset.nodes.items(), roles_only)
    terms = hidden_terms(dataset.nodes.items(), roles_only)
    out = Dataset(source=dataset.source)

    def text(record: Any) -> dict[str, Any]:
        """The free text of a kept record, with hidden nodes' names and ids scrubbed."""
        fields = {f: scrub(getattr(record, f), terms) for f in ("note", "extra", "themes", "role", "seat")
                  if hasattr(record, f)}
        return {f: v for f, v in fields.items() if v != getattr(record, f)}

    def ref(node_id: str) -> str:
        return mapping.get(node_id, node_id)

    for node in dataset.nodes.values():
        new = copy.deepcopy(node)
        if node.id in mapping:
            new = replace(new, **_cleared(new, HIDDEN_FIELDS))
            new = replace(new, id=mapping[node.id], name=shown_label(node))
        else:
            new = replace(new, name=scrub(new.name, terms), **text(new))
        new.parent_id, new.home_organisation_id, new.host_id = (
            ref(node.parent_id), ref(node.home_organisation_id), ref(node.host_id))
        out.nodes[new.id] = new
    for m in dataset.memberships:
        touched = m.member_id in mapping or m.network_id in mapping
        out.memberships.append(replace(m, member_id=ref(m.member_id), network_id=ref(m.network_id),
                                       **(_cleared(m, RELATION_HIDDEN_FIELDS) if touched else text(m))))
    for r in dataset.representation:
        out.representation.append(replace(r, person_id=ref(r.person_id), constituency_id=ref(r.constituency_id),
                                          body_id=ref(r.body_id), extra={}))
    for tie in dataset.ties:
        touched = tie.source_id in mapping or tie.target_id in mapping
        out.ties.append(replace(tie, source_id=ref(tie.source_id), target_id=ref(tie.target_id),
                                **(_cleared(tie, RELATION_HIDDEN_FIELDS) if touched else text(tie))))
    out.requirements = [replace(r, body_id=ref(r.body_id), **text(r)) for r in dataset.requirements]
    return out
