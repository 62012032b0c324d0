"""`collabgraph isolated`: exact text, JSON keys, CSV and exit codes."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.cli.conftest import run

PEOPLE = """id,name,organisation,domain,profession,networks,joined
a,Anna,GGD,zorg,verpleegkundige,N1,2020-01-01
b,Bram,GGD,zorg,arts,N1,2020-01-01
c,Cor,Politie,veiligheid,agent,N1,2020-01-01
d,Dirk,School,onderwijs,leraar,N1,2020-01-01
n,Noor,School,onderwijs,leraar,N1,2021-11-01
z,Zoe,GGD,zorg,arts,N1,2020-01-01
"""


def write_dated(tmp_path):
    # a-b, a-c, b-c, c-d meet every month of 2021 except that d stops after June (fading: 1 record a
    # month before 2021-06-30, none since); n (joined 2021-11-01) met d once: pendant and newcomer;
    # z has no record: isolate; a and b have ties with GGD and Politie, so no silo.
    rows = ["source,target,date"]
    for month in range(1, 13):
        day = f"2021-{month:02d}-15"
        rows += [f"a,b,{day}", f"a,c,{day}", f"b,c,{day}"]
        if month <= 6:
            rows.append(f"c,d,{day}")
    rows.append("n,d,2021-12-31")
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text("\n".join(rows) + "\n")
    return tmp_path


@pytest.fixture
def dated(tmp_path):
    return write_dated(tmp_path)


def test_isolated_text(dated):
    result = run("isolated", dated, "--fading-min-records", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # d: 6 records from 2021-01-15 to 2021-06-15 over 5.5 months before 2021-06-30 = 1.1 a month;
    # d's later meeting with n (2021-12-31) gives 1 record in 6 months = 0.2 a month <= 25% of 1.1;
    # at 1.1 a month d would expect 6.65 records in 6.04 months: P(X <= 1) = e^-6.65 * 7.65 = 0.0099 < 0.01.
    assert lines[:4] == [
        "3 of 6 people may be left out:",
        "- Zoe has no tie with anyone in the data. [isolate] (id z)",
        "- Noor has a single tie (with Dirk); joined on 2021-11-01 and has 1 tie so far. [pendant, newcomer] (id n)",
        "- Dirk is on the edge of the network (k-core 1, 2 contacts); took part 1.1 times a month "
        "before 2021-06-30, and 0.2 times a month since. [periphery, fading] (id d)",
    ]
    # cores a, b, c 2; d, n 1 (median 2); degrees 2, 2, 3, 2, 1 (median 2)
    assert lines[-7:] == [
        "Thresholds (on these data):",
        "  detached: has ties, but not connected to the rest of their learning network (outside the largest "
        "connected group of its members, ties between members, in every network they are in; someone in no network: "
        "connected to no such group).",
        "  periphery: at least 2 ties, a k-core of at most 1 and below the median k-core 2, and at most 2 contacts "
        "(the median number); 1 is the larger of 1 and the 10% quantile of the k-cores.",
        "  low_activity: no one: more than 10% of the 5 people with ties share the lowest tie weight.",
        "  silo: at least 3 ties, all inside their own organisation or domain.",
        "  fading: since 2021-06-30 at most 25% of the earlier rate (at least 3 records before; by chance p < 0.01).",
        "  newcomer: joined on or after 2021-07-04, at most 3 ties.",
    ]


def test_isolated_thresholds_recomputed_on_the_example():
    # The numbers of the periphery and low_activity lines from the CSV files with networkx and pandas.
    import networkx as nx
    import numpy as np

    from collabgraph.datasets import EXAMPLE
    from tests.metrics.test_isolation import graph_from_files

    g = graph_from_files(EXAMPLE)
    tied = [p for p in g if g.degree(p)]
    core = nx.core_number(g)
    cores, degrees = [core[p] for p in tied], [g.degree(p) for p in tied]
    strength = pd.Series([g.degree(p, weight="weight") for p in tied])
    low = [w for w in strength if (strength <= w + 1e-9).sum() <= 0.1 * len(tied)]
    lines = run("isolated", EXAMPLE).output.splitlines()
    top = max(1, np.quantile(cores, 0.1))
    assert (f"  periphery: at least 2 ties, a k-core of at most {top:g} and below the median k-core "
            f"{np.median(cores):g}, and at most {np.median(degrees):g} contacts (the median number); {top:g} is the "
            "larger of 1 and the 10% quantile of the k-cores.") in lines
    assert (f"  low_activity: at least 2 ties, not periphery, and a total tie weight of at most {max(low):g}: the "
            f"lowest 10% of the {len(tied)} people with ties (everyone else has more).") in lines


def test_isolated_json_and_csv(dated):
    payload = json.loads(run("isolated", dated, "--format", "json").output)
    assert [p["id"] for p in payload["people"]][:2] == ["z", "n"]
    assert payload["people"][0]["reasons"] == ["isolate"]
    assert payload["people"][0]["explanation"] == "Zoe has no tie with anyone in the data."
    assert payload["thresholds"]["recent_months"] == 6 and payload["thresholds"]["fading_ratio"] == 0.25
    csv = run("isolated", dated, "--format", "csv").output.splitlines()
    assert csv[0] == "id,reasons,explanation,degree,strength,core,component_size"
    assert csv[1] == "z,isolate,Zoe has no tie with anyone in the data.,0,0.0,0,1"


def test_isolated_detached_pair(tmp_path):
    # A triangle a-b-c and a pair x-y who only know each other: x and y are detached (and pendant).
    (tmp_path / "people.csv").write_text("id\na\nb\nc\nx\ny\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\na,c\nx,y\n")
    lines = run("isolated", tmp_path).output.splitlines()
    assert lines[:3] == [
        "2 of 5 people may be left out:",
        "- x is in a separate group of 2 people, not connected to the rest of the network; has a single tie "
        "(with y). [detached, pendant]",
        "- y is in a separate group of 2 people, not connected to the rest of the network; has a single tie "
        "(with x). [detached, pendant]",
    ]
    assert "  detached: in a connected group smaller than the largest (3 people)." in lines
    payload = json.loads(run("isolated", tmp_path, "--format", "json").output)
    assert [(p["id"], p["reasons"], p["component_size"]) for p in payload["people"]] == [
        ("x", ["detached", "pendant"], 2), ("y", ["detached", "pendant"], 2)]
    assert payload["counts"]["detached"] == 2 and payload["thresholds"]["largest_component"] == 3
    csv = run("isolated", tmp_path, "--format", "csv").output.splitlines()
    assert csv[1].startswith("x,detached;pendant,") and csv[1].endswith(",1,1.0,1,2")


def test_isolated_bad_threshold_exit_2(dated):
    assert run("isolated", dated, "--fading-ratio", "3").exit_code == 2



def test_isolated_equal_weights_separate_pairs_and_first_records(tmp_path):
    # Two separate pairs a-b and c-d (no joined column): equally large groups, so no one is detached and
    # the text says why; c and d's date is their first record; a and b are there from the first day.
    import networkx as nx
    import pandas as pd

    (tmp_path / "people.csv").write_text("id\na\nb\nc\nd\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-01-05\nc,d,2021-02-05\n"
                                               "a,b,2021-06-01\n")
    inter = pd.read_csv(tmp_path / "interactions.csv")
    groups = [len(c) for c in nx.connected_components(nx.from_pandas_edgelist(inter))]
    assert groups == [2, 2]
    lines = run("isolated", tmp_path).output.splitlines()
    assert lines[:5] == [
        "4 of 4 people may be left out:",
        "- a has a single tie (with b). [pendant]",
        "- b has a single tie (with a). [pendant]",
        "- c has a single tie (with d); first record on 2021-02-05 and has 1 tie so far. [pendant, newcomer]",
        "- d has a single tie (with c); first record on 2021-02-05 and has 1 tie so far. [pendant, newcomer]",
    ]
    assert ("  detached: in a connected group smaller than the largest (2 people); the network is 2 separate groups "
            "of 2 people, equally large, so no one in them is detached.") in lines
    assert lines[-1] == ("  newcomer: first record (the data have no join dates) after 2021-01-05, the data's first "
                         "day (people there from that day are not newcomers), at most 3 ties.")
