"""The report's reach-by-role table: role groups (not raw role values) in plain Dutch and English words,
recomputed from the input files with networkx; people without a role are said, not hidden."""

from __future__ import annotations

import html as html_lib
import io
import json
import re

import networkx as nx
import pandas as pd
import pytest

from collabgraph import load
from collabgraph.report.html import ReportSettings, write_report
from tests.report.conftest import FAST

# Role values as a Dutch programme writes them; their groups by hand (docs/data.md): Docent/docent/opleider are
# educators, both spellings of ervaringsdeskundige experiential experts, huisarts and wijkverpleegkundige (no
# synonym) professionals; j has no role. No one's value is the literal "professional".
PEOPLE = ("id,role,domain\na,huisarts,zorg\nb,Wijkverpleegkundige,zorg\nc,huisarts,welzijn\nd,huisarts,veiligheid\n"
          "e,Docent,onderwijs\nf,docent,onderwijs\ng,opleider,zorg\nh,Ervaringsdeskundige,welzijn\n"
          "i,ervaringsdeskundige,zorg\nj,,welzijn\n")
TIES = "source,target\na,b\na,i\nb,i\nc,d\nd,g\ne,f\nf,g\ng,h\nh,j\nc,h\n"  # e.g. i: zorg ties only
GROUPS = {"experiential_expert": ["h", "i"], "educator": ["e", "f", "g"], "professional": ["a", "b", "c", "d"]}
WORDS = {"en": {"experiential_expert": "experiential expert", "educator": "educator", "professional": "professional"},
         "nl": {"experiential_expert": "ervaringsdeskundige", "educator": "docent", "professional": "professional"}}


def _rows(page: str, title: str) -> list[list[str]]:
    """The body rows of the first table after the heading ``title``, as cell texts."""
    after = page[page.index(f"<h3>{title}</h3>"):]
    body = after[after.index("<tbody"):after.index("</tbody>")]
    return [[html_lib.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)]


@pytest.mark.parametrize(("lang", "title", "without", "decimal"), [
    ("en", "Reach per role group", "1 person without a role is left out.", "."),
    ("nl", "Bereik per rolgroep", "1 persoon zonder rol telt niet mee.", ",")])
def test_reach_per_role_group_from_the_files(tmp_path, lang, title, without, decimal):
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text(TIES)
    people = pd.read_csv(tmp_path / "people.csv").set_index("id")
    inter = pd.read_csv(tmp_path / "interactions.csv")
    g = nx.Graph(list(zip(inter["source"], inter["target"], strict=True)))
    within = {p: set(nx.single_source_shortest_path_length(g, p, cutoff=2)) - {p} for p in g}
    out = write_report(load(tmp_path), tmp_path / "r", options=FAST, settings=ReportSettings(lang=lang, min_group=1))
    page = (out / "index.html").read_text(encoding="utf-8")
    rows = _rows(page, title)
    assert [r[0] for r in rows] == [WORDS[lang][group] for group in GROUPS]
    for row, members in zip(rows, GROUPS.values(), strict=True):
        cross = sum(any(people.loc[q, "domain"] != people.loc[p, "domain"] for q in g[p]) for p in members)
        reach = sum(len(within[p]) for p in members) / len(members)
        domains = sum(len({people.loc[q, "domain"] for q in within[p]}) for p in members) / len(members)
        assert row[1:] == [str(len(members)), f"{round(100 * cross / len(members))}%",
                           f"{reach:.1f}".replace(".", decimal), f"{domains:.1f}".replace(".", decimal)]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", page))
    assert without in text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_single_small_role_group_is_not_the_people_minus_the_rest(tmp_path, lang):
    """With --min-group 3 the experiential experts (h, i: 2) are the only role group below 3. The page says the 10
    people and the 1 without a role, so their number was 10 - 1 - 3 - 4 from the table; the educators (3, the
    smallest group shown) are hidden with them, on the page and in reach_roles.csv and analysis.json."""
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text(TIES)
    people = pd.read_csv(tmp_path / "people.csv")
    assert {g: len(m) for g, m in GROUPS.items()} == {"experiential_expert": 2, "educator": 3, "professional": 4}
    out = write_report(load(tmp_path), tmp_path / "r", options=FAST, settings=ReportSettings(lang=lang))
    page = (out / "index.html").read_text(encoding="utf-8")
    rows = _rows(page, "Reach per role group" if lang == "en" else "Bereik per rolgroep")
    without = people["role"].isna().sum()
    shown = [int(r[1]) for r in rows if r[1].isdigit()]
    hidden = [r[0] for r in rows if not r[1].isdigit()]
    assert len(hidden) != 1 and len(people) - without - sum(shown) != len(GROUPS["experiential_expert"]), rows
    assert hidden == [WORDS[lang][g] for g in ("experiential_expert", "educator")]
    csv = pd.read_csv(out / "data" / "reach_roles.csv", dtype=str, sep=None, engine="python")
    assert (~csv["members"].str.isdigit()).sum() == len(hidden)


def _in_one_network(tmp_path) -> pd.DataFrame:
    """PEOPLE, everyone in the learning network N, and TIES written to ``tmp_path``; the people as written."""
    people = pd.read_csv(io.StringIO(PEOPLE)).assign(networks="N")
    people.to_csv(tmp_path / "people.csv", index=False)
    (tmp_path / "interactions.csv").write_text(TIES)
    return people


def test_the_scorecard_hides_experiential_experts_where_the_experts_table_does(tmp_path):
    """Everyone in one learning network N: the programme has 2 experiential experts (h, i, counted from the role
    values by hand), fewer than --min-group 3, so experts.csv shows '<3'; the scorecard's column said 2 in its N
    and programme rows (scorecard.csv, analysis.json), giving the hidden count back."""
    people = _in_one_network(tmp_path)
    experts = people["role"].str.lower().eq("ervaringsdeskundige").sum()
    assert experts == 2
    out = write_report(load(tmp_path), tmp_path / "r", options=FAST, settings=ReportSettings(min_group=3))
    assert set(pd.read_csv(out / "data" / "experts.csv", dtype=str)["experts"]) == {"<3"}
    card = pd.read_csv(out / "data" / "scorecard.csv", dtype=str)
    assert set(card["experiential_experts"]) == {"<3"}, card
    networks = json.loads((out / "data" / "analysis.json").read_text())["networks"]
    assert {row["experiential_experts"] for row in networks} == {"<3"}


def test_the_role_mapping_does_not_count_a_small_role_group(tmp_path):
    """The two experiential experts write their role in two spellings, each held by 1 person (< --min-group 3),
    so the mapping folds both into one 'other' row of the experiential experts: its count was their number, 2,
    which every role table hides. Counts below 3 are hidden in role_mapping.csv and the page's sentence."""
    people = _in_one_network(tmp_path)
    assert people["role"].value_counts().get("Ervaringsdeskundige") == 1
    out = write_report(load(tmp_path), tmp_path / "r", options=FAST, settings=ReportSettings(min_group=3))
    mapping = pd.read_csv(out / "data" / "role_mapping.csv", dtype=str)
    counts = mapping["count"]
    assert (counts[counts.str.isdigit()].astype(int) >= 3).all() and (counts == "<3").any(), mapping
    page = html_lib.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert not re.search(r"→ experiential expert \(\d\)", page)
