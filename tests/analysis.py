"""The analysis test store: ``samples/fr`` and one hostile article, coded by the real pipeline.

Shared by ``test_query.py``, ``test_api.py`` and ``test_web.py``; built once per test session.
The extra article carries ``<script>alert(1)</script>`` in its text and where an actor's name
stands. After coding, its Azerbaijani actor is given that string in its proper name and its events a
place whose name carries it too (with coordinates), so the string reaches every page: event
table, evidence sentence, actor list and profile, dyad page, map.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest

from wirecoder.ingest import read_paths
from wirecoder.records import Article, ArticleResult, Place
from wirecoder.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "fr"
SCRIPT = "<script>alert(1)</script>"
HOSTILE_ID = "test-script-2021-02-10-islamabad"
HOSTILE_NAME = f"Ali {SCRIPT} Alizadé"
HOSTILE_PLACE = f"Islamabad {SCRIPT}"
HOSTILE_TEXT = (
    " date 2021-02 Islamabad, 10 février, AZERTAC\n\n"
    f"L'ambassadeur d'Azerbaïdjan au Pakistan, Ali {SCRIPT} Alizadé, s'est entretenu avec le "
    "général pakistanais Nadeem Raza. "
    f"Le ministre pakistanais {SCRIPT} a remercié l'Azerbaïdjan pour son soutien.\n"
)


def hostile_result(coder: Any) -> ArticleResult:
    """The hostile article coded, with the script string as actor name and place name."""
    result: ArticleResult = coder.code(HOSTILE_TEXT, article_id=HOSTILE_ID)
    place = Place(HOSTILE_PLACE, "PAK", 33.72, 73.04, 1176615)
    events = tuple(
        replace(
            event,
            actor=(
                replace(event.actor, name=HOSTILE_NAME)
                if event.actor and event.actor.country == "AZE"
                else event.actor
            ),
            location=place,
        )
        for event in result.events
    )
    assert any(
        e.actor and e.actor.country == "AZE" and e.recipient and e.recipient.country == "PAK"
        for e in events
    ), f"the pipeline no longer codes AZE → PAK in {HOSTILE_ID}: {events}"
    return replace(result, events=events)


def analysis_store(factory: pytest.TempPathFactory, coder: Any) -> Path:
    """The path of the session's analysis store, written on first use."""
    path = factory.getbasetemp() / "analysis" / "wirecoder.duckdb"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    articles = [item for item in read_paths([str(SAMPLES)], lang="fr") if isinstance(item, Article)]
    assert len(articles) == 12, f"expected the 12 French samples in {SAMPLES}"
    with Store(path) as store:
        store.write([*coder.code_many(articles), hostile_result(coder)])
    return path


# The ``events_flat`` view of stores that keep both sides in ``event_sides`` only.
_SIDES_VIEW = """
CREATE VIEW events_flat AS SELECT e.*,
    a.text AS actor_text, a.name AS actor_name, a.country AS actor_country,
    a.igo AS actor_igo, a.sectors AS actor_sectors, a.role AS actor_role,
    a.start AS actor_start, a."end" AS actor_end,
    r.text AS recipient_text, r.name AS recipient_name, r.country AS recipient_country,
    r.igo AS recipient_igo, r.sectors AS recipient_sectors, r.role AS recipient_role,
    r.start AS recipient_start, r."end" AS recipient_end
FROM events e
LEFT JOIN event_sides a ON a.event_id = e.id AND a.side = 'actor'
LEFT JOIN event_sides r ON r.event_id = e.id AND r.side = 'recipient'
"""


def sides_only_copy(path: Path, target: Path) -> Path:
    """A copy of a store in the older layout: no side columns in ``events``, only ``event_sides``.

    The queries read either layout; this lets the tests run them on both.
    """
    shutil.copyfile(path, target)
    with duckdb.connect(str(target)) as con:
        columns = [
            name
            for (name,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
                "AND (starts_with(column_name, 'actor_') OR starts_with(column_name, 'recipient_'))"
            ).fetchall()
        ]
        con.execute("DROP VIEW events_flat")
        for name in columns:
            con.execute(f'ALTER TABLE events DROP COLUMN "{name}"')
        con.execute(_SIDES_VIEW)
    return target
