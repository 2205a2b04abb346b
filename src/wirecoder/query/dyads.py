"""Dyad time series: how relations between two sides moved, period by period, both ways."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from wirecoder.query._sql import (
    DAY,
    QUAD_SQL,
    QuadCounts,
    QueryError,
    Unit,
    check_code,
    check_window,
    clustered,
    cursor,
    flat_sides,
    rows,
    units,
)
from wirecoder.store import Store

__all__ = ["By", "DyadCount", "DyadPeriod", "DyadSeries", "dyad", "top_dyads"]

By = Literal["month", "week", "year"]
BYS: tuple[str, ...] = ("month", "week", "year")
# ``dyad``: the events between $a and $b, either way, with ``ab`` true from $a to $b. From the
# side columns of ``events`` when the store has them, else from ``event_sides``.
_IS = "({side}_country = ${code} OR {side}_igo = ${code})"
_FLAT_DYAD = "WITH dyad AS (SELECT *, ({ab}) AS ab FROM events WHERE ({ab}) OR ({ba}))".format(
    ab=_IS.format(side="actor", code="a") + " AND " + _IS.format(side="recipient", code="b"),
    ba=_IS.format(side="actor", code="b") + " AND " + _IS.format(side="recipient", code="a"),
)
_SIDE = (
    "SELECT event_id, (country = $a OR igo = $a) AS is_a, (country = $b OR igo = $b) AS is_b "
    "FROM event_sides WHERE side = '{side}' AND (country IN ($a, $b) OR igo IN ($a, $b))"
)
_SIDES_DYAD = (
    f"WITH x AS ({_SIDE.format(side='actor')}), y AS ({_SIDE.format(side='recipient')}), "
    "pairs AS (SELECT x.event_id, x.is_a AND y.is_b AS ab FROM x JOIN y USING (event_id) "
    "WHERE (x.is_a AND y.is_b) OR (x.is_b AND y.is_a)), "
    "dyad AS (SELECT e.*, pairs.ab FROM events e JOIN pairs ON pairs.event_id = e.id)"
)
_MAX_PERIODS = 5000  # gaps between dated events are filled with empty periods up to this many


@dataclass(frozen=True, slots=True)
class DyadPeriod:
    """One period of a dyad: its events by direction, type and QuadClass, mean Goldstein."""

    period: str  # 2021-02 (month), 2021-W06 (ISO week), 2021 (year)
    start: str  # ISO date of the period's first day
    events: int
    a_to_b: int
    b_to_a: int
    quad_classes: QuadCounts
    types: dict[str, int]
    goldstein_mean: float | None


@dataclass(frozen=True, slots=True)
class DyadSeries:
    """A dyad's periods from its first dated event to its last, empty periods included."""

    a: str
    b: str
    by: str
    periods: tuple[DyadPeriod, ...]
    events: int  # dated and undated
    a_to_b: int
    b_to_a: int
    undated: int  # events in no period: their date is unknown
    goldstein_mean: float | None


def dyad(store: Store, a: str, b: str, *, by: By = "month", unit: Unit = "clusters") -> DyadSeries:
    """Non-negated events between sides ``a`` and ``b`` (country or IGO codes), both ways.

    Month- and year-precision dates count in the period holding their first day. By default
    a real-world event reported by several articles counts once (``unit="clusters"``: its
    first mention stands for it, with that mention's date, direction, type and Goldstein);
    ``unit="mentions"`` counts every article's mention.
    """
    a_code, b_code = check_code("a", a), check_code("b", b)
    assert a_code is not None and b_code is not None
    if by not in BYS:
        raise QueryError(f"by must be one of {', '.join(BYS)}, got {by!r}")
    with cursor(store) as cur:
        source = _FLAT_DYAD if flat_sides(cur) else _SIDES_DYAD
        chosen = units("dyad e", "NOT e.negated", clustered(cur, unit))
        found = rows(
            cur,
            f"{source} SELECT CAST(date_trunc('{by}', {DAY}) AS DATE) AS p, count(*) AS n, "
            f"count(*) FILTER (e.ab) AS ab, {QUAD_SQL}, avg(e.goldstein) AS g, "
            "sum(e.goldstein) AS g_sum, count(e.goldstein) AS g_n, histogram(e.type) AS types "
            f"FROM {chosen} e GROUP BY p ORDER BY p NULLS LAST",
            {"a": a_code, "b": b_code},
        )
    dated = {row["p"]: row for row in found if row["p"] is not None}
    undated = sum(row["n"] for row in found if row["p"] is None)
    periods = tuple(_period(start, by, dated.get(start)) for start in _starts(dated, by))
    g_n = sum(row["g_n"] for row in found)
    return DyadSeries(
        a=a_code,
        b=b_code,
        by=by,
        periods=periods,
        events=sum(row["n"] for row in found),
        a_to_b=sum(row["ab"] for row in found),
        b_to_a=sum(row["n"] - row["ab"] for row in found),
        undated=undated,
        goldstein_mean=sum(row["g_sum"] or 0.0 for row in found) / g_n if g_n else None,
    )


def _starts(dated: dict[date, dict[str, Any]], by: str) -> list[date]:
    """Every period start from the first dated one to the last, or only those seen if too many."""
    if not dated:
        return []
    first, last = min(dated), max(dated)
    starts = [first]
    while starts[-1] < last and len(starts) <= _MAX_PERIODS:
        starts.append(_next(starts[-1], by))
    return starts if starts[-1] == last else sorted(dated)


def _next(start: date, by: str) -> date:
    if by == "week":
        return start + timedelta(days=7)
    if by == "year":
        return start.replace(year=start.year + 1)
    return (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )


def _label(start: date, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return str(start.year) if by == "year" else f"{start.year}-{start.month:02d}"


def _period(start: date, by: str, row: dict[str, Any] | None) -> DyadPeriod:
    if row is None:
        return DyadPeriod(_label(start, by), start.isoformat(), 0, 0, 0, QuadCounts(), {}, None)
    n, ab, types = row["n"], row["ab"], row["types"] or {}
    return DyadPeriod(
        period=_label(start, by),
        start=start.isoformat(),
        events=n,
        a_to_b=ab,
        b_to_a=n - ab,
        quad_classes=QuadCounts(row["q1"], row["q2"], row["q3"], row["q4"]),
        types={str(k): int(v) for k, v in sorted(types.items())},
        goldstein_mean=row["g"],
    )


@dataclass(frozen=True, slots=True)
class DyadCount:
    """A pair of side codes (in code order) and its non-negated events, both directions."""

    a: str
    b: str
    events: int


def top_dyads(store: Store, *, limit: int = 20, unit: Unit = "clusters") -> tuple[DyadCount, ...]:
    """The pairs of different side codes with the most events between them (clusters, or
    with ``unit="mentions"`` every article's mention)."""
    limit = check_window(limit, 0)
    with cursor(store) as cur:
        chosen = units("events e", "NOT e.negated", clustered(cur, unit))
        if flat_sides(cur):
            pairs = (
                "SELECT coalesce(e.actor_country, e.actor_igo) AS x, "
                f"coalesce(e.recipient_country, e.recipient_igo) AS y FROM {chosen} e"
            )
        else:
            pairs = (
                "SELECT coalesce(a.country, a.igo) AS x, coalesce(r.country, r.igo) AS y "
                "FROM event_sides a JOIN event_sides r ON r.event_id = a.event_id "
                f"AND a.side = 'actor' AND r.side = 'recipient' JOIN {chosen} e "
                "ON e.id = a.event_id"
            )
        found = cur.execute(
            f"SELECT least(x, y) AS a, greatest(x, y) AS b, count(*) AS n FROM ({pairs}) "
            "WHERE x <> y GROUP BY ALL ORDER BY n DESC, a, b LIMIT ?",
            [limit],
        ).fetchall()
    return tuple(DyadCount(a, b, n) for a, b, n in found)
