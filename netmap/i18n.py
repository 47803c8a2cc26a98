"""User-facing text in Dutch (the default) and English: one catalogue, one lookup.

Every sentence, label and message a user reads lives in a YAML file under
``netmap/texts/`` (one file per topic), keyed ``{nl: ..., en: ...}``, and is read
with :func:`t` as ``"<file stem>.<key>"``::

    t("input.row", "en")                          # 'row'
    t("input.duplicate_id", other="people, rij 3")

Modules that own their words elsewhere (the finding kinds, each beside its
module) add them with :func:`add_texts` under a namespace of their own, so the
one lookup and the one check (:func:`check_catalogue`) cover them too.
Developer-facing text (exceptions from programming errors, logs) stays in
English in the code.

>>> t("input.row", "en")
'row'
>>> t("input.duplicate_id", other="people, rij 3")
'id komt al voor in people, rij 3'
"""
from __future__ import annotations

import string
import threading
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_catalogue: dict[str, dict[str, str]] = {}
_origin: dict[str, str] = {}
_loaded = False
_loading = threading.RLock()  # the service's threads may ask for the first text at the same moment


def _load_builtin() -> None:
    """Read the built-in texts once; another thread waits until they are all in (never sees half of them)."""
    global _loaded
    if _loaded:
        return
    with _loading:
        if _loaded:
            return
        folder = resources.files("netmap.texts")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                table = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
                add_texts(entry.name[: -len(".yaml")], table, origin=f"netmap/texts/{entry.name}")
        _loaded = True


def add_texts(namespace: str, table: dict[str, Any], origin: str = "") -> None:
    """Add ``table`` (key -> {lang: text}) to the catalogue under ``namespace``.

    Adding the same key twice from two origins is a programming error.
    """
    for key, entry in table.items():
        full = f"{namespace}.{key}"
        if full in _catalogue and _origin.get(full) != origin:
            raise ValueError(f"text {full!r} defined twice: {_origin[full]} and {origin}")
        if not isinstance(entry, dict):
            raise ValueError(f"text {full!r} in {origin} must be a mapping of language -> text")
        _catalogue[full] = entry
        _origin[full] = origin


def catalogue() -> dict[str, dict[str, str]]:
    """Every text netmap knows: ``"namespace.key"`` -> ``{lang: text}``."""
    _load_builtin()
    return _catalogue


def has_text(key: str) -> bool:
    """True if ``key`` is in the catalogue."""
    return key in catalogue()


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text ``key`` in ``lang`` (Dutch when that language lacks it), filled with ``params``.

    The arguments before ``/`` are positional-only, so a placeholder may be called ``key`` or ``lang``.
    """
    entry = catalogue()[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    if not params:
        return text
    return text.format(**{k: _reader_number(k, v, lang) for k, v in params.items()})


#: placeholders whose whole numbers name something (a port, a snapshot, a place in a file) rather than count it:
#: they are written as they are, never grouped
IDENTIFIERS = frozenset({"id", "port", "line", "column", "row", "code", "seed", "year"})

#: whole numbers from this size up are written in groups of three (1.772 / 1,772): four digits are grouped
#: too, so that 1.523 and 15.526 in one sentence look alike
GROUP_FROM = 1_000


def _reader_number(name: str, value: object, lang: str) -> object:
    """A number placed in a text, written the reader's way: a decimal comma in Dutch (0,57), and counts
    of four digits or more in groups of three (nl 17.049, en 17,049)."""
    if isinstance(value, float) and lang == "nl":
        return DutchNumber(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= GROUP_FROM \
            and name not in IDENTIFIERS:
        return Count(value, lang)
    return value


class Count(int):
    """A count that, formatted without a spec, is written in groups of three in the reader's way.

    >>> f"{Count(17049, 'nl')} {Count(17049, 'en')} {Count(17049, 'nl'):d}"
    '17.049 17,049 17049'
    """

    lang: str

    def __new__(cls, value: int, lang: str = DEFAULT_LANGUAGE) -> Count:
        made = super().__new__(cls, value)
        made.lang = lang
        return made

    def __format__(self, spec: str) -> str:
        if spec:
            return int(self).__format__(spec)
        return grouped(int(self), self.lang)

    def __str__(self) -> str:
        return self.__format__("")


def grouped(value: int, lang: str = DEFAULT_LANGUAGE, /) -> str:
    """A whole number in groups of three from :data:`GROUP_FROM` up: a point in Dutch, a comma in English.

    >>> grouped(155765, "nl"), grouped(155765, "en"), grouped(999, "nl"), grouped(-1772, "nl")
    ('155.765', '155,765', '999', '-1.772')
    """
    if abs(value) < GROUP_FROM:
        return str(value)
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


class DutchNumber(float):
    """A float that formats with a decimal comma (``f"{DutchNumber(0.5):.2f}"`` is ``'0,50'``).

    >>> f"{DutchNumber(1234.5):.2f} {DutchNumber(-0.25):+.2f}"
    '1234,50 -0,25'
    """

    def __format__(self, spec: str) -> str:
        return float(self).__format__(spec).replace(".", ",")

    def __str__(self) -> str:
        return self.__format__("")


def sentence(text: str) -> str:
    """``text`` with its first letter in upper case: a sentence may begin with a name or a role as the data
    writes it ('werkorganisatie namens wijkteams'), and a reader expects a capital there.

    >>> sentence("werkorganisatie namens wijkteams heeft twee zetels."), sentence("KBL heeft"), sentence("")
    ('Werkorganisatie namens wijkteams heeft twee zetels.', 'KBL heeft', '')
    """
    return text[:1].upper() + text[1:]


def number(value: float, lang: str = DEFAULT_LANGUAGE, spec: str = ".2f", /) -> str:
    """``value`` formatted by ``spec`` in the reader's way: a decimal comma in Dutch.

    >>> number(0.5714, "nl"), number(0.5714, "en"), number(-0.25, "nl", "+.2f")
    ('0,57', '0.57', '-0,25')
    """
    text = format(value, spec)
    return text.replace(".", ",") if lang == "nl" else text


def word(topic: str, code: str, lang: str = DEFAULT_LANGUAGE, /) -> str:
    """The catalogue's word for ``code`` under ``topic`` (e.g. a network type), else ``code`` as written.

    >>> word("types", "body"), word("types", "gemeente")
    ('orgaan', 'gemeente')
    """
    key = f"{topic}.{code}"
    return t(key, lang) if code and key in catalogue() else code


def texts_with_prefix(prefix: str, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every text under ``prefix`` (e.g. ``"map.ui"``) in ``lang``, keyed without the prefix.

    For pages that get their labels as data (the maps' JavaScript holds no text of its own).
    """
    head = prefix.rstrip(".") + "."
    return {key[len(head):]: t(key, lang) for key in catalogue() if key.startswith(head)}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text fills in.

    >>> sorted(placeholders("{a} en {b:.2f}"))
    ['a', 'b']
    """
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text)
            if field is not None}


def check_catalogue() -> list[str]:
    """Every defect of the catalogue: a missing language, a non-text value, unequal placeholders."""
    problems = []
    for key, entry in catalogue().items():
        where = f"{key} ({_origin.get(key, '?')})"
        missing = [lang for lang in LANGUAGES if lang not in entry]
        if missing:
            problems.append(f"{where}: no {', '.join(missing)}")
            continue
        if not all(isinstance(entry[lang], str) for lang in LANGUAGES):
            problems.append(f"{where}: every language needs a text (quote values YAML would read as "
                            "numbers or yes/no)")
            continue
        found = {lang: placeholders(entry[lang]) for lang in LANGUAGES}
        if len({frozenset(v) for v in found.values()}) > 1:
            problems.append(f"{where}: placeholders differ: {found}")
    return problems


def check_language(lang: str) -> str:
    """Return ``lang`` if netmap speaks it, else raise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang

