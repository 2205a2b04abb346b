"""Knowledge-base benchmark: the corpus pass that ends every ``wirecoder code`` run, timed on a
large store.

The store is the query benchmark's (``benchmarks/queries.py``: articles of ten events, dates
over 2015-2024), with person names put on the sides: of every ten sides, three name one of
``--people`` people with an office (which changes once, half-way through the period), two name
one bare, the rest name nobody. The first pass learns and resolves; the second one, the cost
of every later run, finds nothing to change.

Run:  .venv/bin/python benchmarks/knowledge.py [--events 1000000] [--people 20000]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=20_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        began = time.perf_counter()
        generate(db, args.events)
        add_people(db, args.people)
        print(f"generated {args.events} events in {time.perf_counter() - began:.1f} s")
        with Store(db) as store:
            for label in ("first pass", "second pass"):
                began = time.perf_counter()
                summary = update(store)
                load = os.getloadavg()[0]
                print(f"{time.perf_counter() - began:7.2f} s  {label} (load {load:.1f}): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
