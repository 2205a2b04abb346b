"""Calendar arithmetic: one matched time expression → its ISO-TimeML value and grain.

Grains are day, week, weekend, month, season, year and decade. Expressions counted from the
base date (``hier``, ``mardi dernier``) are cut to what the base itself knows: with a base of
``2021-02`` only, ``hier`` is ``2021-02``, and a week cannot be told.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wirecoder.when.rules import DateRules

# word orders a language may add to the day-month-year, noun-before-direction ones
# (dates.yaml ``word_orders``): each compiles one more pattern, read as the kind it names
ORDERS = {
    "month_day": "full",  # "May 8", "Monday, May 8, 2023", "Sept. 2"
    "direction_unit": "unit",  # "last week", "next month", "late last year"
    "direction_weekday": "weekday",  # "last Monday", "next Friday"
    "quantity_ago": "quantity",  # "two days ago", "three weeks later"
}


def base_kind(kind: str) -> str:
    """The kind a word-order pattern is read as (``month_day`` → ``full``)."""
    return ORDERS.get(kind, kind)


Resolved = tuple[str, str]  # value, grain
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_DAYS = {"day": 1, "week": 7}


@dataclass(frozen=True, slots=True)
class Base:
    """The base date: a day, and how much of it is known (day, month or year)."""

    day: dt.date
    grain: str

    @classmethod
    def parse(cls, base: str | None) -> Base | None:
        text = (base or "").strip()[:10]
        for size, grain, fill in ((10, "day", ""), (7, "month", "-15"), (4, "year", "-07-01")):
            if len(text) == size:
                try:
                    return cls(dt.date.fromisoformat(text + fill), grain)
                except ValueError:
                    return None
        return None


def resolve(
    r: DateRules, kind: str, m: re.Match[str], text: str, ref: Base | None
) -> Resolved | None:
    """The (value, grain) of one match, or None when it is not a date or cannot be resolved.

    ``range`` and ``anaphor`` matches give a placeholder: the caller resolves them from the date
    after or before them.
    """
    groups = m.groupdict()
    kind = base_kind(kind)
    past = r.past | r.before
    sign = 0 if not groups.get("dir") else -1 if m["dir"].lower() in past else 1
    if kind == "year":
        return (m["year"], "year") if r.reads_as_year(m, text) else None
    if kind == "decade":
        dec = m["dec"]
        if len(dec) == 2:
            dec = f"{20 if ref is None or 2000 + int(dec) <= ref.day.year else 19}{dec}"
        return dec[:3], "decade"
    if kind == "numeric":
        data = r.dateparser().get_date_data(m.group())
        return None if data.date_obj is None else (data.date_obj.date().isoformat(), "day")
    if kind == "full":
        wd = r.weekdays.get((m["wd"] or "").lower())
        month = r.months[m["month"].lower()]
        return day_of_month(int(m["day"]), month, _year(groups, ref), sign, ref, wd)
    if kind == "month":
        if not (m["cue"] or m["year"] or m["y2"] or sign):
            return None  # "mars" the planet, "Mai" the name
        return month_value(r.months[m["month"].lower()], _year(groups, ref), sign, ref)
    if kind == "season":
        return _season(r, m, text, sign, ref)
    if ref is None:
        return None  # everything below is counted from the base date
    if kind in {"range", "anaphor"}:
        return "", kind
    if kind == "day":
        return _day_alone(int(m["day"]), sign, ref)
    if kind in {"relday", "partday"}:
        days = r.relative_days[m["rel"].lower()] if kind == "relday" else 0
        return relative(ref.day + dt.timedelta(days=days), "day", ref)
    if kind == "weekday":
        if not m["this"] and r.not_weekday.search(text[max(0, m.start() - 12) : m.start()]):
            return None  # "le mardi", "chaque jeudi": a habit, not a day
        if not sign and not m["this"] and r.future.search(r.clause_before(text, m.start())):
            sign = 1  # "la réunion aura lieu jeudi"
        day = weekday(ref.day, r.weekdays[m["wd"].lower()], sign, bool(m["this"]))
        return relative(day, "day", ref)
    if kind in {"unit", "weekend"}:
        if not (groups.get("this") or sign or groups.get("current") or groups.get("part")):
            return None  # "la semaine", "l'année" alone
        return _unit("weekend" if kind == "weekend" else r.units[m["unit"].lower()], sign, ref)
    if kind == "quantity":
        n = int(m["n"]) if m["n"].isdigit() else r.numbers[m["n"].lower()]
        unit = r.units[m["unit"].lower()]
        return relative(shift(ref.day, -n if m["way"].lower() in r.ago else n, unit), unit, ref)
    return None


def _year(groups: dict[str, str | None], ref: Base | None) -> int | None:
    if groups.get("year"):
        return int(groups["year"] or 0)
    y2 = (groups.get("y2") or "").lstrip("'")
    if not y2:
        return None
    latest = (ref.day.year if ref else dt.date.today().year) + 10
    return 2000 + int(y2) if 2000 + int(y2) <= latest else 1900 + int(y2)


def _nearest(options: list[dt.date], sign: int, ref: Base) -> dt.date | None:
    """The option nearest the base (the past one on a tie), only past or future ones for a sign."""
    kept = [d for d in options if sign == 0 or (d - ref.day).days * sign > 0]
    return min(kept, key=lambda d: (abs((d - ref.day).days), d > ref.day)) if kept else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_of_month(
    day: int, month: int, year: int | None, sign: int, ref: Base | None, wd: int | None = None
) -> Resolved | None:
    """``le 6 mai [1998|dernier|prochain]``: without a year, the 6 May nearest the base (on the
    given weekday, when one is given and one of them falls on it)."""
    if year is not None:
        found = _date(year, month, day)
        return None if found is None else (found.isoformat(), "day")
    if ref is None:
        return None
    options = [d for y in range(ref.day.year - 1, ref.day.year + 2) if (d := _date(y, month, day))]
    if wd is not None and any(d.isoweekday() == wd for d in options):
        options = [d for d in options if d.isoweekday() == wd]
    best = _nearest(options, sign, ref)
    return None if best is None else (best.isoformat(), "day")


def _day_alone(day: int, sign: int, ref: Base) -> Resolved | None:
    """``le 3``: that day in the base month, the month before or the one after, nearest first."""
    months = [divmod(ref.day.year * 12 + ref.day.month - 1 + k, 12) for k in (-1, 0, 1)]
    best = _nearest([d for y, mo in months if (d := _date(y, mo + 1, day))], sign, ref)
    return None if best is None else relative(best, "day", ref)


def month_value(month: int, year: int | None, sign: int, ref: Base | None) -> Resolved | None:
    """``juin [2020|dernier|prochain]``: without a year, the June nearest the base."""
    if year is None:
        if ref is None:
            return None
        ahead = (month - ref.day.month) % 12  # 0..11 months ahead
        delta = (ahead - 12 if ahead else -12) if sign < 0 else (ahead or 12) if sign > 0 else ahead
        if sign == 0 and ahead > 5:
            delta -= 12
        year = ref.day.year + (ref.day.month - 1 + delta) // 12
    return f"{year:04d}-{month:02d}", "month"


def _season(
    r: DateRules, m: re.Match[str], text: str, sign: int, ref: Base | None
) -> Resolved | None:
    code = r.seasons[m["season"].lower()]
    cue = " ".join((m["cue"] or "").lower().split())
    if m["year"]:
        return f"{m['year']}-{code}", "season"
    bare = not (cue or m["det"] or sign)
    if bare and r.not_season.search(text[max(0, m.start() - 12) : m.start()]):
        return None  # "Jeux d'hiver", "le printemps arabe": a name, not a time
    if bare and code == "SU" and not m["season"][0].isupper():
        return None  # "été" alone is mostly the participle of "être"
    if bare or cue in r.generic:
        return f"XXXX-{code}", "season"  # "en été": any summer
    if ref is None:
        return None
    first, last = _SEASON_MONTHS[code]
    year, month = ref.day.year, ref.day.month
    if code == "WI" and month <= 2:  # a winter is named after the year of its December
        year, month = year - 1, month + 12
    if sign < 0 and month <= last:
        year -= 1
    elif sign > 0 and month >= first:
        year += 1
    return f"{year:04d}-{code}", "season"


def weekday(base: dt.date, wd: int, sign: int, this: bool) -> dt.date:
    """``ce mardi``: the nearest; ``mardi prochain``: the next; ``mardi dernier``: the last
    before the base; ``mardi`` alone: the latest, the base day included."""
    ahead = (wd - base.isoweekday()) % 7  # 0..6 days ahead
    if this:
        delta = ahead - 7 if ahead > 3 else ahead
    elif sign > 0:
        delta = ahead or 7
    elif sign < 0:
        delta = ahead - 7
    else:
        delta = ahead - 7 if ahead else 0
    return base + dt.timedelta(days=delta)


def _unit(unit: str, sign: int, ref: Base) -> Resolved | None:
    day = ref.day
    if unit == "year":
        return f"{day.year + sign:04d}", "year"
    if unit == "month":
        y, mo = divmod(day.year * 12 + day.month - 1 + sign, 12)
        return relative(dt.date(y, mo + 1, 1), "month", ref)
    if unit == "weekend" and not sign:  # on Monday and Tuesday, the one just past
        sign = -1 if day.isoweekday() <= 2 else 0
    value = relative(day + dt.timedelta(weeks=sign), "week", ref)
    if value is None or unit != "weekend":
        return value
    return value[0] + "-WE", "weekend"


def relative(day: dt.date, grain: str, ref: Base) -> Resolved | None:
    """A date counted from the base, written at ``grain`` and cut to what the base knows."""
    if ref.grain == "year":
        return f"{day.year:04d}", "year"
    if ref.grain == "month":
        return (day.isoformat()[:7], "month") if grain in {"day", "month"} else None
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    if grain == "month":
        return day.isoformat()[:7], "month"
    if grain == "year":
        return f"{day.year:04d}", "year"
    return day.isoformat(), "day"


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """``day`` moved by ``n`` units on the calendar (the 31st into a shorter month: its last)."""
    if unit in _DAYS:
        return day + dt.timedelta(days=n * _DAYS[unit])
    y, mo = divmod(day.year * 12 + day.month - 1 + n * (12 if unit == "year" else 1), 12)
    return next(found for d in range(day.day, 0, -1) if (found := _date(y, mo + 1, d)))


def range_start(day: int, second: str) -> str | None:
    """``du 3 au 5 mars``: the 3rd of the month of the 5th (of the month before, for ``du 28
    au 3 mars``)."""
    end = dt.date.fromisoformat(second)
    months = end.year * 12 + end.month - 1 - (day > end.day)
    found = _date(months // 12, months % 12 + 1, day)
    return None if found is None else found.isoformat()
