"""The stages wired together: Article → Dateline → Doc → events → ArticleResult.

:class:`Coder` holds what is loaded once per process (the spaCy pipeline and the lexicons);
:func:`code_doc` is the per-article stage the batch loop calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import tee
from typing import TYPE_CHECKING

from wirecoder.actors.lexicon import ActorLexicon
from wirecoder.actors.resolve import ArticleContext
from wirecoder.dateline import DatelineLexicon, parse_dateline
from wirecoder.events.extract import EventExtractor
from wirecoder.events.fold import fold
from wirecoder.events.lexicon import TriggerLexicon
from wirecoder.events.qualify import ContextLexicon
from wirecoder.nlp import Parser
from wirecoder.ontology import Ontology
from wirecoder.records import Article, ArticleResult, Dateline
from wirecoder.when import event_date
from wirecoder.where import event_location, resolve_place

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Coder:
    """Codes articles of one language into PLOVER events.

    >>> coder = Coder(lang="fr")                       # loads the model once
    >>> result = coder.code(text, article_id="x")      # -> ArticleResult
    """

    def __init__(self, lang: str = "fr", model: str | None = None, batch_size: int = 32) -> None:
        self.lang = lang
        self.batch_size = batch_size
        self.parser = Parser.load(lang, model)
        self.actors = ActorLexicon.load(lang)
        self.datelines = DatelineLexicon.load(lang)
        self.ontology = Ontology.load()
        self.extractor = EventExtractor(
            TriggerLexicon.load(lang), self.actors, ContextLexicon.load(lang), self.ontology
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

    def _prepare(self, item: Article | str, n: int) -> tuple[Article, Dateline]:
        article = item if isinstance(item, Article) else Article(id=f"text-{n}", text=item)
        dateline = parse_dateline(article, self.datelines)
        place = resolve_place(dateline.place, self.actors)
        return article, replace(dateline, location=place)


def code_doc(doc: Doc, article: Article, dateline: Dateline, coder: Coder) -> ArticleResult:
    """The events of one parsed article body."""
    ctx = ArticleContext(offset=dateline.body_start, text=doc.text)
    dateline_country = dateline.location.country if dateline.location else None
    ctx.home = coder.extractor.resolver.home_country(doc, dateline_country)
    found = []
    for sentence in doc.sents:
        found.extend(coder.extractor.sentence_events(sentence, article.text, ctx, article.id))
    events = []
    for event in fold(found, coder.ontology.is_symmetric):
        date, precision = event_date(event, dateline)
        events.append(
            replace(
                event,
                date=date,
                date_precision=precision,
                location=event_location(event, dateline),
            )
        )
    return ArticleResult(
        article=article, language=coder.lang, dateline=dateline, events=tuple(events)
    )
