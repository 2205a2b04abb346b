from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirecoder.events.fold import fold
from wirecoder.records import Actor, Event, Evidence

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}


def _event(
    n: int,
    type_: str,
    a: str,
    b: str,
    confidence: float = 0.9,
    sectors: tuple[str, str] = ("", ""),
    name: str | None = None,
    **kw: object,
) -> Event:
    return Event(
        id=f"e{n}",
        type=type_,
        actor=Actor(text=a, country=a, name=name, sectors=tuple(sectors[:1]) if sectors[0] else ()),
        recipient=Actor(text=b, country=b, sectors=(sectors[1],) if sectors[1] else ()),
        evidence=Evidence(sentence="s", start=n, end=n + 1, trigger="t"),
        confidence=confidence,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(("type_", "folded"), [("CONSULT", 1), ("ACCUSE", 2)])
def test_events_fold_direction_free_types(type_: str, folded: int) -> None:
    events = [_event(1, type_, "AZE", "PAK"), _event(2, type_, "PAK", "AZE")]
    assert len(fold(events, SYMMETRIC.__contains__)) == folded


@pytest.mark.parametrize("aux", ["historical"])
def test_events_fold_keeps_apart_what_differs_in_aux_mode(aux: str) -> None:
    events = [_event(1, "SUPPORT", "PAK", "AZE"), _event(2, "SUPPORT", "PAK", "AZE", aux_mode=aux)]
    assert len(fold(events, SYMMETRIC.__contains__)) == 2


@pytest.mark.parametrize("confidences", [(0.7, 0.9)])
def test_events_fold_keeps_the_clearest(confidences: tuple[float, float]) -> None:
    low, high = confidences
    events = [_event(1, "SUPPORT", "PAK", "AZE", low), _event(2, "SUPPORT", "PAK", "AZE", high)]
    assert [e.id for e in fold(events, SYMMETRIC.__contains__)] == ["e2"]


@pytest.mark.parametrize(
    ("first", "second", "folded"),
    [
        (("SOC", "GOV"), ("BUS", "GOV"), 2),  # the unions' criticism and the employers'
        (("GOV", "REB"), ("GOV", "JRN"), 2),  # arresting rebels, arresting journalists
        (("SOC", "GOV"), ("SOC", "GOV"), 1),
    ],
)
def test_events_fold_keeps_apart_sides_of_other_sectors(
    first: tuple[str, str], second: tuple[str, str], folded: int
) -> None:
    events = [_event(1, "ACCUSE", "FRA", "FRA", sectors=first)]
    events.append(_event(2, "ACCUSE", "FRA", "FRA", sectors=second))
    assert len(fold(events, SYMMETRIC.__contains__)) == folded


@pytest.mark.parametrize(
    ("names", "kept"),
    [
        (("Jean Dupont", "Paul Durand"), 2),  # two politicians, two accusations
        (("Paul Durand", "Durand"), 1),  # the same man, named again
        (("Paul Durand", None, "Jean Dupont"), 2),  # "il" may be either: it folds
    ],
)
def test_events_fold_keeps_apart_differently_named_actors(
    names: tuple[str | None, ...], kept: int
) -> None:
    events = [_event(n, "ACCUSE", "FRA", "FRA", name=name) for n, name in enumerate(names)]
    assert len(fold(events, SYMMETRIC.__contains__)) == kept


codes = st.sampled_from(["AZE", "PAK", "ARM", "TUR"])
types = st.sampled_from(["CONSULT", "SUPPORT", "ACCUSE"])
names = st.sampled_from([None, "Paul Durand", "Durand", "Jean Dupont"])


@given(st.lists(st.tuples(types, codes, codes, st.floats(0.1, 1.0), names), max_size=12))
def test_events_fold_is_idempotent(specs: list[tuple[str, str, str, float, str | None]]) -> None:
    events = [_event(n, t, a, b, c, name=m) for n, (t, a, b, c, m) in enumerate(specs)]
    once = fold(events, SYMMETRIC.__contains__)
    assert fold(once, SYMMETRIC.__contains__) == once
