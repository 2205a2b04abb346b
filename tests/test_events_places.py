"""The country of the place an act happened in, for sides that name none (English parse)."""

from __future__ import annotations

import pytest

from wirecoder.pipeline import Coder

from conftest import coded_triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the victims are of the state of the city where they were hit
        (
            "Syrian gunmen killed four people in Mosul on Friday, Jordanian officials said.",
            ("ASSAULT", "SYR", "IRQ"),
        ),
        # a city the tagger names after a place noun
        ("Turkish jets bombed a camp near the town of Zakho.", ("ASSAULT", "TUR", "IRQ")),
        # the unnamed attacker of a passive is of the country it happened in
        (
            "Two Italian engineers were killed by a roadside bomb outside of Kandahar.",
            ("ASSAULT", "AFG", "ITA"),
        ),
    ],
)
def test_events_places_sides_take_the_country_of_the_place(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(english, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demonym adjective on a demonym noun: the people of that state
        ("Bosnian Croats demanded the release of the prisoners.", ("REQUEST", "BIH", None)),
        # a place in the phrase
        (
            "Ethnic Hungarians in northern Serbia protested against the new language law.",
            ("PROTEST", "SRB", None),
        ),
        # an ethnic minority acts where the act happens
        ("Hundreds of ethnic Russians demonstrated in Riga on Sunday.", ("PROTEST", "LVA", None)),
    ],
)
def test_events_places_peoples_living_elsewhere_are_of_their_state(
    english: Coder, text: str, expected: tuple[str, str, None]
) -> None:
    assert {t[:2] for t in coded_triples(english, text)} >= {expected[:2]}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Vietnamese-led forces shelled rebel camps in Cambodia.", "VNM"),
        ("A Saudi-led coalition of Gulf states imposed a blockade on Qatar.", "SAU"),
    ],
)
def test_events_places_a_side_led_by_a_state_acts_for_it(
    english: Coder, text: str, actor: str
) -> None:
    assert actor in {t[1] for t in coded_triples(english, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The African Union agreed to a six-month extension of the mandate for its force "
            "in Somalia.",
            ("AGREE", "IGO:AU", "SOM"),
        ),
    ],
)
def test_events_places_a_thing_in_a_state_stands_for_it(
    english: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    events = english.code(text).events
    triples = {
        (e.type, f"IGO:{e.actor.igo}" if e.actor and e.actor.igo else None, e.recipient.country)
        for e in events
        if e.recipient is not None
    }
    assert expected in triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the city where the arrests took place, not the Union seated there
        ("Quatre personnes ont été arrêtées à Bruxelles.", ("COERCE", "BEL", "BEL")),
        # a city named as a body ("la politique de Bruxelles") still stands for it
        ("Le Japon a protesté contre la politique de Bruxelles.", ("ACCUSE", "JPN", "EU")),
    ],
)
def test_events_places_a_seat_named_as_a_place_is_no_body(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)
