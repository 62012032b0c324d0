"""Locale rules of the report: numbers, dates and plural forms from CLDR (Babel), and the language of a dataset.

Babel is imported on first use, so a command that writes no report never loads it. A number is rounded
once, as Python rounds it (``f"{x:.2f}"``), and then written with the language's separators, so the
English report keeps the digits it always had and the Dutch one shows the same digits with ``.`` and
``,`` swapped. Dates in English stay ISO (``2021-03-14``); Dutch dates are written out (``14 maart 2021``).

:func:`data_language` reads the language from the names of a dataset's files and columns as
:mod:`collabgraph.io.read` found them (``ValidationReport.headers``): Dutch when more of them are Dutch
names (``personen.csv``, ``naam``, ``beroep``) than English ones.

Examples
--------
>>> number(12345.678, 1, "nl"), number(12345.678, 1, "en")
('12.345,7', '12,345.7')
>>> import datetime
>>> long_date(datetime.date(2021, 3, 14), "nl"), long_date(datetime.date(2021, 3, 14), "en")
('14 maart 2021', '2021-03-14')
>>> plural_form(1, "nl"), plural_form(0, "nl"), plural_form(2, "en")
('one', 'other', 'other')
>>> period_label("2020Q1", "nl"), period_label("2020Q1", "nl", short=True), period_label("2020Q1", "en")
('1e kwartaal 2020', 'K1 2020', '2020Q1')
"""

from __future__ import annotations

import datetime
import os
import re
from decimal import Decimal
from functools import lru_cache

from collabgraph.schema import TABLES, fold

__all__ = ["DUTCH_NAMES", "LOCALES", "data_language", "default_language", "long_date", "number", "period_label",
           "plural_form", "report_language"]

#: The CLDR locale of each report language.
LOCALES = {"en": "en", "nl": "nl_NL"}

#: Table and column names of the data contract (:mod:`collabgraph.schema`) that are Dutch words; names
#: used in both languages (``id``, ``code``, ``sector``, ``start``, ``type``) are in neither list, nor are
#: Gephi's names (``nodes``, ``edges``, ``source``, ``target``, ``weight``).
DUTCH_NAMES = frozenset({
    "personen", "deelnemers", "leden", "interacties", "contacten", "nominaties", "relaties", "bijeenkomsten",
    "activiteiten", "aanwezigheid", "presentie", "deelname",
    "persoon", "persoon_id", "nummer", "naam", "volledige_naam", "rol", "beroep", "functie", "organisatie",
    "werkgever", "instelling", "domein", "netwerken", "leernetwerken", "netwerk", "leernetwerk", "lid_sinds",
    "ingestroomd", "startdatum", "lid_tot", "einde", "vertrokken", "uitgestroomd", "einddatum", "bron", "van",
    "doel", "naar", "genoemd", "persoon_a", "persoon_b", "datum", "tijdstip", "dag", "golf", "meting", "ronde",
    "meetmoment", "soort", "relatie", "vorm", "gewicht", "sterkte", "duur_minuten", "duur", "minuten", "duur_min",
    "bijeenkomst", "activiteit", "titel", "onderwerp", "deelnemer", "rol_in_bijeenkomst",
    "programma", "begindatum", "eind", "thema", "co_rdinator", "netwerkcoordinator", "netwerkco_rdinator",
    "trekker", "projectleider",
})
#: Names either language uses, and Gephi's (a Dutch user's Gephi export has them too): they count for neither.
_SHARED = frozenset({"id", "code", "sector", "discipline", "start", "begin", "type", "label", "node", "ego",
                     "alter", "org", "nodes", "edges", "source", "target", "weight"})


@lru_cache(maxsize=4)
def _locale(lang: str):
    from babel import Locale

    return Locale.parse(LOCALES[lang])


def number(value: float, digits: int, lang: str) -> str:
    """``value`` rounded to ``digits`` decimals (as ``f"{value:.{digits}f}"``) with the language's separators.

    Examples
    --------
    >>> number(-0.25, 2, "nl"), number(1234, 0, "en")
    ('-0,25', '1,234')
    """
    return _decimal(f"{value:.{digits}f}", digits, lang)


@lru_cache(maxsize=8192)
def _decimal(text: str, digits: int, lang: str) -> str:
    """:func:`number` of the rounded ``text``, kept: a report writes the same small counts and shares many times.
    A plain decimal (``-1234.50``) is grouped by threes with the locale's symbols here, as Babel's pattern
    ``#,##0.00`` writes it (tests/report/test_i18n_numbers.py compares the two); Babel itself (~60 µs per number)
    writes the rest (infinity, NaN)."""
    plain = _PLAIN.fullmatch(text)
    if plain and len(plain[3] or "") == digits:
        decimal, group, minus = _symbols(lang)
        whole = f"{int(plain[2]):,}".replace(",", group)
        return (minus if plain[1] else "") + whole + (decimal + plain[3] if digits > 0 else "")
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(Decimal(text), format=pattern, locale=_locale(lang))


#: A number as ``f"{value:.{digits}f}"`` writes a finite one: sign, whole part, decimals.
_PLAIN = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?")


@lru_cache(maxsize=4)
def _symbols(lang: str) -> tuple[str, str, str]:
    """The decimal, group and minus symbols of the language's locale (CLDR, through Babel)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    locale = _locale(lang)
    return get_decimal_symbol(locale), get_group_symbol(locale), get_minus_sign_symbol(locale)


def long_date(day: datetime.date, lang: str) -> str:
    """A date as prose shows it: ``14 maart 2021`` in Dutch (CLDR long format), ISO ``2021-03-14`` in English."""
    if lang == "en":
        return day.isoformat()
    from babel.dates import format_date

    return format_date(day, format="long", locale=_locale(lang))


def period_label(label: str, lang: str, *, short: bool = False) -> str:
    """A window or period label (``2020Q1``, ``2020-03``, a wave) as the language writes it, from CLDR's patterns.

    English keeps the label as pandas writes it. Dutch: a quarter reads ``1e kwartaal 2020`` in prose and
    ``K1 2020`` when ``short`` (chart axes, table cells); a month ``maart 2020`` / ``mrt 2020``; a day
    ``14 maart 2021`` / ``14-03-2021``; a week or a range (``2020-01-06/2020-01-12``,
    ``2020-01-01..2020-06-30``) ``6–12 jan 2020``. A year, a wave label or any other text stays as it is.

    Examples
    --------
    >>> [period_label(x, "nl") for x in ("2020Q3", "2021-03", "2021-03-14", "2020", "meting 1")]
    ['3e kwartaal 2020', 'maart 2021', '14 maart 2021', '2020', 'meting 1']
    >>> period_label("2020-01-06/2020-01-12", "nl"), period_label("2021-03", "nl", short=True)
    ('6–12 jan 2020', 'mrt 2021')
    """
    if lang == "en":
        return label
    from babel.dates import format_date, format_interval

    locale = _locale(lang)
    try:
        if m := re.fullmatch(r"(\d{4})Q([1-4])", label):
            day = datetime.date(int(m[1]), 3 * int(m[2]) - 2, 1)
            return format_date(day, "QQQ y" if short else "QQQQ y", locale=locale)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
            return format_date(datetime.date(int(m[1]), int(m[2]), 1), "LLL y" if short else "LLLL y", locale=locale)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", label):
            return format_date(datetime.date.fromisoformat(label), "short" if short else "long", locale=locale)
        if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:/|\.\.)(\d{4}-\d{2}-\d{2})", label):
            first, last = (datetime.date.fromisoformat(x) for x in (m[1], m[2]))
            return format_interval(first, last, "yMMMd", locale=locale)
    except ValueError:  # not a date after all (a wave label such as 2020-13)
        pass
    return label


def plural_form(n: float, lang: str) -> str:
    """The CLDR plural category of ``n`` in ``lang`` (``one`` or ``other`` in English and Dutch)."""
    return _locale(lang).plural_form(abs(n))


def data_language(headers: dict[str, tuple[str, dict[str, str]]]) -> str | None:
    """``nl`` or ``en`` as most of the dataset's own names are Dutch or English; None when they are not known
    or as many are either.

    ``headers`` is ``ValidationReport.headers``: per table, its file and the file's header for each contract
    column. A file's name counts when it names its table (``personen.csv``), a header when it names a
    contract column; a name both languages use (``id``, ``code``) counts for neither.

    Examples
    --------
    >>> data_language({"people": ("personen.csv", {"id": "id", "name": "Naam", "profession": "Beroep"})})
    'nl'
    >>> data_language({"people": ("people.csv", {"id": "id", "name": "name"})})
    'en'
    """
    names = []
    for table, (file, columns) in headers.items():
        stem = fold(str(file).rsplit("/", 1)[-1].rsplit(".", 1)[0])
        if table in TABLES and stem in TABLES[table].files:
            names.append(stem)
        names += [fold(h) for h in columns.values()]
    dutch = sum(n in DUTCH_NAMES for n in names)
    english = sum(n not in DUTCH_NAMES and n not in _SHARED for n in names)
    if dutch == english:
        return None
    return "nl" if dutch > english else "en"


def default_language(environ=None) -> str:
    """``nl`` when the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, first one set) starts with ``nl``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def report_language(lang: str | None = None, dataset=None, environ=None) -> str:
    """The language of ``collabgraph report`` and ``export``: ``lang`` when given, else that of the dataset's own file
    and column names (:func:`collabgraph.report.i18n.data_language`), else the locale's (:func:`default_language`).

    >>> report_language("nl"), report_language(environ={"LANG": "nl_NL.UTF-8"}), report_language(environ={})
    ('nl', 'nl', 'en')
    """
    if lang is not None:
        return lang
    report = getattr(dataset, "report", None)
    return (data_language(report.headers) if report is not None else None) or default_language(environ)
