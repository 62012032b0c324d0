"""``collabgraph suggest``: whom to introduce to whom, with the reasons in words."""

from __future__ import annotations

import click
import pandas as pd

from collabgraph.graph import ties
from collabgraph.metrics.isolation import isolation
from collabgraph.metrics.suggest import Scorer

from .common import (
    coordinator_role_option,
    dataset_options,
    emit,
    format_option,
    limit_option,
    pass_dataset,
    person,
    progress,
    role_mapping,
)

__all__ = ["suggest"]

#: People whose introductions are scored together (:meth:`~collabgraph.metrics.suggest.Scorer.suggest_many`),
#: one step of the command's progress line.
CHUNK = 500


def _block(scorer, result) -> str:
    i = scorer.position(result.person)
    if len(scorer.names) == 1:  # no rest of the network, no one to meet
        name = scorer.names[i] if isinstance(scorer.names[i], str) else result.person
        return f"Introduce {person(result.person, scorer.names[i])} to:\n  no one: {name} is the only person in the " \
               "data."
    rest = "their learning network" if scorer.groups.by_network else "the network"
    outside = f", who has no tie with the rest of {rest}," if result.outside else ""
    head = f"Introduce {person(result.person, scorer.names[i])}{outside} to:"
    if result.table.empty:
        why = ("no one in their learning networks with a tie outside their group, and no one of the same "
               "profession or domain with ties to another domain" if result.outside else
               "no contacts two or three steps away, no shared learning network")
        return f"{head}\n  no one found ({why})."
    return "\n".join([head] + [f"  {k}. {person(r['id'], r['name'])}: {r['reason']}"
                               for k, (_, r) in enumerate(result.table.iterrows(), start=1)])


def _table(results) -> pd.DataFrame:
    """The CSV output: one row per suggestion (person, rank, id, name, score, reason)."""
    columns = ["person", "rank", "id", "name", "score", "reason"]
    frames = [r.table.assign(person=r.person, rank=range(1, len(r.table) + 1)) for r in results]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


@click.command()
@dataset_options
@click.option("--person", help="Person id, or a name that exactly one person has; without it, suggestions for "
                                "everyone `collabgraph isolated` flags.")
@limit_option(5, "Suggestions per person.", "-n")
@click.option("--diversity", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Extra weight for people from another domain or profession.")
@click.option("--network-bonus", type=click.FloatRange(0), default=0.25, show_default=True,
              help="Score added for sharing a learning network.")
@coordinator_role_option()
@format_option("text", "json", "csv")
@pass_dataset
def suggest(dataset, fmt, person, limit, diversity, network_bonus, coordinator_roles):
    """Suggest people to introduce to each other, preferring contacts of contacts from other domains.

    CSV output: one row per suggestion (person, rank, id, name, score, reason).
    """
    t = ties(dataset)  # one tie table for the scorer and isolation
    scorer = Scorer(dataset, tie_table=t, diversity=diversity, network_bonus=network_bonus,
                    coordinator_roles=list(coordinator_roles) or None)
    persons = [scorer.resolve(person)] if person is not None else list(isolation(dataset, tie_table=t).flagged.index)
    chunks = [persons[k:k + CHUNK] for k in range(0, len(persons), CHUNK)]
    results, bar = [], progress()  # many people flagged in large data take a while: a step per chunk
    bar.add(len(chunks))
    for chunk in chunks:
        results += scorer.suggest_many(chunk, limit)
        bar.step("introductions")
    # each format computes only what it prints (the reasons in words for text, the records for JSON)
    if fmt == "csv":
        emit(fmt, {}, "", _table(results))
    elif fmt == "json":
        payload = results[0].to_dict() if person is not None else {"people": [r.to_dict() for r in results]}
        # the coordinators of a shared network are a reason
        emit(fmt, {**payload, "role_mapping": role_mapping(dataset, coordinator_roles)[1]}, "")
    else:
        text = "\n\n".join(_block(scorer, r) for r in results) if results else "No one is flagged as isolated."
        emit(fmt, {}, f"{text}\n\n{role_mapping(dataset, coordinator_roles)[0]}")
