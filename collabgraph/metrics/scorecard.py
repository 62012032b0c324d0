"""The scorecard: one row of figures per learning network, and one for the programme (all networks together).

Definitions (docs/metrics.md, "Scorecard per learning network")
-----------------------------------------------------------------
member
    A person in ``dataset.memberships`` for the network: declared in the people table's
    ``networks`` column, or observed (the person has a record in that network).
the network's ties
    Ties of the tie table (:func:`collabgraph.graph.ties`: interactions and co-attendance, **from
    any context**) with **both ends members** of the network; pairs, or ordered pairs when the data
    are directed. This is the subgraph that :func:`collabgraph.metrics.centrality.dependency` uses.
the network's records
    Interactions whose ``network`` is the network and events of the network (with their
    attendance). Records without a network belong to no network.

Columns
-------
``level``
    ``network`` or ``programme``; the programme row is named ``(all networks)``.
``programme``, ``focus``
    The network's ``programme`` and ``focus`` in the networks table (``dataset.network_table``;
    ``<NA>`` without one). The programme row: the table's distinct programmes, sorted and joined by
    ``"; "``, and no focus.
``members``, ``active_members``
    Members; members with at least one of the network's records (an interaction at either end, or
    an attendance).
``domains``, ``organisations``, ``professions``
    Distinct known values among the members.
``experiential_experts``, ``coordinators``
    Members whose ``role`` is in the role group ``experiential_expert`` of :mod:`collabgraph.rolegroups`;
    members who are the network's ``coordinator`` in the networks table or whose ``role`` is a
    coordinator value (``coordinator_roles``, by default the ``coordinator`` group): the people the
    dependency columns test. :func:`role_values` lists the role values of the data that were counted.
    A coordinator of the table who is no member of the network (no record in it, not declared) is
    not counted: the data hold none of their ties in it.
``coordinator``
    The network's ``coordinator`` in the networks table (a person id; ``<NA>`` when not given).
``ties``, ``density``
    The network's ties; ``ties`` over the possible pairs among the members
    (:func:`collabgraph.metrics.structure.density`).
``ties_known``
    The network's ties between two members with a known domain: the ties ``cross_share`` and
    ``ei_index`` count (``NaN`` without a ``domain`` column).
``cross_share``, ``ei_index``
    Share of the network's ties between members of different domains, and Krackhardt & Stern's
    E-I index by domain (:func:`collabgraph.metrics.mixing.ei_index`); ties with a member without a
    domain are left out of both. Undefined (``NaN``) without such ties.
``reach_two_steps``
    Mean over the members of the distinct domains among the people within two steps over the
    network's ties (:func:`collabgraph.metrics.reach.reach`, ``domain_two_step``; the member's own
    domain counts when a contact has it); undefined (``NaN``) when no member's domain is known.
``openness``
    E-I index of the members' ties by membership of the network
    (:func:`collabgraph.metrics.pollination.openness`): +1 all ties go to non-members (people in
    other networks or none), -1 all stay inside.
``isolated``
    Members without a tie to another member.
``coordinator_dependency_fragmentation``, ``coordinator_dependency_cut_off``
    Each coordinator among the members is removed on their own
    (:func:`collabgraph.metrics.centrality.dependency`); the largest increase of Borgatti's
    fragmentation and the most members cut off the largest connected group. ``NaN`` (``<NA>``)
    without a coordinator.
``new_ties_per_month``
    The network's ties whose first record (in any context) falls on a day from ``start`` to ``end``,
    over ``months``.
``durability``
    Doorwerking: of the ties formed in the network up to its end, the share with a record after it
    (``share`` of :func:`collabgraph.metrics.durability.network_durability`, which defines it; NaN when
    nothing after the end is in the data yet). The programme row counts each pair once.
``hours``, ``events``, ``attendances``
    Person-hours, events and attendances of the network's records
    (:func:`collabgraph.metrics.hours.hours`, per network), whenever dated.
``hours_in_period``
    The person-hours of the network's records dated from ``start`` to ``end`` (undated records
    included: they cannot be placed). Equal to ``hours`` when the period is that of the records.
``hours_per_member_month``
    ``hours_in_period`` over ``members`` over ``months``.
``start``, ``end``, ``period_source``
    The network's period: its ``start`` and ``end`` in the networks table when given, else the
    first and last date of its records. ``period_source`` says which: ``networks table``,
    ``records``, ``networks table (start), records (end)`` or ``records (start), networks table
    (end)``; ``<NA>`` without any date.
``months``
    Months from ``start`` to ``end``, both days included: days / (365.25 / 12); ``NaN`` when
    undated or when ``end`` is before ``start`` (a planned start after the last record).
``sentence``
    The row read in one plain English sentence.

The programme row takes everyone who is a member of any network as members, the ties among them,
the records of every network, and "member of any network" for openness. Its dependency columns are
the largest over the networks (each coordinator is tested in their own network, where they coordinate).
Its period runs from the earliest network's start to the latest network's end; its
``hours_in_period`` adds each network's, and its ``period_source`` is ``networks table``,
``records`` or ``networks table and records`` as its networks' periods came.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.graph import ties as make_ties
from collabgraph.groups import PROGRAMME, group_codes
from collabgraph.metrics.centrality import dependency
from collabgraph.metrics.durability import network_durability
from collabgraph.metrics.hours import Hours, network_hours
from collabgraph.metrics.hours import hours as count_hours
from collabgraph.metrics.pollination import openness as network_openness
from collabgraph.metrics.reach import two_step_within
from collabgraph.metrics.structure import density
from collabgraph.rolegroups import coordinators, role_groups

__all__ = ["COLUMNS", "role_values", "scorecard"]

COLUMNS = ["network", "level", "programme", "focus", "members", "active_members", "domains", "organisations",
           "professions", "experiential_experts", "coordinators", "coordinator", "ties", "density", "ties_known",
           "cross_share", "ei_index", "reach_two_steps", "openness", "isolated", "coordinator_dependency_fragmentation",
           "coordinator_dependency_cut_off", "new_ties_per_month", "durability", "hours", "hours_in_period",
           "hours_per_member_month", "events", "attendances", "start", "end", "period_source", "months", "sentence"]

_DAYS_PER_MONTH = 365.25 / 12
_DAY = pd.Timedelta(days=1)


def _months(start, end) -> float:
    """Months from the day of ``start`` to the day of ``end``, both included (NaN when undated or reversed)."""
    if pd.isna(start) or pd.isna(end) or end.normalize() < start.normalize():
        return float("nan")
    return ((end.normalize() - start.normalize()).days + 1) / _DAYS_PER_MONTH


def _periods(dataset: Dataset, names: list[str], span: pd.DataFrame) -> pd.DataFrame:
    """Per network: ``start, end`` from the networks table where given, else from its records (``span``),
    and ``period_source`` (see the module docstring)."""
    table = dataset.network_table.reindex(pd.Index(names, dtype=object))
    span = span.reindex(pd.Index(names, dtype=object))
    planned = table[["start", "end"]].notna()
    out = pd.DataFrame({"start": table["start"].where(planned["start"], span["start"]),
                        "end": table["end"].where(planned["end"], span["end"])}, index=table.index)
    word = {True: "networks table", False: "records"}
    out["period_source"] = [
        None if pd.isna(start) and pd.isna(end) else word[a] if a == b else f"{word[a]} (start), {word[b]} (end)"
        for a, b, start, end in zip(planned["start"], planned["end"], out["start"], out["end"], strict=True)]
    return out


def _hours_in_periods(dataset: Dataset, periods: pd.DataFrame) -> pd.Series:
    """Person-hours per network of its records not dated outside its own period (:func:`_periods`)."""
    def inside(records: pd.DataFrame) -> np.ndarray:
        own = periods.reindex(pd.Index(_networks_of(records["network"]), dtype=object))
        date = records["date"].to_numpy("datetime64[ns]")
        lo = own["start"].dt.normalize().to_numpy("datetime64[ns]")
        hi = (own["end"].dt.normalize() + _DAY).to_numpy("datetime64[ns]")
        return ~((date < lo) | (date >= hi))  # NaT (undated, no network, no period) compares False: kept

    events = dataset.events[inside(dataset.events)]
    kept = replace(dataset, interactions=dataset.interactions[inside(dataset.interactions)], events=events,
                   attendance=dataset.attendance[dataset.attendance["event"].isin(events.index)])
    h = network_hours(kept)  # hours(kept).networks["hours"], without its tables per person
    h.index = h.index.astype(str)
    return h


def _networks_of(values: pd.Series) -> np.ndarray:
    """A record's network as text (``None`` when it has none)."""
    text = values.astype("string")
    return text.astype(object).where(text.notna(), None).to_numpy(object)


def _records(dataset: Dataset) -> tuple[dict, pd.DataFrame]:
    """Per network, the positions of the people with one of its records (interactions at either end,
    attendances); and the first and last date of its records (``start, end``, indexed by network)."""
    inter, att, ev = dataset.interactions, dataset.attendance, dataset.events
    inter_net = _networks_of(inter["network"])
    people = pd.DataFrame({
        "code": np.concatenate([dataset.codes(inter["source"]), dataset.codes(inter["target"]),
                                dataset.codes(att["person"])]),
        "network": np.concatenate([inter_net, inter_net, _networks_of(ev["network"].reindex(att["event"]))])})
    people = people[people["network"].notna() & (people["code"] >= 0)]
    active = {name: np.unique(group.to_numpy(np.int64)) for name, group in people.groupby("network")["code"]}
    dates = pd.DataFrame({"network": np.concatenate([inter_net, _networks_of(ev["network"])]),
                          "date": np.concatenate([inter["date"].to_numpy("datetime64[ns]"),
                                                  ev["date"].to_numpy("datetime64[ns]")])}).dropna()
    span = dates.groupby("network")["date"].agg(start="min", end="max")
    return active, span


def _distinct(codes: np.ndarray | None, member: np.ndarray) -> int:
    """Distinct known values among the members (``codes``: the column factorized, -1 missing; None: no column)."""
    return 0 if codes is None else len(np.unique(codes[member & (codes >= 0)]))


def role_values(dataset: Dataset, *, coordinator_roles: Sequence[str] | None = None) -> dict[str, list[str]]:
    """The role values of the data counted as coordinator and as experiential expert, sorted.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "role": ["Trekker", "ervaringsdeskundige", "docent"]})
    >>> role_values(from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["b"]})))
    {'coordinator': ['Trekker'], 'experiential_expert': ['ervaringsdeskundige']}
    """
    roles = dataset.people["role"] if "role" in dataset.people else pd.Series([], dtype="string")
    groups = role_groups(roles, dataset.role_map, coordinator_roles=coordinator_roles)
    experts = sorted(str(v) for v in roles[(groups == "experiential_expert").fillna(False)].unique())
    return {"coordinator": coordinators(roles, coordinator_roles, dataset.role_map)[1], "experiential_expert": experts}


def _row(dataset: Dataset, ties: tuple, member: np.ndarray, expert: np.ndarray, coord: np.ndarray,
         dep: pd.DataFrame, open_: float, active: int, start, end, hours: float, in_period: float, events: int,
         attendances: int, values: dict, two: np.ndarray | None) -> dict:
    """The figures of one row (``ties``: the tie table's ``u, v, first`` arrays; ``values``: as :func:`_distinct`,
    with ``"ei"`` the domain codes of :func:`~collabgraph.groups.group_codes`; ``two``: the members'
    two-step domain reach, None without domains)."""
    people = dataset.people
    u, v, first = ties
    within = member[u] & member[v]
    u, v, first = u[within], v[within], first[within]
    n = int(member.sum())
    if "domain" in people:  # ei_index_from_ties(persons=False) of the members' ties, unweighted, counted here
        du, dv = values["ei"][u], values["ei"][v]
        both = (du >= 0) & (dv >= 0)
        known = int(both.sum())
        external = int((du[both] != dv[both]).sum())
        internal = known - external
        cross = external / known if known else None
        e_i = (external - internal) / known if known else None
        # undefined (not 0) when no member's domain is known, as the CLI says
        reach2 = float(two.mean()) if n and (values["ei"][member] >= 0).any() else float("nan")
    else:
        cross = e_i = reach2 = known = None
    tied = np.bincount(np.concatenate([u, v]), minlength=len(people)) > 0
    months = _months(start, end)
    new = int(((first >= start.normalize()) & (first < end.normalize() + _DAY)).sum()) if months == months else 0
    return {
        "members": n, "active_members": active,
        "domains": _distinct(values.get("domain"), member),
        "organisations": _distinct(values.get("organisation"), member),
        "professions": _distinct(values.get("profession"), member),
        "experiential_experts": int((expert & member).sum()), "coordinators": int((coord & member).sum()),
        "ties": int(within.sum()), "density": density(n, int(within.sum()), directed=dataset.directed),
        "ties_known": pd.NA if known is None else known, "cross_share": _nan(cross), "ei_index": _nan(e_i),
        "reach_two_steps": _nan(reach2),
        "openness": _nan(open_), "isolated": int((member & ~tied).sum()),
        "coordinator_dependency_fragmentation": float(dep["fragmentation_increase"].max()) if len(dep) else np.nan,
        "coordinator_dependency_cut_off": int(dep["cut_off"].max()) if len(dep) else pd.NA,
        "new_ties_per_month": new / months if months == months else np.nan,
        "hours": hours, "hours_in_period": in_period,
        "hours_per_member_month": in_period / n / months if n and months == months else np.nan,
        "events": events, "attendances": attendances, "start": start, "end": end, "months": months,
    }


def _nan(x) -> float:
    return float("nan") if x is None else float(x)


def _pct(x: float) -> str:
    return "an undefined share" if x != x else f"{x:.0%}"


def _sentence(row: dict) -> str:
    """One plain English sentence reading a scorecard row."""
    def n(count, word: str) -> str:
        return f"{count:,} {word}{'' if count == 1 else 's'}"

    who = "The programme (all networks)" if row["level"] == "programme" else row["network"]
    parts = [f"{who}: {n(row['members'], 'member')} ({row['active_members']:,} active) from "
             f"{n(row['domains'], 'domain')}"]
    known = row["ties_known"]
    if pd.isna(known):
        known = row["ties"]  # no domain column: the share is undefined on every tie
    if row["ties"] and known == 0:
        parts.append(f"none of the {n(row['ties'], 'tie')} among them joins two members with a known domain")
    elif row["ties"] and known < row["ties"]:  # the share counts the known ties only
        parts.append(f"{_pct(row['cross_share'])} of the {n(int(known), 'tie')} among them with both domains "
                     f"known (of {row['ties']:,}) {'crosses' if known == 1 else 'cross'} a domain")
    elif row["ties"]:
        parts.append(f"{_pct(row['cross_share'])} of the {n(row['ties'], 'tie')} among them "
                     f"{'crosses' if row['ties'] == 1 else 'cross'} a domain")
    else:
        parts.append("no ties among them")
    if row["isolated"]:
        parts.append(f"{row['isolated']:,} without a tie to another member")
    whose = "its coordinator" if row["coordinators"] == 1 else "one of its coordinators"
    cut = row["coordinator_dependency_cut_off"]
    programme = row["level"] == "programme"
    if row["coordinators"] == 0:
        parts.append("no coordinator in the data")
    elif pd.isna(cut):
        parts.append("dependency on the coordinator not assessed (its role is not a coordinator value)")
    elif cut > 0 and programme:
        parts.append(f"without the coordinator of one network {int(cut):,} of its members "
                     f"{'is' if cut == 1 else 'are'} cut off")
    elif cut > 0:
        parts.append(f"without {whose} {n(int(cut), 'member')} {'is' if cut == 1 else 'are'} cut off")
    else:
        parts.append("no member is cut off without their network's coordinator" if programme
                     else f"no member is cut off without {whose}")
    return "; ".join(parts) + "."


def scorecard(dataset: Dataset, *, tie_table: pd.DataFrame | None = None,
              coordinator_roles: Sequence[str] | None = None, spent: Hours | None = None,
              lasting: pd.DataFrame | None = None, dependence: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per learning network and one for the programme: size, mix, ties, dependency, time.

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table (:func:`collabgraph.graph.ties`), if already computed.
    coordinator_roles : sequence of str, optional
        The role values that mean coordinator for the dependency columns (default: the built-in
        list of :mod:`collabgraph.rolegroups`), for the ``coordinators`` count and the dependency columns.
    spent : Hours, optional
        :func:`collabgraph.metrics.hours.hours` of ``dataset``, if already computed.
    lasting : DataFrame, optional
        :func:`collabgraph.metrics.durability.network_durability` of ``dataset`` (any ``by``: the
        ``share`` used here does not depend on it), if already computed.
    dependence : DataFrame, optional
        :func:`collabgraph.metrics.centrality.dependency` of ``dataset`` with ``top=0`` and the same
        ``coordinator_roles`` (the coordinators only), if already computed.

    Returns
    -------
    DataFrame
        The columns of :data:`COLUMNS`, defined in the module docstring: the networks sorted by
        name, then the programme row.

    References
    ----------
    Krackhardt & Stern (1988) for the E-I index; Borgatti (2006) for fragmentation.

    Examples
    --------
    A coordinator ``a`` who holds ``n1`` together; ``d`` is in ``n2`` only.

    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "networks": ["n1", "n1", "n1", "n2"],
    ...                        "role": ["trekker", None, None, None],
    ...                        "domain": ["zorg", "welzijn", "zorg", "zorg"]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "c"], "target": ["b", "c", "d"],
    ...                       "network": ["n1", "n1", "n2"], "date": ["2021-01-01", "2021-01-31", "2021-02-01"]})
    >>> card = scorecard(from_frames(people=people, interactions=inter)).set_index("network")
    >>> card.loc["n1", ["members", "ties", "isolated", "coordinator_dependency_cut_off"]].astype(int).tolist()
    [3, 2, 0, 1]
    >>> float(card.loc["n1", "cross_share"]), float(card.loc["n2", "openness"])
    (0.5, 0.0)
    >>> print(card.loc["n1", "sentence"])
    n1: 3 members (3 active) from 2 domains; 50% of the 2 ties among them cross a domain; without its \
coordinator 1 member is cut off.
    """
    t = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    n = len(people)
    roles = people["role"] if "role" in people else pd.Series(pd.NA, index=people.index, dtype="string")
    groups = role_groups(roles, dataset.role_map, coordinator_roles=coordinator_roles)
    expert = (groups == "experiential_expert").fillna(False).to_numpy(bool)
    coord = coordinators(roles, coordinator_roles, dataset.role_map)[0]
    table = dataset.network_table
    named = table["coordinator"].dropna()  # the networks table's coordinator of each network
    named = dict(zip(named.index.astype(str), dataset.codes(named), strict=True))
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    m = m.assign(code=dataset.codes(m["person"]), network=m["network"].astype(str))
    m = m[m["code"] >= 0]
    # also a network with records but no members (an event nobody attended), and one only in the networks table
    names = sorted(set(dataset.networks) | set(table.index.astype(str)))
    everyone = replace(dataset, memberships=m[["person"]].assign(network=PROGRAMME).drop_duplicates())
    open_ = pd.concat([network_openness(dataset, tie_table=t),
                       network_openness(everyone, tie_table=t)]).set_index("network")["openness"]
    dep = (dependency(dataset, top=0, tie_table=t, coordinator_roles=coordinator_roles) if dependence is None
           else dependence)
    active, span = _records(dataset)
    periods = _periods(dataset, names, span)
    h = (count_hours(dataset) if spent is None else spent).networks.copy()
    h.index = h.index.astype(str)
    in_period = _hours_in_periods(dataset, periods) if table[["start", "end"]].notna().any(axis=None) else h["hours"]
    values = {c: pd.factorize(people[c])[0] for c in ("domain", "organisation", "profession") if c in people}
    if "domain" in people:
        values["ei"] = group_codes(people, "domain")[0]
    ends = (t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64), t["first"].to_numpy("datetime64[ns]"))
    codes_of = {name: group.to_numpy() for name, group in m.groupby("network")["code"]}
    members = []  # per network, then the programme
    for name in names:
        member = np.zeros(n, bool)
        member[codes_of.get(name, np.zeros(0, np.int64))] = True
        members.append(member)
    member = np.zeros(n, bool)
    member[m["code"].to_numpy()] = True
    members.append(member)
    # two-step reach on each network's own graph (Borgatti 2006), all networks in one call
    two = (two_step_within(t, people, [np.flatnonzero(x) for x in members], attribute="domain")
           if "domain" in people else [None] * len(members))
    hrs = h.reindex(names).fillna(0)
    dep_of = dict(tuple(dep.groupby("network", sort=False)))
    period = periods.to_dict("index")
    rows = []
    for name, member, reach2 in zip(names, members, two, strict=False):
        own = member & (np.arange(n) == named.get(name, -1))
        row = {"network": name, "level": "network", "programme": table["programme"].get(name, pd.NA),
               "focus": table["focus"].get(name, pd.NA), "coordinator": table["coordinator"].get(name, pd.NA),
               "period_source": period[name]["period_source"]}
        row.update(_row(dataset, ends, member, expert, coord | own, dep_of.get(name, dep.iloc[:0]),
                        open_.get(name, np.nan), int(member[active.get(name, [])].sum()), period[name]["start"],
                        period[name]["end"], float(hrs.at[name, "hours"]), float(in_period.get(name, 0.0)),
                        int(hrs.at[name, "events"]), int(hrs.at[name, "attendances"]), values, reach2))
        rows.append(row)
    member = members[-1]
    anyone = np.unique(np.concatenate([np.zeros(0, np.int64), *active.values()]))
    sources = set(periods["period_source"].dropna())
    programmes = sorted(set(table["programme"].dropna().astype(str)))
    row = {"network": PROGRAMME, "level": "programme", "programme": "; ".join(programmes) or pd.NA,
           "focus": pd.NA, "coordinator": pd.NA,
           "period_source": (next(iter(sources)) if sources in ({"networks table"}, {"records"})
                             else "networks table and records" if sources else None)}
    coord_any = coord | np.isin(np.arange(n), [c for c in named.values() if c >= 0])
    row.update(_row(dataset, ends, member, expert, coord_any, dep, open_.get(PROGRAMME, np.nan),
                    int(member[anyone].sum()), periods["start"].min(), periods["end"].max(),
                    float(h["hours"].sum()), float(in_period.sum()), int(h["events"].sum()),
                    int(h["attendances"].sum()), values, two[-1]))
    rows.append(row)
    for row in rows:
        row["sentence"] = _sentence(row)
    card = pd.DataFrame(rows, columns=COLUMNS)
    if lasting is None or not len(lasting):
        lasting = network_durability(dataset, by=None, tie_table=t)
    card["durability"] = card["network"].map(lasting.set_index("network")["share"])
    card["coordinator_dependency_cut_off"] = card["coordinator_dependency_cut_off"].astype("Int64")
    card["ties_known"] = card["ties_known"].astype("Int64")
    card = card.astype({c: "string" for c in ("programme", "focus", "coordinator", "period_source")})
    card["start"] = pd.to_datetime(card["start"])
    card["end"] = pd.to_datetime(card["end"])
    return card
