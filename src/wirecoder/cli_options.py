"""What the CLI's commands share: options and the one-line failure (``wirecoder.cli``,
``wirecoder.cli_actors``, ``wirecoder.cli_code``, ``wirecoder.cli_evaluate``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["DEFAULT_DB", "DbOption", "LangOption", "ModelOption", "fail"]

DEFAULT_DB = Path("wirecoder.duckdb")
DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB file of coded events.")]

LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Code every article in this language (default: detect each)."),
]
ModelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--model", help="Point a language to another installed spaCy pipeline: LANG=NAME_OR_PATH."
    ),
]


def fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code=1)
