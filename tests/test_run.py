"""The run loop's parts: batching, coding and writing with one-by-one fallbacks, shards."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirecoder.records import Article, ArticleResult, Dateline, Quarantined
from wirecoder.run import (
    batches,
    code_batch,
    local_engine,
    overlapped_engine,
    read_ahead,
    run,
    write_batch,
)
from wirecoder.shards import read_shard, write_shard
from wirecoder.store import Store

from strategies import quarantined, result_batches


class FailingCoder:
    """A coder that fails on the articles whose text holds ``poison`` (a real Coder's stand-in:
    no real article is known to make the pipeline raise)."""

    def __init__(self, poison: str) -> None:
        self.poison = poison

    def code_many(self, articles: Iterable[Article | str]) -> Iterator[ArticleResult]:
        for item in articles:
            assert isinstance(item, Article)
            if self.poison in item.text:
                raise RuntimeError(f"stage broke on {item.id}")
            yield ArticleResult(item, "fr", Dateline())


class StagedFailingCoder(FailingCoder):
    """``FailingCoder`` with batches that start before they are coded; it logs the calls, and
    ``fail_submit`` makes starting a batch whose text holds it fail."""

    def __init__(self, poison: str, fail_submit: str = "") -> None:
        super().__init__(poison)
        self.fail_submit = fail_submit
        self.calls: list[str] = []

    def submit(self, articles: list[Article]) -> list[Article]:
        self.calls.append("submit " + ",".join(a.id for a in articles))
        if self.fail_submit and any(self.fail_submit in a.text for a in articles):
            raise RuntimeError("could not start")
        return articles

    def collect(self, started: list[Article]) -> list[ArticleResult]:
        self.calls.append("collect " + ",".join(a.id for a in started))
        return list(self.code_many(started))


def result(id: str, title: str | None = None) -> ArticleResult:
    return ArticleResult(Article(id, f"texte {id}", title=title, lang="fr"), "fr", Dateline())


@pytest.mark.parametrize("size", [2])
def test_run_batches_carry_quarantined_records(size: int) -> None:
    a, b, c = (Article(i, "t") for i in "abc")
    q1, q2 = Quarantined("x", "empty"), Quarantined("y", "binary")
    found = list(batches([q1, a, b, q2, c], size))
    assert [(x.articles, x.quarantined) for x in found] == [((a, b), (q1,)), ((c,), (q2,))]
    assert [x.index for x in found] == [0, 1]


@pytest.mark.parametrize("poison", ["POISON"])
def test_run_code_batch_quarantines_only_the_failing_article(poison: str) -> None:
    articles = [Article("a", "bon"), Article("b", f"{poison}"), Article("c", "bon")]
    results, failed = code_batch(FailingCoder(poison), articles)
    assert [r.article.id for r in results] == ["a", "c"]
    assert [(q.record, q.reason.split(" (")[0]) for q in failed] == [("b", "coding failed")]
    assert "RuntimeError: stage broke on b" in failed[0].reason


@pytest.mark.parametrize("bad_title", ["lone \ud800 surrogate"])
def test_run_write_batch_stores_the_others_and_quarantines_the_failing(
    tmp_path: Path, bad_title: str
) -> None:
    batch = [result("a"), result("b", title=bad_title), result("c")]
    with Store(tmp_path / "w.duckdb") as store:
        written, failed = write_batch(store, batch)
        assert [r.article.id for r in written] == ["a", "c"]
        assert [q.record for q in failed] == ["b"]
        assert failed[0].reason.startswith("not stored (StoreError: cannot write b")
        store.add_quarantined(failed)
        assert store.stats() == {"articles": 2, "events": 0, "quarantined": 1}


@pytest.mark.parametrize("poison", ["POISON"])
def test_run_every_record_ends_coded_or_quarantined(tmp_path: Path, poison: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in [("a", "bon"), ("b", poison), ("c", ""), ("d", "bon aussi")]:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "r.duckdb") as store:
        seen: list[int] = []
        summary = run(
            [folder],
            store,
            local_engine(FailingCoder(poison)),
            lang="fr",
            batch_size=2,
            on_batch=lambda s: seen.append(s.read),
        )
        assert (summary.read, summary.coded, summary.quarantined) == (4, 2, 2)
        assert seen == [2, 4]
        assert sorted(q.record for q in store.quarantined()) == sorted(["b", str(folder / "c.txt")])
        again = run([folder], store, local_engine(FailingCoder(poison)), lang="fr")
        assert (again.coded, again.stored_before, again.quarantined) == (2, 2, 2)
        assert store.stats()["quarantined"] == 2


@pytest.mark.parametrize("poison", ["POISON"])
def test_run_overlapped_engine_starts_the_next_batch_before_coding_one(poison: str) -> None:
    articles = [Article(i, f"texte {i}") for i in "abcde"]
    articles[3] = Article("d", f"texte {poison}")
    coder = StagedFailingCoder(poison)
    coded = list(overlapped_engine(coder)(batches(articles, 2)))
    assert coder.calls[:4] == ["submit a,b", "submit c,d", "collect a,b", "submit e"]
    assert [[r.article.id for r in c.results] for c in coded] == [["a", "b"], ["c"], ["e"]]
    assert [[q.record for q in c.quarantined] for c in coded] == [[], ["d"], []]
    local = list(local_engine(FailingCoder(poison))(batches(articles, 2)))
    assert coded == local


@pytest.mark.parametrize("fail_submit", ["BROKEN"])
def test_run_overlapped_engine_codes_a_batch_that_fails_to_start(fail_submit: str) -> None:
    articles = [Article("a", "texte"), Article("b", fail_submit), Article("c", "texte")]
    coder = StagedFailingCoder("never", fail_submit)
    coded = list(overlapped_engine(coder)(batches(articles, 2)))
    assert [[r.article.id for r in c.results] for c in coded] == [["a", "b"], ["c"]]
    assert not any(c.quarantined for c in coded)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(results=result_batches(), failed=st.lists(quarantined, max_size=3))
def test_run_shard_round_trip_is_lossless(
    tmp_path: Path, results: list[ArticleResult], failed: list[Quarantined]
) -> None:
    path = write_shard(tmp_path / "000001.parquet", results, failed)
    assert read_shard(path) == (results, failed)
    assert [p.name for p in tmp_path.iterdir()] == ["000001.parquet"]


@pytest.mark.parametrize("text", ["texte"])
def test_run_shard_keeps_floats_and_nones(tmp_path: Path, text: str) -> None:
    base = result("a")
    exact = replace(base, article=replace(base.article, text=text, date=None, url=None))
    assert read_shard(write_shard(tmp_path / "s.parquet", [exact], [])) == ([exact], [])


@pytest.mark.parametrize("ahead", [1, 3, 100])
def test_run_read_ahead_keeps_order_and_raises_in_place(ahead: int) -> None:
    def items() -> Iterator[int]:
        yield from range(10)
        raise ValueError("unreadable input")

    got: list[int] = []
    with pytest.raises(ValueError, match="unreadable input"):
        for item in read_ahead(items(), ahead):
            got.append(item)
    assert got == list(range(10))


@pytest.mark.parametrize("ahead", [1, 4])
def test_run_read_ahead_stops_with_its_consumer(ahead: int) -> None:
    produced: list[int] = []

    def items() -> Iterator[int]:
        for n in range(10_000):
            produced.append(n)
            yield n

    reader = read_ahead(items(), ahead)
    assert [next(reader) for _ in range(3)] == [0, 1, 2]
    reader.close()  # the consumer stops: the thread ends at its next item
    threads = [t for t in threading.enumerate() if t.name == "wirecoder-reader"]
    for thread in threads:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in threads)
    assert len(produced) < 10_000
