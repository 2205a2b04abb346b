"""Parquet shards: the coded results of one batch, as a Dask worker hands them to the writer.

A shard is one Parquet file with one row per record of the batch, in input order, and two
nullable struct columns: ``result`` (an :class:`ArticleResult`, nested as the records are:
article, dateline, events with their sides and evidence) and ``quarantined`` (a
:class:`Quarantined`: a record coding failed on). The Arrow types follow the records' own type
hints, so a shard reads back into records equal to those written (floats and ``None``
included). Files are written to a temporary name and renamed: a shard is whole or absent.
"""

from __future__ import annotations

import os
import types
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import pyarrow as pa
import pyarrow.parquet as pq

from wirecoder.records import ArticleResult, Quarantined

__all__ = ["read_shard", "shard_schema", "write_shard"]

T = TypeVar("T")
_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
}


@cache
def shard_schema() -> pa.Schema:
    """The Arrow schema of a shard, derived from the records' type hints."""
    return pa.schema(
        [
            pa.field("result", _arrow_type(ArticleResult)),
            pa.field("quarantined", _arrow_type(Quarantined)),
        ]
    )


def write_shard(
    path: str | Path, results: list[ArticleResult], quarantined: list[Quarantined]
) -> Path:
    """Write one batch's results and coding failures to ``path`` (atomically)."""
    path = Path(path)
    rows = [{"result": _plain(r), "quarantined": None} for r in results]
    rows += [{"result": None, "quarantined": _plain(q)} for q in quarantined]
    table = pa.Table.from_pylist(rows, schema=shard_schema())
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    pq.write_table(table, partial)
    os.replace(partial, path)
    return path


def read_shard(path: str | Path) -> tuple[list[ArticleResult], list[Quarantined]]:
    """The results and coding failures of a shard, in the order they were written."""
    results: list[ArticleResult] = []
    quarantined: list[Quarantined] = []
    for row in pq.read_table(path, schema=shard_schema()).to_pylist():
        if row["result"] is not None:
            results.append(_record(ArticleResult, row["result"]))
        elif row["quarantined"] is not None:
            quarantined.append(_record(Quarantined, row["quarantined"]))
    return results, quarantined


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _optional(hint: Any) -> Any:
    """``X`` of ``X | None``; ``hint`` itself otherwise."""
    if get_origin(hint) in (Union, types.UnionType):
        present = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(present) == 1:
            return present[0]
    return hint


def _arrow_type(hint: Any) -> pa.DataType:
    hint = _optional(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    if get_origin(hint) is tuple:
        return pa.list_(_arrow_type(get_args(hint)[0]))
    if isinstance(hint, type) and is_dataclass(hint):
        return pa.struct(
            [pa.field(f.name, _arrow_type(_hints(hint)[f.name])) for f in fields(hint)]
        )
    raise TypeError(f"no Arrow type for {hint!r}: add it to wirecoder.shards")


def _plain(value: Any) -> Any:
    """A record as nested dicts and lists, the shape ``pa.Table.from_pylist`` reads."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _record(cls: type[T], data: dict[str, Any]) -> T:
    hints = _hints(cls)
    return cls(**{name: _value(hints[name], value) for name, value in data.items()})


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    hint = _optional(hint)
    if get_origin(hint) is tuple:
        item = get_args(hint)[0]
        return tuple(_value(item, v) for v in value)
    if isinstance(hint, type) and is_dataclass(hint):
        return _record(hint, value)
    return value
