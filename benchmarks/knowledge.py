"""Knowledge-base benchmark: the corpus pass that ends every ``wirecoder code`` run, timed on a
large store.

The store is the query benchmark's (``benchmarks/queries.py``: articles of ten events, dates
over 2015-2024), with person names put on the sides: of every ten sides, three name one of
``--people`` people with an office (which changes once, half-way through the period), two name
one bare, the rest name nobody. The first pass learns and resolves; the second one finds
nothing to change; then ``--new`` articles are written (ten events each, named the same way)
and the pass after them, the cost of every later run, recomputes only the names they give;
last, the same store's whole pass (its record of what it saw forgotten), for comparison.

Run:  .venv/bin/python benchmarks/knowledge.py [--events 1000000] [--people 20000] [--new 100]
Always exits 0: it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from queries import generate

from wirecoder.actors.knowledge_db import update
from wirecoder.records import Actor, Article, ArticleResult, Dateline, Event, Evidence
from wirecoder.store import Store


def add_people(db: Path, people: int) -> None:
    """Name people on the sides of the generated events (see the module's docstring).

    Rewritten as delete + insert: DuckDB updates list columns row by row."""
    replaced = []
    for side in ("actor", "recipient"):
        person = f"'Personne ' || (hash(id || '{side}') % {people})"
        kind = f"(hash(id || '{side}x') % 10)"
        office = "CASE WHEN date < '2020-01-01' THEN 'ministre' ELSE 'premier ministre' END"
        bare = f"{kind} BETWEEN 3 AND 4"
        replaced += [
            f"CASE WHEN {kind} < 5 THEN {person} END AS {side}_name",
            f"CASE WHEN {kind} < 3 THEN {office} END AS {side}_role",
            f"CASE WHEN {bare} THEN []::VARCHAR[] ELSE {side}_sectors END AS {side}_sectors",
            f"CASE WHEN {bare} THEN NULL ELSE {side}_igo END AS {side}_igo",
        ]
    with Store(db) as store, store.cursor() as cur:
        cur.execute(
            f"CREATE TEMP TABLE named AS SELECT * REPLACE ({', '.join(replaced)}) FROM events"
        )
        cur.execute("DELETE FROM events")
        cur.execute("INSERT INTO events SELECT * FROM named")
        cur.execute("DELETE FROM event_sides")
        for side in ("actor", "recipient"):
            columns = ", ".join(f"{side}_{c}" for c in ("text", "name", "country", "igo"))
            cur.execute(
                "INSERT INTO event_sides (event_id, side, text, name, country, igo, sectors, "
                f"role, start, \"end\") SELECT id, '{side}', {columns}, {side}_sectors, "
                f"{side}_role, {side}_start, {side}_end FROM events"
            )


def new_articles(count: int, people: int) -> list[ArticleResult]:
    """``count`` new articles of ten events, their sides named as in :func:`add_people`."""
    found = []
    for n in range(count):
        events = []
        for k in range(10):
            person = f"Personne {(n * 10 + k) * 7919 % people}"
            if k < 3:
                side = Actor(f"le ministre {person}", person, "AZE", None, ("GOV",), "ministre")
            elif k < 5:
                side = Actor(person, person, "FRA")
            else:
                side = Actor("la France", None, "FRA", None, ("GOV",))
            evidence = Evidence("phrase", 0, 6, "a critiqué")
            events.append(Event(f"new{n}#{k}", "ACCUSE", side, None, evidence, date="2025-01-02"))
        article = Article(f"new{n}", f"Nouvelle dépêche {n}", date="2025-01-02", lang="fr")
        found.append(ArticleResult(article, "fr", Dateline(date="2025-01-02"), tuple(events)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--new", type=int, default=100, help="articles written after a pass")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        began = time.perf_counter()
        generate(db, args.events)
        add_people(db, args.people)
        print(f"generated {args.events} events in {time.perf_counter() - began:.1f} s")
        with Store(db) as store:

            def timed(label: str) -> None:
                began = time.perf_counter()
                summary = update(store)
                load = os.getloadavg()[0]
                print(f"{time.perf_counter() - began:7.2f} s  {label} (load {load:.1f}): {summary}")

            timed("first pass")
            timed("second pass, nothing new")
            store.write(new_articles(args.new, args.people))
            timed(f"pass after {args.new} new articles (incremental)")
            with store.cursor() as cur:
                cur.execute("DELETE FROM knowledge_seen")
                cur.execute("DELETE FROM knowledge_state")
            timed("the same store's whole pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
