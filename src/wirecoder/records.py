"""The records that travel between stages: frozen, slotted dataclasses and nothing else.

Every stage takes and returns these. They hold plain values only (str, int, float, bool,
tuples and other records), so they pickle across process boundaries and compare by value.
Offsets (``start``/``end``) always point into ``Article.text`` as it was read, never into a
normalised copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
AUX_MODES: tuple[str, ...] = ("historical", "future", "hypothetical")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Article:
    """One input record, as read: its text is never modified afterwards."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date of publication, when the input gives one
    url: str | None = None
    source: str | None = None  # where it was read from (a path, "<stdin>", a JSONL line)
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: a gazetteer entry, or a bare name when nothing resolved it."""

    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    """The header of a dispatch: where and when it was filed, by whom.

    ``body_start`` is the offset in ``Article.text`` where the story itself begins, so the
    header never becomes part of the first sentence.
    """

    place: str | None = None  # as printed
    date: str | None = None  # ISO, day/month/year precision
    agency: str | None = None
    body_start: int = 0
    location: Place | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """One side of an event: who acts for which state or organisation, in which sector."""

    text: str  # the mention as printed (the longest span that names the side)
    name: str | None = None  # a person's or organisation's proper name
    country: str | None = None  # ISO 3166-1 alpha-3 of the state the entity acts for
    igo: str | None = None  # short code of an international organisation (UN, NATO, ICRC…)
    sectors: tuple[str, ...] = ()
    role: str | None = None  # the office: ambassadeur, ministre des Affaires étrangères…
    start: int = 0
    end: int = 0

    @property
    def code(self) -> str | None:
        """The side's country or IGO code: what analyses aggregate on."""
        return self.country or self.igo

    @property
    def cameo(self) -> str:
        """A CAMEO-style code string, e.g. ``AZEGOV``."""
        return (self.code or "") + (self.sectors[0] if self.sectors else "")


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that supports an event, with its offsets into the article text."""

    sentence: str
    start: int
    end: int
    trigger: str


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event, coded from one sentence of one article."""

    id: str
    type: str
    actor: Actor | None
    recipient: Actor | None
    evidence: Evidence
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    aux_mode: str | None = None
    negated: bool = False
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything coded from one article: the output contract's one line."""

    article: Article
    language: str
    dateline: Dateline
    events: tuple[Event, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input record that could not be coded, and why (nothing is dropped silently)."""

    record: str  # the record's id or where it came from (path, path:line)
    reason: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date found in a text: its span, and its ISO-TimeML value relative to a base date.

    ``value`` is ``1999-05-17``, ``1999-05``, ``1999``, ``1999-W20``, ``1999-W20-WE`` (a
    weekend), ``1999-SU`` (a season; ``XXXX-SU`` when generic) or ``199`` (a decade);
    ``precision`` names its grain: day, week, month, season, year or decade.
    """

    text: str
    start: int
    end: int
    value: str
    precision: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One article's report of an event: the event as coded there, and the article's id."""

    article_id: str
    event: Event


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real-world event reported by one or more articles (see ``wirecoder.dedup``).

    ``event`` is the cluster's first mention, standing for it in lists and counts;
    ``mentions`` holds every source article's own event, evidence included.
    """

    id: str
    event: Event
    mentions: tuple[Mention, ...]


KNOWLEDGE_SOURCES: tuple[str, ...] = ("learned", "user")


@dataclass(frozen=True, slots=True)
class KnownActor:
    """One entry of the corpus actor knowledge base (see ``wirecoder.actors.knowledge``): a
    person's office for a state or an organisation, and when the corpus saw it.

    A person whose office changes has one entry per office; the office in force at an
    article's date is the one first seen last on or before that date. ``source`` is
    ``learned`` (from the articles' explicit titles) or ``user`` (imported; a user's entries
    for a name replace every learned one for that name).
    """

    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    igo: str | None = None
    sectors: tuple[str, ...] = ()
    role: str | None = None
    first_seen: str | None = None  # ISO date of the first article that gives this office
    last_seen: str | None = None
    articles: int = 0  # how many articles give it
    source: str = "learned"


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which stored events a query keeps (``wirecoder.query``): every filter given must hold.

    ``actor``/``recipient``: a side's country or IGO code; ``type``: a PLOVER type;
    ``since``/``until``: inclusive ISO dates (``2021``, ``2021-02``); ``q``: words anywhere in
    the evidence sentence or a side's text or name, any case. ``None`` filters nothing; the
    query checks the values and says what to pass instead.
    """

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None

    @classmethod
    def of_form(cls, **values: str | None) -> EventFilter:
        """From form fields: a blank field filters nothing."""
        return cls(**{k: (v.strip() or None) if v is not None else None for k, v in values.items()})

    def fields(self) -> dict[str, str | None]:
        """The filters by name (for links that keep them)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}
