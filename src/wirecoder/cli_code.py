"""``wirecoder code``: code a corpus into the store (registered by ``wirecoder.cli``; a thin
layer over ``wirecoder.run``, with this process, a parse process or a Dask cluster as the
engine)."""

from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager, ExitStack, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from wirecoder.actors.lexicon import LexiconError
from wirecoder.cli_options import DEFAULT_DB, DbOption, LangOption, ModelOption
from wirecoder.cli_options import fail as _fail
from wirecoder.ingest import MAX_BYTES
from wirecoder.nlp import ModelNotInstalledError
from wirecoder.store import Store, StoreError

if TYPE_CHECKING:
    from wirecoder.run import Engine

__all__ = ["code"]


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
