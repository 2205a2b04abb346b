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


@pytest.mark.parametrize(
    ("text", "verb", "named"),
    [
        (
            "Le sénateur a décrit sa rivale, Hélène Vasseur, comme « petite-marquise ».",
            "décrit",
            "Vasseur",
        ),
        ("Le député avait appelé Hélène Vasseur « la duchesse du canton ».", "appelé", "Vasseur"),
        ("Le député l'avait appelée la « duchesse du canton ».", "appelée", "l'"),
        # a call in quotes, a praise and a thing are no epithets for a side
        ("Le président a appelé les deux camps « à la retenue ».", "appelé", None),
        ("Le ministre a qualifié son homologue de « partenaire fiable ».", "qualifié", None),
        ("Le ministre a décrit la situation comme « très préoccupante ».", "décrit", "situation"),
    ],
)
def test_events_speech_an_epithet_is_a_quoted_name_for_another_complement(
    coder: Coder, text: str, verb: str, named: str | None
) -> None:
    triggers = coder.extractor.triggers
    praise, cases = triggers.word_class("praise"), triggers.word_class("naming_cases")
    found = speech.epithet(_word(coder, text, verb), praise, cases)
    words = [t.text for t in found[1].subtree] if found is not None else []
    assert (named in words) if named is not None else found is None


@pytest.mark.parametrize(
    ("text", "word", "deemed"),
    [
        (
            "Le gouvernement polonais a jugé la décision de Berlin inacceptable.",
            "inacceptable",
            True,
        ),
        (
            "Le ministre kényan trouve les propos du président ougandais choquants.",
            "choquants",
            True,
        ),
        # an attribute said in the conditional warns; an adjective inside the phrase qualifies
        (
            "Le gouvernement polonais jugerait une telle décision de Berlin inacceptable.",
            "inacceptable",
            False,
        ),
        ("Le ministre a critiqué les propos choquants du président ougandais.", "choquants", False),
    ],
)
def test_events_speech_an_attribute_of_the_object_of_a_deeming_verb_is_a_verdict(
    coder: Coder, text: str, word: str, deemed: bool
) -> None:
    deeming = coder.extractor.triggers.word_class("deeming")
    assert (speech.deemed(_word(coder, text, word), deeming) is not None) == deemed


@pytest.mark.parametrize(
    ("text", "word", "holder"),
    [
        (
            "Pour le ministre kényan, la décision de l'Ouganda est inacceptable.",
            "inacceptable",
            "ministre",
        ),
        ("Selon Nairobi, la décision ougandaise est inadmissible.", "inadmissible", "Nairobi"),
        ("La décision de l'Ouganda est inacceptable pour les éleveurs.", "inacceptable", None),
    ],
)
def test_events_speech_a_verdict_opening_on_pour_or_selon_is_that_sides_view(
    coder: Coder, text: str, word: str, holder: str | None
) -> None:
    opinion = coder.extractor.triggers.word_class("opinion")
    found = speech.holder_of_opinion(_word(coder, text, word), opinion)
    assert (found.text if found is not None else None) == holder
