"""Fixtures of the report tests: a small dataset whose names and labels are hostile."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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


#: What the Dutch page may write in English words: file names (``data/people.csv``), command lines to type
#: (``collabgraph export GEGEVENS --to ...``) and their options (``--min-group``).
COMMANDS = re.compile(r"\S+\.(?:csv|json|gexf|graphml|xlsx|html)\b|collabgraph [a-z]+ [^.]*\.|--[a-z][a-z-]*")
#: Words of the English texts that a Dutch page writes too (none so far: each would be named here, with why).
ALLOWED: frozenset[str] = frozenset()


def words(text: str) -> set[str]:
    """The words of ``text`` in lower case, without file names, command lines and options (:data:`COMMANDS`)."""
    return set(re.findall(r"[a-z_]+", COMMANDS.sub(" ", text).lower()))


def _catalogue_words(text: str) -> set[str]:
    return words(re.sub(r"\{[^}]*\}", " ", text))  # a {field} is filled in, not written


def english_words(*frames: pd.DataFrame) -> set[str]:
    """The words of the report's English that a Dutch page must not show: every word of its English texts (the
    catalogue of ``collabgraph/report/texts.py`` and the sentences results carry, ``collabgraph/texts.py``) that
    no Dutch text of the catalogue uses, less the words of the data (every value of the ``frames``: a role
    ``professional`` or a name ``Bram Smit`` is the user's word) and :data:`ALLOWED`."""
    from collabgraph import texts as sentences
    from collabgraph.report.texts import CATALOGUE

    english = set().union(*(_catalogue_words(en) for en, _ in CATALOGUE.values()),
                          *(_catalogue_words(s) for table in (sentences.ISOLATION_SENTENCES, sentences.DETACHED_WHERE,
                                                              sentences.NEWCOMER_DATE) for s in table.values()))
    dutch = set().union(*(_catalogue_words(nl) for _, nl in CATALOGUE.values()))
    data = set().union(set(), *(words(" ".join(map(str, pd.unique(f.to_numpy(object).ravel())))) for f in frames))
    return english - dutch - data - ALLOWED


class _PageText(HTMLParser):
    """Text of a page: every text node outside ``<script>`` and ``<style>`` (the title, the body, SVG text
    included) and the ``title``, ``aria-label``, ``placeholder`` and ``alt`` attributes."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        self.texts += [v for k, v in attrs if k in self.ATTRIBUTES and v]

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)


def page_texts(page: str) -> list[str]:
    """Every text of an HTML page a reader can meet (:class:`_PageText`), each a string."""
    parser = _PageText()
    parser.feed(page)
    return [t for t in parser.texts if t.strip()]


def english_on_page(texts: list[str], english: set[str]) -> dict[str, list[str]]:
    """Per English word of ``english`` found in ``texts``, the texts it is in (at most three, shortened)."""
    found: dict[str, list[str]] = {}
    for text in texts:
        for word in sorted(words(text) & english):
            found.setdefault(word, []).append(" ".join(text.split())[:120])
    return {w: found[w][:3] for w in sorted(found)}
