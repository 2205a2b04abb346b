"""The knowledge-base pass over a real DuckDB store, on hand-made records (no model needed)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wirecoder.actors.knowledge_db import (
    entries,
    export_csv,
    import_csv,
    import_entries,
    update,
)
from wirecoder.dedup import dedup
from wirecoder.ontology import Ontology
from wirecoder.records import Actor, Article, ArticleResult, Dateline, Event, Evidence, KnownActor
from wirecoder.store import Store, StoreError

SECTORS = frozenset(Ontology.load().sectors)
MINISTER = Actor(
    "le ministre azerbaïdjanais de la Défense, Rauf Guliyev",
    "Rauf Guliyev",
    "AZE",
    None,
    ("GOV",),
    "ministre de la défense",
)
BARE = Actor("Rauf Guliyev", "Rauf Guliyev", "FRA")  # the dateline's country, a guess
OTHER = Actor("la France", None, "FRA", None, ("GOV",))


def article(id: str, date: str | None, *sides: Actor, text: str = "") -> ArticleResult:
    """An article whose n-th event has ``sides[n]`` as its actor and France as recipient."""
    events = tuple(
        Event(f"{id}#{n}", "ACCUSE", side, OTHER, Evidence("phrase", 0, 6, "a critiqué"), date=date)
        for n, side in enumerate(sides)
    )
    body = text or f"dépêche {id}: " + " ".join(s.text for s in sides)
    return ArticleResult(Article(id, body, lang="fr"), "fr", Dateline(date=date), events)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "kb.duckdb") as opened:
        yield opened


def side_rows(store: Store) -> list[tuple[object, ...]]:
    """Each actor side, as ``events`` and as ``event_sides`` hold it."""
    with store.cursor() as cur:
        return cur.execute(
            "SELECT e.id, e.actor_country, e.actor_sectors, e.actor_role, "
            "s.country, s.sectors, s.role FROM events e "
            "JOIN event_sides s ON s.event_id = e.id AND s.side = 'actor' ORDER BY e.id"
        ).fetchall()


def actor_of(store: Store, event_id: str) -> Actor:
    [found] = [e.actor for e in store.events() if e.id == event_id]
    assert found is not None
    return found


def test_actors_knowledge_db_resolves_bare_names_in_both_tables(store: Store) -> None:
    store.write([article("titre", "2020-03-03", MINISTER), article("nu", "2020-11-20", BARE)])
    summary = update(store)
    assert (summary.learned, summary.user, summary.resolved, summary.changed) == (1, 0, 1, 1)
    resolved = actor_of(store, "nu#0")
    assert (resolved.country, resolved.sectors, resolved.role) == ("AZE", ("GOV",), MINISTER.role)
    assert (resolved.text, resolved.name) == (BARE.text, BARE.name)
    for row in side_rows(store):
        assert row[1:4] == row[4:7]


@pytest.mark.parametrize("passes", [3])
def test_actors_knowledge_db_pass_is_idempotent(store: Store, passes: int) -> None:
    store.write([article("titre", "2020-03-03", MINISTER), article("nu", "2020-11-20", BARE)])
    update(store)
    before = (side_rows(store), entries(store))
    for _ in range(passes):
        assert update(store).changed == 0
        assert (side_rows(store), entries(store)) == before


@pytest.mark.parametrize("bare_articles", [3])
def test_actors_knowledge_db_resolved_sides_teach_nothing(store: Store, bare_articles: int) -> None:
    store.write([article("titre", "2020-03-03", MINISTER)])
    store.write([article(f"nu-{n}", "2021-01-0{n}", BARE) for n in range(1, bare_articles + 1)])
    update(store)
    update(store)
    [learned] = entries(store)
    assert (learned.articles, learned.first_seen, learned.last_seen) == (1, *["2020-03-03"] * 2)


@pytest.mark.parametrize("new_text", ["dépêche titre, corrigée: Rauf Guliyev a critiqué la France"])
def test_actors_knowledge_db_forgets_when_the_title_goes(store: Store, new_text: str) -> None:
    store.write([article("titre", "2020-03-03", MINISTER), article("nu", "2020-11-20", BARE)])
    update(store)
    store.write([article("titre", "2020-03-03", BARE, text=new_text)])  # the article, re-coded
    summary = update(store)
    assert (summary.learned, summary.resolved) == (0, 0)
    assert actor_of(store, "nu#0") == BARE
    assert entries(store) == []
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM actor_resolutions").fetchall() == [(0,)]


@pytest.mark.parametrize("role", ["vice-premier ministre"])
def test_actors_knowledge_db_user_entries_override_learned(store: Store, role: str) -> None:
    store.write([article("titre", "2020-03-03", MINISTER), article("nu", "2020-11-20", BARE)])
    update(store)
    user = KnownActor("RAUF GULIYEV", "AZE", None, ("GOV",), role, "2020-01-01", source="user")
    assert import_entries(store, [user]) == 1
    assert update(store).changed == 1
    assert actor_of(store, "nu#0").role == role
    assert actor_of(store, "titre#0").role == MINISTER.role  # explicit titles are kept
    assert {e.source for e in entries(store)} == {"learned", "user"}
    # importing again replaces the user's entries for that name, not adds to them
    import_entries(store, [KnownActor("Rauf Guliyev", "AZE", None, ("GOV",), "premier ministre")])
    update(store)
    assert [e.role for e in entries(store) if e.source == "user"] == ["premier ministre"]
    assert actor_of(store, "nu#0").role == "premier ministre"


@pytest.mark.parametrize("name", ["Guliyev"])
def test_actors_knowledge_db_export_import_round_trip(
    store: Store, tmp_path: Path, name: str
) -> None:
    store.write([article("titre", "2020-03-03", MINISTER), article("nu", "2020-11-20", BARE)])
    update(store)
    first = tmp_path / "kb.csv"
    assert export_csv(store, first, name=name) == 1
    with Store(tmp_path / "other.duckdb") as other:
        done = import_csv(other, first, SECTORS)
        assert (done.imported, done.errors) == (1, ())
        [imported] = entries(other)
        [learned] = entries(store)
        assert imported.source == "user"
        assert imported == replace(learned, source="user")
        second = tmp_path / "again.csv"
        export_csv(other, second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8").replace(
        ",learned\n", ",user\n"
    )


@pytest.mark.parametrize(("filter", "count"), [({"country": "aze"}, 1), ({"country": "NATO"}, 0)])
def test_actors_knowledge_db_entries_filter(
    store: Store, filter: dict[str, str], count: int
) -> None:
    store.write([article("titre", "2020-03-03", MINISTER)])
    update(store)
    assert len(entries(store, **filter)) == count


@pytest.mark.parametrize("read_only", [True])
def test_actors_knowledge_db_read_only_store_refuses_update(
    tmp_path: Path, read_only: bool
) -> None:
    Store(tmp_path / "r.duckdb").close()
    opened = Store(tmp_path / "r.duckdb", read_only=read_only)
    with opened, pytest.raises(StoreError, match="read-only"):
        update(opened)


@pytest.mark.parametrize("table", ["known_actors"])
def test_actors_knowledge_db_store_without_the_table_lists_nothing(
    tmp_path: Path, table: str
) -> None:
    path = tmp_path / "old.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute(f"DROP TABLE {table}")  # a store written before the knowledge base
    with Store(path, read_only=True) as old:
        assert entries(old) == []


def clusters_of(store: Store) -> set[frozenset[str]]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT cluster_id, event_id FROM event_clusters").fetchall()
    found: dict[str, set[str]] = {}
    for cluster, event in rows:
        found.setdefault(cluster, set()).add(event)
    return {frozenset(members) for members in found.values()}


@pytest.mark.parametrize("day", ["2020-11-20"])
def test_actors_knowledge_db_recoded_sides_are_clustered_again(tmp_path: Path, day: str) -> None:
    bare, titled = article("nu", day, BARE), article("titre", day, MINISTER)
    french = article("paris", day, OTHER)  # France accuses France: the bare side's first guess
    with Store(tmp_path / "two-runs.duckdb") as two_runs:
        for results in ([french, bare], [titled]):
            two_runs.write(results)
            update(two_runs)
            dedup(two_runs)
        with Store(tmp_path / "one-run.duckdb") as one_run:
            one_run.write([french, bare, titled])
            update(one_run)
            dedup(one_run)
            expected = {frozenset({"paris#0"}), frozenset({"nu#0", "titre#0"})}
            assert clusters_of(two_runs) == clusters_of(one_run) == expected


PRESIDENT = replace(MINISTER, text="le président Rauf Guliyev", role="président")
OTHER_MAN = Actor("Kamal Rzayev", "Kamal Rzayev", "FRA")
RZAYEV = Actor("le ministre turc, Kamal Rzayev", "Kamal Rzayev", "TUR", None, ("GOV",), "ministre")
# Batches of articles written one run after another: titles arriving after the bare names they
# resolve, an office that changes, an article rewritten without its title, a name in two cases.
RUNS = [
    [article("nu-1", "2020-11-20", BARE, OTHER_MAN), article("autre", "2020-01-01", OTHER)],
    [article("titre", "2020-03-03", MINISTER), article("rzayev-nu", "2021-05-05", OTHER_MAN)],
    [article("président", "2021-06-01", PRESIDENT), article("nu-2", "2021-07-01", BARE)],
    [
        article("rzayev", "2021-01-01", RZAYEV),
        article("casse", "2021-08-01", replace(BARE, name="RAUF GULIYEV")),
    ],
    [article("titre", "2020-03-03", BARE, text="dépêche titre, corrigée: Rauf Guliyev")],
    [],
]


def knowledge_state(store: Store) -> tuple[object, ...]:
    with store.cursor() as cur:
        resolutions = cur.execute("SELECT * FROM actor_resolutions ORDER BY ALL").fetchall()
    return side_rows(store), entries(store), resolutions


def runs_against_whole_passes(folder: Path, batches: list[list[ArticleResult]]) -> int:
    """Write ``batches`` run after run, with a pass after each, into one store, and compare it
    after every run with a new store given everything at once and one whole pass; returns how
    many sides the last pass resolved."""
    once = None
    with Store(folder / "runs.duckdb") as runs:
        for n, batch in enumerate(batches):
            runs.write(batch)
            step = update(runs)
            with Store(folder / f"whole-{n}.duckdb") as whole:
                whole.write([r for done in batches[: n + 1] for r in done])
                once = update(whole)
                assert knowledge_state(runs) == knowledge_state(whole), n
                assert (step.learned, step.user, step.resolved) == (
                    once.learned,
                    once.user,
                    once.resolved,
                ), n
    return once.resolved if once else 0


def test_actors_knowledge_db_incremental_passes_equal_a_whole_pass(tmp_path: Path) -> None:
    assert runs_against_whole_passes(tmp_path, RUNS) > 0


SIDE_POOL = [
    MINISTER,
    BARE,
    PRESIDENT,
    OTHER,
    OTHER_MAN,
    RZAYEV,
    replace(BARE, name="RAUF GULIYEV"),
]
written = st.lists(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.sampled_from(["2019-05-05", "2020-11-20", "2021-07-01", None]),
            st.lists(st.sampled_from(SIDE_POOL), min_size=1, max_size=3),
        ),
        max_size=3,
    ),
    min_size=1,
    max_size=4,
)


# An article rewritten twice in one run, ending as the last pass saw it (found by CI).
AGAIN = [("a", "2019-05-05", [MINISTER]), ("a", "2020-11-20", [BARE, MINISTER])]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=written)
@example(runs=[AGAIN, AGAIN])
def test_actors_knowledge_db_incremental_equals_whole_on_any_runs(
    tmp_path_factory: pytest.TempPathFactory,
    runs: list[list[tuple[str, str | None, list[Actor]]]],
) -> None:
    folder = tmp_path_factory.mktemp("kb-runs")
    batches = [
        [
            article(id, date, *sides, text=f"{id} {date} " + " ".join(s.text for s in sides))
            for id, date, sides in batch
        ]
        for batch in runs
    ]
    runs_against_whole_passes(folder, batches)
