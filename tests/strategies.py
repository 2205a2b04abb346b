"""Hypothesis strategies for the records, within the contract's ranges (reused across tests)."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from hypothesis import strategies as st

from wirecoder.records import (
    AUX_MODES,
    EVENT_TYPES,
    PRECISIONS,
    Actor,
    Article,
    ArticleResult,
    Dateline,
    Event,
    Evidence,
    Place,
    Quarantined,
)

# Valid UTF-8 (no lone surrogates), no NUL: what a decoded article can hold.
texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
names = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=20)
country_codes = st.from_regex(r"[A-Z]{3}", fullmatch=True)
igo_codes = st.from_regex(r"[A-Z][A-Z0-9]{1,5}", fullmatch=True)
languages = st.from_regex(r"[a-z]{2}", fullmatch=True)
iso_dates = st.dates().map(lambda d: d.isoformat())
offsets = st.integers(min_value=0, max_value=2**31 - 1)

T = TypeVar("T")


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """The strategy's values, or None."""
    return st.none() | strategy


places = st.builds(
    Place,
    name=names,
    country=optional(country_codes),
    lat=optional(st.floats(min_value=-90, max_value=90)),
    lon=optional(st.floats(min_value=-180, max_value=180)),
    geonames_id=optional(st.integers(min_value=1, max_value=2**53)),
)

actors = st.builds(
    Actor,
    text=texts,
    name=optional(names),
    country=optional(country_codes),
    igo=optional(igo_codes),
    sectors=st.lists(country_codes, max_size=3).map(tuple),
    role=optional(names),
    start=offsets,
    end=offsets,
)

evidences = st.builds(Evidence, sentence=texts, start=offsets, end=offsets, trigger=texts)

events = st.builds(
    Event,
    id=names,
    type=st.sampled_from(EVENT_TYPES),
    actor=optional(actors),
    recipient=optional(actors),
    evidence=evidences,
    mode=optional(names),
    contexts=st.lists(names, max_size=3).map(tuple),
    aux_mode=st.sampled_from((None, *AUX_MODES)),
    negated=st.booleans(),
    cameo=optional(st.from_regex(r"[0-9]{2,4}", fullmatch=True)),
    goldstein=optional(st.floats(min_value=-10, max_value=10)),
    quad_class=optional(st.integers(min_value=1, max_value=4)),
    date=optional(iso_dates),
    date_precision=st.sampled_from((None, *PRECISIONS)),
    location=optional(places),
    confidence=st.floats(min_value=0, max_value=1),
)

articles = st.builds(
    Article,
    id=names,
    text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200),
    title=optional(texts),
    date=optional(iso_dates),
    url=optional(texts),
    source=optional(texts),
    lang=optional(languages),
)

datelines = st.builds(
    Dateline,
    place=optional(names),
    date=optional(iso_dates),
    agency=optional(names),
    body_start=offsets,
    location=optional(places),
)


@st.composite
def article_results(
    draw: st.DrawFn, article: st.SearchStrategy[Article] = articles
) -> ArticleResult:
    """An ArticleResult whose event ids are unique and derived from the article id."""
    drawn = draw(article)
    found = draw(st.lists(events, max_size=4))
    numbered = tuple(replace(e, id=f"{drawn.id}#{n}") for n, e in enumerate(found))
    return ArticleResult(
        article=drawn, language=draw(languages), dateline=draw(datelines), events=numbered
    )


def result_batches(max_size: int = 4) -> st.SearchStrategy[list[ArticleResult]]:
    """Lists of ArticleResults with distinct article ids."""
    return st.lists(article_results(), max_size=max_size, unique_by=lambda r: r.article.id)


quarantined = st.builds(Quarantined, record=names, reason=names, source=optional(texts))
