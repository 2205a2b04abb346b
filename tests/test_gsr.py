"""PLOVER's gold-standard records read as gold events and one-sentence articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecoder.evaluate import ArticleEvents, EventKey
from wirecoder.gsr import generic_igos, is_gsr, read_gsr

from conftest import SHARED, shared_file

GSR = SHARED / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_gsr_types_codes_and_sides(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "gsr.txt",
        [
            {"id": "doc", "event": "DOCUMENT", "eventText": "notes"},
            {
                "id": "a",
                "event": "DEMAND",
                "text": "Tokyo asked the alliance for help.",
                "source": [{"actorText": "Tokyo", "code": "JAP"}],
                "target": [{"actorText": "the alliance", "code": "IGO"}],
            },
            {
                "id": "b",
                "event": "AGREE",
                "text": "Two neighbours agreed to talk.",
                "source": [{"code": "HUN"}, {"code": "ROU"}],
                "target": "",
            },
            {
                "id": "b",
                "event": "FIGHT",
                "text": "Rebels shelled a town.",
                "source": [{"code": None}],
                "target": [{"code": "NGO"}, {"code": "SDN"}],
            },
        ],
    )
    assert is_gsr(path)
    gold, articles = read_gsr(path)
    assert [a.id for a in articles] == ["a", "b", "b#2"]
    assert all(a.lang == "en" for a in articles)
    assert gold["a"].events == (EventKey("REQUEST", "JPN", "IGO"),)
    assert gold["b"].events == (EventKey("AGREE", "HUN", "ROU"),)
    assert gold["b#2"].events == (
        EventKey("ASSAULT", None, "IGO"),
        EventKey("ASSAULT", None, "SDN"),
    )


def test_gsr_predicted_organisations_read_as_generic() -> None:
    predicted = {"a": ArticleEvents("a", (EventKey("REQUEST", "JPN", "IGO:NATO"),))}
    assert generic_igos(predicted)["a"].events == (EventKey("REQUEST", "JPN", "IGO"),)


def test_gsr_jsonl_gold_is_not_gsr(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "x", "events": []}\n', encoding="utf-8")
    assert not is_gsr(path)


def test_gsr_shared_file_reads_every_record() -> None:
    gold, articles = read_gsr(shared_file(GSR))
    assert len(articles) == 322 == len(gold)
    assert sum(len(a.events) for a in gold.values()) >= 322


def test_gsr_evaluate_command_codes_the_records_own_sentences(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from wirecoder.cli import app

    path = _write(
        tmp_path / "gsr.txt",
        [
            {
                "id": "x1",
                "event": "DISAPPROVE",
                "text": "Kenya accused Uganda of supporting rebels along the border.",
                "source": [{"code": "KEN"}],
                "target": [{"code": "UGA"}],
            },
            {
                "id": "x2",
                "event": "FIGHT",
                "text": "Ethiopian troops shelled Eritrean positions on Monday.",
                "source": [{"code": "ETH"}],
                "target": [{"code": "ERI"}],
            },
        ],
    )
    result = CliRunner().invoke(app, ["evaluate", str(path), "--code", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["gold"] == 2
    assert report["overall"]["matched"] >= 1


def test_gsr_bad_model_option_is_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from wirecoder.cli import app

    result = CliRunner().invoke(
        app, ["code", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--model", "en"]
    )
    assert result.exit_code == 1
    assert "LANG=NAME_OR_PATH" in result.output


@pytest.mark.parametrize("code", ["BDI"])
def test_gsr_evaluate_errors_list_the_records_misses(tmp_path: Path, code: str) -> None:
    from typer.testing import CliRunner

    from wirecoder.cli import app

    path = _write(
        tmp_path / "gsr.txt",
        [
            {
                "id": "x1",
                "event": "DISAPPROVE",
                "text": "Kenya accused Uganda of supporting rebels along the border.",
                "source": [{"code": "KEN"}],
                "target": [{"code": code}],
            }
        ],
    )
    result = CliRunner().invoke(app, ["evaluate", str(path), "--code", "--errors"])
    assert result.exit_code == 0, result.output
    assert f"MISSED ACCUSE KEN -> {code}" in result.stdout
    assert "FALSE  ACCUSE" in result.stdout and "«accused»" in result.stdout
