"""The generator behind :func:`netmap.synth.generate`: one stage per part of the national field.

:mod:`netmap.synth` holds the public surface, KBL's own bodies, the Wadden
region and the last planted answers; this module the rest of the field. Every random draw goes through the one
:class:`random.Random` held by :class:`Field`, and every loop runs over lists in a
fixed order, so a ``(scale, seed)`` pair always gives the same field.
"""
from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from netmap.model import Membership, Node, Representation, Tie

_ONSET = ("Aal", "Ber", "Bos", "Brug", "Dal", "Dijk", "Eem", "Elst", "Gel", "Graft", "Haar", "Hoog",
          "Kamp", "Lee", "Maas", "Mid", "Moer", "Oost", "Rijn", "Ste", "Ter", "Vel", "Wad", "West",
          "Zand", "Zee")
_CODA = ("dam", "dijk", "dorp", "drecht", "en", "horst", "hoven", "huizen", "kerk", "land", "lo",
         "meer", "rode", "sum", "veen", "voorde", "waard", "wijk", "zijl")
_FIRST = ("Anna", "Bram", "Daan", "Emma", "Fatima", "Fleur", "Gijs", "Hanna", "Iris", "Jesse", "Joris",
          "Kees", "Lotte", "Mohamed", "Noor", "Olga", "Pieter", "Rosa", "Sanne", "Thijs", "Yasmina",
          "Zoë", "Anouk", "Ruben", "Mila", "Sem", "Eline", "Bilal", "Chantal", "Dewi")
_LAST = ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
         "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
         "de Wit", "Dijkstra", "Çelik", "El Amrani", "Nguyễn", "O'Neill", "Yılmaz", "Kramer")
_PROVIDER = ("Jeugdzorg", "Stichting Jeugdhulp", "Zorggroep", "Jeugd-GGZ", "Pleegzorg", "Gezinshuis",
             "Kinder- en Jeugdpraktijk", "Orthopedagogisch Centrum")
#: Names that must survive every writer unchanged and be escaped in HTML.
_TRICKY = ('Stichting "De Brug" & Partners', "Cliënt<Zorg> Jeugd", "Zorg 'n Zo; Jeugd", "<script>x</script> Jeugd")
_THEMES = ("jeugdhulp in de wijk", "ouderschap", "jeugdbescherming", "onderwijs en zorg",
           "complexe zorgvragen", "pleegzorg", "gesloten jeugdhulp", "LVB", "wachttijden")
_NATIONAL = (  # id, name, type, level, perspectives
    ("vws", "Ministerie van VWS", "ministerie", "IV", "rijk"),
    ("vng", "Vereniging van Nederlandse Gemeenten", "koepel", "IV", "gemeenten"),
    ("bgzj", "Branches Gezondheidszorg en Jeugd", "branche", "II", "aanbieders"),
    ("sbj", "Samenwerkende Beroepsverenigingen Jeugd", "beroepsvereniging", "II", "professionals"),
    ("awt", "Associatie Wijkteams", "koepel", "II", "wijkteams"),
    ("njr", "Nationale Jeugdraad", "jongerenorganisatie", "I", "jongeren"),
    ("jongpit", "JongPIT", "jongerenorganisatie", "I", "jongeren"),
    ("expex", "ExpEx", "jongerenorganisatie", "I", "jongeren"),
    ("iederin", "Ieder(in)", "cliëntenorganisatie", "I", "clienten"),
    ("mind", "MIND", "cliëntenorganisatie", "I", "clienten"),
    ("ouderplatform", "Landelijk Ouderplatform Jeugd", "ouderorganisatie", "I", "ouders"),
    ("zonmw", "ZonMw", "financier", "III", "onderzoek"),
    ("nji", "Nederlands Jeugdinstituut", "kennisinstituut", "III", "onderzoek"),
    ("kckjp", "Kenniscentrum Kinder- en Jeugdpsychiatrie", "kennisinstituut", "III", "onderzoek"),
    ("lvb", "Landelijk Kenniscentrum LVB", "kennisinstituut", "III", "onderzoek"),
)
PLATFORMS = (  # id, name, type, levels, who joins
    ("sejn", "SEJN (leerdatabank aanbieders)", "platform", ("II",), "providers"),
    ("garage2020", "Garage2020", "platform", ("II", "III"), "providers"),
    ("lectoren", "Platform lectoren jeugd", "platform", ("III",), "researchers"),
    ("leernetwerk_cijfers", "Leernetwerk cijfers NL jeugd", "platform", ("II",), "officers"),
    ("ozj", "Ondersteuningsteam Zorg voor de Jeugd", "platform", ("II",), "providers"),
    ("proeftuinen_jb", "Proeftuinen Jeugdbescherming", "platform", ("II",), "providers"),
    ("pleegzorg", "De lerende beweging pleegzorg", "movement", ("I", "II"), "providers"),
    ("beweging_van_0", "Beweging van 0", "movement", ("II",), "providers"),
    ("jeugdzorgplus", "Herbouw JeugdzorgPlus", "platform", ("II",), "providers"),
)
N_REGIONS, N_MUNICIPALITIES, N_RKJ, N_BEN, N_WSD = 42, 342, 15, 8, 16
BEN_HOSTS = ("Groningen", "Enschede", "Nijmegen", "Utrecht", "Amsterdam", "Rotterdam", "Eindhoven", "Limburg")


class Field:
    """Accumulates the records of one synthetic field; each stage method adds one part."""

    def __init__(self, rng: random.Random, scale: float):
        self.rng, self.scale = rng, scale
        self.nodes: dict[str, Node] = {}
        self.memberships: list[Membership] = []
        self.representation: list[Representation] = []
        self.ties: list[Tie] = []
        self.planted: list[tuple[str, list[str], str]] = []
        self._pairs: set[tuple[str, str]] = set()
        self._members: dict[str, set[str]] = {}
        self.regions: list[dict[str, Any]] = []
        self.places = self.rng.sample([a + b for a in _ONSET for b in _CODA], N_MUNICIPALITIES + 40)
        # filled in by the stages, in the order of BASE_STAGES
        self.universities: list[str] = []
        self.schools: list[str] = []
        self.knowledge: list[str] = []
        self.swv: list[str] = []
        self.providers: list[str] = []
        self.provider_weight: dict[str, float] = {}
        self.large: set[str] = set()
        self.urn = _Urn([])  # filled once the providers exist (see the providers stage)
        self.researchers: list[str] = []
        self.researcher_urn = _Urn([])
        self.rkjs: list[str] = []
        self.bens: list[str] = []
        self.wsds: list[str] = []

    # -- record helpers --------------------------------------------------------------------
    def count(self, national: float, minimum: int = 1) -> int:
        """How many of something at this scale (``national`` at scale 1)."""
        return max(minimum, round(national * self.scale))

    def add(self, node_id: str, kind: str, name: str, type_: str, levels: tuple[str, ...],
            perspectives: tuple[str, ...] = (), **attrs: Any) -> str:
        self.nodes[node_id] = Node(node_id, kind, name, type_, levels, perspectives, **attrs)
        return node_id

    def person_name(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    def member(self, member_id: str, network_id: str, role: str = "member") -> None:
        members = self._members.setdefault(network_id, set())
        if member_id != network_id and member_id not in members:
            members.add(member_id)
            self.memberships.append(Membership(member_id, network_id, role))

    def tie(self, a: str, b: str, kind: str = "learning") -> None:
        if a == b or (a, b) in self._pairs or (b, a) in self._pairs:
            return
        self._pairs.add((a, b))
        rng = self.rng
        step = rng.choice((1, 2, 3, 4, None))
        self.ties.append(Tie(a, b, kind, rng.choice(_THEMES), step, float(rng.choice((1, 1, 1, 2, 3)))))

    def represent(self, person: str, constituency: str, body: str = "", seat: str = "") -> None:
        self.representation.append(Representation(person, constituency, body, seat))

    def plant(self, kind: str, subjects: list[str], note: str) -> None:
        self.planted.append((kind, subjects, note))



class _Urn:
    """Preferential attachment: every draw puts the drawn id back once more, so the often drawn
    get drawn more often (a few hubs, a long tail); ``uniform`` of the draws ignore history."""

    def __init__(self, ids: list[str]):
        self.base = list(ids)
        self.urn = list(ids)

    def draw(self, rng: random.Random, k: int, uniform: float = 0.3) -> list[str]:
        """Up to ``k`` distinct ids."""
        chosen: dict[str, None] = {}
        if not self.base:
            return []
        for _ in range(4 * k):
            if len(chosen) >= k:
                break
            chosen.setdefault(rng.choice(self.base if rng.random() < uniform else self.urn))
        self.urn.extend(chosen)
        return list(chosen)


# -- stages: each adds one part of the field ---------------------------------------------------
def _split(items: list[Any], parts_: int) -> list[list[Any]]:
    """``items`` in ``parts_`` consecutive chunks of near-equal size."""
    size, extra = divmod(len(items), parts_)
    chunks, start = [], 0
    for i in range(parts_):
        end = start + size + (i < extra)
        chunks.append(items[start:end])
        start = end
    return chunks


def _stage_national(F: Field) -> None:
    for node_id, name, type_, level, persp in _NATIONAL:
        # national client, youth and parent organisations act at organisation level here, so
        # that the planted I-IV gap is not closed by KBL's own seats
        level = "II" if level == "I" else level
        F.add(node_id, "organisation", name, type_, (level,), (persp,), region="landelijk")
    F.add("pleegouders_nl", "organisation", "Landelijke Vereniging Pleegouders", "ouderorganisatie",
          ("II",), ("ouders",), region="landelijk")
    F.universities = [F.add(f"univ_{i:02}", "organisation", f"Universiteit {F.places[-i]}", "universiteit",
                            ("III",), ("onderzoek",), region="landelijk") for i in range(1, 15)]
    F.schools = [F.add(f"hs_{i:02}", "organisation", f"Hogeschool {F.places[-14 - i]}", "hogeschool",
                       ("III",), ("onderwijs", "onderzoek"), region="landelijk") for i in range(1, 19)]
    F.knowledge = ["nji", "kckjp", "lvb"]
    F.swv = [F.add(f"swv_{i:03}", "organisation", f"Samenwerkingsverband Passend Onderwijs {i}", "onderwijs",
                   ("II",), ("onderwijs",), region="landelijk") for i in range(1, 151)]
    bodies: tuple[tuple[str, str, tuple[str, ...]], ...]
    bodies = (("kbl_werkorganisatie", "KBL Werkorganisatie", ("II",)), ("kbl_bureau", "KBL Bureau", ("II",)),
              ("kbl_adviesraad", "KBL Adviesraad", ("III",)), ("kbl_koersgroep", "KBL Koersgroep", ("IV",)),
              ("vijfhoek", "Vijfhoek Hervormingsagenda Jeugd", ("IV",)))
    for node_id, name, levels in bodies:
        F.add(node_id, "network", name, "body", levels, scope="national", region="landelijk")
    F.nodes["vijfhoek"].host_id = "vws"
    for node_id, name, type_, spans, _ in PLATFORMS:
        F.add(node_id, "network", name, type_, spans, scope="national", region="landelijk", themes=("leren",))
    F.add("mao", "network", "Met Andere Ogen", "movement", ("II", "III"), scope="national",
          region="landelijk", themes=("onderwijs en zorg",))
    for org in ("vws", "vng", "bgzj", "sbj", "njr", "jongpit", "expex", "iederin", "mind", "ouderplatform"):
        F.member(org, "vijfhoek")


def _stage_regions(F: Field) -> None:
    """41 mainland youth regions (the 42nd, the Wadden islands, comes later) and 338 municipalities."""
    n_regions, n_munis = N_REGIONS - 1, N_MUNICIPALITIES - 4
    weights = [F.rng.lognormvariate(0, 0.6) for _ in range(n_regions)]
    sizes = [2] * n_regions
    for i in F.rng.choices(range(n_regions), weights=weights, k=n_munis - 2 * n_regions):
        sizes[i] += 1
    muni = 0
    for r, size in enumerate(sizes, start=1):
        places = F.places[muni: muni + size]
        name = f"Regio {places[0]}"
        region: dict[str, Any] = {"name": name, "index": r, "munis": [], "wijkteams": [], "providers": [],
                                  "professionals": [], "officers": [], "aldermen": [], "boards": []}
        for place in places:
            muni += 1
            gem = F.add(f"gem_{muni:03}", "organisation", f"Gemeente {place}", "gemeente", ("II",),
                        ("gemeenten",), region=name)
            region["munis"].append(gem)
            region["wijkteams"].append(F.add(f"wt_{muni:03}", "organisation", f"Wijkteam {place}", "wijkteam",
                                             ("I",), ("wijkteams",), region=name,
                                             parent_id=gem if muni % 2 else ""))
        add_region_bodies(F, region)
        F.regions.append(region)


def add_region_bodies(F: Field, region: dict[str, Any]) -> None:
    r, name = region["index"], region["name"]
    region["panels"] = [
        F.add(f"ouders_{r:02}", "organisation", f"Ouderpanel {name}", "ouderorganisatie", ("I",), ("ouders",),
              region=name),
        F.add(f"jongeren_{r:02}", "organisation", f"Jongerenpanel {name}", "jongerenorganisatie", ("I",),
              ("jongeren",), region=name)]
    region["network"] = F.add(f"regio_{r:02}", "network", f"Jeugd{name.lower()}", "jeugdregio", ("II",),
                              scope="regional", region=name, host_id=region["munis"][0])
    region["overleg"] = F.add(f"bo_{r:02}", "network", f"Bestuurlijk overleg jeugd {name}", "bestuurlijk overleg",
                              ("IV",), scope="regional", region=name)
    for gem in region["munis"]:
        F.member(gem, region["network"])
    for panel in region["panels"]:
        F.tie(panel, region["munis"][0])


def _stage_providers(F: Field) -> None:
    """Providers with Zipf sizes; the largest ~5% get a board member later."""
    n = F.count(8000, 20)
    rank = list(range(1, n + 1))
    F.rng.shuffle(rank)
    region_w = [len(r["munis"]) for r in F.regions]
    homes = F.rng.choices(F.regions, weights=region_w, k=n)
    F.providers, F.provider_weight = [], {}
    for i, (k, region) in enumerate(zip(rank, homes), start=1):
        name = _TRICKY[i - 1] if i <= len(_TRICKY) else f"{F.rng.choice(_PROVIDER)} {F.rng.choice(F.places)} {i}"
        pid = F.add(f"aanb_{i:05}", "organisation", name, "zorgaanbieder", ("II",), ("aanbieders",),
                    region=region["name"])
        F.providers.append(pid)
        F.provider_weight[pid] = k ** -0.8
        region["providers"].append(pid)
    F.large = set(sorted(F.providers, key=F.provider_weight.__getitem__, reverse=True)[: F.count(380, 2)])
    for region in F.regions:
        large = [p for p in region["providers"] if p in F.large]
        for p in region["providers"]:
            if large and p not in F.large and F.rng.random() < 0.05:
                F.nodes[p].parent_id = F.rng.choice(large)
        region["urn"] = _Urn(region["providers"])
    F.urn = _Urn(F.providers)
    F.add("aanb_overal", "organisation", "Jeugdzorg Overal", "zorgaanbieder", ("II",), ("aanbieders",),
          region=F.regions[0]["name"])
    for i in range(1, 4):  # planted: nothing will ever point at these
        F.add(f"aanb_los_{i}", "organisation", f"Jeugdpraktijk Apart {i}", "zorgaanbieder", ("II",),
              ("aanbieders",), region=F.regions[-i]["name"])
        F.plant("isolated", [f"aanb_los_{i}"], "a provider without any tie, membership or staff")


def _stage_people(F: Field) -> None:
    """Professionals (level I) at providers and wijkteams, researchers, policy officers,
    aldermen, provider boards, and parents and youth with lived experience."""
    rng = F.rng
    n = F.count(80000, 100)
    cum, total = [], 0.0
    for p in F.providers:
        total += F.provider_weight[p]
        cum.append(total)
    region_of = {p: r for r in F.regions for p in r["providers"]}
    wijkteams = [(w, r) for r in F.regions for w in r["wijkteams"]]
    for i, home in enumerate(rng.choices(F.providers, cum_weights=cum, k=n), start=1):
        region = region_of[home]
        persp: tuple[str, ...] = ("professionals",)
        if rng.random() < 0.15:
            home, region = rng.choice(wijkteams)
            persp = ("professionals", "wijkteams")
        pid = F.add(f"prof_{i:06}", "person", F.person_name(), "", ("I",), persp, region=region["name"],
                    role=rng.choice(("jeugdprofessional", "gedragswetenschapper", "jeugdarts",
                                     "ambulant hulpverlener")),
                    home_organisation_id=home, private=rng.random() < 0.2)
        region["professionals"].append(pid)
    homes = F.universities + F.schools + F.knowledge
    F.researchers = [F.add(f"onderz_{i:05}", "person", F.person_name(), "", ("III",), ("onderzoek",),
                           role="onderzoeker", home_organisation_id=home)
                     for i, home in enumerate(rng.choices(homes, weights=[1 / (k + 1) for k in range(len(homes))],
                                                          k=F.count(1500, 20)), start=1)]
    F.researcher_urn = _Urn(F.researchers)
    for region in F.regions:
        add_region_people(F, region)


def add_region_people(F: Field, region: dict[str, Any]) -> None:
    name = region["name"]
    for gem in region["munis"]:
        for k in (1, 2):
            region["officers"].append(F.add(f"beleid_{gem[4:]}_{k}", "person", F.person_name(), "", ("II",),
                                            ("gemeenten",), region=name, role="beleidsmedewerker jeugd",
                                            home_organisation_id=gem))
        alderman = F.add(f"weth_{gem[4:]}", "person", F.person_name(), "", ("IV",), ("gemeenten", "bestuur"),
                         region=name, role="wethouder jeugd", home_organisation_id=gem)
        region["aldermen"].append(alderman)
        F.member(alderman, region["overleg"])
    for p in region["providers"]:
        if p in F.large:
            board = F.add(f"bestuur_{p[5:]}", "person", F.person_name(), "", ("IV",), ("bestuur", "aanbieders"),
                          region=name, role="bestuurder zorgaanbieder", home_organisation_id=p)
            region["boards"].append(board)
            F.member(board, region["overleg"])
            F.represent(board, p, region["overleg"], "aanbieder")
    region["experts"] = []
    for panel in region["panels"]:
        persp = F.nodes[panel].perspectives
        for k in range(1, F.count(5, 1) + 1):
            expert = F.add(f"ervaring_{panel}_{k}", "person", F.person_name(), "", ("I",), persp, region=name,
                           role="ervaringsdeskundige", home_organisation_id=panel, private=True)
            region["experts"].append(expert)
            F.tie(expert, panel)
        F.represent(f"ervaring_{panel}_1", panel, region["network"], "ervaringsdeskundigen")


PLANTED_RKJ = 7  # the RKJ that has no parents' organisation


def _stage_rkj(F: Field) -> None:
    """15 RKJ's, each over a few neighbouring regions: a university, a hogeschool, municipalities,
    providers, professionals, researchers, the parents' and youth panels, and an NJi ambassador."""
    F.rkjs = []
    for i, covered in enumerate(_split(F.regions, N_RKJ), start=1):
        first = covered[0]
        univ, school = F.universities[(i - 1) % 14], F.schools[(i - 1) % 18]
        place = first["name"].removeprefix("Regio ")
        rkj = F.add(f"rkj_{i:02}", "network", f"Regionale Kenniswerkplaats Jeugd {place}", "rkj",
                    ("I", "II", "III"), scope="regional", region=first["name"], host_id=univ,
                    themes=tuple(F.rng.sample(_THEMES, 2)))
        F.rkjs.append(rkj)
        for member in (univ, school, *F.rng.sample(F.researchers, min(3, len(F.researchers)))):
            F.member(member, rkj)
        for region in covered:
            for gem in region["munis"][: max(1, len(region["munis"]) // 3)]:
                F.member(gem, rkj)
            for p in region["urn"].draw(F.rng, F.count(10, 1)):
                F.member(p, rkj)
            for p in F.rng.sample(region["professionals"], min(F.count(8, 1), len(region["professionals"]))):
                F.member(p, rkj)
            for panel in region["panels"]:
                if not (i == PLANTED_RKJ and F.nodes[panel].perspectives == ("ouders",)):
                    F.member(panel, rkj)
            region["rkj"] = rkj
        ambassador = F.add(f"nji_ambassadeur_{i:02}", "person", F.person_name(), "", ("III",), ("onderzoek",),
                           role="NJi-ambassadeur", home_organisation_id="nji")
        F.member(ambassador, rkj, "ambassador")
        F.represent(ambassador, "nji", rkj, "NJi")
    F.plant("missing_perspective", [f"rkj_{PLANTED_RKJ:02}", "ouders"], "an RKJ without the ouders perspective")


def _stage_ben_wsd(F: Field) -> None:
    """8 BEN's over the regions, coordinated by a municipality; 16 Werkplaatsen Sociaal Domein."""
    F.bens = []
    for i, covered in enumerate(_split(F.regions, N_BEN), start=1):
        host = covered[0]["munis"][0]
        ben = F.add(f"ben_{i:02}", "network", f"BEN {BEN_HOSTS[i - 1]}", "ben", ("II",), scope="supraregional",
                    region=covered[0]["name"], host_id=host, themes=("complexe zorgvragen",))
        F.bens.append(ben)
        F.member(host, ben, "chair")
        F.member(F.knowledge[i % 3], ben)
        for region in covered:
            F.member(region["network"], ben)
            F.represent(region["officers"][0], region["network"], ben, "jeugdregio")
            region["ben"] = ben
        for p in F.urn.draw(F.rng, F.count(40, 2)):
            F.member(p, ben)
    F.wsds = []
    for i, covered in enumerate(_split(F.regions, N_WSD), start=1):
        wsd = F.add(f"wsd_{i:02}", "network", f"Werkplaats Sociaal Domein {covered[0]['name'][5:]}", "werkplaats",
                    ("I", "II", "III"), scope="regional", region=covered[0]["name"], host_id=F.schools[i % 18],
                    themes=("sociaal domein",))
        F.wsds.append(wsd)
        F.member(F.schools[i % 18], wsd, "chair")
        F.member(F.universities[i % 14], wsd)
        for region in covered:
            for gem, team in zip(region["munis"][::2], region["wijkteams"][::2]):
                F.member(gem, wsd)
                F.member(team, wsd)
            region["wsd"] = wsd


def _stage_national_networks(F: Field) -> None:
    """Met Andere Ogen, the national platforms and movements, and the planted overlap pair."""
    rng = F.rng
    officers = [o for r in F.regions for o in r["officers"]]
    for org in ("bgzj", "sbj", "awt", "nji", "zonmw", "vng", *F.swv):
        F.member(org, "mao")
    for p in F.urn.draw(rng, F.count(250, 5)):
        F.member(p, "mao")
    for gem in rng.sample([g for r in F.regions for g in r["munis"]], F.count(100, 5)):
        F.member(gem, "mao")
    for node_id, _, _, _, who in PLATFORMS:
        if who == "providers":
            members = F.urn.draw(rng, F.count(60, 3))
        elif who == "researchers":
            members = F.researcher_urn.draw(rng, F.count(80, 3)) + F.schools
        else:
            members = rng.sample(officers, F.count(100, 3))
        for m in members:
            F.member(m, node_id)
    # works with the pleegzorg network but is neither a member nor represented (planted unrepresented)
    F.tie("pleegouders_nl", "pleegzorg", "collaboration")
    shared = F.urn.draw(rng, min(20, len(F.providers) // 2), uniform=1.0)
    twins = ("leernetwerk_wachttijden_a", "leernetwerk_wachttijden_b")
    for k, twin in enumerate(twins):
        F.add(twin, "network", f"Leernetwerk wachttijden {'AB'[k]}", "leernetwerk", ("II",), scope="national",
              region="landelijk", themes=("wachttijden",))
        for p in shared:
            F.member(p, twin)
        F.member(F.universities[k], twin)
    F.plant("network_overlap", list(twins), "two learning networks with near-identical members")


def _stage_local_networks(F: Field) -> None:
    """Regional thematic learning networks (providers, municipalities) and intervision groups
    of professionals (level I), with skewed sizes."""
    rng = F.rng
    for i in range(1, F.count(150, 4) + 1):
        region = rng.choice(F.regions)
        net = F.add(f"leernetwerk_{i:04}", "network", f"Leernetwerk {rng.choice(_THEMES)} {region['name']}",
                    "leernetwerk", ("II",), scope="regional", region=region["name"])
        size = min(60, max(4, int(rng.paretovariate(1.3) * 4)))
        for p in region["urn"].draw(rng, size) + F.urn.draw(rng, max(1, size // 5)):
            F.member(p, net)
        F.member(rng.choice(region["munis"]), net)
    staff: dict[str, list[str]] = defaultdict(list)  # intervision happens among colleagues
    for region in F.regions:
        for p in region["professionals"]:
            staff[F.nodes[p].home_organisation_id].append(p)
    everyone = [p for r in F.regions for p in r["professionals"]]
    for i in range(1, F.count(2000, 5) + 1):
        home = F.nodes[rng.choice(everyone)]
        group = F.add(f"intervisie_{i:05}", "network", f"Intervisiegroep {i} {F.nodes[home.home_organisation_id].name}",
                      "intervisie", ("I",), scope="regional", region=home.region)
        colleagues = staff[home.home_organisation_id]
        for p in rng.sample(colleagues, min(len(colleagues), rng.randint(6, 14))):
            F.member(p, group)


def attach(F: Field, people: list[str], extra: float = 0.5, kind: str = "learning") -> None:
    """Learning ties among ``people`` by preferential attachment (Barabasi-Albert, 1-2 per newcomer)."""
    ends: list[str] = []
    for p in people:
        for _ in range(1 + (F.rng.random() < extra) if ends else 0):
            target = F.rng.choice(ends)
            F.tie(p, target, kind)
            ends.append(target)
        ends.append(p)


def _stage_ties(F: Field) -> None:
    """Horizontal and vertical learning ties; never between level I and level IV (the planted gap)."""
    rng = F.rng
    for region in F.regions:
        attach(F, region["professionals"])
        attach(F, region["officers"], extra=0.3)
        attach(F, region["aldermen"], extra=0.2)
        for p in region["professionals"]:
            draw = rng.random()
            if draw < 0.05:
                F.tie(p, F.researcher_urn.draw(rng, 1)[0])
            elif draw < 0.09:
                F.tie(p, rng.choice(region["officers"]))
            elif draw < 0.10:
                F.tie(p, region["rkj"])
        for alderman, gem, team in zip(region["aldermen"], region["munis"], region["wijkteams"]):
            F.tie(alderman, f"beleid_{gem[4:]}_1")
            F.tie(team, gem)
        for board in region["boards"]:
            F.tie(board, rng.choice(region["aldermen"]))
        F.tie("vng", region["aldermen"][0])
        _provider_ties(F, region)
    attach(F, F.researchers, extra=0.6)
    for org in ("zonmw", "nji", "vng"):
        F.tie("vws", org)
    for i, rkj in enumerate(F.rkjs):
        F.tie("nji", rkj)
        F.tie(rkj, F.rkjs[(i + 1) % len(F.rkjs)])
        F.tie("kbl_werkorganisatie", rkj)
    for region in F.regions:
        F.tie(region["rkj"], region["ben"])
        F.tie(region["wsd"], region["rkj"])
    for ben in F.bens:
        F.tie("kbl_werkorganisatie", ben)


def _provider_ties(F: Field, region: dict[str, Any]) -> None:
    rng = F.rng
    for p in region["providers"]:
        F.tie(p, rng.choice(region["munis"]), "collaboration" if rng.random() < 0.4 else "learning")
        local = region["urn"].draw(rng, 2)
        far = F.urn.draw(rng, 1) if rng.random() < 0.3 else []
        for other in local + far:
            F.tie(p, other)


BASE_STAGES: tuple[tuple[str, Callable[[Field], None]], ...] = (
    ("national bodies", _stage_national), ("regions", _stage_regions), ("providers", _stage_providers),
    ("people", _stage_people), ("rkj", _stage_rkj), ("ben and wsd", _stage_ben_wsd),
    ("national networks", _stage_national_networks), ("local networks", _stage_local_networks),
    ("ties", _stage_ties))
