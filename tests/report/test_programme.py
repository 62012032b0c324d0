"""The report's programme view (issue 14, output 6): the scorecard per learning network with its per-quarter
chart, work forms and group size, brokers and dependency on the coordinator, roles, doorwerking and ratings.

Every expected figure is recomputed here from the bundled example's CSV files with plain pandas and networkx
(memberships with ``plain_memberships``, pairs with ``raw_records``), never read from collabgraph's tables.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.report.html import ReportSettings, _card_sentence, write_report
from collabgraph.report.texts import Texts
from tests.conftest import plain_memberships
from tests.report.conftest import DUTCH, FAST, hostile_frames, raw_records

EXAMPLE = Path(__file__).resolve().parents[2] / "datasets" / "leernetwerken"


def _read(folder: Path, name: str) -> pd.DataFrame:
    """A data file of a Dutch report (excel-nl: ';', decimal comma, BOM)."""
    return pd.read_csv(folder / "data" / name, sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False,
                       na_values=[""])


def _text(folder: Path) -> str:
    page = (folder / "index.html").read_text(encoding="utf-8")
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def raw():
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str)
    inter = pd.read_csv(EXAMPLE / "interactions.csv", dtype=str)
    events = pd.read_csv(EXAMPLE / "events.csv", dtype=str)
    att = pd.read_csv(EXAMPLE / "attendance.csv", dtype=str)
    member = plain_memberships(people, inter, events.set_index("id"), att)
    networks = sorted({n for ns in member.values() for n in ns})
    records = raw_records(EXAMPLE)
    pairs = records[["a", "b"]].drop_duplicates()
    domain = people.set_index("id")["domain"]
    return {"people": people, "events": events, "att": att, "member": member, "networks": networks,
            "records": records, "pairs": pairs, "domain": domain}


@pytest.fixture(scope="module")
def report_nl(example_report):
    return example_report(**DUTCH)


def _members(raw, network: str) -> set:
    return {p for p, ns in raw["member"].items() if network in ns}


def _among(pairs: pd.DataFrame, members: set) -> pd.DataFrame:
    return pairs[pairs["a"].isin(members) & pairs["b"].isin(members)]


def _cross_share(pairs: pd.DataFrame, domain: pd.Series) -> float:
    da, db = pairs["a"].map(domain), pairs["b"].map(domain)
    known = da.notna() & db.notna()
    return float((da[known] != db[known]).mean())


def test_scorecard_recounted_from_the_csv_files(raw, report_nl):
    card = _read(report_nl, "scorecard.csv").set_index("network")
    assert list(card.index[:-1]) == raw["networks"] and card.index[-1] == "alle leernetwerken"
    for network in raw["networks"]:
        members = _members(raw, network)
        ties = _among(raw["pairs"], members)
        row = card.loc[network]
        assert (row["members"], row["ties"]) == (len(members), len(ties))
        assert row["cross_share"] == pytest.approx(_cross_share(ties, raw["domain"]))
        # the sentence of the row, in Dutch, with the same figures
        share = f"{round(100 * _cross_share(ties, raw['domain']))}%"
        assert row["sentence"].startswith(f"{network}: {len(members)} leden")
        assert f"{share} van de {len(ties):,} relaties tussen hen".replace(",", ".") in row["sentence"]
    everyone = {p for p, ns in raw["member"].items() if ns}
    total = card.loc["alle leernetwerken"]
    assert (total["members"], total["ties"]) == (len(everyone), len(_among(raw["pairs"], everyone)))
    text = _text(report_nl)
    assert "Leernetwerken naast elkaar" in text
    assert all(s in text for s in card["sentence"])


def test_cross_share_per_quarter_recounted(raw, report_nl):
    quarters = _read(report_nl, "network_quarters.csv")
    rec = raw["records"].dropna(subset=["date"])
    # a quarter as the Dutch file labels it: K1 2021
    rec = rec.assign(label="K" + rec["date"].dt.quarter.astype(str) + " " + rec["date"].dt.year.astype(str))
    for network in raw["networks"][:3]:
        members = _members(raw, network)
        mine = _among(rec, members).drop_duplicates(["a", "b", "label"])
        got = quarters[quarters["network"] == network].set_index("label")
        counted = mine.groupby("label").size()
        assert got["ties"][got["ties"] > 0].to_dict() == counted.to_dict()
        for label, part in mine.groupby("label"):
            assert got.loc[label, "cross_share"] == pytest.approx(_cross_share(part, raw["domain"]))
    page = (report_nl / "index.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="networks">'):page.index('<section id="crossing">')]
    chart = section[section.index("<svg"):section.index("</svg>")]
    assert section.count("<svg") == 1  # one small-multiples chart, a panel titled by each network
    assert all(f">{html_lib.escape(n)}<" in chart for n in raw["networks"])


def test_dependency_on_the_coordinator_recounted(raw, report_nl):
    dep = _read(report_nl, "dependency.csv")
    graph = nx.Graph()
    graph.add_edges_from(raw["pairs"].itertuples(index=False))
    coordinators = set(raw["people"].loc[raw["people"]["role"] == "coordinator", "id"])
    checked = 0
    order = []
    for row in dep.itertuples():
        members = _members(raw, row.network)
        sub = graph.subgraph(members).copy()
        sub.add_nodes_from(members)
        before = max(nx.connected_components(sub), key=len)
        rest = sub.copy()
        rest.remove_node(row.id)
        after = max((len(c) for c in nx.connected_components(rest)), default=0)
        cut = len(before) - (row.id in before) - after
        assert (row.members, row.cut_off) == (len(members), max(cut, 0)), row
        assert ("coördinator" in row.role) == (row.id in coordinators)
        order.append((-max(cut, 0) / (len(members) - 1), -max(cut, 0), row.network, row.id))
        checked += 1
    assert checked and set(dep.loc[dep["role"].str.contains("coördinator"), "id"]) == {
        p for p in coordinators if raw["member"][p]}
    _, _, network, person = min(order)
    name = raw["people"].set_index("id").loc[person, "name"]
    text = _text(report_nl)
    assert "Makelaars en afhankelijkheid van de coördinator" in text
    assert f"{network} hangt het meest af van één persoon: zonder {name}" in text


def test_work_forms_recounted(raw, report_nl):
    forms = _read(report_nl, "forms.csv")
    events, att = raw["events"].set_index("id"), raw["att"]
    size = att.groupby("event").size()
    pairs_events = size[size >= 2].index
    ev = events.loc[pairs_events]
    minutes = pd.to_numeric(ev["duration_minutes"])
    hours = (minutes / 60 * size.reindex(ev.index)).fillna(0)
    # first ties: the pair's first meeting day from every record; credited to their shared event on that day
    # with the smallest id
    first = raw["records"].groupby(["a", "b"])["date"].min()
    both = att.merge(att, on="event")
    both = both[both["person_x"] < both["person_y"]].assign(date=lambda f: pd.to_datetime(
        f["event"].map(events["date"])))
    both = both[both["date"].to_numpy() == first.reindex(pd.MultiIndex.from_frame(
        both[["person_x", "person_y"]])).to_numpy()]
    credited = both.sort_values("event").drop_duplicates(["person_x", "person_y"])
    domain = raw["domain"]
    credited = credited.assign(kind=credited["event"].map(events["kind"]),
                               cross=credited["person_x"].map(domain) != credited["person_y"].map(domain))
    kinds = forms[forms["dimension"] == "soort bijeenkomst"].set_index("form")  # the kinds of meeting, in Dutch
    for kind, group in ev.groupby("kind"):
        row = kinds.loc[kind]
        assert (row["events"], row["attendances"]) == (len(group), int(size.reindex(group.index).sum()))
        assert row["hours"] == pytest.approx(hours.reindex(group.index).sum())
        mine = credited[credited["kind"] == kind]
        assert (row["first_ties"], row["cross_first_ties"]) == (len(mine), int(mine["cross"].sum()))
        timed = mine[mine["event"].map(minutes).notna()]
        assert row["cross_first_ties_per_hour"] == pytest.approx(timed["cross"].sum() / hours.reindex(
            group.index).sum())
    rate = {k: kinds.loc[k, "cross_first_ties_per_hour"] for k in kinds.index}
    best, low = max(rate, key=rate.get), min(rate, key=rate.get)
    text = _text(report_nl)
    assert (f"de meeste eerste contacten over een grens van domein bij {best} "
            f"({rate[best]:.2f} per uur)".replace(".", ",")) in text
    assert f"de minste bij {low}" in text
    assert "De p-waarde zegt hoe vaak" in text and "Werkvormen en groepsgrootte" in text


def test_small_networks_hidden_everywhere(hostile, tmp_path):
    # The fixture's learning networks have 8 and 6 members (listed, or with a record in them): with min_group 9
    # both are small, the programme (12 people) is not.
    out = write_report(hostile, tmp_path / "r", options=FAST, settings=ReportSettings(min_group=9))
    card = pd.read_csv(out / "data" / "scorecard.csv", dtype=str).set_index("network")
    networks = [n for n in card.index if n != "all networks"]
    assert len(networks) == 2
    hidden = card.loc[networks, ["members", "ties", "cross_share", "coordinator_dependency_cut_off"]]
    assert (hidden == "<9").all().all()
    assert int(card.loc["all networks", "members"]) == 12  # the programme row is not small
    quarters = pd.read_csv(out / "data" / "network_quarters.csv", dtype=str)
    assert (quarters[["ties", "cross_share"]] == "<9").all().all()
    text = _text(out)
    assert all(f"{n}: fewer than 9 members, so its figures are not shown." in text for n in networks)
    page = (out / "index.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="networks">'):page.index('<section id="crossing">')]
    assert "<svg" not in section  # no per-quarter panel of a small network
    dep = pd.read_csv(out / "data" / "dependency.csv", dtype=str)
    assert len(dep) and (dep[["members", "cut_off", "fragmentation_after"]] == "<9").all().all()
    lasting = pd.read_csv(out / "data" / "doorwerking.csv", dtype=str).set_index("network")
    assert (lasting.loc[networks, ["formed", "share"]] == "<9").all().all()
    groups = pd.read_csv(out / "data" / "role_groups.csv", dtype=str)
    big = (groups["level"] == "programme") & (groups["group"] == "professional")  # 10 professionals in all
    assert groups.loc[big, "members"].tolist() == ["10"]
    assert (groups.loc[~big, ["members", "ties", "cross_share"]] == "<9").all().all()
    mapping = pd.read_csv(out / "data" / "role_mapping.csv", dtype=str)
    assert set(mapping["value"]) == {"professional", "other"}  # docent and student: one person each


def test_sortable_table_carries_raw_values(report_nl, raw):
    page = (report_nl / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="sortable"'):page.index("</table>", page.index('<table class="sortable"'))]
    body, foot = table.split("<tfoot>")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>")[1], flags=re.S)
    assert len(rows) == len(raw["networks"])
    members = [float(re.findall(r'data-v="([^"]*)"', r)[1]) for r in rows]
    assert members == [len(_members(raw, n)) for n in raw["networks"]]
    assert "alle leernetwerken" in foot and "data-v" not in foot
    assert [re.findall(r'data-v="([^"]*)"', r)[0] for r in rows] == raw["networks"]


def _ends(raw) -> dict:
    """Each network's end: the networks table's end, else its last dated event, else its last dated interaction."""
    events = raw["events"].assign(date=lambda f: pd.to_datetime(f["date"]))
    inter = pd.read_csv(EXAMPLE / "interactions.csv", dtype=str).assign(date=lambda f: pd.to_datetime(f["date"]))
    table = {}
    if (EXAMPLE / "networks.csv").exists():
        nets = pd.read_csv(EXAMPLE / "networks.csv", dtype=str)
        table = dict(zip(nets["network"], pd.to_datetime(nets.get("end")), strict=True)) if "end" in nets else {}
    out = {}
    for network in raw["networks"]:
        for candidate in (table.get(network), events.loc[events["network"] == network, "date"].max(),
                          inter.loc[inter["network"] == network, "date"].max()):
            if candidate is not None and not pd.isna(candidate):
                out[network] = candidate
                break
    return out


def test_doorwerking_recounted(raw, report_nl):
    got = _read(report_nl, "doorwerking.csv").set_index("network")
    inter = pd.read_csv(EXAMPLE / "interactions.csv", dtype=str).assign(date=lambda f: pd.to_datetime(f["date"]))
    events, att = raw["events"].set_index("id"), raw["att"]
    both = att.merge(att, on="event")
    both = both[both["person_x"] < both["person_y"]]
    shared = pd.DataFrame({"a": both["person_x"], "b": both["person_y"], "network": both["event"].map(
        events["network"]), "date": pd.to_datetime(both["event"].map(events["date"]))})
    own = pd.concat([shared, pd.DataFrame({"a": inter[["source", "target"]].min(axis=1),
                                           "b": inter[["source", "target"]].max(axis=1),
                                           "network": inter["network"], "date": inter["date"]})])
    last = raw["records"].groupby(["a", "b"])["date"].max()
    data_end = raw["records"]["date"].max()
    shares = {}
    for network, end in _ends(raw).items():
        formed = own[(own["network"] == network) & (own["date"] <= end)][["a", "b"]].drop_duplicates()
        after = int((last.reindex(pd.MultiIndex.from_frame(formed)).to_numpy() > end).sum())
        row = got.loc[network]
        assert row["formed"] == len(formed)
        if end >= data_end:  # nothing after the end can be seen yet
            assert pd.isna(row["share"])
            continue
        assert (row["active_after"], row["share"]) == (after, pytest.approx(after / len(formed)))
        shares[network] = after / len(formed)
    text = _text(report_nl)
    best = max(shares, key=lambda n: (shares[n], [-ord(c) for c in n]))
    assert f"{best} werkt het sterkst door: {round(100 * shares[best])}% van de" in text


ROLE_WORDS = {"coordinator", "coördinator", "netwerkcoördinator", "projectleider", "trekker", "procesbegeleider",
              "ervaringsdeskundige", "docent", "opleider", "student", "stagiair", "cliënt", "client", "naaste",
              "mantelzorger"}


def test_roles_recounted(raw, report_nl):
    people = raw["people"].set_index("id")
    role = people["role"].str.lower()
    expert = set(role.index[role == "ervaringsdeskundige"])
    education = set(role.index[role.isin({"docent", "opleider", "student", "stagiair"})])
    professional = set(role.index[role.notna() & ~role.isin(ROLE_WORDS)])
    graph = nx.Graph()
    graph.add_edges_from(raw["pairs"].itertuples(index=False))
    experts = _read(report_nl, "experts.csv").set_index("network")
    edu = _read(report_nl, "education_practice.csv").set_index("network")
    for network in raw["networks"]:
        members = _members(raw, network)
        sub = graph.subgraph(members)
        mine, others = members & expert, members - expert
        near = {q for e in mine if e in sub for q in sub[e]} & others
        two = {q for e in mine if e in sub for q in nx.single_source_shortest_path_length(sub, e, cutoff=2)} & others
        row = experts.loc[network]
        assert (row["members"], row["experts"]) == (len(members), len(mine))
        if mine:
            assert row["share_within_one_step"] == pytest.approx(len(near) / len(others))
            assert row["share_within_two_steps"] == pytest.approx(len(two) / len(others))
        ties = _among(raw["pairs"], members)
        mixed = sum((a in education and b in professional) or (b in education and a in professional)
                    for a, b in ties.itertuples(index=False))
        assert (edu.loc[network, "ties"], edu.loc[network, "education_practice_ties"]) == (len(ties), mixed)
    text = _text(report_nl)
    counts = role.value_counts()
    assert f"ervaringsdeskundige → ervaringsdeskundige ({counts['ervaringsdeskundige']})" in text
    assert "Rollen: wie bereikt wie?" in text and "Doorwerking na het einde van elk netwerk" in text


def test_ratings_recounted(tmp_path):
    people, inter, events, att = hostile_frames()
    inter = inter.assign(trust=[(i % 5) + 1 for i in range(len(inter))], value=[i % 4 for i in range(len(inter))],
                         wave=inter["date"].str[:4])
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att)
    out = write_report(ds, tmp_path / "r", options=FAST)
    partner = pd.read_csv(out / "data" / "ratings_partner.csv").set_index("network")
    expected = inter.groupby("network")[["trust", "value"]].agg(["mean", "count"])
    for network, row in expected.iterrows():
        assert partner.loc[network, ["trust_mean", "trust_count", "value_mean", "value_count"]].tolist() == \
            pytest.approx([row[("trust", "mean")], row[("trust", "count")], row[("value", "mean")],
                           row[("value", "count")]])
    assert partner.loc["all networks", "trust_mean"] == pytest.approx(inter["trust"].mean())
    text = _text(out)
    assert (f"Members rate trust at {inter['trust'].mean():.1f} on average ({len(inter)} ratings, "
            f"from {inter['trust'].min()} to {inter['trust'].max()}).") in text
    means = inter.groupby("wave")["value"].mean()
    assert f"Value went from {means['2020']:.1f} in 2020 to {means['2021']:.1f} in 2021" in text
    # per-person ratings (received, given) stay out of the report: the ratings command gives them
    assert not [p.name for p in (out / "data").iterdir() if p.name.startswith("ratings_people")]
    small = write_report(ds, tmp_path / "s", options=FAST, settings=ReportSettings(min_group=9))
    hidden = pd.read_csv(small / "data" / "ratings_partner.csv", dtype=str).set_index("network")
    assert (hidden.drop(index="all networks") == "<9").all().all()
    assert hidden.loc["all networks", "trust_count"] == str(len(inter))


def test_card_sentence_names_the_ties_the_share_counts():
    """A scorecard row whose share counts 42 of its 101 ties (the others have a member without a domain) says so."""
    row = {"level": "network", "network": "N1", "members": 48, "active_members": 47, "domains": 4, "ties": 101,
           "ties_known": 42, "cross_share": 23 / 42, "isolated": 0, "coordinators": 0,
           "coordinator_dependency_cut_off": pd.NA}
    assert "55% van de 42 relaties tussen hen met bekend domein (van 101) gaat over een domeingrens" in \
        _card_sentence(row, Texts("nl"), 5)
    assert "55% of the 42 ties among them with both domains known (of 101) cross a domain boundary" in \
        _card_sentence(row, Texts("en"), 5)
    assert "55% of the 101 ties among them" in _card_sentence({**row, "ties_known": 101}, Texts("en"), 5)


def test_card_sentence_with_two_coordinators_says_one_of_them():
    """The cut-off figure is the most members one coordinator holds (each removed alone): with two coordinators
    the sentence said 'zonder de coördinator', as if the network had one."""
    row = {"level": "network", "network": "N1", "members": 48, "active_members": 47, "domains": 4, "ties": 101,
           "ties_known": 101, "cross_share": 0.5, "isolated": 0, "coordinators": 2,
           "coordinator_dependency_cut_off": 2}
    assert "zonder een van de coördinatoren raken hoogstens 2 leden los" in _card_sentence(row, Texts("nl"), 5)
    assert "without one of its coordinators at most 1 member is cut off" in \
        _card_sentence({**row, "coordinator_dependency_cut_off": 1}, Texts("en"), 5)
    assert "zonder de coördinator raken 2 leden los" in _card_sentence({**row, "coordinators": 1}, Texts("nl"), 5)
