"""What every query shares: errors, parameter checks, event filters, rows → records, paging.

Only constants (column names, sort keys, period units) are ever formatted into SQL; every value
from a caller is a bound ``?`` parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

import duckdb

from wirecoder.records import EVENT_TYPES, Event, EventFilter
from wirecoder.store import Store
from wirecoder.store_rows import event_from_row

MAX_LIMIT = 1000
# What a count counts: real-world events (``wirecoder.dedup`` clusters: one meeting reported by
# three sources counts once) or mentions (one per article that reports it).
Unit = Literal["clusters", "mentions"]
UNITS: tuple[str, ...] = ("clusters", "mentions")
Sort = Literal["date", "type", "actor", "recipient", "goldstein", "location", "confidence"]
# Sort key → SQL over ``events e``; a side's code comes from the joined ``event_sides k``.


class SortKey(StrEnum):
    """What the events are sorted by (then by date and place in the text)."""

    date = "date"
    type = "type"
    actor = "actor"
    recipient = "recipient"
    goldstein = "goldstein"
    location = "location"
    confidence = "confidence"


SORTS: dict[str, str] = {
    "date": "e.date",
    "type": "e.type",
    "actor": "k.code",
    "recipient": "k.code",
    "goldstein": "e.goldstein",
    "location": "e.location_name",
    "confidence": "e.confidence",
}
ORDER = "e.date, e.article_id, e.start, e.seq, e.id"  # the store's order: date, then text
_SIDE_COLUMNS = ("text", "name", "country", "igo", "sectors", "role", "start", "end")
_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
MAX_TEXT = 200
# An event's date as a DATE: a month-precision date counts on the 1st, a year on 1 January.
DAY = (
    "try_cast(CASE length(e.date) WHEN 4 THEN e.date || '-01-01' "
    "WHEN 7 THEN e.date || '-01' ELSE e.date END AS DATE)"
)


class QueryError(ValueError):
    """A query parameter that cannot be used; the message says which and what is expected."""


class NotFound(QueryError):
    """No stored event or actor with the id or name asked for."""


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of matching events, and how many match in all."""

    events: tuple[Event, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class QuadCounts:
    """Event counts by QuadClass (1 verbal cooperation … 4 material conflict)."""

    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0

    def values(self) -> tuple[int, int, int, int]:
        return (
            self.verbal_cooperation,
            self.material_cooperation,
            self.verbal_conflict,
            self.material_conflict,
        )


# Non-negated events of each QuadClass, as columns q1 … q4 of an aggregate over ``events e``.
QUAD_SQL = ", ".join(
    f"count(*) FILTER (NOT e.negated AND e.quad_class = {n}) AS q{n}" for n in (1, 2, 3, 4)
)


@contextmanager
def cursor(store: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor on the store, closed afterwards; DuckDB errors become ``QueryError``."""
    with closing(store.cursor()) as cur:
        try:
            yield cur
        except duckdb.Error as exc:  # a value DuckDB refuses, e.g. text it cannot compare
            text = str(exc).strip()
            first = text.splitlines()[0] if text else type(exc).__name__
            raise QueryError(f"the query failed: {first}") from exc


def rows(cur: duckdb.DuckDBPyConnection, sql: str, params: object = ()) -> list[dict[str, Any]]:
    """All result rows of ``sql`` as dicts keyed by column name."""
    result = cur.execute(sql, params)
    names = [column[0] for column in result.description or ()]
    return [dict(zip(names, values, strict=True)) for values in result.fetchall()]


def check_text(name: str, value: str, *, longest: int = MAX_TEXT) -> str:
    """``value`` stripped; ``QueryError`` if empty, too long, or holding a NUL character."""
    value = value.strip()
    if not value or len(value) > longest or "\x00" in value:
        raise QueryError(f"{name} must be 1 to {longest} printable characters, got {value!r}")
    return value


def check_code(name: str, value: str | None) -> str | None:
    """A side code (country or IGO), stripped; ``QueryError`` if empty or too long."""
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > 32 or "\x00" in value:
        raise QueryError(f"{name} must be a country or IGO code like AZE or NATO, got {value!r}")
    return value


def check_date(name: str, value: str | None) -> str | None:
    """An ISO date, year-month or year, or ``QueryError`` saying so."""
    if value is None:
        return None
    if not _ISO_DATE.fullmatch(value):
        raise QueryError(f"{name} must be an ISO date (2021-02-10, 2021-02 or 2021), got {value!r}")
    return value


def check_window(limit: int, offset: int) -> int:
    """The limit capped at ``MAX_LIMIT``; ``QueryError`` if either is negative."""
    if limit < 0 or offset < 0:
        raise QueryError(f"limit and offset must be 0 or more, got {limit} and {offset}")
    return min(limit, MAX_LIMIT)


def check_unit(unit: str) -> Unit:
    """``clusters`` or ``mentions``, or ``QueryError`` saying so."""
    if unit == "clusters":
        return "clusters"
    if unit == "mentions":
        return "mentions"
    raise QueryError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")


def clustered(cur: duckdb.DuckDBPyConnection, unit: str) -> bool:
    """Whether to count clusters: ``unit`` is ``clusters`` and the store has ``event_clusters``
    (a store without it has not been deduplicated: every mention is its own cluster)."""
    if check_unit(unit) == "mentions":
        return False
    found = cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_name = 'event_clusters'"
    ).fetchone()
    return bool(found and found[0])


def units(relation: str, condition: str, clusters: bool) -> str:
    """SQL: a subquery of the rows of ``relation`` (aliased ``e``, with the columns of
    ``events``) that match ``condition``: with ``clusters``, one per cluster — its first
    matching mention in the store's order — else every one."""
    if not clusters:
        return f"(SELECT e.* FROM {relation} WHERE {condition})"
    return (
        f"(SELECT e.* FROM {relation} LEFT JOIN event_clusters c ON c.event_id = e.id "
        f"WHERE {condition} QUALIFY row_number() OVER "
        f"(PARTITION BY coalesce(c.cluster_id, e.id) ORDER BY {ORDER}) = 1)"
    )


def counter(event_id: str, clusters: bool) -> str:
    """SQL: the aggregate that counts the rows' events (column ``event_id``) as clusters (the
    rows must be joined to ``event_clusters c``) or as rows."""
    return f"count(DISTINCT coalesce(c.cluster_id, {event_id}))" if clusters else "count(*)"


def flat_sides(cur: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``events`` also holds both sides as columns (``actor_text`` … ``recipient_end``).

    Stores written before that layout keep the sides in ``event_sides`` only; every query
    here reads either, and reads the columns when they are there (one table, no join).
    """
    found = cur.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'main' "
        "AND table_name = 'events' AND column_name = 'actor_text'"
    ).fetchone()
    return bool(found and found[0])


def side_filter(side: Literal["actor", "recipient"], flat: bool) -> str:
    """SQL: event ``e`` has a ``side`` whose country or IGO code is the next two parameters."""
    if flat:
        return f"(e.{side}_country = ? OR e.{side}_igo = ?)"
    return (
        f"e.id IN (SELECT event_id FROM event_sides WHERE side = '{side}' "
        "AND (country = ? OR igo = ?))"
    )


def event_filters(flat: bool, filters: EventFilter) -> tuple[list[str], list[object]]:
    """Checked filters as SQL conditions over ``events e``, and their bound parameters.

    ``flat``: the store's layout (``flat_sides``).
    """
    where: list[str] = []
    params: list[object] = []
    if (code := check_code("actor", filters.actor)) is not None:
        where.append(side_filter("actor", flat))
        params += [code, code]
    if (code := check_code("recipient", filters.recipient)) is not None:
        where.append(side_filter("recipient", flat))
        params += [code, code]
    if (kind := filters.type) is not None:
        if kind.strip().upper() not in EVENT_TYPES:
            raise QueryError(
                f"type must be a PLOVER event type ({', '.join(EVENT_TYPES)}): {kind!r}"
            )
        where.append("e.type = ?")
        params.append(kind.strip().upper())
    if check_date("since", filters.since) is not None:
        where.append("e.date >= ?")
        params.append(filters.since)
    if check_date("until", filters.until) is not None:
        where.append("(e.date <= ? OR starts_with(e.date, ?))")
        params += [filters.until, filters.until]
    if filters.q is not None and filters.q.strip():
        text = check_text("q", filters.q).lower()
        if flat:
            columns = [f"e.{s}_{c}" for s in ("actor", "recipient") for c in ("text", "name")]
            where.append(
                "(contains(lower(e.sentence), ?) OR "
                + " OR ".join(f"contains(lower({c}), ?)" for c in columns)
                + ")"
            )
            params += [text] * (1 + len(columns))
        else:
            where.append(
                "(contains(lower(e.sentence), ?) OR e.id IN (SELECT event_id FROM event_sides "
                "WHERE contains(lower(text), ?) OR contains(lower(name), ?)))"
            )
            params += [text, text, text]
    return where, params


def page(
    cur: duckdb.DuckDBPyConnection,
    where: list[str],
    params: list[object],
    *,
    flat: bool,
    limit: int,
    offset: int,
    sort: str = "date",
    descending: bool = False,
) -> EventPage:
    """The events matching ``where`` (SQL over ``events e``): their total and one sorted page.

    The page is chosen on ``events`` alone (plus one side's code when sorting by a side, from
    ``event_sides`` in the older layout), and only its events are then read in full.
    """
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    limit = check_window(limit, offset)
    condition = " AND ".join(where) if where else "TRUE"
    counted = cur.execute(f"SELECT count(*) FROM events e WHERE {condition}", params).fetchone()
    total = int(counted[0]) if counted else 0
    if limit == 0 or offset >= total:
        return EventPage((), total, limit, offset)
    source = "events e"
    key = SORTS[sort]
    if sort in ("actor", "recipient"):
        side: Literal["actor", "recipient"] = "actor" if sort == "actor" else "recipient"
        if flat:
            key = f"coalesce(e.{side}_country, e.{side}_igo)"
        else:
            source += (
                " LEFT JOIN (SELECT event_id, coalesce(country, igo) AS code FROM event_sides "
                f"WHERE side = '{side}') k ON k.event_id = e.id"
            )
    direction = "DESC" if descending else "ASC"
    ids = [
        event_id
        for (event_id,) in cur.execute(
            f"SELECT e.id FROM {source} WHERE {condition} "
            f"ORDER BY {key} {direction} NULLS LAST, {ORDER} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    ]
    return EventPage(fetch(cur, ids, flat), total, limit, offset)


def fetch(cur: duckdb.DuckDBPyConnection, ids: list[str], flat: bool) -> tuple[Event, ...]:
    """The events with these ids, with their sides, in the order of ``ids``.

    One lookup by id in ``events``, and in the older layout one in ``event_sides``: no join,
    so each can use an index on its id column.
    """
    if not ids:
        return ()
    found = {
        row["id"]: row
        for row in rows(
            cur, "SELECT * FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
    }
    if not flat:
        for side in rows(
            cur,
            "SELECT * FROM event_sides WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ):
            row = found[side["event_id"]]
            row.update({f"{side['side']}_{c}": side[c] for c in _SIDE_COLUMNS})
    return tuple(event_from_row(found[i]) for i in ids if i in found)
