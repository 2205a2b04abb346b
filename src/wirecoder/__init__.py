"""Wirecoder: political event data (PLOVER, with CAMEO, Goldstein and QuadClass) from news wire.

>>> import wirecoder
>>> coder = wirecoder.Coder(lang="fr")             # one language ("fr", "en")
>>> result = coder.code(text, article_id="x")
>>> results = wirecoder.Polyglot().code_many(articles)  # each article in its own language
>>> store = wirecoder.Store("wirecoder.duckdb")
"""

from __future__ import annotations

from wirecoder.pipeline import Coder, Polyglot
from wirecoder.records import (
    Actor,
    Article,
    ArticleResult,
    Dateline,
    Event,
    Evidence,
    KnownActor,
    Place,
)
from wirecoder.store import Store

__all__ = [
    "Actor",
    "Article",
    "ArticleResult",
    "Coder",
    "Dateline",
    "Event",
    "Evidence",
    "KnownActor",
    "Place",
    "Polyglot",
    "Store",
]
