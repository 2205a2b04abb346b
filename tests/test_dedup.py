"""Deduplication across sources: the rule on plain records, and incremental runs on a real store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirecoder.dedup import Candidate, assign, clusters, dedup, symmetric_types
from wirecoder.records import (
    Actor,
    Article,
    ArticleResult,
    Dateline,
    Event,
    Evidence,
    Place,
)
from wirecoder.store import Store, StoreError

SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def side(code: str | None) -> Actor | None:
    if code is None:
        return None
    if code.isupper() and len(code) == 3:
        return Actor(code, country=code, sectors=("GOV",))
    return Actor(code, igo=code.upper())


def mention(
    id: str,
    type: str = "CONSULT",
    actor: str | None = "AZE",
    recipient: str | None = "PAK",
    date: str | None = "2021-02-10",
    country: str | None = "PAK",
    negated: bool = False,
) -> Event:
    return Event(
        id=id,
        type=type,
        actor=side(actor),
        recipient=side(recipient),
        evidence=Evidence(f"phrase {id}", 0, 10, "a rencontré"),
        date=date,
        date_precision="day" if date and len(date) == 10 else None,
        location=Place("Islamabad", country) if country else None,
        negated=negated,
    )


def report(article_id: str, *events: Event) -> ArticleResult:
    return ArticleResult(
        Article(article_id, f"texte {article_id}", lang="fr"), "fr", Dateline(), events
    )


def candidate(event: Event) -> Candidate:
    return Candidate(
        event.id,
        event.type,
        event.negated,
        event.actor.code if event.actor else None,
        event.recipient.code if event.recipient else None,
        event.date,
        event.location.country if event.location else None,
    )


def groups(mapping: dict[str, str]) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for event_id, cluster_id in mapping.items():
        found.setdefault(cluster_id, set()).add(event_id)
    return {frozenset(members) for members in found.values()}


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([mention("a"), mention("b")], [{"a", "b"}]),
        ([mention("a"), mention("b", actor="PAK", recipient="AZE")], [{"a", "b"}]),
        ([mention("a", "ACCUSE"), mention("b", "ACCUSE", "PAK", "AZE")], [{"a"}, {"b"}]),
        ([mention("a"), mention("b", date="2021-02-11")], [{"a", "b"}]),
        ([mention("a"), mention("b", date="2021-02-12")], [{"a"}, {"b"}]),
        ([mention("a"), mention("b", country=None)], [{"a", "b"}]),
        ([mention("a"), mention("b", country="AZE")], [{"a"}, {"b"}]),
        ([mention("a"), mention("b", type="AGREE")], [{"a"}, {"b"}]),
        ([mention("a"), mention("b", negated=True)], [{"a"}, {"b"}]),
        ([mention("a", date=None), mention("b", date=None)], [{"a"}, {"b"}]),
        ([mention("a", date="2021-02"), mention("b", date="2021-02")], [{"a"}, {"b"}]),
        ([mention("a", actor=None, recipient=None), mention("b", None, None)], [{"a"}, {"b"}]),
        (  # no chaining: the 10th and the 12th are two days apart
            [mention("a"), mention("b", date="2021-02-11"), mention("c", date="2021-02-12")],
            [{"a", "b"}, {"c"}],
        ),
    ],
    ids=[
        "same",
        "symmetric-reversed",
        "directed-reversed",
        "next-day",
        "two-days",
        "one-place-unknown",
        "other-country",
        "other-type",
        "negated",
        "undated",
        "month-precision",
        "no-side-code",
        "no-chaining",
    ],
)
def test_dedup_assign_rule(events: list[Event], expected: list[set[str]]) -> None:
    mapping = assign([candidate(e) for e in events], symmetric=SYMMETRIC)
    assert set(mapping) == {e.id for e in events}
    assert groups(mapping) == {frozenset(g) for g in expected}


@pytest.mark.parametrize("order", [["a", "b", "c"], ["c", "b", "a"]])
def test_dedup_assign_does_not_depend_on_input_order(order: list[str]) -> None:
    events = {
        "a": mention("a", date="2021-02-10"),
        "b": mention("b", date="2021-02-11"),
        "c": mention("c", date="2021-02-11", country=None),
    }
    mapping = assign([candidate(events[i]) for i in order], symmetric=SYMMETRIC)
    assert mapping == {"a": "a", "b": "a", "c": "a"}


@pytest.mark.parametrize("existing_date", ["2021-02-09"])
def test_dedup_assign_joins_existing_clusters(existing_date: str) -> None:
    old = candidate(mention("old", date=existing_date))
    new = candidate(mention("new", date="2021-02-10"))
    assert assign([new], [("old", old)], symmetric=SYMMETRIC) == {"new": "old"}


@pytest.mark.parametrize("types", [{"AGREE", "CONSULT", "COOPERATE"}])
def test_dedup_symmetric_types_come_from_the_ontology(types: set[str]) -> None:
    assert symmetric_types() == types


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "dedup.duckdb") as opened:
        yield opened


def memberships(store: Store) -> list[tuple[object, ...]]:
    with store.cursor() as cur:
        return cur.execute("SELECT * FROM event_clusters ORDER BY event_id").fetchall()


@pytest.mark.parametrize("sources", [3])
def test_dedup_store_one_cluster_many_sources(store: Store, sources: int) -> None:
    store.write(
        [
            report(f"art{n}", mention(f"e{n}", date=f"2021-02-1{n % 2}"), mention(f"x{n}", "AID"))
            for n in range(sources)
        ]
    )
    assert store.count_events(unit="mentions") == 2 * sources
    assert store.count_events() == 2 * sources  # not deduplicated yet: each its own cluster
    summary = dedup(store)
    assert (summary.mentions, summary.clusters) == (2 * sources, 2)
    assert store.count_events() == 2
    assert store.count_events(type="CONSULT", actor="AZE", recipient="PAK") == 1
    heads = store.events(unit="clusters")
    assert len(heads) == 2 and len(store.events()) == 2 * sources
    [consult] = clusters(store, type="CONSULT")
    assert consult.id == "e0"
    assert [m.article_id for m in consult.mentions] == ["art0", "art2", "art1"]
    assert {m.event.evidence.sentence for m in consult.mentions} == {
        f"phrase e{n}" for n in range(sources)
    }


@pytest.mark.parametrize("later", ["2021-02-11"])
def test_dedup_store_is_incremental(store: Store, later: str) -> None:
    store.write([report("a", mention("e1"))])
    dedup(store)
    store.write([report("b", mention("e2", date=later)), report("c", mention("e3", "AID"))])
    assert dedup(store).mentions == 2
    assert memberships(store) == [("e1", "e1"), ("e2", "e1"), ("e3", "e3")]


@pytest.mark.parametrize("new_text", ["texte a, corrigé"])
def test_dedup_store_replaced_article_leaves_its_clusters(store: Store, new_text: str) -> None:
    store.write([report("a", mention("e1")), report("b", mention("e2"))])
    dedup(store)
    changed = report("a", mention("e9", "AID"))
    store.write([replace(changed, article=replace(changed.article, text=new_text))])
    assert memberships(store) == [("e2", "e1")]
    dedup(store)
    assert memberships(store) == [("e2", "e1"), ("e9", "e9")]
    assert [len(c.mentions) for c in clusters(store)] == [1, 1]


@pytest.mark.parametrize("unit", ["pairs"])
def test_dedup_store_refuses_unknown_unit(store: Store, unit: str) -> None:
    with pytest.raises(StoreError, match="unit must be"):
        store.events(unit=unit)  # type: ignore[arg-type]


@pytest.mark.parametrize("read_only", [True])
def test_dedup_store_read_only_raises(tmp_path: Path, read_only: bool) -> None:
    Store(tmp_path / "r.duckdb").close()
    with Store(tmp_path / "r.duckdb", read_only=read_only) as opened, pytest.raises(StoreError):
        dedup(opened)


# Few values, so that generated mentions do meet: 3 days, 3 codes, 2 countries.
small_mentions = st.builds(
    mention,
    id=st.just(""),
    type=st.sampled_from(["CONSULT", "ACCUSE"]),
    actor=st.sampled_from(["AZE", "PAK", "NATO", None]),
    recipient=st.sampled_from(["AZE", "PAK", None]),
    date=st.sampled_from(["2021-02-10", "2021-02-11", "2021-02-12", "2021-02", None]),
    country=st.sampled_from(["PAK", "AZE", None]),
    negated=st.booleans(),
)
corpora = st.lists(st.lists(small_mentions, min_size=1, max_size=4), min_size=1, max_size=6)


def as_results(corpus: list[list[Event]], prefix: str) -> list[ArticleResult]:
    return [
        report(f"{prefix}{n}", *(replace(e, id=f"{prefix}{n}-{k}") for k, e in enumerate(found)))
        for n, found in enumerate(corpus)
    ]


def check_clusters(store: Store) -> None:
    """Every stored mention is in one cluster, whose members all obey the rule pairwise."""
    with store.cursor() as cur:
        [(unclustered,)] = cur.execute(
            "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_clusters)"
        ).fetchall()
    assert unclustered == 0
    for cluster in clusters(store, limit=None):
        members = [candidate(m.event) for m in cluster.mentions]
        for a in members:
            for b in members:
                assert len(assign([b], [("k", a)], symmetric=SYMMETRIC)) in (0, 1)
                if a.id != b.id:
                    assert assign([b], [("k", a)], symmetric=SYMMETRIC) == {b.id: "k"}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=corpora, second=corpora)
def test_dedup_is_idempotent(
    tmp_path: Path, first: list[list[Event]], second: list[list[Event]]
) -> None:
    path = tmp_path / "idempotent.duckdb"
    path.unlink(missing_ok=True)
    with Store(path) as store:
        store.write(as_results(first, "a"))
        dedup(store)
        store.write(as_results(second, "b"))
        dedup(store)
        before = memberships(store)
        assert dedup(store).mentions == 0
        assert memberships(store) == before
        check_clusters(store)


@pytest.mark.parametrize("rows", [[("e1", "e1")]])
def test_dedup_memberships_are_unique(store: Store, rows: list[tuple[str, str]]) -> None:
    store.write([report("a", mention("e1"))])
    dedup(store)
    with pytest.raises(duckdb.ConstraintException), store.cursor() as cur:
        cur.execute("INSERT INTO event_clusters VALUES (?, ?)", list(rows[0]))
