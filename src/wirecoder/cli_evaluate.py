"""``wirecoder evaluate``: score coded events against a gold file (registered by
``wirecoder.cli``; a thin layer over ``wirecoder.evaluate``, ``wirecoder.misses`` and
``wirecoder.gsr``)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wirecoder.actors.lexicon import LexiconError
from wirecoder.cli_options import LangOption
from wirecoder.cli_options import fail as _fail
from wirecoder.nlp import ModelNotInstalledError

if TYPE_CHECKING:
    from wirecoder.evaluate import Report

__all__ = ["evaluate"]


def _readable_twice(path: Path) -> Path:
    """``path``, or a copy of it when it can be read only once (a pipe such as ``<(cat a b)``):
    the gold file is read to tell its format, then to score, then to list the errors."""
    if not path.exists() or path.is_file():
        return path
    import atexit
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="wirecoder-gold-")
    atexit.register(shutil.rmtree, folder, True)
    copy = Path(folder) / "gold.jsonl"
    copy.write_bytes(path.read_bytes())
    return copy


class EvalScope(StrEnum):
    gold = "gold"
    all = "all"


def evaluate(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold JSONL (the Wikinews-fr 2012 format), or PLOVER's GSR file."),
    ],
    inputs: Annotated[
        list[str] | None, typer.Argument(help="With --code: files, folders, or - for stdin.")
    ] = None,
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Predictions: JSONL from 'code --out'.")
    ] = None,
    code_inputs: Annotated[
        bool, typer.Option("--code", help="Code INPUTS now, in memory, and score them.")
    ] = False,
    lang: LangOption = None,
    scope: Annotated[
        EvalScope,
        typer.Option(help="gold: score only gold articles; all: others count as no events."),
    ] = EvalScope.gold,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown (default).")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="Also list missed and false events per article.")
    ] = False,
) -> None:
    """Score events on (type, actor, recipient) against a gold file: P/R/F1 per type.

    PLOVER's gold-standard records (PLOVER_GSR_CAMEO.txt, a JSON array) carry their own
    sentences: `--code` with no INPUT codes them, each as a one-sentence article.
    """
    from wirecoder import evaluate as ev
    from wirecoder import gsr, misses

    gold = _readable_twice(gold)
    if (pred is None) == (not code_inputs) or (pred is not None and inputs):
        raise _fail("give either --pred PRED.jsonl or --code INPUT..., not both")
    if gsr.is_gsr(gold):
        _evaluate_gsr(gold, pred, lang, scope, as_json, markdown, errors)
        return
    if code_inputs and not inputs:
        raise _fail("--code needs the files or folders to code: --code INPUT...")
    if as_json and (markdown or errors):
        raise _fail("choose one output: --json, or --markdown with or without --errors")
    listing = ""
    try:
        truth = ev.read_gold(gold)
        if pred is not None:
            predicted = ev.read_predictions(pred)
            if errors:
                listing = misses.list_errors(gold, misses.read_results(pred))
        else:
            from wirecoder.pipeline import Polyglot

            results, quarantined = misses.code_results(inputs or [], Polyglot(), lang=lang)
            predicted = ev.predicted_events(results)
            if errors:
                listing = misses.list_errors(gold, results)
            if quarantined:
                typer.echo(
                    f"quarantined {len(quarantined)} records, e.g. {quarantined[0].record}: "
                    f"{quarantined[0].reason}",
                    err=True,
                )
        report = ev.evaluate(truth, predicted, scope=scope.value)
    except (ev.EvaluationError, ModelNotInstalledError, LexiconError) as exc:
        raise _fail(str(exc)) from exc
    _print(report, as_json, listing)


def _print(report: Report, as_json: bool, listing: str = "") -> None:
    from wirecoder.evaluate_format import format_markdown, report_to_dict

    if as_json:
        typer.echo(json.dumps(report_to_dict(report), indent=2))
    else:
        typer.echo(format_markdown(report), nl=False)
        if listing:
            typer.echo("\n## Errors (missed gold events, false alarms)\n\n```")
            typer.echo(listing + "```")


def _evaluate_gsr(
    gold: Path,
    pred: Path | None,
    lang: str | None,
    scope: EvalScope,
    as_json: bool,
    md: bool,
    errors: bool = False,
) -> None:
    """Score the coder on PLOVER's gold-standard records (see wirecoder.gsr)."""
    from wirecoder import evaluate as ev
    from wirecoder import gsr, misses

    if as_json and (md or errors):
        raise _fail("choose one output: --json, or --markdown with or without --errors")
    listing = ""
    try:
        truth, articles = gsr.read_gsr(gold, lang=lang or "en")
        if pred is not None:
            predicted = ev.read_predictions(pred)
            results = misses.read_results(pred) if errors else []
        else:
            from wirecoder.pipeline import Polyglot

            results = list(Polyglot().code_many(articles))
            predicted = ev.predicted_events(results)
        if errors:
            listing = misses.list_gsr_errors(truth, results)
        report = ev.evaluate(truth, gsr.generic_igos(predicted), scope=scope.value)
    except (ev.EvaluationError, ModelNotInstalledError, LexiconError) as exc:
        raise _fail(str(exc)) from exc
    _print(report, as_json, listing)
