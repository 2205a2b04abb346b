"""Records ↔ rows: the columns a record is stored as in DuckDB, and the record built back.

One place knows how ``Article``, ``Dateline``, ``Event``, ``Actor`` and ``Place`` map to the
columns of ``articles``, ``events`` and ``event_sides`` (a nested record's fields prefixed by
its name: ``actor_country``, ``location_lat``), so the store's writes and every query read
them the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from wirecoder.records import Actor, Article, ArticleResult, Dateline, Event, Evidence, Place

if TYPE_CHECKING:
    import duckdb
    from _typeshed import DataclassInstance

__all__ = [
    "Row",
    "article_row",
    "build",
    "columns",
    "event_from_row",
    "event_row",
    "fetch_rows",
    "json_param",
    "result_from_row",
    "side_row",
]

Row = dict[str, Any]
R = TypeVar("R", bound="DataclassInstance")
_FETCH = 1000


def json_param(value: object) -> str:
    """A batch as one JSON parameter, read back in SQL with ``from_json``.

    One bound string instead of one per value: duckdb's Python client tries ``import pandas``
    for every bound value (~0.5 ms each without pandas). Apostrophes are written ``\\u0027``
    because ``from_json`` slows down quadratically on them (measured with duckdb 1.4.4).
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    text.encode("utf-8")  # a lone surrogate fails here (UnicodeEncodeError), not deep in duckdb
    return text.replace("'", "\\u0027")


def fetch_rows(cursor: duckdb.DuckDBPyConnection) -> Iterator[Row]:
    names = [column[0] for column in cursor.description or ()]
    for chunk in iter(lambda: cursor.fetchmany(_FETCH), []):
        for values in chunk:
            yield dict(zip(names, values, strict=True))


def columns(record: DataclassInstance | None, prefix: str = "", skip: tuple[str, ...] = ()) -> Row:
    """A record's plain fields as columns named ``prefix + field`` (tuples become lists)."""
    if record is None:
        return {}
    values = ((f.name, getattr(record, f.name)) for f in fields(record) if f.name not in skip)
    return {prefix + k: list(v) if isinstance(v, tuple) else v for k, v in values}


def build(cls: type[R], row: Row, prefix: str = "", **given: Any) -> R:
    """A record from the columns ``prefix + field`` of a row (lists become tuples)."""
    for f in fields(cls):
        if f.name not in given:
            value = row[prefix + f.name]
            given[f.name] = tuple(value) if isinstance(value, list) else value
    return cls(**given)


def _place(row: Row, prefix: str) -> Place | None:
    return None if row.get(prefix + "name") is None else build(Place, row, prefix)


def _actor(row: Row, side: str) -> Actor | None:
    return None if row.get(side + "_text") is None else build(Actor, row, side + "_")


def article_row(result: ArticleResult, digest: str) -> Row:
    dateline = result.dateline
    return {
        **columns(result.article),
        "content_hash": digest,
        "language": result.language,
        **columns(dateline, "dateline_", skip=("location",)),
        **columns(dateline.location, "dateline_location_"),
    }


def result_from_row(row: Row, events: tuple[Event, ...]) -> ArticleResult:
    location = _place(row, "dateline_location_")
    return ArticleResult(
        article=build(Article, row),
        language=row["language"],
        dateline=build(Dateline, row, "dateline_", location=location),
        events=events,
    )


def event_row(article_id: str, seq: int, event: Event) -> Row:
    return {
        **columns(event, skip=("actor", "recipient", "evidence", "location")),
        **columns(event.evidence),
        **columns(event.location, "location_"),
        **columns(event.actor, "actor_"),
        **columns(event.recipient, "recipient_"),
        "article_id": article_id,
        "seq": seq,
    }


def side_row(event_id: str, side: str, actor: Actor) -> Row:
    return {**columns(actor), "event_id": event_id, "side": side}


def event_from_row(row: Row) -> Event:
    """An ``Event`` from a row of ``events`` / ``events_flat`` (the one place that builds it)."""
    return build(
        Event,
        row,
        actor=_actor(row, "actor"),
        recipient=_actor(row, "recipient"),
        evidence=build(Evidence, row),
        location=_place(row, "location_"),
    )
