"""Sentence → events on the real parse, as (sentence, expected (type, actor, recipient)) pairs."""

from __future__ import annotations

import pytest

from wirecoder.actors.resolve import ArticleContext
from wirecoder.pipeline import Coder
from wirecoder.records import Event


def _events(coder: Coder, text: str) -> list[Event]:
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text)
    found: list[Event] = []
    for sentence in doc.sents:
        found.extend(coder.extractor.sentence_events(sentence, text, ctx, "t"))
    return found


def _triples(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.type, e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le ministre turc des Affaires étrangères s'est entretenu avec son homologue géorgien.",
            ("CONSULT", "TUR", "GEO"),
        ),
        (
            # PLOVER's visit mode: the visitor acts, the host receives
            "Le président géorgien a été reçu par le Premier ministre arménien.",
            ("CONSULT", "GEO", "ARM"),
        ),
        ("Le gouvernement iranien a condamné la Turquie.", ("ACCUSE", "IRN", "TUR")),
        ("Le ministre russe a félicité le gouvernement kazakh.", ("SUPPORT", "RUS", "KAZ")),
        (
            "Le ministre azerbaïdjanais a dénoncé les provocations de l'Arménie.",
            ("ACCUSE", "AZE", "ARM"),
        ),
        (
            "Le ministre turc a présenté ses félicitations au gouvernement géorgien.",
            ("SUPPORT", "TUR", "GEO"),
        ),
    ],
)
def test_events_extract_type_and_sides(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _triples(_events(coder, text))


@pytest.mark.parametrize(
    "text",
    [
        "L'Azerbaïdjan et le Pakistan entretiennent des relations amicales.",
        "Le ministre turc a souligné l'importance de la région.",
    ],
)
def test_events_extract_no_event(coder: Coder, text: str) -> None:
    assert _events(coder, text) == []


@pytest.mark.parametrize(
    ("text", "aux_mode", "negated"),
    [
        ("Le gouvernement russe avait toujours soutenu la Serbie.", "historical", False),
        ("Le gouvernement russe n'a pas soutenu la Serbie.", None, True),
    ],
)
def test_events_extract_aux_mode_and_negation(
    coder: Coder, text: str, aux_mode: str | None, negated: bool
) -> None:
    [event] = _events(coder, text)
    assert (event.type, event.aux_mode, event.negated) == ("SUPPORT", aux_mode, negated)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Le gouvernement russe soutiendra la Serbie dans ce dossier.", "AGREE"),
        ("Le ministre turc se rendra à Bakou la semaine prochaine.", "AGREE"),
    ],
)
def test_events_extract_future_acts_are_promises(coder: Coder, text: str, type_: str) -> None:
    [event] = _events(coder, text)
    assert (event.type, event.aux_mode) == (type_, "future")


@pytest.mark.parametrize(
    ("text", "types"),
    [("Le gouvernement congolais accuse le Rwanda de soutenir les rebelles.", ["ACCUSE"])],
)
def test_events_extract_infinitive_content_is_not_an_event(
    coder: Coder, text: str, types: list[str]
) -> None:
    assert [e.type for e in _events(coder, text)] == types


@pytest.mark.parametrize(
    ("text", "actors"),
    [("La Russie et la Chine ont condamné la Turquie.", {"RUS", "CHN"})],
)
def test_events_extract_coordinated_subjects(coder: Coder, text: str, actors: set[str]) -> None:
    events = _events(coder, text)
    assert {e.actor.code for e in events if e.actor} == actors


@pytest.mark.parametrize("text", ["Le ministre turc a félicité le gouvernement géorgien."])
def test_events_extract_scores_and_evidence(coder: Coder, text: str) -> None:
    [event] = _events(coder, text)
    assert (event.cameo, event.quad_class) == ("050", 1)
    assert event.goldstein is not None and event.goldstein > 0
    assert text[event.evidence.start : event.evidence.end].strip() == event.evidence.sentence
    assert event.evidence.trigger == "a félicité"
    assert 0 < event.confidence <= 1
