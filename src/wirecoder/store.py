"""The DuckDB store: articles, events and event sides, with idempotent writes.

Tables: ``articles`` (one row per article, with its text and a content hash), ``events``
(one row per event), ``event_sides`` (an event's ``actor`` and ``recipient``), ``quarantine``
(records that could not be coded), and the view ``events_flat`` (events joined with both
sides, for queries and exports). Every value reaches SQL through ``?`` parameters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from wirecoder.records import (
    Actor,
    Article,
    ArticleResult,
    Dateline,
    Event,
    Evidence,
    Place,
    Quarantined,
)

__all__ = ["Store", "StoreError", "WriteSummary", "content_hash"]

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
    trigger VARCHAR NOT NULL, confidence DOUBLE NOT NULL
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
CREATE VIEW IF NOT EXISTS events_flat AS
SELECT e.*,
    a.text AS actor_text, a.name AS actor_name, a.country AS actor_country,
    a.igo AS actor_igo, a.sectors AS actor_sectors, a.role AS actor_role,
    a.start AS actor_start, a."end" AS actor_end,
    r.text AS recipient_text, r.name AS recipient_name, r.country AS recipient_country,
    r.igo AS recipient_igo, r.sectors AS recipient_sectors, r.role AS recipient_role,
    r.start AS recipient_start, r."end" AS recipient_end
FROM events e
LEFT JOIN event_sides a ON a.event_id = e.id AND a.side = 'actor'
LEFT JOIN event_sides r ON r.event_id = e.id AND r.side = 'recipient';
"""
_TABLES = ("articles", "events", "event_sides", "quarantine", "events_flat")

_ARTICLE_COLUMNS = """id, content_hash, language, title, date, url, source, lang,
    dateline_place, dateline_date, dateline_agency, dateline_body_start,
    dateline_location_name, dateline_location_country, dateline_location_lat,
    dateline_location_lon, dateline_location_geonames_id, text"""
_EVENT_COLUMNS = """id, article_id, seq, type, mode, contexts, aux_mode, negated, cameo,
    goldstein, quad_class, date, date_precision, location_name, location_country,
    location_lat, location_lon, location_geonames_id, sentence, start, "end", trigger,
    confidence"""
_SIDE_COLUMNS = 'event_id, side, text, name, country, igo, sectors, role, start, "end"'
_FLAT_COLUMNS = f"""{_EVENT_COLUMNS},
    actor_text, actor_name, actor_country, actor_igo, actor_sectors, actor_role,
    actor_start, actor_end, recipient_text, recipient_name, recipient_country, recipient_igo,
    recipient_sectors, recipient_role, recipient_start, recipient_end"""
_EVENT_ORDER = "date, article_id, start, seq, id"
_FETCH = 1000

Row = tuple[Any, ...]


class StoreError(Exception):
    """The store cannot be opened or written; the message says what to do."""


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What one ``Store.write`` call changed."""

    articles_added: int = 0
    articles_replaced: int = 0
    events_added: int = 0


def content_hash(result: ArticleResult) -> str:
    """SHA-256 of the article text and its language: equal hashes mean nothing to rewrite."""
    data = f"{result.language}\x1f{result.article.text}".encode("utf-8", "surrogatepass")
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
            if read_only:
                self._check_schema()
            else:
                self._con.execute(_SCHEMA)
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the file); closing twice is harmless."""
        self._con.close()

    def write(self, results: Iterable[ArticleResult]) -> WriteSummary:
        """Store coded articles in one transaction: unchanged ones are skipped, changed replaced."""
        self._check_writable()
        batch = list(results)
        if not batch:
            return WriteSummary()
        ids = list(dict.fromkeys(r.article.id for r in batch))
        with self._transaction(batch[0].article.id if len(ids) == 1 else f"{len(ids)} articles"):
            stored: dict[str, str] = dict(
                self._con.execute(
                    "SELECT id, content_hash FROM articles WHERE list_contains(?, id)", [ids]
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
        rows = {(q.record, q.reason): q.source for q in items}
        if not rows:
            return 0
        now = datetime.now(UTC).replace(tzinfo=None)
        with self._transaction(next(iter(rows))[0] if len(rows) == 1 else f"{len(rows)} records"):
            before = self._count("quarantine")
            self._con.executemany(
                "INSERT INTO quarantine VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [[record, reason, source, now] for (record, reason), source in rows.items()],
            )
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
    ) -> list[Event]:
        """Stored events, filtered and ordered by date, article and position in the text.

        ``actor``/``recipient`` match a side's country or IGO code; ``since``/``until`` are
        inclusive ISO dates compared with the event's date (``until="2021-02"`` keeps all of
        February); an event without a date never matches a date filter.
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise StoreError(f"limit and offset must be positive, got {limit} and {offset}")
        where: list[str] = []
        params: list[object] = []
        for side, code in (("actor", actor), ("recipient", recipient)):
            if code is not None:
                where.append(f"({side}_country = ? OR {side}_igo = ?)")
                params += [code, code]
        for clause, value in (("type = ?", type), ("article_id = ?", article_id)):
            if value is not None:
                where.append(clause)
                params.append(value)
        if since is not None:
            where.append("date >= ?")
            params.append(since)
        if until is not None:
            where.append("(date <= ? OR starts_with(date, ?))")
            params += [until, until]
        sql = f"SELECT {_FLAT_COLUMNS} FROM events_flat"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_EVENT_ORDER}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        sql += " OFFSET ?"
        params.append(offset)
        return [_event_from_row(row) for row in self._con.execute(sql, params).fetchall()]

    def results(self) -> Iterator[ArticleResult]:
        """Every stored article with its events, in article id order (for exports)."""
        articles = self._con.cursor()
        events = self._con.cursor()
        try:
            articles.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id")
            events.execute(f"SELECT {_FLAT_COLUMNS} FROM events_flat ORDER BY article_id, seq")
            pending = _chunks(events)
            event_row = next(pending, None)
            for chunk in iter(lambda: articles.fetchmany(_FETCH), []):
                for row in chunk:
                    found = []
                    while event_row is not None and event_row[1] == row[0]:
                        found.append(_event_from_row(event_row))
                        event_row = next(pending, None)
                    yield _result_from_row(row, tuple(found))
        finally:
            articles.close()
            events.close()

    def quarantined(self) -> list[Quarantined]:
        """Every quarantined record, oldest first."""
        rows = self._con.execute(
            "SELECT record, reason, source FROM quarantine ORDER BY first_seen, record, reason"
        ).fetchall()
        return [Quarantined(record=r, reason=why, source=s) for r, why, s in rows]

    def stats(self) -> dict[str, int]:
        """How many articles, events and quarantined records are stored."""
        return {
            "articles": self._count("articles"),
            "events": self._count("events"),
            "quarantined": self._count("quarantine"),
        }

    # -- internals -------------------------------------------------------------------------

    def _count(self, table: str) -> int:
        row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()  # table: a constant
        return int(row[0]) if row else 0

    def _check_schema(self) -> None:
        found = {
            name
            for (name,) in self._con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        }
        missing = [t for t in _TABLES if t not in found]
        if missing:
            raise StoreError(
                f"{self.path} is a DuckDB file but not a Wirecoder store (no {', '.join(missing)})"
                ": pass the path of a store written by Wirecoder"
            )

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.path} is open read-only: open it with Store(path) to write "
                "(one writing process at a time)"
            )

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """BEGIN … COMMIT; on any failure ROLLBACK, and DuckDB's errors become ``StoreError``."""
        self._con.begin()
        try:
            yield
            self._con.commit()
        except BaseException as exc:
            with suppress(duckdb.TransactionException):  # a failed COMMIT already rolled back
                self._con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"cannot write {what} to {self.path}: {_first_line(exc)}") from exc
            raise

    def _delete(self, article_ids: list[str]) -> None:
        if not article_ids:
            return
        self._con.execute(
            "DELETE FROM event_sides WHERE event_id IN "
            "(SELECT id FROM events WHERE list_contains(?, article_id))",
            [article_ids],
        )
        self._con.execute("DELETE FROM events WHERE list_contains(?, article_id)", [article_ids])
        self._con.execute("DELETE FROM articles WHERE list_contains(?, id)", [article_ids])

    def _insert(self, pending: Iterable[tuple[str, ArticleResult]]) -> None:
        articles: list[Row] = []
        events: list[Row] = []
        sides: list[Row] = []
        for digest, result in pending:
            articles.append(_article_row(result, digest))
            for seq, event in enumerate(result.events):
                events.append(_event_row(result.article.id, seq, event))
                for side, actor in (("actor", event.actor), ("recipient", event.recipient)):
                    if actor is not None:
                        sides.append(_side_row(event.id, side, actor))
        for table, columns, rows in (
            ("articles", _ARTICLE_COLUMNS, articles),
            ("events", _EVENT_COLUMNS, events),
            ("event_sides", _SIDE_COLUMNS, sides),
        ):
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self._con.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}: write to it first (wirecoder code … --db {path})")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        detail = _first_line(exc)
        if "not a valid DuckDB database" in detail:
            raise StoreError(
                f"{path} is not a DuckDB database: pass a Wirecoder store or a new file name"
            ) from exc
        if "lock" in detail.lower():
            raise StoreError(
                f"{path} is locked by another process: wait for it to finish or stop it "
                "(DuckDB allows one writing process per file)"
            ) from exc
        if isinstance(exc, duckdb.ConnectionException):
            raise StoreError(
                f"{path} is already open in this process in another mode: close that Store first"
            ) from exc
        raise StoreError(f"cannot open {path}: {detail}") from exc


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _chunks(cursor: duckdb.DuckDBPyConnection) -> Iterator[Row]:
    for chunk in iter(lambda: cursor.fetchmany(_FETCH), []):
        yield from chunk


def _place_columns(place: Place | None) -> Row:
    if place is None:
        return (None, None, None, None, None)
    return (place.name, place.country, place.lat, place.lon, place.geonames_id)


def _place(columns: Sequence[Any]) -> Place | None:
    name, country, lat, lon, geonames_id = columns
    if name is None:
        return None
    return Place(name=name, country=country, lat=lat, lon=lon, geonames_id=geonames_id)


def _article_row(result: ArticleResult, digest: str) -> Row:
    a, d = result.article, result.dateline
    return (
        *(a.id, digest, result.language, a.title, a.date, a.url, a.source, a.lang),
        *(d.place, d.date, d.agency, d.body_start, *_place_columns(d.location)),
        a.text,
    )


def _result_from_row(row: Sequence[Any], events: tuple[Event, ...]) -> ArticleResult:
    (id_, _, language, title, date, url, source, lang, place, day, agency, body_start) = row[:12]
    article = Article(
        id=id_, text=row[17], title=title, date=date, url=url, source=source, lang=lang
    )
    dateline = Dateline(
        place=place, date=day, agency=agency, body_start=body_start, location=_place(row[12:17])
    )
    return ArticleResult(article=article, language=language, dateline=dateline, events=events)


def _event_row(article_id: str, seq: int, e: Event) -> Row:
    return (
        *(e.id, article_id, seq, e.type, e.mode, list(e.contexts), e.aux_mode, e.negated),
        *(e.cameo, e.goldstein, e.quad_class, e.date, e.date_precision),
        *_place_columns(e.location),
        *(e.evidence.sentence, e.evidence.start, e.evidence.end, e.evidence.trigger),
        e.confidence,
    )


def _side_row(event_id: str, side: str, a: Actor) -> Row:
    fields = (a.text, a.name, a.country, a.igo, list(a.sectors), a.role, a.start, a.end)
    return (event_id, side, *fields)


def _actor(columns: Sequence[Any]) -> Actor | None:
    text, name, country, igo, sectors, role, start, end = columns
    if text is None:
        return None
    return Actor(text, name, country, igo, tuple(sectors), role, start, end)


def _event_from_row(row: Sequence[Any]) -> Event:
    (id_, _, _, type_, mode, contexts, aux_mode, negated, cameo, goldstein, quad) = row[:11]
    date, precision = row[11:13]
    sentence, start, end, trigger, confidence = row[18:23]
    return Event(
        id=id_,
        type=type_,
        actor=_actor(row[23:31]),
        recipient=_actor(row[31:39]),
        evidence=Evidence(sentence=sentence, start=start, end=end, trigger=trigger),
        mode=mode,
        contexts=tuple(contexts),
        aux_mode=aux_mode,
        negated=negated,
        cameo=cameo,
        goldstein=goldstein,
        quad_class=quad,
        date=date,
        date_precision=precision,
        location=_place(row[13:18]),
        confidence=confidence,
    )
