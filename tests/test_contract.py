"""The output contract: schema-valid lines, lossless round-trips, one-line errors naming the id."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

from wirecoder.contract import (
    ContractError,
    dumps_line,
    result_from_contract,
    result_to_contract,
)
from wirecoder.records import Actor, Article, ArticleResult, Dateline, Event, Evidence, Place

from strategies import article_results

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "contract" / "article.schema.json"

AZE = Actor(
    text="L'ambassadeur d'Azerbaïdjan au Pakistan, Ali Alizadé",
    name="Ali Alizadé",
    country="AZE",
    sectors=("GOV",),
    role="ambassadeur",
    start=46,
    end=98,
)
PAK = Actor(text="le général Nadeem Raza", name="Nadeem Raza", country="PAK", sectors=("MIL",))
ISLAMABAD = Place("Islamabad", "PAK", 33.72, 73.04, 1176615)
CONSULT = Event(
    id="3f2a9c",
    type="CONSULT",
    actor=AZE,
    recipient=PAK,
    evidence=Evidence("Ali Alizadé s'est entretenu avec …", 46, 244, "s'est entretenu"),
    contexts=("military", "diplomatic"),
    cameo="040",
    goldstein=1.0,
    quad_class=1,
    date="2021-02-10",
    date_precision="day",
    location=ISLAMABAD,
    confidence=0.9,
)
AZERTAC = ArticleResult(
    article=Article(id="azertac-2021-02-10-islamabad", text="Islamabad, 10 février, AZERTAC"),
    language="fr",
    dateline=Dateline("Islamabad", "2021-02-10", "AZERTAC", body_start=31, location=ISLAMABAD),
    events=(CONSULT,),
)
EMPTY = ArticleResult(article=Article(id="empty", text=""), language="en", dateline=Dateline())
ONE_SIDED = replace(
    AZERTAC,
    article=Article(id="one-sided", text="x"),
    events=(replace(CONSULT, recipient=None, location=None, aux_mode="future", negated=True),),
)
IGO = replace(
    AZERTAC,
    article=Article(id="igo", text="y"),
    events=(replace(CONSULT, actor=Actor("l'OTAN", igo="NATO"), goldstein=None, cameo=None),),
)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} is absent: the shared contract sits beside the checkout")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_carried(result: ArticleResult) -> ArticleResult:
    """What the contract carries of a result: no text, no offsets of mentions."""

    def side(actor: Actor | None) -> Actor | None:
        return None if actor is None else replace(actor, start=0, end=0)

    return replace(
        result,
        article=Article(id=result.article.id, text=""),
        dateline=replace(result.dateline, body_start=0),
        events=tuple(
            replace(e, actor=side(e.actor), recipient=side(e.recipient)) for e in result.events
        ),
    )


@pytest.mark.parametrize("result", [AZERTAC, EMPTY, ONE_SIDED, IGO], ids=lambda r: r.article.id)
def test_contract_line_validates_against_schema(
    validator: Draft202012Validator, result: ArticleResult
) -> None:
    validator.validate(json.loads(dumps_line(result)))


@given(result=article_results())
def test_contract_random_lines_validate_against_schema(
    validator: Draft202012Validator, result: ArticleResult
) -> None:
    errors = [e.message for e in validator.iter_errors(json.loads(dumps_line(result)))]
    assert errors == []


@given(article_results())
def test_contract_round_trip_is_lossless(result: ArticleResult) -> None:
    assert result_from_contract(json.loads(dumps_line(result))) == as_carried(result)
    assert result_from_contract(result_to_contract(result)) == as_carried(result)


@pytest.mark.parametrize("result", [AZERTAC], ids=["azertac"])
def test_contract_has_the_designed_keys(result: ArticleResult) -> None:
    obj = result_to_contract(result)
    assert list(obj) == ["id", "language", "dateline", "events"]
    assert obj["dateline"] == {
        "place": "Islamabad",
        "date": "2021-02-10",
        "agency": "AZERTAC",
        "location": {
            "name": "Islamabad",
            "country": "PAK",
            "lat": 33.72,
            "lon": 73.04,
            "geonames_id": 1176615,
        },
    }
    [event] = obj["events"]  # type: ignore[misc]
    assert event["actor"] == {
        "text": AZE.text,
        "name": "Ali Alizadé",
        "country": "AZE",
        "igo": None,
        "sectors": ["GOV"],
        "role": "ambassadeur",
    }
    assert event["evidence"] == {
        "sentence": CONSULT.evidence.sentence,
        "start": 46,
        "end": 244,
        "trigger": "s'est entretenu",
    }


@pytest.mark.parametrize("result", [EMPTY], ids=["empty"])
def test_contract_dateline_location_is_always_present(result: ArticleResult) -> None:
    assert result_to_contract(result)["dateline"] == {
        "place": None,
        "date": None,
        "agency": None,
        "location": None,
    }


@pytest.mark.parametrize(
    "text", ["Alizadé", "ligne\nsuivante", "sep\u2028arateur", "para\u2029graphe", "nel\x85"]
)
def test_contract_dumps_line_is_one_compact_line(text: str) -> None:
    result = replace(AZERTAC, dateline=replace(AZERTAC.dateline, place=text))
    line = dumps_line(result)
    assert len(line.splitlines()) == 1
    assert ", " not in line.replace(AZE.text, "").replace(CONSULT.evidence.sentence, "")
    assert "Alizadé" in line  # ensure_ascii=False
    assert json.loads(line)["dateline"]["place"] == text


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_contract_dumps_line_refuses_non_json_numbers(value: float) -> None:
    result = replace(AZERTAC, events=(replace(CONSULT, goldstein=value),))
    with pytest.raises(ContractError, match="azertac-2021-02-10-islamabad"):
        dumps_line(result)


def _break(path: str, value: Any) -> dict[str, Any]:
    """The AZERTAC object with the key at ``path`` set to ``value`` (or removed if ``...``)."""
    obj: dict[str, Any] = copy.deepcopy(result_to_contract(AZERTAC))
    *parents, last = path.split(".")
    node: Any = obj
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: int | str = int(last) if isinstance(node, list) else last
    if value is ...:
        del node[key]
    else:
        node[key] = value
    return obj


@pytest.mark.parametrize(
    ("path", "value", "names"),
    [
        ("language", ..., "'language' is missing"),
        ("language", 2, "'language' must be a string"),
        ("dateline", None, "'dateline' must be an object"),
        ("dateline.date", 20210210, "'dateline.date' must be a string or null"),
        ("dateline.location", "Islamabad", "'dateline.location' must be an object or null"),
        ("dateline.location.lat", "33.72", "'dateline.location.lat' must be a number"),
        ("events", {}, "'events' must be a list"),
        ("events.0", "event", "'events[0]' must be an object"),
        ("events.0.type", "MEET", "'events[0].type' must be a PLOVER event type"),
        ("events.0.negated", "no", "'events[0].negated' must be true or false"),
        ("events.0.goldstein", True, "'events[0].goldstein' must be a number or null"),
        ("events.0.quad_class", 1.5, "'events[0].quad_class' must be an integer or null"),
        ("events.0.aux_mode", "past", "'events[0].aux_mode' must be one of historical"),
        ("events.0.date_precision", "week", "'events[0].date_precision' must be one of day"),
        ("events.0.contexts", "military", "'events[0].contexts' must be a list of strings"),
        ("events.0.confidence", None, "'events[0].confidence' must be a number"),
        ("events.0.actor", ["AZE"], "'events[0].actor' must be an object or null"),
        ("events.0.actor.sectors", [1], "'events[0].actor.sectors' must be a list of strings"),
        ("events.0.recipient.text", ..., "'events[0].recipient.text' is missing"),
        ("events.0.evidence", ..., "'events[0].evidence' is missing"),
        ("events.0.evidence.start", "46", "'events[0].evidence.start' must be an integer"),
        ("events.0.evidence.end", None, "'events[0].evidence.end' must be an integer"),
        ("events.0.location.name", None, "'events[0].location.name' must be a string"),
    ],
)
def test_contract_malformed_raises_contract_error_naming_id(
    path: str, value: Any, names: str
) -> None:
    with pytest.raises(ContractError) as caught:
        result_from_contract(_break(path, value))
    message = str(caught.value)
    assert message.startswith("azertac-2021-02-10-islamabad: ")
    assert names in message
    assert "\n" not in message


@pytest.mark.parametrize("obj", [{}, {"id": ""}, {"id": 7, "language": "fr"}, []])
def test_contract_without_id_raises_contract_error(obj: Any) -> None:
    with pytest.raises(ContractError, match=r"^<no id>: "):
        result_from_contract(obj)


@pytest.mark.parametrize("error", [ContractError("x: bad")])
def test_contract_error_is_a_value_error(error: ContractError) -> None:
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("extra", [{"title": "ignored"}, {"dateline_extra": 1}])
def test_contract_ignores_unknown_keys(extra: dict[str, object]) -> None:
    obj = {**result_to_contract(AZERTAC), **extra}
    assert result_from_contract(obj) == as_carried(AZERTAC)
