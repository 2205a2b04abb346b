"""The PLOVER ontology, read from ``ontology/plover.yaml``.

Each type and mode carries the CAMEO code, Goldstein score and QuadClass that an event is
given for compatibility with CAMEO-coded data; :meth:`Ontology.from_cameo` goes the other way,
from a CAMEO code to a PLOVER type and mode. Nothing is read at import time:
:meth:`Ontology.load` reads and checks the file once, on first use.

Every error is an :class:`OntologyError` (a ``KeyError``): an unknown type asked for, or a
data file whose entries do not resolve (its message names the entry and what to fix).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

__all__ = ["CameoInfo", "ModeInfo", "Ontology", "OntologyError", "TypeInfo"]

_FILE = "ontology/plover.yaml"


class OntologyError(KeyError):
    """An unknown PLOVER type or a malformed ontology file; the message says which."""

    def __str__(self) -> str:  # KeyError would print its message quoted
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class ModeInfo:
    """One mode of a type: the CAMEO code and scores of an event with that mode."""

    name: str
    cameo: str
    goldstein: float
    plover_score: float | None = None
    mutual: bool = False  # done by each side to the other: coordinated actors are each other's


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """One of the 16 PLOVER event types."""

    name: str
    quad_class: int  # 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
    requires_recipient: bool
    symmetric: bool  # both sides act jointly: the direction of the event means nothing
    cameo: str  # the code of an event of this type with no mode, or a mode it does not have
    goldstein: float
    plover_score: float | None = None
    modes: tuple[ModeInfo, ...] = ()

    def mode(self, name: str | None) -> ModeInfo | None:
        """The mode called ``name``, or None when this type has no such mode."""
        return next((m for m in self.modes if m.name == name), None)


@dataclass(frozen=True, slots=True)
class CameoInfo:
    """What one CAMEO code is in PLOVER."""

    code: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    goldstein: float


@dataclass(frozen=True, slots=True)
class Ontology:
    """Types, modes, contexts, auxiliary modes, sectors and the CAMEO table, as read."""

    types: Mapping[str, TypeInfo]
    cameo: Mapping[str, CameoInfo]
    contexts: Mapping[str, str]  # context name → what it covers
    sectors: Mapping[str, str]  # sector code → who it covers
    aux_modes: Mapping[str, str]  # historical, future, hypothetical → meaning
    future_as: Mapping[str, str]  # type → the type that its future-tense reports are coded as

    @classmethod
    @functools.cache
    def load(cls) -> Ontology:
        """Read and check ``ontology/plover.yaml`` from the package data (once)."""
        try:
            text = (resources.files("wirecoder") / _FILE).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise OntologyError(f"{_FILE} is missing: reinstall wirecoder ({exc})") from exc
        return _build(yaml.safe_load(text))

    def info(self, type: str) -> TypeInfo:
        """The type called ``type``; an :class:`OntologyError` naming it if there is none."""
        try:
            return self.types[type]
        except KeyError:
            known = ", ".join(self.types)
            raise OntologyError(f"unknown PLOVER type {type!r}: use one of {known}") from None

    def score(self, type: str, mode: str | None) -> tuple[str | None, float | None, int | None]:
        """(CAMEO code, Goldstein score, QuadClass) of ``type`` with ``mode``.

        The mode's own code and score when the type has that mode, else the type's defaults.
        """
        info = self.info(type)
        found = info.mode(mode)
        if found is None:
            return info.cameo, info.goldstein, info.quad_class
        return found.cameo, found.goldstein, info.quad_class

    def is_symmetric(self, type: str) -> bool:
        """Whether both sides of ``type`` act jointly, so that its direction means nothing."""
        return self.info(type).symmetric

    def is_mutual(self, type: str, mode: str | None) -> bool:
        """Whether ``type`` in ``mode`` is done by each side to the other (a ceasefire):
        coordinated actors with no recipient named are each other's recipients."""
        found = self.info(type).mode(mode)
        return found is not None and found.mutual

    def requires_recipient(self, type: str) -> bool:
        """Whether the manual requires a recipient for ``type``."""
        return self.info(type).requires_recipient

    def modes(self, type: str) -> tuple[str, ...]:
        """The names of the modes that the manual defines for ``type`` (maybe none)."""
        return tuple(m.name for m in self.info(type).modes)

    def from_cameo(self, code: str) -> tuple[str, str | None] | None:
        """PLOVER (type, mode) of a CAMEO code, from its longest listed prefix.

        None when no prefix is listed: CAMEO 01 and 02 have no PLOVER type.
        """
        code = code.strip()
        for end in range(len(code), 1, -1):
            entry = self.cameo.get(code[:end])
            if entry is not None:
                return entry.type, entry.mode
        return None


def _build(raw: Any) -> Ontology:
    where = _FILE
    try:
        contexts = _texts(raw["contexts"])
        types: dict[str, TypeInfo] = {}
        for name, entry in raw["types"].items():
            where = f"{_FILE}: types.{name}"
            types[name] = _type(name, entry)
        cameo: dict[str, CameoInfo] = {}
        for code, entry in raw["cameo"].items():
            where = f"{_FILE}: cameo.{code}"
            cameo[code] = _cameo(code, entry, types, contexts)
        where = _FILE
        used = {t.cameo for t in types.values()} | {
            m.cameo for t in types.values() for m in t.modes
        }
        if missing := sorted(used - set(cameo)):
            raise OntologyError(f"CAMEO {', '.join(missing)} used in types: add to cameo")
        future_as = _texts(raw["future_as"])
        if unknown := sorted({*future_as, *future_as.values()} - set(types)):
            raise OntologyError(f"future_as names unknown types {unknown}")
        return Ontology(
            types=MappingProxyType(types),
            cameo=MappingProxyType(cameo),
            contexts=contexts,
            sectors=_texts(raw["sectors"]),
            aux_modes=_texts(raw["aux_modes"]),
            future_as=future_as,
        )
    except OntologyError as exc:
        raise OntologyError(f"{where}: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise OntologyError(f"{where}: malformed entry ({exc!r}): fix the file") from exc


def _type(name: str, entry: Mapping[str, Any]) -> TypeInfo:
    modes = tuple(
        ModeInfo(
            str(m),
            _code(e["cameo"]),
            float(e["goldstein"]),
            _opt(e, "plover_score"),
            bool(e.get("mutual", False)),
        )
        for m, e in (entry.get("modes") or {}).items()
    )
    return TypeInfo(
        name=name,
        quad_class=int(entry["quad_class"]),
        requires_recipient=bool(entry["requires_recipient"]),
        symmetric=bool(entry["symmetric"]),
        cameo=_code(entry["cameo"]),
        goldstein=float(entry["goldstein"]),
        plover_score=_opt(entry, "plover_score"),
        modes=modes,
    )


def _cameo(
    code: Any, entry: Mapping[str, Any], types: Mapping[str, TypeInfo], contexts: Mapping[str, str]
) -> CameoInfo:
    info = CameoInfo(
        code=_code(code),
        type=str(entry["type"]),
        mode=None if entry["mode"] is None else str(entry["mode"]),
        contexts=tuple(str(c) for c in entry["context"] or ()),
        goldstein=float(entry["goldstein"]),
    )
    if info.type not in types:
        raise OntologyError(f"unknown type {info.type!r}: use one of {', '.join(types)}")
    if info.mode is not None and types[info.type].mode(info.mode) is None:
        allowed = ", ".join(m.name for m in types[info.type].modes) or "none (use null)"
        raise OntologyError(f"{info.type} has no mode {info.mode!r}: use {allowed}")
    if unknown := [c for c in info.contexts if c not in contexts]:
        raise OntologyError(f"unknown contexts {unknown}: add them to contexts")
    return info


def _texts(section: Mapping[Any, Any]) -> Mapping[str, str]:
    return MappingProxyType({str(k): str(v) for k, v in section.items()})


def _code(value: Any) -> str:
    if not isinstance(value, str) or not value.isdigit():
        raise ValueError(f'CAMEO code {value!r} must be a quoted string of digits, e.g. "040"')
    return value


def _opt(entry: Mapping[str, Any], key: str) -> float | None:
    value = entry.get(key)
    return None if value is None else float(value)
