"""Event accuracy against gold: matching rules on hand-made pairs, the reader, the command."""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirecoder.cli import app
from wirecoder.contract import dumps_line
from wirecoder.evaluate import (
    ArticleEvents,
    Confusion,
    EvaluationError,
    EventKey,
    Report,
    evaluate,
    predicted_events,
    read_gold,
    read_predictions,
)
from wirecoder.evaluate_format import format_markdown, report_to_dict
from wirecoder.records import EVENT_TYPES, Actor, Article, ArticleResult, Dateline, Event, Evidence

from conftest import SHARED, shared_file

ROOT = Path(__file__).resolve().parents[1]
PROJECT_GOLD = ROOT / "data" / "gold-fr"
WIKINEWS_GOLD = SHARED / "data" / "wikinews-fr-2012" / "gold.jsonl"

# A gold event: (type, source, target, negated); a predicted one: (type, actor, recipient, negated)
# where a side is "FRA" (a country), "IGO:EU" (an organisation), "?" (a side with no code) or None.
Spec = tuple[str, str | None, str | None, bool]


def _gold_line(article_id: str, events: list[Spec]) -> str:
    rows = [
        {"type": t, "mode": None, "source": s, "target": r, "negated": n} for t, s, r, n in events
    ]
    return json.dumps({"id": article_id, "lang": "fr", "events": rows})


def _gold(tmp_path: Path, articles: dict[str, list[Spec]]) -> dict[str, ArticleEvents]:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(_gold_line(i, e) + "\n" for i, e in articles.items()), "utf-8")
    return read_gold(path)


def _side(code: str | None) -> Actor | None:
    if code is None:
        return None
    if code == "?":
        return Actor(text="quelqu'un")
    if code.startswith("IGO:"):
        return Actor(text=code, igo=code[4:])
    return Actor(text=code, country=code)


def _result(article_id: str, events: list[Spec]) -> ArticleResult:
    evidence = Evidence(sentence="…", start=0, end=1, trigger="…")
    return ArticleResult(
        article=Article(id=article_id, text=""),
        language="fr",
        dateline=Dateline(),
        events=tuple(
            Event(f"{article_id}-{n}", t, _side(a), _side(r), evidence, negated=neg)
            for n, (t, a, r, neg) in enumerate(events)
        ),
    )


def _predicted(articles: dict[str, list[Spec]]) -> dict[str, ArticleEvents]:
    return predicted_events(_result(i, e) for i, e in articles.items())


def _counts(report: Report) -> tuple[int, int, int]:
    return report.overall.gold, report.overall.predicted, report.overall.matched


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([("CONSULT", "FRA", "DEU", False)], [("CONSULT", "DEU", "FRA", False)], (1, 1, 1)),
        ([("AGREE", "IGO:EU", "MLI", False)], [("AGREE", "MLI", "IGO:EU", False)], (1, 1, 1)),
        ([("COOPERATE", "KAZ", "UZB", False)], [("COOPERATE", "UZB", "KAZ", False)], (1, 1, 1)),
        ([("SUPPORT", "FRA", "DEU", False)], [("SUPPORT", "DEU", "FRA", False)], (1, 1, 0)),
        ([("ACCUSE", "FRA", "SYR", False)], [("ACCUSE", "SYR", "FRA", False)], (1, 1, 0)),
        ([("CONSULT", "FRA", None, False)], [("CONSULT", None, "FRA", False)], (1, 1, 1)),
    ],
)
def test_evaluate_direction_free_types(
    tmp_path: Path, gold: list[Spec], predicted: list[Spec], expected: tuple[int, int, int]
) -> None:
    report = evaluate(_gold(tmp_path, {"a": gold}), _predicted({"a": predicted}))
    assert _counts(report) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected", "negated"),
    [
        ([("CONCEDE", "FRA", "AFG", True)], [], (0, 0, 0), (1, 0)),
        ([], [("SANCTION", "DZA", "FRA", True)], (0, 0, 0), (0, 1)),
        ([("CONSULT", "FRA", "DZA", True)], [("CONSULT", "FRA", "DZA", True)], (0, 0, 0), (1, 1)),
        ([("ASSAULT", "GEO", "GEO", False)], [("ASSAULT", "GEO", "GEO", True)], (1, 0, 0), (0, 1)),
        ([("ASSAULT", "GEO", "GEO", True)], [("ASSAULT", "GEO", "GEO", False)], (0, 1, 0), (1, 0)),
    ],
)
def test_evaluate_negated_events_are_left_out(
    tmp_path: Path,
    gold: list[Spec],
    predicted: list[Spec],
    expected: tuple[int, int, int],
    negated: tuple[int, int],
) -> None:
    report = evaluate(_gold(tmp_path, {"a": gold}), _predicted({"a": predicted}))
    assert _counts(report) == expected
    assert (report.negated_gold, report.negated_predicted) == negated


@pytest.mark.parametrize(
    ("gold_side", "predicted_side", "matched"),
    [
        ("IGO:EU", Actor(text="l'UE", igo="EU"), 1),
        ("NGO:HRW", Actor(text="HRW", igo="HRW"), 1),
        ("ngo:ai", Actor(text="Amnesty", igo="AI"), 1),
        ("IGO:EU", Actor(text="la délégation de l'UE à Tbilissi", country="GEO", igo="EU"), 1),
        ("IGO:EU", Actor(text="la Belgique", country="BEL"), 0),
        ("FRA", Actor(text="la France", country="fra"), 1),
        ("FRA", Actor(text="Paris"), 0),
    ],
)
def test_evaluate_igo_and_ngo_sides(
    tmp_path: Path, gold_side: str, predicted_side: Actor, matched: int
) -> None:
    gold = _gold(tmp_path, {"a": [("REQUEST", gold_side, "GEO", False)]})
    evidence = Evidence(sentence="…", start=0, end=1, trigger="…")
    event = Event("e", "REQUEST", predicted_side, Actor(text="GEO", country="GEO"), evidence)
    result = ArticleResult(Article(id="a", text=""), "fr", Dateline(), (event,))
    assert evaluate(gold, predicted_events([result])).overall.matched == matched


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([("ACCUSE", "FRA", "SYR", False)], [("ACCUSE", "FRA", "SYR", False)] * 2, (1, 2, 1)),
        ([("ACCUSE", "FRA", "SYR", False)] * 2, [("ACCUSE", "FRA", "SYR", False)], (2, 1, 1)),
        ([("CONSULT", "FRA", "DEU", False)] * 2, [("CONSULT", "DEU", "FRA", False)] * 3, (2, 3, 2)),
        (
            [("ASSAULT", "SOM", "KEN", False), ("ASSAULT", "KEN", "SOM", False)],
            [("ASSAULT", "KEN", "SOM", False), ("ASSAULT", "KEN", "SOM", False)],
            (2, 2, 1),
        ),
    ],
)
def test_evaluate_matching_is_one_to_one(
    tmp_path: Path, gold: list[Spec], predicted: list[Spec], expected: tuple[int, int, int]
) -> None:
    report = evaluate(_gold(tmp_path, {"a": gold}), _predicted({"a": predicted}))
    assert _counts(report) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected", "rates"),
    [
        ({"a": []}, {"a": []}, (0, 0, 0), (None, None, None)),
        ({"a": []}, {"a": [("ACCUSE", "FRA", "SYR", False)]}, (0, 1, 0), (0.0, None, 0.0)),
        ({"a": [("AID", "AZE", "PAK", False)]}, {"a": []}, (1, 0, 0), (None, 0.0, 0.0)),
        ({"a": [("AID", "AZE", "PAK", False)]}, {}, (1, 0, 0), (None, 0.0, 0.0)),
    ],
)
def test_evaluate_empty_articles(
    tmp_path: Path,
    gold: dict[str, list[Spec]],
    predicted: dict[str, list[Spec]],
    expected: tuple[int, int, int],
    rates: tuple[float | None, float | None, float | None],
) -> None:
    report = evaluate(_gold(tmp_path, gold), _predicted(predicted))
    assert _counts(report) == expected
    overall = report.overall
    assert (overall.precision, overall.recall, overall.f1) == rates
    assert report.missing == tuple(sorted(set(gold) - set(predicted)))


@pytest.mark.parametrize(
    ("scope", "articles", "expected"),
    [("gold", 1, (1, 1, 1)), ("all", 2, (1, 3, 1))],
)
def test_evaluate_scope(
    tmp_path: Path, scope: str, articles: int, expected: tuple[int, int, int]
) -> None:
    gold = _gold(tmp_path, {"in": [("PROTEST", "SEN", "SEN", False)]})
    predicted = _predicted(
        {
            "in": [("PROTEST", "SEN", "SEN", False)],
            "out": [("ACCUSE", "FRA", "FRA", False), ("COERCE", "FRA", "FRA", False)],
        }
    )
    report = evaluate(gold, predicted, scope=scope)  # type: ignore[arg-type]
    assert (report.articles, _counts(report)) == (articles, expected)


@pytest.mark.parametrize("scope", ["both", ""])
def test_evaluate_scope_unknown(scope: str) -> None:
    with pytest.raises(EvaluationError, match="scope"):
        evaluate({}, {}, scope=scope)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("gold", "predicted", "confusions"),
    [
        (
            [("ACCUSE", "FRA", "SYR", False)],
            [("REQUEST", "FRA", "SYR", False)],
            (Confusion("ACCUSE", "REQUEST", 1),),
        ),
        (
            [("AGREE", "AZE", "TUR", False)],
            [("SUPPORT", "TUR", "AZE", False)],
            (Confusion("AGREE", "SUPPORT", 1),),
        ),
        ([("ACCUSE", "FRA", "SYR", False)], [("REQUEST", "FRA", "RUS", False)], ()),
        ([("ACCUSE", "FRA", "SYR", False)], [("ACCUSE", "FRA", "SYR", False)], ()),
    ],
)
def test_evaluate_confusions(
    tmp_path: Path,
    gold: list[Spec],
    predicted: list[Spec],
    confusions: tuple[Confusion, ...],
) -> None:
    report = evaluate(_gold(tmp_path, {"a": gold}), _predicted({"a": predicted}))
    assert report.confusions == confusions


@pytest.mark.parametrize(
    ("gold", "predicted", "actor", "recipient"),
    [
        ([("ACCUSE", "FRA", "SYR", False)], [("ACCUSE", "FRA", "RUS", False)], (1, 1), (0, 1)),
        ([("ACCUSE", "FRA", "SYR", False)], [("ACCUSE", "?", "SYR", False)], (0, 1), (1, 1)),
        ([("CONSULT", "FRA", "DEU", False)], [("CONSULT", "DEU", "ITA", False)], (1, 1), (0, 1)),
        ([("ACCUSE", "FRA", "SYR", False)], [("REQUEST", "FRA", "SYR", False)], (0, 0), (0, 0)),
        (
            [("ASSAULT", "SOM", "KEN", False), ("ASSAULT", "KEN", "SOM", False)],
            [("ASSAULT", "KEN", "UGA", False), ("ASSAULT", "SOM", "ETH", False)],
            (2, 2),
            (0, 2),
        ),
    ],
)
def test_evaluate_actor_accuracy(
    tmp_path: Path,
    gold: list[Spec],
    predicted: list[Spec],
    actor: tuple[int, int],
    recipient: tuple[int, int],
) -> None:
    report = evaluate(_gold(tmp_path, {"a": gold}), _predicted({"a": predicted}))
    assert (report.actor_accuracy.right, report.actor_accuracy.total) == actor
    assert (report.recipient_accuracy.right, report.recipient_accuracy.total) == recipient


@pytest.mark.parametrize(
    ("predicted", "coded"),
    [
        ([("ACCUSE", "FRA", "SYR", False)], (2, 2)),
        ([("ACCUSE", "?", "SYR", False)], (1, 2)),
        ([("MOBILIZE", "IGO:NATO", None, False)], (1, 1)),
        ([("MOBILIZE", "?", "?", True)], (0, 0)),
    ],
)
def test_evaluate_coded_sides(predicted: list[Spec], coded: tuple[int, int]) -> None:
    report = evaluate({}, _predicted({"a": predicted}), scope="all")
    assert (report.coded_sides.right, report.coded_sides.total) == coded


@pytest.mark.parametrize("events", [[("ACCUSE", "FRA", "SYR", False), ("AGREE", "?", None, True)]])
def test_evaluate_reads_predictions_in_the_contract(tmp_path: Path, events: list[Spec]) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(dumps_line(_result("a", events)) + "\n\n", encoding="utf-8")
    article = read_predictions(path)["a"]
    assert article.events == (EventKey("ACCUSE", "FRA", "SYR"),)
    assert (article.negated, article.sides, article.coded_sides) == (1, 2, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json\n", r"gold\.jsonl:1: not JSON"),
        ('{"id": "a", "events": []}\n{"id": "a", "events": []}\n', r":2: article a appears twice"),
        ('{"id": "a", "events": [{"type": "VISIT"}]}\n', r":1: article a event 0: 'type'"),
        ('{"id": "a", "events": [{"type": "AID", "source": 3}]}\n', "a side must be a code"),
        ('{"id": "a"}\n', "needs an 'events' list"),
        ('["a"]\n', "expected an object"),
    ],
)
def test_evaluate_gold_errors_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_gold(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "a", "events": []}\n', r"pred\.jsonl:1: a: 'language' is missing"),
        ("[]\n", r"pred\.jsonl:1: expected a JSON object"),
    ],
)
def test_evaluate_prediction_errors_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_predictions(path)


@pytest.mark.parametrize("missing", ["absent.jsonl"])
def test_evaluate_missing_file(tmp_path: Path, missing: str) -> None:
    with pytest.raises(EvaluationError, match="cannot read"):
        read_gold(tmp_path / missing)


@pytest.mark.parametrize("events", [[("ACCUSE", "FRA", "SYR", False)]])
def test_evaluate_formats(tmp_path: Path, events: list[Spec]) -> None:
    gold = _gold(tmp_path, {"a": events})
    report = evaluate(gold, _predicted({"a": [("REQUEST", "FRA", "SYR", False)]}))
    text = format_markdown(report)
    assert "| ACCUSE | 1 | 0 | 0 | – | 0.00 | 0.00 |" in text
    assert "| **overall** | 1 | 1 | 0 | 0.00 | 0.00 | 0.00 |" in text
    assert "| ACCUSE | REQUEST | 1 |" in text
    plain = json.loads(json.dumps(report_to_dict(report)))
    assert list(plain["per_type"]) == list(EVENT_TYPES)
    assert plain["overall"] == {
        "gold": 1,
        "predicted": 1,
        "matched": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


# --- the command ------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        _gold_line("a", [("ACCUSE", "FRA", "SYR", False)])
        + "\n"
        + _gold_line("b", [("CONSULT", "KAZ", "AZE", False)])
        + "\n",
        encoding="utf-8",
    )
    pred = tmp_path / "pred.jsonl"
    lines = [_result("a", [("ACCUSE", "FRA", "SYR", False)]), _result("c", [])]
    pred.write_text("".join(dumps_line(r) + "\n" for r in lines), encoding="utf-8")
    text = tmp_path / "b.txt"
    text.write_text(
        "Bakou, 12 mai, AZERTAC - Le ministre kazakh des Affaires étrangères, Aïdar Nourlanov, "
        "a été reçu hier à Bakou par son homologue azerbaïdjanais Rauf Hadjiyev.\n",
        encoding="utf-8",
    )
    return {"gold": gold, "pred": pred, "text": text}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--json"], {"gold": 2, "predicted": 1, "matched": 1}),
        (["--json", "--scope", "all"], {"gold": 2, "predicted": 1, "matched": 1}),
    ],
)
def test_evaluate_command_pred(
    files: dict[str, Path], options: list[str], expected: dict[str, int]
) -> None:
    args = ["evaluate", str(files["gold"]), "--pred", str(files["pred"]), *options]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert {k: overall[k] for k in expected} == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("options", [["--errors"]])
def test_evaluate_command_reads_gold_from_a_pipe(
    files: dict[str, Path], tmp_path: Path, options: list[str]
) -> None:
    pipe = tmp_path / "gold-pipe"
    os.mkfifo(pipe)  # what a shell's <(cat a b) gives: it can be read only once
    gold = files["gold"].read_bytes()
    writer = threading.Thread(target=pipe.write_bytes, args=(gold,))
    writer.start()
    args = ["evaluate", str(pipe), "--pred", str(files["pred"]), *options]
    result = CliRunner().invoke(app, args)
    writer.join()
    assert result.exit_code == 0, result.output
    assert "| **overall** | 2 | 1 | 1 | 1.00 | 0.50 | 0.67 |" in result.stdout


@pytest.mark.parametrize("options", [[], ["--markdown"]])
def test_evaluate_command_markdown(files: dict[str, Path], options: list[str]) -> None:
    args = ["evaluate", str(files["gold"]), "--pred", str(files["pred"]), *options]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "| **overall** | 2 | 1 | 1 | 1.00 | 0.50 | 0.67 |" in result.stdout


@pytest.mark.parametrize("article", ["text"])
def test_evaluate_command_code(files: dict[str, Path], article: str) -> None:
    args = ["evaluate", str(files["gold"]), "--code", str(files[article]), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["missing"] == ["a"]  # only b was coded
    assert report["per_type"]["CONSULT"]["matched"] == 1


@pytest.mark.parametrize("command", ["evaluate"])
def test_evaluate_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--pred" in result.stdout and "--scope" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pred", "{pred}", "--code", "{text}"], "either --pred"),
        ([], "either --pred"),
        (["--code"], "--code needs the files"),
        (["--pred", "{pred}", "{text}"], "either --pred"),
        (["--pred", "{pred}", "--json", "--markdown"], "choose one output"),
        (["--pred", "{gold}"], "'language' is missing"),
    ],
)
def test_evaluate_command_errors(files: dict[str, Path], args: list[str], message: str) -> None:
    filled = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
    result = CliRunner().invoke(app, ["evaluate", str(files["gold"]), *filled])
    assert result.exit_code == 1
    assert message in result.output


# --- the gold sets ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["gold.jsonl"])
def test_evaluate_project_gold_is_well_formed(name: str) -> None:
    articles = [
        json.loads(line)
        for line in (PROJECT_GOLD / "articles.jsonl").read_text("utf-8").splitlines()
    ]
    gold_lines = (PROJECT_GOLD / name).read_text("utf-8").splitlines()
    gold = read_gold(PROJECT_GOLD / name)
    assert [a["id"] for a in articles] == sorted(gold) == [json.loads(g)["id"] for g in gold_lines]
    for article in articles:
        assert set(article) == {"id", "text", "date", "lang"}
        assert article["lang"] == "fr"
    fields = {
        "type", "mode", "source", "source_sector", "target", "target_sector",
        "source_name", "target_name", "location", "date", "negated",
    }  # fmt: skip
    for line in gold_lines:
        record = json.loads(line)
        assert set(record) == {"id", "lang", "dateline", "actors", "events", "notes"}
        for event in record["events"]:
            assert set(event) == fields, record["id"]
            for side in (event["source"], event["target"]):
                assert side is None or len(side) == 3 or side.split(":")[0] in ("IGO", "NGO")


@pytest.mark.parametrize("least", [5])
def test_evaluate_every_type_has_enough_gold(least: int) -> None:
    counts: Counter[str] = Counter()
    for path in (shared_file(WIKINEWS_GOLD), PROJECT_GOLD / "gold.jsonl"):
        counts.update(key.type for article in read_gold(path).values() for key in article.events)
    assert {t: counts[t] for t in EVENT_TYPES if counts[t] < least} == {}


@pytest.mark.parametrize(("articles", "events", "negated"), [(58, 164, 1)])
def test_evaluate_reads_the_wikinews_gold(articles: int, events: int, negated: int) -> None:
    gold = read_gold(shared_file(WIKINEWS_GOLD))
    assert len(gold) == articles
    assert sum(len(a.events) for a in gold.values()) == events
    assert sum(a.negated for a in gold.values()) == negated
