"""The evidence sentence cut into plain and highlighted pieces (actor, recipient, trigger).

Pieces are plain text; the template escapes each one and wraps the highlighted ones in
``<mark>``, so article text never reaches the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wirecoder.records import Actor, Event

Kind = Literal["actor", "recipient", "trigger"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the sentence; ``kind`` says what it names, ``None`` for plain text."""

    text: str
    kind: Kind | None = None


def evidence_pieces(event: Event) -> tuple[Piece, ...]:
    """The sentence as pieces: the actor, recipient and trigger highlighted where found.

    A side is placed by its offsets when they point at its text inside the sentence, else at
    the first place its text occurs; the trigger at its first occurrence. A span overlapping
    one already placed (actor before recipient before trigger) is left plain.
    """
    sentence = event.evidence.sentence
    spans: list[tuple[int, int, Kind]] = []
    sides: tuple[tuple[Kind, Actor | None], ...] = (
        ("actor", event.actor),
        ("recipient", event.recipient),
    )
    for kind, side in sides:
        if side is None:
            continue
        found = _locate(sentence, side.text, side.start - event.evidence.start)
        if found is not None:
            spans.append((*found, kind))
    found = _locate(sentence, event.evidence.trigger, -1)
    if found is not None:
        spans.append((*found, "trigger"))
    placed: list[tuple[int, int, Kind]] = []
    for start, end, kind in spans:
        if all(end <= s or start >= e for s, e, _ in placed):
            placed.append((start, end, kind))
    pieces: list[Piece] = []
    at = 0
    for start, end, kind in sorted(placed):
        if start > at:
            pieces.append(Piece(sentence[at:start]))
        pieces.append(Piece(sentence[start:end], kind))
        at = end
    if at < len(sentence):
        pieces.append(Piece(sentence[at:]))
    return tuple(pieces)


def _locate(sentence: str, text: str, hint: int) -> tuple[int, int] | None:
    """Where ``text`` is in ``sentence``: at ``hint`` if it is there, else its first place."""
    if not text:
        return None
    if hint >= 0 and sentence[hint : hint + len(text)] == text:
        return hint, hint + len(text)
    where = sentence.find(text)
    return (where, where + len(text)) if where >= 0 else None
