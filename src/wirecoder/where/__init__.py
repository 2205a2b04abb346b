"""Event places: where each event happened, named in its own clause or in the dateline.

:class:`~wirecoder.where.gazetteer.Gazetteer` resolves names (``Bakou``, ``Le Caire``,
``Azerbaïdjan``) to places with their country, coordinates and GeoNames id; it is loaded once
and passed in. :func:`locative_cue` tells whether a name is introduced as the place where
something happens (``à Bakou``, ``en Turquie``, ``dans la région de Tovouz``).

:func:`event_location` places one event: a place named with a locative cue in the event's own
clause, nearest its trigger, else the dateline's place for what happens where the dispatch is
filed (meetings, receptions, statements: quad classes 1 and 3), else nothing.

The locative words are per-language constants here until the lexicon test knows a
``places.yaml``; the rest of the language knowledge is in ``lexicons/<lang>/countries.tsv``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from wirecoder.language import Language
from wirecoder.nlp import normalise
from wirecoder.records import Dateline, Event, Place
from wirecoder.when import DateRules, clause_of
from wirecoder.where.gazetteer import Gazetteer

__all__ = [
    "Gazetteer",
    "PlaceMention",
    "event_location",
    "locative_cue",
    "resolve_place",
    "sovereign",
]

# PLOVER quad classes 1 and 3: verbal cooperation and verbal conflict
_SAID_OR_MET = {1, 3}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: its span, the locative word before it, and what it resolved to."""

    text: str
    start: int
    end: int
    cue: str | None  # "à", "en", "dans"…: the mention says where something happens
    place: Place | None


def locative_cue(text: str, start: int, lang: str = "fr") -> str | None:
    """The word before ``text[start:]`` that makes it a place where something happens."""
    pattern = Language.load(lang).locative
    if pattern is None:
        return None
    m = pattern.search(text[max(0, start - 60) : start].replace("\u2019", "'"))
    return m["cue"].lower() if m else None


def resolve_place(
    name: str | None, gazetteer: Gazetteer, prefer: Sequence[str] = ()
) -> Place | None:
    """A printed place name resolved, else kept as a bare name; None for no name."""
    if not name:
        return None
    return gazetteer.resolve(name, prefer) or Place(name=" ".join(name.split()))


def event_location(
    event: Event,
    dateline: Dateline,
    places_in_sentence: Sequence[PlaceMention],
    *,
    lang: str = "fr",
) -> Place | None:
    """Where an event happened, or None.

    A place in the event's own clause named with a locative cue, nearest its trigger (a city
    before a country, a country before a name the gazetteer does not know); names inside the
    event's sides (``l'ambassadeur d'Azerbaïdjan au Pakistan``) are not where it happened. Else,
    for meetings and statements (quad classes 1 and 3) told in the present, the dateline's
    place, which also stands for a mere country around it (``au Pakistan`` in a dispatch from
    Islamabad).
    """
    evidence = event.evidence
    sides = [(a.start, a.end) for a in (event.actor, event.recipient) if a is not None and a.end]
    trigger = evidence.start + max(evidence.sentence.find(evidence.trigger), 0)
    marks = DateRules.load(lang).clause_marks(normalise(evidence.sentence))
    home = clause_of(marks, trigger - evidence.start)
    best: tuple[int, int, Place] | None = None
    for mention in places_in_sentence:
        if mention.place is None or mention.cue is None:
            continue
        if any(s <= mention.start < e for s, e in sides):
            continue  # "l'ambassadeur d'Azerbaïdjan au Pakistan": part of a side, not a place
        if clause_of(marks, mention.start - evidence.start) != home:
            continue
        grain = 0 if mention.place.lat is not None else 1 if mention.place.country else 2
        rank = (grain, abs(mention.start - trigger), mention.place)
        if best is None or rank[:2] < best[:2]:
            best = rank
    said_here = event.quad_class in _SAID_OR_MET and event.aux_mode is None
    here = dateline.location
    if best is None:
        return here if said_here else None
    in_country = here is not None and here.lat is not None and here.country == best[2].country
    if said_here and best[0] == 1 and in_country:
        return here  # "au Pakistan" in a dispatch from Islamabad: the city says more
    return best[2]


def sovereign(country: str) -> str:
    """The state a territory's people act for (``GUF`` → ``FRA``); any other code, itself."""
    return _territories().get(country, country)


@functools.cache
def _territories() -> dict[str, str]:
    text = (resources.files("wirecoder") / "ontology" / "territories.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {row[0]: row[1] for row in rows[1:]}
