"""The SQL of the actor knowledge-base pass (:mod:`wirecoder.actors.knowledge_db`), and the
Arrow tables it registers to hand Python lists to DuckDB.

Every query that reads sides takes ``scoped``: when true it reads only the sides whose name is
in the registered table ``wirecoder_kb_scope`` (the names an incremental pass recomputes).
"""

from __future__ import annotations

from typing import Any

from wirecoder.records import KnownActor

__all__ = [
    "ARTICLE_NAMES",
    "ENTRIES",
    "FINGERPRINT",
    "GONE",
    "NAMES",
    "SEEN_TABLE",
    "SIDES",
    "STATE_TABLE",
    "UNSEEN",
    "VALUES",
    "Values",
    "bare_names_sql",
    "bare_sql",
    "column_table",
    "counts_table",
    "entries_table",
    "side_table",
    "sightings_sql",
    "values_table",
]

Values = tuple[str | None, str | None, tuple[str, ...], str | None]

SIDES = ("actor", "recipient")
VALUES = ("country", "igo", "sectors", "role")
_ARTICLE_DATE = "coalesce(a.dateline_date, a.date)"
_RESOLVED = "EXISTS (SELECT 1 FROM actor_resolutions r WHERE r.event_id = e.id AND r.side = '{s}')"
_IN_SCOPE = " AND e.{s}_name IN (SELECT name FROM wirecoder_kb_scope)"
# Bare names: a name and nothing else (no office, sectors or organisation).
_IS_BARE = (
    "e.{s}_name IS NOT NULL AND e.{s}_role IS NULL AND e.{s}_igo IS NULL AND len(e.{s}_sectors) = 0"
)


def _scope(side: str, scoped: bool) -> str:
    return _IN_SCOPE.format(s=side) if scoped else ""


def sightings_sql(scoped: bool) -> str:
    """Sides coded with a name, an office and a code, never resolved by the knowledge base,
    grouped."""
    return (
        "SELECT name, role, country, igo, sectors, list(DISTINCT article_id), min(day), max(day) "
        "FROM ("
        + " UNION ALL ".join(
            f"SELECT e.article_id, {_ARTICLE_DATE} AS day, e.{s}_name AS name, "
            f"e.{s}_role AS role, e.{s}_country AS country, e.{s}_igo AS igo, "
            f"e.{s}_sectors AS sectors FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.{s}_name IS NOT NULL AND e.{s}_role IS NOT NULL "
            f"AND (e.{s}_country IS NOT NULL OR e.{s}_igo IS NOT NULL) "
            f"AND NOT {_RESOLVED.format(s=s)}{_scope(s, scoped)}"
            for s in SIDES
        )
        + ") GROUP BY ALL"
    )


def bare_names_sql(scoped: bool) -> str:
    """The names given bare by some side."""
    return " UNION ".join(
        f"SELECT DISTINCT e.{s}_name FROM events e WHERE {_IS_BARE.format(s=s)}{_scope(s, scoped)}"
        for s in SIDES
    )


def bare_sql(scoped: bool) -> str:
    """Sides with a bare name the knowledge base knows (``wirecoder_kb_names``), or resolved
    before: their event, side, article, date, name and whether resolved before; their values as
    coded (from actor_resolutions when resolved before), then as they are."""
    return " UNION ALL ".join(
        f"SELECT e.id, '{s}', e.article_id, {_ARTICLE_DATE}, e.{s}_name, "
        "r.event_id IS NOT NULL, "
        + ", ".join(f"CASE WHEN r.event_id IS NULL THEN e.{s}_{v} ELSE r.{v} END" for v in VALUES)
        + f", e.{s}_country, e.{s}_igo, e.{s}_sectors, e.{s}_role "
        f"FROM events e JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN actor_resolutions r ON r.event_id = e.id AND r.side = '{s}' "
        f"WHERE (r.event_id IS NOT NULL OR ({_IS_BARE.format(s=s)} "
        f"AND e.{s}_name IN (SELECT name FROM wirecoder_kb_names))){_scope(s, scoped)}"
        for s in SIDES
    )


# What the last pass saw (articles by id and content, the user's entries): the same again
# means nothing to learn or resolve.
STATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS knowledge_state (fingerprint VARCHAR NOT NULL, "
    "learned INTEGER NOT NULL, users INTEGER NOT NULL, resolved INTEGER NOT NULL, "
    "changed INTEGER NOT NULL)"
)
FINGERPRINT = (
    "SELECT (SELECT count(*) || ':' || coalesce(sum(hash(id, content_hash)), 0) FROM articles)"
    " || '/' || (SELECT count(*) || ':' || coalesce(sum(hash(name, country, igo, sectors, role, "
    "first_seen, last_seen, articles)), 0) FROM known_actors WHERE source = 'user')"
)
# Each article the last pass saw, as it was (its content hash), the names its sides give, and
# how many of its sides the knowledge base resolved: what an incremental pass starts from.
SEEN_TABLE = (
    "CREATE TABLE IF NOT EXISTS knowledge_seen (article_id VARCHAR NOT NULL, "
    "content_hash VARCHAR NOT NULL, names VARCHAR[] NOT NULL, resolved INTEGER NOT NULL)"
)
UNSEEN = (
    "NOT EXISTS (SELECT 1 FROM knowledge_seen s WHERE s.article_id = a.id "
    "AND s.content_hash = a.content_hash)"
)
# Articles (every one, or those the last pass did not see: ``{where}``) with their side names.
ARTICLE_NAMES = (
    "SELECT a.id, a.content_hash, coalesce(list(DISTINCT n.name) FILTER (n.name IS NOT NULL), "
    "[]::VARCHAR[]) FROM articles a LEFT JOIN (SELECT article_id, actor_name AS name FROM events "
    "UNION ALL SELECT article_id, recipient_name FROM events) n ON n.article_id = a.id "
    "WHERE {where} GROUP BY a.id, a.content_hash"
)
# Articles the last pass saw that are gone or were rewritten since.
GONE = (
    "SELECT s.article_id, s.content_hash, s.names FROM knowledge_seen s WHERE NOT EXISTS "
    "(SELECT 1 FROM articles a WHERE a.id = s.article_id AND a.content_hash = s.content_hash)"
)
NAMES = (
    "SELECT DISTINCT name FROM (SELECT actor_name AS name FROM events UNION ALL "
    "SELECT recipient_name FROM events) WHERE name IS NOT NULL"
)
ENTRIES = (
    "SELECT name, country, igo, sectors, role, first_seen, last_seen, articles, source "
    "FROM known_actors"
)


def side_table(rows: list[tuple[str, str]]) -> Any:
    import pyarrow as pa

    return pa.table({"event_id": [r[0] for r in rows], "side": [r[1] for r in rows]})


def values_table(rows: list[tuple[str, str, Values]]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "event_id": pa.array([r[0] for r in rows], pa.string()),
            "side": pa.array([r[1] for r in rows], pa.string()),
            "country": pa.array([r[2][0] for r in rows], pa.string()),
            "igo": pa.array([r[2][1] for r in rows], pa.string()),
            "sectors": pa.array([list(r[2][2]) for r in rows], pa.list_(pa.string())),
            "role": pa.array([r[2][3] for r in rows], pa.string()),
        }
    )


def column_table(name: str, values: list[str]) -> Any:
    import pyarrow as pa

    return pa.table({name: pa.array(values, pa.string())})


def counts_table(counts: dict[str, int]) -> Any:
    """Article id → a number of sides, as a table (``article_id``, ``n``)."""
    import pyarrow as pa

    return pa.table(
        {
            "article_id": pa.array(list(counts), pa.string()),
            "n": pa.array(list(counts.values()), pa.int32()),
        }
    )


def entries_table(found: list[KnownActor]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "name": pa.array([e.name for e in found], pa.string()),
            "country": pa.array([e.country for e in found], pa.string()),
            "igo": pa.array([e.igo for e in found], pa.string()),
            "sectors": pa.array([list(e.sectors) for e in found], pa.list_(pa.string())),
            "role": pa.array([e.role for e in found], pa.string()),
            "first_seen": pa.array([e.first_seen for e in found], pa.string()),
            "last_seen": pa.array([e.last_seen for e in found], pa.string()),
            "articles": pa.array([e.articles for e in found], pa.int32()),
            "source": pa.array([e.source for e in found], pa.string()),
        }
    )
