"""The corpus actor knowledge base: who holds which office, for which state, since when.

It is learned from the sides of coded events that name a person *with* an explicit office and a
country or organisation (``le ministre azerbaïdjanais de la Défense, Rauf Guliyev``), one
:class:`~wirecoder.records.KnownActor` per (name, office), dated by the articles that give it.
It then resolves, in any article of the corpus, a side that names the person bare (``Rauf
Guliyev a déclaré``): the side takes the country or organisation, sectors and office of the
entry in force at the article's date.

Rules (plain functions on records, no database; ``wirecoder.actors.knowledge_db`` applies
them to a store):

- Only offices teach: a side whose role is a counterpart or generic noun (``son homologue``,
  ``le diplomate``) is left out.
- Names are compared in lexicon form (:func:`wirecoder.actors.lexicon.key`: lower case,
  spaces collapsed, typographic apostrophes straightened); a bare surname is not looked up (the
  corpus holds many Aliyevs).
- An entry's country, organisation and sectors are those most of its sides give; its display
  name the spelling most of them use (ties: the smallest, so the result never depends on order).
- The office in force at a date is the entry first seen last on or before it (an office taken
  later replaces the earlier one even if an article still mentions the old one); before any
  entry's first date, the earliest entry; with no date, the latest. When some of a name's
  entries have the country the side already has, only those are considered (namesakes).
- A name with user entries is resolved from them alone: a user's entries override learned ones.
- CSV (:func:`write_csv`, :func:`read_csv`): ``name,country,igo,sectors,role,first_seen,
  last_seen,articles,source``, sectors separated by ``;``. A bad row is reported in one line
  that names it and says what to fix; the other rows load.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TextIO

from wirecoder.actors.lexicon import key
from wirecoder.records import KNOWLEDGE_SOURCES, KnownActor

__all__ = [
    "COLUMNS",
    "KnowledgeBase",
    "KnowledgeError",
    "Sighting",
    "entry_order",
    "learn",
    "name_key",
    "read_csv",
    "write_csv",
]

COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(KnownActor))
# Role nouns that name no office of their own (those ``wirecoder.actors.resolve`` takes as a
# counterpart or a generic reference): a side that gives only one of them teaches nothing.
_NOT_OFFICES = frozenset(
    {
        "homologue",
        "interlocuteur",
        "interlocutrice",
        "diplomate",
        "responsable",
        "haut responsable",
        "dirigeant",
        "officiel",
    }
)
_COUNTRY = re.compile(r"[A-Z]{3}")
_IGO = re.compile(r"[A-Z][A-Z0-9_-]{1,15}")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class KnowledgeError(ValueError):
    """A knowledge-base file cannot be read at all; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Sighting:
    """The sides that give a name one office and one set of codes: what learning reads."""

    name: str
    role: str
    country: str | None
    igo: str | None
    sectors: tuple[str, ...]
    articles: tuple[str, ...]  # the ids of the articles that give it
    first: str | None = None  # the earliest and latest of their dates (ISO)
    last: str | None = None


def learn(sightings: Iterable[Sighting]) -> list[KnownActor]:
    """One learned entry per (name, office), in :func:`entry_order`; codes and spellings are
    weighed by the number of articles that give them."""
    groups: dict[tuple[str, str], list[Sighting]] = {}
    for seen in sightings:
        office = seen.role not in _NOT_OFFICES
        if office and seen.name.strip() and (seen.country or seen.igo) and seen.articles:
            groups.setdefault((_name_key(seen.name), seen.role), []).append(seen)
    learned = []
    for (_, role), found in groups.items():
        if len(found) == 1:  # most (name, office) pairs, in a large corpus
            s = found[0]
            learned.append(
                KnownActor(
                    s.name,
                    s.country,
                    s.igo,
                    s.sectors,
                    role,
                    s.first,
                    s.last,
                    len(set(s.articles)),
                    "learned",
                )
            )
            continue
        codes: Counter[tuple[str | None, str | None, tuple[str, ...]]] = Counter()
        names: Counter[str] = Counter()
        for s in found:
            codes[s.country, s.igo, s.sectors] += len(s.articles)
            names[s.name] += len(s.articles)
        country, igo, sectors = min(codes, key=lambda c: (-codes[c], _sortable(c)))
        firsts = [s.first for s in found if s.first]
        lasts = [s.last for s in found if s.last]
        learned.append(
            KnownActor(
                name=min(names, key=lambda n: (-names[n], n)),
                country=country,
                igo=igo,
                sectors=sectors,
                role=role,
                first_seen=min(firsts) if firsts else None,
                last_seen=max(lasts) if lasts else None,
                articles=len(set().union(*(s.articles for s in found))),
                source="learned",
            )
        )
    return sorted(learned, key=entry_order)


class KnowledgeBase:
    """Entries indexed by name, user entries replacing learned ones name by name."""

    def __init__(self, entries: Iterable[KnownActor]) -> None:
        by_name: dict[str, dict[str, list[KnownActor]]] = {}
        for entry in entries:
            by_name.setdefault(_name_key(entry.name), {}).setdefault(entry.source, []).append(entry)
        self._entries = {
            name: sorted(sources.get("user") or sources.get("learned") or [], key=_rank)
            for name, sources in by_name.items()
        }

    def __len__(self) -> int:
        return sum(len(found) for found in self._entries.values())

    def entries(self, name: str) -> list[KnownActor]:
        """The entries that resolve ``name`` (its user entries if any, else learned ones)."""
        return list(self._entries.get(_name_key(name), ()))

    def in_force(self, name: str, at: str | None, country: str | None = None) -> KnownActor | None:
        """The entry for ``name`` in force at the ISO date ``at`` (see the module's rules)."""
        found = self._entries.get(_name_key(name))
        if not found:
            return None
        same = [e for e in found if country is not None and e.country == country]
        found = same or found
        if at is None:
            return max(found, key=_recent)
        started = [e for e in found if e.first_seen is None or e.first_seen[: len(at)] <= at]
        if started:
            return max(started, key=_recent)
        return min(found, key=_rank)


def write_csv(entries: Iterable[KnownActor], out: TextIO) -> int:
    """Write entries as CSV with a header; returns how many rows were written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for entry in entries:
        writer.writerow(
            [
                entry.name,
                entry.country or "",
                entry.igo or "",
                ";".join(entry.sectors),
                entry.role or "",
                entry.first_seen or "",
                entry.last_seen or "",
                entry.articles,
                entry.source,
            ]
        )
        count += 1
    return count


def read_csv(
    source: TextIO, sectors: Container[str], where: str = "CSV"
) -> tuple[list[KnownActor], list[str]]:
    """Entries read from CSV (``where`` names the file in messages), and one message per bad
    row; ``sectors`` holds the valid sector codes. Only ``name`` is a required column; a row
    without ``source`` is a user's."""
    reader = csv.DictReader(source)
    header = [column.strip().lower() for column in reader.fieldnames or ()]
    if "name" not in header:
        raise KnowledgeError(
            f"{where} has no 'name' column: give a header row such as {','.join(COLUMNS)} "
            "(the one 'wirecoder actors --export' writes)"
        )
    reader.fieldnames = header
    entries, errors = [], []
    for row_number, row in enumerate(reader, start=2):
        cells = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        try:
            entries.append(_entry(cells, sectors))
        except ValueError as exc:
            errors.append(f"{where} row {row_number}: {exc} (row skipped; fix it and import again)")
    return entries, errors


def _entry(cells: dict[str, str], known_sectors: Container[str]) -> KnownActor:
    """One row as an entry, or a ValueError saying what is wrong with it."""
    name = " ".join(cells.get("name", "").split())
    if not name:
        raise ValueError("the name is empty: give the person's name")
    country = cells.get("country", "").upper() or None
    if country is not None and not _COUNTRY.fullmatch(country):
        raise ValueError(
            f"country {cells['country']!r} is not an ISO 3166-1 alpha-3 code: write it like AZE"
        )
    igo = cells.get("igo", "").upper().removeprefix("IGO:").removeprefix("NGO:") or None
    if igo is not None and not _IGO.fullmatch(igo):
        raise ValueError(f"igo {cells['igo']!r} is not an organisation code: write it like NATO")
    if country is None and igo is None:
        raise ValueError(f"{name} has no country and no igo: give one of them (AZE, NATO)")
    sectors = tuple(s for s in re.split(r"[;,\s]+", cells.get("sectors", "").upper()) if s)
    unknown = [s for s in sectors if s not in known_sectors]
    if unknown:
        raise ValueError(f"unknown sector {unknown[0]!r}: use PLOVER sector codes such as GOV;MIL")
    first_seen, last_seen = _date(cells, "first_seen"), _date(cells, "last_seen")
    if first_seen and last_seen and first_seen > last_seen:
        raise ValueError(f"first_seen {first_seen} is after last_seen {last_seen}: swap them")
    articles = cells.get("articles", "") or "0"
    if not articles.isdigit():
        raise ValueError(f"articles {articles!r} is not a count: write a whole number or nothing")
    source = cells.get("source", "").lower() or "user"
    if source not in KNOWLEDGE_SOURCES:
        raise ValueError(f"source {source!r} is not one of {', '.join(KNOWLEDGE_SOURCES)}")
    return KnownActor(
        name=name,
        country=country,
        igo=igo,
        sectors=sectors,
        role=key(cells.get("role", "")) or None,
        first_seen=first_seen,
        last_seen=last_seen,
        articles=int(articles),
        source=source,
    )


def _date(cells: dict[str, str], column: str) -> str | None:
    value = cells.get(column, "")
    if not value:
        return None
    if _DATE.fullmatch(value):
        try:
            date.fromisoformat((value + "-01-01")[:10])
            return value
        except ValueError:
            pass
    raise ValueError(f"{column} {value!r} is not an ISO date: write it like 2021-02-10")


def _sortable(values: Sequence[object]) -> tuple[str, ...]:
    return tuple(str(v) if v is not None else "" for v in values)


def entry_order(entry: KnownActor) -> tuple[str, ...]:
    """The order entries are listed in: by name, source, first date and office (a total one)."""
    return (_name_key(entry.name), entry.source, entry.name, *_rank(entry))


def _rank(entry: KnownActor) -> tuple[str, ...]:
    """One name's entries, earliest first; the rest of the fields make the order total."""
    return (
        entry.first_seen or "",
        entry.role or "",
        entry.country or "",
        entry.igo or "",
        ";".join(entry.sectors),
        entry.last_seen or "",
        f"{entry.articles:012d}",
    )


# names repeat across a corpus: their lexicon form is computed once
name_key = _name_key = functools.lru_cache(maxsize=1 << 16)(key)


def _recent(entry: KnownActor) -> tuple[str, int, str, tuple[str, ...]]:
    """The entry that took office last wins; then the one more articles give."""
    return (entry.first_seen or "", entry.articles, entry.last_seen or "", _rank(entry))
