"""Pipeline benchmarks: throughput against bare ``nlp.pipe``, Dask scaling, memory, a profile.

The corpus is ``../shared/data/wikinews-fr-2012`` (HTML) copied three times with distinct file
names, hence distinct article ids. Every timing excludes loading the model.

- ``throughput``: the whole pipeline (read HTML + code + store + dedup, ``wirecoder.run``) and
  bare ``spacy.load(model).pipe`` on the texts extracted beforehand, alternately, ``--rounds``
  times each, in one process; reports the median of each and their ratio (target ≥ 0.85).
  Each round first empties both pipelines' lemmatizer caches, as for a corpus neither has
  seen (``--warm`` keeps them: the corpus is three copies, so later rounds hit every word).
  ``--mode`` picks the pipeline: ``here`` parses in the run's own process (``local_engine``),
  ``apart`` in a parse process of its own while the run codes the batch before
  (``Polyglot(parse_apart=True)`` and ``overlapped_engine``, what ``wirecoder code`` does on two
  cores), ``both`` (the default) runs the two side by side in each round. CPU seconds count
  every thread and the parse process.
- ``scaling``: ``run`` on a LocalCluster of 1 then 2 workers (cluster started and model loaded
  before the clock starts), and the machine's own limit: one bare ``nlp.pipe`` process on all
  the texts, then two on one half each, started together; reports the speed-ups and their
  ratio (target ≥ 0.9), and each worker's peak resident memory (target ≤ 1.2 GB).
- ``stages``: each stage alone over the whole corpus, timed without a profiler.
- ``profile``: cProfile of one single-process run, time grouped by stage (``--top N``: also
  the N functions with the most time of their own).

Run:  .venv/bin/python benchmarks/pipeline.py throughput|scaling|stages|profile [--copies 3]
Always exits 0: it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wirecoder.ingest import read_paths
from wirecoder.language import Language
from wirecoder.records import Article
from wirecoder.run import local_engine, overlapped_engine, run
from wirecoder.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "wikinews-fr-2012"


def make_corpus(folder: Path, copies: int) -> list[str]:
    """Copy the corpus ``copies`` times into ``folder``; the extracted texts, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for page in sorted(CORPUS.glob("*.html")):
            shutil.copy(page, folder / f"c{copy}-{page.name}")
    return [a.text for a in read_paths([folder], lang="fr") if isinstance(a, Article)]


def load_info() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def bare(texts: list[str], model: str) -> float:
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:8]))  # warm up
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - began


def forget(nlp: object) -> None:
    """Empty the lemmatizer's cache, so that a round meets the corpus as unseen text."""
    for _, pipe in getattr(nlp, "pipeline", []):
        cache = getattr(pipe, "cache", None)
        if isinstance(cache, dict):
            cache.clear()


def throughput(args: argparse.Namespace) -> None:
    import spacy

    from wirecoder.pipeline import Coder, Polyglot

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        texts = make_corpus(folder, args.copies)
        print(f"corpus: {len(texts)} articles, {words(texts)} words; {load_info()}")
        model = Language.load("fr").model
        nlp = spacy.load(model)
        list(nlp.pipe(texts[:8]))
        modes = ["here", "apart"] if args.mode == "both" else [args.mode]
        here = Coder(lang="fr") if "here" in modes else None
        if here is not None:
            list(here.code_many(texts[:8]))
        apart: Polyglot | None = None
        times: dict[str, list[float]] = {m: [] for m in ["bare", *modes]}
        cpus: dict[str, list[float]] = {m: [] for m in ["bare", *modes]}
        for n in range(args.rounds):
            if not args.warm:
                forget(nlp)
                if here is not None:
                    forget(here.parser.nlp)  # type: ignore[attr-defined]
            began, cpu = time.perf_counter(), time.process_time()
            for _ in nlp.pipe(texts, batch_size=32):
                pass
            times["bare"].append(time.perf_counter() - began)
            cpus["bare"].append(time.process_time() - cpu)
            line = f"round {n}: bare {times['bare'][-1]:.2f} s (CPU {cpus['bare'][-1]:.2f} s)"
            for mode in modes:
                if mode == "apart" and (apart is None or not args.warm):
                    if apart is not None:  # a fresh child: its lemmatizer has seen nothing
                        apart.close()
                    apart = Polyglot(parse_apart=True)
                    list(
                        apart.code_many(
                            [Article(f"w{i}", t, lang="fr") for i, t in enumerate(texts[:8])]
                        )
                    )
                engine = (
                    local_engine(here) if mode == "here" else overlapped_engine(apart)  # type: ignore[arg-type]
                )
                child = apart.coders["fr"].parser if mode == "apart" and apart else None
                cpu, child_cpu = time.process_time(), _cpu_of(child)
                with Store(Path(tmp) / f"run{n}-{mode}.duckdb") as store:
                    summary = run([folder], store, engine, lang="fr", ahead=args.ahead)
                times[mode].append(summary.seconds)
                cpus[mode].append(time.process_time() - cpu + _cpu_of(child) - child_cpu)
                line += f", {mode} {summary.seconds:.2f} s (CPU {cpus[mode][-1]:.2f} s)"
            print(f"{line}; {load_info()}")
        if apart is not None:
            apart.close()
        b = statistics.median(times["bare"])
        print(f"bare nlp.pipe: {len(texts) / b:.1f} articles/s ({words(texts) / b:.0f} words/s)")
        for mode in modes:
            f = statistics.median(times[mode])
            # CPU seconds of every thread and of the parse process: the work done, whatever
            # the load; a wall-clock ratio above it means the work overlapped on a second core
            cpu_ratio = statistics.median(cpus["bare"]) / statistics.median(cpus[mode])
            print(
                f"pipeline ({mode}): {len(texts) / f:.1f} articles/s; ratio to bare "
                f"{b / f:.3f} (target >= 0.85), CPU-time ratio {cpu_ratio:.3f}"
            )
        print(load_info())


def _cpu_of(parser: object) -> float:
    """CPU seconds a parse process has used (0 for none)."""
    pid = getattr(parser, "pid", None)
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _bare_process(texts: list[str], go: Path) -> subprocess.Popen[str]:
    """A process that loads the model, waits for ``go`` to exist, then parses ``texts``."""
    data = Path(tempfile.mkstemp(suffix=".json")[1])
    data.write_text(json.dumps(texts), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, __file__, "bare-worker", str(data), str(go)],
        stdout=subprocess.PIPE,
        text=True,
    )


def bare_worker(args: argparse.Namespace) -> None:
    import spacy

    texts = json.loads(Path(args.data).read_text(encoding="utf-8"))
    nlp = spacy.load(Language.load("fr").model)
    list(nlp.pipe(texts[:4]))
    print("ready", flush=True)
    while not Path(args.go).exists():
        time.sleep(0.01)
    began = time.time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    print(json.dumps({"began": began, "ended": time.time()}), flush=True)


def machine_limit(texts: list[str]) -> tuple[float, float]:
    """Seconds of one bare process on all texts, and of two on one half each, at once."""
    spans = []
    for parts in ([texts], [texts[0::2], texts[1::2]]):
        go = Path(tempfile.mkdtemp()) / "go"
        procs = [_bare_process(part, go) for part in parts]
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        go.touch()
        times = []
        for proc in procs:
            out, _ = proc.communicate()
            times.append(json.loads(out))
        spans.append(max(t["ended"] for t in times) - min(t["began"] for t in times))
    return spans[0], spans[1]


def _peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def scaling(args: argparse.Namespace) -> None:
    from wirecoder.scaleout import dask_client, dask_engine, warm

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        texts = make_corpus(folder, args.copies)
        print(f"corpus: {len(texts)} articles, {words(texts)} words; {load_info()}")
        one, two = machine_limit(texts)
        print(f"bare: 1 process {one:.2f} s, 2 processes on halves {two:.2f} s")
        limit = one / two
        seconds = {}
        for workers in (1, 2):
            with dask_client(workers=workers) as client:
                client.run(warm, ["fr"], None, args.batch_size)
                with Store(Path(tmp) / f"w{workers}.duckdb") as store:
                    engine = dask_engine(
                        client, Path(tmp) / f"run{workers}", batch_size=args.batch_size
                    )
                    summary = run([folder], store, engine, lang="fr", batch_size=args.batch_size)
                seconds[workers] = summary.seconds
                peaks = client.run(_peak_rss_kb)
            mb = ", ".join(f"{kb / 1024:.0f} MB" for kb in peaks.values())
            print(f"--workers {workers}: {summary.seconds:.2f} s ({summary.line()}); peak RSS {mb}")
        speedup = seconds[1] / seconds[2]
        print(f"machine limit (bare 1 → 2 processes): {limit:.2f}x")
        print(f"wirecoder --workers 1 → 2: {speedup:.2f}x")
        print(
            f"ratio: {speedup / limit:.2f} (target >= 0.9); client peak RSS "
            f"{_peak_rss_kb() / 1024:.0f} MB; {load_info()}"
        )


def stages(args: argparse.Namespace) -> None:
    """The pipeline's stages timed one after the other on the whole corpus (no profiler)."""
    import spacy

    from wirecoder.dedup import dedup
    from wirecoder.pipeline import Coder, code_doc

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        make_corpus(folder, args.copies)
        coder = Coder(lang="fr")
        nlp = spacy.load(Language.load("fr").model)
        list(coder.code_many(["Bakou, 1 mars 2023 - Le ministre a rencontré l'ambassadeur."]))
        print(load_info())
        timings: dict[str, float] = {}

        def clock(label: str, began: float) -> None:
            timings[label] = time.perf_counter() - began

        began = time.perf_counter()
        articles = [a for a in read_paths([folder], lang="fr") if isinstance(a, Article)]
        clock("read (HTML → text)", began)
        began = time.perf_counter()
        prepared = [coder._prepare(a, n) for n, a in enumerate(articles)]
        clock("datelines + dateline place", began)
        bodies = [a.text[d.body_start :] for a, d in prepared]
        began = time.perf_counter()
        for _ in nlp.pipe(bodies, batch_size=32):
            pass
        clock("bare nlp.pipe on the bodies (reference)", began)
        began = time.perf_counter()
        docs = list(coder.parser.parse_many(bodies, batch_size=32))
        clock("parse (normalise + hyphen compounds + nlp.pipe)", began)
        began = time.perf_counter()
        results = [code_doc(doc, a, d, coder) for doc, (a, d) in zip(docs, prepared, strict=True)]
        clock("code_doc (actors, events, dates, places)", began)
        with Store(Path(tmp) / "s.duckdb") as store:
            began = time.perf_counter()
            for n in range(0, len(results), 32):
                store.stored_events([r.article for r in results[n : n + 32]])
                store.write(results[n : n + 32])
            clock("store (skip check + write, per 32)", began)
            began = time.perf_counter()
            dedup(store)
            clock("dedup", began)
        total = sum(v for k, v in timings.items() if "reference" not in k)
        for label, seconds in timings.items():
            print(f"  {seconds:6.2f} s  {100 * seconds / total:5.1f} %  {label}")
        print(f"  {total:6.2f} s  total (without the reference)")


def profile(args: argparse.Namespace) -> None:
    from wirecoder.pipeline import Coder

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        make_corpus(folder, args.copies)
        coder = Coder(lang="fr")
        list(coder.code_many(["Bakou, 1 mars 2023 - Le ministre a rencontré l'ambassadeur."]))
        profiler = cProfile.Profile()
        with Store(Path(tmp) / "p.duckdb") as store:
            profiler.enable()
            summary = run([folder], store, local_engine(coder), lang="fr")
            profiler.disable()
        print(summary.line())
        stats = pstats.Stats(profiler)
        total = summary.seconds
        groups = {
            "parse (spaCy nlp.pipe)": ("spacy/language.py", "pipe"),
            "read (trafilatura, decode)": ("wirecoder/ingest.py", "read_paths"),
            "datelines": ("wirecoder/dateline.py", "parse_dateline"),
            "code_doc (actors, events, dates, places)": ("wirecoder/pipeline.py", "code_doc"),
            "  events: sentence_events": ("wirecoder/events/extract.py", "sentence_events"),
            "  dates: find_dates": ("wirecoder/when/__init__.py", "find_dates"),
            "  places: place_mentions": ("wirecoder/pipeline.py", "place_mentions"),
            "store writes": ("wirecoder/store.py", "write"),
            "quarantine writes": ("wirecoder/store.py", "add_quarantined"),
            "skip check (stored_events)": ("wirecoder/store.py", "stored_events"),
            "dedup": ("wirecoder/dedup.py", "dedup"),
        }
        raw = stats.stats  # type: ignore[attr-defined]
        print(f"total {total:.2f} s; cumulative time by stage:")
        for label, (path, name) in groups.items():
            cumulative = sum(
                v[3] for (file, _, func), v in raw.items() if file.endswith(path) and func == name
            )
            print(f"  {cumulative:6.2f} s  {100 * cumulative / total:5.1f} %  {label}")
        if args.top:
            stats.sort_stats("tottime").print_stats(args.top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("throughput", "scaling", "stages", "profile"):
        p = sub.add_parser(name)
        p.add_argument("--copies", type=int, default=3)
        p.add_argument("--rounds", type=int, default=3)
        p.add_argument("--batch-size", type=int, default=32)
        p.add_argument("--top", type=int, default=0, help="profile: also the top N functions")
        p.add_argument(
            "--warm",
            action="store_true",
            help="throughput: keep the lemmatizer's cache from one round to the next",
        )
        p.add_argument(
            "--mode",
            choices=["here", "apart", "both"],
            default="both",
            help="throughput: the pipeline parsing in this process, in a process of its own, "
            "or both side by side",
        )
        p.add_argument(
            "--ahead", type=int, default=None, help="records read ahead in a thread (0: none)"
        )
    worker = sub.add_parser("bare-worker")
    worker.add_argument("data")
    worker.add_argument("go")
    args = parser.parse_args(argv)
    commands = {"throughput": throughput, "scaling": scaling, "stages": stages}
    commands.update({"profile": profile, "bare-worker": bare_worker})
    commands[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
