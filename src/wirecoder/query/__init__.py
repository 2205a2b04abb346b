"""Read queries over a store: what the CLI, the HTTP API and the dashboard all call.

Every function takes an open ``Store`` (read-only is enough), runs set-based SQL through a
cursor of its own with bound parameters only, and returns frozen records::

    search_events(store, EventFilter(actor=, recipient=, type=, since=, until=, q=),
                  limit=, offset=, sort=, descending=) -> EventPage
    event_detail(store, event_id) -> EventDetail      # the event, its article, its siblings
    dyad(store, a, b, by="month", unit=) -> DyadSeries   # per period, both directions
    top_dyads(store, limit=, unit=) -> tuple[DyadCount, ...]
    actors(store, q=None, limit=, offset=, unit=) -> ActorList
    actor(store, name, limit=, unit=) -> ActorProfile    # roles over time, events on each side
    stats(store, unit=) -> Stats
    map_points(store, EventFilter(...), limit=, unit=) -> tuple[MapPoint, ...]

Counts and series count real-world events: ``unit="clusters"`` (the default) counts each
cluster of mentions that ``wirecoder.dedup`` folded together once — two agencies reporting one
meeting make one event — and ``unit="mentions"`` counts every article's mention. Event lists
(``search_events``, an event's siblings, an actor's events) list mentions, each with its
article: the per-article record stays queryable.

Side codes (``actor``, ``recipient``, dyad ``a``/``b``) match a side's country or IGO code.
Counts by period, place, type or QuadClass leave out negated events ("n'a pas rencontré" is
not a meeting); event lists and actor counts include them, flagged ``negated``. Errors::

    QueryError (ValueError)   a parameter the query cannot use; the message says what to pass
    └── NotFound              no event or actor with that id or name
"""

from __future__ import annotations

from wirecoder.query._sql import (
    MAX_LIMIT,
    SORTS,
    UNITS,
    EventPage,
    NotFound,
    QuadCounts,
    QueryError,
    Sort,
    SortKey,
    Unit,
)
from wirecoder.query.actors import (
    ActorList,
    ActorProfile,
    ActorSummary,
    Partner,
    RoleSpan,
    actor,
    actors,
)
from wirecoder.query.dyads import BYS, By, DyadCount, DyadPeriod, DyadSeries, dyad, top_dyads
from wirecoder.query.events import (
    ArticleInfo,
    EventDetail,
    MapPoint,
    Stats,
    event_detail,
    map_points,
    search_events,
    stats,
)
from wirecoder.records import EventFilter

__all__ = [
    "BYS",
    "MAX_LIMIT",
    "SORTS",
    "UNITS",
    "ActorList",
    "ActorProfile",
    "ActorSummary",
    "ArticleInfo",
    "By",
    "DyadCount",
    "DyadPeriod",
    "DyadSeries",
    "EventDetail",
    "EventFilter",
    "EventPage",
    "MapPoint",
    "NotFound",
    "Partner",
    "QuadCounts",
    "QueryError",
    "RoleSpan",
    "Sort",
    "SortKey",
    "Stats",
    "Unit",
    "actor",
    "actors",
    "dyad",
    "event_detail",
    "map_points",
    "search_events",
    "stats",
    "top_dyads",
]
