"""The date grammar of one language: patterns built from ``lexicons/<lang>/dates.yaml``.

:class:`DateRules` compiles the lexicon's words into one regular expression per kind of
expression (``full`` date, ``range`` start, ``day`` alone, ``weekday``, ``unit`` such as "la
semaine dernière", ``quantity`` such as "il y a trois jours", ``month``, ``year``…), runs them
all over a text, keeps the leftmost-longest matches that do not overlap, and has
:mod:`wirecoder.when.values` turn each into an ISO-TimeML value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import yaml

from wirecoder.actors.lexicon import LexiconError
from wirecoder.nlp import normalise
from wirecoder.records import TimeExpression
from wirecoder.when import values
from wirecoder.when.values import ORDERS as _ORDERS
from wirecoder.when.values import Base, range_start

__all__ = ["DateRules", "clause_of"]

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:er|ᵉʳ)?"
_BREAK_MARKS = re.compile(r"""[;:()"]|[.!?](?=\s)""")
_TOKEN = re.compile(r"\w+")
_ANCHOR_REACH = 60  # how far before its anchor a match may start ("les 1er, 2, 3 et 4 mai")
_WORD_LISTS = [
    *("parts_of_day", "this", "past", "next", "ago", "later", "week", "month", "year"),
    *("weekend", "generic_season", "month_cues", "year_cues", "year_followers", "addresses"),
    *("range_starts", "range_links", "not_weekday_before", "decade", "future_cues"),
    *("clause_breaks", "unit_parts", "determiners", "of", "part_links", "same", "current"),
    *("day_followers", "season_cues", "not_season_after", "adverbial_of", "infinitive_links"),
    "infinitive_endings",
]


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first; a space matches any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len)[::-1])


def _words(text: str) -> str:
    return " ".join(text.lower().split())


class DateRules:
    """The date patterns of one language, compiled from its lexicon, and its dateparser."""

    def __init__(self, lang: str, raw: dict[str, Any]) -> None:
        self.lang = lang
        try:
            self.months = {k.lower(): int(v) for k, v in raw["months"].items()}
            self.months |= {k.lower() + ".": int(v) for k, v in raw["abbreviations"].items()}
            self.weekdays = {k.lower(): int(v) for k, v in raw["weekdays"].items()}
            self.relative_days = {k.lower(): int(v) for k, v in raw["days_from_base"].items()}
            self.from_reference = {_words(k): int(v) for k, v in raw["days_from_reference"].items()}
            self.units = {k.lower(): str(v) for k, v in raw["units"].items()}
            self.numbers = {k.lower(): int(v) for k, v in raw["numbers"].items()}
            self.seasons = {k.lower(): str(v) for k, v in raw["seasons"].items()}
            words = {k: [str(w).lower() for w in raw[k]] for k in _WORD_LISTS}
            self.numeric_order = str(raw["numeric_order"])
            self.orders = frozenset(str(o) for o in raw.get("word_orders") or ())
            self.before = frozenset(str(w).lower() for w in raw.get("past_before") or ())
            self.day_nouns = frozenset(str(w).lower() for w in raw.get("day_nouns") or ())
            unknown = self.orders - set(_ORDERS)
            if unknown:
                raise ValueError(f"word_orders: unknown {sorted(unknown)}; known {_ORDERS}")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise LexiconError(
                f"lexicons/{lang}/dates.yaml: {exc!r} is missing or malformed; the header of "
                "lexicons/fr/dates.yaml lists every section"
            ) from exc
        self.past, self.generic = frozenset(words["past"]), frozenset(words["generic_season"])
        self.ago = frozenset(words["ago"])
        self.not_weekday = re.compile(rf"\b(?:{_alt(words['not_weekday_before'])})\s+$", re.I)
        self.not_season = re.compile(rf"(?:^|\W)(?:{_alt(words['not_season_after'])})\s*$", re.I)
        self.future = re.compile(rf"\b(?:{_alt(words['future_cues'])})\b", re.I)
        self.followers = frozenset(words["year_followers"])
        self._breaks = re.compile(rf"\b(?:{_alt(words['clause_breaks'])})(?:(?<=')|(?=\W))", re.I)
        self._infinitives = re.compile(
            rf"\b(?:{_alt(words['infinitive_links'])})(?:(?<=')|\s+)(?:se\s+|s')?"
            rf"[a-zà-ÿ]+(?:{_alt(words['infinitive_endings'])})\b"
        )
        self._parser: Any = None
        self._anchored_by: dict[str, tuple[str, ...]] = {}  # word → kinds it anchors
        self.patterns = _compile(self, words)
        self._noun_of = re.compile(
            rf"(?<![\w'])(?P<head>[^\W\d_]+)\s+(?:{_alt(words['of'])})(?:(?<=')|\s+)"
            rf"(?:(?:{_alt(words['determiners'])})\s*)?$",
            re.I,
        )
        self._adverbial = frozenset(words["adverbial_of"])

    def noun_before(self, text: str, at: int) -> int | None:
        """Where the noun ends that the date at ``at`` qualifies (``la déclaration du 10
        novembre``), or None when it qualifies none (``à partir du 30 août`` is adverbial)."""
        window = text[max(0, at - 40) : at]
        m = self._noun_of.search(window)
        if m is None or m["head"].lower() in self._adverbial:
            return None
        return at - len(window) + m.end("head")

    def dates_clause(self, text: str, at: int) -> bool:
        """Whether the date at ``at`` dates its clause: adverbial (``en janvier 1981``) or the
        day a noun names (``la journée du 5 juillet 1962``, ``day_nouns``), not another noun
        (``le débarquement de 1830``)."""
        window = text[max(0, at - 40) : at]
        m = self._noun_of.search(window)
        return m is None or m["head"].lower() in self._adverbial | self.day_nouns

    @classmethod
    @functools.cache
    def load(cls, lang: str = "fr") -> DateRules:
        """Read ``lexicons/<lang>/dates.yaml`` (once per language) and warm up dateparser."""
        try:
            folder = resources.files("wirecoder") / "lexicons" / lang
            text = (folder / "dates.yaml").read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise LexiconError(
                f"no date lexicon for language {lang!r}: "
                f"add src/wirecoder/lexicons/{lang}/dates.yaml"
            ) from exc
        rules = cls(lang, yaml.safe_load(text))
        rules.dateparser().get_date_data("1/1/2000")  # its first call loads the language data
        return rules

    def dateparser(self) -> Any:
        """dateparser's parser for this language: it reads numeric dates (``10/11/2020``)."""
        if self._parser is None:
            from dateparser.date import DateDataParser  # type: ignore[import-untyped]

            settings = {"DATE_ORDER": self.numeric_order}
            self._parser = DateDataParser(languages=[self.lang], settings=settings)
        return self._parser

    def clause_marks(self, text: str) -> list[tuple[int, str]]:
        """Where clauses open ("main" at ``;:()"`` and sentence ends, "sub" at a break word such
        as ``qui``, "infinitive" at a complement such as ``d'organiser``) and where a
        subordinate one may close ("comma")."""
        marks = [(m.start(), "sub") for m in self._breaks.finditer(text)]
        marks += [(m.start(), "infinitive") for m in self._infinitives.finditer(text)]
        marks += [(m.start(), "main") for m in _BREAK_MARKS.finditer(text)]
        marks += [(i, "comma") for i, ch in enumerate(text) if ch == ","]
        return sorted(marks)

    def clause_before(self, text: str, at: int) -> str:
        """The text of the clause that ends at ``at`` (back to a mark or a sentence end)."""
        window = re.split(r"[.!?]\s", text[max(0, at - 80) : at])[-1]
        marks = [pos for pos, kind in self.clause_marks(window) if kind != "infinitive"]
        return window[marks[-1] :] if marks else window

    def reads_as_year(self, m: re.Match[str], text: str) -> bool:
        """Whether a bare four-digit number reads as a year where it stands."""
        if m["cue"]:
            return True
        after = text[m.end() :]
        if re.match(r"\s*(?:[,.;:)!?/\"]|$)", after):
            return True
        word = re.match(r"\s+([^\W\d_]+'?)", after)
        return word is not None and word[1].lower() in self.followers

    def find(self, text: str, base: str | None) -> list[TimeExpression]:
        """The time expressions of ``text`` (offsets into it), resolved against ``base``."""
        norm = normalise(text)
        ref = Base.parse(base)
        found = sorted(self._matches(norm), key=lambda item: item[:2])
        out: list[TimeExpression] = []
        end = 0
        pending: list[re.Match[str]] = []  # the first days of a range, waiting for their month
        for start, _neg_end, kind, m in found:
            if start < end:
                continue
            resolved = values.resolve(self, kind, m, norm, ref)
            if kind == "anaphor":  # "la veille": counted from the last day named, else the base
                resolved = self._anaphor(m, out, ref)
            if resolved is None:
                continue
            end = m.end()
            if kind == "range":
                pending.append(m)
                continue
            for first in pending if kind == "full" and resolved[1] == "day" else ():
                day = range_start(int(first["day"]), resolved[0])
                if day is not None:
                    out.append(_expression(text, first, day, "day"))
            pending = []
            out.append(_expression(text, m, *resolved))
        return out

    def _matches(self, text: str) -> Iterator[tuple[int, int, str, re.Match[str]]]:
        """Every match of every pattern, as (start, -end, kind, match).

        Scanning a long text with sixteen alternations of words is slow with ``re``; each
        pattern is tried instead at the word starts shortly before its anchors (a word it cannot
        match without: a month name, a weekday, a number: ``#d`` for one or two digits, ``#y``
        for four), which finds the same matches.
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer: keep the offsets
            lowered = "".join(ch.lower()[0] for ch in text)
        starts: list[int] = []
        anchors: dict[str, list[int]] = {}
        for m in _TOKEN.finditer(lowered):
            starts.append(m.start())
            token = m.group()
            if token[0].isdigit():
                token = "#y" if len(token) == 4 and token.isdigit() else "#d"
            for kind in self._anchored_by.get(token, ()):
                anchors.setdefault(kind, []).append(m.start())
        seen: set[tuple[int, int, str]] = set()
        for kind, rx in self.patterns:
            for at in anchors.get(kind, ()):
                first = bisect.bisect_left(starts, at - _ANCHOR_REACH)
                for pos in starts[first : bisect.bisect_right(starts, at)]:
                    hit = rx.match(text, pos)
                    if hit is not None and (pos, hit.end(), kind) not in seen:
                        seen.add((pos, hit.end(), kind))
                        yield pos, -hit.end(), kind, hit

    def _anaphor(
        self, m: re.Match[str], out: list[TimeExpression], ref: Base | None
    ) -> tuple[str, str] | None:
        days = [dt.date.fromisoformat(e.value) for e in out if e.precision == "day"]
        anchor = days[-1] if days else ref.day if ref and ref.grain == "day" else None
        if anchor is None:
            return None
        day = anchor + dt.timedelta(days=self.from_reference[_words(m.group())])
        return day.isoformat(), "day"


def _tokens(words: Iterable[str], shortest: int = 1) -> set[str]:
    return {t.lower() for w in words for t in _TOKEN.findall(w) if len(t) >= shortest}


def _cues(words: Iterable[str]) -> str:
    """Cue words before a month, a year or a season: ``en juin``, ``mi-juillet``, ``d'août``."""
    spaced = [w for w in words if not w.endswith(("'", "-"))]
    glued = [w for w in words if w.endswith(("'", "-"))]
    return rf"(?:\b(?P<cue>(?:{_alt(spaced)})\s+|(?:{_alt(glued)})))"


def _compile(r: DateRules, w: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str]]]:
    month = rf"(?:{_alt(r.months)})(?!\w)"
    wday = _alt(r.weekdays)
    direction = rf"(?P<dir>{_alt(w['past'] + w['next'])})\b"
    year4 = r"(?P<year>1\d{3}|20\d{2})(?![\d%°]|[.,]\d)"
    year2 = rf"(?P<y2>'?\d{{2}})(?=\s*[,.;:)!?\"]|\s*$|\s+(?:{_alt(w['year_followers'])})\b)"
    this, det, of = rf"(?P<this>{_alt(w['this'])})", _alt(w["determiners"]), _alt(w["of"])
    units = _alt(w["week"] + w["month"] + w["year"])
    parts = rf"(?P<part>{_alt(w['unit_parts'])})\s+(?:{_alt(w['part_links'])})\s*"
    glued_of = rf"(?:{of})(?:(?<=')|\b)"
    patterns = {
        "full": rf"(?:\b(?:{det})\s+)?(?:\b(?P<wd>{wday})\s+)?\b(?P<day>{_DAY}){_ORD}(?:\s+|-)"
        rf"(?P<month>{month})(?:\s+(?:{year4}|{year2}))?(?:\s+{direction})?",
        "range": rf"\b(?:(?:{_alt(w['range_starts'])})\s+)?(?P<day>{_DAY}){_ORD}(?=(?:\s*,\s*"
        rf"{_DAY}{_ORD})*\s*(?:-|(?:{_alt(w['range_links'])})\s)\s*(?:(?:{det})\s+)?"
        rf"(?:(?:{wday})\s+)?{_DAY}{_ORD}\s+{month})",
        "day": rf"\b(?:{det})\s+(?P<day>{_DAY}){_ORD}(?:\s+{direction})?"
        rf"(?!,?\s*(?:{_alt(w['addresses'])})\b)(?=\s*[,.;:)!?]|\s*$|\s+(?:"
        rf"{_alt(w['day_followers'])})\b(?!\s*\d))",
        "anaphor": rf"\b(?:{_alt(r.from_reference)})\b(?!\s+{glued_of})",
        "relday": rf"\b(?P<rel>{_alt(r.relative_days)})(?![\w-])(?:\s+(?P<wd>{wday})\b)?"
        rf"(?:\s+(?:{_alt(w['parts_of_day'])})\b)?",
        "partday": rf"\b(?:{_alt(w['this'])})\s+(?:{_alt(w['parts_of_day'])})\b",
        "weekday": rf"\b(?:{this}\s+(?:(?:{_alt(w['same'])})\s+)?)?(?P<wd>{wday})\b"
        rf"(?:\s+{direction})?",
        "unit": rf"\b(?:{this}\s+|{parts}|(?:{det})\s*)(?P<unit>{units})(?:-ci)?\b(?!-)"
        rf"(?:\s+(?:{direction}|(?P<current>{_alt(w['current'])})\b))?",
        "weekend": rf"\b(?:{this}|{det})\s+(?:{_alt(w['weekend'])})\b(?:\s+{direction})?",
        "quantity": rf"\b(?P<way>{_alt(w['ago'] + w['later'])})\s+(?P<n>\d{{1,3}}|"
        rf"{_alt(r.numbers)})\s+(?P<unit>{_alt(r.units)})\b",
        "numeric": r"\b(?:\d{4}-\d{2}-\d{2}|(?:[12]\d|3[01]|0?[1-9])[/.](?:1[0-2]|0?[1-9])[/.]"
        r"(?:\d{4}|\d{2}))\b(?![/.]\d)",
        "season": rf"(?:{_cues(w['generic_season'] + w['this'])}|\b(?P<det>"
        rf"{_alt(w['season_cues'])})\s*)?\b(?P<season>{_alt(r.seasons)})\b"
        rf"(?:\s+{year4}|\s+{direction})?",
        "decade": rf"\b(?:(?:{det})\s+)?(?:{_alt(w['decade'])})\s+(?P<dec>(?:19|20)?\d0)\b(?!\d)",
        "month": rf"{_cues(w['month_cues'])}?\b(?P<month>{month})(?:\s+(?:{year4}|{year2})|"
        rf"\s+{direction})?",
        "year": rf"{_cues(w['year_cues'])}?\b{year4}(?!\s\d{{3}}\b)",
    }
    before = rf"(?P<dir>{_alt([*r.before, *w['next']])})\b"
    ordered = {
        "month_day": rf"(?:\b(?P<wd>{wday}),?\s+)?\b(?P<month>{month})\s+(?P<day>{_DAY})"
        rf"(?:st|nd|rd|th)?\b(?:,?\s+(?:{year4}))?",
        "direction_unit": rf"\b(?:(?P<part>{_alt(w['unit_parts'])})\s+)?{before}\s+"
        rf"(?P<unit>{units})\b",
        "direction_weekday": rf"\b{before}\s+(?P<wd>{wday})\b(?P<this>)",
        "quantity_ago": rf"\b(?P<n>\d{{1,3}}|{_alt(r.numbers)})\s+(?P<unit>{_alt(r.units)})\s+"
        rf"(?P<way>{_alt(w['ago'])})\b",
    }
    patterns.update((kind, rx) for kind, rx in ordered.items() if kind in r.orders)
    anchors = {
        ("full", "range", "month"): _tokens(r.months),
        ("day",): {"#d"},
        ("anaphor",): _tokens(r.from_reference, 4),
        ("relday",): _tokens(r.relative_days, 4),
        ("partday",): _tokens(w["parts_of_day"]),
        ("weekday",): _tokens(r.weekdays),
        ("unit",): _tokens(w["week"] + w["month"] + w["year"]),
        ("weekend",): _tokens(w["weekend"], 4),
        ("quantity",): _tokens(r.units),
        ("numeric",): {"#d", "#y"},
        ("season",): _tokens(r.seasons),
        ("decade",): _tokens(w["decade"]),
        ("year",): {"#y"},
        ("month_day",): _tokens(r.months),
        ("direction_unit",): _tokens(w["week"] + w["month"] + w["year"]),
        ("direction_weekday",): _tokens(r.weekdays),
        ("quantity_ago",): _tokens(w["ago"]),
    }
    for kinds in list(anchors):
        if all(k in _ORDERS and k not in r.orders for k in kinds):
            del anchors[kinds]  # a word order the language does not use
    for kinds, keys in anchors.items():
        for key in keys:
            r._anchored_by[key] = r._anchored_by.get(key, ()) + kinds
    return [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in patterns.items()]


def _expression(text: str, m: re.Match[str], value: str, grain: str) -> TimeExpression:
    start, end = m.span()
    while end > start and text[end - 1] in " ,":
        end -= 1
    return TimeExpression(text=text[start:end], start=start, end=end, value=value, precision=grain)


def clause_of(marks: list[tuple[int, str]], at: int) -> int:
    """An id for the clause holding offset ``at``, given :meth:`DateRules.clause_marks`.

    A clause opens at a mark; one opened by a break word (a subordinate clause: ``qui``,
    ``que``, ``lorsque``…) or an infinitive closes at the next comma, back into the clause
    around it.
    """
    main = clause = 0
    for opened, (pos, kind) in enumerate(marks, start=1):
        if pos > at:
            break
        if kind == "main":
            main = clause = opened
        elif kind in {"sub", "infinitive"}:
            clause = opened
        else:
            clause = main
    return clause
