"""Event dates, relative to the dateline (first cut: the dispatch's own day).

An event reported in the dispatch takes the dateline date (else the article date); background
acts in the pluperfect (``avait toujours soutenu``) are undated, as the gold conventions ask.
Time expressions inside the event's own clause are the next step (issue: when and where).
"""

from __future__ import annotations

from wirecoder.records import Dateline, Event


def precision(date: str | None) -> str | None:
    if date is None:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


def event_date(event: Event, dateline: Dateline) -> tuple[str | None, str | None]:
    """The (date, precision) of an event."""
    if event.aux_mode == "historical":
        return None, None
    return dateline.date, precision(dateline.date)
