from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from wirecoder.records import ArticleResult, Event
from wirecoder.store_rows import article_row, event_from_row, event_row, result_from_row

from strategies import article_results, events


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=events)
def test_store_rows_event_round_trip_without_a_database(event: Event) -> None:
    assert event_from_row(event_row("a1", 0, event)) == event


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(result=article_results())
def test_store_rows_article_round_trip_without_a_database(result: ArticleResult) -> None:
    row = article_row(result, "digest")
    assert row["content_hash"] == "digest"
    assert result_from_row(row, result.events) == result
