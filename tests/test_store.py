"""The DuckDB store, on real database files: idempotent writes, filters, lossless round-trips."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings

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
from wirecoder.store import Store, StoreError, WriteSummary

from strategies import quarantined, result_batches

AZE = Actor("l'ambassadeur Ali Alizadé", "Ali Alizadé", "AZE", None, ("GOV",), "ambassadeur", 0, 9)
PAK = Actor("le général Nadeem Raza", "Nadeem Raza", "PAK", None, ("MIL",), "général", 20, 42)
NATO = Actor("l'OTAN", None, None, "NATO", (), None, 50, 56)
RUS = Actor("Moscou", None, "RUS", None, ("GOV",), None, 60, 66)


def event(
    id: str, type: str, actor: Actor | None, recipient: Actor | None, date: str | None, start: int
) -> Event:
    return Event(
        id=id,
        type=type,
        actor=actor,
        recipient=recipient,
        evidence=Evidence(f"phrase {id}", start, start + 10, "trigger"),
        contexts=("diplomatic",),
        date=date,
        date_precision="day" if date else None,
        location=Place("Islamabad", "PAK", 33.72, 73.04, 1176615),
        confidence=0.9,
    )


def article(id: str, text: str, *events: Event) -> ArticleResult:
    return ArticleResult(
        article=Article(id=id, text=text, title=f"titre {id}", lang="fr"),
        language="fr",
        dateline=Dateline("Islamabad", "2021-02-10", "AZERTAC", 12, Place("Islamabad", "PAK")),
        events=events,
    )


A = article(
    "a",
    "texte a",
    event("a1", "CONSULT", AZE, PAK, "2021-02-10", 30),
    event("a2", "AGREE", PAK, AZE, "2021-02-10", 10),
)
B = article(
    "b",
    "texte b",
    event("b1", "ACCUSE", RUS, NATO, "2021-03-01", 0),
    event("b2", "THREATEN", NATO, None, None, 5),
)
C = article("c", "texte c", event("c1", "CONSULT", AZE, RUS, "2020-12-31", 0))
CORPUS = [A, B, C]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "wirecoder.duckdb") as opened:
        opened.write(CORPUS)
        yield opened


def query(store: Store, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows read beside the store, as a notebook or an export would (same process, same mode)."""
    with duckdb.connect(str(store.path)) as con:
        return con.execute(sql, list(params)).fetchall()


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: what "nothing changed" compares."""
    return {
        table: sorted(query(store, f"SELECT * FROM {table}"), key=repr)
        for table in ("articles", "events", "event_sides")
    }


@pytest.mark.parametrize("batch", [CORPUS, [A], [C, B]], ids=["all", "one", "two"])
def test_store_write_twice_changes_nothing(store: Store, batch: list[ArticleResult]) -> None:
    before = dump(store)
    assert store.write(batch) == WriteSummary(0, 0, 0)
    assert store.write(batch) == WriteSummary(0, 0, 0)
    assert dump(store) == before
    assert store.stats() == {"articles": 3, "events": 5, "quarantined": 0}


@pytest.mark.parametrize("batch", [CORPUS], ids=["corpus"])
def test_store_write_counts_what_it_adds(tmp_path: Path, batch: list[ArticleResult]) -> None:
    with Store(tmp_path / "new.duckdb") as store:
        assert store.write(batch) == WriteSummary(articles_added=3, events_added=5)
        assert store.write([]) == WriteSummary()


@pytest.mark.parametrize("batch", [[A], [C, A, B]], ids=["alone", "among-others"])
def test_store_replace_on_changed_text(store: Store, batch: list[ArticleResult]) -> None:
    changed = article("a", "texte a, corrigé", event("a3", "SUPPORT", PAK, NATO, "2021-02-11", 3))
    summary = store.write([changed if r.article.id == "a" else r for r in batch])
    assert summary == WriteSummary(articles_added=0, articles_replaced=1, events_added=1)
    assert [e.id for e in store.events(article_id="a")] == ["a3"]
    assert store.stats() == {"articles": 3, "events": 4, "quarantined": 0}
    assert query(store, "SELECT count(*) FROM event_sides WHERE starts_with(event_id, ?)", "a") == [
        (2,)
    ]


@pytest.mark.parametrize("first", ["texte a", "texte a, v2"])
def test_store_same_id_twice_in_one_batch_keeps_the_last(store: Store, first: str) -> None:
    last = article("a", "texte a, v3", event("a9", "AID", AZE, PAK, "2021-02-12", 0))
    store.write([replace(A, article=replace(A.article, text=first)), last])
    assert [r for r in store.results() if r.article.id == "a"] == [last]


@pytest.mark.parametrize("between", ["texte a, v2"])
def test_store_same_id_twice_ending_as_stored_changes_nothing(store: Store, between: str) -> None:
    before = dump(store)
    interim = replace(A, article=replace(A.article, text=between))
    assert store.write([interim, A]) == WriteSummary(0, 0, 0)
    assert dump(store) == before


@pytest.mark.parametrize("language", ["en"])
def test_store_replace_on_changed_language(store: Store, language: str) -> None:
    summary = store.write([replace(A, language=language)])
    assert summary == WriteSummary(articles_replaced=1, events_added=2)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["c1", "a2", "a1", "b1", "b2"]),
        ({"actor": "AZE"}, ["c1", "a1"]),
        ({"recipient": "AZE"}, ["a2"]),
        ({"actor": "AZE", "recipient": "PAK"}, ["a1"]),
        ({"actor": "NATO"}, ["b2"]),
        ({"recipient": "NATO"}, ["b1"]),
        ({"type": "CONSULT"}, ["c1", "a1"]),
        ({"since": "2021-01-01"}, ["a2", "a1", "b1"]),
        ({"until": "2021-02-10"}, ["c1", "a2", "a1"]),
        ({"until": "2021-02"}, ["c1", "a2", "a1"]),
        ({"since": "2021-02-10", "until": "2021-02-10"}, ["a2", "a1"]),
        ({"until": "2020"}, ["c1"]),
        ({"article_id": "b"}, ["b1", "b2"]),
        ({"limit": 2}, ["c1", "a2"]),
        ({"limit": 2, "offset": 3}, ["b1", "b2"]),
        ({"offset": 4}, ["b2"]),
        ({"limit": 0}, []),
        ({"actor": "XXX"}, []),
        ({"actor": "' OR 1=1 --"}, []),
    ],
)
def test_store_events_filters(
    store: Store, filters: dict[str, object], expected: list[str]
) -> None:
    assert [e.id for e in store.events(**filters)] == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [{"limit": -1}, {"offset": -2}])
def test_store_events_refuses_negative_pages(store: Store, bad: dict[str, int]) -> None:
    with pytest.raises(StoreError, match="positive"):
        store.events(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("article_id", ["a", "b"])
def test_store_events_are_real_records(store: Store, article_id: str) -> None:
    expected = next(r for r in CORPUS if r.article.id == article_id).events
    assert sorted(store.events(article_id=article_id), key=lambda e: e.id) == list(expected)


@pytest.mark.parametrize("corpus", [CORPUS], ids=["corpus"])
def test_store_results_rebuild_articles(store: Store, corpus: list[ArticleResult]) -> None:
    assert list(store.results()) == sorted(corpus, key=lambda r: r.article.id)


@pytest.mark.parametrize("threads", [4])
def test_store_reads_from_several_threads(store: Store, threads: int) -> None:
    expected = [e.id for e in store.events()]
    with ThreadPoolExecutor(threads) as pool:
        found = list(pool.map(lambda _: [e.id for e in store.events()], range(threads * 8)))
    assert found == [expected] * threads * 8


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=result_batches())
def test_store_round_trip_is_lossless(
    tmp_path_factory: pytest.TempPathFactory, batch: list[ArticleResult]
) -> None:
    path = tmp_path_factory.mktemp("round-trip") / "store.duckdb"
    with Store(path) as store:
        store.write(batch)
    with Store(path, read_only=True) as store:
        assert list(store.results()) == sorted(batch, key=lambda r: r.article.id)
        stored = sorted(store.events(), key=lambda e: e.id)
        assert stored == sorted((e for r in batch for e in r.events), key=lambda e: e.id)


@settings(max_examples=20, deadline=None)
@given(batch=result_batches(max_size=3))
def test_store_rewrite_is_idempotent(
    tmp_path_factory: pytest.TempPathFactory, batch: list[ArticleResult]
) -> None:
    with Store(tmp_path_factory.mktemp("idempotent") / "store.duckdb") as store:
        store.write(batch)
        before = store.stats()
        assert store.write(batch) == WriteSummary()
        assert store.stats() == before


@pytest.mark.parametrize("view", ["events_flat"])
def test_store_flat_view_joins_both_sides(store: Store, view: str) -> None:
    rows = query(
        store, f"SELECT actor_country, actor_sectors, recipient_igo FROM {view} WHERE id = ?", "b1"
    )
    assert rows == [("RUS", ["GOV"], "NATO")]


@pytest.mark.parametrize(
    "items",
    [
        [Quarantined("x.txt", "empty file", "x.txt"), Quarantined("y.jsonl:3", "bad JSON")],
        [Quarantined("x.txt", "empty file")] * 3,
    ],
)
def test_store_quarantine_keeps_each_record_reason_once(
    store: Store, items: list[Quarantined]
) -> None:
    distinct = {(q.record, q.reason) for q in items}
    assert store.add_quarantined(items) == len(distinct)
    assert store.add_quarantined(items) == 0
    assert store.add_quarantined([]) == 0
    assert {(q.record, q.reason) for q in store.quarantined()} == distinct
    assert store.stats()["quarantined"] == len(distinct)


@settings(max_examples=20, deadline=None)
@given(items=quarantined.map(lambda q: [q]))
def test_store_quarantine_round_trip(
    tmp_path_factory: pytest.TempPathFactory, items: list[Quarantined]
) -> None:
    with Store(tmp_path_factory.mktemp("quarantine") / "store.duckdb") as store:
        store.add_quarantined(items)
        assert store.quarantined() == items


@pytest.mark.parametrize("corpus", [CORPUS], ids=["corpus"])
def test_store_stats_counts_each_table(tmp_path: Path, corpus: list[ArticleResult]) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.stats() == {"articles": 0, "events": 0, "quarantined": 0}
        store.write(corpus)
        store.add_quarantined([Quarantined("z", "no text")])
        assert store.stats() == {"articles": 3, "events": 5, "quarantined": 1}


@pytest.mark.parametrize(
    "attempt",
    [lambda s: s.write([A]), lambda s: s.add_quarantined([Quarantined("q", "r")])],
    ids=["write", "add_quarantined"],
)
def test_store_read_only_refuses_writes(tmp_path: Path, attempt: object) -> None:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        attempt(store)  # type: ignore[operator]
    with Store(path, read_only=True) as store:
        assert store.stats() == {"articles": 0, "events": 0, "quarantined": 0}


@pytest.mark.parametrize("bad_id", ["a"])
def test_store_failed_batch_writes_nothing(store: Store, bad_id: str) -> None:
    new = article("d", "texte d", event("d1", "AID", AZE, PAK, None, 0))
    clash = article("e", "texte e", event(bad_id + "1", "AID", AZE, PAK, None, 0))
    with pytest.raises(StoreError, match=r"cannot write d, e to .*nothing was written.*a1"):
        store.write([new, clash])
    assert store.stats() == {"articles": 3, "events": 5, "quarantined": 0}
    assert store.write([new]) == WriteSummary(articles_added=1, events_added=1)


@pytest.mark.parametrize(
    "text",
    [
        "l'ambassadeur s'est entretenu",
        "back\\'slash",
        "\\u0027",
        "' OR 1=1; --",
        "\u2028😀",
        "\x00",
    ],
)
def test_store_text_survives_verbatim(store: Store, text: str) -> None:
    changed = replace(A, article=replace(A.article, text=text, title=text))
    store.write([changed])
    assert next(r for r in store.results() if r.article.id == "a") == changed


@pytest.mark.parametrize("text", ["lone \ud800 surrogate"])
def test_store_unstorable_text_raises_store_error(store: Store, text: str) -> None:
    before = dump(store)
    with pytest.raises(StoreError, match=r"cannot write a to .*surrogates"):
        store.write([replace(A, article=replace(A.article, text=text))])
    assert dump(store) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a database at all" * 50, "is not a DuckDB database"), (b"", "is not a DuckDB")],
    ids=["text", "empty"],
)
def test_store_not_a_database_raises_store_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        Store(path)


@pytest.mark.parametrize("read_only", [True])
def test_store_missing_file_read_only_raises_store_error(tmp_path: Path, read_only: bool) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "absent.duckdb", read_only=read_only)


@pytest.mark.parametrize("table", ["unrelated"])
def test_store_foreign_duckdb_read_only_raises_store_error(tmp_path: Path, table: str) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(f"CREATE TABLE {table} (x INTEGER)")
    with pytest.raises(StoreError, match="not a Wirecoder store"):
        Store(path, read_only=True)


@pytest.mark.parametrize(("first", "second"), [(False, True), (True, False)])
def test_store_open_in_two_modes_raises_store_error(
    tmp_path: Path, first: bool, second: bool
) -> None:
    path = tmp_path / "twice.duckdb"
    Store(path).close()
    with (
        Store(path, read_only=first),
        pytest.raises(StoreError, match="already open in this process"),
    ):
        Store(path, read_only=second)


@pytest.mark.parametrize("read_only", [False, True])
def test_store_locked_by_another_process_raises_store_error(
    tmp_path: Path, read_only: bool
) -> None:
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match="locked by another process"):
            Store(path, read_only=read_only)
    finally:
        holder.communicate("")
    with Store(path, read_only=read_only) as store:
        assert store.stats()["articles"] == 0


HOLD_LOCK = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
con.close()
"""
