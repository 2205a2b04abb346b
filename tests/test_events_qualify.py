"""Auxiliary modes read off the parse: acts a side says it is willing to do; negation."""

from __future__ import annotations

import pytest

from wirecoder.pipeline import Coder


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Spain is willing to send medical aid to Morocco, the minister said.", "AGREE"),
        ("Japan said it was ready to host talks with South Korea.", "AGREE"),
        ("Egypt is prepared to impose a curfew in the Sinai.", "THREATEN"),
    ],
)
def test_events_qualify_willingness_is_a_promise(english: Coder, text: str, type_: str) -> None:
    events = english.code(text).events
    assert [(e.type, e.aux_mode) for e in events if e.type == type_] == [(type_, "future")]
    assert not any(e.type in {"AID", "CONSULT", "COERCE"} for e in events)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # the parse hangs "n'" on the auxiliary (a misspelt agreement, as wire copy has it):
        # still a negation of the act
        ("La Tunisie n'ayant pas ratifiée la convention, l'ONG a saisi le tribunal.", True),
        ("Le Maroc n'a pas ratifié le traité avec la Tunisie.", True),
        # no negation at all
        ("Le Maroc ayant ratifié le traité, le sommet a été reporté.", False),
    ],
)
def test_events_qualify_a_negation_on_the_auxiliary_negates_the_act(
    coder: Coder, text: str, negated: bool
) -> None:
    from wirecoder.events.qualify import negated as is_negated

    doc = coder.parser.parse(text)
    [verb] = [t for t in doc if t.lemma_ == "ratifier"]
    assert is_negated(verb) is negated


@pytest.mark.parametrize(
    ("word", "conditional"),
    [
        ("rappellerait", True),  # the future stem "rappeller-": a conditional
        ("déclarerait", True),
        ("déclarait", False),  # the infinitive's stem "déclar-": an imperfect
        ("espérait", False),
    ],
)
def test_events_qualify_a_conditional_read_as_an_imperfect(
    coder: Coder, word: str, conditional: bool
) -> None:
    from wirecoder.events.qualify import _conditional_form

    doc = coder.parser.parse(f"Le ministre {word} la proposition.")
    verb = doc[2]
    tagged_imperfect = "Imp" in verb.morph.get("Tense")
    assert _conditional_form(verb) is (conditional and tagged_imperfect)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        (  # the next meeting: planned, a promise to meet (manual: AGREE)
            "Les ministres kényan et somalien ont décidé de tenir la prochaine réunion à Mombasa.",
            "AGREE",
        ),
        ("Les ministres kényan et somalien ont tenu une réunion à Mombasa.", "CONSULT"),
    ],
)
def test_events_qualify_the_next_meeting_is_planned(coder: Coder, text: str, type_: str) -> None:
    assert [e.type for e in coder.code(text).events] == [type_]
