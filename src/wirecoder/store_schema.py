"""The store's tables, as DuckDB DDL, and the migration of stores written by older versions.

``articles`` (one row per article, its text and a content hash), ``events`` (one row per
event, both sides as columns), ``event_sides`` (the same sides, a row each), ``quarantine``,
``event_clusters`` (filled by :mod:`wirecoder.dedup`), ``known_actors`` and
``actor_resolutions`` (filled by :mod:`wirecoder.actors.knowledge_db`, which also keeps its
``knowledge_state`` and ``knowledge_seen``), and the view ``events_flat`` that queries read.
"""

from __future__ import annotations

__all__ = ["MIGRATE", "SCHEMA", "SIDES", "SIDE_COLUMNS", "TABLES"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, language VARCHAR NOT NULL,
    title VARCHAR, date VARCHAR, url VARCHAR, source VARCHAR, lang VARCHAR,
    dateline_place VARCHAR, dateline_date VARCHAR, dateline_agency VARCHAR,
    dateline_body_start INTEGER NOT NULL,
    dateline_location_name VARCHAR, dateline_location_country VARCHAR,
    dateline_location_lat DOUBLE, dateline_location_lon DOUBLE,
    dateline_location_geonames_id BIGINT,
    text VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
    type VARCHAR NOT NULL, mode VARCHAR, contexts VARCHAR[] NOT NULL, aux_mode VARCHAR,
    negated BOOLEAN NOT NULL, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    date VARCHAR, date_precision VARCHAR,
    location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_geonames_id BIGINT,
    sentence VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    trigger VARCHAR NOT NULL, confidence DOUBLE NOT NULL,
    {sides}
);
CREATE TABLE IF NOT EXISTS event_sides (
    event_id VARCHAR NOT NULL, side VARCHAR NOT NULL CHECK (side IN ('actor', 'recipient')),
    text VARCHAR NOT NULL, name VARCHAR, country VARCHAR, igo VARCHAR,
    sectors VARCHAR[] NOT NULL, role VARCHAR, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (event_id, side)
);
CREATE TABLE IF NOT EXISTS quarantine (
    record VARCHAR NOT NULL, reason VARCHAR NOT NULL, source VARCHAR,
    first_seen TIMESTAMP NOT NULL, PRIMARY KEY (record, reason)
);
CREATE TABLE IF NOT EXISTS event_clusters (
    event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS known_actors (
    name VARCHAR NOT NULL, country VARCHAR, igo VARCHAR, sectors VARCHAR[] NOT NULL,
    role VARCHAR, first_seen VARCHAR, last_seen VARCHAR, articles INTEGER NOT NULL,
    source VARCHAR NOT NULL CHECK (source IN ('learned', 'user'))
);
CREATE TABLE IF NOT EXISTS actor_resolutions (
    event_id VARCHAR NOT NULL, side VARCHAR NOT NULL, country VARCHAR, igo VARCHAR,
    sectors VARCHAR[] NOT NULL, role VARCHAR, PRIMARY KEY (event_id, side)
);
CREATE VIEW IF NOT EXISTS events_flat AS SELECT * FROM events;
"""
# Both sides of an event are also columns of ``events`` (``actor_text`` … ``recipient_end``), so
# that filters and pages over a million events read one table (``event_sides``, the same values
# a row per side, is joined by nothing the store runs; it serves queries by actor).
SIDE_COLUMNS = (
    ("text", "VARCHAR"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("igo", "VARCHAR"),
    ("sectors", "VARCHAR[]"),
    ("role", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
)
SIDES = [(f"{s}_{name}", kind) for s in ("actor", "recipient") for name, kind in SIDE_COLUMNS]
SCHEMA = SCHEMA.replace("{sides}", ", ".join(f"{name} {kind}" for name, kind in SIDES))
# A store written before the sides were columns of ``events`` gets them on opening for writing.
MIGRATE = [
    *(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {kind}" for name, kind in SIDES),
    *(
        "UPDATE events SET "
        + ", ".join(f'{side}_{name} = s."{name}"' for name, _ in SIDE_COLUMNS)
        + f" FROM event_sides s WHERE s.event_id = events.id AND s.side = '{side}'"
        for side in ("actor", "recipient")
    ),
    "CREATE OR REPLACE VIEW events_flat AS SELECT * FROM events",
]
TABLES = ("articles", "events", "event_sides", "quarantine", "events_flat")
