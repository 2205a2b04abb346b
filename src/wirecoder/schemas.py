"""Response models of the HTTP API: events exactly as the output contract writes them.

Each model reads the matching query record directly (``from_attributes``), so the API holds no
conversion code of its own: ``EventOut.model_validate(event)`` for an ``Event``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from wirecoder.records import EVENT_TYPES

EventType = StrEnum("EventType", {name: name for name in EVENT_TYPES})  # type: ignore[misc]


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


class CountUnit(StrEnum):
    """What counts count: real-world events (clusters of mentions) or every article's mention."""

    clusters = "clusters"
    mentions = "mentions"


class Period(StrEnum):
    month = "month"
    week = "week"
    year = "year"


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PlaceOut(_Out):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None


class SideOut(_Out):
    """An event side as the contract writes it (no mention offsets)."""

    text: str
    name: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-3 of the state it acts for")
    igo: str | None = Field(description="Short code of an international organisation")
    sectors: list[str]
    role: str | None


class EvidenceOut(_Out):
    sentence: str
    start: int
    end: int
    trigger: str


class EventOut(_Out):
    """One event of the output contract (``contract/article.schema.json``)."""

    id: str
    type: str
    mode: str | None
    contexts: list[str]
    aux_mode: str | None
    negated: bool
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    actor: SideOut | None
    recipient: SideOut | None
    date: str | None
    date_precision: str | None
    location: PlaceOut | None
    evidence: EvidenceOut
    confidence: float


class EventPageOut(_Out):
    events: list[EventOut]
    total: int = Field(description="How many events match, over all pages")
    limit: int = Field(description="The page size used (requests above 1000 get 1000)")
    offset: int


class ArticleOut(_Out):
    id: str
    language: str
    title: str | None
    date: str | None
    url: str | None
    source: str | None
    dateline_place: str | None
    dateline_date: str | None
    dateline_agency: str | None


class EventDetailOut(_Out):
    event: EventOut
    article: ArticleOut
    others: list[EventOut] = Field(description="The article's other events, in text order")


class QuadCountsOut(_Out):
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


class DyadPeriodOut(_Out):
    period: str = Field(description="2021-02 (month), 2021-W06 (ISO week) or 2021 (year)")
    start: str = Field(description="ISO date of the period's first day")
    events: int
    a_to_b: int
    b_to_a: int
    quad_classes: QuadCountsOut
    types: dict[str, int]
    goldstein_mean: float | None


class DyadOut(_Out):
    a: str
    b: str
    by: str
    periods: list[DyadPeriodOut]
    events: int
    a_to_b: int
    b_to_a: int
    undated: int = Field(description="Events of the dyad without a date, in no period")
    goldstein_mean: float | None


class ActorSummaryOut(_Out):
    name: str
    kind: str = Field(description='"name" (a proper name) or "code" (a country or IGO code)')
    country: str | None
    igo: str | None
    events: int
    as_actor: int
    as_recipient: int


class ActorListOut(_Out):
    actors: list[ActorSummaryOut]
    total: int
    limit: int
    offset: int


class RoleSpanOut(_Out):
    role: str | None
    code: str | None
    first_date: str | None
    last_date: str | None
    events: int


class PartnerOut(_Out):
    code: str
    events: int


class ActorProfileOut(_Out):
    summary: ActorSummaryOut
    roles: list[RoleSpanOut]
    partners: list[PartnerOut]
    as_actor: EventPageOut
    as_recipient: EventPageOut


class StatsOut(_Out):
    articles: int
    events: int
    quarantined: int
    negated: int
    dated: int
    located: int
    first_date: str | None
    last_date: str | None
    by_type: dict[str, int]
    by_quad_class: QuadCountsOut
    languages: dict[str, int]
    mentions: int


class MapPointOut(_Out):
    name: str
    country: str | None
    lat: float
    lon: float
    events: int


class MapOut(_Out):
    points: list[MapPointOut]


class ErrorOut(BaseModel):
    """Every error answer: a one-line message saying what to change."""

    detail: str
