"""Event accuracy: coded articles against a gold file, on (type, actor, recipient).

Gold is JSONL, one article a line: ``id`` and ``events``, each event with ``type``, ``source``,
``target`` (an ISO3 country code, ``IGO:CODE`` or ``NGO:CODE``, or null) and ``negated`` —
the format of the Wikinews-fr 2012 development gold and of ``data/gold-fr/gold.jsonl``.
Predictions are the output contract (``wirecoder code --out``), or results coded in memory.

How events are compared, per article:

- a side is its ``IGO:<igo>`` code when the contract's ``igo`` is set, else its country;
  gold ``NGO:X`` reads as ``IGO:X`` (the contract keeps NGOs in ``igo`` too); a missing side
  or a side with neither code is ``None``, and ``None`` matches only ``None``;
- CONSULT, AGREE and COOPERATE are compared without direction;
- negated events are left out on both sides (they are counted, not scored);
- matching is one-to-one: each gold event matches at most one prediction (multisets);
- ``scope="gold"`` scores only articles in the gold file; ``scope="all"`` also scores
  predicted articles the gold file lacks, as articles with no events.

The confusion list pairs, one-to-one, unmatched predictions with unmatched gold events of
another type whose sides agree. Actor accuracy pairs each article's gold and predicted events
of the same type one-to-one (full matches first, then pairs sharing the actor, then pairs
sharing the recipient, then the rest) and counts the pairs whose actor code is right.
``wirecoder.evaluate_format`` writes a report as Markdown or JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from wirecoder.contract import ContractError, result_from_contract
from wirecoder.records import EVENT_TYPES, Actor, ArticleResult, Quarantined

if TYPE_CHECKING:
    from wirecoder.run import BatchCoder

__all__ = [
    "DIRECTION_FREE",
    "Agreement",
    "ArticleEvents",
    "Confusion",
    "EvaluationError",
    "EventKey",
    "Report",
    "Scope",
    "Scores",
    "code_paths",
    "evaluate",
    "predicted_events",
    "read_gold",
    "read_predictions",
]

DIRECTION_FREE = frozenset({"CONSULT", "AGREE", "COOPERATE"})
Scope = Literal["gold", "all"]


class EvaluationError(ValueError):
    """A gold or prediction file that cannot be scored; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class EventKey:
    """What an event is scored on: its type and the codes of its two sides."""

    type: str
    actor: str | None
    recipient: str | None

    def matches_sides(self, other: EventKey) -> bool:
        """Whether the sides agree (in either order when either type is direction-free)."""
        if (self.actor, self.recipient) == (other.actor, other.recipient):
            return True
        either_free = self.type in DIRECTION_FREE or other.type in DIRECTION_FREE
        return either_free and (self.actor, self.recipient) == (other.recipient, other.actor)


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    """The scored (not negated) events of one article, and what was set aside."""

    id: str
    events: tuple[EventKey, ...] = ()
    negated: int = 0  # events left out because they are negated
    sides: int = 0  # sides present (not null) on the scored events
    coded_sides: int = 0  # of those, sides with a country or an IGO code


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts of gold, predicted and matched events, with precision, recall and F1."""

    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.gold + self.predicted
        return 2 * self.matched / total if total else None


@dataclass(frozen=True, slots=True)
class Confusion:
    """Predictions of ``predicted_type`` whose sides match a gold event of ``gold_type``."""

    gold_type: str
    predicted_type: str
    count: int


@dataclass(frozen=True, slots=True)
class Agreement:
    """``right`` of ``total``: a share with its counts."""

    right: int
    total: int

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Report:
    """Everything measured by one evaluation."""

    scope: str
    articles: int  # articles scored
    missing: tuple[str, ...]  # gold articles with no prediction at all (scored as empty)
    negated_gold: int
    negated_predicted: int
    overall: Scores  # on (type, actor, recipient)
    type_only: Scores  # on type alone, per article: what the trigger side gets right
    per_type: tuple[tuple[str, Scores], ...]  # every PLOVER type, in the manual's order
    confusions: tuple[Confusion, ...]  # most frequent first
    actor_accuracy: Agreement
    recipient_accuracy: Agreement
    coded_sides: Agreement  # predicted sides that carry a country or an IGO code


# --- reading ---------------------------------------------------------------------------


def _gold_side(code: object, where: str) -> str | None:
    if code is None:
        return None
    if not isinstance(code, str) or not code.strip():
        raise EvaluationError(f"{where}: a side must be a code string or null, got {code!r}")
    code = code.strip().upper()
    return "IGO:" + code[4:] if code.startswith("NGO:") else code


def _gold_article(obj: object, where: str) -> ArticleEvents:
    if not isinstance(obj, Mapping) or not isinstance(obj.get("id"), str):
        raise EvaluationError(f"{where}: expected an object with a string 'id'")
    raw_events = obj.get("events")
    if not isinstance(raw_events, list):
        raise EvaluationError(f"{where}: article {obj['id']} needs an 'events' list")
    events: list[EventKey] = []
    negated = 0
    for n, raw in enumerate(raw_events):
        at = f"{where}: article {obj['id']} event {n}"
        if not isinstance(raw, Mapping) or raw.get("type") not in EVENT_TYPES:
            raise EvaluationError(f"{at}: 'type' must be a PLOVER type")
        if not isinstance(raw.get("negated", False), bool):
            raise EvaluationError(f"{at}: 'negated' must be true or false")
        if raw.get("negated", False):
            negated += 1
            continue
        source, target = _gold_side(raw.get("source"), at), _gold_side(raw.get("target"), at)
        events.append(EventKey(str(raw["type"]), source, target))
    return ArticleEvents(str(obj["id"]), tuple(events), negated)


def _jsonl(path: Path) -> Iterator[tuple[str, object]]:
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    where = f"{path}:{number}"
                    try:
                        yield where, json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise EvaluationError(f"{where}: not JSON ({exc.msg})") from None
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read ({exc.strerror}); check the path") from None


def _keep_unique(found: dict[str, ArticleEvents], article: ArticleEvents, where: str) -> None:
    if article.id in found:
        raise EvaluationError(f"{where}: article {article.id} appears twice; keep one line")
    found[article.id] = article


def read_gold(path: Path) -> dict[str, ArticleEvents]:
    """The gold file's articles by id (negated events counted, not kept)."""
    found: dict[str, ArticleEvents] = {}
    for where, obj in _jsonl(path):
        _keep_unique(found, _gold_article(obj, where), where)
    return found


def _side_code(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.igo:
        return "IGO:" + actor.igo.upper()
    return actor.country.upper() if actor.country else None


def _predicted_article(result: ArticleResult) -> ArticleEvents:
    kept = [event for event in result.events if not event.negated]
    keys = [EventKey(e.type, _side_code(e.actor), _side_code(e.recipient)) for e in kept]
    sides = [side for e in kept for side in (e.actor, e.recipient) if side is not None]
    coded = sum(1 for side in sides if side.code)
    negated = len(result.events) - len(kept)
    return ArticleEvents(result.article.id, tuple(keys), negated, len(sides), coded)


def predicted_events(results: Iterable[ArticleResult]) -> dict[str, ArticleEvents]:
    """Coded articles by id, ready to score."""
    found: dict[str, ArticleEvents] = {}
    for result in results:
        _keep_unique(found, _predicted_article(result), f"coded article {result.article.id}")
    return found


def read_predictions(path: Path) -> dict[str, ArticleEvents]:
    """An output-contract JSONL file (``wirecoder code --out``), by article id."""
    found: dict[str, ArticleEvents] = {}
    for where, obj in _jsonl(path):
        if not isinstance(obj, Mapping):
            raise EvaluationError(f"{where}: expected a JSON object")
        try:
            result = result_from_contract(obj)
        except ContractError as exc:
            raise EvaluationError(f"{where}: {exc}") from None
        _keep_unique(found, _predicted_article(result), where)
    return found


def code_paths(
    paths: Iterable[str], coder: BatchCoder, lang: str | None = None
) -> tuple[dict[str, ArticleEvents], list[Quarantined]]:
    """Read ``paths`` (files, folders, ``-``), code them in memory, and return them to score.

    ``lang`` codes them all in one language; None takes each record's, else detects it.
    """
    from wirecoder.misses import code_results

    results, quarantined = code_results(paths, coder, lang)
    return predicted_events(results), quarantined


# --- scoring ---------------------------------------------------------------------------


_AGREE: dict[str, Callable[[EventKey, EventKey], bool]] = {
    "sides": EventKey.matches_sides,
    "actor": lambda gold, pred: gold.actor == pred.actor,
    "recipient": lambda gold, pred: gold.recipient == pred.recipient,
    "any": lambda gold, pred: True,
}


def _pair(gold: list[EventKey], predicted: list[EventKey], same: str) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs of indices that agree on ``same``, in list order."""
    agree = _AGREE[same]
    pairs: list[tuple[int, int]] = []
    free = list(range(len(gold)))
    for p, pred in enumerate(predicted):
        g = next((g for g in free if agree(gold[g], pred)), None)
        if g is not None:
            pairs.append((g, p))
            free.remove(g)
    return pairs


class _Tally:
    """Counts summed over articles."""

    def __init__(self) -> None:
        self.gold: Counter[str] = Counter()
        self.predicted: Counter[str] = Counter()
        self.matched: Counter[str] = Counter()
        self.typed = 0  # matches on type alone
        self.confusions: Counter[tuple[str, str]] = Counter()
        self.actor = Counter[bool]()
        self.recipient = Counter[bool]()

    def add(self, gold: tuple[EventKey, ...], predicted: tuple[EventKey, ...]) -> None:
        left_gold: list[EventKey] = []
        left_pred: list[EventKey] = []
        for event_type in {key.type for key in (*gold, *predicted)}:
            same_gold = [key for key in gold if key.type == event_type]
            same_pred = [key for key in predicted if key.type == event_type]
            self.gold[event_type] += len(same_gold)
            self.predicted[event_type] += len(same_pred)
            self.typed += min(len(same_gold), len(same_pred))
            for same in ("sides", "actor", "recipient", "any"):
                pairs = _pair(same_gold, same_pred, same)
                for g, p in pairs:
                    self._count_sides(same_gold[g], same_pred[p])
                if same == "sides":
                    self.matched[event_type] += len(pairs)
                same_gold = [k for n, k in enumerate(same_gold) if n not in {g for g, _ in pairs}]
                same_pred = [k for n, k in enumerate(same_pred) if n not in {p for _, p in pairs}]
                if same == "sides":
                    left_gold += same_gold
                    left_pred += same_pred
        for g, p in _pair(left_gold, left_pred, "sides"):
            self.confusions[(left_gold[g].type, left_pred[p].type)] += 1

    def _count_sides(self, gold: EventKey, pred: EventKey) -> None:
        either = gold.type in DIRECTION_FREE
        self.actor[pred.actor == gold.actor or (either and pred.actor == gold.recipient)] += 1
        self.recipient[
            pred.recipient == gold.recipient or (either and pred.recipient == gold.actor)
        ] += 1


def evaluate(
    gold: Mapping[str, ArticleEvents],
    predicted: Mapping[str, ArticleEvents],
    scope: Scope = "gold",
) -> Report:
    """Score ``predicted`` against ``gold``, article by article."""
    if scope not in ("gold", "all"):
        raise EvaluationError(f"unknown scope {scope!r}: use 'gold' or 'all'")
    ids = sorted(set(gold) | set(predicted)) if scope == "all" else sorted(gold)
    empty = ArticleEvents("")
    tally = _Tally()
    negated_gold = negated_predicted = sides = coded = 0
    for article_id in ids:
        gold_article = gold.get(article_id, empty)
        pred_article = predicted.get(article_id, empty)
        tally.add(gold_article.events, pred_article.events)
        negated_gold += gold_article.negated
        negated_predicted += pred_article.negated
        sides += pred_article.sides
        coded += pred_article.coded_sides
    per_type = tuple(
        (t, Scores(tally.gold[t], tally.predicted[t], tally.matched[t])) for t in EVENT_TYPES
    )
    gold_total, pred_total = sum(tally.gold.values()), sum(tally.predicted.values())
    return Report(
        scope=scope,
        articles=len(ids),
        missing=tuple(i for i in sorted(gold) if i not in predicted),
        negated_gold=negated_gold,
        negated_predicted=negated_predicted,
        overall=Scores(gold_total, pred_total, sum(tally.matched.values())),
        type_only=Scores(gold_total, pred_total, tally.typed),
        per_type=per_type,
        confusions=tuple(
            Confusion(g, p, n)
            for (g, p), n in sorted(tally.confusions.items(), key=lambda i: (-i[1], i[0]))
        ),
        actor_accuracy=Agreement(tally.actor[True], tally.actor.total()),
        recipient_accuracy=Agreement(tally.recipient[True], tally.recipient.total()),
        coded_sides=Agreement(coded, sides),
    )


# --- output ----------------------------------------------------------------------------
