"""Tests for collabgraph/privacy.py: pseudonyms, salts, free text and small-group suppression."""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.analysis import AnalysisOptions, analyze
from collabgraph.errors import ParameterError
from collabgraph.privacy import generalise, pseudonym, pseudonymise, read_salt, suppress, suppressed_tables


def _dataset():
    people = pd.DataFrame({"id": ["P0001", "P0002", "P0003"], "name": ["Anna de Vries", "Bram Jansen", "Cor Smit"],
                           "domain": ["zorg", "zorg", "welzijn"], "notes": ["belt Anna vaak", "", "x"]})
    inter = pd.DataFrame({"source": ["P0001", "P0002"], "target": ["P0002", "P0003"], "network": ["N1", "N1"]})
    events = pd.DataFrame({"id": ["E1"], "title": ["Intervisie bij Anna de Vries"], "network": ["N1"]})
    att = pd.DataFrame({"event": ["E1", "E1"], "person": ["P0001", "P0003"]})
    return cg.from_frames(people=people, interactions=inter, events=events, attendance=att)


def test_pseudonym_is_hmac_sha256():
    # Independent value: the standard library's HMAC-SHA256 of the id with the salt.
    expected = "P-" + hmac.new(b"zout", b"P0001", hashlib.sha256).hexdigest()[:8]
    assert pseudonym(b"zout", "P0001") == expected


def test_pseudonymise_everywhere():
    ds = _dataset()
    p = pseudonymise(ds, b"zout")
    names = {i: pseudonym(b"zout", i) for i in ["P0001", "P0002", "P0003"]}
    assert list(p.people.index) == list(names.values())
    assert list(p.people["name"]) == list(names.values())
    assert p.interactions["source"].tolist() == [names["P0001"], names["P0002"]]
    assert p.attendance["person"].tolist() == [names["P0001"], names["P0003"]]
    assert set(p.memberships["person"]) <= set(names.values())
    assert "notes" not in p.people.columns  # free text may hold names
    assert p.events["title"].isna().all()
    # Same ties, relabelled.
    assert cg.ties(p)[["weight", "count"]].equals(cg.ties(ds)[["weight", "count"]])


def test_keep_free_column():
    p = pseudonymise(_dataset(), b"zout", keep=("notes",))
    assert "notes" in p.people.columns


def test_same_salt_same_pseudonyms_other_salt_differs():
    a, b = pseudonymise(_dataset(), b"een"), pseudonymise(_dataset(), b"een")
    c = pseudonymise(_dataset(), b"twee")
    assert list(a.people.index) == list(b.people.index) != list(c.people.index)


def test_collisions_lengthen_every_pseudonym(monkeypatch):
    import collabgraph.privacy as privacy

    real = privacy.pseudonym
    def colliding(salt, value, digits=8):
        return "P-same" if digits == 8 else real(salt, value, digits)

    monkeypatch.setattr(privacy, "pseudonym", colliding)
    p = privacy.pseudonymise(_dataset(), b"zout")
    assert all(len(i) == 2 + 10 for i in p.people.index)


def test_validation_messages_reduced_to_codes():
    people = pd.DataFrame({"id": ["P0001"], "name": ["Anna de Vries"]})
    inter = pd.DataFrame({"source": ["P0001", "P0001"], "target": ["Geheime Gerrit", "P0001"]})
    ds = cg.from_frames(people=people, interactions=inter, lenient=True)
    p = pseudonymise(ds, b"zout")
    assert all(i.message == i.code for i in p.report.issues)
    assert p.report.rejected_values == {}
    assert "Geheime Gerrit" not in repr(p.report.to_dict())


def test_read_salt(tmp_path):
    assert read_salt("abc") == (b"abc", True)
    f = tmp_path / "salt.txt"
    f.write_bytes(b"geheim\n")
    assert read_salt(salt_file=f) == (b"geheim", True)
    random_salt, given = read_salt()
    assert not given and len(random_salt) == 32 and random_salt != read_salt()[0]
    with pytest.raises(ParameterError):
        read_salt("a", f)
    with pytest.raises(ParameterError):
        read_salt("")


def test_suppress():
    t = pd.DataFrame({"group": ["zorg", "wonen", "welzijn"], "size": [12, 2, 3], "internal": [5, 1, 2],
                      "ei_index": [0.5, -1.0, 0.0]})
    out = suppress(t, 3)
    assert out.values.tolist() == [["zorg", 12, 5, 0.5], ["wonen", "<3", "<3", "<3"], ["welzijn", 3, 2, 0.0]]
    assert suppress(t, 1).equals(t)
    with pytest.raises(ParameterError, match=r"^min_group must be a whole number >= 1; got 0\.$"):
        suppress(t, 0)
    with pytest.raises(ParameterError, match=r"^k must be a whole number >= 1; got True\.$"):
        generalise(t, ["group"], True)


def test_suppressed_tables_of_an_analysis():
    # Domains of 4, 3, 2 and 1 people and learning networks of 5 and 2: with min_group 3, "wonen", "gas" and
    # "N2" show "<3", and "N1" with N2, the one small network. Expected values recounted with pandas from the input.
    people = pd.DataFrame({"id": [f"p{i}" for i in range(10)],
                           "domain": ["zorg"] * 4 + ["welzijn"] * 3 + ["wonen"] * 2 + ["gas"],
                           "networks": ["N1"] * 5 + ["N2"] * 2 + [None] * 3})
    pairs = [(0, 1), (1, 2), (2, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 0), (3, 7), (1, 5)]
    inter = pd.DataFrame({"source": [f"p{a}" for a, _ in pairs], "target": [f"p{b}" for _, b in pairs]})
    a = analyze(cg.from_frames(people=people, interactions=inter), AnalysisOptions(permutations=0, stability_runs=0))
    shown = suppressed_tables(a, min_group=3)
    sizes = people["domain"].value_counts()
    groups = shown["groups"].set_index("group")
    assert groups["size"].to_dict() == {g: (n if n >= 3 else "<3") for g, n in sizes.items()}
    assert (groups.loc[["wonen", "gas"], ["internal", "external", "ei_index"]] == "<3").all().all()
    domain = people.set_index("id")["domain"]
    ends = pd.DataFrame({"a": inter["source"].map(domain), "b": inter["target"].map(domain)})
    both = pd.concat([ends, ends[ends["a"] != ends["b"]].set_axis(["b", "a"], axis=1)])
    counts = pd.crosstab(both["a"], both["b"])
    matrix = shown["mixing"]
    for r in matrix.index:
        for c in matrix.columns:
            hidden = r in ("wonen", "gas") or c in ("wonen", "gas")
            want = counts.loc[r, c] if r in counts.index and c in counts.columns else 0
            assert matrix.loc[r, c] == ("<3" if hidden else want), (r, c)
    members = people["networks"].value_counts()
    for name in ("networks", "reach_networks"):
        table = shown[name].set_index("network" if name == "networks" else "group")["members"]
        assert table.to_dict() == {"N1": "<3", "N2": "<3"}  # N1 with N2 (hidden_networks), or N2 = total - N1
    assert members["N1"] >= 3 and members["N2"] < 3
    assert shown["reach_groups"].set_index("group")["members"].to_dict() == groups["size"].to_dict()
    with pytest.raises(ParameterError, match="min_group must be a whole number >= 1; got 0."):
        suppressed_tables(a, min_group=0)


def test_pseudonymised_report_keeps_no_original_ids(tmp_path):
    # The validation report's references map rejected and accepted person ids to rows; pseudonymise drops it
    # with the messages and rejected values, so no original id survives in the pseudonymised dataset's report.
    (tmp_path / "people.csv").write_text("id,domain\nANNA01,zorg\nBRAM02,welzijn\nBRAM02,zorg\n")
    (tmp_path / "interactions.csv").write_text("source,target\nANNA01,BRAM02\n")
    ds = cg.load(tmp_path, lenient=True)
    assert ds.report.references  # the original ids are there before
    swapped = pseudonymise(ds, b"zout")
    assert swapped.report.references == {} and "ANNA01" not in repr(swapped.report)


def test_a_real_network_named_other_keeps_its_count_and_top():
    """A learning network really named 'other' (3 members of a cluster) is the cluster's top network; the small
    network Klein (2) is counted apart under 'other (<3)' (merged into the real one before: 5, top None)."""
    from collabgraph.privacy import generalise_composition, other_label

    comp = [{"id": 0, "size": 5, "composition": {"network": {"counts": {"other": 3, "Klein": 2}, "missing": 0,
                                                             "top": "other", "top_share": 0.6}}}]
    labels = {"network": other_label(["other"], 3)}
    network = generalise_composition(comp, pd.DataFrame({"domain": ["zorg"]}), {"network": {"Klein"}},
                                     labels=labels)[0]["composition"]["network"]
    assert network["counts"] == {"other": 3, "other (<3)": 2}
    assert (network["top"], network["top_share"]) == ("other", 0.6)


def test_other_label_is_apart_from_every_value_shown():
    from collabgraph.privacy import other_label

    for shown in (["zorg"], ["other"], ["Overig"], ["OTHER", "other (<3)"], ["other", "other (<3)", "other (<3)*"]):
        label = other_label(shown, 3)
        assert label.startswith("other") and label.casefold() not in {v.casefold() for v in shown}, shown
    assert other_label(["zorg", "wonen"], 3) == "other"  # the usual label where no value shown reads as it
