"""User-facing text in Dutch (the default) and English.

Only what a user reads lives here: messages about their data, report and map
labels. Developer-facing text (exceptions from programming errors, logs) stays
in English in the code.
"""
from __future__ import annotations

LANGUAGES = ("nl", "en")

TEXT: dict[str, dict[str, str]] = {
    # locating a problem
    "row": {"nl": "rij", "en": "row"},
    "column": {"nl": "kolom", "en": "column"},
    "value": {"nl": "waarde", "en": "value"},
    "problems_head_1": {"nl": "1 probleem gevonden in de invoer; er is niets geladen.",
                        "en": "1 problem found in the input; nothing was loaded."},
    "problems_head_n": {"nl": "{n} problemen gevonden in de invoer; er is niets geladen.",
                        "en": "{n} problems found in the input; nothing was loaded."},
    # reading
    "no_such_path": {"nl": "bestand of map bestaat niet", "en": "file or folder does not exist"},
    "unknown_format": {"nl": "onbekend formaat; gebruik .xlsx, .yaml/.yml, .csv of een map met CSV-bestanden",
                       "en": "unknown format; use .xlsx, .yaml/.yml, .csv or a folder of CSV files"},
    "unreadable": {"nl": "bestand kan niet gelezen worden: {reason}", "en": "file cannot be read: {reason}"},
    "empty_file": {"nl": "bestand is leeg", "en": "file is empty"},
    "bad_encoding": {"nl": "tekencodering niet herkend (verwacht UTF-8 of Windows-1252)",
                     "en": "character encoding not recognised (expected UTF-8 or Windows-1252)"},
    "bad_yaml": {"nl": "geen geldige YAML: {reason}", "en": "not valid YAML: {reason}"},
    "yaml_not_mapping": {"nl": "verwacht een lijst van tabellen (sleutels zoals 'organisations')",
                         "en": "expected a mapping of tables (keys such as 'organisations')"},
    "yaml_not_list": {"nl": "tabel moet een lijst van records zijn", "en": "table must be a list of records"},
    "yaml_not_record": {"nl": "record moet een verzameling 'kolom: waarde' zijn",
                        "en": "record must be a mapping of 'column: value'"},
    "unknown_table": {"nl": "onbekende tabel '{name}' genegeerd; bekende tabellen: {known}",
                      "en": "unknown table '{name}' ignored; known tables: {known}"},
    "no_tables": {"nl": "geen enkele bekende tabel gevonden (minstens 'organisations' is nodig)",
                  "en": "no known table found (at least 'organisations' is required)"},
    # validating
    "missing_table": {"nl": "verplichte tabel 'organisations' ontbreekt",
                      "en": "required table 'organisations' is missing"},
    "missing_column": {"nl": "verplichte kolom ontbreekt (aanwezige kolommen: {found})",
                       "en": "required column is missing (columns present: {found})"},
    "empty_required": {"nl": "verplichte waarde is leeg", "en": "required value is empty"},
    "duplicate_id": {"nl": "id komt al voor in {other}", "en": "id already used in {other}"},
    "dangling_id": {"nl": "verwijst naar een id dat niet bestaat", "en": "refers to an id that does not exist"},
    "wrong_kind": {"nl": "verwijst naar een {found}, verwacht: {expected}",
                   "en": "refers to a {found}, expected: {expected}"},
    "unknown_level": {"nl": "onbekend niveau; gebruik I, II, III of IV (of 1-4)",
                      "en": "unknown level; use I, II, III or IV (or 1-4)"},
    "unknown_perspective": {"nl": "onbekend perspectief; bekend zijn: {known}",
                            "en": "unknown perspective; known are: {known}"},
    "not_a_number": {"nl": "geen getal", "en": "not a number"},
    "bad_cycle_step": {"nl": "leerstap moet 1, 2, 3 of 4 zijn", "en": "cycle step must be 1, 2, 3 or 4"},
    "bad_bool": {"nl": "verwacht ja/nee", "en": "expected yes/no"},
    "bad_scope": {"nl": "onbekende reikwijdte; gebruik regional, supraregional of national",
                  "en": "unknown scope; use regional, supraregional or national"},
    "self_tie": {"nl": "een relatie van een actor met zichzelf", "en": "a tie from an actor to itself"},
    "parent_cycle": {"nl": "moederorganisaties vormen een kring", "en": "parent organisations form a cycle"},
    # Neo4j
    "neo4j_unreachable": {"nl": "Neo4j is niet bereikbaar op {uri}: start de server of controleer het adres ({reason})",
                          "en": "Neo4j cannot be reached at {uri}: start the server or check the address ({reason})"},
    "neo4j_auth": {"nl": "Neo4j weigert de inlog van gebruiker '{user}': controleer NETMAP_NEO4J_USER en NETMAP_NEO4J_PASSWORD",
                   "en": "Neo4j refuses the login of user '{user}': check NETMAP_NEO4J_USER and NETMAP_NEO4J_PASSWORD"},
    "neo4j_no_database": {"nl": "database '{database}' bestaat niet op deze Neo4j-server",
                          "en": "database '{database}' does not exist on this Neo4j server"},
    "neo4j_read_only": {"nl": "database '{database}' is alleen-lezen: er kan niets geladen worden",
                        "en": "database '{database}' is read-only: nothing can be loaded"},
    "neo4j_full": {"nl": "Neo4j heeft geen ruimte meer (geheugen of schijf vol): {reason}",
                   "en": "Neo4j has run out of room (memory or disk full): {reason}"},
    "neo4j_timeout": {"nl": "de Neo4j-query duurde langer dan de ingestelde tijdslimiet ({reason})",
                      "en": "the Neo4j query took longer than the time limit ({reason})"},
    "neo4j_bad_uri": {"nl": "ongeldig Neo4j-adres '{uri}': gebruik bolt://, neo4j:// of neo4j+s:// ({reason})",
                      "en": "invalid Neo4j address '{uri}': use bolt://, neo4j:// or neo4j+s:// ({reason})"},
    "neo4j_failed": {"nl": "Neo4j meldt een fout: {reason}", "en": "Neo4j reports an error: {reason}"},
    "neo4j_incomplete": {"nl": "de laatste lading in Neo4j is niet afgemaakt (gestart vanuit '{source}'); "
                               "voer 'netmap load' opnieuw uit",
                         "en": "the last load into Neo4j did not finish (started from '{source}'); "
                               "run 'netmap load' again"},
    "neo4j_empty": {"nl": "de Neo4j-database bevat nog geen netmap-gegevens; laad ze eerst met 'netmap load'",
                    "en": "the Neo4j database holds no netmap data yet; load it first with 'netmap load'"},
}


def translate(table: dict[str, dict[str, str]], key: str, lang: str = "nl", /, **params: object) -> str:
    """``table[key]`` in ``lang`` (Dutch when missing), formatted with ``params`` when given.

    Every module's text table is read through this one function.

    >>> translate({"hi": {"nl": "hallo {who}", "en": "hello {who}"}}, "hi", "en", who="KBL")
    'hello KBL'
    """
    entry = table[key]
    text = entry.get(lang) or entry["nl"]
    return text.format(**params) if params else text


def t(key: str, lang: str = "nl", **params: object) -> str:
    """Return the text ``key`` in ``lang``, formatted with ``params``.

    >>> t("row", "en")
    'row'
    >>> t("duplicate_id", other="people, rij 3")
    'id komt al voor in people, rij 3'
    """
    return translate(TEXT, key, lang, **params)


def check_language(lang: str) -> str:
    """Return ``lang`` if netmap speaks it, else raise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang
