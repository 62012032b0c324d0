"""Every command on hostile and malformed inputs: exit 0, 1 or 2 (never 3), no traceback, no file outside the
output path touched, control characters shown as escapes in text, formula-like CSV cells neutralised."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from tests.cli.conftest import run

#: Each folder validated once for the module, every command given its own copy (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("validated_once")

#: Names a careless or hostile user may type: formulas, terminal escapes (CSI, OSC, C1), markup, JS keys.
HOSTILE = ['=cmd|"/C calc"!A0', "+31 6 1234", "-2+3", "@SUM(A1:A9)", "\tTab", "\rCR", "Esc\x1b[31mred",
           "Osc\x1b]0;pwned\x07", "C1\x9b31m", "Ctl\x01x", "</script><script>alert(1)</script>", "__proto__",
           "constructor"]
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
RISKY = ("=", "+", "-", "@", "\t", "\r")


def _names(folder):
    n = len(HOSTILE)
    ids = ["__proto__", "constructor", "=1+1", "toString"] + [f"p{i}" for i in range(4, n)]
    pd.DataFrame({"id": ids, "name": HOSTILE, "organisation": [HOSTILE[i % 4] for i in range(n)],
                  "profession": [HOSTILE[(i % 3) + 6] for i in range(n)], "domain": [HOSTILE[i % 2 + 11]
                                                                                      for i in range(n)],
                  "networks": [HOSTILE[0] if i < n // 2 else HOSTILE[7] for i in range(n)]}
                 ).to_csv(folder / "people.csv", index=False)
    pairs = [(i, (i + 1) % n) for i in range(n)] + [(i, (i + 3) % n) for i in range(0, n, 2)]
    pd.DataFrame({"source": [ids[a] for a, _ in pairs], "target": [ids[b] for _, b in pairs],
                  "date": [f"{2020 + k % 2}-{1 + k % 12:02d}-10" for k in range(len(pairs))],
                  "network": [HOSTILE[0] if a < n // 2 else HOSTILE[7] for a, _ in pairs],
                  "hours": [1.5] * len(pairs)}).to_csv(folder / "interactions.csv", index=False)
    pd.DataFrame({"network": [HOSTILE[0], HOSTILE[7], HOSTILE[12]], "programme": [HOSTILE[1], HOSTILE[8], HOSTILE[2]],
                  "start": ["2020-01-01", "2020-06-01", ""], "end": ["2021-06-30", "", "2021-01-01"],
                  "focus": [HOSTILE[9], HOSTILE[10], HOSTILE[3]], "coordinator": [ids[0], ids[2], ids[1]]}
                 ).to_csv(folder / "networks.csv", index=False)


CORPUS = {
    "names": _names,
    "empty": lambda f: [(f / "people.csv").write_text(""), (f / "interactions.csv").write_text("")],
    "header_only": lambda f: (f / "interactions.csv").write_text("source,target,date\n"),
    "ragged": lambda f: (f / "interactions.csv").write_text('source,target,date\na,b,2021-01-01,x,y\n'
                                                             'c,"d,2021-01-02\ne,f,2021-01-03\n'),
    "garbage": lambda f: (f / "interactions.csv").write_bytes(b"\xff\xfe\x00\x01PK\x03\x04" + bytes(range(256))),
    # (dates out of pandas' range, 9999-12-31 and 1500-01-01, are the readers' tests)
    "dates": lambda f: [(f / "interactions.csv").write_text("source,target,date,network\na,b,2021-01-01,N1\n"
                                                            "b,c,31-02-2021,N1\nc,a,2021-13-01,N2\n"
                                                            "a,c,2021-03-14T00:30+01:00,N2\n"),
                        # a networks table with a problem on every row but the first (tests/io/test_networks_table)
                        (f / "netwerken.csv").write_text("netwerk;start;einde;trekker\nN1;2021-01-01;2021-02-01;a\n"
                                                         "N2;2021-06-01;2021-01-01;b\nN1;;;\nN3;9999-12-31;;\n"
                                                         "N4;;;nobody\nN5;;;;x;y\n")],
}

COMMANDS = [
    ["validate"], ["validate", "--format", "json"], ["summary"], ["metrics", "--level", "person"],
    ["metrics", "--format", "csv", "--level", "person"], ["metrics", "--format", "json"], ["clusters"],
    ["clusters", "--format", "csv"], ["isolated"], ["isolated", "--format", "csv"], ["suggest"],
    ["suggest", "--format", "csv"], ["brokers"], ["brokers", "--format", "csv"], ["pollination"],
    ["pollination", "--format", "csv", "--table", "spanners"], ["timeline"], ["timeline", "--format", "csv"],
    ["compare", "--before", "2020", "--after", "2021"],
    ["compare", "--before", "2020", "--after", "2021", "--format", "csv"], ["hours"], ["hours", "--format", "csv"],
    ["networks"], ["networks", "--format", "csv"],
    ["ratings"], ["ratings", "--format", "csv"], ["ratings", "--format", "json"],  # names: 'hours' is a rating
    ["metrics", "--weight-by", "hours"], ["clusters", "--weight-by", "hours", "--format", "csv"],
    ["report", "-o", "{out}/r", "--permutations", "0"],
    ["report", "-o", "{out}/p", "--permutations", "0", "--pseudonymise", "--salt", "s", "--by", "name"],
    ["export", "--to", "gexf", "-o", "{out}/n.gexf", "--permutations", "0"],
    ["export", "--to", "graphml", "-o", "{out}/n.graphml", "--permutations", "0"],
    ["export", "--to", "csv", "-o", "{out}/n.csv", "--permutations", "0"],
    ["export", "--to", "xlsx", "-o", "{out}/n.xlsx", "--permutations", "0"],
]


def _snapshot(folder):
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", params=list(CORPUS))
def corpus(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param) / "data"
    folder.mkdir()
    CORPUS[request.param](folder)
    return folder


#: Run also without --lenient (the others stop at the same validation).
STRICT = [["validate"], ["summary"], COMMANDS[-6], COMMANDS[-4]]
RUNS = [(c, True) for c in COMMANDS[1:]] + [(c, False) for c in STRICT]


@pytest.mark.parametrize(("command", "lenient"), RUNS,
                         ids=lambda x: "-".join(x[:3]).replace("{out}/", "") if isinstance(x, list) else
                         ("lenient" if x else "strict"))
def test_command_on_hostile_input(corpus, tmp_path, command, lenient):
    before = _snapshot(corpus.parent)
    args = [a.format(out=tmp_path) for a in command]
    extra = ["--lenient", "--rejected", str(tmp_path / "rejected.csv")] if lenient and command[0] != "validate" \
        else []
    result = run(args[0], corpus, *args[1:], *extra)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert _snapshot(corpus.parent) == before  # only the output path (in tmp_path) is written
    fmt = args[args.index("--format") + 1] if "--format" in args else "text"
    if fmt in ("text", "json"):  # JSON: as \uXXXX escapes, the same value
        assert not CONTROL.search(result.stdout.replace("\n", "")), result.stdout
        assert not CONTROL.search(result.stderr.replace("\n", "")), result.stderr
    if fmt == "csv" and result.exit_code == 0:
        _assert_neutral(result.stdout)
    if (tmp_path / "rejected.csv").exists():
        _assert_neutral((tmp_path / "rejected.csv").read_text(encoding="utf-8"))


def _assert_neutral(text: str) -> None:
    """No CSV cell a spreadsheet would run: every cell that starts like a formula is a number."""
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell.startswith(RISKY):
                float(cell)
