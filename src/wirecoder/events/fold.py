"""One event per real-world action in an article.

The same meeting reported in three sentences ("X s'est entretenu avec Y", "les parties ont
échangé…") is one event: mentions that agree on type, sides (by country or IGO, unordered for
joint types), auxiliary mode and negation fold into the clearest one — the highest confidence,
then the first reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wirecoder.records import Actor, Event


def _code(side: Actor | None) -> str:
    if side is None:
        return ""
    return side.code or (side.name or side.text).lower()


def fold_key(event: Event, symmetric: bool) -> tuple[object, ...]:
    sides = (_code(event.actor), _code(event.recipient))
    if symmetric:
        sides = tuple(sorted(sides))  # type: ignore[assignment]
    return (event.type, sides, event.aux_mode, event.negated)


def fold(events: Iterable[Event], is_symmetric: Callable[[str], bool]) -> tuple[Event, ...]:
    """Keep one event per key, in the order the kept events were first reported."""
    kept: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = fold_key(event, is_symmetric(event.type))
        best = kept.get(key)
        if best is None or event.confidence > best.confidence:
            kept[key] = event
    return tuple(sorted(kept.values(), key=lambda e: (e.evidence.start, e.id)))
