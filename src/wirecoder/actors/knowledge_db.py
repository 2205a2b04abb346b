"""The actor knowledge base over a store: a corpus pass after coding, like ``wirecoder.dedup``.

:func:`update` does it all in one transaction, from what the articles say, so its result never
depends on the order articles were coded in, nor on how many workers coded them:

1. *learn*: every stored side that names a person with an office and a country or
   organisation, as coded, is a :class:`~wirecoder.actors.knowledge.Sighting` dated by its
   article; the learned entries of ``known_actors`` are rebuilt from them.
2. *resolve*: every side that names a person and nothing else (no office, no sectors, no
   organisation; its country, if any, is the article's guess) takes the country or
   organisation, sectors and office of the entry in force at its article's date, in ``events``
   and ``event_sides`` alike. ``actor_resolutions`` keeps such a side as it was coded, so a
   later pass starts again from there (and forgets it when no entry resolves it any more), and
   a resolved side never teaches the knowledge base anything.

A side whose country or organisation changes takes its event out of its cluster, with the
cluster's other mentions: run ``wirecoder.dedup.dedup`` after this pass to place them again
(``wirecoder.run`` and ``wirecoder actors --import`` do).

Running it again changes nothing; it is skipped when the stored articles (ids and content
hashes) and the user's entries are those the last pass saw (``knowledge_state``). User entries
(:func:`import_entries`) sit in the same table with ``source = 'user'`` and are never rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb

from wirecoder.actors.knowledge import (
    KnowledgeBase,
    Sighting,
    entry_order,
    learn,
    read_csv,
    write_csv,
)
from wirecoder.actors.lexicon import key
from wirecoder.records import KnownActor
from wirecoder.store import Store, StoreError

__all__ = ["ImportSummary", "KnowledgeSummary", "entries", "export_csv", "import_csv", "update"]

_SIDES = ("actor", "recipient")
_VALUES = ("country", "igo", "sectors", "role")
_ARTICLE_DATE = "coalesce(a.dateline_date, a.date)"
_RESOLVED = "EXISTS (SELECT 1 FROM actor_resolutions r WHERE r.event_id = e.id AND r.side = '{s}')"
# Sides coded with a name, an office and a code, never resolved by the knowledge base, grouped.
_SIGHTINGS = (
    "SELECT name, role, country, igo, sectors, list(DISTINCT article_id), min(day), max(day) "
    "FROM ("
    + " UNION ALL ".join(
        f"SELECT e.article_id, {_ARTICLE_DATE} AS day, e.{s}_name AS name, e.{s}_role AS role, "
        f"e.{s}_country AS country, e.{s}_igo AS igo, e.{s}_sectors AS sectors "
        f"FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.{s}_name IS NOT NULL AND e.{s}_role IS NOT NULL "
        f"AND (e.{s}_country IS NOT NULL OR e.{s}_igo IS NOT NULL) "
        f"AND NOT {_RESOLVED.format(s=s)}"
        for s in _SIDES
    )
    + ") GROUP BY ALL"
)
# Bare names: a name and nothing else (no office, sectors or organisation).
_IS_BARE = (
    "e.{s}_name IS NOT NULL AND e.{s}_role IS NULL AND e.{s}_igo IS NULL AND len(e.{s}_sectors) = 0"
)
_BARE_NAMES = " UNION ".join(
    f"SELECT DISTINCT e.{s}_name FROM events e WHERE {_IS_BARE.format(s=s)}" for s in _SIDES
)
# Sides with a bare name the knowledge base knows (``wirecoder_kb_names``), or resolved before:
# their values as coded (from actor_resolutions when resolved before), then as they are.
_BARE = " UNION ALL ".join(
    f"SELECT e.id, '{s}', {_ARTICLE_DATE}, e.{s}_name, r.event_id IS NOT NULL, "
    + ", ".join(f"CASE WHEN r.event_id IS NULL THEN e.{s}_{v} ELSE r.{v} END" for v in _VALUES)
    + f", e.{s}_country, e.{s}_igo, e.{s}_sectors, e.{s}_role "
    f"FROM events e JOIN articles a ON a.id = e.article_id "
    f"LEFT JOIN actor_resolutions r ON r.event_id = e.id AND r.side = '{s}' "
    f"WHERE r.event_id IS NOT NULL OR ({_IS_BARE.format(s=s)} "
    f"AND e.{s}_name IN (SELECT name FROM wirecoder_kb_names))"
    for s in _SIDES
)
# What the last pass saw (articles by id and content, the user's entries): the same again
# means nothing to learn or resolve.
_STATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS knowledge_state (fingerprint VARCHAR NOT NULL, "
    "learned INTEGER NOT NULL, users INTEGER NOT NULL, resolved INTEGER NOT NULL, "
    "changed INTEGER NOT NULL)"
)
_FINGERPRINT = (
    "SELECT (SELECT count(*) || ':' || coalesce(sum(hash(id, content_hash)), 0) FROM articles)"
    " || '/' || (SELECT count(*) || ':' || coalesce(sum(hash(name, country, igo, sectors, role, "
    "first_seen, last_seen, articles)), 0) FROM known_actors WHERE source = 'user')"
)
_ENTRIES = (
    "SELECT name, country, igo, sectors, role, first_seen, last_seen, articles, source "
    "FROM known_actors"
)

Values = tuple[str | None, str | None, tuple[str, ...], str | None]


@dataclass(frozen=True, slots=True)
class KnowledgeSummary:
    """What one :func:`update` did, and what the knowledge base holds after it."""

    learned: int = 0  # learned entries (rebuilt by every pass)
    user: int = 0  # user entries
    resolved: int = 0  # sides the knowledge base resolves now
    changed: int = 0  # sides this pass changed (0 on a second pass)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What :func:`import_csv` did: entries stored, bad rows skipped, and the pass after."""

    imported: int
    errors: tuple[str, ...]
    knowledge: KnowledgeSummary


def update(store: Store) -> KnowledgeSummary:
    """Learn from the stored sides and resolve bare names, in one transaction; skipped when
    the stored articles and the user's entries are those the last pass saw."""
    _check_writable(store, "update its actor knowledge base")
    with closing(store.cursor()) as cur, _transaction(cur, store, "update"):
        cur.execute(_STATE_TABLE)
        [(fingerprint,)] = cur.execute(_FINGERPRINT).fetchall()
        last = cur.execute("SELECT * FROM knowledge_state WHERE fingerprint = ?", [fingerprint])
        seen = last.fetchall()
        if seen:
            return KnowledgeSummary(*seen[0][1:])
        rows = cur.execute(_SIGHTINGS).fetchall()
        learned = learn(
            Sighting(n, r, c, i, tuple(s), tuple(a), first, last)
            for n, r, c, i, s, a, first, last in rows
        )
        users = _read_entries(cur, "user")
        _store_learned(cur, learned)
        base = KnowledgeBase([*learned, *users])
        names = [n for (n,) in cur.execute(_BARE_NAMES).fetchall() if base.entries(n)]
        cur.register("wirecoder_kb_names", _column_table("name", names))
        plan = _resolve(cur, base)
        cur.unregister("wirecoder_kb_names")
        _apply(cur, plan)
        cur.execute("DELETE FROM knowledge_state")
        cur.execute(
            "INSERT INTO knowledge_state VALUES (?, ?, ?, ?, 0)",
            [fingerprint, len(learned), len(users), plan.resolved],
        )
    return KnowledgeSummary(
        learned=len(learned), user=len(users), resolved=plan.resolved, changed=len(plan.changes)
    )


def entries(
    store: Store, *, name: str | None = None, country: str | None = None
) -> list[KnownActor]:
    """The knowledge base's entries, learned and user; ``name`` keeps those whose name holds
    it (any case), ``country`` those of that country or organisation code."""
    with closing(store.cursor()) as cur:
        [(exists,)] = cur.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'known_actors'"
        ).fetchall()
        found = _read_entries(cur) if exists else []
    if name:
        found = [e for e in found if key(name) in key(e.name)]
    if country:
        code = country.upper()
        found = [e for e in found if code in (e.country, e.igo)]
    return found


def export_csv(
    store: Store, path: Path, *, name: str | None = None, country: str | None = None
) -> int:
    """Write the entries (filtered like :func:`entries`) to a CSV file; returns the count."""
    found = entries(store, name=name, country=country)
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_csv(found, out)


def import_csv(store: Store, path: Path, sectors: Iterable[str]) -> ImportSummary:
    """Import a CSV of user entries (see :func:`import_entries`), then run :func:`update`."""
    with path.open(encoding="utf-8-sig", newline="") as source:
        found, errors = read_csv(source, frozenset(sectors), where=str(path))
    imported = import_entries(store, found)
    return ImportSummary(imported, tuple(errors), update(store))


def import_entries(store: Store, found: Iterable[KnownActor]) -> int:
    """Store entries as the user's: they replace every user entry for the same names, and
    every learned entry for them when resolving. Returns how many were stored."""
    _check_writable(store, "import actors")
    chosen = {_identity(e): replace(e, source="user") for e in found}
    names = sorted({key(e.name) for e in chosen.values()})
    with closing(store.cursor()) as cur, _transaction(cur, store, "import actors into"):
        kept = [e for e in _read_entries(cur) if e.source == "user" and key(e.name) not in names]
        cur.execute("DELETE FROM known_actors WHERE source = 'user'")
        _insert_entries(cur, [*kept, *chosen.values()])
    return len(chosen)


# -- internals ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """What a pass changes: sides to rewrite (event, side, values), sides to record as coded
    before their first resolution, resolutions to forget; and how many sides are resolved."""

    changes: list[tuple[str, str, Values]] = field(default_factory=list)
    resolutions: list[tuple[str, str, Values]] = field(default_factory=list)
    forgotten: list[tuple[str, str]] = field(default_factory=list)
    recoded: list[str] = field(default_factory=list)  # events whose side codes change
    resolved: int = 0


def _resolve(cur: duckdb.DuckDBPyConnection, base: KnowledgeBase) -> _Plan:
    """Each bare-name side against the knowledge base, from its values as coded."""
    plan = _Plan()
    for row in cur.execute(_BARE).fetchall():
        event_id, side, at, name, was_resolved = row[:5]
        coded: Values = (row[5], row[6], tuple(row[7]), row[8])
        current: Values = (row[9], row[10], tuple(row[11]), row[12])
        entry = base.in_force(name, at, coded[0]) if name else None
        wanted = coded
        if entry is not None:
            wanted = (entry.country, entry.igo, entry.sectors, entry.role)
            plan.resolved += 1
        if wanted != current:
            plan.changes.append((event_id, side, wanted))
        if wanted[:2] != current[:2]:
            plan.recoded.append(event_id)
        if entry is not None and not was_resolved and wanted != coded:
            plan.resolutions.append((event_id, side, coded))
        if was_resolved and entry is None:
            plan.forgotten.append((event_id, side))
    return plan


def _apply(cur: duckdb.DuckDBPyConnection, plan: _Plan) -> None:
    if plan.forgotten:
        cur.register("wirecoder_kb_forgotten", _side_table(plan.forgotten))
        cur.execute(
            "DELETE FROM actor_resolutions r USING wirecoder_kb_forgotten f "
            "WHERE r.event_id = f.event_id AND r.side = f.side"
        )
        cur.unregister("wirecoder_kb_forgotten")
    if plan.resolutions:
        cur.register("wirecoder_kb_coded", _values_table(plan.resolutions))
        cur.execute("INSERT INTO actor_resolutions BY NAME SELECT * FROM wirecoder_kb_coded")
        cur.unregister("wirecoder_kb_coded")
    if plan.recoded:  # their clusters compared the old codes: dedup places them again
        cur.register("wirecoder_kb_recoded", _column_table("event_id", plan.recoded))
        cur.execute(
            "DELETE FROM event_clusters WHERE cluster_id IN (SELECT c.cluster_id FROM "
            "event_clusters c JOIN wirecoder_kb_recoded r ON r.event_id = c.event_id)"
        )
        cur.unregister("wirecoder_kb_recoded")
    if not plan.changes:
        return
    # Rewritten as delete + insert: DuckDB updates list columns (sectors) row by row, ~30x
    # slower (measured with duckdb 1.4.4).
    cur.register("wirecoder_kb_changes", _values_table(plan.changes))
    for table, match, prefixes in (
        ("events", "t.id = u.event_id AND u.side = '{s}'", [f"{s}_" for s in _SIDES]),
        ("event_sides", "t.event_id = u.event_id AND t.side = u.side", [""]),
    ):
        for n, prefix in enumerate(prefixes):
            side = _SIDES[n]
            joined = f"{table} t JOIN wirecoder_kb_changes u ON {match.format(s=side)}"
            replaced = ", ".join(f"u.{v} AS {prefix}{v}" for v in _VALUES)
            cur.execute(
                f"CREATE TEMP TABLE wirecoder_kb_moved AS SELECT t.* REPLACE ({replaced}) "
                f"FROM {joined}"
            )
            cur.execute(
                f"DELETE FROM {table} t USING wirecoder_kb_changes u WHERE {match.format(s=side)}"
            )
            cur.execute(f"INSERT INTO {table} SELECT * FROM wirecoder_kb_moved")
            cur.execute("DROP TABLE wirecoder_kb_moved")
    cur.unregister("wirecoder_kb_changes")


def _side_table(rows: list[tuple[str, str]]) -> Any:
    import pyarrow as pa

    return pa.table({"event_id": [r[0] for r in rows], "side": [r[1] for r in rows]})


def _values_table(rows: list[tuple[str, str, Values]]) -> Any:
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


def _store_learned(cur: duckdb.DuckDBPyConnection, learned: list[KnownActor]) -> None:
    """Replace the learned entries, unless they are the same (then nothing is written)."""
    cur.register("wirecoder_kb_learned", _entries_table(learned))
    fingerprint = (
        "SELECT count(*), sum(hash(name, country, igo, sectors, role, first_seen, last_seen, "
        "articles)) FROM {} WHERE source = 'learned'"
    )
    stored = cur.execute(fingerprint.format("known_actors")).fetchall()
    differ = stored != cur.execute(fingerprint.format("wirecoder_kb_learned")).fetchall()
    if differ:
        cur.execute("DELETE FROM known_actors WHERE source = 'learned'")
        cur.execute("INSERT INTO known_actors BY NAME SELECT * FROM wirecoder_kb_learned")
    cur.unregister("wirecoder_kb_learned")


def _column_table(name: str, values: list[str]) -> Any:
    import pyarrow as pa

    return pa.table({name: pa.array(values, pa.string())})


def _read_entries(cur: duckdb.DuckDBPyConnection, source: str | None = None) -> list[KnownActor]:
    if source is None:
        rows = cur.execute(_ENTRIES).fetchall()
    else:
        rows = cur.execute(_ENTRIES + " WHERE source = ?", [source]).fetchall()
    found = [
        KnownActor(name, country, igo, tuple(sectors), role, first, last, int(n), source)
        for name, country, igo, sectors, role, first, last, n, source in rows
    ]
    return sorted(found, key=entry_order)


def _insert_entries(cur: duckdb.DuckDBPyConnection, found: list[KnownActor]) -> None:
    if not found:
        return
    cur.register("wirecoder_kb_entries", _entries_table(found))
    cur.execute("INSERT INTO known_actors BY NAME SELECT * FROM wirecoder_kb_entries")
    cur.unregister("wirecoder_kb_entries")


def _entries_table(found: list[KnownActor]) -> Any:
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


def _identity(entry: KnownActor) -> tuple[str, str | None, str | None]:
    """A user's entries are one per (name, office, start date): a later row wins."""
    return key(entry.name), entry.role, entry.first_seen


def _check_writable(store: Store, action: str) -> None:
    if store.read_only:
        raise StoreError(f"{store.path} is open read-only: open it with Store(path) to {action}")


@contextmanager
def _transaction(cur: duckdb.DuckDBPyConnection, store: Store, action: str) -> Iterator[None]:
    """BEGIN … COMMIT on a cursor; ROLLBACK, and a ``StoreError`` on a database error."""
    cur.begin()
    try:
        yield
        cur.commit()
    except duckdb.Error as exc:
        cur.rollback()
        raise StoreError(
            f"cannot {action} the actor knowledge base of {store.path} (nothing was changed): "
            f"{str(exc).strip().splitlines()[0]}"
        ) from exc
    except BaseException:
        cur.rollback()
        raise
