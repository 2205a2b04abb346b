"""The ``wirecoder`` command: a thin layer over the pipeline and the store.

Each command opens the store, calls one library function, and turns the library's own errors
into a one-line message and exit status 1.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from wirecoder.actors.lexicon import LexiconError
from wirecoder.contract import dumps_line
from wirecoder.ingest import read_paths
from wirecoder.nlp import ModelNotInstalledError
from wirecoder.records import Article, Event, Quarantined
from wirecoder.store import Store, StoreError

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


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code=1)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write one JSON line per article here.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the articles.")] = "fr",
    batch_size: Annotated[int, typer.Option(help="Articles parsed per batch.")] = 32,
) -> None:
    """Code articles into events, store them, and optionally write them as JSONL."""
    from wirecoder.pipeline import Coder

    began = time.perf_counter()
    quarantined: list[Quarantined] = []

    def articles() -> Iterator[Article]:
        for item in read_paths(paths, lang=lang, stdin=sys.stdin):
            if isinstance(item, Quarantined):
                typer.echo(f"quarantined {item.record}: {item.reason}", err=True)
                quarantined.append(item)
            else:
                yield item

    read = coded = events = 0
    try:
        coder = Coder(lang=lang, batch_size=batch_size)
        opened: AbstractContextManager[TextIO | None] = (
            out.open("w", encoding="utf-8") if out else nullcontext()
        )
        with Store(db) as store, opened as sink:
            for batch in _batches(articles(), batch_size * 4):
                read += len(batch)
                results = list(coder.code_many(batch))
                store.write(results)
                coded += len(results)
                events += sum(len(r.events) for r in results)
                if sink is not None:
                    sink.writelines(dumps_line(r) + "\n" for r in results)
            store.add_quarantined(quarantined)
    except (StoreError, ModelNotInstalledError, LexiconError) as exc:
        raise _fail(str(exc)) from exc
    seconds = time.perf_counter() - began
    typer.echo(
        f"read {read + len(quarantined)}, coded {coded}, quarantined {len(quarantined)}, "
        f"events {events}, {seconds:.1f} s",
        err=True,
    )


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
    }


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Actor country or IGO code.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient country or IGO code.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List stored events, filtered by actor, recipient and type."""
    try:
        with Store(db, read_only=True) as store:
            found = store.events(
                actor=actor, recipient=recipient, type=type.upper() if type else None, limit=limit
            )
    except StoreError as exc:
        raise _fail(str(exc)) from exc
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
        table = Table(title=f"{len(rows)} events")
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


class EvalScope(StrEnum):
    gold = "gold"
    all = "all"


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (the Wikinews-fr 2012 format).")],
    inputs: Annotated[
        list[str] | None, typer.Argument(help="With --code: files, folders, or - for stdin.")
    ] = None,
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Predictions: JSONL from 'code --out'.")
    ] = None,
    code_inputs: Annotated[
        bool, typer.Option("--code", help="Code INPUTS now, in memory, and score them.")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of the articles.")] = "fr",
    scope: Annotated[
        EvalScope,
        typer.Option(help="gold: score only gold articles; all: others count as no events."),
    ] = EvalScope.gold,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown (default).")] = False,
) -> None:
    """Score events on (type, actor, recipient) against a gold file: P/R/F1 per type."""
    from wirecoder import evaluate as ev

    if (pred is None) == (not code_inputs) or (pred is not None and inputs):
        raise _fail("give either --pred PRED.jsonl or --code INPUT..., not both")
    if code_inputs and not inputs:
        raise _fail("--code needs the files or folders to code: --code INPUT...")
    if as_json and markdown:
        raise _fail("choose one output: --json or --markdown")
    try:
        truth = ev.read_gold(gold)
        if pred is not None:
            predicted = ev.read_predictions(pred)
        else:
            from wirecoder.pipeline import Coder

            predicted, quarantined = ev.code_paths(inputs or [], Coder(lang=lang))
            if quarantined:
                typer.echo(
                    f"quarantined {len(quarantined)} records, e.g. {quarantined[0].record}: "
                    f"{quarantined[0].reason}",
                    err=True,
                )
        report = ev.evaluate(truth, predicted, scope=scope.value)
    except (ev.EvaluationError, ModelNotInstalledError, LexiconError) as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(ev.report_to_dict(report), indent=2))
    else:
        typer.echo(ev.format_markdown(report), nl=False)
