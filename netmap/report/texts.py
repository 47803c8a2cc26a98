"""The finding kinds' headings in the report. Every other word of the report is in the catalogue,
``netmap/texts/report.yaml``, read with :func:`netmap.i18n.t` as ``"report.<key>"``."""

from __future__ import annotations

KIND_TEXT: dict[str, dict[str, tuple[str, str]]] = {
    "level_gap": {"nl": ("Gaten tussen niveaus", "Niveaus die geen (of te weinig) directe leerrelaties met "
                         "elkaar hebben: daar vindt geen verticaal leren plaats."),
                  "en": ("Gaps between levels", "Levels with no (or too few) direct learning ties: no "
                         "vertical learning happens there.")},
    "single_level_network": {"nl": ("Netwerken op één niveau", "In deze netwerken zitten alleen actoren van "
                                    "één niveau: er wordt horizontaal geleerd, niet verticaal."),
                             "en": ("Single-level networks", "These networks only hold actors of one level: "
                                    "horizontal learning, no vertical learning.")},
    "network_overlap": {"nl": ("Overlappende netwerken", "Netwerken met grotendeels dezelfde organisaties. "
                               "Kennen ze elkaar, en kunnen ze afstemmen of samen leren?"),
                        "en": ("Overlapping networks", "Networks with largely the same organisations. Do they "
                               "know each other, and could they coordinate or learn together?")},
    "shared_theme": {"nl": ("Zelfde thema, los van elkaar", "Netwerken die aan hetzelfde thema werken zonder "
                            "leerrelatie met elkaar."),
                     "en": ("Same theme, apart", "Networks working on the same theme without a learning tie.")},
    "multi_network_load": {"nl": ("Veel netwerken op één organisatie", "Organisaties die in veel netwerken "
                                  "zitten: zij verbinden veel, maar dragen ook veel."),
                           "en": ("Many networks on one organisation", "Organisations in many networks: they "
                                  "connect a lot, but also carry a lot.")},
    "representative_without_home": {"nl": ("Vertegenwoordigers zonder thuisorganisatie", "Wie namens een "
                                           "achterban een zetel heeft, moet met die achterban verbonden blijven."),
                                    "en": ("Representatives without a home organisation", "Whoever holds a "
                                           "seat for a constituency must stay connected to it.")},
    "unrepresented_constituency": {"nl": ("Achterbannen zonder vertegenwoordiger", "Cliënt-, jongeren-, "
                                          "ouder-, branche- en beroepsorganisaties die nergens vertegenwoordigd "
                                          "zijn."),
                                   "en": ("Constituencies without a representative", "Client, youth, parent, "
                                          "branch and professional organisations not represented anywhere.")},
    "multiple_seats": {"nl": ("Eén persoon, meerdere achterbannen", "Mensen die meerdere achterbannen of "
                              "zetels tegelijk dragen."),
                       "en": ("One person, several constituencies", "People carrying several constituencies "
                              "or seats at once.")},
    "single_point_of_failure": {"nl": ("Kwetsbare schakels", "Een actor of relatie waarvan het wegvallen een "
                                       "groep afsnijdt van de rest of van de KBL-organen."),
                                "en": ("Single points of failure", "An actor or tie whose loss cuts a group "
                                       "off from the rest or from KBL's bodies.")},
    "missing_perspective": {"nl": ("Ontbrekende perspectieven", "Perspectieven die een netwerk of orgaan volgens "
                                   "zijn samenstellingsregels nodig heeft, maar die niemand inbrengt."),
                            "en": ("Missing perspectives", "Perspectives a network or body needs by its "
                                   "composition rules, but no one brings.")},
    "composition_shortfall": {"nl": ("Onvolledige samenstelling", "Te weinig leden, of een perspectief minder "
                                     "vaak aanwezig dan voorgeschreven."),
                              "en": ("Incomplete composition", "Too few members, or a perspective present less "
                                     "often than prescribed.")},
    "isolated": {"nl": ("Actoren zonder verbindingen", "Actoren die in geen netwerk zitten en geen relaties "
                        "hebben: nog niet betrokken, of de kaart is onvolledig."),
                 "en": ("Actors without connections", "Actors in no network and without ties: not yet "
                        "involved, or the map is incomplete.")},
    "separate_component": {"nl": ("Losse eilanden", "Groepen zonder enige verbinding met de rest van de kaart."),
                           "en": ("Separate islands", "Groups without any connection to the rest of the map.")},
    "missing_level": {"nl": ("Onbekend niveau", "Actoren zonder niveau tellen niet mee in de niveau-analyses."),
                      "en": ("Unknown level", "Actors without a level are left out of the level analyses.")},
}


def kind_text(kind: str, lang: str = "nl") -> tuple[str, str]:
    """(title, explanation) of a finding kind; the kind code itself when unknown."""
    entry = KIND_TEXT.get(kind)
    return entry.get(lang, entry["nl"]) if entry else (kind, "")
