"""Exports of a store: flat events (Parquet, CSV), the contract (JSONL), PLOVER's own JSON.

- ``parquet`` and ``csv``: the ``events_flat`` view, one row per event mention, with its
  cluster (``cluster_id``, see ``wirecoder.dedup``); in CSV a list (``contexts``, sectors) is
  written as a JSON array, ``null`` as an empty cell and an empty text as ``""`` (DuckDB reads
  it back with ``read_csv(..., allow_quoted_nulls = false)``).
- ``jsonl``: one line per article, the output contract (``wirecoder.contract``).
- ``plover``: one line per event in the field names of the PLOVER manual ("PLOVER JSON"):
  ``id``, ``date``, ``actor``/``recipient`` (lists of entity objects: ``code``, ``sector``,
  ``entity_text``, ``office``, plus ``entity_name`` and ``sectors``), ``event``, ``mode``,
  ``context`` (with the auxiliary modes — historical, future, hypothetical, negation — which the
  manual puts there), ``event_loc`` (the manual's location object), ``event_text``,
  ``quad_code``, ``event_scale`` (the Goldstein score), ``link`` (the event's cluster, shared
  by every article reporting the same event), ``text_info``, ``cite_info``, ``coder``;
  ``cameo`` and ``confidence`` ride along as extra named fields, as the manual allows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

from wirecoder.contract import dumps_line
from wirecoder.store import Store

__all__ = ["FORMATS", "ExportFormat", "export", "plover_record"]

ExportFormat = Literal["parquet", "csv", "jsonl", "plover"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "plover")
_FLAT = (
    "SELECT f.*, coalesce(c.cluster_id, f.id) AS cluster_id FROM events_flat f "
    "LEFT JOIN event_clusters c ON c.event_id = f.id ORDER BY f.article_id, f.seq"
)
_PLOVER = (
    "SELECT f.*, coalesce(c.cluster_id, f.id) AS cluster_id, a.url, a.title, a.language, "
    "a.dateline_agency FROM events_flat f LEFT JOIN event_clusters c ON c.event_id = f.id "
    "JOIN articles a ON a.id = f.article_id ORDER BY f.article_id, f.seq"
)
_NEGATION = "negation"
_LISTS = ("contexts", "actor_sectors", "recipient_sectors")


def export(store: Store, format: str, out: str | Path) -> int:
    """Write the store to ``out`` in ``format``; returns how many records were written."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    out = Path(out)
    if format == "jsonl":
        with out.open("w", encoding="utf-8") as sink:
            count = 0
            for result in store.results():
                sink.write(dumps_line(result) + "\n")
                count += 1
            return count
    with closing(store.cursor()) as cur:
        if format in ("parquet", "csv"):
            sql, options = _FLAT, "FORMAT parquet"
            if format == "csv":
                lists = ", ".join(f"to_json({c}) AS {c}" for c in _LISTS)
                sql, options = f"SELECT * REPLACE ({lists}) FROM ({_FLAT})", "FORMAT csv, HEADER"
            cur.execute(f"COPY ({sql}) TO ? ({options})", [str(out)])
            [(count,)] = cur.execute("SELECT count(*) FROM events").fetchall()
            return int(count)
        count = 0
        with out.open("w", encoding="utf-8") as sink:
            for row in _rows(cur.execute(_PLOVER)):
                sink.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
                count += 1
        return count


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event row (``events_flat`` with ``cluster_id`` and the article's ``url``,
    ``title``, ``language``, ``dateline_agency``) in PLOVER's JSON fields."""
    context = list(row["contexts"] or [])
    if row["aux_mode"]:
        context.append(row["aux_mode"])
    if row["negated"]:
        context.append(_NEGATION)
    record: dict[str, Any] = {
        "id": row["id"],
        "date": row["date"],
        "actor": _entities(row, "actor"),
        "recipient": _entities(row, "recipient"),
        "event": [row["type"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": context,
        "event_loc": _location(row),
        "event_text": [row["sentence"]],
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "link": row["cluster_id"],
        "text_info": {"start": row["start"], "end": row["end"]},
        "cite_info": {
            "citation": row["article_id"],
            "url": row["url"],
            "title": row["title"],
            "language": row["language"],
            "publication": row["dateline_agency"],
            "coder": f"wirecoder {_version()}",
            "codebook": "plover-base",
        },
        "coder": f"wirecoder {_version()}",
        "cameo": row["cameo"],
        "confidence": row["confidence"],
    }
    return record


def _entities(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if row[f"{side}_text"] is None:
        return []
    sectors = list(row[f"{side}_sectors"] or [])
    return [
        {
            "code": row[f"{side}_country"] or row[f"{side}_igo"],
            "sector": sectors[0] if sectors else None,
            "entity_text": row[f"{side}_text"],
            "entity_name": row[f"{side}_name"],
            "office": row[f"{side}_role"],
            "sectors": sectors,
        }
    ]


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["location_name"] is None:
        return None
    return {
        "extracted_place": row["location_name"],
        "resolved_place": row["location_name"],
        "geonameid": row["location_geonames_id"],
        "lat": row["location_lat"],
        "lon": row["location_lon"],
        "country_code": row["location_country"],
    }


def _rows(cur: Any) -> Iterator[dict[str, Any]]:
    names = [column[0] for column in cur.description]
    for chunk in iter(lambda: cur.fetchmany(1000), []):
        for values in chunk:
            yield dict(zip(names, values, strict=True))


def _version() -> str:
    try:
        return version("wirecoder")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "dev"
