"""Scale-out on Dask: workers code batches and write Parquet shards; this process stores them.

:func:`dask_engine` is a ``wirecoder.run`` engine: it submits each batch to a Dask worker,
keeping a few batches in flight per worker, and yields them back in input order once their
shard is written. Each worker process keeps one :class:`Polyglot` coder (each language's
pipeline loaded the first time one of its articles comes, then reused: :func:`worker_coder`). A
worker writes a batch's results to ``run_dir/NNNNNN.parquet`` (``wirecoder.shards``); the
client reads the shard and writes it to DuckDB, the only process that does (one writer).

On a cluster of several machines ``run_dir`` must be a folder every worker and the client can
reach by the same path (a shared file system).

    with dask_client(workers=2) as client:              # LocalCluster: processes, 1 thread each
        summary = run(paths, store, dask_engine(client, run_dir))
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirecoder.records import Article, Quarantined
from wirecoder.run import Batch, Coded, Engine, code_batch
from wirecoder.shards import read_shard, write_shard

if TYPE_CHECKING:
    from distributed import Client

    from wirecoder.pipeline import Polyglot

__all__ = ["ScaleOutError", "code_shard", "dask_client", "dask_engine", "worker_coder"]

_CODERS: dict[tuple[tuple[tuple[str, str], ...], int], Polyglot] = {}


class ScaleOutError(RuntimeError):
    """The Dask cluster cannot be started or reached; the message says what to do."""


def worker_coder(models: Mapping[str, str] | None = None, batch_size: int = 32) -> Polyglot:
    """This process's coder: loaded on first use, then kept (each language on first need)."""
    key = (tuple(sorted((models or {}).items())), batch_size)
    if key not in _CODERS:
        from wirecoder.pipeline import Polyglot

        _CODERS[key] = Polyglot(batch_size=batch_size, models=models)
    return _CODERS[key]


def warm(languages: Sequence[str], models: Mapping[str, str] | None, batch_size: int = 32) -> int:
    """Load the languages' pipelines in this worker now (``client.run``): fails early, and
    loads in parallel."""
    coder = worker_coder(models, batch_size)
    for lang in languages:
        coder.coder(lang)
    return os.getpid()


def code_shard(
    articles: tuple[Article, ...],
    path: str,
    models: Mapping[str, str] | None = None,
    batch_size: int = 32,
) -> str:
    """A worker task: code ``articles`` and write them as a shard at ``path``."""
    results, failed = code_batch(worker_coder(models, batch_size), articles)
    write_shard(path, results, failed)
    return path


@contextmanager
def dask_client(*, workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a new local one with ``workers``
    processes of one thread each (closed on exit)."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="5s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ScaleOutError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}): start it "
                "(dask scheduler) or check the address"
            ) from exc
        with client:
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # a free port: never collide with another cluster
            worker_dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def dask_engine(
    client: Client,
    run_dir: str | Path,
    *,
    models: Mapping[str, str] | None = None,
    batch_size: int = 32,
    in_flight: int | None = None,
) -> Engine:
    """An engine that codes batches on ``client``'s workers through shards in ``run_dir``."""
    folder = Path(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    depth = in_flight or 2 * workers + 1

    def engine(work: Iterator[Batch]) -> Iterator[Coded]:
        pending: deque[tuple[Batch, Any]] = deque()
        warmed = False
        for batch in work:
            if not warmed and batch.articles:  # the first batch's languages, on every worker
                client.run(
                    warm, sorted({a.lang or "fr" for a in batch.articles}), models, batch_size
                )
                warmed = True
            if not batch.articles:
                pending.append((batch, None))
            else:
                path = str((folder / f"{batch.index:06d}.parquet").resolve())
                task = client.submit(
                    code_shard, batch.articles, path, models, batch_size, pure=False
                )
                pending.append((batch, task))
            while len(pending) >= depth:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())

    return engine


def _collect(batch: Batch, task: Any) -> Coded:
    """The coded batch of a finished task; every article quarantined if the task failed."""
    if task is None:
        return Coded(batch, ())
    try:
        path = task.result()
    except Exception as exc:  # a worker lost or a task error: the batch is quarantined, not lost
        reason = f"worker failed ({type(exc).__name__}: {exc}): code the record again"
        failed = tuple(
            Quarantined(a.id, " ".join(reason.split()), a.source) for a in batch.articles
        )
        return Coded(batch, (), failed)
    results, failed_list = read_shard(path)
    Path(path).unlink(missing_ok=True)
    return Coded(batch, tuple(results), tuple(failed_list))
