"""The realistic KBL case: ``netmap/examples/kbl-realistisch`` and its clean variant, from one description.

Built from /work/shared/DOMAIN.md and the public sources (the founding advice "Van praten naar doen",
the 2023 start-meeting recap, the RKJ Friesland publication): KBL's four bodies with their prescribed
composition, the vijfhoek, three RKJ's, a BEN, two Twente learning networks and a Werkplaats Sociaal
Domein. People are roles, not names. Twelve problems are planted (``P1``..``P12`` in the comments; the
answer key is ``tests/test_realistic_case.py``); ``clean=True`` writes the same field with every planted
problem fixed. ``tests/test_realistic_case.py`` checks that the shipped CSV files equal :func:`tables`.

    python tests/data/analysis/realistic.py netmap/examples/kbl-realistisch
    python tests/data/analysis/realistic.py --clean tests/data/analysis/kbl-realistisch-schoon
"""
# ruff: noqa: E501  (a data description: one record a line)
from __future__ import annotations

import csv
import sys
from pathlib import Path

HEADERS = {
    "organisations.csv": ["id", "name", "type", "level", "perspectives", "region", "parent_id"],
    "networks.csv": ["id", "name", "type", "level", "scope", "region", "host_id", "themes"],
    "people.csv": ["id", "name", "role", "perspectives", "home_organisation_id", "level", "private"],
    "memberships.csv": ["member_id", "network_id", "role", "since", "until"],
    "representation.csv": ["person_id", "constituency_id", "body_id", "seat"],
    "ties.csv": ["source_id", "target_id", "kind", "theme", "cycle_step", "weight", "since", "until", "note"],
}


def tables(clean: bool = False) -> dict[str, list[list[str]]]:
    """Every table of the case as rows (``clean``: the planted problems fixed)."""
    return _build(clean)


def write(folder: Path, clean: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables(clean).items():
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, delimiter=";", lineterminator="\n")
            out.writerow(HEADERS[name])
            out.writerows(rows)


def _build(clean: bool) -> dict[str, list[list[str]]]:
    ORGS: list[list[str]] = []      # id, name, type, level, perspectives, region, parent_id
    def org(i, name, typ, level, persp, region="landelijk", parent=""):
        ORGS.append([i, name, typ, level, persp, region, parent])
    # the vijfhoek and national partners (founding advice, start meeting 2023)
    org("vws", "Ministerie van Volksgezondheid, Welzijn en Sport (VWS)", "ministerie", "IV", "rijk")
    org("vng", "Vereniging van Nederlandse Gemeenten (VNG)", "koepel", "IV", "gemeenten")
    org("academie_vng", "Academie VNG", "opleiding", "II", "gemeenten;onderwijs", parent="vng")
    org("bgzj", "Branches Gezondheidszorg en Jeugd (BGZJ)", "branche", "II", "aanbieders")
    org("sbj", "Samenwerkende Beroepsverenigingen Jeugd (SBJ)", "beroepsvereniging", "I", "professionals")
    org("awt", "Associatie Wijkteams", "koepel", "I", "wijkteams")
    org("njr", "Nationale Jeugdraad (NJR)", "jongerenorganisatie", "I", "jongeren")
    org("jongpit", "JongPIT", "jongerenorganisatie", "I", "jongeren")
    org("iederin", "Ieder(in)", "clientenorganisatie", "I", "clienten")
    org("mind", "MIND", "clientenorganisatie", "I", "clienten")                      # P4: nobody represents it
    org("ouderplatform", "Landelijk Ouderplatform Jeugd", "ouderorganisatie", "I", "ouders")
    org("zonmw", "ZonMw", "kennisinstituut", "III", "onderzoek")
    org("nji", "Nederlands Jeugdinstituut (NJi)", "kennisinstituut", "III", "onderzoek")
    org("kenniscentrum_kjp", "Kenniscentrum Kinder- en Jeugdpsychiatrie", "kennisinstituut", "III", "onderzoek")
    org("lvb", "Landelijk Kenniscentrum LVB", "kennisinstituut", "III", "onderzoek")
    org("jeugdplatform_drenthe", "Jeugdplatform Drenthe", "stichting", "II", "aanbieders", "Drenthe")  # P10: isolated
    if clean:
        org("ouderpanel_zl", "Ouderpanel Zuid-Limburg", "ouderorganisatie", "I", "ouders", "Zuid-Limburg")  # P1
    # Friesland: RKJ (source 001: perspectives youth/parents, practice, policy, board, education, research)
    org("gem_leeuwarden", "Gemeente Leeuwarden", "gemeente", "II", "gemeenten", "Friesland")
    org("gem_sudwest", "Gemeente Súdwest-Fryslân", "gemeente", "II", "gemeenten", "Friesland")
    org("jeugdhulp_friesland", "Jeugdhulp Friesland", "aanbieder", "II", "aanbieders", "Friesland")
    org("rug", "Rijksuniversiteit Groningen", "universiteit", "III", "onderzoek", "Groningen")
    org("nhl_stenden", "NHL Stenden Hogeschool", "hogeschool", "III", "onderwijs", "Friesland")
    org("jongerenpanel_fr", "Jongerenpanel Friesland", "jongerenorganisatie", "I", "jongeren", "Friesland")
    org("ouderpanel_fr", "Ouderpanel Friesland", "ouderorganisatie", "I", "ouders", "Friesland")
    # Zuid-Limburg: RKJ without parents (P1)
    org("gem_maastricht", "Gemeente Maastricht", "gemeente", "II", "gemeenten", "Zuid-Limburg")
    org("gem_heerlen", "Gemeente Heerlen", "gemeente", "II", "gemeenten", "Zuid-Limburg")
    org("mondriaan", "Jeugdhulpaanbieder Zuid-Limburg", "aanbieder", "II", "aanbieders", "Zuid-Limburg")
    org("um", "Universiteit Maastricht", "universiteit", "III", "onderzoek", "Zuid-Limburg")
    org("zuyd", "Zuyd Hogeschool", "hogeschool", "III", "onderwijs", "Zuid-Limburg")
    org("jongerenpanel_zl", "Jongerenpanel Zuid-Limburg", "jongerenorganisatie", "I", "jongeren", "Zuid-Limburg")
    # Twente: two learning networks with the same providers (P7), one provider everywhere (P9)
    for k in range(1, 6):
        org(f"aanbieder_twente_{k}", f"Jeugdhulpaanbieder Twente {k}", "aanbieder", "II", "aanbieders", "Twente")
    org("gem_enschede", "Gemeente Enschede", "gemeente", "II", "gemeenten", "Twente")
    org("ut", "Universiteit Twente", "universiteit", "III", "onderzoek", "Twente")
    org("saxion", "Saxion Hogeschool", "hogeschool", "III", "onderwijs", "Twente")
    org("ouderraad_twente", "Ouderraad Jeugd Twente", "ouderorganisatie", "I", "ouders", "Twente")
    org("jongerenraad_twente", "Jongerenraad Twente", "jongerenorganisatie", "I", "jongeren", "Twente")
    # Noord: a Werkplaats Sociaal Domein hanging on one hogeschool (P6)
    org("hanze", "Hanzehogeschool Groningen", "hogeschool", "III", "onderwijs;onderzoek", "Groningen")
    org("gem_groningen", "Gemeente Groningen", "gemeente", "II", "gemeenten", "Groningen")
    org("wijkteam_groningen", "WIJ Groningen", "wijkteam", "I", "wijkteams", "Groningen")
    org("sociaal_werk_noord", "Sociaal Werk Noord", "aanbieder", "II", "aanbieders", "Groningen")

    N = []  # id, name, type, level, scope, region, host_id, themes
    def net(i, name, typ, level, scope="national", region="landelijk", host="", themes=""):
        N.append([i, name, typ, level, scope, region, host, themes])
    net("kbl_werkorganisatie", "KBL Werkorganisatie", "body", "II", themes="kwaliteit;leren en verbeteren")
    net("kbl_bureau", "KBL Bureau", "body", "II", themes="monitoring")
    net("kbl_adviesraad", "KBL Adviesraad", "body", "III", themes="perspectieven;agendering")
    net("kbl_koersgroep", "KBL Koersgroep", "body", "IV", themes="koers;commitment")
    net("vijfhoek", "Vijfhoek Hervormingsagenda Jeugd", "platform", "II;IV", themes="hervormingsagenda")
    net("rkj_friesland", "Kenniswerkplaats Jeugd Friesland", "rkj", "I;II;III", "regional", "Friesland", "nhl_stenden", "leeragenda;passende hulp")
    net("rkj_zl", "Kenniswerkplaats Jeugd Zuid-Limburg", "rkj", "I;II;III", "regional", "Zuid-Limburg", "um", "leeragenda;passende hulp")
    net("rkj_twente", "Kenniswerkplaats Jeugd Twente", "rkj", "I;II;III", "regional", "Twente", "ut", "leeragenda")
    net("ben_oost", "BEN Oost (coördinatie Enschede)", "ben", "II", "regional", "Twente", "gem_enschede", "complexe zorgvragen")
    net("leernetwerk_wachttijden", "Leernetwerk wachttijden Twente", "learning_network", "II", "regional", "Twente", themes="wachttijden")
    if not clean:  # P7: merged into the Leernetwerk in the clean variant
        net("netwerk_jeugdhulp_twente", "Netwerk Jeugdhulp Twente", "learning_network", "II", "regional", "Twente",
            themes="wachttijden")
    net("wsd_noord", "Werkplaats Sociaal Domein Noord", "werkplaats", "I;II;III", "regional", "Groningen", "hanze", "sociaal domein")

    P = []  # id, name, role, perspectives, home_organisation_id, level, private
    def person(i, name, role, persp, home="", level=""):
        P.append([i, name, role, persp, home, level, ""])
    # werkorganisatie: content experts with a home organisation (founding advice)
    person("wo_jongeren", "Inhoudsdeskundige jongeren", "werkorganisatie namens jongeren", "jongeren", "njr", "I")
    person("wo_clienten", "Inhoudsdeskundige cliënten", "werkorganisatie namens cliënten", "clienten", "iederin", "I")
    person("wo_professionals", "Inhoudsdeskundige professionals", "werkorganisatie namens professionals", "professionals", "sbj", "I")
    person("wo_aanbieders", "Inhoudsdeskundige aanbieders", "werkorganisatie namens aanbieders", "aanbieders", "bgzj", "II")
    person("wo_gemeenten", "Inhoudsdeskundige gemeenten", "werkorganisatie namens gemeenten", "gemeenten", "vng", "II")
    # P5: the wijkteams expert has no home organisation
    person("wo_wijkteams", "Inhoudsdeskundige wijkteams", "werkorganisatie namens wijkteams", "wijkteams",
           "awt" if clean else "", "I")
    # bureau
    person("bu_programmaleider", "Programmaleider KBL", "programmaleider", "bestuur", "nji", "II")
    person("bu_secretaris", "Secretaris KBL", "secretaris", "bestuur", "nji", "II")
    person("bu_data", "Data-analist KBL", "data-analist monitoring", "onderzoek", "nji", "III")
    # koersgroep (fixed composition); the ZonMw seat is empty (P2)
    person("kg_voorzitter", "Onafhankelijk voorzitter koersgroep", "voorzitter koersgroep", "bestuur", "", "IV")
    person("kg_sbj1", "Bestuurslid SBJ (zetel 1)", "koersgroeplid namens SBJ", "professionals", "sbj", "IV")
    person("kg_sbj2", "Bestuurslid SBJ (zetel 2)", "koersgroeplid namens SBJ", "professionals", "sbj", "IV")
    person("kg_bgzj", "Bestuurder BGZJ", "koersgroeplid namens BGZJ", "aanbieders", "bgzj", "IV")
    person("kg_awt", "Bestuurder Associatie Wijkteams", "koersgroeplid namens Associatie Wijkteams", "wijkteams", "awt", "IV")
    person("kg_jongeren", "Bestuurslid NJR", "koersgroeplid namens jongerenorganisaties", "jongeren", "njr", "IV")
    person("kg_clienten", "Bestuurder Ieder(in)", "koersgroeplid namens cliënt- en ouderorganisaties", "clienten", "iederin", "IV")
    person("kg_vws", "Directeur Jeugd VWS", "koersgroeplid namens het Rijk", "rijk", "vws", "IV")
    person("kg_vng", "Bestuurder VNG", "koersgroeplid namens gemeenten", "gemeenten", "vng", "IV")
    if clean:  # P2: the ZonMw seat filled
        person("kg_zonmw", "Directeur ZonMw", "koersgroeplid namens ZonMw", "onderzoek", "zonmw", "IV")
        person("wo_jongpit", "Inhoudsdeskundige jongeren (JongPIT)", "werkorganisatie namens jongeren", "jongeren",
               "jongpit", "I")
    # adviesraad: 11 members (P8: the rule asks 12-16), no other role in KBL
    ar = [("ar_jongere1", "Ervaringsdeskundige jongere 1", "jongeren", "I"),
          ("ar_jongere2", "Ervaringsdeskundige jongere 2", "jongeren", "I"),
          ("ar_ouder1", "Ervaringsdeskundige ouder 1", "ouders", "I"),
          ("ar_ouder2", "Ervaringsdeskundige ouder 2", "ouders", "I"),
          ("ar_pedagogiek", "Hoogleraar pedagogiek", "onderzoek", "III"),
          ("ar_psychiatrie", "Hoogleraar kinder- en jeugdpsychiatrie", "onderzoek", "III"),
          ("ar_bestuurskunde", "Onderzoeker bestuurskunde", "onderzoek", "III"),
          ("ar_orthopedagoog", "Orthopedagoog-onderzoeker", "professionals;onderzoek", "I;III"),
          ("ar_jeugdarts", "Jeugdarts-onderzoeker", "professionals;onderzoek", "I;III"),
          ("ar_lector", "Lector jeugd", "onderwijs;onderzoek", "III"),
          ("ar_wijkteam", "Wijkteammedewerker", "wijkteams", "I")]
    if clean:  # P8
        ar.append(("ar_sociologie", "Onderzoeker jeugdsociologie", "onderzoek", "III"))
    for i, name, persp, level in ar:
        person(i, name, "lid adviesraad", persp, "", level)
    # one person carrying two constituencies in two bodies (P12)
    person("wo_ouders", "Inhoudsdeskundige ouders en pleegouders", "werkorganisatie namens ouders", "ouders", "ouderplatform", "I")

    M = []  # member_id, network_id, role, since, until
    def member(m, n, role="member"):
        M.append([m, n, role, "", ""])
    for p in ("wo_jongeren", "wo_clienten", "wo_professionals", "wo_aanbieders", "wo_gemeenten", "wo_wijkteams", "wo_ouders"):
        member(p, "kbl_werkorganisatie")
    for p in ("bu_programmaleider", "bu_secretaris", "bu_data"):
        member(p, "kbl_bureau")
    for p in ("kg_voorzitter", "kg_sbj1", "kg_sbj2", "kg_bgzj", "kg_awt", "kg_jongeren", "kg_clienten", "kg_vws", "kg_vng",
              "bu_programmaleider", "bu_secretaris") + (("kg_zonmw",) if clean else ()):
        member(p, "kbl_koersgroep")
    if clean:
        member("wo_jongpit", "kbl_werkorganisatie")
    for i, *_ in ar:
        member(i, "kbl_adviesraad")
    for o in ("vws", "vng", "bgzj", "sbj", "njr", "jongpit", "iederin") + (("mind",) if clean else ()):  # P4
        member(o, "vijfhoek")
    for o in ("gem_leeuwarden", "gem_sudwest", "jeugdhulp_friesland", "rug", "nhl_stenden", "jongerenpanel_fr", "ouderpanel_fr", "nji"):
        member(o, "rkj_friesland")
    for o in ("gem_maastricht", "gem_heerlen", "mondriaan", "um", "zuyd", "jongerenpanel_zl", "nji") + (
            ("ouderpanel_zl",) if clean else ()):  # P1: no parents in the Zuid-Limburg RKJ
        member(o, "rkj_zl")
    for o in ("gem_enschede", "aanbieder_twente_1", "aanbieder_twente_2", "ut", "saxion", "ouderraad_twente", "jongerenraad_twente", "nji"):
        member(o, "rkj_twente")
    for o in ("gem_enschede", "aanbieder_twente_1", "aanbieder_twente_3", "kenniscentrum_kjp", "lvb"):
        member(o, "ben_oost")
    # P7: two Twente networks with the same five providers; P11: providers only (one level)
    for k in range(1, 6):
        member(f"aanbieder_twente_{k}", "leernetwerk_wachttijden")
        if not clean:
            member(f"aanbieder_twente_{k}", "netwerk_jeugdhulp_twente")
    if clean:  # one network, with the parents and the municipality at the table
        member("ouderraad_twente", "leernetwerk_wachttijden")
        member("gem_enschede", "leernetwerk_wachttijden")
    for o in ("hanze", "gem_groningen", "wijkteam_groningen", "sociaal_werk_noord"):
        member(o, "wsd_noord")
    # aanbieder_twente_1 is in rkj_twente, ben_oost, both learning networks: load 4; add two more (P9)
    if not clean:  # P9: one provider in six networks
        member("aanbieder_twente_1", "vijfhoek")
        member("aanbieder_twente_1", "rkj_zl")
    member("hanze", "rkj_friesland")  # P6: the Werkplaats's only link to the rest
    if clean:  # P10
        member("jeugdplatform_drenthe", "wsd_noord")

    R = []  # person_id, constituency_id, body_id, seat
    def rep(p, c, b, seat):
        R.append([p, c, b, seat])
    rep("wo_jongeren", "njr", "kbl_werkorganisatie", "jongeren")
    rep("wo_clienten", "iederin", "kbl_werkorganisatie", "cliënten")
    rep("wo_professionals", "sbj", "kbl_werkorganisatie", "professionals")
    rep("wo_aanbieders", "bgzj", "kbl_werkorganisatie", "aanbieders")
    rep("wo_gemeenten", "vng", "kbl_werkorganisatie", "gemeenten")
    rep("wo_wijkteams", "awt", "kbl_werkorganisatie", "wijkteams")
    if clean:
        rep("kg_zonmw", "zonmw", "kbl_koersgroep", "ZonMw")
        rep("wo_jongpit", "jongpit", "kbl_werkorganisatie", "jongeren")
        rep("wo_clienten", "mind", "kbl_werkorganisatie", "cliënten")  # P4
    rep("wo_ouders", "ouderplatform", "kbl_werkorganisatie", "ouders")
    rep("kg_sbj1", "sbj", "kbl_koersgroep", "SBJ 1")
    rep("kg_sbj2", "sbj", "kbl_koersgroep", "SBJ 2")
    rep("kg_bgzj", "bgzj", "kbl_koersgroep", "branches")
    rep("kg_awt", "awt", "kbl_koersgroep", "Associatie Wijkteams")
    rep("kg_jongeren", "njr", "kbl_koersgroep", "jongerenorganisaties")
    rep("kg_clienten", "iederin", "kbl_koersgroep", "cliënt- en ouderorganisaties")
    rep("kg_vws", "vws", "kbl_koersgroep", "Rijk")
    rep("kg_vng", "vng", "kbl_koersgroep", "gemeenten")
    # P12: the parents' expert also takes the koersgroep's client/parent seat for the pleegouders
    if not clean:
        rep("wo_ouders", "jongpit", "kbl_koersgroep", "cliënt- en ouderorganisaties (tweede zetel)")

    T = []  # source_id, target_id, kind, theme, cycle_step, weight, since, until, note
    def tie(a, b, theme="", step="", kind="learning"):
        T.append([a, b, kind, theme, step, "1", "2024", "", ""])
    # horizontal and vertical learning among actors; nothing joins level I and level IV directly (P3)
    tie("jongerenpanel_fr", "gem_leeuwarden", "participatie", "1")
    tie("ouderpanel_fr", "jeugdhulp_friesland", "passende hulp", "2")
    tie("jeugdhulp_friesland", "rug", "doen wat werkt", "3")
    tie("gem_leeuwarden", "gem_sudwest", "inkoop", "4")
    tie("jongerenpanel_zl", "mondriaan", "participatie", "1")
    tie("mondriaan", "um", "doen wat werkt", "3")
    tie("gem_maastricht", "gem_heerlen", "inkoop", "4")
    tie("ouderraad_twente", "aanbieder_twente_2", "passende hulp", "2")
    tie("aanbieder_twente_2", "ut", "doen wat werkt", "3")
    tie("zonmw", "vws", "leeragenda", "2")
    tie("nji", "zonmw", "leeragenda", "4")
    tie("nji", "vng", "leeragenda", "4")
    tie("bgzj", "vng", "hervormingsagenda", "2")
    tie("sbj", "bgzj", "vakmanschap", "1")
    tie("iederin", "njr", "participatie", "1")
    tie("awt", "sbj", "vakmanschap", "1")
    tie("wijkteam_groningen", "gem_groningen", "sociaal domein", "2")
    tie("sociaal_werk_noord", "hanze", "sociaal domein", "3")
    tie("kbl_werkorganisatie", "kbl_bureau", "monitoring", "4")
    tie("kbl_bureau", "kbl_koersgroep", "monitoring", "4")
    tie("kbl_koersgroep", "kbl_adviesraad", "agendering", "1")
    tie("kbl_werkorganisatie", "rkj_friesland", "leeragenda", "1")
    tie("kbl_werkorganisatie", "rkj_zl", "leeragenda", "1")
    tie("kbl_werkorganisatie", "rkj_twente", "leeragenda", "1")
    tie("rkj_twente", "ben_oost", "complexe zorgvragen", "2")
    tie("vws", "zonmw", "financiering RKJ's", "", "funding")
    # the regions learn with the national parties too (so no region hangs on its RKJ alone)
    for a, b, theme, step in (
            ("academie_vng", "gem_leeuwarden", "opleiding beleid", "3"), ("ouderplatform", "iederin", "participatie", "1"),
            ("jongerenpanel_zl", "um", "onderzoek met jongeren", "4"), ("ouderraad_twente", "ut", "onderzoek met ouders", "4"),
            ("vws", "vng", "hervormingsagenda", "2"), ("gem_leeuwarden", "vng", "inkoop", "2"),
            ("jeugdhulp_friesland", "bgzj", "passende hulp", "3"), ("rug", "nji", "doen wat werkt", "3"),
            ("gem_maastricht", "vng", "inkoop", "2"), ("mondriaan", "bgzj", "passende hulp", "3"),
            ("um", "zonmw", "leeragenda", "4"), ("gem_enschede", "vng", "inkoop", "2"), ("ut", "nji", "doen wat werkt", "3"),
            ("jongerenraad_twente", "njr", "participatie", "1"), ("jongerenpanel_fr", "njr", "participatie", "1"),
            ("jongerenpanel_zl", "jongpit", "participatie", "1"), ("ouderpanel_fr", "ouderplatform", "participatie", "1"),
            ("ouderraad_twente", "ouderplatform", "participatie", "1"), ("kbl_bureau", "kbl_adviesraad", "secretariaat", "4"),
            ("zuyd", "um", "onderwijs en onderzoek", "3"), ("saxion", "ut", "onderwijs en onderzoek", "3"),
            ("nhl_stenden", "rug", "onderwijs en onderzoek", "3"), ("gem_heerlen", "vng", "inkoop", "2"),
            ("gem_sudwest", "vng", "inkoop", "2")):
        tie(a, b, theme, step)
    if clean:
        tie("njr", "vws", "jongeren aan tafel", "1")  # P3: level I and level IV learn directly
        tie("gem_groningen", "vng", "sociaal domein", "2")  # P6: a second link for the Werkplaats
        tie("ouderpanel_zl", "ouderplatform", "participatie", "1")

    return {"organisations.csv": ORGS, "networks.csv": N, "people.csv": P, "memberships.csv": M,
            "representation.csv": R, "ties.csv": T}


if __name__ == "__main__":
    args = sys.argv[1:]
    is_clean = "--clean" in args
    write(Path([a for a in args if a != "--clean"][0]), is_clean)
