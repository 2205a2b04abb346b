"""The ``wirecoder`` command: a thin layer over the pipeline and the store.

Each command opens the store, calls one library function, and turns the library's own errors
into a one-line message and exit status 1.
"""

from __future__ import annotations

import csv
import json
import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from wirecoder.cli_actors import actors
from wirecoder.cli_code import code
from wirecoder.cli_evaluate import evaluate
from wirecoder.cli_options import DEFAULT_DB, DbOption
from wirecoder.cli_options import fail as _fail
from wirecoder.query import SortKey
from wirecoder.records import Event, EventFilter, Quarantined
from wirecoder.store import Store, StoreError

app = typer.Typer(
    help="Code news wire into PLOVER political events, and explore them.",
    no_args_is_help=True,
    add_completion=False,
)
app.command()(code)  # coding a corpus: wirecoder.cli_code


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


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
