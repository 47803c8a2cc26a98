"""Reading YAML that users write: no silent retyping, no duplicate keys, bounded size.

Two loaders share the same guards:

- :func:`load_data` reads a data file (``kaart.yaml``): every scalar stays the text as written
  (``010``, ``0x1F``, ``no``, ``12:30`` and ``on`` are not turned into numbers or booleans), as a CSV
  cell would; each column's kind in :mod:`netmap.schema` parses it later. ``~``/``null`` and an empty
  value are empty.
- :func:`load_settings` reads a rules or settings file with YAML's usual types (numbers, booleans).

Both refuse a key that occurs twice in one mapping (the last would silently win), nesting deeper than
:data:`MAX_DEPTH` and documents whose anchors and aliases expand to more than :data:`MAX_EXPANDED`
nodes (the "billion laughs" alias bomb). Every refusal is a :class:`YamlLimit` carrying a catalogue
key, its parameters and the line, so the caller reports it in the user's language.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

#: Deepest nesting of lists and mappings accepted (a data file needs 3: tables, records, list cells).
MAX_DEPTH = 50
#: Most nodes a document may expand to once every alias is replaced by what it names.
MAX_EXPANDED = 1_000_000


class YamlLimit(yaml.YAMLError):
    """A YAML document netmap refuses: ``text`` is a key of ``netmap/texts/input.yaml``."""

    def __init__(self, text: str, line: int | None, **params: Any):
        super().__init__(text)
        self.text, self.line, self.params = text, line, params


def _line(node_or_event: Any) -> int | None:
    mark = getattr(node_or_event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


class _Guard:
    """Composer mixin: counts nesting depth and the expanded size of aliases while composing."""

    _depth = 0
    _expanded = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlLimit("yaml_too_deep", _line(self.peek_event()), limit=MAX_DEPTH)  # type: ignore[attr-defined]
            is_alias = self.check_event(yaml.AliasEvent)  # type: ignore[attr-defined]
            node = super().compose_node(parent, index)  # type: ignore[misc]
            self._expanded += _size(node, {}) if is_alias else 1
            if self._expanded > MAX_EXPANDED:
                raise YamlLimit("yaml_too_big", _line(node), limit=f"{MAX_EXPANDED:_}".replace("_", "."))
            return node
        finally:
            self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int | None] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
                try:
                    first = seen.get(key, -1)
                except TypeError:  # an unhashable key: the constructor reports it
                    continue
                if first != -1:
                    raise YamlLimit("yaml_duplicate_key", _line(key_node), key=str(key), first=first)
                seen[key] = _line(key_node)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


def _size(node: Any, memo: dict[int, int]) -> int:
    """The number of nodes ``node`` stands for with every alias expanded (shared nodes counted per use)."""
    found = memo.get(id(node))
    if found is not None:
        return found
    memo[id(node)] = 1  # a recursive alias counts once
    if isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total = 1 + sum(_size(k, memo) + _size(v, memo) for k, v in node.value)
    else:
        total = 1
    total = min(total, MAX_EXPANDED + 1)
    memo[id(node)] = total
    return total


class SettingsLoader(_Guard, yaml.SafeLoader):
    """YAML's safe types, no duplicate keys, bounded size."""


class DataLoader(_Guard, yaml.SafeLoader):
    """Every scalar is text (or empty), no duplicate keys, bounded size."""


# a data file: only null is recognised implicitly; everything else stays a string
DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
DataLoader.yaml_implicit_resolvers = {k: v for k, v in DataLoader.yaml_implicit_resolvers.items() if v}
DataLoader.yaml_implicit_resolvers.setdefault("", []).append(
    ("tag:yaml.org,2002:null", re.compile(r"^$")))


def load_data(data: bytes | str) -> Any:
    """A data file's document with every scalar as text; raises :class:`yaml.YAMLError` (incl. YamlLimit)."""
    return yaml.load(data, Loader=DataLoader)  # noqa: S506 - a SafeLoader subclass


def load_settings(data: bytes | str) -> Any:
    """A settings or rules file's document with YAML's safe types; raises :class:`yaml.YAMLError`."""
    return yaml.load(data, Loader=SettingsLoader)  # noqa: S506 - a SafeLoader subclass
