"""One event per real-world action in an article.

The same meeting reported in three sentences ("X s'est entretenu avec Y", "les parties ont
échangé…") is one event: mentions that agree on type, sides (by country or IGO and sector, unordered
for joint types), auxiliary mode and negation fold into the clearest one — the highest
confidence, then the first reported.

The gold counts one event per distinct act and per acting side, so sides of one country are
apart when their sectors differ (the unions' criticism of a government and the employers'
are two acts; a government's arrest of rebels and of journalists too), and when they name
different people or organisations ("Mélenchon and Morano both called her …" is two
accusations): a mention folds only into a group whose actor's name it shares, or when one of
the two names no one (``il``, ``le ministre``) and so may stand for the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wirecoder.records import Actor, Event


def _side(side: Actor | None) -> tuple[str, str]:
    """A side as folding compares it: its country or IGO, and its first sector."""
    if side is None:
        return ("", "")
    code = side.code or (side.name or side.text).lower()
    return (code, side.sectors[0] if side.sectors else "")


def fold_key(event: Event, symmetric: bool) -> tuple[object, ...]:
    sides = (_side(event.actor), _side(event.recipient))
    if symmetric:
        sides = tuple(sorted(sides))  # type: ignore[assignment]
    return (event.type, sides, event.aux_mode, event.negated)


def _words(name: str | None) -> frozenset[str]:
    return frozenset(name.lower().replace("-", " ").split()) if name else frozenset()


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two actor names may name one side: one is unnamed, or one's words hold the
    other's (``Hollande`` in ``François Hollande``)."""
    wa, wb = _words(a), _words(b)
    return not wa or not wb or wa <= wb or wb <= wa


def _name(event: Event) -> str | None:
    return event.actor.name if event.actor is not None else None


def _clearest(members: list[Event], named: bool) -> Event:
    """The highest confidence, then the first reported; a named mention first when ``named``
    (several sides share the key: the kept one must keep its name to stay apart)."""
    return max(members, key=lambda e: (named and _name(e) is not None, e.confidence))


def fold(events: Iterable[Event], is_symmetric: Callable[[str], bool]) -> tuple[Event, ...]:
    """Keep one event per key and acting side, in the order the kept events were first
    reported."""
    groups: dict[tuple[object, ...], list[tuple[list[str | None], list[Event]]]] = {}
    for event in events:
        same = groups.setdefault(fold_key(event, is_symmetric(event.type)), [])
        name = _name(event)
        group = next((g for g in same if same_name(g[0][0], name)), None)
        if group is None:
            same.append(([name], [event]))
        else:
            names, members = group
            if name is not None and len(name) > len(names[0] or ""):
                names[0] = name  # the fullest form: "François Hollande" over "Hollande"
            members.append(event)
    kept = [_clearest(members, len(same) > 1) for same in groups.values() for _, members in same]
    return tuple(sorted(kept, key=lambda e: (e.evidence.start, e.id)))
