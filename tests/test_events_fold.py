from __future__ import annotations

from dataclasses import replace

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
    ("type_", "quad", "first", "second", "folded"),
    [
        ("ACCUSE", 3, ("SOC", "GOV"), ("BUS", "GOV"), 2),  # the unions' criticism, the employers'
        ("ACCUSE", 3, ("SOC", "GOV"), ("SOC", "JRN"), 2),  # against the state, against the press
        ("COERCE", 4, ("COP", "CVL"), ("MIL", "CVL"), 1),  # an arrest by "the security forces"
    ],
)
def test_events_fold_keeps_apart_speakers_of_other_sectors(
    type_: str, quad: int, first: tuple[str, str], second: tuple[str, str], folded: int
) -> None:
    events = [
        _event(n, type_, "FRA", "FRA", sectors=s, quad_class=quad)
        for n, s in [(1, first), (2, second)]
    ]
    assert len(fold(events, SYMMETRIC.__contains__)) == folded


@pytest.mark.parametrize("sectors", [("SOC", "JRN")])
def test_events_fold_an_implied_side_may_be_any(sectors: tuple[str, str]) -> None:
    """ "a salué la coopération" (aimed at the story's government, which no word names) may be
    the same act as "a félicité l'armée"."""
    named = _event(1, "SUPPORT", "TUR", "AZE", sectors=sectors, quad_class=1)
    implied = _event(2, "SUPPORT", "TUR", "AZE", sectors=(sectors[0], "GOV"), quad_class=1)
    assert implied.recipient is not None
    implied = replace(implied, recipient=replace(implied.recipient, text=""))
    assert len(fold([named, implied], SYMMETRIC.__contains__)) == 1


@pytest.mark.parametrize("nominal", [True, False])
def test_events_fold_a_noun_restates_an_act(nominal: bool) -> None:
    """ "Ali a remercié X pour le soutien de Y": the support named by a noun folds into Y's act
    told by a verb, whoever the sentence names for its sides."""
    told = _event(1, "SUPPORT", "PAK", "AZE", sectors=("MIL", "GOV"), quad_class=1)
    named = _event(2, "SUPPORT", "PAK", "AZE", sectors=("GOV", "GOV"), quad_class=1)
    kept = fold([told, named], SYMMETRIC.__contains__, lambda e: nominal and e.id == "e2")
    assert len(kept) == (1 if nominal else 2)


@pytest.mark.parametrize("sectors", [(("GOV", "GOV"), ("GOV", "MIL"))])
def test_events_fold_one_trigger_is_one_act(sectors: tuple[tuple[str, str], ...]) -> None:
    """ "il a rencontré le gouverneur et les commandants": one meeting."""
    events = [_event(1, "CONSULT", "GMB", "SEN", sectors=s) for s in sectors]
    events = [replace(e, id=f"e{n}") for n, e in enumerate(events)]
    assert len(fold(events, SYMMETRIC.__contains__)) == 1


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


@pytest.mark.parametrize(
    ("dates", "kept"),
    [
        (("2023-06-12", "2023-03-19"), 2),  # an attack today, another in March
        ((None, "2023-05"), 2),  # told as today's news (no date), another last month
        (("2023-06-11", None), 1),  # "ont attaqué dimanche …, tuant": the time told before
        (("2023-06", "2023-06-11"), 1),  # a month holds its day
        ((None, None), 1),
    ],
)
def test_events_fold_keeps_apart_material_acts_of_other_times(
    dates: tuple[str | None, ...], kept: int
) -> None:
    """ "Deux hommes ont été arrêtés à Londres ; deux autres avaient été interpellés en juin":
    two arrests. A mention with no date of its own is at the time the story was at for that
    act, else at the news's own day."""
    events = [_event(n, "ASSAULT", "FRA", "FRA", quad_class=4) for n in range(len(dates))]
    own = {e.id: d for e, d in zip(events, dates, strict=True)}
    folded = fold(events, SYMMETRIC.__contains__, when=lambda e: own[e.id], today="2023-06-12")
    assert len(folded) == kept


@pytest.mark.parametrize(
    ("modes", "kept"),
    [
        ((None, "abduct"), 2),  # "ont attaqué un hôtel", "ont pris en otage des invités"
        (("demo", None), 2),  # a march, self-immolations
        ((None, "firearms"), 1),  # "ont attaqué une base", "ont ouvert le feu": its means
        (("arrest", "arrest"), 1),
    ],
)
def test_events_fold_material_acts_of_other_kinds_are_apart(
    modes: tuple[str | None, ...], kept: int
) -> None:
    events = [_event(n, "ASSAULT", "AFG", "AFG", quad_class=4, mode=m) for n, m in enumerate(modes)]
    assert len(fold(events, SYMMETRIC.__contains__)) == kept


def test_events_fold_verbal_acts_ignore_dates() -> None:
    events = [_event(n, "ACCUSE", "FRA", "FRA", quad_class=3) for n in range(2)]
    own = {"e0": "2023-06-12", "e1": "2023-03-19"}
    assert len(fold(events, SYMMETRIC.__contains__, when=lambda e: own[e.id])) == 1


codes = st.sampled_from(["AZE", "PAK", "ARM", "TUR"])
types = st.sampled_from(["CONSULT", "SUPPORT", "ACCUSE"])
names = st.sampled_from([None, "Paul Durand", "Durand", "Jean Dupont"])


@given(st.lists(st.tuples(types, codes, codes, st.floats(0.1, 1.0), names), max_size=12))
def test_events_fold_is_idempotent(specs: list[tuple[str, str, str, float, str | None]]) -> None:
    events = [_event(n, t, a, b, c, name=m) for n, (t, a, b, c, m) in enumerate(specs)]
    once = fold(events, SYMMETRIC.__contains__)
    assert fold(once, SYMMETRIC.__contains__) == once
