"""Actors: the names and codes that appear as event sides, and one actor's profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wirecoder.query._sql import (
    EventPage,
    NotFound,
    Unit,
    check_text,
    check_window,
    clustered,
    counter,
    cursor,
    flat_sides,
    page,
    rows,
)
from wirecoder.store import Store

__all__ = ["ActorList", "ActorProfile", "ActorSummary", "Partner", "RoleSpan", "actor", "actors"]

Kind = Literal["name", "code"]
# Each side once under its proper name (a person, an organisation) and once under its code.
_KEYED = (
    "SELECT name AS key, 'name' AS kind, side, country, igo, event_id FROM event_sides "
    "WHERE name IS NOT NULL UNION ALL "
    "SELECT coalesce(country, igo), 'code', side, country, igo, event_id FROM event_sides "
    "WHERE coalesce(country, igo) IS NOT NULL"
)
_CLUSTERS = " LEFT JOIN event_clusters c ON c.event_id = {}.event_id"


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """A name or code seen as an event side, and in how many events (negated ones included):
    real-world events (clusters) unless counted by mention."""

    name: str
    kind: Kind  # "name": a proper name; "code": a country or IGO code
    country: str | None  # the code it most often acts for
    igo: str | None
    events: int
    as_actor: int
    as_recipient: int


@dataclass(frozen=True, slots=True)
class ActorList:
    """One page of actors matching a search, most events first, and their total."""

    actors: tuple[ActorSummary, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A role (office) the actor was seen in, for which side, and between which dates."""

    role: str | None
    code: str | None
    first_date: str | None
    last_date: str | None
    events: int


@dataclass(frozen=True, slots=True)
class Partner:
    """A side code found opposite the actor, with how many events."""

    code: str
    events: int


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """An actor's roles over time, its partners, and its events on each side (latest first)."""

    summary: ActorSummary
    roles: tuple[RoleSpan, ...]
    partners: tuple[Partner, ...]
    as_actor: EventPage
    as_recipient: EventPage


def _on_side(
    side: Literal["actor", "recipient"], kind: Kind, name: str, flat: bool
) -> tuple[list[str], list[object]]:
    """SQL over ``events e``: its ``side`` is the actor called ``name``; and the parameters."""
    if flat:
        if kind == "name":
            return [f"e.{side}_name = ?"], [name]
        return [f"(e.{side}_country = ? OR e.{side}_igo = ?)"], [name, name]
    match = "s.name = ?" if kind == "name" else "(s.country = ? OR s.igo = ?)"
    return (
        [f"e.id IN (SELECT s.event_id FROM event_sides s WHERE s.side = '{side}' AND {match})"],
        [name] if kind == "name" else [name, name],
    )


def actors(
    store: Store,
    q: str | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    unit: Unit = "clusters",
) -> ActorList:
    """Names and codes of event sides containing ``q`` (ignoring case), most events first;
    events are counted as clusters, or with ``unit="mentions"`` one per article's mention."""
    limit = check_window(limit, offset)
    text = check_text("q", q).lower() if q is not None and q.strip() else ""
    with cursor(store) as cur:
        clusters = clustered(cur, unit)
        count = counter("k.event_id", clusters)
        joined = _CLUSTERS.format("k") if clusters else ""
        found = rows(
            cur,
            f"WITH found AS (SELECT key, kind, {count} AS events, "
            f"{count} FILTER (side = 'actor') AS as_actor, "
            f"{count} FILTER (side = 'recipient') AS as_recipient, "
            f"mode(country) AS country, mode(igo) AS igo FROM ({_KEYED}) k{joined} "
            "WHERE contains(lower(key), ?) GROUP BY key, kind) "
            "SELECT *, count(*) OVER () AS total FROM found "
            "ORDER BY events DESC, key, kind LIMIT ? OFFSET ?",
            [text, limit, offset],
        )
        if found:
            total = found[0]["total"]
        else:
            counted = cur.execute(
                f"SELECT count(DISTINCT (key, kind)) FROM ({_KEYED}) WHERE contains(lower(key), ?)",
                [text],
            ).fetchone()
            total = int(counted[0]) if counted else 0
    summaries = tuple(
        ActorSummary(
            name=row["key"],
            kind=row["kind"],
            country=row["country"],
            igo=row["igo"],
            events=row["events"],
            as_actor=row["as_actor"],
            as_recipient=row["as_recipient"],
        )
        for row in found
    )
    return ActorList(summaries, total, limit, offset)


def actor(store: Store, name: str, *, limit: int = 50, unit: Unit = "clusters") -> ActorProfile:
    """The profile of a proper name (``Ali Alizadé``) or else a side code (``AZE``, ``NATO``).

    Its counts (summary, roles, partners) count real-world events (clusters), or with
    ``unit="mentions"`` every article's mention; its event lists are mentions, latest first.
    ``NotFound`` if no event side has that name or code.
    """
    name = check_text("name", name)
    limit = check_window(limit, 0)
    with cursor(store) as cur:
        clusters = clustered(cur, unit)
        count = counter("s.event_id", clusters)
        joined = _CLUSTERS.format("s") if clusters else ""
        named = cur.execute("SELECT count(*) FROM event_sides WHERE name = ?", [name]).fetchone()
        kind: Kind = "name" if named and named[0] else "code"
        match, params = (
            ("s.name = ?", [name])
            if kind == "name"
            else ("(s.country = ? OR s.igo = ?)", [name, name])
        )
        (summary,) = rows(
            cur,
            f"SELECT {count} AS events, {count} FILTER (s.side = 'actor') AS as_actor, "
            f"{count} FILTER (s.side = 'recipient') AS as_recipient, "
            f"mode(s.country) AS country, mode(s.igo) AS igo FROM event_sides s{joined} "
            f"WHERE {match}",
            params,
        )
        if not summary["events"]:
            raise NotFound(f"no actor {name!r}: search for one with /api/actors?q=")
        roles = cur.execute(
            "SELECT s.role, coalesce(s.country, s.igo) AS code, min(e.date) AS first, "
            f"max(e.date) AS last, {count} AS n FROM event_sides s JOIN events e "
            f"ON e.id = s.event_id{joined} WHERE {match} GROUP BY ALL "
            "ORDER BY first NULLS LAST, n DESC, s.role NULLS LAST, code LIMIT 100",
            params,
        ).fetchall()
        partners = cur.execute(
            f"SELECT coalesce(o.country, o.igo) AS code, {count} AS n FROM event_sides s "
            f"JOIN event_sides o ON o.event_id = s.event_id AND o.side <> s.side{joined} "
            f"WHERE {match} AND coalesce(o.country, o.igo) IS NOT NULL "
            "GROUP BY code ORDER BY n DESC, code LIMIT 20",
            params,
        ).fetchall()
        flat = flat_sides(cur)
        sides = [
            page(
                cur,
                *_on_side(side, kind, name, flat),
                flat=flat,
                limit=limit,
                offset=0,
                descending=True,
            )
            for side in ("actor", "recipient")
        ]
    return ActorProfile(
        summary=ActorSummary(name=name, kind=kind, **summary),
        roles=tuple(RoleSpan(*row) for row in roles),
        partners=tuple(Partner(*row) for row in partners),
        as_actor=sides[0],
        as_recipient=sides[1],
    )
