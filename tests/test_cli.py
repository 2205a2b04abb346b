"""The CLI through typer's runner, on a real DuckDB file and the real model."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from wirecoder.cli import app

from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "fr"
runner = CliRunner()


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cli")
    db, out = folder / "events.duckdb", folder / "out.jsonl"
    result = runner.invoke(app, ["code", str(SAMPLES), "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return db, out


def test_cli_code_writes_one_contract_line_per_article(coded: tuple[Path, Path]) -> None:
    _, out = coded
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(list(SAMPLES.glob("*.txt")))
    schema_path = SHARED / "contract" / "article.schema.json"
    if not schema_path.exists():
        pytest.skip(f"{schema_path} is absent: the contract schema lives in ../shared")
    validator = Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    for line in lines:
        errors = [e.message for e in validator.iter_errors(line)]
        assert not errors, (line["id"], errors)


def test_cli_stats_json_counts(coded: tuple[Path, Path]) -> None:
    db, out = coded
    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert counts == {
        "articles": len(lines),
        "events": sum(len(line["events"]) for line in lines),
        "quarantined": 0,
    }


def test_cli_code_twice_adds_nothing(coded: tuple[Path, Path]) -> None:
    db, _ = coded
    before = runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout
    again = runner.invoke(app, ["code", str(SAMPLES), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_cli_events_formats(coded: tuple[Path, Path], fmt: str) -> None:
    db, _ = coded
    result = runner.invoke(app, ["events", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert rows and all({"type", "actor", "recipient"} <= row.keys() for row in rows)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows and "type" in rows[0]
    else:
        assert "events" in result.stdout


@pytest.mark.parametrize(("option", "value"), [("--actor", "AZE"), ("--type", "consult")])
def test_cli_events_filters(coded: tuple[Path, Path], option: str, value: str) -> None:
    db, _ = coded
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", option, value])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    if option == "--actor":
        assert all(row["actor"].startswith(value) for row in rows)
    else:
        assert {row["type"] for row in rows} == {value.upper()}


@pytest.mark.parametrize(("since", "until"), [("2023-01-01", "2023-06")])
def test_cli_events_dates_and_words(coded: tuple[Path, Path], since: str, until: str) -> None:
    db, _ = coded
    args = ["events", "--db", str(db), "--format", "jsonl", "--since", since, "--until", until]
    rows = [json.loads(line) for line in runner.invoke(app, args).stdout.splitlines()]
    assert rows
    assert all(since <= row["date"] and row["date"][:7] <= until for row in rows)
    word = rows[0]["sentence"].split()[1].lower()
    found = runner.invoke(app, [*args, "--q", word.upper()]).stdout.splitlines()
    assert found
    assert all(word in json.loads(line)["sentence"].lower() for line in found)


def test_cli_events_pages_say_how_to_get_the_next(coded: tuple[Path, Path]) -> None:
    db, _ = coded
    every = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--limit", "1000"])
    ids = [json.loads(line)["id"] for line in every.stdout.splitlines()]
    first = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--limit", "2"])
    assert [json.loads(line)["id"] for line in first.stdout.splitlines()] == ids[:2]
    assert f"events 1-2 of {len(ids)}: --offset 2 for the next page" in first.stderr
    last = ["events", "--db", str(db), "--format", "jsonl", "--offset", str(len(ids) - 1)]
    result = runner.invoke(app, last)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids[-1:]
    assert "--offset" not in result.stderr


@pytest.mark.parametrize(("option", "value"), [("--since", "May 2023"), ("--type", "PARADE")])
def test_cli_events_bad_filter_is_a_one_line_error(
    coded: tuple[Path, Path], option: str, value: str
) -> None:
    db, _ = coded
    result = runner.invoke(app, ["events", "--db", str(db), option, value])
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["events", "stats"])
def test_cli_missing_database_is_a_one_line_error(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, [command, "--db", str(tmp_path / "nothing.duckdb")])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["code", "events", "stats"])
def test_cli_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.strip()


def test_cli_quarantines_bad_records_and_codes_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "good.txt").write_text(
        "Le ministre turc a félicité son homologue azerbaïdjanais.", encoding="utf-8"
    )
    db = tmp_path / "q.duckdb"
    result = runner.invoke(app, ["code", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    counts = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout)
    assert (counts["articles"], counts["quarantined"]) == (1, 1)
