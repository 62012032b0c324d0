"""The data files of a Dutch report and export as Dutch Excel reads them (issue 15, "Excel users"; "in --lang nl
every word is Dutch"): collabgraph's own words in Dutch, yes/no as ja/nee, nothing Excel would turn into a date.

The dataset's own values (names, organisations, domains, networks) are Dutch words that are no code of
collabgraph, so any English code or snake_case name left in a Dutch file is found; the expected values are
counted from the input CSV files with plain pandas and networkx, never from collabgraph's tables.
"""

from __future__ import annotations

import re

import networkx as nx
import pandas as pd
import pytest

from tests.cli.conftest import run
from tests.conftest import analysing_once

PEOPLE = ("id;naam;rol;beroep;organisatie;domein;netwerken\n"
          "p1;Anna;coördinator;huisarts;Zorg Oost;zorg;Noord\np2;Bram;professional;wijkagent;Politie;veiligheid;Noord\n"
          "p3;Cor;professional;huisarts;Zorg Oost;zorg;Noord\np4;Dirk;docent;docent;Roc;onderwijs;Zuid\n"
          "p5;Eva;ervaringsdeskundige;maatje;Stichting;welzijn;Zuid\np6;Fem;student;stagiair;Roc;onderwijs;Zuid\n"
          "p7;Gijs;professional;wijkagent;Politie;veiligheid;Zuid\n")
INTERACTIONS = ("bron;doel;datum;vertrouwen;netwerk\n"
                "p1;p2;14-03-2021;4;Noord\np2;p3;02-05-2021;3;Noord\np1;p3;20-04-2021;;Noord\n"
                "p4;p5;10-01-2021;5;Zuid\np5;p6;11-02-2021;2;Zuid\np3;p4;01-09-2021;2;Zuid\n")
EVENTS = "id;datum;netwerk;soort;duur_minuten\ne1;01-03-2021;Noord;;60\ne2;01-04-2021;Zuid;intervisie;90\n"
ATTENDANCE = "bijeenkomst;persoon\ne1;p1\ne1;p2\ne1;p3\ne2;p4\ne2;p5\ne2;p6\n"
NETWORKS = "netwerk;startdatum;einddatum\nNoord;01-01-2021;30-06-2021\nZuid;01-01-2021;31-12-2022\n"

#: collabgraph's own words as its English files write them; none may stand alone in a Dutch file's cell
#: (cells are split at ';', where codes are joined).
ENGLISH = {"True", "False", "network", "programme", "domain", "organisation", "profession", "role", "kind", "size",
           "group", "person", "new", "continued", "dropped", "isolate", "detached", "pendant", "periphery",
           "fading", "newcomer", "coordinator", "broker", "networks table", "records", "built-in list", "role map",
           "trust", "value", "educator", "student ", "(no kind)", "(all networks)", "(no network)", "other", "people",
           "ties", "density", "components", "modularity", "communities", "each network's own end", "last meeting"}
#: What Dutch Excel's parser reads as a date: d-m, d/m, d-m-y, d/m/y.
DATE = re.compile(r"\d{1,2}\s*[-/]\s*\d{1,2}(\s*[-/]\s*\d{1,4})?")
#: What it reads as a number: digits, '.' between thousands, ',' before decimals.
NUMBER = re.compile(r"[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")
CODE = re.compile(r"[a-z]+(_[a-z0-9]+)+")  # snake_case: a column or measure code


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, analyses):
    root = tmp_path_factory.mktemp("dutch_data")
    data = root / "data"
    data.mkdir()
    for name, text in (("personen.csv", PEOPLE), ("interacties.csv", INTERACTIONS), ("bijeenkomsten.csv", EVENTS),
                       ("aanwezigheid.csv", ATTENDANCE), ("netwerken.csv", NETWORKS)):
        (data / name).write_text(text, encoding="utf-8")
    for lang in ("nl", "en"):
        with analysing_once(analyses):  # the English report renders a copy of the Dutch one's analysis
            result = run("report", data, "-o", root / lang, "--lang", lang, "--exports", "--permutations", "9")
        assert result.exit_code == 0, result.output
        assert run("export", data, "--to", "csv", "-o", root / f"csv-{lang}", "--lang", lang,
                   "--permutations", "0").exit_code == 0
    return root


def _csv(path, sep: str = ";") -> pd.DataFrame:
    """A CSV file as text cells (a file without columns, such as compare.csv without periods: no rows)."""
    if not path.read_text(encoding="utf-8-sig").strip():
        return pd.DataFrame()
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _files(outputs, lang: str) -> dict[str, pd.DataFrame]:
    """Every data file of the report and the CSV export in ``lang``, and every sheet of the report's workbook, as
    text (the CSV style of ``nl`` is excel-nl, of ``en`` standard)."""
    read = _csv if lang == "nl" else (lambda p: _csv(p, sep=","))
    files = {f"data/{p.name}": read(p) for p in sorted((outputs / lang / "data").glob("*.csv"))}
    files |= {f"export/{p.name}": read(p) for p in sorted((outputs / f"csv-{lang}").glob("*.csv"))}
    sheets = pd.read_excel(outputs / lang / "exports" / "network.xlsx", sheet_name=None, dtype=str)
    return files | {f"xlsx/{name}": frame.fillna("") for name, frame in sheets.items()}


def test_no_english_word_or_code_and_nothing_excel_turns_into_a_date(outputs):
    english = {}
    files = _files(outputs, "nl")
    assert len(files) > 30
    for name, frame in files.items():
        for column in frame.columns:
            for cell in frame[column].unique():
                parts = set(cell.split(";"))
                words = (parts & ENGLISH) | {p for p in parts if CODE.fullmatch(p)}
                if words:
                    english.setdefault(name, set()).update(f"{column}={w}" for w in words)
                if name.endswith(".csv"):  # a workbook's text cells stay text
                    assert not DATE.fullmatch(cell), (name, column, cell)
    assert english == {}


def test_text_stays_text_where_english_files_hold_text(outputs):
    """A cell that is text in the English file (not a number) is not a number to Dutch Excel in the Dutch one."""
    nl, en = _files(outputs, "nl"), _files(outputs, "en")
    for name, frame in nl.items():
        if not name.endswith(".csv"):
            continue
        other = en[name]
        for column in frame.columns:
            text = pd.to_numeric(other[column], errors="coerce").isna() & other[column].ne("")
            looks = frame[column].str.fullmatch(NUMBER.pattern)
            assert not (text & looks).any(), (name, column, frame.loc[text & looks, column].tolist())


def test_dutch_values_recomputed_from_the_input(outputs, tmp_path):
    people = pd.read_csv(outputs / "data" / "personen.csv", sep=";").set_index("id")
    inter = pd.read_csv(outputs / "data" / "interacties.csv", sep=";")
    att = pd.read_csv(outputs / "data" / "aanwezigheid.csv", sep=";")
    g = nx.Graph()
    g.add_nodes_from(people.index)
    g.add_edges_from(zip(inter["bron"], inter["doel"], strict=True))
    for _, members in att.groupby("bijeenkomst")["persoon"]:
        g.add_edges_from((a, b) for i, a in enumerate(members) for b in members.iloc[i + 1:])
    # a person has a contact in another domain: ja / True
    cross = {p: any(people.at[q, "domein"] != people.at[p, "domein"] for q in g[p]) for p in g}
    nl = _csv(outputs / "nl" / "data" / "people.csv").set_index("id")
    en = _csv(outputs / "en" / "data" / "people.csv", sep=",").set_index("id")
    assert nl["domain_cross"].to_dict() == {p: "ja" if c else "nee" for p, c in cross.items()}
    assert en["domain_cross"].to_dict() == {p: str(c) for p, c in cross.items()}
    isolated = [p for p in g if g.degree(p) == 0]
    assert isolated == ["p7"]
    assert nl.at["p7", "isolation"].split(";")[0] == "geen enkele relatie"
    assert en.at["p7", "isolation"].split(";")[0] == "isolate"
    # size bands of the meetings: attendees per meeting, with an en dash in Dutch (Excel reads 2-5 as 2 May)
    sizes = att.groupby("bijeenkomst").size()
    forms = _csv(outputs / "nl" / "data" / "forms.csv")
    assert sorted(forms.loc[forms["dimension"] == "aanwezigen", "form"]) == sorted(
        {f"{lo}–{hi}" for lo, hi in ((2, 5), (6, 12), (13, 25)) for n in sizes if lo <= n <= hi})
    kinds = pd.read_csv(outputs / "data" / "bijeenkomsten.csv", sep=";")["soort"]
    assert sorted(forms.loc[forms["dimension"] == "soort bijeenkomst", "form"]) == sorted(
        kinds.fillna("(geen soort)").unique())
    en_forms = pd.read_csv(outputs / "en" / "data" / "forms.csv", dtype=str)
    assert set(en_forms["dimension"]) == {"kind", "size"} and "2-5" in set(en_forms["form"])
    # the groups: the domains of the people table and the learning networks, each under its kind
    groups = _csv(outputs / "nl" / "data" / "groups.csv")
    assert set(zip(groups["kind"], groups["group"], strict=True)) == (
        {("domein", d) for d in people["domein"].unique()} | {("leernetwerk", n) for n in ("Noord", "Zuid")})
    measures = pd.read_excel(outputs / "nl" / "exports" / "network.xlsx", sheet_name="maten").set_index("maat")
    assert measures.at["mensen", "waarde"] == len(people) and measures.at["relaties", "waarde"] == g.number_of_edges()
    assert "E-I-index (domein)" in measures.index


def test_a_real_network_named_no_network_stays_its_own_row_in_dutch_files(tmp_path):
    """A learning network really named '(no network)' and ties without one: the Dutch attribution.csv wrote both as
    '(geen leernetwerk)'. The ties without a network are '(geen leernetwerk)*' (the attribution's '(no network)*'),
    the real network keeps its name; each row's ties counted from the records with pandas."""
    import collabgraph as cg
    from collabgraph.analysis import AnalysisOptions
    from collabgraph.report.html import ReportSettings, write_report

    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    records = pd.DataFrame([("a", "c", "2020-02-01", "(no network)"), ("b", "d", "2020-03-01", None),
                            ("a", "d", "2021-02-01", "(no network)"), ("b", "c", "2021-02-01", None),
                            ("c", "d", "2021-03-01", None)], columns=["source", "target", "date", "network"])
    options = AnalysisOptions(permutations=0, stability_runs=0, freq="year", compare_periods=("2020", "2021"))
    out = write_report(cg.from_frames(people=people, interactions=records), tmp_path / "r", options=options,
                       settings=ReportSettings(lang="nl", min_group=1))
    networks = _csv(out / "data" / "attribution.csv")
    networks = networks[networks["name"].isin(["(no network)", "(geen leernetwerk)*", "(geen leernetwerk)"])]
    assert sorted(networks["name"]) == ["(geen leernetwerk)*", "(no network)"], networks
    counts = networks.set_index("name")[["ties_before", "ties_after"]]
    ties = counts.map(lambda v: float(v.replace(",", "."))).sum(axis=1)  # decimal commas
    assert ties["(no network)"] == (records["network"] == "(no network)").sum()
    assert ties["(geen leernetwerk)*"] == records["network"].isna().sum()
