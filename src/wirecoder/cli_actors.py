"""``wirecoder actors``: list, export and import the actor knowledge base (registered by
``wirecoder.cli``; a thin layer over ``wirecoder.actors.knowledge_db``)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from wirecoder.actors.knowledge import KnowledgeError, write_csv
from wirecoder.cli_options import fail as _fail
from wirecoder.records import KnownActor
from wirecoder.store import Store, StoreError

__all__ = ["actors"]


class ActorFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def actors(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB file of coded events.")] = Path(
        "wirecoder.duckdb"
    ),
    name: Annotated[
        str | None, typer.Option("--name", help="Only names that contain this (any case).")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Only this country or IGO code (AZE, NATO).")
    ] = None,
    format: Annotated[
        ActorFormat, typer.Option("--format", help="Output format.")
    ] = ActorFormat.table,
    export: Annotated[
        Path | None, typer.Option("--export", help="Write the entries to this CSV file.")
    ] = None,
    import_: Annotated[
        Path | None,
        typer.Option(
            "--import",
            help="Add your own entries from this CSV (the --export columns); for each name "
            "they replace your earlier entries and override learned ones.",
        ),
    ] = None,
) -> None:
    """List the actor knowledge base: each person's offices, learned from explicit titles
    (or imported), with the first and last dates and the number of articles that give them.

    'wirecoder code' updates it after every run and resolves bare names with it (the office
    in force at each article's date).
    """
    if export is not None and import_ is not None:
        raise _fail("give --export FILE or --import FILE, not both")
    if import_ is not None:
        _import(db, import_)
        return
    from wirecoder.actors.knowledge_db import entries, export_csv

    try:
        with Store(db, read_only=True) as store:
            if export is not None:
                count = export_csv(store, export, name=name, country=country)
                typer.echo(f"wrote {count} entries to {export}", err=True)
                return
            found = entries(store, name=name, country=country)
    except (StoreError, OSError) as exc:
        raise _fail(str(exc)) from exc
    if format is ActorFormat.csv:
        write_csv(found, sys.stdout)
    elif format is ActorFormat.json:
        typer.echo(json.dumps([asdict(e) for e in found], ensure_ascii=False, indent=2))
    else:
        _print_table(found)


def _import(db: Path, path: Path) -> None:
    from wirecoder.actors.knowledge_db import import_csv
    from wirecoder.dedup import dedup
    from wirecoder.ontology import Ontology

    try:
        with Store(db) as store:
            done = import_csv(store, path, Ontology.load().sectors)
            dedup(store)  # the sides the import changed, in their clusters again
    except (StoreError, KnowledgeError, OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot import {path}: {exc}") from exc
    for error in done.errors:
        typer.echo(f"Error: {error}", err=True)
    known = done.knowledge
    typer.echo(
        f"imported {done.imported} entries, skipped {len(done.errors)} rows; "
        f"{known.learned} learned and {known.user} user entries resolve {known.resolved} sides",
        err=True,
    )
    if done.errors:
        raise typer.Exit(code=1)


def _print_table(found: list[KnownActor]) -> None:
    table = Table(title=f"{len(found)} known actors")
    for column in ("name", "code", "sectors", "role", "first seen", "last seen", "articles"):
        table.add_column(column, overflow="fold")
    table.add_column("source")
    for e in found:
        table.add_row(
            e.name,
            e.country or e.igo or "",
            " ".join(e.sectors),
            e.role or "",
            e.first_seen or "",
            e.last_seen or "",
            str(e.articles),
            e.source,
        )
    Console(width=160).print(table)
