"""The PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``) as gold and as articles.

The file is one JSON array of records, each a sentence from the CAMEO manual with its event:
``event`` (a PLOVER type, in the file's older names for some), ``source`` and ``target`` (lists
of ``{"actorText", "code", "sector"}``), and the ``text``. Each record is read as a
one-sentence article (its ``id``) whose gold events are every source with every target:

- older type names: DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE,
  FIGHT → ASSAULT; the DOCUMENT record (the file's own notes) is skipped;
- codes: CAMEO's ``JAP`` is ``JPN``; the generic ``IGO`` and ``NGO`` codes name no particular
  organisation, so predicted organisations are compared as ``IGO`` (:func:`generic_igos`);
  an empty or null code is no side;
- an id the file repeats for another sentence gets ``#2``;
- two sources and no target of a direction-free type (``Hungarian and Romanian officials
  agreed``) are one event between the two.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from wirecoder.evaluate import DIRECTION_FREE, ArticleEvents, EvaluationError, EventKey
from wirecoder.records import EVENT_TYPES, Article

OLD_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
OLD_CODES = {"JAP": "JPN", "NGO": "IGO"}


def is_gsr(path: Path) -> bool:
    """Whether ``path`` holds a JSON array (the GSR file) rather than JSON lines."""
    try:
        with path.open(encoding="utf-8") as f:
            head = f.read(64).lstrip()
    except OSError:
        return False
    return head.startswith("[")


def read_gsr(path: Path, lang: str = "en") -> tuple[dict[str, ArticleEvents], list[Article]]:
    """The gold events by record id, and each record's sentence as an article."""
    try:
        records: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read the GSR file ({exc})") from None
    if not isinstance(records, list):
        raise EvaluationError(f"{path}: expected a JSON array of records")
    gold: dict[str, ArticleEvents] = {}
    articles: list[Article] = []
    for n, record in enumerate(records):
        where = f"{path}: record {n}"
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise EvaluationError(f"{where}: expected an object with a string 'id'")
        kind = OLD_TYPES.get(str(record.get("event")), str(record.get("event")))
        if kind == "DOCUMENT":
            continue
        if kind not in EVENT_TYPES or not isinstance(record.get("text"), str):
            raise EvaluationError(f"{where}: needs a PLOVER 'event' and a 'text'")
        rid, repeat = record["id"], 1
        while rid in gold:  # the file gives two different sentences one id: keep both
            repeat += 1
            rid = f"{record['id']}#{repeat}"
        gold[rid] = ArticleEvents(rid, _events(kind, record))
        articles.append(Article(id=rid, text=record["text"], lang=lang, source=str(path)))
    return gold, articles


def generic_igos(articles: dict[str, ArticleEvents]) -> dict[str, ArticleEvents]:
    """Predicted events with every organisation code read as the GSR's generic ``IGO``."""

    def side(code: str | None) -> str | None:
        return "IGO" if code is not None and code.startswith("IGO:") else code

    return {
        key: replace(
            article,
            events=tuple(
                EventKey(e.type, side(e.actor), side(e.recipient)) for e in article.events
            ),
        )
        for key, article in articles.items()
    }


def _codes(raw: object) -> list[str | None]:
    if not isinstance(raw, list):
        return []
    codes: list[str | None] = []
    for actor in raw:
        code = actor.get("code") if isinstance(actor, dict) else None
        code = str(code).strip().upper() if code else None
        codes.append(OLD_CODES.get(code, code) if code else None)
    return codes


def _events(kind: str, record: dict[str, Any]) -> tuple[EventKey, ...]:
    sources = _codes(record.get("source")) or [None]
    targets = _codes(record.get("target"))
    if not targets and len(sources) == 2 and kind in DIRECTION_FREE:
        return (EventKey(kind, sources[0], sources[1]),)
    return tuple(EventKey(kind, s, t) for s in sources for t in (targets or [None]))
