"""What an evaluation got wrong, article by article: missed gold events and false alarms.

``wirecoder evaluate … --errors`` prints this after the scores. Gold and predicted events are
paired the way the scorer pairs them (same type, same sides, one to one, in order); what is
left is listed, gold with its names as annotated, predictions with their trigger and sentence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from wirecoder.contract import ContractError, result_from_contract
from wirecoder.evaluate import ArticleEvents, EvaluationError, EventKey
from wirecoder.records import Actor, ArticleResult, Event, Quarantined

if TYPE_CHECKING:
    from wirecoder.run import BatchCoder

__all__ = ["code_results", "list_errors", "list_gsr_errors", "read_results"]

_SENTENCE = 160  # characters of evidence shown per false alarm


def _side(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.igo:
        return "IGO:" + actor.igo.upper()
    return actor.country.upper() if actor.country else None


def _gold_side(code: object) -> str | None:
    if not isinstance(code, str) or not code.strip():
        return None
    code = code.strip().upper()
    return "IGO:" + code[4:] if code.startswith("NGO:") else code


def _gold_lines(path: Path) -> dict[str, list[Mapping[str, object]]]:
    found: dict[str, list[Mapping[str, object]]] = {}
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    obj = json.loads(line)
                    events = [e for e in obj.get("events", []) if not e.get("negated", False)]
                    found[str(obj["id"])] = events
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise EvaluationError(f"{path}: cannot list errors ({exc})") from None
    return found


def _gold_key(event: Mapping[str, object]) -> EventKey:
    return EventKey(
        str(event["type"]), _gold_side(event.get("source")), _gold_side(event.get("target"))
    )


def _pred_key(event: Event) -> EventKey:
    return EventKey(event.type, _side(event.actor), _side(event.recipient))


def _missed(event: Mapping[str, object]) -> str:
    key = _gold_key(event)
    names = f"[{event.get('source_name')} -> {event.get('target_name')}]"
    return f"  MISSED {key.type} {event.get('mode')} {key.actor} -> {key.recipient} {names}"


def _false(event: Event) -> str:
    key = _pred_key(event)
    texts = f"[{event.actor.text if event.actor else ''} -> "
    texts += f"{event.recipient.text if event.recipient else ''}]"
    sentence = " ".join(event.evidence.sentence.split())[:_SENTENCE]
    return (
        f"  FALSE  {key.type} {event.mode} {key.actor} -> {key.recipient} {texts} "
        f"«{event.evidence.trigger}» | {sentence}"
    )


def list_errors(gold: Path, results: Iterable[ArticleResult]) -> str:
    """Missed gold events and false alarms of every gold article, as plain text."""
    truth = {
        article_id: [(_gold_key(e), _missed(e)) for e in events]
        for article_id, events in _gold_lines(gold).items()
    }
    return _listing(truth, results, _pred_key)


def list_gsr_errors(truth: Mapping[str, ArticleEvents], results: Iterable[ArticleResult]) -> str:
    """The same listing against PLOVER's gold-standard records (:mod:`wirecoder.gsr`), whose
    organisations are the generic ``IGO``."""

    def generic(event: Event) -> EventKey:
        key = _pred_key(event)
        return EventKey(key.type, _generic(key.actor), _generic(key.recipient))

    gold = {
        article_id: [(k, f"  MISSED {k.type} {k.actor} -> {k.recipient}") for k in article.events]
        for article_id, article in truth.items()
    }
    return _listing(gold, results, generic)


def _generic(side: str | None) -> str | None:
    return "IGO" if side is not None and side.startswith("IGO:") else side


def _listing(
    truth: Mapping[str, list[tuple[EventKey, str]]],
    results: Iterable[ArticleResult],
    key_of: Callable[[Event], EventKey],
) -> str:
    coded = {r.article.id: [e for e in r.events if not e.negated] for r in results}
    lines: list[str] = []
    for article_id in sorted(truth):
        golds = truth[article_id]
        free = list(range(len(golds)))
        false: list[Event] = []
        for event in coded.get(article_id, []):
            key = key_of(event)
            g = next(
                (
                    g
                    for g in free
                    if golds[g][0].type == key.type and golds[g][0].matches_sides(key)
                ),
                None,
            )
            if g is None:
                false.append(event)
            else:
                free.remove(g)
        if free or false:
            lines.append(f"=== {article_id} (matched {len(golds) - len(free)} of {len(golds)})")
            lines += [golds[g][1] for g in free]
            lines += [_false(event) for event in false]
    return "\n".join(lines) + ("\n" if lines else "")


def code_results(
    paths: Iterable[str], coder: BatchCoder, lang: str | None = None
) -> tuple[list[ArticleResult], list[Quarantined]]:
    """Read ``paths`` and code them in memory, keeping the whole results (evidence included).

    ``lang`` codes them all in one language; None takes each record's, else detects it.
    """
    from wirecoder.detect import LanguageDetector, assign_languages
    from wirecoder.ingest import read_paths

    detector = None if lang is not None else LanguageDetector()
    quarantined: list[Quarantined] = []
    articles = []
    for item in assign_languages(read_paths(list(paths)), detector, override=lang):
        if isinstance(item, Quarantined):
            quarantined.append(item)
        else:
            articles.append(item)
    return list(coder.code_many(articles)), quarantined


def read_results(path: Path) -> list[ArticleResult]:
    """An output-contract JSONL file (``wirecoder code --out``) as results."""
    results = []
    where = str(path)
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                where = f"{path}:{number}"
                if line.strip():
                    results.append(result_from_contract(json.loads(line)))
    except (OSError, ValueError, ContractError) as exc:
        raise EvaluationError(f"{where}: cannot read predictions ({exc})") from None
    return results
