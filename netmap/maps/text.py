"""What a map's reader sees: legend, controls and labels, in Dutch (default) and English.

The words live in the catalogue (``netmap/texts/map.yaml``, read with
:func:`netmap.i18n.t`); the page gets ``map.ui.*`` for its language as data
(:func:`netmap.i18n.texts_with_prefix`), so the JavaScript holds no text of its own.
Finding kinds' labels come from the kind registry (:func:`netmap.analysis.kinds.kind_label`),
level names from :func:`netmap.analysis.common.level_label`.
"""
from __future__ import annotations

from netmap.i18n import word


def type_label(code: str, lang: str) -> str:
    """A node type in ``lang`` (as written when netmap does not know it).

    >>> type_label("rkj", "nl"), type_label("gemeente", "nl")
    ('regionale kenniswerkplaats (RKJ)', 'gemeente')
    """
    return word("types", code, lang)
