"""Property: for any table, good or bad, validation raises only our errors and counts add up
(read = used + rejected + skipped_blank)."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabgraph import load
from collabgraph.errors import CollabGraphError, ValidationError
from tests.conftest import examples

CELLS = st.one_of(
    st.sampled_from(["a", "b", "c", "d", "", " ", "a", "2021-03-14", "31-02-2022", "44269", "1", "0", "-3",
                     "2,5", "1.234,5", "nan", "inf", "=cmd()", "é", "NULL", '"', ";", ",", "\t"]),
    st.text(alphabet=string.printable + "éëïöü€", max_size=6),
)
HEADERS = st.lists(st.sampled_from(["source", "target", "bron", "doel", "date", "datum", "weight", "gewicht",
                                    "duration_minutes", "wave", "network", "kind", "extra", "Source", ""]),
                   min_size=0, max_size=6)


def csv_text(header, rows, sep):
    return "\n".join(sep.join(r) for r in [header, *rows]) + ("\n" if rows else "")


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=HEADERS, rows=st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=8),
       people=st.lists(st.lists(CELLS, min_size=1, max_size=3), max_size=5),
       sep=st.sampled_from([",", ";", "\t"]), lenient=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_validation_raises_only_our_errors_and_read_equals_used_plus_rejected_plus_blank(
        tmp_path_factory, header, rows, people, sep, lenient, encoding):
    folder = tmp_path_factory.mktemp("ds")
    (folder / "interactions.csv").write_bytes(csv_text(header, rows, sep).encode(encoding, errors="replace"))
    people_text = csv_text(["id", "domain", "name"], people, sep)
    (folder / "people.csv").write_bytes(people_text.encode(encoding, errors="replace"))
    try:
        ds = load(folder, lenient=lenient)
        counts, issues = ds.report.counts, ds.report.issues
    except ValidationError as err:
        counts, issues = err.counts, err.issues
    except CollabGraphError:
        return  # e.g. an unreadable file: a clear error of ours
    for table, c in counts.items():
        assert c["read"] == c["used"] + c["rejected"] + c["skipped_blank"], (table, c)
    rejected_rows = {(i.file, i.row) for i in issues if i.row is not None}
    for table, c in counts.items():
        if c["read"]:
            # every rejected row has at least one issue naming it
            assert c["rejected"] <= sum(1 for f, _ in rejected_rows if f == f"{table}.csv") or any(
                i.row is None and i.file == f"{table}.csv" for i in issues), (table, c, issues)
