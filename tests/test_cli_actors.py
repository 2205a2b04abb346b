"""``wirecoder actors`` through typer's runner, on a real DuckDB file built from hand-made
records (the pipeline's own tests code real articles)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirecoder.actors.knowledge_db import update
from wirecoder.cli import app
from wirecoder.records import Actor, Article, ArticleResult, Dateline, Event, Evidence
from wirecoder.store import Store

runner = CliRunner()
MINISTER = Actor("le ministre", "Rauf Guliyev", "AZE", None, ("GOV",), "ministre de la défense")
LAVROV = Actor("le ministre russe", "Sergueï Lavrov", "RUS", None, ("GOV",), "ministre")
BARE = Actor("Rauf Guliyev", "Rauf Guliyev", "FRA")
HEADER = "name,country,igo,sectors,role,first_seen,last_seen,articles,source"


def article(id: str, date: str, *sides: Actor) -> ArticleResult:
    events = tuple(
        Event(f"{id}#{n}", "ACCUSE", side, None, Evidence("phrase", 0, 6, "a critiqué"))
        for n, side in enumerate(sides)
    )
    return ArticleResult(Article(id, f"dépêche {id}", lang="fr"), "fr", Dateline(date=date), events)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kb.duckdb"
    with Store(path) as store:
        store.write(
            [
                article("titre", "2020-03-03", MINISTER, LAVROV),
                article("nu", "2020-11-20", BARE),
            ]
        )
        update(store)
    return path


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_actors_lists_in_each_format(db: Path, fmt: str) -> None:
    result = runner.invoke(app, ["actors", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [r["name"] for r in rows] == ["Rauf Guliyev", "Sergueï Lavrov"]
        assert rows[0]["role"] == "ministre de la défense" and rows[0]["articles"] == "1"
    elif fmt == "json":
        rows = json.loads(result.stdout)
        assert rows[0]["sectors"] == ["GOV"] and rows[0]["source"] == "learned"
    else:
        assert "2 known actors" in result.stdout and "Rauf Guliyev" in result.stdout


@pytest.mark.parametrize(
    ("options", "names"),
    [
        (["--name", "lavrov"], ["Sergueï Lavrov"]),
        (["--country", "aze"], ["Rauf Guliyev"]),
        (["--country", "NATO"], []),
    ],
)
def test_cli_actors_filters(db: Path, options: list[str], names: list[str]) -> None:
    result = runner.invoke(app, ["actors", "--db", str(db), "--format", "json", *options])
    assert result.exit_code == 0, result.output
    assert [row["name"] for row in json.loads(result.stdout)] == names


@pytest.mark.parametrize("role", ["vice-premier ministre"])
def test_cli_actors_export_edit_import(db: Path, tmp_path: Path, role: str) -> None:
    out = tmp_path / "kb.csv"
    result = runner.invoke(app, ["actors", "--db", str(db), "--export", str(out), "--name", "rauf"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    out.write_text(text.replace("ministre de la défense", role), encoding="utf-8")
    result = runner.invoke(app, ["actors", "--db", str(db), "--import", str(out)])
    assert result.exit_code == 0, result.output
    assert "imported 1 entries, skipped 0 rows" in result.stderr
    with Store(db, read_only=True) as store:
        [bare] = [e.actor for e in store.events() if e.id == "nu#0"]
    assert bare is not None and (bare.country, bare.role) == ("AZE", role)


@pytest.mark.parametrize("bad", ["Rauf Guliyev,Azerbaïdjan,,GOV,président", "Ali,AZE,,GOUV,x"])
def test_cli_actors_import_reports_bad_rows_and_loads_the_others(
    db: Path, tmp_path: Path, bad: str
) -> None:
    source = tmp_path / "people.csv"
    source.write_text(
        f"name,country,igo,sectors,role\n{bad}\nAnna Berg,,NATO,GOV,porte-parole\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["actors", "--db", str(db), "--import", str(source)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and f"{source} row 2: " in errors[0]
    assert "imported 1 entries, skipped 1 rows" in result.stderr
    listed = runner.invoke(
        app, ["actors", "--db", str(db), "--format", "json", "--country", "nato"]
    )
    assert [row["name"] for row in json.loads(listed.stdout)] == ["Anna Berg"]


@pytest.mark.parametrize("header", ["nom;pays"])
def test_cli_actors_import_without_name_column_is_a_one_line_error(
    db: Path, tmp_path: Path, header: str
) -> None:
    source = tmp_path / "people.csv"
    source.write_text(f"{header}\nRauf Guliyev;AZE\n", encoding="utf-8")
    result = runner.invoke(app, ["actors", "--db", str(db), "--import", str(source)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "no 'name' column" in result.output


@pytest.mark.parametrize("options", [[], ["--export", "x.csv"]])
def test_cli_actors_missing_database_is_one_line(tmp_path: Path, options: list[str]) -> None:
    result = runner.invoke(app, ["actors", "--db", str(tmp_path / "nothing.duckdb"), *options])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["actors"])
def test_cli_actors_has_help_and_docs(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "--import" in result.stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"wirecoder {command} " in readme
