"""The store's layout: both sides as columns of ``events``, and stores written before that."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from wirecoder.records import Actor, Article, ArticleResult, Dateline, Event, Evidence, Place
from wirecoder.store import Store


def result(id: str, *events: Event) -> ArticleResult:
    return ArticleResult(Article(id, f"texte {id}", lang="fr"), "fr", Dateline(), events)


def event(id: str, actor: Actor | None, recipient: Actor | None) -> Event:
    return Event(
        id,
        "CONSULT",
        actor,
        recipient,
        Evidence(f"phrase {id}", 0, 9, "a rencontré"),
        date="2021-02-10",
        location=Place("Bakou", "AZE"),
    )


AZE = Actor("l'ambassadeur", "Ali Alizadé", "AZE", None, ("GOV",), "ambassadeur", 0, 9)
NATO = Actor("l'OTAN", None, None, "NATO", (), None, 20, 26)
CORPUS = [
    result("a", event("a1", AZE, NATO), event("a2", NATO, None)),
    result("b", event("b1", None, AZE)),
    result("c"),
]

SIDES = [
    f"{side}_{name}"
    for side in ("actor", "recipient")
    for name in ("text", "name", "country", "igo", "sectors", "role", "start", "end")
]
OLD_VIEW = """
CREATE OR REPLACE VIEW events_flat AS
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


def make_old_store(path: Path) -> None:
    """A store as written before the sides were columns of ``events``, without clusters."""
    with Store(path) as store:
        store.write(CORPUS)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP VIEW events_flat")
        con.execute("DROP TABLE event_clusters")
        for column in SIDES:
            con.execute(f"ALTER TABLE events DROP COLUMN {column}")
        con.execute(OLD_VIEW)


@pytest.mark.parametrize("columns", [SIDES])
def test_store_layout_sides_are_event_columns(tmp_path: Path, columns: list[str]) -> None:
    with Store(tmp_path / "new.duckdb") as store:
        store.write(CORPUS)
        with store.cursor() as cur:
            names = [row[0] for row in cur.execute("DESCRIBE events").fetchall()]
            flat = cur.execute(f"SELECT id, {', '.join(SIDES)} FROM events ORDER BY id").fetchall()
            sides = ", ".join(f'{n.split("_", 1)[0]}."{n.split("_", 1)[1]}"' for n in SIDES)
            joined = cur.execute(
                f"SELECT e.id, {sides} FROM events e "
                "LEFT JOIN event_sides actor ON actor.event_id = e.id AND actor.side = 'actor' "
                "LEFT JOIN event_sides recipient ON recipient.event_id = e.id "
                "AND recipient.side = 'recipient' ORDER BY e.id"
            ).fetchall()
    assert set(columns) <= set(names)
    assert flat == joined


@pytest.mark.parametrize("read_only", [True, False])
def test_store_layout_reads_and_upgrades_old_stores(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "old.duckdb"
    with Store(tmp_path / "reference.duckdb") as reference:
        reference.write(CORPUS)
        expected = reference.events()
    make_old_store(path)
    if read_only:
        with Store(path, read_only=True) as store:
            assert store.events() == expected
        return
    with Store(path) as store:
        assert store.events() == expected
        assert store.events(actor="AZE") == [
            e for e in expected if e.actor and e.actor.code == "AZE"
        ]
        with store.cursor() as cur:
            names = [row[0] for row in cur.execute("DESCRIBE events").fetchall()]
        assert set(SIDES) <= set(names)
        assert store.write(CORPUS).articles_added == 0
