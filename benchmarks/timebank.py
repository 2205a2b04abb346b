"""Date benchmark on the French TimeBank (ISO-TimeML): how many gold dates find_dates gets right.

Each ``.tml`` document gives its creation date in ``<DCT>`` (the base date) and its time
expressions as ``<TIMEX3>`` elements inside ``<TEXT>``. The script strips the tags, keeping the
offsets of every TIMEX3 in the plain text, runs :func:`wirecoder.when.find_dates` on that text
with the DCT as base, and reports:

- recall: the share of gold ``type="DATE"`` expressions found with the right value (a prediction
  that overlaps the gold span and has the same value);
- precision: the share of predicted spans that overlap a gold TIMEX3 of any type (DATE, TIME,
  DURATION, SET): a prediction elsewhere is a false alarm.

The same run scores dateparser alone as a baseline: ``search_dates(text, languages=["fr"])``
with the DCT as ``RELATIVE_BASE``, each found string given the grain dateparser itself reports
for it (``DateDataParser.get_date_data(...).period``: day, week, month or year).

Run:  .venv/bin/python benchmarks/timebank.py [--data DIR] [--misses]
Always exits 0 when the data is there: it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from wirecoder.when import DateRules, find_dates

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "fr-timebank-dev"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class Document:
    name: str
    dct: str
    text: str
    timexes: tuple[Timex, ...]


Span = tuple[int, int, str, str]  # start, end, value, text
Predictor = Callable[[Document], list[Span]]


def read_tml(path: Path) -> Document:
    """The plain text of ``<TEXT>``, its TIMEX3 spans, and the DCT value."""
    root = ElementTree.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise ValueError(f"{path}: no <DCT><TIMEX3> or no <TEXT>")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(element: ElementTree.Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                text = "".join(parts)[start:end]
                timexes.append(
                    Timex(start, end, child.get("type", ""), child.get("value", ""), text)
                )
            if child.tail:
                parts.append(child.tail)

    walk(body)
    return Document(path.stem, dct.get("value", ""), "".join(parts), tuple(timexes))


def ours(doc: Document) -> list[Span]:
    return [(e.start, e.end, e.value, e.text) for e in find_dates(doc.text, doc.dct, "fr")]


def dateparser_alone(doc: Document) -> list[Span]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(doc.dct)
    settings = {"RELATIVE_BASE": base}
    found = search_dates(doc.text, languages=["fr"], settings=settings) or []
    grains = DateDataParser(languages=["fr"], settings=settings)
    spans: list[Span] = []
    at = 0
    for text, when in found:
        start = doc.text.find(text, at)
        if start < 0:
            continue
        at = start + len(text)
        period = grains.get_date_data(text).period or "day"
        year, week, _ = when.isocalendar()
        value = {
            "year": f"{when.year:04d}",
            "month": f"{when.year:04d}-{when.month:02d}",
            "week": f"{year:04d}-W{week:02d}",
        }.get(period, when.date().isoformat())
        spans.append((start, at, value, text))
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    gold: int = 0
    right: int = 0
    predicted: int = 0
    overlapping: int = 0
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.overlapping / self.predicted if self.predicted else 0.0


def score(docs: Iterable[Document], predict: Predictor, misses: list[str] | None = None) -> Score:
    result = Score()
    for doc in docs:
        began = time.perf_counter()
        spans = predict(doc)
        result.seconds += time.perf_counter() - began
        dates = [t for t in doc.timexes if t.type == "DATE"]
        result.gold += len(dates)
        for gold in dates:
            hits = [s for s in spans if _overlaps(s[:2], (gold.start, gold.end))]
            if any(s[2] == gold.value for s in hits):
                result.right += 1
            elif misses is not None:
                got = ", ".join(f"{s[3]!r}={s[2]}" for s in hits) or "nothing"
                misses.append(f"{doc.name} DCT {doc.dct}: {gold.text!r} = {gold.value}, got {got}")
        result.predicted += len(spans)
        for s in spans:
            if any(_overlaps(s[:2], (t.start, t.end)) for t in doc.timexes):
                result.overlapping += 1
            elif misses is not None:
                misses.append(f"{doc.name} DCT {doc.dct}: false alarm {s[3]!r} = {s[2]}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="folder of .tml files")
    parser.add_argument("--misses", action="store_true", help="list what wirecoder got wrong")
    args = parser.parse_args(argv)
    paths = sorted(args.data.glob("*.tml"))
    if not paths:
        print(f"no .tml files in {args.data}: the French TimeBank sits in ../shared/data")
        return 1
    docs = [read_tml(p) for p in paths]
    DateRules.load("fr")
    misses: list[str] = []
    rows = [("wirecoder find_dates", score(docs, ours, misses))]
    rows.append(("dateparser alone (baseline)", score(docs, dateparser_alone)))
    gold = rows[0][1].gold
    print(f"French TimeBank: {len(docs)} documents, {gold} gold DATE expressions\n")
    print(f"{'system':30} {'right value':>12} {'overlap':>9} {'predicted':>10} {'seconds':>8}")
    for name, s in rows:
        print(f"{name:30} {s.recall:12.3f} {s.precision:9.3f} {s.predicted:10d} {s.seconds:8.2f}")
    if args.misses:
        print("\n" + "\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
