"""The stages wired together: Article → Dateline → Doc → events → ArticleResult.

:class:`Coder` holds what is loaded once per process (the spaCy pipeline and the lexicons);
:func:`code_doc` is the per-article stage the batch loop calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import tee
from typing import TYPE_CHECKING, Protocol

from wirecoder.actors.lexicon import ActorLexicon
from wirecoder.actors.reference import ArticleContext
from wirecoder.dateline import DatelineLexicon, parse_dateline
from wirecoder.events.extract import EventExtractor
from wirecoder.events.fold import fold
from wirecoder.events.lexicon import TriggerLexicon
from wirecoder.events.qualify import ContextLexicon
from wirecoder.language import Language
from wirecoder.nlp import Parser
from wirecoder.ontology import Ontology
from wirecoder.records import Article, ArticleResult, Dateline, Event, Place
from wirecoder.when import DateRules, earlier_dates, event_date, find_dates, sentence_dates
from wirecoder.where import (
    Gazetteer,
    PlaceMention,
    event_location,
    locative_cue,
    resolve_place,
    sovereign,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


class DocSource(Protocol):
    """Where a coder's docs come from: :class:`~wirecoder.nlp.Parser` (this process) or
    :class:`~wirecoder.parse_process.ParseProcess` (a child process)."""

    def parse_many(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]: ...

    def submit(self, texts: Sequence[str]) -> int: ...

    def collect(self, ticket: int) -> list[Doc]: ...

    def close(self) -> None: ...


# a batch submitted to a coder: its articles with their datelines, and the parser's ticket
_Submitted = tuple[list[tuple[Article, Dateline]], int]


class Coder:
    """Codes articles of one language into PLOVER events.

    >>> coder = Coder(lang="fr")                       # loads the model once
    >>> result = coder.code(text, article_id="x")      # -> ArticleResult

    ``parser``: where the docs come from (default: the language's pipeline, loaded here).
    """

    def __init__(
        self,
        lang: str = "fr",
        model: str | None = None,
        batch_size: int = 32,
        parser: DocSource | None = None,
    ) -> None:
        self.lang = lang
        self.batch_size = batch_size
        self.parser: DocSource = parser if parser is not None else Parser.load(lang, model)
        self.actors = ActorLexicon.load(lang)
        self.datelines = DatelineLexicon.load(lang)
        self.dates = DateRules.load(lang)
        self.gazetteer = Gazetteer.load(lang)
        self.ontology = Ontology.load()
        self.extractor = EventExtractor(
            TriggerLexicon.load(lang),
            self.actors,
            ContextLexicon.load(lang),
            self.ontology,
            self.gazetteer,
        )

    def code(self, text: str, article_id: str = "article", **meta: str | None) -> ArticleResult:
        """Code one text; ``meta`` takes the Article fields (title, date, url, source)."""
        article = Article(id=article_id, text=text, lang=self.lang, **meta)
        return next(self.code_many([article]))

    def code_many(self, articles: Iterable[Article | str]) -> Iterator[ArticleResult]:
        """Code many articles, parsing them in batches; results come in input order."""
        prepared = (self._prepare(a, n) for n, a in enumerate(articles))
        first, second = tee(prepared)
        bodies = (article.text[dateline.body_start :] for article, dateline in first)
        docs = self.parser.parse_many(bodies, batch_size=self.batch_size)
        for (article, dateline), doc in zip(second, docs, strict=True):
            yield code_doc(doc, article, dateline, self)

    def submit(self, articles: Sequence[Article | str]) -> _Submitted:
        """Start a batch: its bodies go to the parser, which may parse them elsewhere while
        this process codes another batch (:meth:`collect` codes this one)."""
        prepared = [self._prepare(a, n) for n, a in enumerate(articles)]
        return prepared, self.parser.submit([a.text[d.body_start :] for a, d in prepared])

    def collect(self, submitted: _Submitted) -> list[ArticleResult]:
        """The results of a batch :meth:`submit` started, in its order."""
        prepared, ticket = submitted
        docs = self.parser.collect(ticket)
        return [code_doc(doc, a, d, self) for doc, (a, d) in zip(docs, prepared, strict=True)]

    def close(self) -> None:
        """Stop the parser's process, if it has one."""
        self.parser.close()

    def _prepare(self, item: Article | str, n: int) -> tuple[Article, Dateline]:
        if isinstance(item, Article):
            article = item if item.lang == self.lang else replace(item, lang=self.lang)
        else:
            article = Article(id=f"text-{n}", text=item, lang=self.lang)
        dateline = parse_dateline(article, self.datelines)
        place = resolve_place(dateline.place, self.gazetteer)
        return article, replace(dateline, location=place)


class Polyglot:
    """Codes articles in any installed language: one :class:`Coder` per language, loaded the
    first time an article in that language comes. Articles carry their language
    (:func:`wirecoder.detect.assign_languages`); one with none is coded as ``default``.

    ``models`` points a language to another installed pipeline (a name or a path).
    ``parse_apart`` parses each language in a process of its own
    (:class:`~wirecoder.parse_process.ParseProcess`); :meth:`close` stops them.
    """

    def __init__(
        self,
        batch_size: int = 32,
        models: Mapping[str, str] | None = None,
        default: str = "fr",
        parse_apart: bool = False,
    ) -> None:
        self.batch_size = batch_size
        self.models = dict(models or {})
        self.default = default
        self.parse_apart = parse_apart
        self.coders: dict[str, Coder] = {}

    def coder(self, lang: str) -> Coder:
        if lang not in self.coders:
            model = self.models.get(lang)
            parser = None
            if self.parse_apart:
                from wirecoder.parse_process import ParseProcess

                parser = ParseProcess(lang, model, self.batch_size)
            self.coders[lang] = Coder(lang, model, self.batch_size, parser)
        return self.coders[lang]

    def code_many(self, articles: Iterable[Article | str]) -> Iterator[ArticleResult]:
        """Code a batch, each language with its own coder; results come in input order."""
        yield from self.collect(self.submit(list(articles)))

    def submit(self, articles: Sequence[Article | str]) -> list[tuple[list[int], _Started]]:
        """Start a batch: each language's articles go to its coder's parser."""
        by_lang: dict[str, list[int]] = {}
        items = [
            a if isinstance(a, Article) else Article(id=f"text-{n}", text=a)
            for n, a in enumerate(articles)
        ]
        for i, article in enumerate(items):
            by_lang.setdefault(article.lang or self.default, []).append(i)
        started = []
        for lang, indices in by_lang.items():
            coder = self.coder(lang)
            batch = [replace(items[i], lang=lang) for i in indices]
            started.append((indices, (coder, coder.submit(batch))))
        return started

    def collect(self, started: list[tuple[list[int], _Started]]) -> list[ArticleResult]:
        """The results of a batch :meth:`submit` started, in its order."""
        results: dict[int, ArticleResult] = {}
        for indices, (coder, submitted) in started:
            results.update(zip(indices, coder.collect(submitted), strict=True))
        return [results[i] for i in range(len(results))]

    def close(self) -> None:
        """Stop the parse processes, if any."""
        for coder in self.coders.values():
            coder.close()


_Started = tuple[Coder, _Submitted]


def code_doc(doc: Doc, article: Article, dateline: Dateline, coder: Coder) -> ArticleResult:
    """The events of one parsed article body."""
    table = coder.extractor.resolver.table(doc)
    ctx = ArticleContext(offset=dateline.body_start, text=table.whole)
    dateline_country = dateline.location.country if dateline.location else None
    ctx.mentions = coder.extractor.resolver.country_counts(doc)
    ctx.home = coder.extractor.resolver.home_country(ctx.mentions, dateline_country)
    if ctx.home is None:  # no dateline and no state named clearly most: where its places are
        resolver = coder.extractor.resolver
        ctx.home = (
            places_country(doc, coder)
            or resolver.named_most(ctx.mentions)
            or Language.load(coder.lang).default_home
        )
    found = []
    for sentence in doc.sents:
        found.extend(coder.extractor.sentence_events(sentence, article.text, ctx, article.id))
    dated = replace(dateline, date=dateline.date or article.date)
    expressions = find_dates(article.text, dated.date, coder.lang, rules=coder.dates)
    undated = replace(dated, date=None)

    def when(event: Event) -> str | None:  # the date the event's own clause gives, if any
        if event.id in ctx.qualifying:  # "les personnes interpellées seraient jugées mardi"
            return None
        return event_date(event, undated, expressions, lang=coder.lang)[0]

    folded = fold(
        found, coder.ontology.is_symmetric, lambda e: e.id in ctx.nominal, when, dated.date
    )
    mentions = place_mentions(doc, article, dateline, coder, _countries(folded, dateline))
    spans = [
        (dateline.body_start + s.start_char, dateline.body_start + s.end_char) for s in doc.sents
    ]
    events: list[Event] = []
    for event in folded:
        date, precision = event_date(event, dated, expressions, lang=coder.lang)
        if is_background(date, dated.date):
            continue  # history (older than about a year) is context, not news
        own = sentence_dates(event, expressions)
        if own and told_in_history(own, dated.date) and when(event) is None:
            continue  # "Lors du procès, le 27 février 2009, X avait entrepris de démolir…"
        if not own and told_in_history(
            earlier_dates(article.text, event.evidence.start, spans, expressions, coder.lang),
            dated.date,
        ):
            continue  # "La journée du 5 juillet 1962 … . À Oran, une fusillade éclate …"
        event = announced(event, date, dated.date, coder.ontology)
        if coder.ontology.is_symmetric(event.type) and any(_mirrors(event, e) for e in events):
            continue  # "les deux pays doivent signer en juin un accord": one joint promise
        ev = event.evidence
        here = [m for m in mentions if ev.start <= m.start < ev.end]
        location = event_location(event, dateline, here, lang=coder.lang)
        events.append(replace(event, date=date, date_precision=precision, location=location))
    if swaps := coder.actors.shared_states(table.whole):  # "l'armée congolaise" at Kinshasa
        events = [_with_states(e, swaps) for e in events]
    return ArticleResult(
        article=article, language=coder.lang, dateline=dateline, events=tuple(events)
    )


# types whose report dated after the news is a promise (``un sommet en février 2013``, ``est
# attendu à Alger le 16 juillet``): cooperation and retreat only, never force (a wrong date
# must not turn an attack into a threat)
_PROMISED = frozenset({"AGREE", "CONCEDE"})


def announced(event: Event, date: str | None, published: str | None, ontology: Ontology) -> Event:
    """An act of cooperation dated after the article is announced, not done: the type its
    future reports are coded as (ontology ``future_as``), as a future tense would make it."""
    if not date or not published or event.negated or event.aux_mode is not None:
        return event
    later = ontology.future_as.get(event.type)
    grain = min(len(date), len(published))
    if later not in _PROMISED or date[:grain] <= published[:grain]:
        return event
    cameo, goldstein, quad = ontology.score(later, None)
    return replace(
        event,
        type=later,
        mode=None,
        aux_mode="future",
        cameo=cameo,
        goldstein=goldstein,
        quad_class=quad,
    )


def _mirrors(event: Event, other: Event) -> bool:
    """Whether two events are one act told from each of its sides (a signing each side does
    with the other, announced for later: one joint AGREE)."""
    sides = (event.actor and event.actor.code, event.recipient and event.recipient.code)
    others = (other.actor and other.actor.code, other.recipient and other.recipient.code)
    return (
        other.type == event.type
        and other.evidence.start == event.evidence.start
        and other.evidence.trigger == event.evidence.trigger
        and others == sides[::-1]
    )


def _with_states(event: Event, swaps: Mapping[str, str]) -> Event:
    """``event`` with its sides' states swapped (``shared_states``: a name two states share)."""
    sides = [
        replace(side, country=swaps[side.country])
        if side is not None and side.country is not None and side.country in swaps
        else side
        for side in (event.actor, event.recipient)
    ]
    return replace(event, actor=sides[0], recipient=sides[1])


def places_country(doc: Doc, coder: Coder) -> str | None:
    """The state most of a text's named places (``Québec``, ``Lyon``, ``Cayenne``) are in:
    a territory's sovereign (``ontology/territories.tsv``)."""
    counts: dict[str, int] = {}
    for entity in doc.ents:
        if entity.label_ in _PLACE_LABELS:
            place = coder.gazetteer.resolve(entity.text, ())
            if place is not None and place.country:
                state = sovereign(place.country)
                counts[state] = counts.get(state, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


# how old a dated act may be and still be coded (PLOVER codes news, not history)
_BACKGROUND_DAYS = 400


def is_background(date: str | None, published: str | None) -> bool:
    """Whether an act dated ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) is more than
    about a year older than the article (``published``, ISO)."""
    if not date or not published:
        return False
    try:
        parts = [int(p) for p in date.split("-")]
        when = dt.date(
            parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else 28
        )
        return (dt.date.fromisoformat(published[:10]) - when).days > _BACKGROUND_DAYS
    except (ValueError, IndexError):
        return False


def told_in_history(dates: Sequence[str], published: str | None) -> bool:
    """Whether an act with no date of its own clause is told in a sentence whose every date
    is history (:func:`is_background`): the sentence recounts the past, the act with it."""
    return bool(dates) and all(is_background(d, published) for d in dates)


_PLACE_LABELS = frozenset({"LOC", "GPE"})


def place_mentions(
    doc: Doc, article: Article, dateline: Dateline, coder: Coder, prefer: Sequence[str]
) -> list[PlaceMention]:
    """Places named after a locative word (``à Bakou``, ``en Turquie``) in a parsed body.

    Candidates are spaCy's LOC/GPE entities and runs of proper nouns after a preposition (not
    acronyms); an entity the gazetteer does not know stays a bare name, a proper noun it does
    not know is dropped.
    """
    spans = {(e.start, e.end): True for e in doc.ents if e.label_ in _PLACE_LABELS}
    pos = coder.extractor.resolver.table(doc).pos  # read once: doc[i] makes a new Token
    for i in range(len(pos) - 1):
        if pos[i] == "ADP" and pos[i + 1] == "PROPN":
            end = i + 1
            while end < len(pos) and pos[end] == "PROPN":
                end += 1
            spans.setdefault((i + 1, end), False)
    mentions = []
    for (first, last), entity in sorted(spans.items()):
        start = dateline.body_start + doc[first].idx
        end = dateline.body_start + doc[last - 1].idx + len(doc[last - 1])
        cue = locative_cue(article.text, start, coder.lang)
        if cue is None:
            continue
        text = article.text[start:end]
        if text.isupper() and not entity:
            continue  # an acronym (OTAN, ONU) names an organisation, not a town
        place = coder.gazetteer.resolve(text, prefer)
        if place is not None or entity:
            mentions.append(PlaceMention(text, start, end, cue, place or Place(name=text)))
    return mentions


def _countries(events: Iterable[Event], dateline: Dateline) -> tuple[str, ...]:
    """The countries an article is about: its sides' and its dateline's."""
    codes = [dateline.location.country if dateline.location else None]
    codes += [side.country for e in events for side in (e.actor, e.recipient) if side is not None]
    return tuple(dict.fromkeys(c for c in codes if c))
