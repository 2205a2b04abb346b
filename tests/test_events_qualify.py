"""Auxiliary modes read off the English parse: acts a side says it is willing to do."""

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
