"""Recipients a story implies and claimants (wirecoder.events.targets), through the coder."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the act of force its own clause names, through its agent
            "ABUJA, 2 mai 2024 (AFP) - L'armée nigériane a déployé mardi des renforts dans le "
            "nord pour faire face à une offensive des jihadistes de Boko Haram.",
            ("MOBILIZE", "NGA", "NGA"),
        ),
        (
            "TAIPEI, 2 mai 2024 (AFP) - L'armée taïwanaise a placé ses batteries de missiles en "
            "état d'alerte après le tir de deux missiles par la Chine.",
            ("MOBILIZE", "TWN", "CHN"),
        ),
        (  # violence told in the sentence before, by a side outside the state
            "LIMA, 2 mai 2024 (AFP) - Des hommes armés ont incendié dimanche une dizaine de "
            "maisons à Cuzco. Le gouvernement péruvien a déployé lundi des centaines de "
            "policiers dans la ville.",
            ("MOBILIZE", "PER", "PER"),
        ),
    ],
)
def test_events_targets_a_mobilization_faces_the_force_its_story_tells(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _sides(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        # no act of force near: a mobilization aimed at no one
        "LIMA, 2 mai 2024 (AFP) - Le gouvernement péruvien a déployé lundi des centaines de "
        "policiers dans la capitale avant le sommet.",
        # arrests by the state's own police are no adversary of its government
        "LONDRES, 2 mai 2024 (AFP) - Six personnes ont été arrêtées mardi à Londres. "
        "Les autorités britanniques envisagent de déployer des missiles sur six sites.",
    ],
)
def test_events_targets_a_mobilization_with_no_force_near_faces_no_one(
    coder: Coder, text: str
) -> None:
    assert all(r is None for kind, _, r in _sides(coder, text) if kind == "MOBILIZE")
    assert any(kind == "MOBILIZE" for kind, _, _ in _sides(coder, text))
