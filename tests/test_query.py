"""Queries over a real store coded from samples/fr plus a hostile article (tests/analysis.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from analysis import HOSTILE_ID, HOSTILE_NAME, HOSTILE_PLACE, analysis_store, sides_only_copy
from typer.testing import CliRunner

from wirecoder import query
from wirecoder.cli import app
from wirecoder.records import Event
from wirecoder.store import Store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Path:
    return analysis_store(tmp_path_factory, coder)


@pytest.fixture(scope="module", params=["flat", "sides"])
def store(
    request: pytest.FixtureRequest, store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The analysis store read-only, in both layouts: sides as columns of events, or not."""
    path = store_path
    if request.param == "sides":
        path = sides_only_copy(store_path, tmp_path_factory.mktemp("sides") / "old.duckdb")
    with Store(path, read_only=True) as opened:
        yield opened


def ids(events: tuple[Event, ...] | list[Event]) -> list[str]:
    return [e.id for e in events]


def code(side: Any) -> str | None:
    return side.country or side.igo if side else None


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"actor": "AZE"},
        {"recipient": "PAK"},
        {"actor": "AZE", "recipient": "PAK"},
        {"actor": "NATO"},
        {"type": "SUPPORT"},
        {"since": "2023"},
        {"until": "2022-09"},
        {"since": "2021-02-10", "until": "2021-02-10"},
        {"actor": "XXX"},
    ],
)
def test_query_search_matches_store_events(store: Store, filters: dict[str, str]) -> None:
    found = query.search_events(store, query.EventFilter(**filters), limit=1000)
    expected = store.events(**filters)  # type: ignore[arg-type]
    assert found.total == len(expected)
    assert ids(found.events) == ids(expected)


@pytest.mark.parametrize("type_", ["support", " Support "])
def test_query_search_type_ignores_case(store: Store, type_: str) -> None:
    found = query.search_events(store, query.EventFilter(type=type_))
    assert found.total == len(store.events(type="SUPPORT")) > 0


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("S'EST ENTRETENU", "sentence"),  # evidence sentence, any case
        ("nadeem raza", "side"),  # a side's name
        (HOSTILE_NAME.upper(), "side"),
        ("<script>", "sentence"),
    ],
)
def test_query_search_text(store: Store, q: str, expected: str) -> None:
    found = query.search_events(store, query.EventFilter(q=q))
    assert found.total >= 1
    needle = q.lower()
    for event in found.events:
        names = [
            (s.name or "").lower() + " " + s.text.lower()
            for s in (event.actor, event.recipient)
            if s is not None
        ]
        assert needle in event.evidence.sentence.lower() or any(needle in n for n in names)


@pytest.mark.parametrize("q", ["%", "_", "\\", "100%"])
def test_query_search_text_wildcards_are_literal(store: Store, q: str) -> None:
    found = query.search_events(store, query.EventFilter(q=q))
    assert all(
        q in e.evidence.sentence or q in (e.actor.text if e.actor else "") for e in found.events
    )
    assert found.total < len(store.events())


@pytest.mark.parametrize("limit", [1001, 5000, 10**9])
def test_query_search_limit_capped(store: Store, limit: int) -> None:
    found = query.search_events(store, limit=limit)
    assert found.limit == query.MAX_LIMIT
    assert len(found.events) == found.total  # the test store holds fewer than 1000 events


@pytest.mark.parametrize("size", [1, 5, 7])
def test_query_search_pages_cover_everything_once(store: Store, size: int) -> None:
    everything = query.search_events(store, limit=1000)
    pages = []
    for offset in range(0, everything.total + size, size):
        found = query.search_events(store, limit=size, offset=offset)
        assert found.total == everything.total
        pages.extend(found.events)
    assert ids(pages) == ids(everything.events)


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("goldstein", lambda e: e.goldstein),
        ("type", lambda e: e.type),
        ("actor", lambda e: code(e.actor)),
        ("recipient", lambda e: code(e.recipient)),
        ("date", lambda e: e.date),
        ("location", lambda e: e.location.name if e.location else None),
    ],
)
@pytest.mark.parametrize("descending", [False, True])
def test_query_search_sorted(store: Store, sort: Any, key: Any, descending: bool) -> None:
    found = query.search_events(store, sort=sort, descending=descending, limit=1000)
    values = [key(e) for e in found.events]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=descending)
    assert values == known + [None] * (len(values) - len(known))  # nulls last


@pytest.mark.parametrize(
    "bad",
    [
        {"since": "2021-13"},
        {"until": "yesterday"},
        {"since": "10/02/2021"},
        {"type": "FOO"},
        {"actor": ""},
        {"recipient": "X" * 33},
        {"limit": -1},
        {"offset": -1},
        {"sort": "sentence"},
        {"q": "x" * 201},
        {"q": "a\x00b"},
    ],
)
def test_query_search_bad_parameter(store: Store, bad: dict[str, Any]) -> None:
    fields = query.EventFilter.__dataclass_fields__
    filters = query.EventFilter(**{k: v for k, v in bad.items() if k in fields})
    window = {k: v for k, v in bad.items() if k not in fields}
    with pytest.raises(query.QueryError, match=next(iter(bad))):
        query.search_events(store, filters, **window)


@pytest.mark.parametrize("index", [0, 1])
def test_query_event_detail(store: Store, index: int) -> None:
    article_events = store.events(article_id=HOSTILE_ID)
    chosen = article_events[index]
    detail = query.event_detail(store, chosen.id)
    assert detail.event == chosen
    assert detail.article.id == HOSTILE_ID
    assert detail.article.dateline_agency == "AZERTAC"
    assert chosen.id not in ids(detail.others)
    assert sorted(ids(detail.others)) == sorted(e.id for e in article_events if e.id != chosen.id)


@pytest.mark.parametrize("event_id", ["nope", "", "' OR 1=1 --"])
def test_query_event_detail_not_found(store: Store, event_id: str) -> None:
    with pytest.raises(query.NotFound, match="no event"):
        query.event_detail(store, event_id)


def between(store: Store, a: str, b: str) -> list[Event]:
    """The non-negated events from a to b and from b to a, as the Store API finds them."""
    both = store.events(actor=a, recipient=b) + store.events(actor=b, recipient=a)
    return [e for e in both if not e.negated]


@pytest.mark.parametrize(("a", "b"), [("AZE", "PAK"), ("PAK", "AZE"), ("AZE", "KAZ")])
def test_query_dyad_month(store: Store, a: str, b: str) -> None:
    series = query.dyad(store, a, b, by="month")
    events = between(store, a, b)
    assert series.events == len(events) > 0
    assert series.a_to_b == sum(1 for e in events if code(e.actor) == a)
    assert series.b_to_a == series.events - series.a_to_b
    assert series.undated == sum(1 for e in events if e.date is None)
    assert sum(p.events for p in series.periods) == series.events - series.undated
    for p in series.periods:
        assert p.events == p.a_to_b + p.b_to_a == sum(p.types.values())
        assert sum(p.quad_classes.values()) == sum(
            1 for e in events if e.date and e.date.startswith(p.period) and e.quad_class
        )
    labels = [p.period for p in series.periods]
    assert labels == sorted(labels) and len(set(labels)) == len(labels)
    dated = sorted(e.date[:7] for e in events if e.date)
    assert labels[0] == dated[0] and labels[-1] == dated[-1]
    scores = [e.goldstein for e in events if e.goldstein is not None]
    assert series.goldstein_mean == pytest.approx(sum(scores) / len(scores))


def test_query_dyad_fills_empty_months(store: Store) -> None:
    series = query.dyad(store, "AZE", "PAK")
    assert [p.period for p in series.periods][:3] == ["2021-02", "2021-03", "2021-04"]
    assert len(series.periods) == 20  # 2021-02 … 2022-09
    empty = series.periods[1]
    assert (empty.events, empty.types, empty.goldstein_mean) == (0, {}, None)


@pytest.mark.parametrize(
    ("by", "pattern"), [("week", r"\d{4}-W\d{2}"), ("year", r"\d{4}"), ("month", r"\d{4}-\d{2}")]
)
def test_query_dyad_periods(store: Store, by: Any, pattern: str) -> None:
    series = query.dyad(store, "AZE", "PAK", by=by)
    assert series.by == by
    assert all(re.fullmatch(pattern, p.period) for p in series.periods)
    assert sum(p.events for p in series.periods) == series.events - series.undated


def test_query_dyad_directions_swap(store: Store) -> None:
    ab, ba = query.dyad(store, "AZE", "PAK"), query.dyad(store, "PAK", "AZE")
    assert (ab.a_to_b, ab.b_to_a) == (ba.b_to_a, ba.a_to_b)
    assert [p.events for p in ab.periods] == [p.events for p in ba.periods]


@pytest.mark.parametrize(("a", "b", "by"), [("AZE", "PAK", "day"), ("", "PAK", "month")])
def test_query_dyad_bad_parameter(store: Store, a: str, b: str, by: Any) -> None:
    with pytest.raises(query.QueryError):
        query.dyad(store, a, b, by=by)


def test_query_dyad_unknown_sides_are_empty(store: Store) -> None:
    series = query.dyad(store, "ZZZ", "YYY")
    assert (series.periods, series.events, series.goldstein_mean) == ((), 0, None)


def test_query_top_dyads(store: Store) -> None:
    top = query.top_dyads(store, limit=50)
    pairs = {(d.a, d.b): d.events for d in top}
    assert pairs[("AZE", "PAK")] == len(between(store, "AZE", "PAK"))
    assert all(d.a < d.b for d in top)
    assert [d.events for d in top] == sorted((d.events for d in top), reverse=True)


@pytest.mark.parametrize(
    ("q", "name", "kind"),
    [("alizad", HOSTILE_NAME, "name"), ("aze", "AZE", "code"), ("", "AZE", "code")],
)
@pytest.mark.parametrize("unit", ["clusters", "mentions"])
def test_query_actors(store: Store, q: str, name: str, kind: str, unit: query.Unit) -> None:
    found = query.actors(store, q, unit=unit)
    match = next(a for a in found.actors if a.name == name)
    assert match.kind == kind
    if unit == "mentions":
        assert match.events == match.as_actor + match.as_recipient > 0
    else:  # one cluster may hold mentions with the actor on either side
        assert 0 < max(match.as_actor, match.as_recipient) <= match.events
        assert match.events <= match.as_actor + match.as_recipient
    assert all(q.lower() in a.name.lower() for a in found.actors)
    assert [a.events for a in found.actors] == sorted(
        (a.events for a in found.actors), reverse=True
    )


def test_query_actors_paging(store: Store) -> None:
    everything = query.actors(store, limit=1000)
    first, rest = query.actors(store, limit=3), query.actors(store, limit=1000, offset=3)
    assert first.total == rest.total == everything.total == len(everything.actors)
    assert first.actors + rest.actors == everything.actors
    assert query.actors(store, offset=10**6).total == everything.total


def test_query_actor_profile_by_name(store: Store) -> None:
    profile = query.actor(store, HOSTILE_NAME)
    assert profile.summary.kind == "name"
    assert profile.summary.country == "AZE"
    assert ("ambassadeur", "AZE", "2021-02-10") in {
        (r.role, r.code, r.first_date) for r in profile.roles
    }
    assert profile.as_actor.total == profile.summary.as_actor >= 1
    assert all(e.actor and e.actor.name == HOSTILE_NAME for e in profile.as_actor.events)
    assert "PAK" in {p.code for p in profile.partners}


def test_query_actor_profile_by_code(store: Store) -> None:
    profile = query.actor(store, "AZE")
    assert profile.summary.kind == "code"
    assert profile.as_actor.total == len(store.events(actor="AZE"))
    assert profile.as_recipient.total == len(store.events(recipient="AZE"))
    dates = [e.date for e in profile.as_actor.events if e.date]
    assert dates == sorted(dates, reverse=True)  # latest first


@pytest.mark.parametrize("name", ["Nobody Atall", "ZZZ"])
def test_query_actor_not_found(store: Store, name: str) -> None:
    with pytest.raises(query.NotFound, match="no actor"):
        query.actor(store, name)


def test_query_stats(store: Store) -> None:
    stats = query.stats(store)
    counted = store.stats()
    assert (stats.articles, stats.events, stats.quarantined) == (
        counted["articles"],
        counted["events"],
        counted["quarantined"],
    )
    events = store.events()
    assert stats.negated == sum(e.negated for e in events)
    assert sum(stats.by_type.values()) == stats.events - stats.negated
    assert stats.first_date == min(e.date for e in events if e.date)
    assert stats.languages == {"fr": stats.articles}


def test_query_map_points(store: Store) -> None:
    points = query.map_points(store)
    located = [e for e in store.events() if e.location and e.location.lat is not None]
    assert sum(p.events for p in points) == sum(1 for e in located if not e.negated)
    hostile = next(p for p in points if p.name == HOSTILE_PLACE)
    placed = [e for e in located if e.location and e.location.name == HOSTILE_PLACE]
    assert (hostile.lat, hostile.lon) == (33.72, 73.04)
    assert hostile.events == sum(1 for e in placed if not e.negated) >= 2
    only_aze = query.map_points(store, query.EventFilter(actor="AZE"))
    assert sum(p.events for p in only_aze) < sum(p.events for p in points)


def test_query_reads_the_store_layout(store: Store, request: pytest.FixtureRequest) -> None:
    from wirecoder.query._sql import cursor, flat_sides

    with cursor(store) as cur:
        layout = "flat" if flat_sides(cur) else "sides"
    assert layout == request.node.callspec.params["store"]


def test_query_works_on_read_only_store(store: Store) -> None:
    assert store.read_only
    with pytest.raises(Exception, match="read-only"):
        store.cursor().execute("DELETE FROM events")


def test_cli_dyad_prints_table_and_writes_plot(store_path: Path, tmp_path: Path) -> None:
    plot = tmp_path / "dyad.png"
    result = CliRunner().invoke(
        app, ["dyad", "AZE", "PAK", "--by", "month", "--db", str(store_path), "--plot", str(plot)]
    )
    assert result.exit_code == 0, result.output
    assert "AZE ↔ PAK per month" in result.output
    assert "2021-02" in result.output and "2022-09" in result.output
    assert "█" in result.output  # the sparkline
    assert plot.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "message"),
    [(["dyad", "AZE", "PAK", "--by", "day"], "day"), (["dyad", "AZE", " "], "b must be")],
)
def test_cli_dyad_bad_arguments(store_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, [*args, "--db", str(store_path)])
    assert result.exit_code != 0
    assert message in result.output


def test_plots_sparkline() -> None:
    from wirecoder.plots import sparkline

    assert sparkline([0, 1, 2, None, 4]) == "▁▃▅ █"
    assert sparkline([]) == ""
    assert sparkline([None, None]) == "  "
    assert sparkline([3, 3], low=0) == "██"
