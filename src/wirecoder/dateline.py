"""Datelines: where, when and by whom a dispatch was filed, and where its story begins.

:func:`parse_dateline` looks at the start of the first line of ``Article.text`` (after a line
that only repeats the title), then of the next one (a header may follow a lead paragraph, as in
Wikinews), for one of these headers:

- agency closing its own line (AZERTAC, APA, Trend…): ``Bakou, 3 mars, AZERTAC``, maybe after
  AZERTAC's metadata ``date 2021-02`` (`` date 2021-02 Islamabad, 10 février, AZERTAC``);
- agency in brackets or slashes, inline: ``PARIS (AFP) - ``, ``Moscou, 3 mars (Reuters) — ``,
  ``MOSCOW, March 3. /TASS/. ``, ``(Bloomberg) -- `` (no place), ``NEW DELHI, May 8 (IANS) ``
  (no dash: a listed agency only);
- a listed agency's bare name before a dash, after the place and date or first:
  ``TOKYO, May 8 Kyodo - ``, ``Xinhua, BEIJING, May 8 -- ``, ``Moscow. March 3. INTERFAX - ``;
- a date before a dash, as Wikinews prints it: ``16 juin 2012. - ``, ``samedi 16 juin 2012. - ``,
  with a place either after the date (``22 août 2012, Espagne. - ``) or after the dash
  (``2 juillet 2012. - Québec - ``).

A date without a year takes the year that puts it nearest to the reference date: AZERTAC's
metadata month, else ``Article.date``; a weekday alone (``KABUL, Afghanistan, Thursday (AP)``)
is the latest such day on or before ``Article.date``. An impossible date (``31 février``)
gives ``date=None``; nothing here raises on any text. Month, weekday and agency names are
language data, read by :meth:`DatelineLexicon.load` from ``lexicons/<lang>/dateline.yaml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from wirecoder.actors.lexicon import LexiconError
from wirecoder.records import Article, Dateline
from wirecoder.when.values import weekday

__all__ = ["DatelineLexicon", "parse_dateline"]

_DASH = "-\u2013\u2014"  # hyphen-minus, en dash, em dash

# `` date 2021-02 Islamabad, 10 février, AZERTAC`` — the agency ends the line.
_AGENCY_LINE = re.compile(
    r"[ \t]*(?:date[ \t]+(?P<year>\d{4})-(?P<month>\d{1,2})\s+)?"
    r"(?P<pre>[^\n]{1,100}?)[ \t]*,[ \t]*(?P<agency>[^,\n]{2,40}?)[ \t]*[.:]?[ \t]*(?:\n|\Z)",
    re.IGNORECASE,
)
# ``Moscou, 3 mars (Reuters) - ``, ``MOSCOW, March 3. /TASS/. `` — the agency in brackets or
# slashes, then a dash (or, for a listed agency, a dot or nothing), then the story.
_BRACKETED = re.compile(
    r"\s*(?P<pre>[^()/\n]{0,100}?)[ \t]*"
    r"(?:\((?P<agency>[^()\n]{2,40})\)|/(?P<slashed>[^/\n]{2,40})/)"
    rf"[ \t]*(?P<dash>[{_DASH}:]+)?\.?[ \t]*"
)
# ``TOKYO, May 8 Kyodo - ``, ``Xinhua, BEIJING, May 8 -- ``: a header up to a spaced dash.
_TO_DASH = re.compile(rf"\s*(?P<head>[^{_DASH}\n]{{3,120}}?)[ \t]+[{_DASH}]+[ \t]+")
# ``22 août 2012, Espagne. - Québec - `` — a date, an optional place, a dash.
_DATED = re.compile(
    rf"\s*(?P<date>[^\n,]{{3,40}}?)(?:[ \t]*,[ \t]*(?P<place>[^\n,.]{{1,60}}?))?"
    rf"[ \t]*\.?[ \t]*[{_DASH}]+[ \t]+"
    rf"(?:(?P<place2>[^\n.,;:!?()«»\"]{{1,60}}?)[ \t]+[{_DASH}]+[ \t]+)?"
)
_DAY_FIRST = re.compile(
    r"(?P<day>\d{1,2})(?:er|re|e|ᵉʳ)?\s+(?P<month>[^\W\d_]+)\.?(?:,?\s+(?P<year>\d{4}))?"
)
_MONTH_FIRST = re.compile(
    r"(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?"
)
_SEPARATOR = re.compile(r",|\.(?=\s)")  # between a place and a date: a comma, or a dot
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,11}(?:-[A-Z][A-Za-z0-9]{1,11})?")
_ELIDED = re.compile(r"^[dl]['\u2019]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DatelineLexicon:
    """Month, weekday and agency names of one language, as read from its data file."""

    lang: str
    months: Mapping[str, int]  # lower-case spelling, no trailing dot → 1..12
    weekdays: frozenset[str]  # lower-case
    agencies: Mapping[str, str]  # lower-case → the canonical spelling reported
    place_particles: frozenset[str] = frozenset()  # lower-case words a place name may hold
    weekday_numbers: Mapping[str, int] = field(default_factory=dict)  # lower-case → ISO 1..7

    @classmethod
    @functools.cache
    def load(cls, lang: str = "fr") -> DatelineLexicon:
        """Read ``lexicons/<lang>/dateline.yaml`` from the package data (once per language)."""
        where = f"lexicons/{lang}/dateline.yaml"
        try:
            text = (resources.files("wirecoder") / "lexicons" / lang / "dateline.yaml").read_text(
                encoding="utf-8"
            )
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise LexiconError(
                f"no dateline lexicon for language {lang!r}: add src/wirecoder/{where} ({exc})"
            ) from exc
        return cls.from_data(yaml.safe_load(text), lang=lang, where=where)

    @classmethod
    def from_data(cls, raw: Any, lang: str, where: str = "dateline lexicon") -> DatelineLexicon:
        """Build a lexicon from parsed YAML data, checking every entry."""
        if not isinstance(raw, dict):
            raise LexiconError(f"{where}: expected a mapping with months, weekdays, agencies")
        listed = raw.get("months") or {}
        if not isinstance(listed, dict):
            raise LexiconError(f"{where}: months must map each name to its number 1-12")
        months: dict[str, int] = {}
        for name, number in listed.items():
            if not isinstance(name, str) or not isinstance(number, int) or not 1 <= number <= 12:
                raise LexiconError(f"{where}: month {name!r}: give a name and a number 1-12")
            months[name.lower().rstrip(".")] = number
        days = raw.get("weekdays") or {}
        if isinstance(days, dict):
            for name, number in days.items():
                if not isinstance(name, str) or not isinstance(number, int) or not 1 <= number <= 7:
                    raise LexiconError(f"{where}: weekday {name!r}: give a name and a number 1-7")
            numbers = {name.lower().rstrip("."): number for name, number in days.items()}
            raw = {**raw, "weekdays": list(days)}
        else:
            numbers = {}
        lists: dict[str, list[str]] = {}
        for key in ("weekdays", "agencies", "place_particles"):
            values = raw.get(key) or []
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise LexiconError(f"{where}: {key} must be a list of names")
            lists[key] = values
        if not months:
            raise LexiconError(f"{where}: no months: list every month name under `months:`")
        return cls(
            lang=lang,
            months=MappingProxyType(months),
            weekdays=frozenset(w.lower() for w in lists["weekdays"]),
            agencies=MappingProxyType({a.lower(): a for a in lists["agencies"]}),
            place_particles=frozenset(p.lower() for p in lists["place_particles"]),
            weekday_numbers=MappingProxyType(numbers),
        )

    def month(self, word: str) -> int | None:
        """The number of the month spelt ``word`` (``"fév."`` → 2), or None."""
        return self.months.get(word.lower().rstrip("."))

    def agency(self, name: str) -> str | None:
        """The canonical spelling of a known agency, or None."""
        return self.agencies.get(" ".join(name.split()).lower())


def parse_dateline(article: Article, lexicon: DatelineLexicon | None = None) -> Dateline:
    """The dateline at the start of ``article.text``; ``Dateline(date=article.date)`` if none.

    ``lexicon`` defaults to the one of ``article.lang`` (French when unset); pass it in when
    parsing many articles.
    """
    lex = lexicon if lexicon is not None else DatelineLexicon.load(article.lang or "fr")
    for start in _first_lines(article.text, _after_title(article.text, article.title)):
        found = (
            _agency_line(article, start, lex)
            or _bracketed(article, start, lex)
            or _bare_agency(article, start, lex)
            or _dated(article, start, lex)
        )
        if found is not None:
            return found
    return Dateline(date=article.date)


def _agency_line(article: Article, start: int, lex: DatelineLexicon) -> Dateline | None:
    m = _AGENCY_LINE.match(article.text, start)
    if m is None:
        return None
    split = _split_place_date(m["pre"], lex)
    if split is None:
        return None
    place, words = split
    agency = lex.agency(m["agency"])
    if agency is None:  # an unknown name closing a line: only an acronym after a real date
        if words is None or not _ACRONYM.fullmatch(m["agency"]):
            return None
        agency = m["agency"]
    meta = _month_ref(m["year"], m["month"]) if m["year"] else None
    ref = meta or _reference(article.date)
    if words is not None:
        date = _on(words, ref)
    elif article.date is None and meta is not None:
        date = meta.strftime("%Y-%m")
    else:
        date = article.date
    return Dateline(place=place, date=date, agency=agency, body_start=_skip_space(article, m))


def _bracketed(article: Article, start: int, lex: DatelineLexicon) -> Dateline | None:
    m = _BRACKETED.match(article.text, start)
    if m is None:
        return None
    name = " ".join((m["agency"] or m["slashed"]).split())
    agency = lex.agency(name)
    if agency is None and m["dash"] and m["pre"].strip() and _ACRONYM.fullmatch(name):
        agency = name  # an unknown acronym, between a place and a dash: "KLOW (BTK) - "
    if agency is None:
        return None
    if not m["pre"].strip():  # "(Bloomberg) -- ": the agency alone
        return Dateline(date=article.date, agency=agency, body_start=_skip_space(article, m))
    return _header(article, m["pre"], agency, lex, _skip_space(article, m))


def _bare_agency(article: Article, start: int, lex: DatelineLexicon) -> Dateline | None:
    """A listed agency named without brackets, last or first: ``TOKYO, May 8 Kyodo - ``."""
    m = _TO_DASH.match(article.text, start)
    if m is None:
        return None
    head = m["head"].strip()
    first, _, rest = head.partition(",")
    agency = lex.agency(first)
    if agency is not None and rest.strip():  # "Xinhua, BEIJING, May 8 -- "
        return _header(article, rest, agency, lex, _skip_space(article, m))
    words = head.split()
    for size in range(min(3, len(words) - 1), 0, -1):  # "Kyodo", "Kyodo News"
        agency = lex.agency(" ".join(words[-size:]))
        if agency is not None:
            pre = head[: head.rfind(words[-size])]
            return _header(article, pre, agency, lex, _skip_space(article, m))
    return None


def _header(
    article: Article, pre: str, agency: str, lex: DatelineLexicon, body_start: int
) -> Dateline | None:
    """The dateline of a place (and date) ``pre`` filed by ``agency``; None if ``pre`` is no
    place."""
    split = _split_place_date(pre.strip().rstrip(",.").strip(), lex)
    if split is None:
        return None
    place, when = split
    date = article.date if when is None else _on(when, _reference(article.date))
    return Dateline(place=place, date=date, agency=agency, body_start=body_start)


def _dated(article: Article, start: int, lex: DatelineLexicon) -> Dateline | None:
    m = _DATED.match(article.text, start)
    if m is None:
        return None
    words = _date_words(m["date"], lex)
    if words is None:
        return None
    place = m["place"].strip() if m["place"] else None
    if place is not None and not _is_place(place, lex):
        return None
    body_start = _skip_space(article, m)
    if m["place2"]:
        if place is None and _is_place(m["place2"], lex):
            place = m["place2"].strip()
        else:  # not a place: the story itself starts there
            body_start = m.start("place2")
    date = _iso(*words, _reference(article.date))
    return Dateline(place=place, date=date, agency=None, body_start=body_start)


def _after_title(text: str, title: str | None) -> int:
    """Offset past a first line that only repeats the title, else 0."""
    if not title:
        return 0
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    line = text[lead:] if end < 0 else text[lead:end]
    if line.split() != title.split():
        return 0
    return len(text) if end < 0 else end + 1


def _first_lines(text: str, start: int) -> tuple[int, ...]:
    """Offsets of the first two non-blank lines from ``start``: a header may follow a lead."""
    first = _skip_blank(text, start)
    end = text.find("\n", first)
    if end < 0:
        return (first,)
    second = _skip_blank(text, end + 1)
    return (first, second) if second < len(text) else (first,)


def _skip_blank(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _skip_space(article: Article, m: re.Match[str]) -> int:
    return _skip_blank(article.text, m.end())


def _split_place_date(
    pre: str, lex: DatelineLexicon
) -> tuple[str, tuple[int, int, int | None] | int | None] | None:
    """``"Moscou, 3 mars"`` → ("Moscou", (3, 3, None)); ``"PARIS"`` → ("PARIS", None);
    ``"Moscow. March 3"`` → ("Moscow", (3, 3, None)); ``"KABUL, Afghanistan, Thursday"`` →
    ("KABUL, Afghanistan", 4), a weekday's ISO number."""
    for cut in _SEPARATOR.finditer(pre):
        place, rest = pre[: cut.start()].strip(), pre[cut.end() :].strip().rstrip(".")
        if not _is_place(place, lex):
            continue
        words = _date_words(rest, lex)
        if words is not None:
            return place, words
        day = lex.weekday_numbers.get(rest.lower().rstrip("."))
        if day is not None:
            return place, day
    place = pre.strip()
    return (place, None) if _is_place(place, lex) else None


def _date_words(text: str, lex: DatelineLexicon) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of ``"samedi 16 juin 2012"``, ``"3 fév."``, ``"March 3"``."""
    words = text.strip().split(None, 1)
    if len(words) == 2 and words[0].rstrip(",").lower() in lex.weekdays:
        text = words[1]
    text = text.strip()
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        month = lex.month(m["month"])
        day = int(m["day"])
        if month is not None and 1 <= day <= 31:
            return day, month, int(m["year"]) if m["year"] else None
    return None


def _is_place(text: str, lex: DatelineLexicon) -> bool:
    """Whether ``text`` reads as a place name: capitalised words, particles, no digits."""
    text = text.strip()
    if not 0 < len(text) <= 60:
        return False
    if not all(ch.isalpha() or ch in " -'\u2019.,\u00a0" for ch in text):
        return False
    for part in text.split(","):
        words = part.split()
        if not words or len(words) > 5 or not words[0][0].isupper():
            return False
        for word in words:
            bare = _ELIDED.sub("", word)
            if not (bare[:1].isupper() or word.lower() in lex.place_particles):
                return False
    return True


def _on(when: tuple[int, int, int | None] | int, ref: dt.date | None) -> str | None:
    """The ISO date of (day, month, year) or of a weekday's number: the latest such day on or
    before ``ref``."""
    if isinstance(when, int):
        return weekday(ref, when, 0, False).isoformat() if ref is not None else None
    return _iso(*when, ref)


def _iso(day: int, month: int, year: int | None, ref: dt.date | None) -> str | None:
    """The ISO date; without a year, the one nearest ``ref`` (None when there is no ref)."""
    if year is not None:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if ref is None:
        return None
    candidates = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - ref).days)).isoformat()


def _reference(date: str | None) -> dt.date | None:
    """``Article.date`` as a date: ``2021-02-10`` (or a datetime), ``2021-02`` → the 15th."""
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", date.strip())
    if m is not None:
        return _month_ref(m[1], m[2])
    if re.fullmatch(r"\d{4}", date.strip()):
        return _month_ref(date.strip(), "7")
    return None


def _month_ref(year: str, month: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), 15)
    except ValueError:
        return None
