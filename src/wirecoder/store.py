"""The DuckDB store: articles, events and event sides, with idempotent writes.

The tables are in :mod:`wirecoder.store_schema`, the mapping of records to their rows in
:mod:`wirecoder.store_rows`. A batch of articles is written in one transaction, replacing
the articles' earlier rows; every value reaches SQL through ``?`` parameters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import duckdb

from wirecoder.records import Article, ArticleResult, Event, Mention, Quarantined
from wirecoder.store_rows import (
    Row,
    article_row,
    build,
    columns,
    event_from_row,
    event_row,
    fetch_rows,
    json_param,
    result_from_row,
    side_row,
)
from wirecoder.store_schema import MIGRATE, SCHEMA, TABLES

__all__ = ["Store", "StoreError", "Unit", "WriteSummary", "content_hash", "text_hash"]

_FILTERS = {
    "actor": "(f.actor_country = ? OR f.actor_igo = ?)",
    "recipient": "(f.recipient_country = ? OR f.recipient_igo = ?)",
    "type": "f.type = ?",
    "article_id": "f.article_id = ?",
    "since": "f.date >= ?",
    "until": "(f.date <= ? OR starts_with(f.date, ?))",
}
_EVENT_ORDER = "date, article_id, start, seq, id"
# An event's cluster (``event_clusters`` joined to ``events_flat f``): itself until deduplicated.
_CLUSTERED = "LEFT JOIN event_clusters c ON c.event_id = f.id"
_CLUSTER_ID = "coalesce(c.cluster_id, f.id)"
Unit = Literal["mentions", "clusters"]


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
                self._con.execute(SCHEMA)
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
        is skipped, with another hash it is replaced (article, events and sides). An id given
        twice in ``results`` is stored as its last version."""
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
                    [json_param(ids)],
                ).fetchall()
            )
            existed = set(stored)
            pending: dict[str, tuple[str, ArticleResult]] = {}
            last = {r.article.id: r for r in batch}  # an id given twice: its last version
            for id, result in last.items():
                digest = content_hash(result)
                if stored.get(id) != digest:
                    pending[id] = (digest, result)
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
        rows = {(q.record, q.reason): {**columns(q), "first_seen": now} for q in items}
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
                [json_param(event_ids)],
            ).fetchall()
        )
        found: dict[str, list[Mention]] = {cluster: [] for cluster in owners.values()}
        for row in self._query(
            f"SELECT {_CLUSTER_ID} AS cluster_id, f.* FROM events_flat f {_CLUSTERED} "
            f"WHERE {_CLUSTER_ID} IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]'))) "
            f"ORDER BY {_EVENT_ORDER}",
            [json_param(list(found))],
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
            [json_param(list(wanted))],
        ).fetchall()
        return {id: int(n) for id, digest, n in rows if wanted[id] == digest}

    def results(self, ids: list[str] | None = None) -> Iterator[ArticleResult]:
        """Every stored article (or those of ``ids``) with its events, in article id order."""
        articles, events = self._con.cursor(), self._con.cursor()
        chosen, params = "", []
        if ids is not None:
            chosen = """WHERE id IN (SELECT unnest(from_json(?, '["VARCHAR"]')))"""
            params = [json_param(ids)]
        try:
            articles.execute(f"SELECT * FROM articles {chosen} ORDER BY id", params)
            events.execute(  # events of stored articles only, so the merge below never stalls
                "SELECT * FROM events_flat WHERE article_id IN "
                f"(SELECT id FROM articles {chosen}) ORDER BY article_id, seq",
                params,
            )
            pending = fetch_rows(events)
            event_row = next(pending, None)
            for row in fetch_rows(articles):
                found = []
                while event_row is not None and event_row["article_id"] == row["id"]:
                    found.append(event_from_row(event_row))
                    event_row = next(pending, None)
                yield result_from_row(row, tuple(found))
        finally:
            articles.close()
            events.close()

    def quarantined(self) -> list[Quarantined]:
        """Every quarantined record, oldest first."""
        sql = "SELECT * FROM quarantine ORDER BY first_seen, record, reason"
        return [build(Quarantined, row) for row in self._query(sql)]

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
            return list(fetch_rows(cursor.execute(sql, params)))

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
        missing = [t for t in TABLES if t not in columns]
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
            for statement in MIGRATE:
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
                [json_param(article_ids)],
            )
        self._con.execute(
            f"DELETE FROM events WHERE article_id IN {ids}", [json_param(article_ids)]
        )
        self._con.execute(f"DELETE FROM articles WHERE id IN {ids}", [json_param(article_ids)])

    def _insert(self, pending: Iterable[tuple[str, ArticleResult]]) -> None:
        rows: dict[str, list[Row]] = {"articles": [], "events": [], "event_sides": []}
        for digest, result in pending:
            rows["articles"].append(article_row(result, digest))
            for seq, event in enumerate(result.events):
                rows["events"].append(event_row(result.article.id, seq, event))
                for side, actor in (("actor", event.actor), ("recipient", event.recipient)):
                    if actor is not None:
                        rows["event_sides"].append(side_row(event.id, side, actor))
        for table, found in rows.items():
            self._insert_rows(table, found)

    def _insert_rows(self, table: str, rows: list[Row], conflict: str = "") -> None:
        """Insert rows (column → value) in one statement, the whole batch one JSON parameter."""
        if rows:
            self._con.execute(
                f"INSERT INTO {table} BY NAME SELECT unnest(r) FROM "
                f"(SELECT unnest(from_json(?, '{self._structures[table]}')) AS r){conflict}",
                [json_param(rows)],
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
