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
hashes) and the user's entries are those the last pass saw (``knowledge_state``). Learning and
resolving are per name, so a later pass recomputes only the names given by the articles added,
rewritten or removed since (``knowledge_seen`` records each article the last pass saw, its
names and how many of its sides were resolved): the result of a whole pass, at the cost of the
new articles. User entries (:func:`import_entries`) sit in the same table with
``source = 'user'`` and are never rebuilt; changing them makes the next pass a whole one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from wirecoder.actors import knowledge_sql as sql
from wirecoder.actors.knowledge import (
    KnowledgeBase,
    Sighting,
    entry_order,
    learn,
    name_key,
    read_csv,
    write_csv,
)
from wirecoder.actors.knowledge_sql import Values
from wirecoder.actors.lexicon import key
from wirecoder.records import KnownActor
from wirecoder.store import Store, StoreError

__all__ = ["ImportSummary", "KnowledgeSummary", "entries", "export_csv", "import_csv", "update"]


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
    the stored articles and the user's entries are those the last pass saw.

    After the first pass, a pass recomputes only the names that the articles added, rewritten
    or removed since the last one give (learning and resolving are per name): the same result
    as a whole pass, at the cost of the new articles rather than of the corpus. A change to
    the user's entries makes it a whole pass.
    """
    _check_writable(store, "update its actor knowledge base")
    with closing(store.cursor()) as cur, _transaction(cur, store, "update"):
        cur.execute(sql.STATE_TABLE)
        cur.execute(sql.SEEN_TABLE)
        [(fingerprint,)] = cur.execute(sql.FINGERPRINT).fetchall()
        state = cur.execute("SELECT * FROM knowledge_state").fetchall()
        if state and state[0][0] == fingerprint:
            return KnowledgeSummary(*state[0][1:])
        users = _read_entries(cur, "user")
        same_users = bool(state) and state[0][0].split("/")[1] == fingerprint.split("/")[1]
        scope = _changed(cur) if same_users else None
        scoped = scope is not None
        if scope is not None:
            cur.register("wirecoder_kb_scope", sql.column_table("name", scope.names))
        rows = cur.execute(sql.sightings_sql(scoped)).fetchall()
        learned = learn(
            Sighting(n, r, c, i, tuple(s), tuple(a), first, last)
            for n, r, c, i, s, a, first, last in rows
        )
        old = _read_entries(cur, "learned") if scope is not None else []
        before = KnowledgeBase([*old, *users]) if scope is not None else None
        stale = [e for e in old if name_key(e.name) in scope.keys] if scope is not None else None
        _store_learned(cur, learned, stale)
        base = KnowledgeBase([*learned, *users])
        known = [base] if before is None else [base, before]  # forgotten names too
        names = [
            n
            for (n,) in cur.execute(sql.bare_names_sql(scoped)).fetchall()
            if any(kb.entries(n) for kb in known)
        ]
        cur.register("wirecoder_kb_names", sql.column_table("name", names))
        plan = _resolve(cur, base, scoped, before, scope.fresh if scope else frozenset())
        cur.unregister("wirecoder_kb_names")
        _apply(cur, plan)
        _remember(cur, scope, plan.counts)
        if scope is not None:
            cur.unregister("wirecoder_kb_scope")
        [(n_learned,)] = cur.execute(
            "SELECT count(*) FROM known_actors WHERE source = 'learned'"
        ).fetchall()
        [(resolved,)] = cur.execute(
            "SELECT coalesce(sum(resolved), 0) FROM knowledge_seen"
        ).fetchall()
        cur.execute("DELETE FROM knowledge_state")
        cur.execute(
            "INSERT INTO knowledge_state VALUES (?, ?, ?, ?, 0)",
            [fingerprint, n_learned, len(users), resolved],
        )
    return KnowledgeSummary(
        learned=n_learned, user=len(users), resolved=int(resolved), changed=len(plan.changes)
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


@dataclass(frozen=True, slots=True)
class _Scope:
    """What an incremental pass recomputes: the names (as stored, and in lexicon form) that the
    articles added, rewritten or removed since the last pass give, and the new articles."""

    names: list[str]
    keys: frozenset[str]
    fresh: frozenset[str]  # ids of the articles the last pass did not see


@dataclass(slots=True)
class _Plan:
    """What a pass changes: sides to rewrite (event, side, values), sides to record as coded
    before their first resolution, resolutions to forget; and, per article, the change in the
    number of its sides the knowledge base resolves."""

    changes: list[tuple[str, str, Values]] = field(default_factory=list)
    resolutions: list[tuple[str, str, Values]] = field(default_factory=list)
    forgotten: list[tuple[str, str]] = field(default_factory=list)
    recoded: list[str] = field(default_factory=list)  # events whose side codes change
    counts: dict[str, int] = field(default_factory=dict)


def _changed(cur: duckdb.DuckDBPyConnection) -> _Scope | None:
    """The scope of an incremental pass; None when the last pass left no record of what it saw
    (a store from before incremental passes: a whole pass records it)."""
    [(seen,)] = cur.execute("SELECT count(*) FROM knowledge_seen").fetchall()
    if not seen:
        return None
    fresh = cur.execute(sql.ARTICLE_NAMES.format(where=sql.UNSEEN)).fetchall()
    gone = cur.execute(sql.GONE).fetchall()
    keys = frozenset(
        name_key(name) for rows in (fresh, gone) for *_, names in rows for name in names
    )
    names = [n for (n,) in cur.execute(sql.NAMES).fetchall() if name_key(n) in keys]
    return _Scope(names, keys, frozenset(article_id for article_id, *_ in fresh))


def _resolve(
    cur: duckdb.DuckDBPyConnection,
    base: KnowledgeBase,
    scoped: bool,
    before: KnowledgeBase | None,
    fresh: frozenset[str],
) -> _Plan:
    """Each bare-name side against the knowledge base, from its values as coded. ``before``,
    in an incremental pass, is the knowledge base the last pass resolved the (not ``fresh``)
    articles' sides with: the counts record the difference."""
    plan = _Plan()
    for row in cur.execute(sql.bare_sql(scoped)).fetchall():
        event_id, side, article_id, at, name, was_resolved = row[:6]
        coded: Values = (row[6], row[7], tuple(row[8]), row[9])
        current: Values = (row[10], row[11], tuple(row[12]), row[13])
        entry = base.in_force(name, at, coded[0]) if name else None
        wanted = coded
        change = 0
        if entry is not None:
            wanted = (entry.country, entry.igo, entry.sectors, entry.role)
            change += 1
        if before is not None and article_id not in fresh and before.in_force(name, at, coded[0]):
            change -= 1
        if change:
            plan.counts[article_id] = plan.counts.get(article_id, 0) + change
        if wanted != current:
            plan.changes.append((event_id, side, wanted))
        if wanted[:2] != current[:2]:
            plan.recoded.append(event_id)
        if entry is not None and not was_resolved and wanted != coded:
            plan.resolutions.append((event_id, side, coded))
        if was_resolved and entry is None:
            plan.forgotten.append((event_id, side))
    return plan


def _remember(cur: duckdb.DuckDBPyConnection, scope: _Scope | None, counts: dict[str, int]) -> None:
    """Record what this pass saw: every article (a whole pass), else the new ones; and the
    number of each article's sides the knowledge base resolves."""
    if scope is None:
        cur.execute("DELETE FROM knowledge_seen")
        where = "true"
    else:
        cur.execute(
            "DELETE FROM knowledge_seen s WHERE NOT EXISTS (SELECT 1 FROM articles a "
            "WHERE a.id = s.article_id AND a.content_hash = s.content_hash)"
        )
        where = sql.UNSEEN
    cur.execute(
        f"INSERT INTO knowledge_seen SELECT *, 0 FROM ({sql.ARTICLE_NAMES.format(where=where)})"
    )
    if counts:
        cur.register("wirecoder_kb_counts", sql.counts_table(counts))
        cur.execute(
            "UPDATE knowledge_seen s SET resolved = s.resolved + c.n FROM wirecoder_kb_counts c "
            "WHERE s.article_id = c.article_id"
        )
        cur.unregister("wirecoder_kb_counts")


def _apply(cur: duckdb.DuckDBPyConnection, plan: _Plan) -> None:
    if plan.forgotten:
        cur.register("wirecoder_kb_forgotten", sql.side_table(plan.forgotten))
        cur.execute(
            "DELETE FROM actor_resolutions r USING wirecoder_kb_forgotten f "
            "WHERE r.event_id = f.event_id AND r.side = f.side"
        )
        cur.unregister("wirecoder_kb_forgotten")
    if plan.resolutions:
        cur.register("wirecoder_kb_coded", sql.values_table(plan.resolutions))
        cur.execute("INSERT INTO actor_resolutions BY NAME SELECT * FROM wirecoder_kb_coded")
        cur.unregister("wirecoder_kb_coded")
    if plan.recoded:  # their clusters compared the old codes: dedup places them again
        cur.register("wirecoder_kb_recoded", sql.column_table("event_id", plan.recoded))
        cur.execute(
            "DELETE FROM event_clusters WHERE cluster_id IN (SELECT c.cluster_id FROM "
            "event_clusters c JOIN wirecoder_kb_recoded r ON r.event_id = c.event_id)"
        )
        cur.unregister("wirecoder_kb_recoded")
    if not plan.changes:
        return
    # Rewritten as delete + insert: DuckDB updates list columns (sectors) row by row, ~30x
    # slower (measured with duckdb 1.4.4).
    cur.register("wirecoder_kb_changes", sql.values_table(plan.changes))
    for table, match, prefixes in (
        ("events", "t.id = u.event_id AND u.side = '{s}'", [f"{s}_" for s in sql.SIDES]),
        ("event_sides", "t.event_id = u.event_id AND t.side = u.side", [""]),
    ):
        for n, prefix in enumerate(prefixes):
            side = sql.SIDES[n]
            joined = f"{table} t JOIN wirecoder_kb_changes u ON {match.format(s=side)}"
            replaced = ", ".join(f"u.{v} AS {prefix}{v}" for v in sql.VALUES)
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


def _store_learned(
    cur: duckdb.DuckDBPyConnection, learned: list[KnownActor], stale: list[KnownActor] | None
) -> None:
    """Replace the learned entries: ``stale`` ones only when given (an incremental pass), else
    all of them unless they are the same (then nothing is written)."""
    if stale is not None:
        names = [e.name for e in stale]
        cur.register("wirecoder_kb_stale", sql.column_table("name", names))
        cur.execute(
            "DELETE FROM known_actors WHERE source = 'learned' "
            "AND name IN (SELECT name FROM wirecoder_kb_stale)"
        )
        cur.unregister("wirecoder_kb_stale")
        _insert_entries(cur, learned)
        return
    cur.register("wirecoder_kb_learned", sql.entries_table(learned))
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


def _read_entries(cur: duckdb.DuckDBPyConnection, source: str | None = None) -> list[KnownActor]:
    if source is None:
        rows = cur.execute(sql.ENTRIES).fetchall()
    else:
        rows = cur.execute(sql.ENTRIES + " WHERE source = ?", [source]).fetchall()
    found = [
        KnownActor(name, country, igo, tuple(sectors), role, first, last, int(n), source)
        for name, country, igo, sectors, role, first, last, n, source in rows
    ]
    return sorted(found, key=entry_order)


def _insert_entries(cur: duckdb.DuckDBPyConnection, found: list[KnownActor]) -> None:
    if not found:
        return
    cur.register("wirecoder_kb_entries", sql.entries_table(found))
    cur.execute("INSERT INTO known_actors BY NAME SELECT * FROM wirecoder_kb_entries")
    cur.unregister("wirecoder_kb_entries")


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
