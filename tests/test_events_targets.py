"""Recipients a story implies and claimants (wirecoder.events.targets), through the coder."""

from __future__ import annotations

from wirecoder.pipeline import Coder


def _sides(coder: Coder, text: str) -> list[tuple[str, str | None, str | None]]:
    result = coder.code(text, article_id="t", date="2024-05-02")
    return [
        (e.type, e.actor and e.actor.code, e.recipient and e.recipient.code) for e in result.events
    ]


def test_events_targets_a_domestic_protest_is_aimed_at_the_home_government(coder: Coder) -> None:
    text = "PARIS, 2 mai 2024 (AFP) - Des milliers d'enseignants ont manifesté jeudi à Lyon."
    assert _sides(coder, text) == [("PROTEST", "FRA", "FRA")]


def test_events_targets_a_meeting_aims_at_no_one_unnamed(coder: Coder) -> None:
    text = "PARIS, 2 mai 2024 (AFP) - Les ministres se sont réunis jeudi à Paris."
    assert all(recipient is None for kind, _, recipient in _sides(coder, text) if kind == "CONSULT")


def test_events_targets_a_claimed_killing_is_the_claimant_s_allegation(coder: Coder) -> None:
    text = (
        "BAMAKO, 2 mai 2024 (AFP) - Selon l'armée malienne, le chef rebelle aurait été tué "
        "par des soldats."
    )
    assert ("ACCUSE", "MLI", "MLI") in _sides(coder, text)
