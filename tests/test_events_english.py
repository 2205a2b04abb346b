"""English event sentences written for the project (tests/data/events_en.tsv): every PLOVER
type, passives, coordination, reported speech, negation and auxiliary modes."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from wirecoder.pipeline import Coder
from wirecoder.records import Actor, Event

CASES = Path(__file__).resolve().parent / "data" / "events_en.tsv"


@dataclass(frozen=True)
class Case:
    sentence: str
    type: str
    actor: str | None
    recipient: str | None
    negated: bool
    mode: str | None


def _cases() -> list[Case]:
    lines = CASES.read_text(encoding="utf-8").splitlines()
    rows = csv.reader(lines[1:], delimiter="\t")
    return [
        Case(s, t, a or None, r or None, n == "true", m or None)
        for s, t, a, r, n, m in (row + [""] * (6 - len(row)) for row in rows if row)
    ]


def _code(side: Actor | None) -> str | None:
    if side is None:
        return None
    return f"IGO:{side.igo}" if side.igo else side.country


def _matches(case: Case, event: Event) -> bool:
    sides = (_code(event.actor), _code(event.recipient))
    wanted = (case.actor, case.recipient)
    return event.type == case.type and (sides == wanted or sides == wanted[::-1])


def test_events_english_cases_cover_every_type() -> None:
    types = [c.type for c in _cases()]
    for kind in {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }:  # fmt: skip
        assert types.count(kind) >= 2, kind
    assert any(c.negated for c in _cases())
    assert {"future", "hypothetical"} <= {c.mode for c in _cases()}


def test_events_english_sentences_are_coded_right(english: Coder) -> None:
    """Type and both sides right (direction ignored), as a share over every case."""
    cases = _cases()
    misses = []
    for case in cases:
        events = english.code(case.sentence).events
        if not any(_matches(case, e) for e in events):
            misses.append(
                (case.sentence, [(e.type, _code(e.actor), _code(e.recipient)) for e in events])
            )
    assert 1 - len(misses) / len(cases) >= THRESHOLD, misses


def test_events_english_negation_and_modes(english: Coder) -> None:
    """Negated and future/hypothetical/historical cases: the event of the right type carries
    the negation and the auxiliary mode (a share: a missed trigger counts as wrong)."""
    cases = [c for c in _cases() if c.negated or c.mode]
    wrong = []
    for case in cases:
        events = [e for e in english.code(case.sentence).events if e.type == case.type]
        if not any(e.negated == case.negated and e.aux_mode == case.mode for e in events):
            wrong.append((case.sentence, [(e.negated, e.aux_mode) for e in events]))
    assert len(cases) >= 10
    assert 1 - len(wrong) / len(cases) >= MODES_THRESHOLD, wrong


THRESHOLD = 0.7
MODES_THRESHOLD = 0.8


def test_events_english_disasters_and_mishaps_are_no_acts(english: Coder) -> None:
    for text in [
        "Three climbers were killed in an avalanche in the Alps.",
        "Nine people were injured in a crash near Lyon.",
        "The storm destroyed hundreds of homes in Florida.",
    ]:
        assert not english.code(text, article_id="t", date="2024-05-02").events, text
    ambush = english.code("Two soldiers were killed in an ambush in northern Mali.", article_id="t")
    assert [e.type for e in ambush.events] == ["ASSAULT"]


def test_events_english_failed_and_without_negate_the_act(english: Coder) -> None:
    failed = english.code("Israel and Syria failed to reach an agreement on the border.")
    assert [(e.type, e.negated) for e in failed.events] == [("AGREE", True)]
    left = english.code("The minister left Paris without meeting his French counterpart.")
    assert [(e.type, e.negated) for e in left.events] == [("CONSULT", True)]


def test_events_english_congolese_is_the_congo_the_story_names(english: Coder) -> None:
    for text, state in [
        ("Congolese police arrested ten opposition activists in Kinshasa.", "COD"),
        ("Congolese police arrested ten opposition activists in Brazzaville.", "COG"),
    ]:
        result = english.code(text, article_id="t", date="2024-05-02")
        assert [e.actor and e.actor.country for e in result.events] == [state], text
