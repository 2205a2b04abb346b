"""Query benchmark: a dyad series and filtered searches over one million stored events.

The events are generated straight into a Wirecoder store with SQL (100,000 articles of ten
events each, 40 country codes and 4 IGOs, dates over 2015-2024, a quarter of them in
two-article clusters), so the store's own schema, indexes and layout are what is measured.
Each query runs once to warm the file cache, then ``--repeat`` times; the median is reported.

Run:  .venv/bin/python benchmarks/queries.py [--events 1000000] [--db PATH] [--repeat 5]
Always exits 0: it measures, it does not gate (the target is < 0.2 s each).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wirecoder import query
from wirecoder.records import EVENT_TYPES
from wirecoder.store import Store

COUNTRIES = tuple(
    [
        "AZE",
        "PAK",
        "RUS",
        "USA",
        "FRA",
        "DEU",
        "GBR",
        "CHN",
        "IND",
        "IRN",
        "TUR",
        "ARM",
        "GEO",
        "UKR",
        "KAZ",
        "UZB",
        "KGZ",
        "TJK",
        "SRB",
        "KOS",
        "ISR",
        "PSE",
        "EGY",
        "SAU",
        "QAT",
        "JPN",
        "KOR",
        "PRK",
        "BRA",
        "MEX",
        "NGA",
        "KEN",
        "ETH",
        "SDN",
        "MLI",
        "SEN",
        "DZA",
        "MAR",
        "TUN",
        "ITA",
    ]
)
IGOS = ("NATO", "UN", "EU", "OSCE")
TYPES = EVENT_TYPES


def generate(db: Path, events: int) -> None:
    """Fill a new store at ``db`` with ``events`` events, ten per article, in SQL."""
    codes = [*COUNTRIES, *IGOS]
    per_article = 10
    with Store(db) as store, store.cursor() as cur:
        cur.execute("SET preserve_insertion_order = false")
        cur.execute(
            "CREATE TEMP TABLE codes AS SELECT unnest(?::VARCHAR[]) AS code, "
            "generate_subscripts(?::VARCHAR[], 1) - 1 AS n",
            [codes, codes],
        )
        cur.execute(
            "CREATE TEMP TABLE types AS SELECT unnest(?::VARCHAR[]) AS type, "
            "generate_subscripts(?::VARCHAR[], 1) - 1 AS n",
            [list(TYPES), list(TYPES)],
        )
        cur.execute(
            "INSERT INTO articles (id, content_hash, language, date, source, "
            "dateline_body_start, text) "
            "SELECT 'a' || i, md5(i::VARCHAR), 'fr', "
            "strftime(DATE '2015-01-01' + (i % 3650)::INTEGER, '%Y-%m-%d'), 'bench', 0, "
            "'Texte ' || i FROM range(?) t(i)",
            [events // per_article],
        )
        # Each event: a pseudo-random type and pair of sides; a quarter of them repeat the
        # event of the article before (same date, type and sides): a two-source cluster.
        cur.execute(
            "CREATE TEMP TABLE g AS SELECT i, i // ? AS art, "
            "CASE WHEN (i // ?) % 4 = 1 THEN i - ? ELSE i END AS base FROM range(?) t(i)",
            [per_article, per_article, per_article, events],
        )
        cur.execute(
            "CREATE TEMP TABLE gen AS SELECT g.i, g.art, g.base, "
            "hash(g.base) % 16 AS t, hash(g.base * 7 + 1) % ? AS a, "
            "hash(g.base * 13 + 5) % ? AS r, "
            "strftime(DATE '2015-01-01' + ((g.base // ?) % 3650)::INTEGER, '%Y-%m-%d') AS d "
            "FROM g",
            [len(codes), len(codes), per_article],
        )
        country = "CASE WHEN {t}.n < ? THEN {t}.code END"
        igo = "CASE WHEN {t}.n >= ? THEN {t}.code END"
        cur.execute(
            "INSERT INTO events (id, article_id, seq, type, contexts, negated, cameo, "
            "goldstein, quad_class, date, date_precision, location_name, location_country, "
            'sentence, start, "end", trigger, confidence, '
            "actor_text, actor_country, actor_igo, actor_sectors, actor_start, actor_end, "
            "recipient_text, recipient_country, recipient_igo, recipient_sectors, "
            "recipient_start, recipient_end) "
            "SELECT 'e' || gen.i, 'a' || gen.art, gen.i % ?, types.type, ['diplomatic'], "
            "hash(gen.base) % 50 = 0, '040', 1.0, 1 + (gen.t % 4), gen.d, 'day', 'Bakou', "
            "'AZE', 'Phrase ' || gen.base, 0, 10, 'rencontre', 0.9, "
            f"x.code, {country.format(t='x')}, {igo.format(t='x')}, ['GOV'], 0, 5, "
            f"y.code, {country.format(t='y')}, {igo.format(t='y')}, ['GOV'], 6, 9 "
            "FROM gen JOIN types ON types.n = gen.t JOIN codes x ON x.n = gen.a "
            "JOIN codes y ON y.n = gen.r",
            [per_article, *[len(COUNTRIES)] * 4],
        )
        for side in ("actor", "recipient"):
            cur.execute(
                "INSERT INTO event_sides (event_id, side, text, country, igo, sectors, "
                'start, "end") '
                f"SELECT id, '{side}', {side}_text, {side}_country, {side}_igo, "
                f"{side}_sectors, {side}_start, {side}_end FROM events"
            )
        cur.execute("INSERT INTO event_clusters SELECT 'e' || i, 'e' || base FROM g")


def timed(run: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` runs, after one warm-up run."""
    run()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="Reuse this store (generated if absent).")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    folder = tempfile.TemporaryDirectory()
    db = args.db or Path(folder.name) / "bench.duckdb"
    if not db.exists():
        began = time.perf_counter()
        generate(db, args.events)
        print(f"generated {args.events} events in {time.perf_counter() - began:.1f} s")
    with Store(db, read_only=True) as store:
        one, five, _ = os.getloadavg()
        print(f"store: {store.stats()}; load average {one:.1f} (1 min), {five:.1f} (5 min)")
        cases: dict[str, Callable[[], object]] = {
            "query.dyad(AZE, PAK, by=month) (clusters, the default)": (
                lambda: query.dyad(store, "AZE", "PAK")
            ),
            "query.dyad(AZE, PAK, by=month, unit=mentions)": (
                lambda: query.dyad(store, "AZE", "PAK", unit="mentions")
            ),
            "query.top_dyads(limit=20) (clusters)": lambda: query.top_dyads(store),
            "query.stats() (clusters)": lambda: query.stats(store),
            "query.actor(AZE) (clusters)": lambda: query.actor(store, "AZE"),
            "query.map_points(actor=AZE) (clusters)": lambda: query.map_points(
                store, query.EventFilter(actor="AZE")
            ),
            "query.search_events(actor=AZE, recipient=PAK, since=2020-01-01, limit=50)": (
                lambda: query.search_events(
                    store, query.EventFilter("AZE", "PAK", since="2020-01-01"), limit=50
                )
            ),
            "query.search_events(type=ASSAULT, since=2023-06-01, limit=50)": (
                lambda: query.search_events(
                    store, query.EventFilter(type="ASSAULT", since="2023-06-01"), limit=50
                )
            ),
            "Store.events(actor=AZE, recipient=PAK, since=2020-01-01)": (
                lambda: store.events(actor="AZE", recipient="PAK", since="2020-01-01")
            ),
            "Store.events(..., unit=clusters)": (
                lambda: store.events(
                    actor="AZE", recipient="PAK", since="2020-01-01", unit="clusters"
                )
            ),
            "Store.count_events(actor=AZE) (clusters)": lambda: store.count_events(actor="AZE"),
        }
        for name, run in cases.items():
            print(f"{timed(run, args.repeat):7.3f} s  {name}")
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
