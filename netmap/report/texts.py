"""Every word of the report, in Dutch (default) and English."""

from __future__ import annotations

from netmap.i18n import translate

TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Leerverbindingen in kaart: {source}", "en": "Learning connections mapped: {source}"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "summary_map": {
        "nl": "De kaart bevat {orgs} organisaties, {nets} netwerken en organen en {people} personen, met "
              "{ties} leerrelaties: {h} horizontaal (binnen één niveau), {v} verticaal (tussen niveaus){u}.",
        "en": "The map holds {orgs} organisations, {nets} networks and bodies and {people} people, with "
              "{ties} learning ties: {h} horizontal (within one level), {v} vertical (between levels){u}."},
    "summary_unknown": {"nl": " en {n} waarvan een niveau onbekend is", "en": " and {n} with an unknown level"},
    "summary_findings": {
        "nl": "De analyse levert {n} bevindingen op: {high} met hoge prioriteit, {medium} middel, {low} laag "
              "en {info} ter informatie.",
        "en": "The analysis yields {n} findings: {high} high priority, {medium} medium, {low} low and {info} "
              "for information."},
    "summary_top": {"nl": "De belangrijkste punten:", "en": "The main points:"},
    "how_to_read": {"nl": "Zo leest u dit rapport", "en": "How to read this report"},
    "how_to_read_text": {
        "nl": "Elke actor werkt op een of meer van vier niveaus: I Gezin en professionals, II Organisatie en "
              "beleid, III Kennis en onderzoek, IV Bestuur en overheid. Leren binnen één niveau heet "
              "horizontaal leren, leren tussen niveaus verticaal leren. Een leerrelatie is een vastgelegde "
              "relatie in de tabel 'ties'; een leerkanaal is een netwerk of orgaan waarin actoren van twee "
              "niveaus samen zitten. Elke bevinding noemt wat er is gevonden, wie erbij betrokken is en wie "
              "het gat zou kunnen dichten. Waarom iets is gemeld staat onderaan bij de instellingen en regels.",
        "en": "Every actor works at one or more of four levels: I Families and professionals, II Organisation "
              "and policy, III Knowledge and research, IV Governance and government. Learning within one level "
              "is horizontal learning, between levels vertical learning. A learning tie is a recorded tie in the "
              "'ties' table; a learning channel is a network or body in which actors of two levels meet. Every "
              "finding says what was found, who is involved and who could close the gap. Why something was "
              "flagged is shown at the end, with the settings and rules."},
    "section_werkorganisatie": {"nl": "Voor de werkorganisatie", "en": "For the werkorganisatie"},
    "section_adviesraad": {"nl": "Voor de adviesraad", "en": "For the adviesraad (advisory council)"},
    "section_bureau": {"nl": "Voor het bureau", "en": "For the bureau"},
    "intro_werkorganisatie": {
        "nl": "Waar ontbreekt leren tussen niveaus, welke netwerken overlappen, wie draagt veel en waar hangt "
              "een verbinding aan één persoon of organisatie?",
        "en": "Where is learning between levels missing, which networks overlap, who carries a lot and where "
              "does a connection hang on one person or organisation?"},
    "intro_adviesraad": {
        "nl": "Welke perspectieven ontbreken in welke netwerken en organen, en klopt de voorgeschreven "
              "samenstelling?",
        "en": "Which perspectives are missing in which networks and bodies, and is the prescribed composition "
              "complete?"},
    "intro_bureau": {
        "nl": "Punten voor de monitoring en voor de kwaliteit van de gegevens.",
        "en": "Points for monitoring and for the quality of the data."},
    "none_found": {"nl": "Geen bevindingen.", "en": "No findings."},
    "involved": {"nl": "Betrokken", "en": "Involved"},
    "suggestion": {"nl": "Suggestie", "en": "Suggestion"},
    "more": {"nl": "… en nog {n} bevindingen van deze soort (zie de JSON-uitvoer).",
             "en": "… and {n} more findings of this kind (see the JSON output)."},
    "severity_high": {"nl": "hoog", "en": "high"},
    "severity_medium": {"nl": "middel", "en": "medium"},
    "severity_low": {"nl": "laag", "en": "low"},
    "severity_info": {"nl": "info", "en": "info"},
    "levels_section": {"nl": "Leren tussen niveaus", "en": "Learning between levels"},
    "level_matrix": {"nl": "Directe leerrelaties tussen niveaus", "en": "Direct learning ties between levels"},
    "level_matrix_text": {
        "nl": "Elk getal is het aantal leerrelaties tussen actoren op de twee niveaus. Op de diagonaal staat "
              "horizontaal leren, daarbuiten verticaal leren. Een 0 is een gat.",
        "en": "Each number is the number of learning ties between actors at the two levels. The diagonal is "
              "horizontal learning, the rest vertical learning. A 0 is a gap."},
    "channel_matrix": {"nl": "Leerkanalen via gedeelde netwerken en organen",
                       "en": "Learning channels through shared networks and bodies"},
    "channel_matrix_text": {
        "nl": "Elk getal is het aantal netwerken en organen waarin actoren van beide niveaus samen zitten.",
        "en": "Each number is the number of networks and bodies in which actors of both levels meet."},
    "networks_table": {"nl": "Netwerken en organen", "en": "Networks and bodies"},
    "networks_table_text": {
        "nl": "Per netwerk: de niveaus, het aantal leden, de leerrelaties tussen leden (horizontaal/verticaal), "
              "de E-I-index (van -1: alle leden op één niveau, tot +1: alle paren tussen niveaus), het aantal "
              "perspectieven en de diversiteit (Blau-index, 0 = één perspectief, dicht bij 1 = zeer gemengd).",
        "en": "Per network: its levels, number of members, learning ties between members "
              "(horizontal/vertical), the E-I index (from -1: all members at one level, to +1: all pairs between "
              "levels), the number of perspectives and diversity (Blau index, 0 = one perspective, close to 1 = "
              "very mixed)."},
    "col_network": {"nl": "Netwerk", "en": "Network"},
    "col_type": {"nl": "Type", "en": "Type"},
    "col_levels": {"nl": "Niveaus", "en": "Levels"},
    "col_members": {"nl": "Leden", "en": "Members"},
    "col_ties": {"nl": "Relaties h/v", "en": "Ties h/v"},
    "col_ei": {"nl": "E-I", "en": "E-I"},
    "col_perspectives": {"nl": "Perspectieven", "en": "Perspectives"},
    "col_diversity": {"nl": "Diversiteit", "en": "Diversity"},
    "col_level": {"nl": "Niveau", "en": "Level"},
    "col_actor": {"nl": "Actor", "en": "Actor"},
    "col_value": {"nl": "Waarde", "en": "Value"},
    "col_setting": {"nl": "Instelling", "en": "Setting"},
    "col_meaning": {"nl": "Betekenis", "en": "Meaning"},
    "structure_section": {"nl": "Centrale actoren en verbinders", "en": "Central actors and brokers"},
    "structure_text": {
        "nl": "Wie is het meest verbonden (aantal relaties), wie ligt het vaakst op de kortste weg tussen "
              "anderen (tussenpositie, 'betweenness'), wie is verbonden met andere goed verbonden actoren "
              "(eigenvector), en wie verbindt actoren van verschillende niveaus die elkaar zelf niet kennen "
              "(makelaar tussen niveaus, Gould en Fernandez).",
        "en": "Who has the most connections (degree), who most often sits on the shortest path between others "
              "(betweenness), who is connected to other well-connected actors (eigenvector), and who connects "
              "actors of different levels who do not know each other (broker between levels, Gould and "
              "Fernandez)."},
    "top_degree": {"nl": "Meeste verbindingen", "en": "Most connections"},
    "top_betweenness": {"nl": "Tussenpositie (betweenness)", "en": "Betweenness"},
    "top_eigenvector": {"nl": "Eigenvector", "en": "Eigenvector"},
    "top_level_brokers": {"nl": "Makelaars tussen niveaus", "en": "Brokers between levels"},
    "betweenness_sampled": {
        "nl": "Betweenness is geschat uit {k} willekeurige startpunten (het netwerk is groot); achter elke "
              "waarde staat de standaardfout.",
        "en": "Betweenness was estimated from {k} random sources (the network is large); each value is "
              "followed by its standard error."},
    "eigenvector_approx": {
        "nl": "Eigenvector is een benadering: de berekening is na een vast aantal stappen gestopt.",
        "en": "Eigenvector is an approximation: the computation stopped after a fixed number of steps."},
    "structure_counts": {
        "nl": "Het netwerk bestaat uit {c} samenhangende delen en {m} gemeenschappen (groepen die onderling "
              "dichter verbonden zijn; methode: {method}).",
        "en": "The network consists of {c} connected parts and {m} communities (groups more densely connected "
              "among themselves; method: {method})."},
    "settings_section": {"nl": "Instellingen en regels", "en": "Settings and rules"},
    "settings_text": {
        "nl": "Deze drempels en regels bepalen wat gemeld wordt. Ze zijn aan te passen met opties van "
              "'netmap analyse' of met een instellingenbestand (--settings).",
        "en": "These thresholds and rules decide what is flagged. Change them with options of "
              "'netmap analyse' or a settings file (--settings)."},
    "rules_section": {"nl": "Samenstellingsregels", "en": "Composition rules"},
    "rules_text": {
        "nl": "Regelbestand: {path}. Staat een orgaan in de tabel 'requirements' van de gegevens, dan gelden "
              "die eisen in plaats van de standaardeisen voor dat orgaan.",
        "en": "Rules file: {path}. When a body is listed in the data's 'requirements' table, those requirements "
              "apply instead of the default ones for that body."},
    "rule_type": {"nl": "type {name}", "en": "type {name}"},
    "rule_members": {"nl": "{min} tot {max} leden", "en": "{min} to {max} members"},
    "rule_at_least": {"nl": "minstens {n}× {p}", "en": "at least {n}× {p}"},
    "requirements_table": {"nl": "Eisen uit de tabel 'requirements'", "en": "Requirements from the data"},
    "privacy_note": {"nl": "Personen worden in dit rapport met hun rol aangeduid, niet met hun naam.",
                     "en": "People are shown by their role in this report, not by name."},
}

SETTING_MEANING: dict[str, dict[str, str]] = {
    "overlap_threshold": {"nl": "Jaccard-overlap van twee netwerken (gedeelde organisaties / alle) vanaf "
                                "welke ze als overlappend worden gemeld",
                          "en": "Jaccard overlap of two networks (shared organisations / all) from which they "
                                "are flagged as overlapping"},
    "overlap_coefficient_threshold": {"nl": "of: deel van het kleinste netwerk dat ook in het andere zit",
                                      "en": "or: share of the smaller network that also sits in the other"},
    "overlap_min_shared": {"nl": "minimaal aantal gedeelde organisaties voor een overlapmelding",
                           "en": "minimum number of shared organisations for an overlap finding"},
    "multi_network_load": {"nl": "een organisatie in zoveel netwerken of meer wordt gemeld (belasting)",
                           "en": "an organisation in this many networks or more is flagged (load)"},
    "level_gap_min": {"nl": "twee niveaus met minder directe leerrelaties dan dit vormen een gat",
                      "en": "two levels with fewer direct learning ties than this form a gap"},
    "betweenness_exact_max_nodes": {"nl": "boven dit aantal knopen wordt betweenness geschat",
                                    "en": "above this many nodes betweenness is estimated"},
    "betweenness_k": {"nl": "aantal startpunten voor die schatting", "en": "number of sources for that estimate"},
    "tie_kinds": {"nl": "soorten relaties die als leerrelatie tellen", "en": "tie kinds counted as learning ties"},
    "constituency_types": {"nl": "organisatietypen die een achterban vormen",
                           "en": "organisation types that form a constituency"},
    "spof_min_group_size": {"nl": "een afgesneden deel telt als groep vanaf zoveel actoren (of met een "
                                  "netwerk of achterban erin)",
                            "en": "a cut-off part counts as a group from this many actors (or with a network "
                                  "or constituency in it)"},
}

def rt(key: str, lang: str = "nl", **params: object) -> str:
    """Report text ``key`` in ``lang``.

    >>> rt("suggestion", "en")
    'Suggestion'
    """
    return translate(TEXT, key, lang, **params)
