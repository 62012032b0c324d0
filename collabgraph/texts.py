"""User texts of the library's own results: the English sentences that the CLI, CSV and JSON show.

The room of this module: the sentences that metric results carry for people to read (today the
explanation of each isolation reason, :mod:`collabgraph.metrics.isolation`). The HTML report's texts,
in English and Dutch, are in :mod:`collabgraph.report.texts`.

Examples
--------
>>> explanation("An", [isolation_sentence("pendant", partner="Bo"), isolation_sentence("silo", ties=3,
...             attribute="domain", value="zorg")])
'An has a single tie (with Bo); has all 3 ties inside their own domain (zorg).'
"""

from __future__ import annotations

__all__ = ["DETACHED_WHERE", "ISOLATION_SENTENCES", "NEWCOMER_DATE", "explanation", "isolation_sentence", "plural"]

#: Per isolation reason code, what is said of a flagged person (after their name); ``{field}`` filled in.
ISOLATION_SENTENCES = {
    "isolate": "has no tie with anyone in the data",
    "detached": "{where}",
    "pendant": "has a single tie (with {partner})",
    "periphery": "is on the edge of the network (k-core {core}, {degree} contacts)",
    "low_activity": ("has {degree} contacts (k-core {core}) but little contact with them "
                     "(total tie weight {strength:.2f}, among the lowest {quantile:.0%})"),
    "silo": "has all {ties} ties inside their own {attribute} ({value})",
    "fading": "took part {earlier:.1f} times a month before {since}, and {recent:.1f} times a month since",
    "newcomer": "{joined_on} {date} and has {ties} so far",
}

#: The ``where`` of the detached sentence: without learning networks (``whole``), for a person in no network, and
#: for a member (``network``, with one ``group`` or ``alone`` part per network they are a member of).
DETACHED_WHERE = {
    "whole": "is in a separate group of {size} people, not connected to the rest of the network",
    "no_network": "is in no learning network, and in a separate group of {size} people, not connected to any "
                  "network's largest group",
    "network": "is not connected to the rest of their learning network: {parts}",
    "group": "in a separate group of {size} of the {members} members of '{network}'",
    "alone": "no tie with any of the other {others} members of '{network}'",
}

#: How the newcomer sentence names the date: a join date, or (without join dates) the first record.
NEWCOMER_DATE = {"joined": "joined on", "first record": "first record on"}


def plural(n, noun: str) -> str:
    """``n`` and the noun, with an ``s`` unless ``n`` is 1.

    >>> plural(1, "tie"), plural(3, "tie")
    ('1 tie', '3 ties')
    """
    return f"{n} {noun}{'s' if n != 1 else ''}"


def isolation_sentence(code: str, **fields) -> str:
    """The sentence of an isolation reason for one person.

    >>> isolation_sentence("periphery", core=1, degree=2)
    'is on the edge of the network (k-core 1, 2 contacts)'
    """
    return ISOLATION_SENTENCES[code].format(**fields)


def explanation(name: str, sentences: list[str]) -> str:
    """A person's reasons in one sentence: the name, then each reason's sentence, joined by ``;``.

    Empty when there is no reason.

    >>> explanation("Bo", []), explanation("Bo", ["has no tie with anyone in the data"])
    ('', 'Bo has no tie with anyone in the data.')
    """
    return f"{name} {'; '.join(sentences)}." if sentences else ""
