"""The data contract: tables, their columns, accepted names in English, Dutch and Gephi style, and types.

Names are matched case-insensitively after folding spaces, dashes and dots to underscores, so
``Duur (minuten)``, ``duur_minuten`` and ``DUUR-MINUTEN`` are the same column.

Examples
--------
>>> TABLES["interactions"].match_column("Bron")
'source'
>>> table_for_file("personen.csv"), table_for_file("Netwerken.xlsx")
('people', 'networks')
>>> TABLES["networks"].match_column("Coördinator")
'coordinator'
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["FIRST_DATE", "LAST_DATE", "RATINGS", "TABLES", "TABLE_SUFFIXES", "Column", "Table", "fold",
           "person_attribute", "table_for_file"]

#: The first and last day a date may fall on, in the input and in a filter: the whole calendar years that
#: pandas' ``datetime64[ns]`` holds (1677-09-21 to 2262-04-11), so that every window of a day up to a year
#: starts and ends inside it. A date outside is a ``bad_date``; a ``--start``/``--end`` outside is refused.
FIRST_DATE, LAST_DATE = datetime.date(1678, 1, 1), datetime.date(2261, 12, 31)


def fold(name: str) -> str:
    """Normalise a table or column name for matching.

    Examples
    --------
    >>> fold("  Duur (minuten) ")
    'duur_minuten'
    """
    name = re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower().replace("\ufeff", ""))
    return name.strip("_")


@dataclass(frozen=True)
class Column:
    """A column of the contract. ``kind`` is one of id, ref, text, list, date, wave, number, rating."""

    name: str
    kind: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table of the contract with the file names it may come from."""

    name: str
    files: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def match_column(self, header: str) -> str | None:
        """The contract name for a header found in a file, or None for a free column."""
        key = fold(header)
        for col in self.columns:
            if key == col.name or key in col.aliases:
                return col.name
        return None

    def known_names(self) -> list[str]:
        return [n for c in self.columns for n in (c.name, *c.aliases)]


_DATE = ("datum", "date_time", "datetime", "timestamp", "tijdstip", "dag", "day")
_NETWORK = ("netwerk", "leernetwerk", "learning_network")
_KIND = ("soort", "type", "relation", "relatie", "vorm")
_DURATION = ("duur_minuten", "duur", "duration", "minuten", "minutes", "duur_min")

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "people",
            ("people", "personen", "persons", "nodes", "deelnemers", "leden", "members", "actors"),
            (
                Column("id", "id", True, ("persoon", "person", "person_id", "persoon_id", "node",
                                          "nummer", "code")),
                Column("name", "text", False, ("naam", "label", "volledige_naam")),
                Column("role", "text", False, ("rol",)),
                Column("profession", "text", False, ("beroep", "functie", "discipline")),
                Column("organisation", "text", False, ("organisatie", "organization", "org",
                                                       "werkgever", "instelling")),
                Column("domain", "text", False, ("domein", "sector")),
                Column("networks", "list", False, ("netwerken", "leernetwerken", "netwerk",
                                                   "network", "leernetwerk", "learning_networks")),
                Column("joined", "date", False, ("lid_sinds", "start", "begin", "ingestroomd",
                                                 "startdatum", "joined_on")),
                Column("left", "date", False, ("lid_tot", "einde", "vertrokken", "uitgestroomd",
                                               "einddatum", "left_on")),
            ),
        ),
        Table(
            "interactions",
            ("interactions", "interacties", "edges", "ties", "contacts", "contacten",
             "nominations", "nominaties", "relaties"),
            (
                Column("source", "ref", True, ("bron", "van", "from", "ego", "respondent",
                                               "person_a", "persoon_a")),
                Column("target", "ref", True, ("doel", "naar", "to", "alter", "genoemd",
                                               "person_b", "persoon_b")),
                Column("date", "date", False, _DATE),
                Column("wave", "wave", False, ("golf", "meting", "ronde", "meetmoment", "round")),
                Column("kind", "text", False, _KIND),
                Column("network", "text", False, _NETWORK),
                Column("weight", "number", False, ("gewicht", "sterkte", "strength")),
                Column("duration_minutes", "number", False, _DURATION),
                Column("trust", "rating", False, ("vertrouwen",)),
                Column("value", "rating", False, ("waarde",)),
                Column("frequency", "rating", False, ("frequentie",)),
            ),
        ),
        Table(
            "events",
            ("events", "bijeenkomsten", "activiteiten", "activities", "meetings"),
            (
                Column("id", "id", True, ("bijeenkomst", "event", "event_id", "activiteit",
                                          "nummer", "code")),
                Column("date", "date", False, _DATE),
                Column("network", "text", False, _NETWORK),
                Column("kind", "text", False, _KIND),
                Column("duration_minutes", "number", False, _DURATION),
                Column("title", "text", False, ("titel", "naam", "name", "onderwerp")),
            ),
        ),
        Table(
            "attendance",
            ("attendance", "aanwezigheid", "presentie", "deelname", "participation"),
            (
                Column("event", "ref", True, ("bijeenkomst", "event_id", "activiteit")),
                Column("person", "ref", True, ("persoon", "deelnemer", "person_id", "id")),
                Column("role_in_event", "text", False, ("rol", "role", "rol_in_bijeenkomst")),
            ),
        ),
        Table(
            "networks",
            ("networks", "netwerken", "leernetwerken", "learning_networks"),
            (
                Column("network", "id", True, ("netwerk", "leernetwerk", "naam", "name", "learning_network")),
                Column("programme", "text", False, ("programma", "program")),
                Column("start", "date", False, ("startdatum", "begin", "begindatum", "start_date")),
                Column("end", "date", False, ("einde", "einddatum", "eind", "end_date")),
                Column("focus", "text", False, ("thema", "doel")),
                # fold() drops accents with the other non-ASCII letters: "Coördinator" is "co_rdinator"
                Column("coordinator", "ref", False, ("co_rdinator", "netwerkcoordinator", "netwerkco_rdinator",
                                                     "trekker", "projectleider")),
            ),
        ),
    )
}

#: The rating columns of the contract (survey ratings of a tie, e.g. PARTNER's trust and value): every other
#: numeric column of the interactions is a rating too, under its folded name (docs/data.md, *Ratings*).
RATINGS = tuple(c.name for c in TABLES["interactions"].columns if c.kind == "rating")

#: The file suffixes read as tables (CSV and text, Parquet, Excel workbooks); a folder's other files are ignored.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".pq", ".xlsx", ".xlsm")

#: Values of a Gephi ``Type`` column; such a column gives direction, not the kind of tie.
GEPHI_EDGE_TYPES = frozenset({"directed", "undirected", "mutual"})


def table_for_file(filename: str) -> str | None:
    """The table a file name stands for (``Personen.CSV`` is people), or None.

    Examples
    --------
    >>> table_for_file("Aanwezigheid.xlsx"), table_for_file("notes.txt")
    ('attendance', None)
    """
    stem = fold(re.sub(r"\.[^.]*$", "", filename.rsplit("/", 1)[-1]))
    for table in TABLES.values():
        if stem in table.files:
            return table.name
    return None


def person_attribute(name: str) -> str | None:
    """The person attribute a ``--by``/``--compare`` name means, in any spelling the people file accepts.

    A name of the people table's contract in English, Dutch or Gephi style (case-insensitive, as
    :func:`fold` matches headers) gives the contract name; the learning networks (``networks``,
    ``netwerk``, ``leernetwerk`` ...) give ``network``, the attribute the metrics group by. Any other
    name gives None (a free column of the people file, matched by the caller).

    Examples
    --------
    >>> person_attribute("Domein"), person_attribute("beroep"), person_attribute("Leernetwerk")
    ('domain', 'profession', 'network')
    >>> person_attribute("leeftijd") is None
    True
    """
    column = TABLES["people"].match_column(name)
    return "network" if column == "networks" else column
