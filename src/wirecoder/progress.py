"""What a coding run shows while it runs: a rich progress bar on a terminal, nothing elsewhere.

:func:`run_display` gives the two callbacks ``wirecoder.run.run`` takes: one after each
batch, one for each quarantined record (printed above the bar, or as a plain line to stderr
when stderr is not a terminal, so logs stay greppable).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from wirecoder.records import Quarantined
from wirecoder.run import RunSummary

__all__ = ["RunDisplay", "run_display"]


@dataclass(frozen=True, slots=True)
class RunDisplay:
    """The callbacks of a run's display."""

    on_batch: Callable[[RunSummary], None]
    on_quarantine: Callable[[Quarantined], None]


@contextmanager
def run_display(console: Console | None = None) -> Iterator[RunDisplay]:
    """A progress bar when ``console`` (stderr by default) is a terminal; plain lines else."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield RunDisplay(
            on_batch=lambda summary: None,
            on_quarantine=lambda item: console.print(
                f"quarantined {item.record}: {item.reason}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            ),
        )
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "records · {task.fields[events]} events · {task.fields[quarantined]} quarantined"
        ),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("coding", total=None, events=0, quarantined=0)

        def on_batch(summary: RunSummary) -> None:
            progress.update(
                task,
                completed=summary.read,
                events=summary.events,
                quarantined=summary.quarantined,
            )

        def on_quarantine(item: Quarantined) -> None:
            progress.console.print(f"quarantined {escape(item.record)}: {escape(item.reason)}")

        yield RunDisplay(on_batch, on_quarantine)
