"""Generate the fictitious 'leernetwerken' example dataset (``python datasets/generate.py [FOLDER]``).

The data models a ZonMw-like programme of 16 learning networks (8 on integrated elderly care at
home, 8 on people with confused behaviour) with about 600 fictitious people from about 55
fictitious organisations in six domains, 2020-01-01 to 2021-12-31, and contacts after each
network's end up to 2022-03-31. Patterns the metrics must find are planted on purpose; their ids
and the values measured on the generated files (with plain pandas, independent of collabgraph) go
to ``planted.json`` and the README.

Everything is drawn from one ``numpy.random.default_rng(SEED)`` in a fixed order, over lists and
sorted ids only (never dict/set iteration of unordered data), so every run writes byte-identical
files. Also importable as ``collabgraph.datasets.generate``: ``generate(Path("out"))``.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

__all__ = ["SEED", "generate", "measure"]

SEED = 20200101
START, END = date(2020, 1, 1), date(2021, 12, 31)
DAYS = (END - START).days + 1
CUTOFF = date(2021, 7, 1)  # fading members stop here

# (network, municipality of its region)
NETWORKS = [
    ("Ouderenzorg Noord-Drenthe", "Assen"), ("Ouderenzorg Achterhoek", "Doetinchem"),
    ("Ouderenzorg Westfriesland", "Hoorn"), ("Ouderenzorg Zuid-Limburg", "Heerlen"),
    ("Ouderenzorg Vechtdal", "Hardenberg"), ("Ouderenzorg Kempen", "Veldhoven"),
    ("Ouderenzorg Gooi", "Hilversum"), ("Ouderenzorg Fryslân Noord", "Dokkum"),
    ("Verward gedrag Twente", "Enschede"), ("Verward gedrag Haaglanden", "Delft"),
    ("Verward gedrag Zeeland", "Goes"), ("Verward gedrag IJsselland", "Zwolle"),
    ("Verward gedrag Rivierenland", "Tiel"), ("Verward gedrag Groningen", "Veendam"),
    ("Verward gedrag Midden-Brabant", "Tilburg"), ("Verward gedrag Kennemerland", "Haarlem"),
]
GROWTH_NETWORKS = ["Ouderenzorg Noord-Drenthe", "Verward gedrag Haaglanden", "Verward gedrag Twente"]
STAR_NETWORK = "Verward gedrag Zeeland"  # tied only through its coordinator
SINGLE_ORG = ("Ouderenzorg Achterhoek", "Zorggroep Slingeland Thuis")
# each network's last day, the day of its closing plenary meeting: three end mid-2021, the rest in December
NETWORK_END = {"Ouderenzorg Vechtdal": date(2021, 6, 24), "Verward gedrag Groningen": date(2021, 6, 17),
               "Verward gedrag Kennemerland": date(2021, 6, 29)}
LATE_END = date(2021, 12, 16)
# doorwerking: the chance that a pair formed in the network has a contact in 2022 (after its end)
DOORWERKING = {"Ouderenzorg Kempen": 0.7, "Verward gedrag IJsselland": 0.7, "Ouderenzorg Westfriesland": 0.0}
SOME_DOORWERKING = 0.08
AFTER = (date(2022, 1, 3), date(2022, 3, 31))  # records after the programme
EDGE_EXPERT = "Verward gedrag Rivierenland"  # its experiential expert stays at the edge
PROGRAMMES = {"Ouderenzorg": "Langdurige zorg thuis", "Verward gedrag": "Onbegrepen gedrag"}
FOCUS = ["samenwerking", "kennisdeling", "onderwijs"]  # in turn over the networks
SURVEY = ("trust", "value")  # rated 1-5 (0: none at all) by the source, for contacts of 2020 and 2021

ORGANISATIONS = {
    "zorg": ["Thuiszorg De Linde", "Thuiszorg Het Anker", "Zorggroep Eemland", "Zorggroep Noorderzon",
             "Wijkzorg Oost", "Huisartsenpraktijk De Brink", "Huisartsenpraktijk Molenweg",
             "Gezondheidscentrum Het Veld", "Verpleeghuis De Hoeve", "Zorgcentrum De Esch",
             "GGZ Oost", "GGZ Westkust", "GGZ Rivierland", "GGZ Noord", "Huisartsenkring Midden",
             "Zorggroep Slingeland Thuis", "Ambulante Zorg Delta"],
    "welzijn": ["Welzijn Vechtdal", "Stichting Samen Verder", "Buurtwerk De Kern",
                "Welzijnsstichting Horizon", "Stichting Ervaringskracht", "Sociaal Team Zuid",
                "MEE Regio Oost", "Stichting Buurtkracht"],
    "onderwijs": ["ROC Midden", "ROC Noordoost", "Hogeschool Rijnvallei", "Hogeschool De Kempen",
                  "Hogeschool Noorderlicht", "ROC Zeestad"],
    "veiligheid": ["Politie Eenheid Oost", "Politie Eenheid Noord", "Politie Eenheid Zuid",
                   "Politie Eenheid West", "Veiligheidshuis Regio Midden"],
    "wonen": ["Woonstichting Vechtdal", "Woonstichting De Stek", "Wooncorporatie Thuisbasis",
              "Woonstichting Het Plein", "Wonen Rivierenland", "Woongroep Noord"],
}
# profession, role, relative frequency within the domain
PROFESSIONS = {
    "zorg": [("wijkverpleegkundige", "professional", 5), ("huisarts", "professional", 3),
             ("praktijkondersteuner", "professional", 3), ("specialist ouderengeneeskunde", "professional", 1),
             ("GGZ-verpleegkundige", "professional", 3), ("verzorgende IG", "professional", 2),
             ("psychiater", "professional", 1), ("casemanager dementie", "professional", 2)],
    "welzijn": [("maatschappelijk werker", "professional", 4), ("opbouwwerker", "professional", 2),
                ("ouderenadviseur", "professional", 2), ("sociaal werker", "professional", 3),
                ("ervaringsdeskundige", "ervaringsdeskundige", 3)],
    "onderwijs": [("docent", "docent", 2), ("student verpleegkunde", "student", 2),
                  ("student social work", "student", 1), ("lector", "docent", 1)],
    "veiligheid": [("wijkagent", "professional", 4), ("boa", "professional", 2),
                   ("procesregisseur Veiligheidshuis", "professional", 1)],
    "gemeente": [("beleidsmedewerker", "professional", 2), ("consulent Wmo", "professional", 3),
                 ("wijkcoördinator", "professional", 1)],
    "wonen": [("woonconsulent", "professional", 3), ("huismeester", "professional", 1)],
}
# domain shares of a network's members, per theme; the growth networks are more balanced
THEME_DOMAINS = {
    "Ouderenzorg": {"zorg": 0.7, "welzijn": 0.1, "gemeente": 0.07, "wonen": 0.05, "onderwijs": 0.08},
    "Verward gedrag": {"zorg": 0.55, "veiligheid": 0.2, "welzijn": 0.1, "gemeente": 0.06,
                       "wonen": 0.05, "onderwijs": 0.04},
}
GROWTH_DOMAINS = {
    "Ouderenzorg": {"zorg": 0.35, "welzijn": 0.2, "gemeente": 0.15, "wonen": 0.15, "onderwijs": 0.15},
    "Verward gedrag": {"zorg": 0.3, "veiligheid": 0.2, "welzijn": 0.2, "gemeente": 0.1,
                       "wonen": 0.1, "onderwijs": 0.1},
}
FIRST_NAMES = ["Anouk", "Bram", "Carlijn", "Daan", "Esmee", "Floor", "Gijs", "Hanneke", "Ilse", "Jeroen",
               "Karlijn", "Lieke", "Maarten", "Nienke", "Olaf", "Pien", "Quinten", "Roos", "Sanne",
               "Thijs", "Ursula", "Vera", "Wouter", "Yara", "Zeger", "Annemiek", "Bas", "Dewi",
               "Fenna", "Hidde", "Iris", "Joost", "Kees", "Lotte", "Merel", "Niels", "Rianne", "Sietske",
               "Tjeerd", "Wessel", "Femke", "Ruben", "Mirjam", "Jelle", "Ayla", "Sem", "Noor", "Mehmet"]
LAST_NAMES = ["Aalbers", "Bosveld", "Brinkhorst", "Dekkers", "Eikelboom", "Veltkamp", "Groeneweg",
              "Haverkamp", "Hofstede", "IJzerman", "Jansma", "Kuipers", "Lammerink", "Meulenbelt",
              "Nijboer", "Oosterveld", "Postma", "Roelofsen", "Schuurman", "Terpstra", "Uiterwijk",
              "Verheul", "Wolters", "Zandbergen", "van Dijkhuis", "de Groen", "van der Meulen-Ros",
              "ter Horst", "Bakkenes", "Kroeze", "Smeenk", "Wiersma", "Yilmaz", "El Idrissi",
              "Hoekstra", "Mulder-Bos", "Visscher", "Rutgers", "Kamphuis", "Dijkstra"]
EVENT_KINDS = {  # kind: (min people, max people, min minutes, max minutes, share of events)
    "casusbespreking": (6, 12, 90, 120, 0.5),
    "plenaire bijeenkomst": (15, 40, 120, 180, 0.17),
    "masterclass": (20, 60, 180, 240, 0.08),
    "werkbezoek": (3, 6, 60, 240, 0.25),
}
TOPICS = {
    "Ouderenzorg": ["valpreventie", "dementie thuis", "eenzaamheid", "mantelzorg", "medicatieveiligheid",
                    "wonen met zorg", "levenseinde", "ouderenmishandeling"],
    "Verward gedrag": ["acute situaties", "overlast in de wijk", "zorgmijders", "privacy en samenwerken",
                       "herstel en ervaringskennis", "huisvesting na opname", "de-escalatie",
                       "meldpunt niet-acuut"],
}
INTERACTION_KINDS = [  # kind, weight, duration range (None: not recorded), share
    ("overleg", 2, (30, 90), 0.3), ("consult", 2, (15, 60), 0.2), ("doorverwijzing", 3, None, 0.15),
    ("telefoon", 1, (5, 30), 0.2), ("mail", 1, None, 0.15),
]


@dataclass
class Person:
    id: str
    name: str
    role: str
    profession: str
    organisation: str
    domain: str
    networks: list[str]
    joined: date | None = None
    left: date | None = None
    kind: str = "regular"  # regular or the planted pattern
    activity: float = 1.0
    stop: date | None = None  # last active day for fading members

    def active(self, day: date) -> bool:
        return ((self.joined is None or day >= self.joined) and (self.left is None or day < self.left)
                and (self.stop is None or day < self.stop))


@dataclass
class World:
    rng: np.random.Generator
    people: list[Person] = field(default_factory=list)
    org_domain: dict[str, str] = field(default_factory=dict)
    interactions: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    attendance: list[tuple] = field(default_factory=list)

    def day(self, lo: date = START, hi: date = END) -> date:
        return lo + timedelta(days=int(self.rng.integers(0, (hi - lo).days + 1)))

    def pick(self, items: list, weights=None):
        """One item, uniformly or in proportion to ``weights`` (cheaper than ``rng.choice`` per call)."""
        if weights is None:
            return items[int(self.rng.integers(len(items)))]
        cum = list(accumulate(float(x) for x in weights))
        return items[min(bisect_right(cum, self.rng.random() * cum[-1]), len(items) - 1)]


def _end(network: str) -> date:
    return NETWORK_END.get(network, LATE_END)


def _theme(network: str) -> str:
    return "Ouderenzorg" if network.startswith("Ouderenzorg") else "Verward gedrag"


def _names(rng: np.random.Generator, n: int) -> list[str]:
    combos = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    return [combos[i] for i in rng.choice(len(combos), size=n, replace=False)]


def _network_orgs(w: World, network: str, town: str) -> dict[str, list[str]]:
    """Organisations per domain taking part in a network: its municipality plus drawn partners."""
    orgs = {"gemeente": [f"Gemeente {town}"]}
    w.org_domain[f"Gemeente {town}"] = "gemeente"
    counts = {"zorg": 3, "welzijn": 2, "onderwijs": 1, "veiligheid": 2, "wonen": 1}
    for dom in ["zorg", "welzijn", "onderwijs", "veiligheid", "wonen"]:
        if dom not in THEME_DOMAINS[_theme(network)]:
            continue
        pool = ORGANISATIONS[dom]
        orgs[dom] = [pool[i] for i in sorted(w.rng.choice(len(pool), size=counts[dom], replace=False))]
        for org in orgs[dom]:
            w.org_domain[org] = dom
    return orgs


def _profession(w: World, domain: str) -> tuple[str, str]:
    options = PROFESSIONS[domain]
    p = np.array([o[2] for o in options], float)
    prof, role, _ = w.pick(options, p)
    return prof, role


def _make_people(w: World) -> dict[str, list[Person]]:
    """Members per network; ids are assigned later in a fixed order."""
    members: dict[str, list[Person]] = {}
    for network, town in NETWORKS:
        orgs = _network_orgs(w, network, town)
        shares = (GROWTH_DOMAINS if network in GROWTH_NETWORKS else THEME_DOMAINS)[_theme(network)]
        doms = list(shares)
        p = np.array([shares[d] for d in doms])
        if network == SINGLE_ORG[0]:
            n = 16
        elif network == STAR_NETWORK:
            n = 18
        else:
            n = int(w.rng.integers(34, 46))
        people = []
        coord_org = SINGLE_ORG[1] if network == SINGLE_ORG[0] else w.pick(orgs["gemeente"] + orgs["welzijn"])
        w.org_domain[SINGLE_ORG[1]] = "zorg"
        people.append(Person("", "", "coordinator", "netwerkcoördinator", coord_org,
                             w.org_domain[coord_org], [network], kind="coordinator", activity=2.0))
        for _ in range(n - 1):
            if network == SINGLE_ORG[0]:
                dom, org = "zorg", SINGLE_ORG[1]
            else:
                dom = w.pick(doms, p)
                org = w.pick(orgs[dom])
            prof, role = _profession(w, dom)
            joined = left = None
            u = w.rng.random()
            if network == STAR_NETWORK:
                pass  # its members stay the whole period
            elif u < 0.12:
                joined = w.day(date(2020, 2, 1), date(2021, 6, 30))
            elif u < 0.17:
                left = w.day(date(2020, 10, 1), date(2021, 3, 31))
            people.append(Person("", "", role, prof, org, dom, [network], joined, left,
                                 activity=float(w.rng.gamma(2.0, 0.5))))
        members[network] = people
    return members


def _candidates(members: dict[str, list[Person]], networks: list[str]) -> list[Person]:
    """Plain founding professionals of ordinary networks: material for planted patterns."""
    return [p for n in networks for p in members[n]
            if p.kind == "regular" and p.role == "professional" and p.joined is None and p.left is None]


def _plant(w: World, members: dict[str, list[Person]]) -> None:
    ordinary = [n for n, _ in NETWORKS if n not in GROWTH_NETWORKS and n not in (STAR_NETWORK, SINGLE_ORG[0])]

    def take(pool: list[Person], k: int, kind: str) -> list[Person]:
        free = [p for p in pool if p.kind == "regular"]
        chosen = [free[i] for i in sorted(w.rng.choice(len(free), size=k, replace=False))]
        for p in chosen:
            p.kind = kind
        return chosen

    for net, k in zip(GROWTH_NETWORKS, [4, 3, 3], strict=True):
        for p in take(_candidates(members, [net]), k, "connector"):
            p.activity = 3.0
    for p in take(_candidates(members, ordinary), 6, "spanner"):
        others = [n for n in ordinary if n != p.networks[0]]
        extra = int(w.rng.integers(2, 4))
        p.networks += [others[i] for i in sorted(w.rng.choice(len(others), size=extra, replace=False))]
        p.activity = 3.0
        for n in p.networks[1:]:
            members[n].append(p)
    take(_candidates(members, ordinary), 8, "isolated")
    take(_candidates(members, ordinary), 5, "pendant")
    for p in take(_candidates(members, ordinary), 10, "fading"):
        p.stop, p.activity = CUTOFF, 1.5
    # silo: members whose organisation has at least three other plain members in the network
    silo_pool = []
    for n in ordinary:
        for p in _candidates(members, [n]):
            mates = [q for q in members[n] if q.organisation == p.organisation and q is not p
                     and q.kind == "regular"]
            if len(mates) >= 3:
                silo_pool.append(p)
    take(silo_pool, 6, "silo")
    # a few ordinary people in a second network of the same theme
    mixed = ordinary + GROWTH_NETWORKS
    for p in take(_candidates(members, mixed), 20, "regular2"):
        same = [n for n in mixed if _theme(n) == _theme(p.networks[0]) and n != p.networks[0]]
        second = w.pick(same)
        p.networks.append(second)
        members[second].append(p)
    # newcomers join in September-November 2021
    for _ in range(8):
        net = w.pick(ordinary)
        dom = w.pick(["zorg", "welzijn", "gemeente"])
        orgs = sorted({q.organisation for q in members[net] if q.domain == dom})
        prof, role = _profession(w, dom)
        if role != "professional":
            prof, role = PROFESSIONS[dom][0][0], "professional"
        members[net].append(Person("", "", role, prof, w.pick(orgs), dom, [net],
                                   joined=w.day(date(2021, 9, 1), date(2021, 11, 30)), kind="newcomer"))


def _cross_probability(p: Person, network: str, year: int) -> float:
    """Chance that a direct interaction goes to another domain."""
    if p.kind == "connector" and year == 2021:
        return 0.85
    if p.kind == "expert":
        return 0.5
    if network in GROWTH_NETWORKS:
        return 0.04 if year == 2020 else 0.45
    return 0.18 if year == 2020 else 0.2


def _partner(w: World, p: Person, network: str, day: date, members: list[Person]) -> Person | None:
    """A partner active on ``day`` in ``network``: same organisation, same domain or another domain."""
    pool = [q for q in members if q is not p and q.active(day)
            and q.kind not in ("isolated", "pendant", "newcomer", "edge_expert")
            and (q.kind != "silo" or q.organisation == p.organisation)]
    if p.kind == "silo":
        pool = [q for q in pool if q.organisation == p.organisation]
    if not pool:
        return None
    cross = [q for q in pool if q.domain != p.domain]
    same_org = [q for q in pool if q.organisation == p.organisation]
    same_dom = [q for q in pool if q.domain == p.domain and q.organisation != p.organisation]
    if p.kind != "silo" and cross and w.rng.random() < _cross_probability(p, network, day.year):
        group = cross
    elif same_org and (not same_dom or w.rng.random() < 0.6):
        group = same_org
    else:
        group = same_dom or cross
    if not group:
        return None
    return w.pick(group, [q.activity + 0.3 for q in group])


def _interaction(w: World, a: Person, b: Person, network: str, day: date) -> None:
    kinds = INTERACTION_KINDS
    kind, weight, dur, _ = w.pick(kinds, [k[3] for k in kinds])
    minutes = None
    if dur is not None and w.rng.random() < 0.85:
        minutes = int(w.rng.integers(dur[0] // 5, dur[1] // 5 + 1)) * 5
    if w.rng.random() < 0.5:
        a, b = b, a
    w.interactions.append((a.id, b.id, day, kind, network, weight, minutes))


def _window(p: Person) -> tuple[date, date]:
    lo = p.joined or START
    hi = min(d for d in (p.left, p.stop, END + timedelta(days=1)) if d is not None) - timedelta(days=1)
    return lo, hi


def _quarters() -> list[tuple[date, date]]:
    starts = [date(y, m, 1) for y in (2020, 2021) for m in (1, 4, 7, 10)]
    return [(a, b - timedelta(days=1)) for a, b in zip(starts, starts[1:] + [date(2022, 1, 1)],
                                                       strict=True)]


def _make_interactions(w: World, members: dict[str, list[Person]], people: list[Person]) -> None:
    for p in people:
        if p.kind in ("isolated", "pendant", "newcomer") or p.networks[0] == STAR_NETWORK:
            continue
        lo, hi = _window(p)
        n = int(w.rng.poisson(6 * p.activity * ((hi - lo).days + 1) / DAYS))
        # steady members: at least one contact in every quarter they were a member throughout
        days = [w.day(a, b) for a, b in _quarters() if lo <= a and b <= hi]
        if p.kind == "connector":  # their extra effort is in 2021
            days += [w.day(lo, hi) for _ in range(n // 3)]
            days += [w.day(max(lo, date(2021, 1, 1)), hi) for _ in range(n)]
        else:
            days += [w.day(lo, hi) for _ in range(n)]
        for i, day in enumerate(days):
            net = p.networks[i % len(p.networks)] if p.kind == "spanner" else w.pick(p.networks)
            q = _partner(w, p, net, day, members[net])
            if q is not None:
                _interaction(w, p, q, net, day)
    partners: dict[str, set[str]] = {}
    for a, b, *_ in w.interactions:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    for p in people:  # ordinary members have at least two contacts (only pendants have one)
        if p.kind in ("isolated", "pendant", "newcomer") or p.networks[0] == STAR_NETWORK:
            continue
        while len(partners.get(p.id, ())) < 2:
            day = w.day(*_window(p))
            pool = [m for m in members[p.networks[0]] if m.id not in partners.get(p.id, ())]
            q = _partner(w, p, p.networks[0], day, pool)
            if q is not None:
                _interaction(w, p, q, p.networks[0], day)
                partners.setdefault(p.id, set()).add(q.id)
                partners.setdefault(q.id, set()).add(p.id)
    for p in people:  # pendants: one interaction; newcomers: two or three after joining
        if p.kind == "pendant":
            net = p.networks[0]
            day = w.day(date(2020, 3, 1), date(2021, 10, 31))
            q = _partner(w, p, net, day, [m for m in members[net] if m.kind == "regular"])
            _interaction(w, p, q, net, day)
        elif p.kind == "newcomer":
            net = p.networks[0]
            met: list[Person] = []
            for _ in range(int(w.rng.integers(2, 4))):  # each with someone new
                day = w.day(p.joined, END)
                pool = [m for m in members[net] if m.kind == "regular" and m not in met]
                q = _partner(w, p, net, day, pool)
                met.append(q)
                _interaction(w, p, q, net, day)
    star = members[STAR_NETWORK]
    coord, rest = star[0], star[1:]
    for p in rest:  # the star: every member in touch with the coordinator each quarter ...
        days = [w.day(a, b) for a, b in _quarters()]
        days += [w.day(START, END) for _ in range(int(w.rng.integers(0, 4)))]
        for day in days:
            _interaction(w, coord, p, STAR_NETWORK, day)
    # ... and once with one colleague: pairs (a chain of three when odd), no other paths
    pairs = [(rest[i], rest[i + 1]) for i in range(0, len(rest) - 1, 2)]
    if len(rest) % 2:
        pairs.append((rest[-2], rest[-1]))
    for a, b in pairs:
        _interaction(w, a, b, STAR_NETWORK, w.day(date(2020, 3, 1), date(2021, 10, 31)))


def _event_months() -> list[tuple[int, int]]:
    return [(y, m) for y in (2020, 2021) for m in range(1, 13) if m != 7]


def _make_events(w: World, members: dict[str, list[Person]]) -> None:
    kinds = list(EVENT_KINDS)
    shares = np.array([EVENT_KINDS[k][4] for k in kinds])
    small = np.array([s if k in ("casusbespreking", "werkbezoek") else 0
                      for k, s in zip(kinds, shares, strict=True)])
    for network, _ in NETWORKS:
        if network == STAR_NETWORK:
            continue
        coord = members[network][0]
        topics = TOPICS[_theme(network)]
        doms = [p.domain for p in members[network][1:]]
        largest = max(sorted(set(doms)), key=doms.count)
        end = _end(network)
        for year, month in _event_months():
            if (year, month) > (end.year, end.month):
                break
            growth = network in GROWTH_NETWORKS
            for i in range(1 + int(w.rng.random() < 0.45)):
                # growth networks worked in domain tracks in 2020 (small meetings only)
                p_kind = small if growth and year == 2020 else shares
                kind = w.pick(kinds, p_kind)
                first = date(year, month, 1)
                last = min(date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1), end)
                day = w.day(first, last)
                closing = (year, month, i) == (end.year, end.month, 0)
                if closing:  # the network's last meeting, a plenary one on its last day
                    kind, day = "plenaire bijeenkomst", end
                lo, hi, dmin, dmax, _ = EVENT_KINDS[kind]
                minutes = int(w.rng.integers(dmin // 15, dmax // 15 + 1)) * 15
                if w.rng.random() < 0.1 and not closing:
                    minutes = None
                eligible = [p for p in members[network] if p.active(day) and p is not coord
                            and p.kind not in ("isolated", "pendant", "newcomer", "silo", "edge_expert")]
                big = kind in ("plenaire bijeenkomst", "masterclass")
                track = growth and year == 2020
                # plenary meetings gather the network's largest domain, and other events one domain,
                # but a casusbespreking brings several domains together around one case (except in the
                # growth networks' domain tracks of 2020); in 2021 the growth networks' plenary
                # meetings mix all domains and their connectors join the small ones
                mixed = (growth and year == 2021 and big) or (kind == "casusbespreking" and not track)
                counts = {d: sum(p.domain == d for p in eligible) for d in sorted(set(doms))}
                tracks = [d for d in counts if counts[d] >= lo] or [largest]
                focal = largest if big else w.pick(tracks, [counts[d] for d in tracks])
                leak = 0.0 if growth else 0.01  # the odd guest from another domain
                weights = np.array([1.0 if (mixed or p.domain == focal) else leak for p in eligible])
                n_conn = 0
                if growth and year == 2021:
                    conn = np.array([p.kind == "connector" for p in eligible])
                    weights[conn] = 50.0
                    n_conn = int(conn.sum())
                if not track:  # the experiential experts take part in most meetings
                    expert = np.array([p.kind == "expert" for p in eligible])
                    weights[expert] = 50.0
                    n_conn += int(expert.sum())
                chair = coord.active(day) and (big or w.rng.random() < 0.3)
                size = min(int(w.rng.integers(lo, hi + 1)) - chair, len(eligible))
                if not mixed:  # a domain track: its own people (and any connectors) only
                    size = min(size, max(lo - chair, counts[focal] + n_conn), int((weights > 0).sum()))
                chosen = sorted(w.rng.choice(len(eligible), size=size, replace=False,
                                             p=weights / weights.sum()))
                topic = w.pick(topics)
                w.events.append((network, day, kind, minutes, f"{kind.capitalize()}: {topic}"))
                idx = len(w.events) - 1
                attendees = [(coord, "voorzitter")] if chair else []
                for j, i in enumerate(chosen):
                    attendees.append((eligible[i], "inleider" if j == 0 and kind != "werkbezoek"
                                      else "deelnemer"))
                w.attendance.extend((idx, p, r) for p, r in attendees)


def _add_experts(w: World, members: dict[str, list[Person]]) -> None:
    """One experiential expert more in every network but the star, with ids after everyone else.

    They work with many members, across domains, and join most meetings (:func:`_make_events`), except
    in :data:`EDGE_EXPERT`, where the expert has two contacts and no meetings. The expert of the
    single-organisation network works for that organisation.
    """
    experts = []
    for network, _ in NETWORKS:
        if network == STAR_NETWORK:  # it has one; a central expert would hold the star together
            continue
        org, dom = (SINGLE_ORG[1], "zorg") if network == SINGLE_ORG[0] else ("Stichting Ervaringskracht", "welzijn")
        w.org_domain[org] = dom
        edge = network == EDGE_EXPERT
        p = Person("", "", "ervaringsdeskundige", "ervaringsdeskundige", org, dom, [network],
                   kind="edge_expert" if edge else "expert", activity=3.0)
        members[network].append(p)
        experts.append(p)
    taken = {p.name for p in w.people}
    combos = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES if f"{f} {last}" not in taken]
    for i, (p, k) in enumerate(zip(experts, w.rng.choice(len(combos), size=len(experts), replace=False),
                                   strict=True), start=len(w.people) + 1):
        p.id, p.name = f"P{i:04d}", combos[k]
    w.people += experts
    for p in experts:
        net = p.networks[0]
        if p.kind == "edge_expert":  # two contacts, with members of other domains
            pool = [m for m in members[net] if m.kind == "regular" and m.domain != p.domain and m.joined is None
                    and m.left is None]
            for k in sorted(w.rng.choice(len(pool), size=2, replace=False)):
                _interaction(w, p, pool[k], net, w.day(date(2020, 3, 1), date(2021, 10, 31)))
            continue
        n = int(w.rng.poisson(6 * p.activity))
        for day in [w.day(a, b) for a, b in _quarters()] + [w.day() for _ in range(n)]:
            q = _partner(w, p, net, day, members[net])
            if q is not None:
                _interaction(w, p, q, net, day)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _doorwerking(w: World, members: dict[str, list[Person]]) -> None:
    """Contacts after each network's end: none in the networks without doorwerking, 2022 contacts else.

    In a network of :data:`DOORWERKING` with chance 0, contacts between two members after the network's
    end move 15 days earlier (into the same quarter, on or before the end). Elsewhere each pair formed
    in the network (a contact or a meeting of the network up to its end) meets again in the first
    quarter of 2022 with the network's chance, once or twice; people planted as isolated, pendant, newcomer,
    fading or at the edge, and people who left, do not.
    """
    by_id = {p.id: p for p in w.people}
    for network, _ in NETWORKS:
        if DOORWERKING.get(network) == 0.0:
            end, ids = _end(network), {p.id for p in members[network]}
            w.interactions = [(a, b, day - timedelta(days=15) if day > end and a in ids and b in ids else day, *rest)
                              for a, b, day, *rest in w.interactions]
    formed: dict[str, set[tuple[str, str]]] = {n: set() for n, _ in NETWORKS}
    for a, b, day, _, network, *_ in w.interactions:
        if day <= _end(network):
            formed[network].add(_pair(a, b))
    at_event: dict[int, list[str]] = {}
    for i, p, _ in w.attendance:
        at_event.setdefault(i, []).append(p.id)
    for i, ids in sorted(at_event.items()):
        formed[w.events[i][0]].update(_pair(a, b) for j, a in enumerate(ids) for b in ids[j + 1:])
    quiet = ("isolated", "pendant", "newcomer", "fading", "edge_expert")
    for network, _ in NETWORKS:
        chance = DOORWERKING.get(network, SOME_DOORWERKING)
        for a, b in sorted(formed[network]):
            pa, pb = by_id[a], by_id[b]
            if pa.kind in quiet or pb.kind in quiet or pa.left is not None or pb.left is not None:
                continue
            if w.rng.random() < chance:
                for _ in range(1 + int(w.rng.random() < 0.3)):
                    _interaction(w, pa, pb, network, w.day(*AFTER))


def _build(seed: int = SEED) -> World:
    w = World(np.random.default_rng(seed))
    members = _make_people(w)
    _plant(w, members)
    people, seen = [], set()
    for network, _ in NETWORKS:  # ids in network order, each person once
        for p in members[network]:
            if id(p) not in seen:
                seen.add(id(p))
                people.append(p)
    for i, (p, name) in enumerate(zip(people, _names(w.rng, len(people)), strict=True), start=1):
        p.id, p.name = f"P{i:04d}", name
    w.people = people
    _make_interactions(w, members, people)
    _add_experts(w, members)
    _make_events(w, members)
    _doorwerking(w, members)
    return w


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _frames(w: World) -> dict[str, pd.DataFrame]:
    people = pd.DataFrame([{
        "id": p.id, "name": p.name, "role": p.role, "profession": p.profession,
        "organisation": p.organisation, "domain": p.domain, "networks": ";".join(p.networks),
        "joined": _iso(p.joined), "left": _iso(p.left)} for p in w.people])
    inter = pd.DataFrame(w.interactions, columns=["source", "target", "date", "kind", "network",
                                                  "weight", "duration_minutes"])
    inter = inter.sort_values(["date", "source", "target", "kind"], kind="stable").reset_index(drop=True)
    inter["wave"] = inter["date"].map(lambda d: str(d.year))
    inter["date"] = inter["date"].map(_iso)
    inter["duration_minutes"] = inter["duration_minutes"].astype("Int64")
    inter = inter[["source", "target", "date", "wave", "kind", "network", "weight", "duration_minutes"]]
    ev = pd.DataFrame(w.events, columns=["network", "date", "kind", "duration_minutes", "title"])
    order = ev.sort_values(["date", "network"], kind="stable").index.to_numpy()
    new_id = {int(old): f"E{i:04d}" for i, old in enumerate(order, start=1)}
    ev = ev.loc[order].reset_index(drop=True)
    ev.insert(0, "id", [f"E{i:04d}" for i in range(1, len(ev) + 1)])
    ev["date"] = ev["date"].map(_iso)
    ev["duration_minutes"] = ev["duration_minutes"].astype("Int64")
    ev = ev[["id", "date", "network", "kind", "duration_minutes", "title"]]
    att = pd.DataFrame([(new_id[i], p.id, r) for i, p, r in w.attendance],
                       columns=["event", "person", "role_in_event"])
    att = att.sort_values(["event", "person"], kind="stable").reset_index(drop=True)
    for column, values in zip(SURVEY, _survey(w, inter["date"].str[:4].to_numpy()), strict=True):
        inter[column] = pd.array(values, dtype="Int64")
    coordinator = {p.networks[0]: p.id for p in w.people if p.kind == "coordinator"}
    networks = pd.DataFrame([{
        "network": n, "programme": PROGRAMMES[_theme(n)], "start": START.isoformat(), "end": _end(n).isoformat(),
        "focus": FOCUS[i % len(FOCUS)], "coordinator": coordinator[n]} for i, (n, _) in enumerate(NETWORKS)])
    return {"people": people, "interactions": inter, "events": ev, "attendance": att, "networks": networks}


def _survey(w: World, year: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Trust and value of each contact of the two survey waves (2020, 2021), as rated by its source.

    Four in five contacts are rated; trust is about 3.6 in 2020 and 3.9 in 2021, value follows trust;
    3% of the ratings are 0 (none at all). Contacts of 2022 are not surveyed (missing).
    """
    n = len(year)
    surveyed = (year <= str(END.year)) & (w.rng.random(n) < 0.8)
    trust = np.clip(np.rint(w.rng.normal(np.where(year == "2021", 3.9, 3.6), 0.9)), 1, 5)
    value = np.clip(np.rint(trust + w.rng.normal(0, 0.8, n)), 1, 5)
    out = []
    for rating in (trust, value):
        rating = np.where(w.rng.random(n) < 0.03, 0, rating)
        out.append(np.where(surveyed, rating, np.nan))
    return out[0], out[1]


def _pairs(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Pairs ``a < b`` of every record (interactions first, then co-attendance) with date, year, network
    and event (empty for interactions)."""
    inter = frames["interactions"]
    a = inter[["source", "target"]].min(axis=1)
    b = inter[["source", "target"]].max(axis=1)
    direct = pd.DataFrame({"a": a, "b": b, "date": inter["date"], "year": inter["date"].str[:4],
                           "network": inter["network"], "event": None})
    att = frames["attendance"].merge(frames["events"][["id", "date", "network"]],
                                     left_on="event", right_on="id")
    co = att.merge(att[["event", "person"]], on="event", suffixes=("_a", "_b"))
    co = co[co["person_a"] < co["person_b"]]
    co = pd.DataFrame({"a": co["person_a"], "b": co["person_b"], "date": co["date"], "year": co["date"].str[:4],
                       "network": co["network"], "event": co["event"]})
    return pd.concat([direct, co], ignore_index=True)


def _share(pairs: pd.DataFrame, domain: pd.Series) -> dict[str, float]:
    """Cross-domain share of the distinct ties of each programme year (2020, 2021)."""
    distinct = pairs[pairs["year"] <= str(END.year)][["a", "b", "year"]].drop_duplicates()
    cross = distinct["a"].map(domain) != distinct["b"].map(domain)
    return {str(y): round(float(v), 3) for y, v in cross.groupby(distinct["year"]).mean().items()}


def _members(people: pd.DataFrame, network: str) -> pd.Index:
    return people.index[people["networks"].str.split(";").map(lambda nets: network in nets)]


def network_ends(frames: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Each network's end: its ``end`` in the networks table, else the date of its last event, else of its
    last record (ISO dates)."""
    if "networks" in frames:
        return dict(zip(frames["networks"]["network"], frames["networks"]["end"], strict=True))
    inter, events = frames["interactions"], frames["events"]
    last = pd.concat([inter[["network", "date"]], events[["network", "date"]]]).groupby("network")["date"].max()
    return {str(n): str(d) for n, d in events.groupby("network")["date"].max().combine_first(last).items()}


def _lasting(pairs: pd.DataFrame, ends: dict[str, str]) -> dict[str, dict]:
    """Per network: pairs with a record of the network up to its end (``formed``), those of them with
    any record after the end (``active_after``) and the share."""
    out = {}
    for network, end in sorted(ends.items()):
        formed = pairs[(pairs["network"] == network) & (pairs["date"] <= end)][["a", "b"]].drop_duplicates()
        later = pairs[pairs["date"] > end][["a", "b"]].drop_duplicates()
        n, k = len(formed), len(formed.merge(later))
        out[network] = {"end": end, "formed": n, "active_after": k, "share": round(k / n, 3) if n else None}
    return out


def _forms(frames: dict[str, pd.DataFrame], pairs: pd.DataFrame, domain: pd.Series) -> dict[str, float]:
    """Cross-domain first ties per person-hour per event kind: a pair's first tie goes to the shared event
    (smallest id) on the pair's first day; person-hours are duration times attendees."""
    first = pairs.groupby(["a", "b"])["date"].transform("min")
    at_first = pairs[pairs["event"].notna() & (pairs["date"] == first)]
    credited = at_first.sort_values("event").drop_duplicates(["a", "b"])
    events = frames["events"].set_index("id")
    size = frames["attendance"].groupby("event").size()
    hours = (events["duration_minutes"] / 60 * size).fillna(0).groupby(events["kind"]).sum()
    timed = credited[credited["event"].map(events["duration_minutes"]).notna()]
    cross = timed[timed["a"].map(domain) != timed["b"].map(domain)]
    per_kind = cross.groupby(cross["event"].map(events["kind"])).size().reindex(hours.index, fill_value=0)
    return {str(k): round(float(per_kind[k] / hours[k]), 3) for k in sorted(hours.index)}


def _experts(people: pd.DataFrame, ties: pd.DataFrame) -> dict[str, dict]:
    """Per network: its experiential experts' ties within the network, and the share of its other members
    who are tied to an expert (one step) or within two steps of one, over the ties among members."""
    out = {}
    for network in sorted({n for nets in people["networks"] for n in nets.split(";")}):
        members = _members(people, network)
        inside = ties[ties["a"].isin(members) & ties["b"].isin(members)]
        both = pd.concat([inside, inside.set_axis(["b", "a"], axis=1)])
        experts = members[people.loc[members, "role"] == "ervaringsdeskundige"]
        one = set(both.loc[both["a"].isin(experts), "b"])
        two = one | set(both.loc[both["a"].isin(one), "b"])
        rest = members.drop(experts)
        out[network] = {"experts": len(experts),
                        "expert_ties": int(both["a"].isin(experts).sum()),
                        "within_one_step": round(float(rest.isin(one).mean()), 3),
                        "within_two_steps": round(float(rest.isin(two).mean()), 3)}
    return out


def _survey_means(inter: pd.DataFrame) -> dict:
    """Per wave and rating: rated contacts, mean rating and zeros."""
    out = {}
    for wave, rows in inter.groupby("wave"):
        rated = rows[list(SURVEY)].dropna(how="all")
        if len(rated):
            out[str(wave)] = {r: {"rated": int(rows[r].notna().sum()), "mean": round(float(rows[r].mean()), 3),
                                  "zeros": int((rows[r] == 0).sum())} for r in SURVEY}
    return out


def measure(frames: dict[str, pd.DataFrame], planted: dict) -> dict:
    """Measured values of the planted patterns, with plain pandas on the four tables."""
    people = frames["people"].set_index("id")
    domain = people["domain"]
    pairs = _pairs(frames)
    growth = planted["growth"]
    inter = frames["interactions"]
    att = frames["attendance"].merge(frames["events"][["id", "network", "date"]], left_on="event",
                                     right_on="id")
    records = pd.concat([inter[["source", "date", "network"]].set_axis(["person", "date", "network"], axis=1),
                         inter[["target", "date", "network"]].set_axis(["person", "date", "network"], axis=1),
                         att[["person", "date", "network"]]], ignore_index=True)
    n_nets = records.groupby("person")["network"].nunique()
    others = n_nets.drop(planted["boundary_spanners"], errors="ignore")
    after = records["date"] >= CUTOFF.isoformat()
    before_after = pd.DataFrame({"before": records[~after].groupby("person").size(),
                                 "after": records[after].groupby("person").size()}).fillna(0)
    quarter = records["date"].str[:4] + "Q" + ((records["date"].str[5:7].astype(int) + 2) // 3).astype(str)
    quarters = records.assign(quarter=quarter)[~after].groupby("person")["quarter"].nunique()
    ties = pairs[["a", "b"]].drop_duplicates()
    degree = pd.concat([ties["a"], ties["b"]]).value_counts()
    orgs = people["organisation"]
    cross_org = ties[ties["a"].map(orgs) != ties["b"].map(orgs)]
    # connectors: distinct partners in another domain through direct interactions, per year
    direct = pairs.iloc[:len(inter)].drop_duplicates(["a", "b", "year"])
    direct = direct[direct["a"].map(domain) != direct["b"].map(domain)]
    per_year = pd.concat([direct[["a", "year"]].set_axis(["person", "year"], axis=1),
                          direct[["b", "year"]].set_axis(["person", "year"], axis=1)])
    per_year = per_year.groupby(["person", "year"]).size().unstack(fill_value=0)
    rise = (per_year["2021"] - per_year["2020"]).sort_values(ascending=False, kind="stable")
    top = rise.index[:len(growth["connectors"])]
    # the coordinator-dependent network without its coordinator
    star = planted["coordinator_dependent"]
    members = _members(people, star["network"])
    star_ties = ties[ties["a"].isin(members) & ties["b"].isin(members)]
    with_coord = (star_ties["a"] == star["coordinator"]) | (star_ties["b"] == star["coordinator"])
    rest = members.drop(star["coordinator"])
    code = pd.Series(range(len(rest)), index=rest)
    left = star_ties[~with_coord]
    graph = coo_matrix((np.ones(len(left)), (left["a"].map(code), left["b"].map(code))),
                       shape=(len(rest), len(rest)))
    n_parts, labels = connected_components(graph, directed=False)
    return {
        "cross_domain_share": _share(pairs, domain),
        "cross_domain_share_without_growth_networks": _share(
            pairs[~pairs["network"].isin(growth["networks"])], domain),
        "connectors_cross_domain_contacts": {
            p: [int(per_year.at[p, "2020"]), int(per_year.at[p, "2021"])] for p in growth["connectors"]},
        "connectors_in_top_rise": int(top.isin(growth["connectors"]).sum()),
        "networks_active_in": {p: int(n_nets.get(p, 0)) for p in planted["boundary_spanners"]},
        "others_max_networks_active_in": int(others.max()),
        "ties": {p: int(degree.get(p, 0)) for p in planted["isolated"] + planted["pendant"]
                 + planted["newcomers"]},
        "fading_records_before_after": {
            p: [int(before_after.at[p, "before"]), int(before_after.at[p, "after"])] for p in planted["fading"]},
        "fading_quarters_active_before": {p: int(quarters.get(p, 0)) for p in planted["fading"]},
        "silo_cross_organisation_ties": int(cross_org["a"].isin(planted["silo"]).sum()
                                            + cross_org["b"].isin(planted["silo"]).sum()),
        "coordinator_dependent": {
            "members": len(members), "ties": len(star_ties), "with_coordinator": int(with_coord.sum()),
            "components_without_coordinator": int(n_parts),
            "largest_without_coordinator": int(np.bincount(labels).max())},
        "single_organisation_count": int(
            orgs[_members(people, planted["single_organisation"]["network"])].nunique()),
        "doorwerking": _lasting(pairs, network_ends(frames)),
        "cross_first_ties_per_hour": _forms(frames, pairs, domain),
        "experts": _experts(people, ties),
        "survey": _survey_means(inter),
    }


def _planted(w: World, frames: dict[str, pd.DataFrame], seed: int) -> tuple[dict, dict]:
    """``planted.json`` (ids, counts, measured growth) and every measured value for the README."""
    def ids(kind: str) -> list[str]:
        return sorted(p.id for p in w.people if p.kind == kind)

    star_coord = next(p.id for p in w.people if p.kind == "coordinator" and p.networks == [STAR_NETWORK])
    planted = {
        "seed": seed,
        "counts": {name: len(frames[name]) for name in ("people", "interactions", "events", "attendance")},
        "growth": {"by": "domain", "cross_domain_share": {}, "networks": sorted(GROWTH_NETWORKS),
                   "connectors": ids("connector")},
        "boundary_spanners": ids("spanner"),
        "isolated": ids("isolated"),
        "pendant": ids("pendant"),
        "fading": ids("fading"),
        "newcomers": ids("newcomer"),
        "coordinator_dependent": {"network": STAR_NETWORK, "coordinator": star_coord},
        "single_organisation": {"network": SINGLE_ORG[0], "organisation": SINGLE_ORG[1]},
        "silo": ids("silo"),
        "work_forms": {"by": "domain", "more": "casusbespreking", "less": "plenaire bijeenkomst",
                       "cross_first_ties_per_hour": {}},
        "doorwerking": {"strong": sorted(n for n, c in DOORWERKING.items() if c > 0),
                        "none": sorted(n for n, c in DOORWERKING.items() if c == 0), "networks": {}},
        "experiential_experts": {"edge": {"network": EDGE_EXPERT, "expert": ids("edge_expert")[0]},
                                 "central": ids("expert"), "networks": {}},
        "survey": {"ratings": list(SURVEY), "waves": {}},
    }
    measured = measure(frames, planted)
    planted["growth"]["cross_domain_share"] = measured["cross_domain_share"]
    planted["work_forms"]["cross_first_ties_per_hour"] = measured["cross_first_ties_per_hour"]
    planted["doorwerking"]["networks"] = measured["doorwerking"]
    planted["experiential_experts"]["networks"] = measured["experts"]
    planted["survey"]["waves"] = measured["survey"]
    return planted, measured


def _csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


def generate(out: Path, seed: int = SEED) -> dict:
    """Write the example's four CSV files, ``planted.json`` and ``README.md`` to ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    w = _build(seed)
    frames = _frames(w)
    for name, frame in frames.items():
        _csv(frame, out / f"{name}.csv")
    planted, measured = _planted(w, frames, seed)
    (out / "planted.json").write_text(json.dumps(planted, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    (out / "README.md").write_text(_readme(planted, measured, frames), encoding="utf-8")
    return planted


def _ids(ids: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _readme(planted: dict, measured: dict, frames: dict[str, pd.DataFrame]) -> str:
    """The dataset's README; the planted section is written from the measured values."""
    c, g = planted["counts"], planted["growth"]
    share, rest = g["cross_domain_share"], measured["cross_domain_share_without_growth_networks"]
    conn = measured["connectors_cross_domain_contacts"]
    star_m = measured["coordinator_dependent"]
    star, single = planted["coordinator_dependent"], planted["single_organisation"]
    fading = measured["fading_records_before_after"]
    quarters = measured["fading_quarters_active_before"]
    ties = measured["ties"]
    nets = measured["networks_active_in"]
    people = frames["people"]
    forms = planted["work_forms"]["cross_first_ties_per_hour"]
    door, lasting = planted["doorwerking"], planted["doorwerking"]["networks"]
    mid = sorted(NETWORK_END)
    some = [v["share"] for n, v in lasting.items() if n not in door["strong"] + door["none"] + mid]
    edge, experts = planted["experiential_experts"]["edge"], planted["experiential_experts"]["networks"]
    central = [v["within_one_step"] for n, v in experts.items() if n not in (edge["network"], star["network"])]
    lines = [
        "# leernetwerken: a fictitious example dataset",
        "",
        "A made-up programme of 16 learning networks in the style of ZonMw's programmes: 8 on integrated",
        "elderly care at home (`Ouderenzorg <regio>`) and 8 on people with confused behaviour",
        f"(`Verward gedrag <regio>`), {c['people']} people from {people['organisation'].nunique()} organisations",
        "in six domains (`zorg`, `welzijn`, `onderwijs`, `veiligheid`, `gemeente`, `wonen`). The programme",
        "runs from 2020-01-01 to 2021-12-31; each network ends with a closing plenary meeting (three in June",
        f"2021, the rest on {LATE_END}), and contacts after a network's end, in 2022 up to {AFTER[1]}, show",
        "which ties last (doorwerking). For figures of the programme itself, use `--end 2021-12-31`.",
        "**Everything is fictitious**: people, names, organisations and records are generated;",
        "any resemblance to real persons or organisations is coincidence.",
        "",
        f"Generated by `python datasets/generate.py` (seed {planted['seed']}, numpy `default_rng`); the",
        "output is byte-identical on every run, and `tests/datasets/test_example.py` checks that these files",
        "equal a fresh generation. Load it with `collabgraph.datasets.load_example()`; `planted()` returns",
        "`planted.json`.",
        "",
        "## Tables",
        "",
        "| file | rows | columns |",
        "|---|---|---|",
        f"| `people.csv` | {c['people']} | `id` (`P0001`..), `name`, `role` (professional, docent, student, "
        "ervaringsdeskundige: at least one per network, coordinator: one per network), `profession`, "
        "`organisation`, `domain`, "
        "`networks` (`;`-separated), `joined`, `left` (ISO dates, empty when before or after the period) |",
        f"| `interactions.csv` | {c['interactions']} | `source`, `target`, `date`, `wave` (`2020`/`2021`/`2022`, the "
        "year), `kind` (overleg, consult, doorverwijzing, telefoon, mail), `network`, `weight` (1 mail/"
        "telefoon, 2 overleg/consult, 3 doorverwijzing), `duration_minutes` (empty when not recorded), `trust`, "
        "`value` (the survey: the source's rating of the contact, 1-5 and 0 for none at all, for about four in "
        "five contacts of 2020 and 2021; empty when not rated and in 2022) |",
        f"| `events.csv` | {c['events']} | `id` (`E0001`..), `date`, `network`, `kind` (casusbespreking 6-12 "
        "people, 90-120 min; plenaire bijeenkomst 15-40, 120-180 min; masterclass 20-60, 180-240 min; werkbezoek "
        "3-6, 60-240 min; fewer people when the network is small), `duration_minutes` (empty for about 10% "
        "of events: count them, do not guess), `title` |",
        f"| `attendance.csv` | {c['attendance']} | `event`, `person`, `role_in_event` (voorzitter: the "
        "network's coordinator; inleider; deelnemer) |",
        f"| `networks.csv` | {len(frames['networks'])} | `network`, `programme` (Langdurige zorg thuis, Onbegrepen "
        "gedrag), `start`, `end` (the network's last day), `focus` (samenwerking, kennisdeling, onderwijs), "
        "`coordinator` (person id) |",
        "",
        "Direct interactions are undirected contacts. Networks meet about monthly (never in July) until",
        "their end. Most ties stay inside an organisation or domain: werkbezoeken gather one domain, plenary",
        "meetings and masterclasses mostly the network's largest domain; casusbesprekingen bring several",
        "domains together around one case. People who joined or left during the period are active only",
        "while they were members.",
        "",
        "## What is planted",
        "",
        "Ids are in `planted.json`; the values below are measured on these files by the generator with",
        "plain pandas (not with collabgraph). A *tie* is a pair of people with a direct interaction or a",
        "shared event; a pair counts once per year.",
        "",
        f"1. **Cross-domain growth** (`growth`): the share of distinct ties between people of different "
        f"domains rises from {share['2020']:.1%} in 2020 to {share['2021']:.1%} in 2021. The rise comes "
        f"from three networks ({', '.join(g['networks'])}), which met in domain tracks in 2020 and mixed "
        f"at their plenary meetings and case discussions in 2021 (without their records the share is "
        f"{rest['2020']:.1%} and {rest['2021']:.1%}), and from {len(g['connectors'])} connectors in them who "
        f"attend all their network's meetings in 2021 and turned their direct contacts to other domains: "
        f"{_ids(g['connectors'])}, with "
        + ", ".join(f"{a}→{b}" for a, b in conn.values())
        + " distinct direct contacts in another domain in 2020→2021; "
        f"{measured['connectors_in_top_rise']} of the {len(g['connectors'])} largest rises of such "
        "contacts are theirs.",
        f"2. **Boundary spanners** (`boundary_spanners`): {_ids(planted['boundary_spanners'])}, active "
        f"(interactions or attendance) in {', '.join(str(nets[p]) for p in planted['boundary_spanners'])} "
        f"networks respectively; nobody else is active in more than "
        f"{measured['others_max_networks_active_in']}.",
        f"3. **Isolated members** (`isolated`): {_ids(planted['isolated'])}: members of a network with no "
        "interaction and no attendance at all (ties: "
        f"{', '.join(str(ties[p]) for p in planted['isolated'])}).",
        f"4. **Pendant members** (`pendant`): {_ids(planted['pendant'])}: exactly one direct interaction "
        "and no attendance (ties: " + ", ".join(str(ties[p]) for p in planted["pendant"]) + ").",
        f"5. **Fading members** (`fading`): {_ids(planted['fading'])}: active throughout 2020 and the first "
        "half of 2021 (records in " + ", ".join(str(q) for q in quarters.values())
        + " of the 6 quarters 2020Q1-2021Q2), nothing from 2021-07-01 on (records before/after: "
        + ", ".join(f"{a}/{b}" for a, b in fading.values()) + "); their `left` is empty. Every "
        "member who is not planted has a direct interaction in every full quarter of their membership.",
        f"6. **Newcomers** (`newcomers`): {_ids(planted['newcomers'])}: joined between 2021-09-01 and "
        "2021-11-30 and have two or three interactions, each with someone else (ties: "
        + ", ".join(str(ties[p]) for p in planted["newcomers"]) + "). Other late joiners joined "
        "before 2021-07.",
        f"7. **Coordinator-dependent network** (`coordinator_dependent`): {star['network']}, coordinator "
        f"`{star['coordinator']}`, {star_m['members']} members. No events; every member is in touch with "
        "the coordinator every quarter and once with one colleague (pairs, one chain of three), so "
        f"{star_m['with_coordinator']} of the {star_m['ties']} ties within the network involve the "
        f"coordinator and without the coordinator the network falls apart into "
        f"{star_m['components_without_coordinator']} components of at most "
        f"{star_m['largest_without_coordinator']} people. Its members have at least two ties each.",
        f"8. **Single-organisation network** (`single_organisation`): {single['network']}: all members "
        f"from {single['organisation']} ({measured['single_organisation_count']} organisation).",
        f"9. **Silo members** (`silo`): {_ids(planted['silo'])}: every tie is with a colleague of their own "
        "organisation although their network is mixed; they attend no events "
        f"({measured['silo_cross_organisation_ties']} ties outside their organisation).",
        "10. **Work forms** (`work_forms`): casusbesprekingen produce more first cross-domain ties per "
        "person-hour than plenary meetings. A pair's first tie goes to the shared event (smallest id) on the "
        "pair's first day with any record; cross-domain first ties at events with a duration per person-hour "
        "(duration times attendees) of the kind's events: "
        + ", ".join(f"{kind} {v:.3f}" for kind, v in forms.items()) + ".",
        "11. **Doorwerking per network** (`doorwerking`): of the pairs with a record of a network up to its "
        "end (`end` in `networks.csv`), the share with any record after the end: strong in "
        + ", ".join(f"{n} ({lasting[n]['share']:.1%} of {lasting[n]['formed']})" for n in door["strong"])
        + "; none in "
        + ", ".join(f"{n} ({lasting[n]['active_after']} of {lasting[n]['formed']})" for n in door["none"])
        + f"; {min(some):.1%} to {max(some):.1%} in the other networks that end in December, "
        + ", ".join(f"{lasting[n]['share']:.1%}" for n in mid) + f" in the three that end in June ({', '.join(mid)}), "
        "whose members go on working together in the second half of 2021.",
        f"12. **Experiential experts** (`experiential_experts`): every network has an ervaringsdeskundige. In "
        f"{edge['network']}, `{edge['expert']}` sits at the edge: {experts[edge['network']]['expert_ties']} ties "
        f"within the network, {experts[edge['network']]['within_one_step']:.1%} of the other members tied to "
        f"them. The experts added to the other networks ({_ids(planted['experiential_experts']['central'])}) "
        "work with many members and join most meetings: "
        f"{min(central):.1%} to {max(central):.1%} of the other members are tied to an expert. "
        f"{star['network']}'s expert, like all its members, is tied to the coordinator and one colleague.",
        "13. **Survey** (`survey`): contacts of 2020 (wave `2020`) and 2021 (wave `2021`) carry the source's "
        "`trust` and `value` rating; trust rises a little between the waves: "
        + "; ".join(f"wave {wave}: " + ", ".join(
            f"{r} {v[r]['mean']:.2f} over {v[r]['rated']} rated contacts ({v[r]['zeros']} zeros)" for r in v)
            for wave, v in planted["survey"]["waves"].items()) + ".",
        "",
        "Planted people of one kind are not planted as another kind, and coordinators are none of them.",
        "Some ordinary people are in two networks of the same theme.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "leernetwerken")
