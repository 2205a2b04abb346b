"""Whole articles through the real model: the reference dispatch and the golden samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecoder.contract import dumps_line
from wirecoder.ingest import read_paths
from wirecoder.pipeline import Coder, is_background, told_in_history
from wirecoder.records import Actor, Article, ArticleResult, Event

from conftest import REFERENCE, shared_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "fr"
GOLDEN = Path(__file__).parent / "golden" / "samples-fr.jsonl"


def _side(actor: Actor | None) -> tuple[str | None, tuple[str, ...], str | None]:
    if actor is None:
        return None, (), None
    return actor.code, actor.sectors, actor.name


def _summary(event: Event) -> tuple[object, ...]:
    return (event.type, _side(event.actor), _side(event.recipient), event.aux_mode)


@pytest.fixture(scope="module")
def reference(coder: Coder) -> ArticleResult:
    path = shared_file(REFERENCE)
    return coder.code(path.read_text(encoding="utf-8"), article_id=path.stem)


def test_pipeline_reference_dateline(reference: ArticleResult) -> None:
    dateline = reference.dateline
    assert (dateline.place, dateline.date, dateline.agency) == (
        "Islamabad",
        "2021-02-10",
        "AZERTAC",
    )
    assert reference.article.text[dateline.body_start :].startswith("L")


def test_pipeline_reference_has_exactly_the_six_events(reference: ArticleResult) -> None:
    got = sorted((_summary(e) for e in reference.events), key=repr)
    alizade = ("AZE", ("GOV",), "Ali Alizadé")
    raza = ("PAK", ("MIL",), "Nadeem Raza")
    expected = sorted(
        [
            ("CONSULT", alizade, raza, None),
            ("SUPPORT", raza, alizade, None),  # congratulations on the victory
            ("SUPPORT", ("PAK", ("GOV",), None), ("AZE", ("GOV",), None), "historical"),
            ("AGREE", ("PAK", ("MIL",), None), ("AZE", ("MIL",), None), None),
            ("ACCUSE", alizade, ("ARM", ("GOV",), None), None),
            ("SUPPORT", alizade, ("PAK", ("CVL",), None), None),  # thanks to people, gov…
        ],
        key=repr,
    )
    assert got == expected


@pytest.mark.parametrize(("type_", "context"), [("AGREE", "military")])
def test_pipeline_reference_contexts(reference: ArticleResult, type_: str, context: str) -> None:
    event = next(e for e in reference.events if e.type == type_)
    assert context in event.contexts


def test_pipeline_reference_meeting_is_at_islamabad_on_the_dateline_day(
    reference: ArticleResult,
) -> None:
    meeting = next(e for e in reference.events if e.type == "CONSULT")
    assert meeting.location is not None
    assert (meeting.location.name, meeting.location.country) == ("Islamabad", "PAK")
    assert (meeting.date, meeting.date_precision) == ("2021-02-10", "day")
    assert meeting.evidence.trigger.replace("\u2019", "'") == "s'est entretenu"


def test_pipeline_reference_evidence_points_into_the_text(reference: ArticleResult) -> None:
    text = reference.article.text
    for event in reference.events:
        evidence = event.evidence
        assert text[evidence.start : evidence.end].strip() == evidence.sentence
        assert evidence.trigger in evidence.sentence
        for side in (event.actor, event.recipient):
            if side is not None:
                assert text[side.start : side.end] == side.text


def _code_samples(coder: Coder) -> list[str]:
    articles = [a for a in read_paths([SAMPLES]) if isinstance(a, Article)]
    return [dumps_line(r) for r in coder.code_many(articles)]


def test_pipeline_samples_match_golden(coder: Coder, request: pytest.FixtureRequest) -> None:
    lines = _code_samples(coder)
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [json.loads(line) for line in expected]


@pytest.mark.parametrize("batch_size", [1, 7])
def test_pipeline_batching_does_not_change_results(coder: Coder, batch_size: int) -> None:
    articles = [a for a in read_paths([SAMPLES]) if isinstance(a, Article)]
    one_by_one = [next(coder.code_many([a])) for a in articles]
    coder.batch_size, saved = batch_size, coder.batch_size
    try:
        assert list(coder.code_many(articles)) == one_by_one
    finally:
        coder.batch_size = saved


@pytest.mark.parametrize(
    ("date", "published", "background"),
    [
        ("1979-11-04", "2012-11-02", True),
        ("2009", "2012-10-16", True),
        ("2012-03-19", "2012-07-05", False),
        ("2011-12", "2012-07-05", False),
        (None, "2012-07-05", False),
    ],
)
def test_pipeline_background_older_than_a_year(
    date: str | None, published: str, background: bool
) -> None:
    assert is_background(date, published) is background


@pytest.mark.parametrize(
    "text",
    [
        "Le 4 novembre 1979, des étudiants iraniens avaient envahi l'ambassade des États-Unis "
        "à Téhéran. Des milliers de personnes ont manifesté vendredi contre les États-Unis.",
        "En mars 2008, l'armée russe avait bombardé la ville géorgienne de Gori. "
        "Le ministre géorgien a dénoncé vendredi les provocations de Moscou.",
    ],
)
def test_pipeline_history_is_not_coded(coder: Coder, text: str) -> None:
    result = coder.code(text, article_id="t", date="2012-11-02")
    assert result.events
    assert all(e.date is None or e.date >= "2011" for e in result.events)
    assert "ASSAULT" not in {e.type for e in result.events}


@pytest.mark.parametrize(
    "text",
    [
        # the date is in another clause than the act: the sentence recounts the past
        "Lors du procès, le 12 avril 2003, le chef du commando avait entrepris d'enlever le juge.",
        "Déjà en juin 1998, le maire, qui voulait démolir la mosquée, avait été enlevé par un "
        "commando armé.",
    ],
)
def test_pipeline_an_act_in_a_sentence_of_old_dates_is_history(coder: Coder, text: str) -> None:
    result = coder.code(text, article_id="t", date="2012-11-02")
    assert not result.events


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # a recent date in the sentence: the act may be the news
        ("Condamné en 2003 pour fraude, le maire a été arrêté mardi par la police.", "COERCE"),
        # no date in the sentence at all
        ("Le maire de la ville a été enlevé par un commando armé.", "ASSAULT"),
    ],
)
def test_pipeline_an_act_beside_a_recent_or_no_date_is_news(
    coder: Coder, text: str, type_: str
) -> None:
    result = coder.code(text, article_id="t", date="2012-11-02")
    assert type_ in {e.type for e in result.events}


@pytest.mark.parametrize(
    "text",
    [
        # a sentence with no date goes on telling the time of the paragraph's last dated one
        "La nuit du 14 mai 1998 reste dans les mémoires. Les habitants dormaient encore. Dans "
        "le centre, des miliciens attaquent le poste de police et tuent trois agents.",
        "En avril 2004, la crise éclate entre les deux pays. Les forces russes bombardent alors "
        "plusieurs villages géorgiens.",
    ],
)
def test_pipeline_an_undated_sentence_after_an_old_date_is_history(coder: Coder, text: str) -> None:
    result = coder.code(text, article_id="t", date="2012-11-02")
    assert "ASSAULT" not in {e.type for e in result.events}


@pytest.mark.parametrize(
    "text",
    [
        # the old date is in another paragraph
        "En avril 2004, la crise éclate entre les deux pays.\n\nL'armée russe a bombardé "
        "plusieurs villages géorgiens.",
        # the old date qualifies a noun (a thing's date), not the sentence's time
        "Le spectacle retrace le débarquement de 1830. L'armée russe a bombardé plusieurs "
        "villages géorgiens.",
    ],
)
def test_pipeline_an_undated_sentence_after_an_old_date_elsewhere_is_news(
    coder: Coder, text: str
) -> None:
    result = coder.code(text, article_id="t", date="2012-11-02")
    assert "ASSAULT" in {e.type for e in result.events}


@pytest.mark.parametrize(
    ("dates", "history"),
    [
        (["2009-02-27"], True),
        (["1999-05", "2006"], True),
        (["2009-02-27", "2012-10-30"], False),
        ([], False),
    ],
)
def test_pipeline_told_in_history_when_every_date_is_old(dates: list[str], history: bool) -> None:
    assert told_in_history(dates, "2012-11-02") is history


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("La police a interpellé trois militants à Lyon, puis deux autres à Marseille.", "FRA"),
        ("Les policiers ont arrêté dix manifestants à Porto et à Braga.", "PRT"),
        # a territory's places: its sovereign's story, over a state named once in passing
        ("Les gendarmes ont arrêté un homme à Cayenne, une scène digne d'un film chilien.", "FRA"),
    ],
)
def test_pipeline_home_from_places_without_dateline(coder: Coder, text: str, home: str) -> None:
    result = coder.code(text, article_id="t", date="2024-05-02")
    assert [(e.type, e.actor and e.actor.country) for e in result.events] == [("COERCE", home)]


@pytest.mark.parametrize(
    ("text", "home"),
    [("Le syndicat a dénoncé la réforme du gouvernement devant les députés.", "FRA")],
)
def test_pipeline_home_is_the_language_default_without_state_or_place(
    coder: Coder, text: str, home: str
) -> None:
    result = coder.code(text, article_id="t", date="2024-05-02")
    assert [(e.type, e.actor and e.actor.country) for e in result.events] == [("ACCUSE", home)]


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        (  # an arrest today and another last month: two acts
            "Trois militants ont été arrêtés jeudi à Lyon par la police. Deux autres militants "
            "ont été interpellés à Lyon en avril dernier.",
            2,
        ),
        (  # an attack and another one last month by the same side
            "Des hommes armés ont tué jeudi deux gendarmes près de Lyon. En avril dernier, des "
            "hommes armés ont tué un policier à Lyon.",
            2,
        ),
        (  # "tuant": the time told for the attack; "interpellées": not dated by "mercredi"
            "Des hommes armés ont attaqué lundi un poste de police à Lyon, tuant deux policiers.",
            1,
        ),
        (
            "La police a arrêté dix manifestants à Lyon. Les personnes interpellées seront "
            "présentées mercredi à un juge.",
            1,
        ),
    ],
)
def test_pipeline_material_acts_of_other_times_are_apart(
    coder: Coder, text: str, acts: int
) -> None:
    result = coder.code(text, article_id="t", date="2024-05-02")
    material = [e for e in result.events if e.type in {"ASSAULT", "COERCE"}]
    assert len(material) == acts, [(e.type, e.evidence.trigger, e.date) for e in material]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        (  # a summit dated after the news is announced, not held: a promise to meet
            "Le gouvernement sénégalais a annoncé un sommet avec la Gambie en mars 2025.",
            ["AGREE"],
        ),
        ("Le président sénégalais a rencontré son homologue gambien en avril.", ["CONSULT"]),
    ],
)
def test_pipeline_cooperation_dated_after_the_news_is_announced(
    coder: Coder, text: str, types: list[str]
) -> None:
    result = coder.code(text, article_id="t", date="2024-05-02")
    assert [e.type for e in result.events] == types


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("L'armée congolaise a arrêté dix rebelles près de Goma, a indiqué Kinshasa.", "COD"),
        ("La police congolaise a arrêté dix opposants à Brazzaville.", "COG"),
        ("La police congolaise a arrêté dix opposants.", "COG"),
    ],
)
def test_pipeline_a_shared_demonym_is_the_state_the_story_names(
    coder: Coder, text: str, state: str
) -> None:
    result = coder.code(text, article_id="t", date="2024-05-02")
    assert [(e.type, e.actor and e.actor.country) for e in result.events] == [("COERCE", state)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a signing dated after the news: one joint promise, not one per side
            "Le Sénégal et la Gambie doivent signer en juin un accord de coopération.",
            1,
        ),
        ("Le Sénégal et la Gambie ont signé un accord de coopération.", 2),  # done: one per side
    ],
)
def test_pipeline_a_joint_signing_announced_is_one_agreement(
    coder: Coder, text: str, expected: int
) -> None:
    result = coder.code(text, article_id="t", date="2024-05-02")
    assert len(result.events) == expected
    assert {
        frozenset((e.actor.code, e.recipient.code))
        for e in result.events
        if e.actor and e.recipient
    } == {frozenset(("SEN", "GMB"))}
