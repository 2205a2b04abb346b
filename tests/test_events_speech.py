"""Speakers of verdicts and orders, and claimed acts (wirecoder.events.speech), on real parses."""

from __future__ import annotations

import pytest

from wirecoder.events import speech
from wirecoder.pipeline import Coder


def _word(coder: Coder, text: str, word: str):  # type: ignore[no-untyped-def]
    doc = coder.parser.parse(text)
    return next(t for t in doc if t.text == word)


def test_events_speech_a_verdict_in_quotes_is_said_by_the_speaker_outside(coder: Coder) -> None:
    text = "« Ces frappes sont inacceptables », a déclaré le ministre tchadien."
    saying = coder.extractor.triggers.word_class("saying")
    said = speech.judgement(_word(coder, text, "inacceptables"), saying)
    assert said is not None
    assert said[1].text == "ministre"


@pytest.mark.parametrize(
    ("text", "word", "claimed"),
    [
        ("Le journaliste aurait été tué par des rebelles.", "tué", True),
        ("Le journaliste a été tué par des rebelles.", "tué", False),
    ],
)
def test_events_speech_the_conditional_only_claims_an_act(
    coder: Coder, text: str, word: str, claimed: bool
) -> None:
    conditions = coder.extractor.triggers.word_class("condition")
    assert speech.is_conditional(_word(coder, text, word), conditions) == claimed
