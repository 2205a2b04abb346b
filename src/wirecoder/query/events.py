"""Event search, one event with its article, map points and corpus statistics."""

from __future__ import annotations

from dataclasses import dataclass

from wirecoder.query._sql import (
    QUAD_SQL,
    EventPage,
    NotFound,
    QuadCounts,
    Sort,
    Unit,
    check_window,
    clustered,
    cursor,
    event_filters,
    fetch,
    flat_sides,
    page,
    rows,
    units,
)
from wirecoder.records import Event, EventFilter
from wirecoder.store import Store

__all__ = [
    "ArticleInfo",
    "EventDetail",
    "MapPoint",
    "Stats",
    "event_detail",
    "map_points",
    "search_events",
    "stats",
]


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """The article an event was coded from (without its text)."""

    id: str
    language: str
    title: str | None
    date: str | None
    url: str | None
    source: str | None
    dateline_place: str | None
    dateline_date: str | None
    dateline_agency: str | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event, its article, and the article's other events in text order."""

    event: Event
    article: ArticleInfo
    others: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A located place with the number of (non-negated) matching events there."""

    name: str
    country: str | None
    lat: float
    lon: float
    events: int


@dataclass(frozen=True, slots=True)
class Stats:
    """What the store holds: counts, date range, events by type and QuadClass."""

    articles: int
    events: int  # real-world events (clusters), or mentions when counted by mention
    quarantined: int
    negated: int
    dated: int
    located: int
    first_date: str | None
    last_date: str | None
    by_type: dict[str, int]
    by_quad_class: QuadCounts
    languages: dict[str, int]
    mentions: int = 0  # every article's mention of an event, however counted above


def search_events(
    store: Store,
    filters: EventFilter | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: Sort = "date",
    descending: bool = False,
) -> EventPage:
    """Events matching every filter given: one sorted page of them, and their total.

    ``actor``/``recipient`` match a side's country or IGO code; ``since``/``until`` are
    inclusive ISO dates (``until="2021-02"`` keeps all of February) and an event without a date
    matches no date filter; ``q`` matches, ignoring case, anywhere in the evidence sentence or a
    side's text or name. ``limit`` is capped at ``MAX_LIMIT``; negated events are included.
    """
    with cursor(store) as cur:
        flat = flat_sides(cur)
        where, params = event_filters(flat, filters or EventFilter())
        return page(
            cur,
            where,
            params,
            flat=flat,
            limit=limit,
            offset=offset,
            sort=sort,
            descending=descending,
        )


def event_detail(store: Store, event_id: str) -> EventDetail:
    """One event by id, its article, and the article's other events; ``NotFound`` if unknown."""
    with cursor(store) as cur:
        found = rows(
            cur,
            "SELECT a.id, a.language, a.title, a.date, a.url, a.source, a.dateline_place, "
            "a.dateline_date, a.dateline_agency, list(e.id ORDER BY e.start, e.seq, e.id) AS ids "
            "FROM articles a JOIN events e ON e.article_id = a.id "
            "WHERE a.id = (SELECT article_id FROM events WHERE id = ?) GROUP BY ALL",
            [event_id],
        )
        if not found:
            raise NotFound(f"no event {event_id!r}: take an id from /api/events")
        ids = found[0].pop("ids")
        events = fetch(cur, ids, flat_sides(cur))
    return EventDetail(
        event=next(e for e in events if e.id == event_id),
        article=ArticleInfo(**found[0]),
        others=tuple(e for e in events if e.id != event_id),
    )


def map_points(
    store: Store,
    filters: EventFilter | None = None,
    *,
    limit: int = 1000,
    unit: Unit = "clusters",
) -> tuple[MapPoint, ...]:
    """Places of the matching non-negated events that have coordinates, most events first.

    A real-world event counts once, at its first mention's place (``unit="mentions"``: each
    article's mention counts)."""
    limit = check_window(limit, 0)
    with cursor(store) as cur:
        where, params = event_filters(flat_sides(cur), filters or EventFilter())
        where += ["NOT e.negated", "e.location_lat IS NOT NULL", "e.location_lon IS NOT NULL"]
        chosen = units("events e", " AND ".join(where), clustered(cur, unit))
        found = cur.execute(
            "SELECT e.location_name, e.location_country, e.location_lat, e.location_lon, "
            f"count(*) AS n FROM {chosen} e "
            "GROUP BY ALL ORDER BY n DESC, e.location_name, e.location_lat, e.location_lon "
            "LIMIT ?",
            [*params, limit],
        ).fetchall()
    return tuple(MapPoint(name, country, lat, lon, n) for name, country, lat, lon, n in found)


def stats(store: Store, *, unit: Unit = "clusters") -> Stats:
    """Counts of articles, events and quarantined records; date range; events by type.

    Events are real-world events (clusters: one per event however many articles report it)
    unless ``unit="mentions"``; ``mentions`` is always the number of stored mentions."""
    with cursor(store) as cur:  # not store.stats(): the store's own connection is not shared
        chosen = units("events e", "TRUE", clustered(cur, unit))
        (row,) = rows(
            cur,
            "SELECT (SELECT count(*) FROM articles) AS articles, count(*) AS events, "
            "(SELECT count(*) FROM quarantine) AS quarantined, "
            "count(*) FILTER (e.negated) AS negated, "
            "count(*) FILTER (e.date IS NOT NULL) AS dated, "
            "count(*) FILTER (e.location_lat IS NOT NULL) AS located, "
            f"min(e.date) AS first_date, max(e.date) AS last_date, {QUAD_SQL}, "
            "(SELECT count(*) FROM events) AS mentions "
            f"FROM {chosen} e",
        )
        by_type = cur.execute(
            f"SELECT e.type, count(*) AS n FROM {chosen} e WHERE NOT e.negated GROUP BY e.type "
            "ORDER BY n DESC, e.type"
        ).fetchall()
        languages = cur.execute(
            "SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC"
        ).fetchall()
    return Stats(
        articles=row["articles"],
        events=row["events"],
        mentions=row["mentions"],
        quarantined=row["quarantined"],
        negated=row["negated"],
        dated=row["dated"],
        located=row["located"],
        first_date=row["first_date"],
        last_date=row["last_date"],
        by_type=dict(by_type),
        by_quad_class=QuadCounts(row["q1"], row["q2"], row["q3"], row["q4"]),
        languages=dict(languages),
    )
