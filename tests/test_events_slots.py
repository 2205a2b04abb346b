"""Reading a trigger's slots into sides, on the real French parse."""

from __future__ import annotations

import pytest

from wirecoder.actors.reference import ArticleContext
from wirecoder.pipeline import Coder


def _read(coder: Coder, text: str, slot: str, home: str = "FRA") -> list[str | None]:
    """The codes ``slot`` of the sentence's first trigger names."""
    doc = coder.parser.parse(text)
    ctx = ArticleContext(text=doc.text, home=home)
    extractor = coder.extractor
    sentence = next(iter(doc.sents))
    extractor.resolver.register(sentence, ctx)
    [found, *_] = extractor.finder.find(sentence)
    return [a.code for a in extractor.slots.read(found, slot, ctx)]


@pytest.mark.parametrize(
    ("text", "slot", "codes"),
    [
        ("Le ministre tunisien a rencontré son homologue algérien.", "subject", ["TUN"]),
        ("Le ministre tunisien a rencontré son homologue algérien.", "obj", ["DZA"]),
        # coordinated demonyms: one side each
        ("La Norvège a condamné les armées sénégalaise et gambienne.", "obj", ["SEN", "GMB"]),
        # a thing a verbal act answers stands for the side behind it
        ("Le Japon a rejeté la demande de la Chine.", "obj", ["CHN"]),
        # a prepositional slot
        ("Le Canada a accordé un prêt au Mali.", "à", ["MLI"]),
    ],
)
def test_events_slots_read_names_the_sides(
    coder: Coder, text: str, slot: str, codes: list[str]
) -> None:
    assert _read(coder, text, slot) == codes


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("Le ministre tunisien a rencontré son homologue algérien.", "contre"),
        ("Le Japon a rejeté la proposition.", "obj"),  # a thing of no one
    ],
)
def test_events_slots_read_names_no_side(coder: Coder, text: str, slot: str) -> None:
    assert _read(coder, text, slot) == []
