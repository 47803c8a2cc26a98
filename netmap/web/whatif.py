"""Wat als: a change to a scratch copy of a snapshot, and the findings it would open, close and change.

The change is an edit of the dataset (remove an actor, remove the ties between two
actors, add a membership); the consequences are the library's: the copy is analysed
by :func:`netmap.analysis.analyse` and its findings paired with the snapshot's by
:func:`netmap.diff.pair_findings`, the change report's pairing (a finding about the same
thing whose sentence or severity moves is *changed*, not closed and opened again).
Nothing is stored. (The edit is a few lines of dataset surgery; if the library grows
a ``Dataset`` editing API, this module should call it instead.)
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any

from netmap.model import Membership
from netmap.web import library as lib
from netmap.web.service import SnapshotView


@dataclass(frozen=True)
class Change:
    """One what-if change: ``remove`` an actor, remove the ties ``tie_from``-``tie_to``, or add ``member``
    to ``network``."""

    remove: str = ""
    tie_from: str = ""
    tie_to: str = ""
    member: str = ""
    network: str = ""

    def empty(self) -> bool:
        return not (self.remove or (self.tie_from and self.tie_to) or (self.member and self.network))


class ChangeError(ValueError):
    """A change that names something not in the snapshot (the message key and its parameters)."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key, self.params = key, params


def without_node(dataset: lib.Dataset, node: str) -> lib.Dataset:
    """A copy of ``dataset`` without ``node`` and every record that refers to it."""
    out = copy.deepcopy(dataset)
    del out.nodes[node]
    for key, n in list(out.nodes.items()):
        if node in (n.parent_id, n.home_organisation_id, n.host_id):
            out.nodes[key] = replace(n, parent_id="" if n.parent_id == node else n.parent_id,
                                     home_organisation_id="" if n.home_organisation_id == node
                                     else n.home_organisation_id,
                                     host_id="" if n.host_id == node else n.host_id)
    out.memberships = [m for m in out.memberships if node not in (m.member_id, m.network_id)]
    out.representation = [r for r in out.representation if node not in (r.person_id, r.constituency_id, r.body_id)]
    out.ties = [t for t in out.ties if node not in (t.source_id, t.target_id)]
    out.requirements = [r for r in out.requirements if r.body_id != node]
    return out


def node_named(view: SnapshotView, name: str) -> str | None:
    """The one shown node whose name is ``name`` (any case), as a reader types it; None if none or several.
    A hidden node is never found by its name."""
    wanted = " ".join(name.split()).casefold()
    found = [n for n, d in view.G.nodes(data=True)
             if " ".join(str(d.get("name") or "").split()).casefold() == wanted and view.node_for(n) is not None]
    return found[0] if len(found) == 1 else None


def apply_change(view: SnapshotView, change: Change) -> lib.Dataset:
    """The scratch copy with ``change`` applied; a :class:`ChangeError` for ids not in the snapshot."""
    def node(public_id: str) -> str:
        found = view.node_for(public_id) or node_named(view, public_id)
        if found is None:
            raise ChangeError("whatif_unknown", id=public_id)
        return found

    dataset = view.dataset
    if change.remove:
        dataset = without_node(dataset, node(change.remove))
    if change.tie_from and change.tie_to:
        a, b = node(change.tie_from), node(change.tie_to)
        kept = [t for t in dataset.ties if {t.source_id, t.target_id} != {a, b}]
        if len(kept) == len(dataset.ties):
            raise ChangeError("whatif_no_tie", a=change.tie_from, b=change.tie_to)
        dataset = replace(dataset, ties=kept)
    if change.member and change.network:
        member, network = node(change.member), node(change.network)
        if view.G.nodes[network]["kind"] != "network":
            raise ChangeError("whatif_not_network", id=change.network)
        if any(m.member_id == member and m.network_id == network for m in dataset.memberships):
            raise ChangeError("whatif_already_member", member=change.member, network=change.network)
        dataset = replace(dataset, memberships=[*dataset.memberships, Membership(member, network)])
    return dataset


def what_if(view: SnapshotView, change: Change, lang: str) -> dict[str, list[dict]]:
    """The findings the change would open, close and change (sentences in ``lang``, privacy applied); a
    changed one is the finding after the change with ``changes``: field -> [before, after]."""
    scratch = apply_change(view, change)
    after = lib.analyse(lib.build_graph(scratch), lang=lang, roles_only=view.roles_only)
    opened, closed, changed = lib.pair_findings(view.findings(lang), after.findings)
    return {"opened": view.public(opened), "closed": view.public(closed), "changed": view.public(changed)}
