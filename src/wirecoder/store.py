"""The DuckDB store: articles, events and event sides, with idempotent writes.

Tables: ``articles`` (one row per article, with its text and a content hash), ``events``
(one row per event), ``event_sides`` (an event's ``actor`` and ``recipient``), ``quarantine``
(records that could not be coded), ``event_clusters`` (each event's cluster: one real-world
event reported by many articles, filled by ``wirecoder.dedup``), ``known_actors`` and
``actor_resolutions`` (the actor knowledge base and the sides it resolved, filled by
``wirecoder.actors.knowledge_db``), and the view ``events_flat``
(events joined with both sides, for queries and exports). Every value reaches SQL through
``?`` parameters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import duckdb

from wirecoder.records import (
    Actor,
    Article,
    ArticleResult,
    Dateline,
    Event,
    Evidence,
    Mention,
    Place,
    Quarantined,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["Store", "StoreError", "Unit", "WriteSummary", "content_hash", "text_hash"]

_SCHEMA = """
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
_SIDE_COLUMNS = (
    ("text", "VARCHAR"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("igo", "VARCHAR"),
    ("sectors", "VARCHAR[]"),
    ("role", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
)
_SIDES = [(f"{s}_{name}", kind) for s in ("actor", "recipient") for name, kind in _SIDE_COLUMNS]
_SCHEMA = _SCHEMA.replace("{sides}", ", ".join(f"{name} {kind}" for name, kind in _SIDES))
# A store written before the sides were columns of ``events`` gets them on opening for writing.
_MIGRATE = [
    *(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {kind}" for name, kind in _SIDES),
    *(
        "UPDATE events SET "
        + ", ".join(f'{side}_{name} = s."{name}"' for name, _ in _SIDE_COLUMNS)
        + f" FROM event_sides s WHERE s.event_id = events.id AND s.side = '{side}'"
        for side in ("actor", "recipient")
    ),
    "CREATE OR REPLACE VIEW events_flat AS SELECT * FROM events",
]
_FILTERS = {
    "actor": "(f.actor_country = ? OR f.actor_igo = ?)",
    "recipient": "(f.recipient_country = ? OR f.recipient_igo = ?)",
    "type": "f.type = ?",
    "article_id": "f.article_id = ?",
    "since": "f.date >= ?",
    "until": "(f.date <= ? OR starts_with(f.date, ?))",
}
_TABLES = ("articles", "events", "event_sides", "quarantine", "events_flat")
_EVENT_ORDER = "date, article_id, start, seq, id"
# An event's cluster (``event_clusters`` joined to ``events_flat f``): itself until deduplicated.
_CLUSTERED = "LEFT JOIN event_clusters c ON c.event_id = f.id"
_CLUSTER_ID = "coalesce(c.cluster_id, f.id)"
Unit = Literal["mentions", "clusters"]
_FETCH = 1000

Row = dict[str, Any]
R = TypeVar("R", bound="DataclassInstance")


class StoreError(Exception):
    """The store cannot be opened or written; the message says what to do."""


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What one ``Store.write`` call changed."""

    articles_added: int = 0
    articles_replaced: int = 0
    events_added: int = 0


def content_hash(result: ArticleResult) -> str:
    """SHA-256 of the article's language and text: an equal hash means nothing to rewrite."""
    return text_hash(result.language, result.article.text)


def text_hash(language: str, text: str) -> str:
    """The ``content_hash`` of an article in ``language`` whose text is ``text``."""
    data = f"{language}\x1f{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


class Store:
    """A Wirecoder store in one DuckDB file; one writing process at a time.

    >>> with Store("wirecoder.duckdb") as store:
    ...     store.write(results)
    ...     found = store.events(actor="AZE", since="2021-01-01")
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con = _connect(self.path, read_only)
        try:
            if not read_only:
                self._con.execute(_SCHEMA)
                self._migrate()
            self._structures = self._load_schema()
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the file); closing twice is harmless."""
        self._con.close()

    def write(self, results: Iterable[ArticleResult]) -> WriteSummary:
        """Store coded articles in one transaction; a stored id with the same ``content_hash``
        is skipped, with another hash it is replaced (article, events and sides)."""
        self._check_writable()
        batch = list(results)
        if not batch:
            return WriteSummary()
        ids = list(dict.fromkeys(r.article.id for r in batch))
        with self._transaction(ids):
            stored: dict[str, str] = dict(
                self._con.execute(
                    "SELECT id, content_hash FROM articles WHERE id IN "
                    """(SELECT unnest(from_json(?, '["VARCHAR"]')))""",
                    [_json(ids)],
                ).fetchall()
            )
            existed = set(stored)
            pending: dict[str, tuple[str, ArticleResult]] = {}
            for result in batch:
                digest = content_hash(result)
                if stored.get(result.article.id) != digest:
                    stored[result.article.id] = digest
                    pending[result.article.id] = (digest, result)
            self._delete([i for i in pending if i in existed])
            self._insert(pending.values())
        replaced = sum(1 for i in pending if i in existed)
        return WriteSummary(
            articles_added=len(pending) - replaced,
            articles_replaced=replaced,
            events_added=sum(len(r.events) for _, r in pending.values()),
        )

    def add_quarantined(self, items: Iterable[Quarantined]) -> int:
        """Record uncoded inputs, each (record, reason) once; returns how many were new."""
        self._check_writable()
        now = datetime.now(UTC).replace(tzinfo=None).isoformat()
        rows = {(q.record, q.reason): {**_columns(q), "first_seen": now} for q in items}
        if not rows:
            return 0
        with self._transaction([record for record, _ in rows]):
            before = self._count("quarantine")
            self._insert_rows("quarantine", list(rows.values()), " ON CONFLICT DO NOTHING")
            return self._count("quarantine") - before

    def events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        unit: Unit = "mentions",
    ) -> list[Event]:
        """Stored events, filtered, ordered by date, article and position in the text.

        ``actor``/``recipient`` match a side's country or IGO code. ``since``/``until`` are
        inclusive ISO dates compared with the event's date as strings (``until="2021-02"``
        keeps all of February); an event without a date matches no date filter.
        ``unit="clusters"`` gives one event per cluster (``wirecoder.dedup``): its first
        mention that matches; a mention in no cluster yet stands for itself.
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise StoreError(f"limit and offset must be positive, got {limit} and {offset}")
        where, params = _filters(
            actor=actor,
            recipient=recipient,
            type=type,
            article_id=article_id,
            since=since,
            until=until,
        )
        sql = f"SELECT f.* FROM events_flat f WHERE {where}"
        if _unit(unit) == "clusters":
            sql = (
                f"SELECT f.* FROM events_flat f {_CLUSTERED} WHERE {where} QUALIFY row_number() "
                f"OVER (PARTITION BY {_CLUSTER_ID} ORDER BY {_EVENT_ORDER}) = 1"
            )
        sql = f"SELECT * FROM ({sql}) ORDER BY {_EVENT_ORDER} LIMIT ? OFFSET ?"
        return [event_from_row(row) for row in self._query(sql, [*params, limit, offset])]

    def count_events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        unit: Unit = "clusters",
    ) -> int:
        """How many clusters (by default) or mentions match the filters of :meth:`events`."""
        where, params = _filters(
            actor=actor, recipient=recipient, type=type, since=since, until=until
        )
        counted = "count(*)"
        source = "events_flat f"
        if _unit(unit) == "clusters":
            counted, source = f"count(DISTINCT {_CLUSTER_ID})", f"events_flat f {_CLUSTERED}"
        [row] = self._query(f"SELECT {counted} AS n FROM {source} WHERE {where}", params)
        return int(row["n"])

    def cluster_mentions(self, event_ids: list[str]) -> list[tuple[str, tuple[Mention, ...]]]:
        """For each event id, its cluster's id and every mention of that cluster, in order.

        An unknown id gets ``(id, ())``; an event in no cluster yet is its own cluster.
        """
        ids = """(SELECT unnest(from_json(?, '["VARCHAR"]')) AS id)"""
        owners = dict(
            self._con.execute(
                f"SELECT q.id, coalesce(c.cluster_id, q.id) FROM {ids} q "
                "LEFT JOIN event_clusters c ON c.event_id = q.id",
                [_json(event_ids)],
            ).fetchall()
        )
        found: dict[str, list[Mention]] = {cluster: [] for cluster in owners.values()}
        for row in self._query(
            f"SELECT {_CLUSTER_ID} AS cluster_id, f.* FROM events_flat f {_CLUSTERED} "
            f"WHERE {_CLUSTER_ID} IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]'))) "
            f"ORDER BY {_EVENT_ORDER}",
            [_json(list(found))],
        ):
            found[row["cluster_id"]].append(Mention(row["article_id"], event_from_row(row)))
        return [(owners[i], tuple(found[owners[i]])) for i in event_ids]

    def stored_events(self, articles: Iterable[Article]) -> dict[str, int]:
        """Of these articles (each with its language), those stored with the same text and
        language (nothing to code again), each with its number of stored events."""
        wanted = {a.id: text_hash(a.lang or "fr", a.text) for a in articles}
        if not wanted:
            return {}
        rows = self._con.execute(
            "SELECT a.id, a.content_hash, count(e.id) FROM articles a "
            "LEFT JOIN events e ON e.article_id = a.id WHERE a.id IN "
            """(SELECT unnest(from_json(?, '["VARCHAR"]'))) GROUP BY a.id, a.content_hash""",
            [_json(list(wanted))],
        ).fetchall()
        return {id: int(n) for id, digest, n in rows if wanted[id] == digest}

    def results(self, ids: list[str] | None = None) -> Iterator[ArticleResult]:
        """Every stored article (or those of ``ids``) with its events, in article id order."""
        articles, events = self._con.cursor(), self._con.cursor()
        chosen, params = "", []
        if ids is not None:
            chosen = """WHERE id IN (SELECT unnest(from_json(?, '["VARCHAR"]')))"""
            params = [_json(ids)]
        try:
            articles.execute(f"SELECT * FROM articles {chosen} ORDER BY id", params)
            events.execute(  # events of stored articles only, so the merge below never stalls
                "SELECT * FROM events_flat WHERE article_id IN "
                f"(SELECT id FROM articles {chosen}) ORDER BY article_id, seq",
                params,
            )
            pending = _rows(events)
            event_row = next(pending, None)
            for row in _rows(articles):
                found = []
                while event_row is not None and event_row["article_id"] == row["id"]:
                    found.append(event_from_row(event_row))
                    event_row = next(pending, None)
                yield _result(row, tuple(found))
        finally:
            articles.close()
            events.close()

    def quarantined(self) -> list[Quarantined]:
        """Every quarantined record, oldest first."""
        sql = "SELECT * FROM quarantine ORDER BY first_seen, record, reason"
        return [_build(Quarantined, row) for row in self._query(sql)]

    def stats(self) -> dict[str, int]:
        """How many articles, events and quarantined records are stored."""
        [counts] = self._query(
            "SELECT (SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM quarantine) AS quarantined"
        )
        return {name: int(value) for name, value in counts.items()}

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on this store's database, for ``wirecoder.query`` (one per thread).

        It shares the store's mode: on a store opened with ``read_only=True`` every write
        through it fails.
        """
        return self._con.cursor()  # holds the GIL: safe to call from several threads

    # -- internals -------------------------------------------------------------------------

    def _query(self, sql: str, params: list[object] | None = None) -> list[Row]:
        """The rows of a read, on a cursor of its own: reads may run in several threads."""
        with self._con.cursor() as cursor:
            return list(_rows(cursor.execute(sql, params)))

    def _count(self, table: str) -> int:
        row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()  # table: a constant
        return int(row[0]) if row else 0

    def _load_schema(self) -> dict[str, str]:
        """Each table's ``from_json`` structure, read from the database; checks none is missing."""
        columns: dict[str, Row] = {}
        for table, column, kind in self._con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ).fetchall():
            columns.setdefault(table, {})[column] = [kind[:-2]] if kind.endswith("[]") else kind
        missing = [t for t in _TABLES if t not in columns]
        if missing:
            raise StoreError(
                f"{self.path} is a DuckDB file but not a Wirecoder store (no {', '.join(missing)})"
                ": pass the path of a store written by Wirecoder"
            )
        return {table: json.dumps([spec]) for table, spec in columns.items()}

    def _migrate(self) -> None:
        """Bring a store written by an earlier Wirecoder to this schema, in one transaction."""
        [(has_sides,)] = self._con.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'events' AND column_name = 'actor_text'"
        ).fetchall()
        if has_sides:
            return
        with self._transaction([]):
            for statement in _MIGRATE:
                self._con.execute(statement)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.path} is open read-only: open it with Store(path) to write "
                "(one writing process at a time)"
            )

    @contextmanager
    def _transaction(self, ids: list[str]) -> Iterator[None]:
        """BEGIN … COMMIT; on failure ROLLBACK, and a ``StoreError`` naming the records."""
        self._con.begin()
        try:
            yield
            self._con.commit()
        except BaseException as exc:
            with suppress(duckdb.TransactionException):  # a failed COMMIT already rolled back
                self._con.rollback()
            if isinstance(exc, duckdb.Error | ValueError):
                named = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
                raise StoreError(
                    f"cannot write {named} to {self.path} (nothing was written): {_first_line(exc)}"
                ) from exc
            raise

    def _delete(self, article_ids: list[str]) -> None:
        if not article_ids:
            return
        ids = """(SELECT unnest(from_json(?, '["VARCHAR"]')))"""
        for table in ("event_sides", "event_clusters", "actor_resolutions"):
            self._con.execute(
                f"DELETE FROM {table} WHERE event_id IN (SELECT id FROM events "
                f"WHERE article_id IN {ids})",
                [_json(article_ids)],
            )
        self._con.execute(f"DELETE FROM events WHERE article_id IN {ids}", [_json(article_ids)])
        self._con.execute(f"DELETE FROM articles WHERE id IN {ids}", [_json(article_ids)])

    def _insert(self, pending: Iterable[tuple[str, ArticleResult]]) -> None:
        rows: dict[str, list[Row]] = {"articles": [], "events": [], "event_sides": []}
        for digest, result in pending:
            rows["articles"].append(_article_row(result, digest))
            for seq, event in enumerate(result.events):
                rows["events"].append(_event_row(result.article.id, seq, event))
                for side, actor in (("actor", event.actor), ("recipient", event.recipient)):
                    if actor is not None:
                        rows["event_sides"].append(_side_row(event.id, side, actor))
        for table, found in rows.items():
            self._insert_rows(table, found)

    def _insert_rows(self, table: str, rows: list[Row], conflict: str = "") -> None:
        """Insert rows (column → value) in one statement, the whole batch one JSON parameter."""
        if rows:
            self._con.execute(
                f"INSERT INTO {table} BY NAME SELECT unnest(r) FROM "
                f"(SELECT unnest(from_json(?, '{self._structures[table]}')) AS r){conflict}",
                [_json(rows)],
            )


# duckdb's words for a failure to open → what the user should do (filled with the path).
_OPEN_ERRORS = (
    ("not a valid duckdb database", "{} is not a DuckDB database: pass a store or a new file name"),
    ("lock", "{} is locked by another process: wait for it to end or stop it (one writer a file)"),
    ("different configuration", "{} is already open in this process in another mode: close it"),
)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}: write to it first (wirecoder code … --db {path})")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        detail = _first_line(exc)
        advice = next((m for words, m in _OPEN_ERRORS if words in detail.lower()), None)
        raise StoreError(
            advice.format(path) if advice else f"cannot open {path}: {detail}"
        ) from exc


def _unit(unit: str) -> str:
    if unit not in ("mentions", "clusters"):
        raise StoreError(f"unit must be 'mentions' or 'clusters', got {unit!r}")
    return unit


def _filters(**given: str | None) -> tuple[str, list[object]]:
    """SQL conditions over ``events_flat f`` for the filters given, and their parameters."""
    used = [(_FILTERS[name], value) for name, value in given.items() if value is not None]
    where = " AND ".join(clause for clause, _ in used) or "true"
    return where, [value for clause, value in used for _ in range(clause.count("?"))]


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _json(value: object) -> str:
    """A batch as one JSON parameter, read back in SQL with ``from_json``.

    One bound string instead of one per value: duckdb's Python client tries ``import pandas``
    for every bound value (~0.5 ms each without pandas). Apostrophes are written ``\\u0027``
    because ``from_json`` slows down quadratically on them (measured with duckdb 1.4.4).
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    text.encode("utf-8")  # a lone surrogate fails here (UnicodeEncodeError), not deep in duckdb
    return text.replace("'", "\\u0027")


def _rows(cursor: duckdb.DuckDBPyConnection) -> Iterator[Row]:
    names = [column[0] for column in cursor.description or ()]
    for chunk in iter(lambda: cursor.fetchmany(_FETCH), []):
        for values in chunk:
            yield dict(zip(names, values, strict=True))


def _columns(record: DataclassInstance | None, prefix: str = "", skip: tuple[str, ...] = ()) -> Row:
    """A record's plain fields as columns named ``prefix + field`` (tuples become lists)."""
    if record is None:
        return {}
    values = ((f.name, getattr(record, f.name)) for f in fields(record) if f.name not in skip)
    return {prefix + k: list(v) if isinstance(v, tuple) else v for k, v in values}


def _build(cls: type[R], row: Row, prefix: str = "", **given: Any) -> R:
    """A record from the columns ``prefix + field`` of a row (lists become tuples)."""
    for f in fields(cls):
        if f.name not in given:
            value = row[prefix + f.name]
            given[f.name] = tuple(value) if isinstance(value, list) else value
    return cls(**given)


def _place(row: Row, prefix: str) -> Place | None:
    return None if row[prefix + "name"] is None else _build(Place, row, prefix)


def _actor(row: Row, side: str) -> Actor | None:
    return None if row.get(side + "_text") is None else _build(Actor, row, side + "_")


def _article_row(result: ArticleResult, digest: str) -> Row:
    dateline = result.dateline
    return {
        **_columns(result.article),
        "content_hash": digest,
        "language": result.language,
        **_columns(dateline, "dateline_", skip=("location",)),
        **_columns(dateline.location, "dateline_location_"),
    }


def _result(row: Row, events: tuple[Event, ...]) -> ArticleResult:
    location = _place(row, "dateline_location_")
    return ArticleResult(
        article=_build(Article, row),
        language=row["language"],
        dateline=_build(Dateline, row, "dateline_", location=location),
        events=events,
    )


def _event_row(article_id: str, seq: int, event: Event) -> Row:
    return {
        **_columns(event, skip=("actor", "recipient", "evidence", "location")),
        **_columns(event.evidence),
        **_columns(event.location, "location_"),
        **_columns(event.actor, "actor_"),
        **_columns(event.recipient, "recipient_"),
        "article_id": article_id,
        "seq": seq,
    }


def _side_row(event_id: str, side: str, actor: Actor) -> Row:
    return {**_columns(actor), "event_id": event_id, "side": side}


def event_from_row(row: Row) -> Event:
    """An ``Event`` from a row of ``events`` / ``events_flat`` (the one place that builds it)."""
    return _build(
        Event,
        row,
        actor=_actor(row, "actor"),
        recipient=_actor(row, "recipient"),
        evidence=_build(Evidence, row),
        location=_place(row, "location_"),
    )
