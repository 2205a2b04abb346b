"""The ``wirecoder`` command: a thin layer over the pipeline and the store.

Each command opens the store, calls one library function, and turns the library's own errors
into a one-line message and exit status 1.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from contextlib import AbstractContextManager, ExitStack, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from wirecoder.actors.lexicon import LexiconError
from wirecoder.cli_actors import actors
from wirecoder.cli_evaluate import evaluate
from wirecoder.cli_options import LangOption, ModelOption
from wirecoder.cli_options import fail as _fail
from wirecoder.ingest import MAX_BYTES
from wirecoder.nlp import ModelNotInstalledError
from wirecoder.query import SortKey
from wirecoder.records import Event, EventFilter, Quarantined
from wirecoder.store import Store, StoreError

if TYPE_CHECKING:
    from wirecoder.run import Engine

app = typer.Typer(
    help="Code news wire into PLOVER political events, and explore them.",
    no_args_is_help=True,
    add_completion=False,
)
DEFAULT_DB = Path("wirecoder.duckdb")
DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB file of coded events.")]


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write one JSON line per article here.")
    ] = None,
    lang: LangOption = None,
    model: ModelOption = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per batch: parsed, coded and stored together.")
    ] = 32,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Quarantine a file (a JSONL line) larger than this.")
    ] = MAX_BYTES,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Code on a local Dask cluster of N processes (1 thread each)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Code on the Dask cluster at tcp://HOST:PORT (shared --run-dir)."),
    ] = None,
    run_dir: Annotated[
        Path | None,
        typer.Option(help="Folder for the workers' Parquet shards (default: beside --db)."),
    ] = None,
    parse_process: Annotated[
        bool | None,
        typer.Option(
            help="Without --workers: parse in a process of its own while this one codes "
            "(default: when the machine has two cores or more)."
        ),
    ] = None,
) -> None:
    """Code articles into events, store them, and optionally write them as JSONL.

    Every record ends coded or quarantined (see 'wirecoder quarantine'); articles already
    stored with the same text are not coded again, so a killed run can simply be restarted.
    """
    from wirecoder.progress import run_display
    from wirecoder.run import run

    if workers is not None and scheduler is not None:
        raise _fail("give --workers N (a local cluster) or --scheduler ADDRESS, not both")
    try:
        opened: AbstractContextManager[TextIO | None] = (
            out.open("w", encoding="utf-8") if out else nullcontext()
        )
        with Store(db) as store, opened as sink, ExitStack() as stack:
            models = _models(model)
            apart = (os.cpu_count() or 1) > 1 if parse_process is None else parse_process
            engine = _engine(stack, db, models, batch_size, workers, scheduler, run_dir, apart)
            display = stack.enter_context(run_display())
            summary = run(
                paths,
                store,
                engine,
                lang=lang,
                batch_size=batch_size,
                max_bytes=max_bytes,
                stdin=sys.stdin,
                sink=sink,
                on_batch=display.on_batch,
                on_quarantine=display.on_quarantine,
            )
    except (StoreError, ModelNotInstalledError, LexiconError, OSError) as exc:
        raise _fail(str(exc)) from exc
    typer.echo(summary.line(), err=True)


def _engine(
    stack: ExitStack,
    db: Path,
    models: dict[str, str],
    batch_size: int,
    workers: int | None,
    scheduler: str | None,
    run_dir: Path | None,
    parse_apart: bool = False,
) -> Engine:
    """The run's engine: this process (its parse in a child process of its own when
    ``parse_apart``), or a Dask cluster; either is closed with ``stack``."""
    if workers is None and scheduler is None:
        from wirecoder.pipeline import Polyglot
        from wirecoder.run import local_engine, overlapped_engine

        coder = Polyglot(batch_size=batch_size, models=models, parse_apart=parse_apart)
        stack.callback(coder.close)
        return overlapped_engine(coder) if parse_apart else local_engine(coder)
    from wirecoder.scaleout import ScaleOutError, dask_client, dask_engine

    if run_dir is None:
        run_dir = Path(stack.enter_context(_temporary_folder(db)))
    try:
        client = stack.enter_context(dask_client(workers=workers, scheduler=scheduler))
    except ScaleOutError as exc:
        raise _fail(str(exc)) from exc
    return dask_engine(client, run_dir, models=models, batch_size=batch_size)


def _models(pairs: list[str] | None) -> dict[str, str]:
    """``["en=/models/en_big"]`` → ``{"en": "/models/en_big"}``."""
    models = {}
    for pair in pairs or []:
        lang, sep, name = pair.partition("=")
        if not sep or not lang.strip() or not name.strip():
            raise _fail(
                f"--model {pair!r}: write LANG=NAME_OR_PATH, e.g. --model en=en_core_web_md"
            )
        models[lang.strip()] = name.strip()
    return models


def _temporary_folder(db: Path) -> AbstractContextManager[str]:
    import tempfile

    return tempfile.TemporaryDirectory(prefix=f".{db.name}.run-", dir=db.resolve().parent)


def _flat(event: Event) -> dict[str, object]:
    def side(prefix: str, actor: object) -> dict[str, object]:
        from wirecoder.records import Actor

        a = actor if isinstance(actor, Actor) else None
        return {
            f"{prefix}": a.cameo if a else None,
            f"{prefix}_name": (a.name or a.text) if a else None,
            f"{prefix}_role": a.role if a else None,
        }

    return {
        "id": event.id,
        "date": event.date,
        "type": event.type,
        "mode": event.mode,
        **side("actor", event.actor),
        **side("recipient", event.recipient),
        "aux_mode": event.aux_mode,
        "negated": event.negated,
        "location": event.location.name if event.location else None,
        "trigger": event.evidence.trigger,
        "sentence": event.evidence.sentence,
    }


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Actor country or IGO code.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient country or IGO code.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    since: Annotated[str | None, typer.Option(help="From this ISO date (2023, 2023-05).")] = None,
    until: Annotated[str | None, typer.Option(help="To this ISO date, inclusive.")] = None,
    q: Annotated[
        str | None, typer.Option("--q", help="Words in the evidence or a side, any case.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Page size (at most 1000).", min=0)] = 50,
    offset: Annotated[int, typer.Option(help="Events to skip: the next page.", min=0)] = 0,
    sort: Annotated[SortKey, typer.Option("--sort", help="Sort key.")] = SortKey.date,
    desc: Annotated[bool, typer.Option("--desc", help="Sort in descending order.")] = False,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List stored events, one page at a time: filtered by side, type, dates and words, as the
    API and the dashboard filter them (`wirecoder export` writes them all)."""
    from wirecoder import query

    try:
        with Store(db, read_only=True) as store:
            page = query.search_events(
                store,
                EventFilter(actor, recipient, type, since, until, q),
                limit=limit,
                offset=offset,
                sort=sort.value,
                descending=desc,
            )
    except (StoreError, query.QueryError) as exc:
        raise _fail(str(exc)) from exc
    found = list(page.events)
    if offset + len(found) < page.total:
        shown = f"events {offset + 1}-{offset + len(found)}" if found else "no events"
        typer.echo(
            f"{shown} of {page.total}: --offset {offset + len(found)} for the next page, "
            "or `wirecoder export` for all",
            err=True,
        )
    rows = [_flat(e) for e in found]
    if format is Format.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif format is Format.csv:
        columns = list(_flat(found[0]).keys()) if found else ["id"]
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=f"{len(rows)} of {page.total} events")
        for column in ("date", "type", "actor", "actor_name", "recipient", "recipient_name"):
            table.add_column(column)
        table.add_column("aux")
        for row in rows:
            table.add_row(
                *(str(row[c] or "") for c in ("date", "type", "actor", "actor_name")),
                *(str(row[c] or "") for c in ("recipient", "recipient_name")),
                ("not " if row["negated"] else "") + str(row["aux_mode"] or ""),
            )
        Console(width=160).print(table)


@app.command()
def stats(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count stored articles, events and quarantined records."""
    try:
        with Store(db, read_only=True) as store:
            counts = store.stats()
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(counts))
    else:
        for name, value in counts.items():
            typer.echo(f"{name}: {value}")


@app.command()
def quarantine(
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List the records that could not be coded, and why, oldest first."""
    try:
        with Store(db, read_only=True) as store:
            found = store.quarantined()
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    rows = [{"record": q.record, "reason": q.reason, "source": q.source} for q in found]
    if format is Format.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif format is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=["record", "reason", "source"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=f"{len(rows)} quarantined records")
        table.add_column("record", overflow="fold")
        table.add_column("reason", overflow="fold")
        for row in rows:
            table.add_row(str(row["record"]), str(row["reason"]))
        Console(width=160).print(table)


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    plover = "plover"


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="The file to write.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="parquet/csv: flat events; jsonl: the contract per article; "
            "plover: PLOVER's JSON fields per event.",
        ),
    ] = ExportFormat.parquet,
) -> None:
    """Export the stored events to a file."""
    from wirecoder.export import export as write_export

    try:
        with Store(db, read_only=True) as store:
            count = write_export(store, format.value, out)
    except (StoreError, OSError) as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"wrote {count} records to {out}", err=True)


app.command()(actors)  # the actor knowledge base: wirecoder.cli_actors


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (other machines: 0.0.0.0).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the dashboard and the JSON API over a store, opened read-only."""
    import uvicorn

    from wirecoder.api import create_app

    try:
        application = create_app(db)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    where = f"http://{host}:{port}/" if port else "the address uvicorn prints below"
    typer.echo(f"Dashboard: {where}  API: /api/events, /openapi.json", err=True)
    uvicorn.run(application, host=host, port=port)


class Period(StrEnum):
    month = "month"
    week = "week"
    year = "year"


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="One side: a country or IGO code (AZE, NATO).")],
    b: Annotated[str, typer.Argument(help="The other side.")],
    by: Annotated[Period, typer.Option("--by", help="Period length.")] = Period.month,
    db: DbOption = DEFAULT_DB,
    plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the chart here.")] = None,
    mentions: Annotated[
        bool,
        typer.Option(
            "--mentions", help="Count every article's mention, not each real-world event once."
        ),
    ] = False,
) -> None:
    """Events between two sides per period, both ways, with sparklines; --plot FILE.png."""
    from wirecoder import plots, query

    try:
        with Store(db, read_only=True) as store:
            unit: query.Unit = "mentions" if mentions else "clusters"
            series = query.dyad(store, a, b, by=by.value, unit=unit)
    except (StoreError, query.QueryError) as exc:
        raise _fail(str(exc)) from exc
    Console(width=160).print(plots.dyad_table(series))
    if plot is not None:
        try:
            typer.echo(f"wrote {plots.plot_dyad(series, plot)}", err=True)
        except (OSError, ValueError) as exc:
            raise _fail(f"cannot write {plot}: {exc}") from exc


@app.command()
def dates(
    source: Annotated[str, typer.Argument(help='JSONL of {"id", "lang", "base", "text"}, or -.')],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the JSONL here (default: stdout).")
    ] = None,
) -> None:
    """Find the dates of texts, as ISO-TimeML values relative to each line's base date."""
    from wirecoder.when import date_lines

    dated = skipped = 0
    try:
        with ExitStack() as stack:
            path = None if source == "-" else Path(source)
            lines = stack.enter_context(path.open(encoding="utf-8")) if path else sys.stdin
            writer = stack.enter_context(out.open("w", encoding="utf-8")) if out else sys.stdout
            for item in date_lines(lines, source="<stdin>" if source == "-" else source):
                if isinstance(item, Quarantined):
                    typer.echo(f"skipped {item.record}: {item.reason}", err=True)
                    skipped += 1
                else:
                    writer.write(json.dumps(item, ensure_ascii=False) + "\n")
                    dated += 1
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read {source} or write {out}: {exc}") from exc
    typer.echo(f"dated {dated}, skipped {skipped}", err=True)


app.command()(evaluate)  # scoring against gold files: wirecoder.cli_evaluate
