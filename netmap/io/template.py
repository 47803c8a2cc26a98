"""An empty, documented netmap workbook for people who start from scratch.

:func:`write_template` writes one sheet per input table (the column headers of
the contract in DATA-FORMAT.md and two example rows that load as they are)
and a first sheet ``uitleg`` (``explanation`` in English) that explains every
column and the vocabularies: levels, perspectives, scopes, roles, tie kinds and
the four learning-cycle steps. The reader skips that sheet, so the workbook
validates as soon as it is saved.
"""
from __future__ import annotations

from pathlib import Path

from netmap.model import LEVEL_NAMES, OPTIONAL, PERSPECTIVES, REQUIRED, SCOPES, TABLES

EXPLANATION_SHEET = {"nl": "uitleg", "en": "explanation"}

#: Two example rows per table, consistent with each other (ids refer to ids above).
EXAMPLES: dict[str, list[dict[str, str]]] = {
    "organisations": [
        {"id": "voorbeeld_gemeente", "name": "Gemeente Voorbeeld", "type": "gemeente", "level": "II",
         "perspectives": "gemeenten", "region": "Voorbeeldregio"},
        {"id": "voorbeeld_jongeren", "name": "Jongerenraad Voorbeeld", "type": "jongerenorganisatie",
         "level": "I", "perspectives": "jongeren", "region": "Voorbeeldregio"},
    ],
    "networks": [
        {"id": "voorbeeld_rkj", "name": "Kenniswerkplaats Voorbeeld", "type": "rkj", "level": "I;II;III",
         "scope": "regional", "region": "Voorbeeldregio", "host_id": "voorbeeld_gemeente",
         "themes": "jeugdhulp in de wijk"},
        {"id": "voorbeeld_raad", "name": "Adviesraad Voorbeeld", "type": "body", "level": "III",
         "scope": "national"},
    ],
    "people": [
        {"id": "voorbeeld_persoon", "name": "Inhoudsdeskundige jongeren", "role": "vertegenwoordiger jongeren",
         "perspectives": "jongeren", "home_organisation_id": "voorbeeld_jongeren", "level": "I"},
        {"id": "voorbeeld_lid", "name": "Adviesraadlid onderzoek", "role": "adviesraadlid", "perspectives": "onderzoek",
         "level": "III", "private": "ja"},
    ],
    "memberships": [
        {"member_id": "voorbeeld_gemeente", "network_id": "voorbeeld_rkj", "role": "member", "since": "2024"},
        {"member_id": "voorbeeld_lid", "network_id": "voorbeeld_raad", "role": "chair"},
    ],
    "representation": [
        {"person_id": "voorbeeld_persoon", "constituency_id": "voorbeeld_jongeren", "body_id": "voorbeeld_rkj",
         "seat": "jongeren"},
    ],
    "ties": [
        {"source_id": "voorbeeld_gemeente", "target_id": "voorbeeld_jongeren", "kind": "learning",
         "theme": "participatie", "cycle_step": "1", "weight": "1", "since": "2024", "note": "vast overleg"},
    ],
    "requirements": [
        {"body_id": "voorbeeld_raad", "perspective": "jongeren", "min_count": "2",
         "note": "twee ervaringsdeskundige jongeren"},
    ],
}

_COLUMN_TEXT: dict[str, tuple[str, str]] = {
    "id": ("Unieke code, over alle knooptabellen heen (bijv. rkj_friesland).",
           "Unique code across all node tables (e.g. rkj_friesland)."),
    "name": ("Naam zoals die op kaart en in rapport verschijnt.", "Name as shown on maps and in the report."),
    "type": ("Vrije soort (gemeente, rkj, ben, body, platform, ...).", "Free type (municipality, rkj, ben, ...)."),
    "level": ("Niveau(s) I-IV, meerdere gescheiden door ';'.", "Level(s) I-IV, several separated by ';'."),
    "perspectives": ("Perspectieven uit de lijst hieronder, gescheiden door ';'.",
                     "Perspectives from the list below, separated by ';'."),
    "region": ("Regio (jeugdregio, provincie of 'landelijk').", "Region (youth region, province or national)."),
    "parent_id": ("Id van de moederorganisatie.", "Id of the parent organisation."),
    "private": ("'ja' = naam nooit tonen buiten de werkorganisatie.", "'ja' (yes) = never show the name outside."),
    "scope": ("Reikwijdte: regional, supraregional of national.", "Scope: regional, supraregional or national."),
    "host_id": ("Id van de organisatie die het netwerk trekt.", "Id of the organisation hosting the network."),
    "themes": ("Thema's, gescheiden door ';'.", "Themes, separated by ';'."),
    "role": ("Rol (personen: getoond in plaats van de naam; lidmaatschap: member, chair, representative, "
             "observer).", "Role (people: shown instead of the name; memberships: member, chair, ...)."),
    "home_organisation_id": ("Id van de thuisorganisatie (de achterban-band).",
                             "Id of the home organisation (the back-office tie)."),
    "member_id": ("Id van het lid (organisatie, persoon of netwerk).", "Id of the member."),
    "network_id": ("Id van het netwerk of orgaan.", "Id of the network or body."),
    "since": ("Sinds (jaar of datum).", "Since (year or date)."),
    "until": ("Tot (jaar of datum; leeg = loopt nog).", "Until (year or date; empty = ongoing)."),
    "person_id": ("Id van de persoon die de zetel heeft.", "Id of the person holding the seat."),
    "constituency_id": ("Id van de achterban die vertegenwoordigd wordt.", "Id of the constituency represented."),
    "body_id": ("Id van het orgaan of netwerk waar de zetel is / waarvoor de eis geldt.",
                "Id of the body where the seat is / the requirement applies."),
    "seat": ("Naam van de zetel.", "Name of the seat."),
    "source_id": ("Id van de ene kant van de relatie.", "Id of one end of the tie."),
    "target_id": ("Id van de andere kant.", "Id of the other end."),
    "kind": ("Soort relatie: learning (standaard), collaboration, funding, back_office, ...",
             "Kind of tie: learning (default), collaboration, funding, back_office, ..."),
    "theme": ("Thema van de relatie.", "Theme of the tie."),
    "cycle_step": ("Stap in de leercyclus: 1-4 (zie hieronder).", "Learning-cycle step 1-4 (see below)."),
    "weight": ("Gewicht (getal, standaard 1).", "Weight (number, default 1)."),
    "note": ("Toelichting.", "Note."),
    "perspective": ("Perspectief dat het orgaan moet bevatten.", "Perspective the body must contain."),
    "min_count": ("Minimaal aantal (standaard 1).", "Minimum count (default 1)."),
}
_CYCLE = {"nl": ("verbinding aangaan", "samen beslissen", "doen wat werkt", "samen reflecteren"),
          "en": ("connect", "decide together", "do what works", "reflect together")}
_HEAD = {"nl": ("tabel (werkblad)", "kolom", "verplicht", "uitleg"), "en": ("table (sheet)", "column", "required",
                                                                          "explanation")}


def explanation_rows(lang: str = "nl") -> list[tuple[str, ...]]:
    """The rows of the explanation sheet: every column of every table, then the vocabularies."""
    i = 0 if lang == "nl" else 1
    yes, no = ("ja", "nee") if lang == "nl" else ("yes", "no")
    rows: list[tuple[str, ...]] = [_HEAD[lang]]
    for table in TABLES:
        for column in REQUIRED[table] + OPTIONAL[table]:
            rows.append((table, column, yes if column in REQUIRED[table] else no, _COLUMN_TEXT[column][i]))
    rows.append(())
    title = {"nl": "Woordenlijsten", "en": "Vocabularies"}[lang]
    rows.append((title,))
    rows += [("level", code, "", names[lang]) for code, names in LEVEL_NAMES.items()]
    rows += [("perspectives", key, "", names[lang]) for key, names in PERSPECTIVES.items()]
    rows += [("scope", scope, "", "") for scope in SCOPES]
    rows += [("cycle_step", str(n), "", step) for n, step in enumerate(_CYCLE[lang], start=1)]
    return rows


def write_template(path: str | Path, lang: str = "nl") -> Path:
    """Write the documented template workbook to ``path`` (.xlsx); return the path."""
    import openpyxl
    from openpyxl.styles import Font

    path = Path(path)
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = EXPLANATION_SHEET[lang]
    for row in explanation_rows(lang):
        sheet.append(list(row))
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 18, 22
    sheet.column_dimensions["D"].width = 90
    for table in TABLES:
        ws = book.create_sheet(table)
        columns = list(REQUIRED[table] + OPTIONAL[table])
        ws.append(columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for example in EXAMPLES[table]:
            ws.append([example.get(c, "") for c in columns])
        ws.freeze_panes = "A2"
    from netmap.io.safe import save_with

    return save_with(path, book.save)
