"""Property: in a messy CSV (quotes, blank lines, NA-like words, encodings, long cells, stray bytes) every
row that is not blank is either used, with the source written on its line, or reported at its row.

Each generated line is one row of the file (row = line number, header = row 1) with a source id written
by the generator, so what happened to every row is checked against the generated text, not against
collabgraph's own tables.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabgraph import load
from collabgraph.errors import ValidationError
from collabgraph.io.read import MAX_CELL
from tests.conftest import examples

NA_LIKE = ["NA", "None", "null", "N/A", "NaN", "n/a", "NULL", "#N/A", "nan", "-"]
KINDS = ["plain", "plain", "plain", "na_id", "na_name", "quoted", "accent", "blank", "empty_cells",
         "open_quote", "long", "stray_byte"]


def line(kind: str, i: int, sep: str, rng_word: str) -> tuple[str | bytes, str | None]:
    """One line of the file and the source id it holds (None: a blank row)."""
    source, target = f"r{i}", f"t{i}"
    if kind == "blank":
        return "", None
    if kind == "empty_cells":
        return sep * 2 + " ", None
    if kind == "na_id":
        source = rng_word
    name = {"plain": "x", "na_id": "y", "na_name": rng_word, "accent": "Zoë Çelik", "long": "z" * (MAX_CELL + 1),
            "quoted": f'"a{sep}b ""c"""', "open_quote": '"oops', "stray_byte": "B"}[kind]
    text = sep.join([source, target, name])
    if kind == "stray_byte":
        return text.encode()[:-1] + b"\xe9", source
    return text, source


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=12),
       words=st.lists(st.sampled_from(NA_LIKE), min_size=12, max_size=12),
       sep=st.sampled_from([",", ";", "\t"]), crlf=st.booleans(), trailing=st.sampled_from(["", "\n", "\n\n"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_every_row_that_is_not_blank_is_used_or_reported(tmp_path_factory, kinds, words, sep, crlf, trailing,
                                                         encoding):
    folder = tmp_path_factory.mktemp("messy")
    end = b"\r\n" if crlf else b"\n"
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    lines, sources = [sep.join(["source", "target", "name"]).encode(codec)], {}
    for i, kind in enumerate(kinds):
        text, source = line(kind, i, sep, words[i])
        lines.append(text if isinstance(text, bytes) else text.encode(codec))
        sources[i + 2] = source  # spreadsheet row: header is row 1
    bom = b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b""
    text = bom + b"".join(x + end for x in lines) + trailing.encode().replace(b"\n", end)
    (folder / "interactions.csv").write_bytes(text)
    blank = sum(s is None for s in sources.values()) + trailing.count("\n")  # each extra line end: a blank row

    ds = load(folder, lenient=True)
    counts = ds.report.counts["interactions"]
    assert counts == {"read": len(sources) + trailing.count("\n"), "used": len(ds.interactions),
                      "rejected": counts["read"] - len(ds.interactions) - blank, "skipped_blank": blank}
    reported = {i.row for i in ds.report.issues if i.file == "interactions.csv"}
    used = dict(zip(ds.interactions["row"].tolist(), ds.interactions["source"].astype(str).tolist(), strict=True))
    for row, source in used.items():  # a used row holds the source written on its line
        assert sources[row] == source, (row, source, sources[row])
    for row, source in sources.items():
        if source is not None:
            assert row in used or row in reported, (row, source, kinds, ds.report.issues)
        else:
            assert row not in used and row not in reported
    try:  # strict mode reads the same rows: the same counts, and it stops only when something is reported
        strict = load(folder).report.counts["interactions"]
        assert not reported
    except ValidationError as err:
        strict = err.counts["interactions"]
    assert strict == counts
