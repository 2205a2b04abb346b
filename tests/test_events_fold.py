from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirecoder.events.fold import fold
from wirecoder.records import Actor, Event, Evidence

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}


def _event(n: int, type_: str, a: str, b: str, confidence: float = 0.9, **kw: object) -> Event:
    return Event(
        id=f"e{n}",
        type=type_,
        actor=Actor(text=a, country=a),
        recipient=Actor(text=b, country=b),
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


codes = st.sampled_from(["AZE", "PAK", "ARM", "TUR"])
types = st.sampled_from(["CONSULT", "SUPPORT", "ACCUSE"])


@given(st.lists(st.tuples(types, codes, codes, st.floats(0.1, 1.0)), max_size=12))
def test_events_fold_is_idempotent(specs: list[tuple[str, str, str, float]]) -> None:
    events = [_event(n, t, a, b, c) for n, (t, a, b, c) in enumerate(specs)]
    once = fold(events, SYMMETRIC.__contains__)
    assert fold(once, SYMMETRIC.__contains__) == once
