"""An empty, documented netmap workbook for people who start from scratch.

:func:`write_template` writes one sheet per input table (the column headers of
the contract in docs/input-format.md and two example rows that load as they are)
and a first sheet ``uitleg`` (``explanation`` in English) that explains every
column and the vocabularies: levels, perspectives, scopes, roles, tie kinds and
the four learning-cycle steps. The reader skips that sheet, so the workbook
validates as soon as it is saved. The table sheets are laid out by
:func:`netmap.io.sheets.write_table_sheet`: numbers as numbers, a bold frozen header,
widths, and dropdowns for the vocabularies.
"""
from __future__ import annotations

from pathlib import Path

from netmap import schema
from netmap.i18n import t
from netmap.io.sheets import write_table_sheet
from netmap.model import LEVELS, PERSPECTIVES, SCOPES, TABLES, level_name, perspective_label

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



def explanation_sheet(lang: str = "nl") -> str:
    """The title of the explanation sheet (``uitleg``, ``explanation``)."""
    return t("template.sheet", lang)


def explanation_rows(lang: str = "nl") -> list[tuple[str, ...]]:
    """The rows of the explanation sheet: every column of every table, then the vocabularies.

    A column is explained by its text in ``netmap/texts/schema.yaml``, else by a generic text
    from its kind (:func:`netmap.schema.explanation`).
    """
    yes, no = t("template.required_yes", lang), t("template.required_no", lang)
    head = ("head_table", "head_column", "head_required", "head_explanation")
    rows: list[tuple[str, ...]] = [tuple(t(f"template.{key}", lang) for key in head)]
    for table in TABLES:
        for col in schema.columns(table):
            rows.append((table, col.name, yes if col.required else no, schema.explanation(table, col.name, lang)))
    rows.append(())
    rows.append((t("template.vocabularies", lang),))
    rows += [("level", code, "", level_name(code, lang)) for code in LEVELS]
    rows += [("perspectives", key, "", perspective_label(key, lang)) for key in PERSPECTIVES]
    rows += [("scope", scope, "", "") for scope in SCOPES]
    rows += [("cycle_step", str(n), "", t(f"template.cycle_{n}", lang)) for n in range(1, 5)]
    return rows


def write_template(path: str | Path, lang: str = "nl") -> Path:
    """Write the documented template workbook to ``path`` (.xlsx); return the path."""
    import openpyxl
    from openpyxl.styles import Font

    path = Path(path)
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = explanation_sheet(lang)
    for row in explanation_rows(lang):
        sheet.append(list(row))
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 18, 22
    sheet.column_dimensions["D"].width = 90
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for table in TABLES:
        columns = list(schema.column_names(table))
        write_table_sheet(book, table, table, columns, [[example.get(c, "") for c in columns]
                                                        for example in EXAMPLES[table]], lang)
    from netmap.io.safe import save_with

    return save_with(path, book.save)
