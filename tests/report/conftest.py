"""Fixtures of the report tests: a small dataset whose names and labels are hostile."""

from __future__ import annotations

import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.analysis import AnalysisOptions

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","klik")'
HOSTILE_NAMES = [IMG, SCRIPT, FORMULA, "+31 6 1234", "@SUM(A1:A9)", "-2+3"]
#: Dutch month names, written out by hand (the report takes them from CLDR through Babel).
DUTCH_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december"]
FAST = AnalysisOptions(permutations=19, bootstraps=19, stability_runs=2, freq="year")
#: Settings of the example's Dutch report that the programme and browser tests share (``example_report(**DUTCH)``).
DUTCH = {"lang": "nl", "title": "Leernetwerken", "source": "voorbeeld"}


def hostile_frames():
    """Twelve people in two domains and two learning networks, dated over two years."""
    ids = [f"H{i:02d}" for i in range(12)]
    names = HOSTILE_NAMES + ["Anna de Vries", "Bram Jansen", "Cor Smit", "Dirk Bakker", "Eva Mulder", "Fleur Visser"]
    people = pd.DataFrame({
        "id": ids, "name": names,
        "role": ["professional"] * 10 + ["student", "docent"],
        "profession": ["huisarts", "wijkverpleegkundige", "agent", "sociaal werker"] * 3,
        "organisation": ["<b>Org A</b>", "Org B", "=Org C", "Org D"] * 3,
        "domain": ["zorg", "zorg", "veiligheid", "welzijn"] * 3,
        "networks": ["Net <i>1</i>"] * 6 + ["Net & 2"] * 6,
    })
    pairs = [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10), (10, 11), (11, 6),
             (0, 6), (1, 7), (2, 4)]
    dates = [f"{2020 + (k % 2)}-{1 + k % 12:02d}-15" for k in range(len(pairs))]
    inter = pd.DataFrame({"source": [ids[a] for a, _ in pairs], "target": [ids[b] for _, b in pairs],
                          "date": dates, "network": ["Net <i>1</i>" if a < 6 else "Net & 2" for a, _ in pairs]})
    events = pd.DataFrame({"id": ["E1", "E2"], "date": ["2020-03-01", "2021-03-01"],
                           "network": ["Net <i>1</i>", "Net & 2"], "title": [f"Intervisie met {names[0]}", "Plenair"]})
    att = pd.DataFrame({"event": ["E1", "E1", "E1", "E2", "E2"], "person": [ids[0], ids[1], ids[4], ids[6], ids[9]]})
    return people, inter, events, att


@pytest.fixture(scope="session")
def hostile():
    people, inter, events, att = hostile_frames()
    return cg.from_frames(people=people, interactions=inter, events=events, attendance=att)


def raw_records(folder) -> pd.DataFrame:
    """Every record of a dataset folder read with plain pandas, independent of collabgraph: ``a, b`` (the two
    ids, ``a < b``) and ``date`` of each interaction and of each pair of people at the same event."""
    inter = pd.read_csv(folder / "interactions.csv", dtype=str)
    events = pd.read_csv(folder / "events.csv", dtype=str)
    att = pd.read_csv(folder / "attendance.csv", dtype=str).merge(events[["id", "date"]], left_on="event",
                                                                   right_on="id")
    shared = att.merge(att, on=["event", "date"])
    shared = shared[shared["person_x"] < shared["person_y"]]
    pairs = pd.concat([inter[["source", "target", "date"]].set_axis(["x", "y", "date"], axis=1),
                       shared[["person_x", "person_y", "date"]].set_axis(["x", "y", "date"], axis=1)])
    return pd.DataFrame({"a": pairs[["x", "y"]].min(axis=1), "b": pairs[["x", "y"]].max(axis=1),
                         "date": pd.to_datetime(pairs["date"])})
