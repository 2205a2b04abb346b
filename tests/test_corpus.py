"""Corpus runs through the real CLI, model and DuckDB: bad input, re-run, SIGKILL, Dask, exports."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from wirecoder.cli import app
from wirecoder.contract import result_from_contract, result_to_contract
from wirecoder.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "fr"
WIRECODER = Path(sys.executable).with_name("wirecoder")
runner = CliRunner()

_PAIRS = [
    ("l'Azerbaïdjan", "du Pakistan"),
    ("la France", "de l'Algérie"),
    ("la Russie", "du Kazakhstan"),
    ("la Turquie", "de la Géorgie"),
]
_PLACES = ["Bakou", "Paris", "Moscou", "Ankara"]


def write_articles(folder: Path, count: int) -> Path:
    """``count`` short generated dispatches, several of them reporting the same meeting."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        rnd = random.Random(n)
        (a, b), place = rnd.choice(_PAIRS), rnd.choice(_PLACES)
        text = (
            f"{place}, {1 + n % 3} mars 2023, AZERTAC\n\nLe ministre des Affaires étrangères de "
            f"{a} a rencontré l'ambassadeur {b} à {place}. Les deux parties ont signé un accord "
            f"de coopération (dépêche {n}). Le président de {a} a condamné l'attaque contre "
            f"l'armée {b}."
        )
        (folder / f"depeche-{n:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row that a run decides (not the quarantine's timestamps), sorted."""
    tables = {
        "articles": "SELECT * FROM articles",
        "events": "SELECT * FROM events",
        "event_sides": "SELECT * FROM event_sides",
        "event_clusters": "SELECT * FROM event_clusters",
        "known_actors": "SELECT * FROM known_actors",
        "actor_resolutions": "SELECT * FROM actor_resolutions",
        "quarantine": "SELECT record, reason, source FROM quarantine",
    }
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in tables.items()}


def code(*args: str) -> str:
    result = runner.invoke(app, ["code", *args])
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("samples") / "single.duckdb"
    code(str(SAMPLES), "--db", str(db), "--parse-process")
    return db


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "vide.txt").write_bytes(b"")
    (folder / "binaire.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Paris, 3 mars 2023 (AFP) - Le président français a reçu à l'Élysée le Premier "
        "ministre algérien.".encode("latin-1")
    )
    (folder / "enorme.txt").write_bytes(b"Le ministre a rencontre l'ambassadeur. " * 260_000)
    (folder / "lignes.jsonl").write_text(
        '{"id": "bon", "text": "Moscou, 2 mars 2023 - La Russie a condamné l\'Ukraine."}\n'
        '{"id": "casse", "text": \n'
        '{"id": "sans-texte", "title": "rien"}\n',
        encoding="utf-8",
    )
    (folder / "page.html").write_text(
        "<html lang='fr'><head><title>Rencontre</title></head><body><article>"
        "<h1>Rencontre à Bakou</h1><p>Bakou, 3 mars 2023 - Le ministre des Affaires étrangères "
        "de l'Azerbaïdjan a rencontré l'ambassadeur du Pakistan.</p></article></body></html>",
        encoding="utf-8",
    )
    assert (folder / "enorme.txt").stat().st_size > 10_000_000
    return folder


@pytest.mark.parametrize("records", [8])
def test_corpus_bad_folder_ends_coded_or_quarantined(
    tmp_path: Path, bad_folder: Path, records: int
) -> None:
    db = tmp_path / "bad.duckdb"
    line = code(str(bad_folder), "--db", str(db)).strip().splitlines()[-1]
    counts = dict(part.split(" ") for part in line.split(", ")[:4])
    assert int(counts["coded"]) + int(counts["quarantined"]) == int(counts["read"]) == records
    assert (int(counts["coded"]), int(counts["quarantined"])) == (3, 5)
    listed = runner.invoke(app, ["quarantine", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    reasons = {
        Path(r["record"]).name: r["reason"] for r in map(json.loads, listed.stdout.split("\n")[:-1])
    }
    assert sorted(reasons) == [
        "binaire.txt",
        "enorme.txt",
        "lignes.jsonl:2",
        "lignes.jsonl:3",
        "vide.txt",
    ]
    assert "max_bytes=5000000" in reasons["enorme.txt"]
    with Store(db, read_only=True) as store:
        latin = [r for r in store.results() if r.article.id == "latin1"]
    assert "l'Élysée" in latin[0].article.text


@pytest.mark.parametrize("max_bytes", ["50"])
def test_corpus_max_bytes_is_configurable(tmp_path: Path, bad_folder: Path, max_bytes: str) -> None:
    latin1 = str(bad_folder / "latin1.txt")
    line = code(latin1, "--db", str(tmp_path / "m.duckdb"), "--max-bytes", max_bytes)
    assert f"over max_bytes={max_bytes}" in line
    assert "coded 0, quarantined 1" in line


@pytest.mark.parametrize("runs", [2])
def test_corpus_rerun_adds_nothing(tmp_path: Path, samples_db: Path, runs: int) -> None:
    db = tmp_path / "rerun.duckdb"
    db.write_bytes(samples_db.read_bytes())
    before = dump(db)
    for _ in range(runs):
        line = code(str(SAMPLES), "--db", str(db))
        assert "read 12, coded 12, quarantined 0" in line
        assert dump(db) == before


def _children(parent: int) -> list[int]:
    """The processes whose parent is ``parent``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _gone(pid: int, seconds: float = 20.0) -> bool:
    """Whether ``pid`` ends (or is a zombie) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


def test_corpus_run_parsing_here_equals_parse_process(tmp_path: Path, samples_db: Path) -> None:
    db = tmp_path / "here.duckdb"
    line = code(str(SAMPLES), "--db", str(db), "--no-parse-process", "--batch-size", "5")
    assert "read 12, coded 12, quarantined 0" in line
    assert dump(db) == dump(samples_db)


def _wirecoder(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(WIRECODER), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.mark.parametrize(("articles", "batch", "kill_after"), [(240, 8, 16)])
def test_corpus_sigkill_and_restart_loses_and_doubles_nothing(
    tmp_path: Path, articles: int, batch: int, kill_after: int
) -> None:
    folder = write_articles(tmp_path / "in", articles)
    whole, killed = tmp_path / "whole.duckdb", tmp_path / "killed.duckdb"
    options = ["--batch-size", str(batch)]
    code(str(folder), "--db", str(whole), *options)
    out = tmp_path / "killed.jsonl"
    process = _wirecoder("code", str(folder), "--db", str(killed), "--out", str(out), *options)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= kill_after:
            break
        time.sleep(0.02)
    children = _children(process.pid)  # the parse process, and multiprocessing's helper
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    written = out.read_bytes().count(b"\n")
    assert kill_after <= written < articles, "the run was not killed mid-way"
    assert children, "the run had no parse process"
    assert all(_gone(pid) for pid in children), "a child outlived the killed run"
    restarted = code(str(folder), "--db", str(killed), "--out", str(out), *options)
    assert f"read {articles}, coded {articles}, quarantined 0" in restarted
    assert out.read_bytes().count(b"\n") == articles
    assert dump(killed) == dump(whole)


@pytest.mark.scaleout
@pytest.mark.parametrize("workers", [2])
def test_corpus_dask_run_equals_single_process(
    tmp_path: Path, samples_db: Path, workers: int
) -> None:
    db = tmp_path / "dask.duckdb"
    line = code(str(SAMPLES), "--db", str(db), "--workers", str(workers), "--batch-size", "3")
    assert "read 12, coded 12, quarantined 0" in line
    assert dump(db) == dump(samples_db)
    assert not list(tmp_path.glob(".dask.duckdb.run-*")), "the run folder is left behind"


@pytest.mark.scaleout
@pytest.mark.parametrize("workers", [1])
def test_corpus_existing_scheduler_run_equals_single_process(
    tmp_path: Path, samples_db: Path, workers: int
) -> None:
    from distributed import LocalCluster

    db, run_dir = tmp_path / "scheduler.duckdb", tmp_path / "shards"
    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        address = cluster.scheduler_address
        line = code(
            str(SAMPLES), "--db", str(db), "--scheduler", address, "--run-dir", str(run_dir)
        )
    assert "read 12, coded 12, quarantined 0" in line
    assert dump(db) == dump(samples_db)
    assert run_dir.is_dir() and not list(run_dir.iterdir()), "every shard is loaded, then removed"


@pytest.mark.parametrize("scheduler", ["tcp://127.0.0.1:9"])
def test_corpus_unreachable_scheduler_is_a_one_line_error(tmp_path: Path, scheduler: str) -> None:
    result = runner.invoke(
        app, ["code", str(SAMPLES), "--db", str(tmp_path / "x.duckdb"), "--scheduler", scheduler]
    )
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler" in result.stderr


@pytest.mark.parametrize("format", ["parquet", "csv"])
def test_corpus_export_flat_round_trips(tmp_path: Path, samples_db: Path, format: str) -> None:
    out = tmp_path / f"events.{format}"
    result = runner.invoke(app, ["export", "--db", str(samples_db), "--format", format, str(out)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(samples_db), read_only=True) as con:
        names = [c[0] for c in con.execute("SELECT * FROM events_flat LIMIT 0").description]
        expected = con.execute("SELECT * FROM events_flat ORDER BY article_id, seq").fetchall()
        if format == "parquet":
            table = pq.read_table(out)
            got = [tuple(row[n] for n in names) for row in table.to_pylist()]
        else:
            kinds = dict(
                con.execute(
                    "SELECT column_name, column_type FROM (DESCRIBE events_flat)"
                ).fetchall()
            )
            lists = [n for n in names if kinds[n] == "VARCHAR[]"]
            texts = {n: "VARCHAR" for n in names if kinds[n].startswith("VARCHAR")}
            rows = con.execute(
                "SELECT * EXCLUDE (cluster_id) FROM read_csv(?, header = true, types = ?, "
                "allow_quoted_nulls = false)",
                [str(out), texts],
            ).fetchall()
            index = {names.index(n) for n in lists}
            got = [
                tuple(json.loads(v) if i in index and v else v for i, v in enumerate(row))
                for row in rows
            ]
    assert got == expected


@pytest.mark.parametrize("format", ["jsonl"])
def test_corpus_export_contract_round_trips(tmp_path: Path, samples_db: Path, format: str) -> None:
    out = tmp_path / "articles.jsonl"
    result = runner.invoke(app, ["export", "--db", str(samples_db), "--format", format, str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with Store(samples_db, read_only=True) as store:
        stored = [result_to_contract(r) for r in store.results()]
    assert [result_to_contract(result_from_contract(line)) for line in lines] == stored


@pytest.mark.parametrize("format", ["plover"])
def test_corpus_export_plover_fields(tmp_path: Path, samples_db: Path, format: str) -> None:
    out = tmp_path / "plover.jsonl"
    result = runner.invoke(app, ["export", "--db", str(samples_db), "--format", format, str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with Store(samples_db, read_only=True) as store:
        events = {e.id: e for e in store.events()}
    assert sorted(r["id"] for r in records) == sorted(events)
    for record in records:
        event = events[record["id"]]
        assert {"id", "date", "actor", "event", "mode", "context", "quad_code"} <= set(record)
        assert record["event"] == [event.type]
        assert record["quad_code"] == event.quad_class
        assert record["event_scale"] == event.goldstein
        assert record["event_text"] == [event.evidence.sentence]
        for side, actor in (("actor", event.actor), ("recipient", event.recipient)):
            entities = record[side]
            assert len(entities) == (actor is not None)
            if actor is not None:
                assert entities[0]["code"] == actor.code
                assert entities[0]["entity_text"] == actor.text
                assert entities[0]["sector"] == (actor.sectors[0] if actor.sectors else None)
        assert ("negation" in record["context"]) == event.negated
        assert set(event.contexts) <= set(record["context"])
        if event.location is not None:
            assert record["event_loc"]["geonameid"] == event.location.geonames_id
