"""The sentences of the findings, in Dutch (default) and English."""

from __future__ import annotations

from netmap.i18n import translate

TEXT: dict[str, dict[str, str]] = {
    # levels
    "level_gap_none": {
        "nl": "Er is geen enkele directe leerrelatie tussen {a} en {b}.",
        "en": "There is no direct learning tie between {a} and {b}."},
    "level_gap_few": {
        "nl": "Er zijn maar {n} directe leerrelaties tussen {a} en {b} (minimum {min}).",
        "en": "There are only {n} direct learning ties between {a} and {b} (minimum {min})."},
    "level_gap_same_none": {
        "nl": "Er is geen horizontaal leren binnen {a}: "
              "geen enkele directe leerrelatie tussen twee actoren op dit niveau.",
        "en": "There is no horizontal learning within {a}: no direct learning tie between two actors at this level."},
    "level_gap_same_few": {
        "nl": "Er zijn maar {n} directe leerrelaties binnen {a} (minimum {min}).",
        "en": "There are only {n} direct learning ties within {a} (minimum {min})."},
    "level_gap_channels": {
        "nl": " Ze komen elkaar wel tegen in {n} netwerken of organen: {names}.",
        "en": " They do meet in {n} networks or bodies: {names}."},
    "level_gap_channel": {
        "nl": " Ze komen elkaar wel tegen in {names}.",
        "en": " They do meet in {names}."},
    "level_gap_no_channels": {
        "nl": " Ze komen elkaar ook niet tegen in een gedeeld netwerk of orgaan.",
        "en": " Nor do they meet in a shared network or body."},
    "single_level": {
        "nl": "{net} heeft alleen leden op {level}: binnen dit netwerk is geen verticaal leren mogelijk.",
        "en": "{net} only has members at {level}: no vertical learning can happen inside this network."},
    # perspectives
    "missing_perspective": {
        "nl": "In {net} ontbreekt het perspectief {p}{note}.",
        "en": "{net} lacks the perspective {p}{note}."},
    "shortfall_count": {
        "nl": "{net} heeft {n} keer het perspectief {p}, maar vraagt er minstens {min}{note}.",
        "en": "{net} has the perspective {p} {n} time(s) but needs at least {min}{note}."},
    "shortfall_members_min": {
        "nl": "{net} heeft {n} leden; de samenstelling vraagt er minstens {min}.",
        "en": "{net} has {n} members; its composition requires at least {min}."},
    "shortfall_members_max": {
        "nl": "{net} heeft {n} leden; de samenstelling staat er hoogstens {max} toe.",
        "en": "{net} has {n} members; its composition allows at most {max}."},
    "rule_from_table": {"nl": "de tabel requirements", "en": "the requirements table"},
    "rule_from_type": {"nl": "de standaardregels voor type '{type}'", "en": "the default rules for type '{type}'"},
    "rule_from_body": {"nl": "de standaardregels voor dit orgaan", "en": "the default rules for this body"},
    # representation
    "without_home": {
        "nl": "{person} heeft een zetel namens {cons}{body}, maar heeft geen thuisorganisatie: "
              "er is geen vastgelegde verbinding met de achterban.",
        "en": "{person} holds a seat for {cons}{body} but has no home organisation: "
              "there is no recorded tie to the constituency."},
    "in_body": {"nl": " in {body}", "en": " in {body}"},
    "unrepresented": {
        "nl": "{cons} ({type}) wordt door niemand vertegenwoordigd in een netwerk of orgaan.",
        "en": "{cons} ({type}) is not represented by anyone in any network or body."},
    "multiple_seats": {
        "nl": "{person} vertegenwoordigt {n} achterbannen tegelijk: {cons}.",
        "en": "{person} represents {n} constituencies at once: {cons}."},
    "multiple_seats_bodies": {
        "nl": "{person} heeft {n} zetels tegelijk, in {bodies}.",
        "en": "{person} holds {n} seats at once, in {bodies}."},
    # overlap
    "overlap": {
        "nl": "{a} en {b} hebben {n} organisaties gemeen ({names}); Jaccard {j:.2f}, "
              "overlapcoëfficiënt {o:.2f}.{tied}",
        "en": "{a} and {b} share {n} organisations ({names}); Jaccard {j:.2f}, "
              "overlap coefficient {o:.2f}.{tied}"},
    "overlap_tied": {"nl": " Ze hebben al een directe leerrelatie.", "en": " They already have a direct learning tie."},
    "overlap_untied": {"nl": " Ze hebben nog geen directe leerrelatie.",
                       "en": " They have no direct learning tie yet."},
    "shared_theme_all": {
        "nl": "Het thema '{theme}' wordt bediend door {n} netwerken ({names}), maar geen van hen heeft een "
              "leerrelatie met een ander netwerk op dit thema.",
        "en": "The theme '{theme}' is served by {n} networks ({names}), but none of them has a learning tie "
              "with another network on this theme."},
    "shared_theme": {
        "nl": "Het thema '{theme}' wordt bediend door {n} netwerken ({names}); {k} daarvan hebben geen "
              "leerrelatie met een ander netwerk op dit thema: {loose}.",
        "en": "The theme '{theme}' is served by {n} networks ({names}); {k} of them have no learning tie "
              "with another network on this theme: {loose}."},
    "multi_load": {
        "nl": "{org} zit in {n} netwerken of organen ({names}).",
        "en": "{org} takes part in {n} networks or bodies ({names})."},
    "isolated": {
        "nl": "{actor} zit in geen enkel netwerk en heeft geen enkele relatie.",
        "en": "{actor} is in no network and has no ties at all."},
    "isolated_home": {
        "nl": "{actor} zit in geen enkel netwerk en heeft geen relaties; alleen de thuisorganisatie "
              "{home} is bekend.",
        "en": "{actor} is in no network and has no ties; only the home organisation {home} is known."},
    # structure
    "spof_actor": {
        "nl": "Als {actor} wegvalt, raakt {groups} los van de rest van het netwerk.",
        "en": "If {actor} drops out, {groups} lose(s) contact with the rest of the network."},
    "spof_tie": {
        "nl": "De relatie tussen {a} en {b} is de enige verbinding van {groups} met de rest van het netwerk.",
        "en": "The tie between {a} and {b} is the only connection of {groups} with the rest of the network."},
    "spof_group_size": {"nl": "een groep van {n} actoren rond {name}", "en": "a group of {n} actors around {name}"},
    "separate_component": {
        "nl": "{n} actoren vormen een los eiland zonder verbinding met de rest, onder wie {names}.",
        "en": "{n} actors form a separate island without a connection to the rest, including {names}."},
    "missing_level_one": {
        "nl": "Van {names} is het niveau niet bekend; deze actor telt niet mee in de niveau-analyses.",
        "en": "The level of {names} is unknown; this actor is left out of the level analyses."},
    "missing_level": {
        "nl": "Van {n} actoren is het niveau niet bekend, zoals {names}; zij tellen niet mee in de niveau-analyses.",
        "en": "The level of {n} actors is unknown, such as {names}; they are left out of the level analyses."},
}


def say(key: str, lang: str = "nl", **params: object) -> str:
    """The sentence ``key`` in ``lang`` filled with ``params``.

    >>> say("overlap_tied", "en")
    ' They already have a direct learning tie.'
    """
    return translate(TEXT, key, lang, **params)
