"""Event dates: the time expressions of a text, resolved against the dispatch's own date.

:func:`find_dates` reads explicit dates (``le 10 novembre 2020``, ``10 février``, ``le 3``),
ranges (``du 3 au 5 mars``: two expressions), weekdays (``ce vendredi``: the nearest;
``mardi dernier``, ``mardi prochain``; ``vendredi`` alone: the latest one, today included, as
news copy uses it, or the coming one after a future cue such as ``aura lieu``), days, weeks,
months and years counted from the base (``hier``, ``avant-hier``, ``la semaine dernière``,
``l'an dernier``, ``il y a trois jours``, ``dans deux semaines``), days counted from the last
day named (``la veille``), months, years, seasons and decades alone, and numeric dates, into
ISO-TimeML values (``1999-05-17``, ``1999-05``, ``1999``, ``1999-W20``, ``1999-W20-WE``,
``1999-SU``, ``XXXX-SU``, ``199``). The words come from ``lexicons/<lang>/dates.yaml``
(:mod:`wirecoder.when.rules`); the arithmetic is :mod:`wirecoder.when.values`; dateparser
(always ``languages=[lang]``) reads numeric dates in the language's order.

:func:`event_date` dates one event: the expression nearest its trigger in its own clause, else
the dateline date; a background act (``aux_mode == "historical"``) without one stays undated.

The package replaces the one-module first cut: the grammar and the arithmetic together passed
500 lines.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from wirecoder.actors.lexicon import LexiconError
from wirecoder.nlp import normalise
from wirecoder.records import Dateline, Event, Evidence, Quarantined, TimeExpression
from wirecoder.when.rules import DateRules, clause_of

__all__ = [
    "DateRules",
    "clause_of",
    "date_lines",
    "earlier_dates",
    "event_date",
    "find_dates",
    "precision",
    "sentence_dates",
]

_GRAINS = {10: "day", 7: "month", 4: "year"}


def precision(date: str | None) -> str | None:
    """The grain of an ISO date: ``2021-02-10`` → day, ``2021-02`` → month, ``2021`` → year."""
    return None if date is None else _GRAINS.get(len(date))


def find_dates(
    text: str, base: str | None, lang: str = "fr", rules: DateRules | None = None
) -> list[TimeExpression]:
    """The time expressions of ``text`` (offsets into it), with values relative to ``base``.

    ``base`` is the ISO date of the dispatch (``2021-02-10``; ``2021-02`` or ``2021`` when that
    is all that is known: expressions counted from it are then cut to that grain). Without a
    base, only expressions that carry their own year are resolved. Pass ``rules`` (from
    :meth:`DateRules.load`) when calling many times; it is loaded once per language anyway.
    """
    return (rules or DateRules.load(lang)).find(text, base)


def event_date(
    event: Event, dateline: Dateline, expressions: Sequence[TimeExpression], *, lang: str = "fr"
) -> tuple[str | None, str | None]:
    """The (date, precision) of an event: day, month or year.

    The expression of the event's own clause nearest its trigger wins (a week or a weekend
    becomes the month or year that holds it; decades, generic seasons and winters give no
    date), unless it qualifies another noun (``la déclaration du 10 novembre``); else the
    dateline date. A background act (``aux_mode == "historical"``) with no date of its own
    stays undated. ``expressions`` are those of the whole article, offsets into its text, as
    :func:`find_dates` gives them.
    """
    evidence = event.evidence
    lead = _lead(evidence, expressions)
    trigger = max(evidence.sentence.find(evidence.trigger), 0)
    rules = DateRules.load(lang)
    sentence = normalise(evidence.sentence)  # one for one: the offsets hold
    marks = rules.clause_marks(sentence)
    home = clause_of(marks, trigger)
    best: tuple[int, str, str] | None = None
    for expr in expressions:
        at = expr.start - evidence.start - lead
        if at < 0 or at + len(expr.text) > len(evidence.sentence):
            continue
        dated = _event_grain(expr)
        if dated is None or clause_of(marks, at) != home:
            continue
        head = rules.noun_before(sentence, at)
        if head is not None and head != trigger + len(evidence.trigger):
            continue  # "la déclaration du 10 novembre": it dates the declaration, not the event
        if best is None or abs(at - trigger) < best[0]:
            best = (abs(at - trigger), *dated)
    if best is not None:
        return best[1], best[2]
    if event.aux_mode == "historical":
        return None, None
    return dateline.date, precision(dateline.date)


def sentence_dates(event: Event, expressions: Sequence[TimeExpression]) -> list[str]:
    """The dates (day, month or year) the event's sentence names in any of its clauses
    (``Lors du procès, le 27 février 2009, X avait entrepris de …``), in order."""
    evidence = event.evidence
    return [
        dated[0]
        for expr in expressions
        if evidence.start <= expr.start < evidence.end and (dated := _event_grain(expr))
    ]


def earlier_dates(
    text: str,
    start: int,
    sentences: Sequence[tuple[int, int]],
    expressions: Sequence[TimeExpression],
    lang: str = "fr",
) -> list[str]:
    """The dates of the nearest sentence of the same paragraph before the one at ``start``
    that dates its clauses (``sentences``: their offsets into ``text``, in order): the time a
    sentence with no date of its own goes on telling (``La journée du 5 juillet 1962 ne fut
    pas vécue … . À Oran, une fusillade éclate …``). A date that qualifies a noun (``le
    débarquement de 1830``) does not count."""
    rules = DateRules.load(lang)
    before = [s for s in sentences if s[1] <= start]
    end = start
    for first, last in reversed(before):
        if "\n" in text[first + len(text[first:last].rstrip()) : end]:
            break  # another paragraph (a sentence ends with the blanks after it)
        end = first
        dates = [
            dated[0]
            for expr in expressions
            if first <= expr.start < last
            and (dated := _event_grain(expr))
            and rules.dates_clause(normalise(text[first : expr.start]), expr.start - first)
        ]
        if dates:
            return dates
    return []


def _lead(evidence: Evidence, expressions: Sequence[TimeExpression]) -> int:
    """How many blanks the evidence sentence lost at its start (it is stored stripped)."""
    for expr in expressions:
        at = expr.start - evidence.start
        for lead in range(4):
            if (
                at >= lead
                and evidence.sentence[at - lead : at - lead + len(expr.text)] == expr.text
            ):
                return lead
    return 0


def _event_grain(expr: TimeExpression) -> tuple[str, str] | None:
    """An expression as an event date (day, month or year), or None when it gives none."""
    if expr.precision in {"day", "month", "year"}:
        return expr.value, expr.precision
    if expr.precision in {"week", "weekend"}:
        year, week = int(expr.value[:4]), int(expr.value[6:8])
        first = dt.date.fromisocalendar(year, week, 6 if expr.precision == "weekend" else 1)
        last = dt.date.fromisocalendar(year, week, 7)
        if first.month == last.month:
            return first.isoformat()[:7], "month"
        return (f"{first.year:04d}", "year") if first.year == last.year else None
    if expr.precision == "season" and expr.value[:4].isdigit() and not expr.value.endswith("WI"):
        return expr.value[:4], "year"
    return None


def date_lines(
    lines: Iterable[str], source: str = "<input>"
) -> Iterator[dict[str, Any] | Quarantined]:
    """``wirecoder dates``: JSON lines ``{"id", "lang", "base", "text"}`` → ``{"id", "dates":
    [{"text", "start", "end", "value"}]}``, offsets into ``text`` (in characters).

    ``lang`` defaults to French and ``base`` to none. A line that cannot be read comes out as a
    :class:`Quarantined` record with the reason, and the others go on.
    """
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Quarantined(where, f"not JSON ({exc})", source)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Quarantined(
                where, 'no "text" string: give {"id", "lang", "base", "text"}', source
            )
            continue
        name = str(record.get("id", where))
        base, lang = record.get("base"), record.get("lang") or "fr"
        if base is not None and not isinstance(base, str):
            yield Quarantined(name, f'"base" must be an ISO date string, not {base!r}', source)
            continue
        try:
            found = find_dates(record["text"], base, str(lang))
        except LexiconError as exc:
            yield Quarantined(name, str(exc), source)
            continue
        dates = [{"text": e.text, "start": e.start, "end": e.end, "value": e.value} for e in found]
        yield {"id": record.get("id"), "dates": dates}
