"""Counts by real-world event (dedup clusters) or by mention, on a real DuckDB file.

Two agencies report one meeting between Azerbaijan and Pakistan: every count and series says 1
event by default and 2 with ``unit="mentions"``; the event lists still give both mentions, each
with its article.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirecoder import query
from wirecoder.api import create_app
from wirecoder.dedup import dedup
from wirecoder.records import Actor, Article, ArticleResult, Dateline, Event, Evidence, Place
from wirecoder.store import Store

with warnings.catch_warnings():  # see tests/test_api.py
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", UserWarning)
    from fastapi.testclient import TestClient

ISLAMABAD = Place("Islamabad", "PAK", 33.72, 73.04, 1176615)


def meeting(event_id: str, actor: str = "AZE", recipient: str = "PAK") -> Event:
    return Event(
        id=event_id,
        type="CONSULT",
        actor=Actor(
            f"l'ambassadeur ({actor})", country=actor, sectors=("GOV",), role="ambassadeur"
        ),
        recipient=Actor(f"le général ({recipient})", country=recipient, sectors=("MIL",)),
        evidence=Evidence(f"Phrase {event_id}.", 0, 12, "s'est entretenu"),
        date="2021-02-10",
        date_precision="day",
        location=ISLAMABAD,
        quad_class=1,
        goldstein=1.0,
    )


def report(article_id: str, source: str, *events: Event) -> ArticleResult:
    article = Article(article_id, f"Texte de {source}.", lang="fr", source=source)
    return ArticleResult(article, "fr", Dateline(), events)


def write(path: Path, deduplicate: bool) -> Path:
    with Store(path) as store:
        store.write(
            [
                report("azertac-1", "AZERTAC", meeting("m1")),
                report("app-1", "APP", meeting("m2", "PAK", "AZE")),  # the same, told the other way
            ]
        )
        if deduplicate:
            dedup(store)
    return path


@pytest.fixture(scope="module", params=[True, False], ids=["deduplicated", "not-yet"])
def deduplicated(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture(scope="module")
def store_path(deduplicated: bool, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("units") / "units.duckdb", deduplicated)


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[Store]:
    with Store(store_path, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize("unit", ["clusters", "mentions"])
def test_query_units_dyad(store: Store, deduplicated: bool, unit: query.Unit) -> None:
    n = 1 if deduplicated and unit == "clusters" else 2
    series = query.dyad(store, "AZE", "PAK", unit=unit)
    assert series.events == n
    assert [(p.period, p.events) for p in series.periods] == [("2021-02", n)]
    assert series.a_to_b + series.b_to_a == n
    assert series.periods[0].types == {"CONSULT": n}
    assert sum(series.periods[0].quad_classes.values()) == n
    assert query.top_dyads(store, unit=unit)[0] == query.DyadCount("AZE", "PAK", n)


def test_query_units_dyad_counts_clusters_by_default(store: Store, deduplicated: bool) -> None:
    assert query.dyad(store, "PAK", "AZE").events == (1 if deduplicated else 2)
    assert query.dyad(store, "PAK", "AZE", unit="mentions").events == 2


@pytest.mark.parametrize("unit", ["clusters", "mentions"])
def test_query_units_counts(store: Store, deduplicated: bool, unit: query.Unit) -> None:
    n = 1 if deduplicated and unit == "clusters" else 2
    stats = query.stats(store, unit=unit)
    assert (stats.events, stats.mentions, stats.articles) == (n, 2, 2)
    assert stats.by_type == {"CONSULT": n}
    assert stats.by_quad_class.verbal_cooperation == n
    [aze] = [a for a in query.actors(store, "AZE", unit=unit).actors if a.kind == "code"]
    assert (aze.events, aze.as_actor, aze.as_recipient) == (n, 1, 1)
    profile = query.actor(store, "AZE", unit=unit)
    assert profile.summary.events == n
    assert [(p.code, p.events) for p in profile.partners] == [("PAK", n)]
    assert sum(r.events for r in profile.roles) >= n
    [point] = query.map_points(store, unit=unit)
    assert (point.name, point.events) == ("Islamabad", n)


def test_query_units_mentions_stay_listed(store: Store) -> None:
    found = query.search_events(store, query.EventFilter(actor="AZE"))
    assert found.total == 1
    both = query.search_events(store, query.EventFilter(type="CONSULT"))
    assert both.total == 2
    assert {e.id for e in both.events} == {"m1", "m2"}
    detail = query.event_detail(store, "m2")
    assert detail.article.source == "APP"
    profile = query.actor(store, "AZE")
    assert profile.as_actor.total == profile.as_recipient.total == 1


@pytest.mark.parametrize("bad", ["events", "CLUSTERS", ""])
def test_query_units_bad_unit(store: Store, bad: str) -> None:
    with pytest.raises(query.QueryError, match="unit must be one of clusters, mentions"):
        query.dyad(store, "AZE", "PAK", unit=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("route", "field"),
    [("/api/dyads/AZE/PAK", "events"), ("/api/stats", "events")],
)
def test_query_units_api(store_path: Path, deduplicated: bool, route: str, field: str) -> None:
    app = create_app(store_path)
    try:
        with TestClient(app) as client:
            default = client.get(route).json()[field]
            mentions = client.get(route, params={"unit": "mentions"}).json()[field]
            refused = client.get(route, params={"unit": "articles"})
    finally:
        app.state.store.close()
    assert (default, mentions) == (1 if deduplicated else 2, 2)
    assert refused.status_code == 422  # FastAPI validates the enum


@pytest.mark.parametrize("flag", [[], ["--mentions"]])
def test_query_units_cli_dyad(store_path: Path, deduplicated: bool, flag: list[str]) -> None:
    from typer.testing import CliRunner

    from wirecoder.cli import app

    result = CliRunner().invoke(app, ["dyad", "AZE", "PAK", "--db", str(store_path), *flag])
    assert result.exit_code == 0, result.output
    n = 1 if deduplicated and not flag else 2
    assert re.search(rf"2021-02\D+{n}\b", result.output), result.output
