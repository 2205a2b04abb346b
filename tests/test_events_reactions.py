"""Reactions that name no one answer the last side that acted (events/reactions.py)."""

from __future__ import annotations

import pytest

from wirecoder.pipeline import Coder

from conftest import coded_triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Les États-Unis ont commencé lundi des exercices au large des États-Unis. "
            "La Corée du Nord a procédé mardi à un tir de missile. "
            "Le Japon a dénoncé une provocation.",
            ("ACCUSE", "JPN", "PRK"),
        ),
    ],
)
def test_events_reactions_answer_the_last_doer(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in coded_triples(coder, text)


@pytest.mark.parametrize(
    ("lemmas", "speaks"),
    [
        ("Le ministre a déclaré que la réunion aurait lieu.", True),
        ("La police a arrêté dix manifestants.", False),
    ],
)
def test_events_reactions_verbs_of_saying(coder: Coder, lemmas: str, speaks: bool) -> None:
    from wirecoder.events.reactions import speaks as says

    doc = coder.parser.parse(lemmas)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    assert says(verb, coder.extractor.triggers.word_class("speech")) is speaks
