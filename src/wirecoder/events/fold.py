"""One event per real-world action in an article.

The same meeting reported in three sentences ("X s'est entretenu avec Y", "les parties ont
échangé…") is one event: mentions that agree on type, sides (by country or IGO, unordered for
joint types), auxiliary mode and negation fold into the clearest one — the highest confidence,
then the first reported.

The gold counts one event per distinct act and per acting side. So a verbal act aimed at
someone is apart from another of the same countries when a named side's sector differs (the
unions' criticism of a government and the employers' are two statements), and any act is
apart when the actors name different people or organisations ("Mélenchon and Morano both
called her …" is two accusations); a mention that names no one (``il``, ``le ministre``) may
stand for either and folds. One trigger is one act ("il a rencontré le gouverneur et les
commandants"), and an act a noun names ("le soutien de X", "les interpellations") restates
one told elsewhere, whatever its sides' sectors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wirecoder.records import Actor, Event


def _code(side: Actor | None) -> str:
    if side is None:
        return ""
    return side.code or (side.name or side.text).lower()


def _sector(side: Actor | None) -> str:
    return side.sectors[0] if side is not None and side.sectors else ""


def fold_key(event: Event, symmetric: bool) -> tuple[object, ...]:
    """Type, sides, auxiliary mode and negation; a material act's mode too (PLOVER's modes
    are kinds of act: an attack and a hostage-taking by one group, a march and
    self-immolations, are two acts), unless it only says the means of an attack told
    elsewhere ("ont attaqué une base … ont ouvert le feu sur les militaires")."""
    sides = (_code(event.actor), _code(event.recipient))
    if symmetric:
        sides = tuple(sorted(sides))  # type: ignore[assignment]
    mode = event.mode if event.quad_class in _MATERIAL and event.mode not in _MEANS else None
    return (event.type, sides, event.aux_mode, event.negated, mode)


def _sectors(event: Event, symmetric: bool) -> tuple[str, ...]:
    """The sides' sectors, of a verbal act aimed at someone: "the unions criticised the
    government, and so did the employers" is two statements, and so are the praise of a party
    and of a government. A side the sentence only implies may be any. Material acts (an arrest
    told as the police's, then as the security forces') and meetings fold whoever is named
    for them."""
    if symmetric or event.quad_class not in _VERBAL:
        return ()
    return (_named_sector(event.actor), _named_sector(event.recipient))


def _named_sector(side: Actor | None) -> str:
    """A side's sector when the sentence names the side; "*" (any) when it is implied."""
    return _sector(side) if side is not None and side.text else "*"


def _agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(x == y or "*" in (x, y) for x, y in zip(a, b, strict=True))


_VERBAL = frozenset({1, 3})  # PLOVER's verbal cooperation and verbal conflict
_MATERIAL = frozenset({2, 4})
# PLOVER ASSAULT modes that say how an attack was made, not what kind of act it was
_MEANS = frozenset(
    {"firearms", "explosives", "heavy-weapons", "aerial", "drone", "primitive", "suicide-attack"}
)


def _words(name: str | None) -> frozenset[str]:
    return frozenset(name.lower().replace("-", " ").split()) if name else frozenset()


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two actor names may name one side: one is unnamed, or one's words hold the
    other's (``Hollande`` in ``François Hollande``)."""
    wa, wb = _words(a), _words(b)
    return not wa or not wb or wa <= wb or wb <= wa


def _name(event: Event) -> str | None:
    return event.actor.name if event.actor is not None else None


def _trigger(event: Event) -> tuple[int, str]:
    return (event.evidence.start, event.evidence.trigger)


@dataclass(slots=True)
class _Act:
    """The mentions of one act: its sides' sectors (none when only nouns name it), its
    actor's fullest name."""

    sectors: set[tuple[str, ...]]
    name: str | None
    members: list[Event] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)

    def joins(self, other: _Act) -> bool:
        sectors = not self.sectors or not other.sectors
        sectors = sectors or any(_agree(a, b) for a in self.sectors for b in other.sectors)
        dates = all(_same_time(a, b) for a in self.dates for b in other.dates)
        return sectors and dates and same_name(self.name, other.name)

    def absorb(self, other: _Act) -> None:
        self.sectors |= other.sectors
        self.dates |= other.dates
        if other.name is not None and len(other.name) > len(self.name or ""):
            self.name = other.name  # the fullest form: "François Hollande" over "Hollande"
        self.members.extend(other.members)

    def clearest(self, several: bool, nominal: Callable[[Event], bool]) -> Event:
        """The highest confidence, then the first reported; when ``several`` acts share the
        key, a named and told mention first (the kept one keeps what keeps it apart)."""
        return max(
            self.members,
            key=lambda e: (
                several and _name(e) is not None,
                several and not nominal(e),
                e.confidence,
            ),
        )


def _same_time(a: str, b: str) -> bool:
    """Whether two dates may be one time: equal, or one holds the other (``2012-06`` holds
    ``2012-06-03``)."""
    return a.startswith(b) or b.startswith(a)


def _dates(
    mentions: list[tuple[Event, tuple[str, ...] | None]],
    when: Callable[[Event], str | None],
    today: str | None,
) -> list[str | None]:
    """The time of each mention of a material act, in the order told: the date its own
    clause gives, else the time the story was at for this act (the last one given before),
    else the news's own day."""
    dates: list[str | None] = []
    current = today
    for event, _ in mentions:
        if event.quad_class not in _MATERIAL:
            dates.append(None)
            continue
        current = when(event) or current
        dates.append(current)
    return dates


def _acts(
    mentions: list[tuple[Event, tuple[str, ...] | None]],
    when: Callable[[Event], str | None],
    today: str | None,
) -> list[_Act]:
    """The mentions of one key as acts: one trigger's mentions are one act, and acts whose
    sides share sectors (or that only a noun names) and whose actors' names agree are one."""
    by_trigger: dict[tuple[int, str], _Act] = {}
    for (event, sectors), date in zip(mentions, _dates(mentions, when, today), strict=True):
        act = by_trigger.setdefault(_trigger(event), _Act(set(), None))
        dates = set() if date is None else {date}
        act.absorb(_Act(set() if sectors is None else {sectors}, _name(event), [event], dates))
    acts: list[_Act] = []
    for act in by_trigger.values():
        merged = True
        while merged:  # an act may bridge two earlier ones
            merged = False
            for other in acts:
                if other.joins(act):
                    other.absorb(act)
                    acts.remove(other)
                    act, merged = other, True
                    break
        acts.append(act)
    return acts


def fold(
    events: Iterable[Event],
    is_symmetric: Callable[[str], bool],
    is_nominal: Callable[[Event], bool] = lambda event: False,
    when: Callable[[Event], str | None] = lambda event: None,
    today: str | None = None,
) -> tuple[Event, ...]:
    """Keep one event per key and act, in the order the kept events were first reported.

    ``is_nominal`` tells the mentions a noun names ("les interpellations", "le soutien de X"):
    they restate an act told elsewhere in other words, so their sides' sectors keep nothing
    apart."""
    keyed: dict[tuple[object, ...], list[tuple[Event, tuple[str, ...] | None]]] = {}
    for event in events:
        symmetric = is_symmetric(event.type)
        sectors = None if is_nominal(event) else _sectors(event, symmetric)
        keyed.setdefault(fold_key(event, symmetric), []).append((event, sectors))
    kept: list[Event] = []
    for mentions in keyed.values():
        acts = _acts(mentions, when, today)
        kept.extend(act.clearest(len(acts) > 1, is_nominal) for act in acts)
    return tuple(sorted(kept, key=lambda e: (e.evidence.start, e.id)))
