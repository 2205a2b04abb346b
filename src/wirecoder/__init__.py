"""Wirecoder: political event data (PLOVER, with CAMEO, Goldstein and QuadClass) from news wire.

>>> import wirecoder
>>> coder = wirecoder.Coder(lang="fr")
>>> result = coder.code(text, article_id="x")
>>> store = wirecoder.Store("wirecoder.duckdb")
"""

from __future__ import annotations

from wirecoder.pipeline import Coder
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
    "Store",
]
