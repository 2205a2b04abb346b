"""Chart geometry for the dashboard's server-side SVG: numbers and labels, no markup.

``dyad_chart`` lays out a dyad series (QuadClass stacked bars per period and a mean Goldstein
line); ``world_map`` places event locations on an equirectangular map with a graticule. The
templates (``templates/_charts.html``) turn these records into SVG, escaping every label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wirecoder.query import DyadSeries, MapPoint

QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    r: float
    title: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class DyadChart:
    """A dyad series laid out in a ``width`` × ``height`` box."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    bars: tuple[Rect, ...]
    lines: tuple[str, ...]  # SVG polyline ``points``, one per run of periods with a mean
    dots: tuple[Dot, ...]
    x_ticks: tuple[Tick, ...]
    count_ticks: tuple[Tick, ...]  # left axis: events
    goldstein_ticks: tuple[Tick, ...]  # right axis: -10 … 10
    zero: float  # y of Goldstein 0


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str  # "start" (right of the dot) or "end" (left of it)


@dataclass(frozen=True, slots=True)
class WorldMap:
    """Event places on an equirectangular world (longitude → x, latitude → y), zoomed to them.

    Coordinates are those of the whole world in ``width`` × ``width / 2``; ``view`` is the
    ``viewBox`` showing the places, and ``unit`` one screen pixel of it (for sizes and fonts).
    """

    width: float
    height: float
    view: tuple[float, float, float, float]
    unit: float
    meridians: tuple[Tick, ...]
    parallels: tuple[Tick, ...]
    dots: tuple[Dot, ...]
    labels: tuple[Label, ...]


def _step(top: int) -> int:
    """A round tick step giving at most five ticks up to ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500):
        if top / step <= 5:
            return step
    return int(10 ** math.ceil(math.log10(top / 5)))


def dyad_chart(series: DyadSeries, width: float = 880, height: float = 300) -> DyadChart:
    """Bars of events per period stacked by QuadClass, and the mean Goldstein line over them."""
    left, right, top, bottom = 44.0, width - 56.0, 26.0, height - 40.0
    periods = series.periods
    slot = (right - left) / max(len(periods), 1)
    bar = min(slot * 0.7, 36.0)
    step = _step(max((p.events for p in periods), default=1) or 1)
    ceiling = step * math.ceil(max(max((p.events for p in periods), default=1), 1) / step)

    def count_y(n: float) -> float:
        return bottom - (bottom - top) * n / ceiling

    def goldstein_y(g: float) -> float:
        return top + (bottom - top) * (10.0 - g) / 20.0

    bars: list[Rect] = []
    dots: list[Dot] = []
    lines: list[str] = []
    run: list[str] = []
    for i, period in enumerate(periods):
        middle = left + slot * (i + 0.5)
        below = 0
        for quad, (name, n) in enumerate(
            zip(QUAD_NAMES, period.quad_classes.values(), strict=True)
        ):
            if n:
                y = count_y(below + n)
                title = f"{period.period}: {n} {name}"
                bars.append(
                    Rect(middle - bar / 2, y, bar, count_y(below) - y, f"q{quad + 1}", title)
                )
                below += n
        if period.goldstein_mean is None:
            if len(run) > 1:
                lines.append(" ".join(run))
            run = []
            continue
        y = goldstein_y(period.goldstein_mean)
        run.append(f"{middle:.1f},{y:.1f}")
        dots.append(
            Dot(middle, y, 3.0, f"{period.period}: mean Goldstein {period.goldstein_mean:+.1f}")
        )
    if len(run) > 1:
        lines.append(" ".join(run))
    every = max(1, math.ceil(len(periods) / 12))
    x_ticks = tuple(
        Tick(left + slot * (i + 0.5), p.period) for i, p in enumerate(periods) if i % every == 0
    )
    count_ticks = tuple(Tick(count_y(n), str(n)) for n in range(0, ceiling + 1, step))
    goldstein_ticks = tuple(
        Tick(goldstein_y(g), f"{g:+d}" if g else "0") for g in (-10, -5, 0, 5, 10)
    )
    return DyadChart(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        bars=tuple(bars),
        lines=tuple(lines),
        dots=tuple(dots),
        x_ticks=x_ticks,
        count_ticks=count_ticks,
        goldstein_ticks=goldstein_ticks,
        zero=goldstein_y(0.0),
    )


def world_map(points: tuple[MapPoint, ...], width: float = 960, labels: int = 15) -> WorldMap:
    """Each place a dot sized by its events, the view fitted around them, the busiest named.

    A label goes right of its dot, else left, else nowhere when both would overlap one already
    placed (the dot keeps its tooltip, and the table beside the map lists every place).
    """
    height = width / 2

    def x(lon: float) -> float:
        return (max(-180.0, min(180.0, lon)) + 180.0) / 360.0 * width

    def y(lat: float) -> float:
        return (90.0 - max(-90.0, min(90.0, lat))) / 180.0 * height

    view = _fit([(x(p.lon), y(p.lat)) for p in points], width, height)
    unit = view[2] / width
    step = 30 if view[2] > width / 3 else 10
    most = max((p.events for p in points), default=1)
    biggest = 9.0 if len(points) <= 100 else 4.0  # many places: smaller dots, less overlap
    dots: list[Dot] = []
    placed: list[tuple[float, float, float, float]] = []
    names: list[Label] = []
    for i, p in enumerate(points):
        cx, cy, r = x(p.lon), y(p.lat), (3.0 + biggest * math.sqrt(p.events / most)) * unit
        plural = "s" if p.events != 1 else ""
        where = f" ({p.country})" if p.country else ""
        dots.append(Dot(cx, cy, r, f"{p.name}{where}: {p.events} event{plural}"))
        if i >= labels:
            continue
        wide, tall = (len(p.name) * 6.6 + 4) * unit, 13 * unit
        for anchor, left in (("start", cx + r + 2 * unit), ("end", cx - r - 2 * unit - wide)):
            box = (left, cy - tall / 2, left + wide, cy + tall / 2)
            if not any(_overlap(box, other) for other in placed):
                placed.append(box)
                at = left if anchor == "start" else left + wide
                names.append(Label(at, cy + 4 * unit, p.name, anchor))
                break
    return WorldMap(
        width=width,
        height=height,
        view=view,
        unit=unit,
        meridians=tuple(Tick(x(lon), f"{lon}°") for lon in range(-180, 181, step)),
        parallels=tuple(Tick(y(lat), f"{lat}°") for lat in range(-90, 91, step)),
        dots=tuple(dots),
        labels=tuple(names),
    )


def _fit(
    spots: list[tuple[float, float]], width: float, height: float
) -> tuple[float, float, float, float]:
    """A 2:1 box around the spots with a margin, at least a sixth of the world wide."""
    if not spots:
        return (0.0, 0.0, width, height)
    xs, ys = [sx for sx, _ in spots], [sy for _, sy in spots]
    margin = width / 24
    wide = max(max(xs) - min(xs) + 2 * margin, 2 * (max(ys) - min(ys) + 2 * margin), width / 6)
    wide = min(wide, width)
    tall = wide / 2
    left = min(max((min(xs) + max(xs)) / 2 - wide / 2, 0.0), width - wide)
    top = min(max((min(ys) + max(ys)) / 2 - tall / 2, 0.0), height - tall)
    return (left, top, wide, tall)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
