"""What a map's reader sees: legend, controls and labels, in Dutch (default) and English.

The words live in the catalogue (``netmap/texts/map.yaml``, read with
:func:`netmap.i18n.t`); the page gets ``map.ui.*`` for its language as data
(:func:`netmap.i18n.texts_with_prefix`), so the JavaScript holds no text of its own.
"""
from __future__ import annotations

from netmap.i18n import word
from netmap.model import LEVEL_NAMES

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


def level_label(level: str, lang: str) -> str:
    """``'I'`` -> ``'I Gezin en professionals'``.

    >>> level_label("IV", "nl")
    'IV Bestuur en overheid'
    """
    return f"{level} {LEVEL_NAMES[level][lang if lang in LEVEL_NAMES[level] else 'nl']}"


def type_label(code: str, lang: str) -> str:
    """A node type in ``lang`` (as written when netmap does not know it).

    >>> type_label("rkj", "nl"), type_label("gemeente", "nl")
    ('regionale kenniswerkplaats (RKJ)', 'gemeente')
    """
    return word("types", code, lang)


def kind_label(kind: str, lang: str) -> str:
    """A finding kind in ``lang``."""
    return FINDING_KINDS.get(kind, {}).get(lang, kind.replace("_", " "))
