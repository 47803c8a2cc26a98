"""Thresholds and rule sets of the analyses: every number that decides whether something is flagged.

All of them are shown in the report, so a reader knows why something was flagged.
They can come from a YAML file (:meth:`Settings.from_file`) and be overridden
one by one (:meth:`Settings.replace`).

>>> s = Settings(overlap_threshold=0.4)
>>> s.overlap_threshold, s.multi_network_load
(0.4, 5)
>>> sorted(load_rules()["bodies"])[:1]
['kbl_adviesraad']
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from netmap.dates import as_of_date
from netmap.errors import NetmapError
from netmap.i18n import t
from netmap.io.safeyaml import YamlLimit, load_settings

if TYPE_CHECKING:
    from importlib.abc import Traversable

DEFAULT_RULES = resources.files("netmap.analysis") / "default_rules.yaml"
# compared by netmap.analysis.representation.type_key: case, accents, plurals and cliënt spellings do not matter
CONSTITUENCY_TYPES = (
    "cliëntorganisatie", "jongerenorganisatie", "ouderorganisatie", "cliënt- en ouderorganisatie", "branche",
    "beroepsvereniging", "koepel", "client organisation", "youth organisation",
    "parent organisation", "professional association", "umbrella")


class SettingsError(NetmapError):
    """A settings or rules file cannot be read or holds an unknown or wrong value."""


@dataclass
class Settings:
    """The thresholds of the analyses (defaults suit KBL's own map).

    Parameters
    ----------
    overlap_threshold : Jaccard similarity of two networks' organisations at or above which
        they are flagged as overlapping.
    overlap_coefficient_threshold : share of the smaller network that sits in the other one
        at or above which the pair is flagged too.
    overlap_min_shared : flag a pair only if it shares at least this many organisations.
    multi_network_load : an organisation in this many networks or more is flagged.
    level_gap_min : a pair of levels with fewer direct learning ties than this is a gap.
    betweenness_exact_max_nodes : above this many nodes betweenness is estimated (KADABRA): with
        probability at least ``1 - betweenness_delta`` every node's value is within
        ``betweenness_epsilon`` of the exact one (as a share of ordered pairs; on networkx's normalised
        scale ``epsilon * n / (n - 2)``; :func:`netmap.analysis.structure.betweenness`).
    tie_kinds : tie kinds counted as learning ties.
    constituency_types : organisation types that form a constituency (achterban), compared without
        regard to case, accents, plurals or the cliënt/client spellings.
    spof_min_group_size : a cut-off part counts as a group if it holds a network, a
        constituency, or at least this many actors.
    rules_path : a rules YAML replacing the shipped default rule set ("" = the default).
    connectivity_relations : the relations cuts, isolation and components follow (the
        *connectivity view*): any of ``tie``, ``membership``, ``seat`` (a seat holder and the
        body), ``representation`` (a seat holder and the constituency), ``home``, ``parent``,
        ``host``.
    connectivity_tie_kinds : the tie kinds that count when ``tie`` is in ``connectivity_relations``.
    overlap_relations : how an organisation takes part in a network for overlap and load (the
        *overlap view*): ``membership`` (the organisation is a member), ``seat`` (a person
        holds a seat in the body on its behalf), ``home`` (a member or seat holder works there;
        off by default: employment does not make the employer a member).
    overlap_null_model : ``degree`` (each organisation's number of memberships and each
        network's size kept, in expectation) or ``hypergeometric`` (every organisation alike).
    overlap_fdr : the false discovery rate (Benjamini-Hochberg) at which an overlap is more
        than chance.
    unrepresented_seat_scope : a constituency is represented by a seat in a KBL body
        (``kbl``) or by any representative anywhere (``any``).
    unrepresented_counts_membership : a constituency that is itself a member of a network
        takes part directly and is not unrepresented.
    title : the name of the data in the report's title ("" = the file or folder name, made readable).
    as_of : the date the analysis is made as of (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; "" = today):
        memberships, seats and ties that ended before it or start after it do not count.
    brokerage_tie_kinds : tie kinds brokerage between levels runs over (between actors only).
    """

    overlap_threshold: float = 0.5
    overlap_coefficient_threshold: float = 0.75
    overlap_min_shared: int = 2
    multi_network_load: int = 5
    level_gap_min: int = 1
    betweenness_exact_max_nodes: int = 3000
    betweenness_epsilon: float = 0.01
    betweenness_delta: float = 0.05
    tie_kinds: tuple[str, ...] = ("learning",)
    constituency_types: tuple[str, ...] = CONSTITUENCY_TYPES
    anchor_ids: tuple[str, ...] = ()
    spof_min_group_size: int = 3
    max_suggestions: int = 3
    suggestion_pool: int = 300
    top_n: int = 10
    report_max_per_kind: int = 25
    seed: int = 42
    rules_path: str = ""
    connectivity_relations: tuple[str, ...] = ("tie", "membership", "seat", "representation", "home")
    connectivity_tie_kinds: tuple[str, ...] = ("learning", "collaboration")
    overlap_relations: tuple[str, ...] = ("membership", "seat")
    overlap_null_model: str = "degree"
    overlap_fdr: float = 0.05
    unrepresented_seat_scope: str = "kbl"
    unrepresented_counts_membership: bool = True
    title: str = ""
    as_of: str = ""
    brokerage_tie_kinds: tuple[str, ...] = ("learning", "collaboration")
    rules: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            if isinstance(f.default, tuple):
                setattr(self, f.name, tuple(getattr(self, f.name)))
        _check_choices(self)
        try:
            as_of_date(self.as_of)
        except ValueError as err:
            raise SettingsError(f"instelling / setting 'as_of': geen datum (JJJJ, JJJJ-MM of JJJJ-MM-DD) / "
                                f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {self.as_of!r}") from err
        if not self.rules:
            self.rules = load_rules(self.rules_path or None)

    def as_of_date(self) -> str:
        """The analysis date as ``YYYY-MM-DD`` (today when ``as_of`` is empty; a year means its last day)."""
        return as_of_date(self.as_of)

    @classmethod
    def from_file(cls, path: str | Path) -> Settings:
        """Read settings from a YAML mapping of field names to values (unknown names are errors)."""
        data = read_yaml(Path(path))
        if not isinstance(data, dict):
            raise SettingsError(f"{path}: verwacht 'naam: waarde'-paren / expected a mapping")
        if data.get("rules_path"):
            # a relative rules path is relative to the settings file, not to the working folder
            data["rules_path"] = str((Path(path).parent / data["rules_path"]).resolve())
        return cls().replace(**data)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (None values are ignored); checks names and types."""
        changes = {k: v for k, v in changes.items() if v is not None}
        known = {f.name: f for f in dataclasses.fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise SettingsError(f"onbekende instelling / unknown setting: {name!r}; "
                                    f"bekend / known: {', '.join(sorted(known))}")
            changes[name] = _coerce(name, value, getattr(self, name))
        if "rules_path" in changes and "rules" not in changes:
            changes["rules"] = load_rules(changes["rules_path"] or None)
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The settings as shown in the report and the JSON (rules included)."""
        data = dataclasses.asdict(self)
        data["as_of"] = self.as_of_date()
        data["rules_path"] = self.rules_path or "default_rules.yaml"
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data


CHOICES = {
    "connectivity_relations": ("tie", "membership", "seat", "representation", "home", "parent", "host"),
    "overlap_relations": ("membership", "seat", "home"),
    "overlap_null_model": ("degree", "hypergeometric"),
    "unrepresented_seat_scope": ("kbl", "any"),
}


def _check_choices(settings: Settings) -> None:
    """Refuse a relation or model name the analyses do not know (a typo would silently change a view)."""
    for name, allowed in CHOICES.items():
        value = getattr(settings, name)
        for item in value if isinstance(value, tuple) else (value,):
            if item not in allowed:
                raise SettingsError(f"instelling / setting {name!r}: onbekende waarde / unknown value {item!r}; "
                                    f"mogelijk / allowed: {', '.join(allowed)}")
    for name in ("betweenness_epsilon", "betweenness_delta"):
        if not 0 < getattr(settings, name) < 1:
            raise SettingsError(f"instelling / setting {name!r}: verwacht 0 < waarde < 1 / expected "
                                f"0 < value < 1, not {getattr(settings, name)!r}")
    if not 0 < settings.overlap_fdr <= 1:
        raise SettingsError(f"instelling / setting 'overlap_fdr': verwacht 0 < waarde <= 1 / expected "
                            f"0 < value <= 1, not {settings.overlap_fdr!r}")


def _coerce(name: str, value: Any, current: Any) -> Any:
    """Convert a value from YAML or the command line to the type of the current value."""
    try:
        if isinstance(current, bool):
            return bool(value)
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, tuple):
            return tuple(str(v) for v in ([value] if isinstance(value, str) else value))
        if isinstance(current, str):
            return str(value)
    except (TypeError, ValueError) as err:
        raise SettingsError(f"instelling / setting {name!r}: ongeldige waarde / bad value {value!r}") from err
    if not isinstance(value, dict):
        raise SettingsError(f"instelling / setting {name!r}: verwacht een mapping / expected a mapping")
    return value


def read_yaml(path: Path | Traversable) -> Any:
    """Read a YAML file, turning every failure into a SettingsError naming the file."""
    try:
        return load_settings(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise SettingsError(f"{path}: kan niet gelezen worden / cannot be read ({err.strerror})") from err
    except YamlLimit as err:
        where = f"{path}, {t('input.row', 'nl')} {err.line}" if err.line else str(path)
        raise SettingsError(f"{where}: {t('input.' + err.text, 'nl', **err.params)} / "
                            f"{t('input.' + err.text, 'en', **err.params)}") from err
    except yaml.YAMLError as err:
        raise SettingsError(f"{path}: geen geldige YAML / not valid YAML ({err})") from err


def load_rules(path: str | Path | None = None) -> dict[str, Any]:
    """Read a rules file (default: the shipped ``default_rules.yaml``) and check its shape."""
    source: Path | Traversable = Path(path) if path else DEFAULT_RULES
    data = read_yaml(source) or {}
    if not isinstance(data, dict) or not set(data) <= {"types", "bodies"}:
        raise SettingsError(f"{source}: verwacht de sleutels 'types' en/of 'bodies' / "
                            f"expected the keys 'types' and/or 'bodies'")
    for section in ("types", "bodies"):
        data[section] = data.get(section) or {}
        for key, rule in data[section].items():
            data[section][key] = _check_rule(source, key, rule)
    return data


def _check_rule(source: Path | Traversable, key: str, rule: Any) -> dict[str, Any]:
    if not isinstance(rule, dict):
        raise SettingsError(f"{source}: regel / rule {key!r} moet een mapping zijn / must be a mapping")
    requires = []
    for item in rule.get("requires") or []:
        item = item if isinstance(item, dict) else {}
        lists = {name: _as_list(item.get(name)) for name in ("perspectives", "represents", "represents_type")}
        if not any(lists.values()):
            raise SettingsError(f"{source}: regel / rule {key!r}: elke eis heeft 'perspectives', 'represents' of "
                                f"'represents_type' / every requirement needs 'perspectives', 'represents' or "
                                f"'represents_type'")
        requires.append({**lists, "min_count": int(item.get("min_count", 1)),
                         "together": bool(item.get("together", False)),
                         "label": item.get("label") or "", "note": _words(item.get("note"))})
    members = rule.get("members") or {}
    return {"requires": requires, "members": {k: int(v) for k, v in members.items() if k in ("min", "max")},
            "exclusive": bool(rule.get("exclusive", False)), "note": str(rule.get("note") or "")}


def _words(value: Any) -> str | dict:
    """A note as written, or as ``{nl: ..., en: ...}`` for the reader's language (like a label)."""
    return value if isinstance(value, dict) else str(value or "")


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    return [str(v) for v in ([value] if isinstance(value, str) else value)]
